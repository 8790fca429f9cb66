/**
 * The complete integrity file on both engines: training (entry, register import, requirement), the honour bar and its
 * override, the confidential sections, the file as one document (HTML and PDF with the font embedded), coverage and
 * reporting completeness — each with the refusals its bad input gets, and nothing written by a refusal.
 */
import { inflateSync } from 'node:zlib';
import { rows } from '@chengxin/db';
import type { TestDatabase } from '@chengxin/db/testing';
import ExcelJS from 'exceljs';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EVERYWHERE } from '../access';
import type { KernelContext } from '../core';
import { shanghaiDate } from '@chengxin/contract';
import { fileDocument } from './documents/file-document';
import { renderHtml } from './documents/html';
import { renderPdf } from './documents/pdf';
import { AppError } from '../core';
import {
  buildFixture,
  idNumberFor,
  migratedTestDatabase,
  testContext,
  testEngines,
  type Fixture,
} from '../core/testing';
import { createPerson } from '../registry';
import { recordAssessment } from './assessments';
import { overrideHonourBar } from './commendations';
import { checkPersonalMatter, recordCleanGovernment, recordPersonalMatter } from './confidential';
import { coverage } from './coverage';
import { integrityFile } from './files';
import { ingest, correct, createDraft, transition } from '../records';
import { completeness, declareNil, saveSource } from './reporting';
import { completionRate, createSession, importTraining, recordCompletion, saveCourse } from './training';

const refusal = (p: Promise<unknown>) =>
  p.then(
    () => null,
    (e: unknown) => (e instanceof AppError ? e : null),
  );
const count = async (db: TestDatabase, table: string) =>
  (await rows<{ n: number }>(db.db, sql`select count(*)::int as n from ${sql.raw(table)}`))[0]!.n;
const csv = (lines: string[]) => Buffer.from(`\uFEFF${lines.join('\r\n')}\r\n`).toString('base64');
const honour = (
  subject: { kind: 'person'; personId: string } | { kind: 'org'; orgId: string },
  decisionDate: string,
  no: string,
) => ({
  subject,
  typeKey: 'commendation',
  severity: 'minor' as const,
  facts: '年度考核优秀，给予嘉奖',
  legalBasis: '《公务员奖励规定》',
  decisionNo: no,
  decisionDate,
  issuingAuthority: '天津市河西区人民政府',
  disclosureScope: 'public' as const,
  payload: {},
  linkTo: [],
});

// The file shows what was entered by the as-of day, by the database's clock: read it as of the real today.
const NOW = shanghaiDate();

describe.each(testEngines())('the complete integrity file on %s', (engine) => {
  let db: TestDatabase;
  let ctx: KernelContext;
  let f: Fixture;
  let warning: string;
  let course: { all: string; leading: string; optional: string };
  let sessions: { all2025: string; leading2025: string };

  beforeAll(async () => {
    process.env['CHENGXIN_TODAY'] = '2026-11-20';
    db = await migratedTestDatabase(engine);
    ctx = testContext(db);
    f = await buildFixture(ctx);
    // The clerk's warning binds 2025-03-10 to 2025-09-10 (six months).
    warning = (
      await createDraft(ctx, {
        subject: { kind: 'person', personId: f.clerk },
        typeKey: 'disciplinary_sanction',
        severity: 'ordinary',
        sanctionType: 'warning',
        facts: '违规收受礼金',
        legalBasis: '《中华人民共和国公职人员政务处分法》第三十四条',
        decisionNo: '河西纪〔2025〕3号',
        decisionDate: '2025-03-10',
        issuingAuthority: '天津市河西区监察委员会',
        disclosureScope: 'government',
        payload: {},
        linkTo: [],
      })
    ).id;
    for (const a of ['submit', 'approve', 'publish'] as const) await transition(ctx, a, warning);
    course = {
      all: (
        await saveCourse(ctx, {
          code: 'CX-T1',
          title: '政务诚信建设专题',
          hours: 3,
          organiser: '天津市发展和改革委员会',
          audience: 'all',
        })
      ).id,
      leading: (
        await saveCourse(ctx, {
          code: 'CX-T2',
          title: '领导干部诚信履职',
          hours: 4,
          organiser: '天津市人力资源和社会保障局',
          audience: 'leading',
        })
      ).id,
      optional: (
        await saveCourse(ctx, {
          code: 'CX-T3',
          title: '信用修复实务',
          hours: 2,
          organiser: '天津市发展和改革委员会',
          audience: 'optional',
        })
      ).id,
    };
    sessions = {
      all2025: (await createSession(ctx, { courseId: course.all, startsOn: '2025-04-10', endsOn: '2025-04-10' })).id,
      leading2025: (
        await createSession(ctx, { courseId: course.leading, startsOn: '2025-10-12', endsOn: '2025-10-13' })
      ).id,
    };
  }, 120_000);
  afterAll(async () => {
    delete process.env['CHENGXIN_TODAY'];
    await db.dispose();
  });

  describe('training', () => {
    it('refuses a completion for an unknown course, beyond the course hours, outside its session, or twice; writes nothing', async () => {
      const before = await count(db, 'kernel.training_completion');
      expect(
        await refusal(
          recordCompletion(ctx, {
            personId: f.clerk,
            courseId: '01900000-0000-7000-8000-00000000dead',
            completedOn: '2025-04-10',
          }),
        ),
      ).toMatchObject({ appCode: 'COURSE_NOT_FOUND', field: 'courseId' });
      expect(
        await refusal(
          recordCompletion(ctx, {
            personId: '01900000-0000-7000-8000-00000000beef',
            courseId: course.all,
            completedOn: '2025-04-10',
          }),
        ),
      ).toMatchObject({ appCode: 'PERSON_NOT_FOUND', field: 'personId' });
      expect(
        await refusal(
          recordCompletion(ctx, { personId: f.clerk, courseId: course.all, completedOn: '2025-04-10', hours: 3.5 }),
        ),
      ).toMatchObject({ appCode: 'TRAINING_HOURS_EXCEED_COURSE', field: 'hours' });
      expect(
        await refusal(
          recordCompletion(ctx, {
            personId: f.clerk,
            courseId: course.all,
            sessionId: sessions.all2025,
            completedOn: '2025-04-11',
          }),
        ),
      ).toMatchObject({ appCode: 'COMPLETION_OUTSIDE_SESSION', field: 'completedOn' });
      expect(
        await refusal(recordCompletion(ctx, { personId: f.clerk, courseId: course.all, completedOn: '2026-12-01' })),
      ).toMatchObject({ appCode: 'DATE_IN_FUTURE', field: 'completedOn' });
      expect(await count(db, 'kernel.training_completion')).toBe(before);
      const done = await recordCompletion(ctx, {
        personId: f.clerk,
        courseId: course.all,
        sessionId: sessions.all2025,
        completedOn: '2025-04-10',
      });
      expect(done).toMatchObject({ courseCode: 'CX-T1', hours: 3, sourceSystem: 'chengxin' });
      expect(
        await refusal(recordCompletion(ctx, { personId: f.clerk, courseId: course.all, completedOn: '2025-04-10' })),
      ).toMatchObject({ appCode: 'TRAINING_COMPLETION_DUPLICATE' });
    });

    it('imports a CSV register all or nothing, with every bad row and column named, and again without duplicates', async () => {
      const before = await count(db, 'kernel.training_completion');
      const bad = await refusal(
        importTraining(ctx, {
          format: 'csv',
          sourceSystem: 'hexi-register',
          columns: {},
          contentBase64: csv([
            '身份证号,课程编号,完成日期,学时',
            `${f.officialIdNumber},CX-T2,2025-10-13,4`,
            '120103197805120000,CX-T2,2025-10-13,4',
            `${f.officialIdNumber},CX-NOPE,2025/10/13,`,
            `${f.officialIdNumber},CX-T3,2025-13-01,0.3`,
          ]),
        }),
      );
      expect(bad).toMatchObject({ appCode: 'BATCH_REJECTED' });
      // Indexes are the file's lines (0-based): the heading is line 1, so the bad rows are lines 3, 4 and 5.
      expect(bad!.issues!.map((i) => [i.index, i.field])).toEqual([
        [2, '身份证号'],
        [3, '课程编号'],
        [4, '完成日期'],
        [4, '学时'],
      ]);
      expect(bad!.issues![0]!.messageZh).not.toMatch(/\d{6,}/);
      expect(bad!.messageZh).toContain('第3行');
      expect(await count(db, 'kernel.training_completion')).toBe(before);

      const good = {
        format: 'csv' as const,
        sourceSystem: 'hexi-register',
        columns: {},
        contentBase64: csv([
          '身份证号,课程编号,完成日期,学时',
          `${f.officialIdNumber},CX-T2,2025-10-13,4`,
          `${f.officialIdNumber},CX-T1,2025/4/10,`,
        ]),
      };
      expect(await importTraining(ctx, good)).toEqual({ rows: 2, imported: 2, unchanged: 0 });
      expect(await importTraining(ctx, good)).toEqual({ rows: 2, imported: 0, unchanged: 2 });
      expect(await count(db, 'kernel.training_completion')).toBe(before + 2);
    });

    it('reads hours only as plain decimals and counts blank lines when naming the line', async () => {
      const e = await refusal(
        importTraining(ctx, {
          format: 'csv',
          sourceSystem: 'hexi-register',
          columns: {},
          contentBase64: csv([
            '身份证号,课程编号,完成日期,学时',
            '',
            `${f.officialIdNumber},CX-T3,2025-09-01,0x10`,
            `${f.officialIdNumber},CX-T3,2025-09-02,1e1`,
          ]),
        }),
      );
      expect(e!.issues!.map((i) => [i.index, i.field, i.code])).toEqual([
        [2, '学时', 'TRAINING_HOURS_OUT_OF_RANGE'],
        [3, '学时', 'TRAINING_HOURS_OUT_OF_RANGE'],
      ]);
    });

    it('imports an XLSX register with its own headings and dates typed as dates', async () => {
      const book = new ExcelJS.Workbook();
      const sheet = book.addWorksheet('培训台账');
      sheet.addRow(['证件号码', '课程', '结业日期']);
      sheet.addRow([f.officialIdNumber, 'CX-T3', new Date(Date.UTC(2025, 8, 5))]);
      const contentBase64 = Buffer.from(await book.xlsx.writeBuffer()).toString('base64');
      const missing = await refusal(
        importTraining(ctx, { format: 'xlsx', sourceSystem: 'hexi-register', columns: {}, contentBase64 }),
      );
      expect(missing).toMatchObject({ appCode: 'TABLE_COLUMN_MISSING', field: 'columns' });
      expect(
        await importTraining(ctx, {
          format: 'xlsx',
          sourceSystem: 'hexi-register',
          columns: { idNumber: '证件号码', courseCode: '课程', completedOn: '结业日期' },
          contentBase64,
        }),
      ).toEqual({ rows: 1, imported: 1, unchanged: 0 });
      const [row] = await rows<{ d: string; h: number }>(
        db.db,
        sql`select completed_on::text as d, hours::float8 as h from kernel.training_completion where course_id = ${course.optional}`,
      );
      expect(row).toEqual({ d: '2025-09-05', h: 2 });
      expect(
        await refusal(
          importTraining(ctx, {
            format: 'xlsx',
            sourceSystem: 'x',
            columns: {},
            contentBase64: Buffer.from('not a workbook').toString('base64'),
          }),
        ),
      ).toMatchObject({ appCode: 'XLSX_MALFORMED' });
    });

    it("shows hours per year against the requirement and the missing mandatory courses; a body's completion rate", async () => {
      const file = await integrityFile(db.db, { kind: 'person', personId: f.official }, NOW);
      const y2025 = file.sections.training!.years.find((y) => y.year === 2025)!;
      // A leading cadre (principal post): 12 hours by default; 4 + 3 + 2 = 9 taken, every mandatory course done.
      expect(y2025).toEqual({ year: 2025, hours: 9, required: 12, met: false, missingMandatory: [] });
      const clerk = (
        await integrityFile(db.db, { kind: 'person', personId: f.clerk }, NOW)
      ).sections.training!.years.find((y) => y.year === 2025)!;
      expect(clerk).toEqual({ year: 2025, hours: 3, required: 6, met: false, missingMandatory: [] });
      // Someone appointed in November (in 南开) is not charged with the April session of a mandatory course.
      const late = (
        await createPerson(ctx, {
          name: '赵新',
          idNumber: idNumberFor('120104', '1996-04-04', 77),
          tenure: { orgId: f.nankai, postTitle: '四级主任科员', principal: false, startDate: '2025-11-01' },
        })
      ).id;
      expect(
        (await integrityFile(db.db, { kind: 'person', personId: late }, NOW)).sections.training!.years.find(
          (y) => y.year === 2025,
        ),
      ).toMatchObject({ hours: 0, missingMandatory: [] });
      const rate = await completionRate(db.db, f.hexi, 2025, true);
      expect(rate).toMatchObject({ persons: 2, met: 0, rate: 0, hoursTotal: 12 });
      await recordCompletion(ctx, { personId: f.clerk, courseId: course.leading, completedOn: '2025-10-13' });
      expect(await completionRate(db.db, f.hexi, 2025, true)).toMatchObject({ persons: 2, met: 1, rate: 0.5 });
    });
  });

  describe('commendations', () => {
    it('bars approving an honour while a dishonesty record binds, naming it; a reasoned override lets it through, audited', async () => {
      const barred = (
        await createDraft(ctx, honour({ kind: 'person', personId: f.clerk }, '2025-05-01', '河西奖〔2025〕1号'))
      ).id;
      await transition(ctx, 'submit', barred);
      const e = await refusal(transition(ctx, 'approve', barred));
      expect(e).toMatchObject({ appCode: 'COMMENDATION_NOT_ELIGIBLE' });
      expect(e!.messageZh).toContain('纪律处分');
      expect(e!.issues![0]!.messageEn).toContain(warning);
      expect(
        (await rows<{ status: string }>(db.db, sql`select status from kernel.credit_record where id = ${barred}`))[0]!
          .status,
      ).toBe('submitted');

      const o = await overrideHonourBar(ctx, {
        recordId: barred,
        reason: '处分已执行完毕，本人表现突出，经集体研究同意表彰',
      });
      expect(o).toMatchObject({ recordId: barred, blockingRecordIds: [warning] });
      expect(await transition(ctx, 'approve', barred)).toMatchObject({ status: 'approved' });
      const [entry] = await rows<{ detail: { reason: string } }>(
        db.db,
        sql`select detail from kernel.audit_log where action = 'record.honour_override' and entity_id = ${barred}`,
      );
      expect(entry!.detail.reason).toContain('集体研究');
    });

    it('meets the bar again when a granted honour is corrected to a barred day, in single corrections and in bulk', async () => {
      const granted = (
        await createDraft(ctx, honour({ kind: 'person', personId: f.clerk }, '2025-11-15', '河西奖〔2025〕5号'))
      ).id;
      for (const a of ['submit', 'approve'] as const) await transition(ctx, a, granted);
      const e = await refusal(
        correct(ctx, {
          recordId: granted,
          expectedVersion: 1,
          changes: { decisionDate: '2025-05-05' },
          reason: '更正决定日期',
        }),
      );
      expect(e).toMatchObject({ appCode: 'COMMENDATION_NOT_ELIGIBLE' });
      expect(
        (
          await rows<{ v: number }>(
            db.db,
            sql`select current_version as v from kernel.credit_record where id = ${granted}`,
          )
        )[0]!.v,
      ).toBe(1);
      const row = (date: string) => ({
        sourceId: 'hc-1',
        ...honour({ kind: 'person', personId: f.clerk }, date, '河西奖〔2025〕6号'),
      });
      await ingest(ctx, [row('2025-11-16')], { sourceSystem: 'hexi-honours', initialStatus: 'approved' });
      expect(
        await refusal(ingest(ctx, [row('2025-05-06')], { sourceSystem: 'hexi-honours', initialStatus: 'approved' })),
      ).toMatchObject({ appCode: 'COMMENDATION_NOT_ELIGIBLE' });
    });

    it('needs no override once the record no longer binds; refuses an override then', async () => {
      const free = (
        await createDraft(ctx, honour({ kind: 'person', personId: f.clerk }, '2025-12-01', '河西奖〔2025〕2号'))
      ).id;
      await transition(ctx, 'submit', free);
      expect(await refusal(overrideHonourBar(ctx, { recordId: free, reason: '无需例外批准的测试理由' }))).toMatchObject(
        { appCode: 'HONOUR_OVERRIDE_NOT_NEEDED' },
      );
      expect(await transition(ctx, 'approve', free)).toMatchObject({ status: 'approved' });
    });

    it('refuses a barred honour arriving already approved in bulk, writing nothing of the batch', async () => {
      const before = await count(db, 'kernel.credit_record');
      const e = await refusal(
        ingest(
          ctx,
          [
            { sourceId: 'h-1', ...honour({ kind: 'person', personId: f.official }, '2025-05-02', '河西奖〔2025〕3号') },
            { sourceId: 'h-2', ...honour({ kind: 'person', personId: f.clerk }, '2025-05-02', '河西奖〔2025〕4号') },
          ],
          { sourceSystem: 'hexi-honours', initialStatus: 'approved' },
        ),
      );
      expect(e).toMatchObject({ appCode: 'BATCH_REJECTED' });
      expect(e!.issues).toEqual([
        expect.objectContaining({ index: 1, field: 'subject', code: 'COMMENDATION_NOT_ELIGIBLE' }),
      ]);
      expect(await count(db, 'kernel.credit_record')).toBe(before);
    });
  });

  describe('confidential sections and the file as one document', () => {
    it('keeps personal-matter reports and clean-government records out of the ordinary file, in the confidential one', async () => {
      const m = await recordPersonalMatter(ctx, {
        personId: f.official,
        year: 2025,
        submittedOn: '2026-01-15',
        items: [{ category: 'property', summary: '本人及配偶房产2套' }],
        checkResult: 'not_checked',
      });
      expect(
        await refusal(
          recordPersonalMatter(ctx, {
            personId: f.official,
            year: 2025,
            submittedOn: '2026-01-16',
            items: [],
            checkResult: 'not_checked',
          }),
        ),
      ).toMatchObject({ appCode: 'PERSONAL_MATTER_DUPLICATE', field: 'year' });
      expect(
        await refusal(
          recordPersonalMatter(ctx, {
            personId: f.official,
            year: 2024,
            submittedOn: '2025-01-16',
            items: [],
            checkResult: 'omission',
          }),
        ),
      ).toMatchObject({ appCode: 'CHECKED_ON_REQUIRED', field: 'checkedOn' });
      expect(
        await refusal(checkPersonalMatter(ctx, { id: m.id, checkResult: 'omission', checkedOn: '2026-01-01' })),
      ).toMatchObject({ appCode: 'CHECK_DATE_INVALID' });
      expect(
        await checkPersonalMatter(ctx, {
          id: m.id,
          checkResult: 'omission',
          checkedOn: '2026-03-20',
          handling: '漏报房产1套，批评教育',
        }),
      ).toMatchObject({ checkResultZh: '漏报' });
      await recordCleanGovernment(ctx, {
        personId: f.official,
        kind: 'integrity_talk',
        occurredOn: '2026-04-01',
        summary: '任职廉政谈话',
        recordingOrgId: f.hexi,
      });
      // Auditors read the chain without the confidential permission: it holds the person and a digest, not the finding.
      const details = await rows<{ detail: Record<string, unknown> }>(
        db.db,
        sql`select detail from kernel.audit_log where action like 'personal_matter.%' or action = 'clean_government.record'`,
      );
      expect(details.map((d) => Object.keys(d.detail))).toEqual([['personId'], ['personId'], ['personId']]);
      // Before the check was made, the file shows the report as not yet checked.
      const beforeCheck = await integrityFile(db.db, { kind: 'person', personId: f.official }, '2026-02-01', {
        confidential: true,
      });
      expect(beforeCheck.sections.confidential!.personalMatters[0]).toMatchObject({
        checkResult: 'not_checked',
        checkedOn: null,
        handling: null,
      });
      // Two identical reports at once: one is recorded, the other refused cleanly.
      const twice = await Promise.all(
        [1, 2].map(() =>
          refusal(
            recordPersonalMatter(ctx, {
              personId: f.clerk,
              year: 2025,
              submittedOn: '2026-01-20',
              items: [],
              checkResult: 'not_checked',
            }),
          ),
        ),
      );
      expect(twice.filter((x) => x === null)).toHaveLength(1);
      expect(twice.find((x) => x !== null)).toMatchObject({ appCode: 'PERSONAL_MATTER_DUPLICATE' });
      await recordAssessment(ctx, {
        personId: f.official,
        year: 2025,
        grade: 'competent',
        assessingOrgId: f.hexiFinance,
      });

      const open = await integrityFile(db.db, { kind: 'person', personId: f.official }, NOW);
      expect(open.sections.confidential).toBeNull();
      const closed = await integrityFile(db.db, { kind: 'person', personId: f.official }, NOW, { confidential: true });
      expect(closed.sections.confidential!.personalMatters).toHaveLength(1);
      expect(closed.sections.confidential!.cleanGovernment[0]).toMatchObject({
        kindZh: '廉政谈话',
        recordingOrgName: '天津市河西区人民政府',
      });
      expect(closed.sections.assessments[0]).toMatchObject({ year: 2025, gradeZh: '称职' });
      // As of an earlier day the later entries are not there yet.
      const earlier = await integrityFile(db.db, { kind: 'person', personId: f.official }, '2025-12-31', {
        confidential: true,
      });
      expect(earlier.sections.confidential!.personalMatters).toHaveLength(0);
      expect(earlier.sections.training!.completions.every((c) => c.completedOn <= '2025-12-31')).toBe(true);
    });

    it('renders every section with its sources as a print page and a PDF with the Chinese font embedded; no full ID number anywhere', async () => {
      const file = await integrityFile(db.db, { kind: 'person', personId: f.clerk }, NOW);
      expect(file.sections.commendations.map((c) => c.override?.reason ?? null)).toEqual(
        expect.arrayContaining([expect.stringContaining('集体研究'), null]),
      );
      const doc = fileDocument(file, '2026-11-20');
      expect(doc.documentNo).toMatch(new RegExp(`^CXDA-${NOW.replaceAll('-', '')}-[0-9A-F]{12}$`));
      expect(fileDocument(file, '2026-11-21').documentNo).toBe(doc.documentNo);
      const html = renderHtml(doc);
      for (const title of [
        '一、基本信息',
        '三、失信记录与处分',
        '四、表彰奖励',
        '五、年度考核结果',
        '六、诚信教育',
        '七、异议、信用修复与限期整改',
        '河西纪〔2025〕3号',
        '经集体研究同意表彰',
        'CX-T1',
      ])
        expect(html).toContain(title);
      expect(html).not.toContain('个人有关事项报告');
      expect(html).not.toMatch(/\d{17}[\dX]/);
      const confidential = renderHtml(
        fileDocument(
          await integrityFile(db.db, { kind: 'person', personId: f.official }, NOW, { confidential: true }),
          '2026-11-20',
        ),
      );
      expect(confidential).toContain('八、个人有关事项报告（保密）');
      expect(confidential).toContain('漏报房产1套');
      expect(confidential).not.toContain(f.officialIdNumber);

      const pdf = await renderPdf(doc);
      const text = pdf.toString('latin1');
      expect(text.startsWith('%PDF-')).toBe(true);
      expect(text).toMatch(/\/BaseFont \/[A-Z]{6}\+NotoSansSC/);
      expect(text).toContain('/FontFile2');
      // The embedded font's ToUnicode map carries the characters drawn (诚 U+8BDA, 信 U+4FE1, 档 U+6863).
      const streams = [...text.matchAll(/stream\r?\n([\s\S]*?)\r?\nendstream/g)].map((m) => {
        try {
          return inflateSync(Buffer.from(m[1]!, 'latin1')).toString('latin1');
        } catch {
          return '';
        }
      });
      const cmap = streams
        .filter((s) => s.includes('begincmap'))
        .join('\n')
        .toLowerCase();
      for (const code of ['8bda', '4fe1', '6863']) expect(cmap).toContain(`<${code}>`);
    });
  });

  describe('coverage and reporting completeness', () => {
    it("counts bodies and civil servants with a file, grouped below the root, within the caller's scope", async () => {
      const city = await coverage(db.db, { year: 2025, groupBy: 'child' });
      const hexi = city.rows.find((r) => r.orgId === f.hexi)!;
      // 河西区: the district, its finance bureau and the street; the finance bureau has its principal; both people trained and one assessed.
      expect(hexi).toMatchObject({
        bodies: 3,
        bodiesWithFile: 1,
        persons: 2,
        withAssessment: 1,
        withTraining: 2,
        personsWithFile: 1,
        personShare: 0.5,
      });
      expect(city.total.persons).toBe(3);
      const byOrg = await coverage(db.db, { year: 2025, rootOrgId: f.hexi, groupBy: 'org' });
      expect(byOrg.rows.map((r) => r.orgName)).toEqual(
        expect.arrayContaining(['天津市河西区财政局', '天津市河西区友谊路街道办事处']),
      );
      const nankaiPath = (
        await rows<{ path: string }>(db.db, sql`select path from kernel.org_unit where id = ${f.nankai}`)
      )[0]!.path;
      const scoped = await coverage(db.db, { year: 2025, groupBy: 'child' }, { roots: [nankaiPath] });
      expect(scoped.rows.map((r) => r.orgId)).toEqual([f.nankai]);
      expect((await coverage(db.db, { year: 2025, groupBy: 'child' }, EVERYWHERE)).rows.length).toBe(city.rows.length);
    });

    it('tells on time, late, nil, silent and pending periods apart, by the working-day due date', async () => {
      const source = await saveSource(ctx, {
        code: 'hexi-penalty',
        name: '行政处罚信息（河西区财政局）',
        orgId: f.hexiFinance,
        kind: 'penalty',
        frequency: 'monthly',
        activeFrom: '2026-07-01',
      });
      expect(source.dueWorkingDays).toBe(7);
      const penalty = (no: string, decisionDate: string) => ({
        sourceId: no,
        subject: { kind: 'org', orgId: f.hexiFinance },
        typeKey: 'administrative_penalty',
        payload: { penaltyCategories: ['warning'], penaltyContent: '警告' },
        severity: 'ordinary',
        facts: '违规收费',
        legalBasis: '《中华人民共和国价格法》',
        decisionNo: no,
        decisionDate,
        issuingAuthority: '天津市河西区财政局',
        disclosureScope: 'public',
      });
      // August: reported on 3 September (on time); October: reported now, after its due day (late); September: a nil report on 9 October.
      const aug = await ingest(ctx, [penalty('P-08-1', '2026-08-12')], {
        sourceSystem: 'hexi-penalty',
        initialStatus: 'submitted',
      });
      await db.db.execute(
        sql`update kernel.credit_record set created_at = timestamptz '2026-09-03 10:00+08' where id = any(${sql.param(aug.ids)}::uuid[])`,
      );
      await ingest(ctx, [penalty('P-10-1', '2026-10-20')], {
        sourceSystem: 'hexi-penalty',
        initialStatus: 'submitted',
      });
      await declareNil(
        { ...ctx, today: () => '2026-10-09' },
        { sourceId: source.id, period: '2026-09', note: '本月无处罚决定' },
      );
      expect(await refusal(declareNil(ctx, { sourceId: source.id, period: '2026-Q3' }))).toMatchObject({
        appCode: 'PERIOD_FREQUENCY_MISMATCH',
        field: 'period',
      });
      expect(await refusal(declareNil(ctx, { sourceId: source.id, period: '2026-12' }))).toMatchObject({
        appCode: 'PERIOD_NOT_STARTED',
      });

      const result = await completeness(ctx, { from: '2026-06-01', to: '2026-11-20', sourceId: source.id });
      const by = Object.fromEntries(result.rows.map((r) => [r.period, r]));
      expect(Object.keys(by)).toEqual(['2026-07', '2026-08', '2026-09', '2026-10', '2026-11']);
      expect(by['2026-07']).toMatchObject({ state: 'silent', stateZh: '未报送', records: 0 });
      expect(by['2026-08']).toMatchObject({
        state: 'on_time',
        firstReportedOn: '2026-09-03',
        records: 1,
        lateRecords: 0,
      });
      // 30 September + 7 working days across the National Day holiday (1–7 October) and the working Saturday 10 October.
      expect(by['2026-09']).toMatchObject({
        state: 'on_time',
        nil: true,
        due: '2026-10-15',
        firstReportedOn: '2026-10-09',
      });
      expect(by['2026-10']).toMatchObject({ state: 'late', records: 1, lateRecords: 1 });
      expect(by['2026-11']).toMatchObject({ state: 'pending' });
      expect(result.lateOrSilent).toEqual([
        { sourceId: source.id, name: '行政处罚信息（河西区财政局）', late: 1, silent: 1 },
      ]);
      expect(await refusal(completeness(ctx, { from: '2020-01-01', to: '2026-11-20' }))).toMatchObject({
        appCode: 'RANGE_TOO_LONG',
        field: 'to',
      });
      expect(await refusal(completeness(ctx, { from: '2028-01-01', to: '2028-06-30' }))).toMatchObject({
        appCode: 'RANGE_TOO_FAR',
        field: 'to',
      });
    });
  });
});
