/**
 * The complete integrity file over HTTP through the typed client: who sees the confidential sections, the PDF export,
 * training and commendation input refused field by field, coverage and reporting completeness within a scope.
 */
import { rows } from '@chengxin/db';
import { testEngines } from '@chengxin/db/testing';
import { idNumberFor } from '@chengxin/kernel/testing';
import { startTestServer, TEST_PASSWORD, type TestRole, type TestServer } from '../testing';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createClient, TRPCClientError } from '@chengxin/client';

async function failure(p: Promise<unknown>) {
  const e = await p.then(
    () => null,
    (error: unknown) => error,
  );
  expect(e, 'expected the call to fail').toBeInstanceOf(TRPCClientError);
  return (
    e as {
      data: {
        code: string;
        appCode: string;
        field: string | null;
        messageZh: string;
        issues?: { index?: number; field: string; code: string; messageZh: string }[];
      };
    }
  ).data;
}

describe.each(testEngines())('the complete integrity file over HTTP on %s', (engine) => {
  let t: TestServer;
  const clients = new Map<string, ReturnType<typeof createClient>>();
  const as = (user: TestRole | `hexi.${TestRole}`) =>
    clients.get(user) ?? clients.set(user, createClient(t.url, { username: user, password: TEST_PASSWORD })).get(user)!;
  const count = async (table: string) =>
    (await rows<{ n: number }>(t.database.db, sql`select count(*)::int as n from ${sql.raw(table)}`))[0]!.n;
  const file = (personId: string) => ({ subject: { kind: 'person' as const, personId } });

  beforeAll(async () => {
    t = await startTestServer(engine);
    await as('personnel').kernel.confidential.recordPersonalMatter.mutate({
      personId: t.fixture.official,
      year: 2025,
      submittedOn: '2026-01-12',
      items: [{ category: 'travel', summary: '因私出境1次' }],
    });
  }, 120_000);
  afterAll(async () => t?.close());

  it('shows the confidential sections only through the procedures that declare the confidential permission', async () => {
    const open = await as('viewer').kernel.files.get.query(file(t.fixture.official));
    expect(open.sections.confidential).toBeNull();
    expect(await failure(as('viewer').kernel.files.getConfidential.query(file(t.fixture.official)))).toMatchObject({
      code: 'FORBIDDEN',
      appCode: 'PERMISSION_DENIED',
    });
    expect(
      await failure(as('reviewer').kernel.confidential.personalMatters.query({ personId: t.fixture.official })),
    ).toMatchObject({ appCode: 'PERMISSION_DENIED' });
    const closed = await as('personnel').kernel.files.getConfidential.query(file(t.fixture.official));
    expect(closed.sections.confidential!.personalMatters[0]).toMatchObject({
      year: 2025,
      items: [{ category: 'travel', summary: '因私出境1次' }],
      checkResultZh: '未核查',
    });
    const logged = await rows<{ action: string }>(
      t.database.db,
      sql`select action from kernel.access_log where subject_id = ${t.fixture.official} order by id`,
    );
    expect(logged.map((l) => l.action)).toEqual(expect.arrayContaining(['file.read', 'file.read_confidential']));
  });

  it('exports the file as a PDF with the font embedded, named by its document number only; each export is logged', async () => {
    const out = await as('viewer').kernel.files.export.query({ ...file(t.fixture.official), format: 'pdf' });
    expect(out).toMatchObject({
      contentType: 'application/pdf',
      encoding: 'base64',
      filename: `${out.documentNo}.pdf`,
    });
    const pdf = Buffer.from(out.content, 'base64').toString('latin1');
    expect(pdf.startsWith('%PDF-')).toBe(true);
    expect(pdf).toMatch(/\/BaseFont \/[A-Z]{6}\+NotoSansSC/);
    const html = await as('viewer').kernel.files.export.query({ ...file(t.fixture.official), format: 'html' });
    expect(html.content).toContain('公务员诚信档案');
    expect(html.content).not.toContain(t.fixture.officialIdNumber);
    expect(html.content).not.toContain('个人有关事项报告');
    expect(
      (await as('personnel').kernel.files.exportConfidential.query({ ...file(t.fixture.official), format: 'html' }))
        .content,
    ).toContain('因私出境1次');
    const [n] = await rows<{ n: number }>(
      t.database.db,
      sql`select count(*)::int as n from kernel.access_log where action like 'file.export%' and subject_id = ${t.fixture.official}`,
    );
    expect(n!.n).toBe(3);
  });

  it('refuses bad training, assessment and commendation input naming the field, writing nothing', async () => {
    const officer = as('officer');
    const course = await officer.kernel.training.saveCourse.mutate({
      code: 'CX-H1',
      title: '诚信教育',
      hours: 2,
      organiser: '天津市发展和改革委员会',
      audience: 'all',
    });
    const before = {
      completions: await count('kernel.training_completion'),
      records: await count('kernel.credit_record'),
      assessments: await count('kernel.assessment_result'),
    };
    expect(
      await failure(
        officer.kernel.training.recordCompletion.mutate({
          personId: t.fixture.clerk,
          courseId: course.id,
          completedOn: '2025-05-01',
          hours: 0.3,
        }),
      ),
    ).toMatchObject({ code: 'BAD_REQUEST', field: 'hours' });
    expect(
      await failure(
        officer.kernel.training.recordCompletion.mutate({
          personId: t.fixture.clerk,
          courseId: course.id,
          completedOn: '2025-02-30',
        }),
      ),
    ).toMatchObject({ field: 'completedOn' });
    expect(
      await failure(
        officer.kernel.training.saveCourse.mutate({
          code: 'CX H1',
          title: '诚信教育',
          hours: 2,
          organiser: '发改委',
          audience: 'all',
        }),
      ),
    ).toMatchObject({ field: 'code' });
    expect(
      await failure(
        officer.kernel.assessments.record.mutate({
          personId: t.fixture.clerk,
          year: 2025,
          grade: 'outstanding' as never,
          assessingOrgId: t.fixture.hexiStreet,
        }),
      ),
    ).toMatchObject({ field: 'grade' });
    const honour = {
      subject: { kind: 'person' as const, personId: t.fixture.clerk },
      typeKey: 'commendation',
      severity: 'minor' as const,
      facts: '年度考核优秀，给予嘉奖',
      legalBasis: '《公务员奖励规定》',
      decisionNo: '河西奖〔2025〕9号',
      decisionDate: '2025-12-01',
      disclosureScope: 'public' as const,
    };
    expect(await failure(officer.kernel.records.create.mutate({ ...honour, issuingAuthority: '' }))).toMatchObject({
      field: 'issuingAuthority',
    });
    const register = Buffer.from(
      `身份证号,课程编号,完成日期\n${t.fixture.officialIdNumber},CX-H1,2025-05-01\n110101190001011234,CX-H1,2025-05-01\n`,
    ).toString('base64');
    const bad = await failure(
      officer.kernel.training.import.mutate({ format: 'csv', contentBase64: register, sourceSystem: 'hexi-register' }),
    );
    expect(bad).toMatchObject({ appCode: 'BATCH_REJECTED' });
    expect(bad.issues![0]).toMatchObject({ index: 2, field: '身份证号' });
    expect(
      await failure(
        as('hexi.officer').kernel.training.saveCourse.mutate({
          code: 'CX-H2',
          title: '区级课程',
          hours: 2,
          organiser: '河西区',
          audience: 'all',
        }),
      ),
    ).toMatchObject({ appCode: 'CITY_SCOPE_REQUIRED' });
    expect({
      completions: await count('kernel.training_completion'),
      records: await count('kernel.credit_record'),
      assessments: await count('kernel.assessment_result'),
    }).toEqual(before);
    // A district officer's import finds only people serving in the district: a 南开 civil servant reads as unknown.
    const nankaiId = idNumberFor('120104', '1985-02-03', 57);
    await as('admin').kernel.persons.create.mutate({
      name: '南开科员',
      idNumber: nankaiId,
      tenure: { orgId: t.fixture.nankai, postTitle: '科员', principal: false, startDate: '2020-01-01' },
    });
    const both = (lines: string[]) =>
      Buffer.from(`身份证号,课程编号,完成日期\n${lines.join('\n')}\n`).toString('base64');
    const out = await failure(
      as('hexi.officer').kernel.training.import.mutate({
        format: 'csv',
        contentBase64: both([`${t.fixture.officialIdNumber},CX-H1,2025-05-01`, `${nankaiId},CX-H1,2025-05-01`]),
        sourceSystem: 'hexi-register',
      }),
    );
    expect(out.issues).toEqual([expect.objectContaining({ index: 2, field: '身份证号', code: 'PERSON_NOT_FOUND' })]);
    expect(
      await as('hexi.officer').kernel.training.import.mutate({
        format: 'csv',
        contentBase64: both([`${t.fixture.officialIdNumber},CX-H1,2025-05-01`]),
        sourceSystem: 'hexi-register',
      }),
    ).toEqual({ rows: 1, imported: 1, unchanged: 0 });
  });

  it("answers coverage and reporting completeness within the caller's scope", async () => {
    const city = await as('viewer').kernel.coverage.files.query({ year: 2025 });
    expect(city.rows.map((r) => r.orgId)).toEqual(expect.arrayContaining([t.fixture.hexi, t.fixture.nankai]));
    const hexi = await as('hexi.viewer').kernel.coverage.files.query({ year: 2025 });
    expect(hexi.rows.map((r) => r.orgId)).toEqual([t.fixture.hexi]);
    expect(hexi.definitionZh).toContain('已建档');
    expect(
      await failure(
        as('hexi.admin').kernel.coverage.saveSource.mutate({
          code: 'hexi-penalty',
          name: '河西处罚',
          orgId: t.fixture.hexiFinance,
          kind: 'penalty',
          frequency: 'monthly',
          activeFrom: '2026-01-01',
        }),
      ),
    ).toMatchObject({ appCode: 'CITY_SCOPE_REQUIRED' });
    const source = await as('admin').kernel.coverage.saveSource.mutate({
      code: 'hexi-penalty',
      name: '河西处罚',
      orgId: t.fixture.hexiFinance,
      kind: 'penalty',
      frequency: 'quarterly',
      activeFrom: '2026-01-01',
    });
    await as('hexi.officer').kernel.coverage.declareNil.mutate({ sourceId: source.id, period: '2026-Q1' });
    const report = await as('viewer').kernel.coverage.completeness.query({ from: '2026-01-01', to: '2026-06-30' });
    expect(report.rows.map((r) => [r.period, r.state])).toEqual([
      ['2026-Q1', 'late'],
      ['2026-Q2', 'silent'],
    ]);
    expect(
      await failure(as('viewer').kernel.coverage.completeness.query({ from: '2026-06-30', to: '2026-01-01' })),
    ).toMatchObject({ field: 'to' });
  });
});
