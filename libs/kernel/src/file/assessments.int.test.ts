import { rows } from '@chengxin/db';
import type { TestDatabase } from '@chengxin/db/testing';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { KernelContext } from '../core';
import { AppError } from '../core';
import { buildFixture, migratedTestDatabase, testContext, testEngines, type Fixture } from '../core/testing';
import { listAssessments, recordAssessment } from './assessments';
import { createDraft, transition } from '../records';

const sanction = (personId: string, sanctionType: 'warning' | 'demerit', decisionDate: string, no: string) => ({
  subject: { kind: 'person' as const, personId },
  typeKey: 'disciplinary_sanction',
  severity: 'ordinary' as const,
  sanctionType,
  facts: '违反中央八项规定精神，违规收受礼金',
  legalBasis: '《中华人民共和国公职人员政务处分法》第三十四条',
  decisionNo: no,
  decisionDate,
  issuingAuthority: '天津市河西区监察委员会',
  disclosureScope: 'government' as const,
  payload: {},
  linkTo: [],
});

const refusal = (p: Promise<unknown>) =>
  p.then(
    () => null,
    (e: unknown) => (e instanceof AppError ? e : null),
  );

describe.each(testEngines())('annual assessment results on %s', (engine) => {
  let db: TestDatabase;
  let ctx: KernelContext;
  let f: Fixture;
  let warned: string;

  beforeAll(async () => {
    process.env['CHENGXIN_TODAY'] = '2026-11-20';
    db = await migratedTestDatabase(engine);
    ctx = testContext(db);
    f = await buildFixture(ctx);
    // A warning effective 2025-03-10 (6 months) binds the clerk's 2025 assessment; a demerit in 2024 leaves 2024 ungraded for the official.
    warned = (await createDraft(ctx, sanction(f.clerk, 'warning', '2025-03-10', '河西纪〔2025〕3号'))).id;
    const demerit = (await createDraft(ctx, sanction(f.official, 'demerit', '2024-05-06', '河西纪〔2024〕8号'))).id;
    for (const id of [warned, demerit])
      for (const a of ['submit', 'approve', 'publish'] as const) await transition(ctx, a, id);
  });
  afterAll(async () => {
    delete process.env['CHENGXIN_TODAY'];
    await db.dispose();
  });

  it('refuses 优秀 for a person with an effective sanction that year, naming the record and the rule, and writes nothing', async () => {
    const e = await refusal(
      recordAssessment(ctx, { personId: f.clerk, year: 2025, grade: 'excellent', assessingOrgId: f.hexiStreet }),
    );
    expect(e).toMatchObject({ appCode: 'ASSESSMENT_EXCELLENT_NOT_ELIGIBLE', field: 'grade' });
    expect(e!.messageZh).toContain('不得评为优秀');
    expect(e!.issues!.map((i) => (i as unknown as { recordId: string }).recordId)).toContain(warned);
    const [n] = await rows<{ n: number }>(db.db, sql`select count(*)::int as n from kernel.assessment_result`);
    expect(n!.n).toBe(0);
    const ok = await recordAssessment(ctx, {
      personId: f.clerk,
      year: 2025,
      grade: 'competent',
      assessingOrgId: f.hexiStreet,
    });
    expect(ok).toMatchObject({
      year: 2025,
      grade: 'competent',
      gradeZh: '称职',
      assessingOrgName: '天津市河西区友谊路街道办事处',
    });
  });

  it('allows 优秀 in a year the sanction does not touch', async () => {
    expect(
      await recordAssessment(ctx, { personId: f.clerk, year: 2024, grade: 'excellent', assessingOrgId: f.hexiStreet }),
    ).toMatchObject({ gradeZh: '优秀' });
  });

  it('a 记过 year is assessed without a grade: any grade but 不定等次 is refused', async () => {
    const e = await refusal(
      recordAssessment(ctx, { personId: f.official, year: 2024, grade: 'competent', assessingOrgId: f.hexiFinance }),
    );
    expect(e).toMatchObject({ appCode: 'ASSESSMENT_GRADE_NOT_ALLOWED', field: 'grade' });
    expect(
      await recordAssessment(ctx, {
        personId: f.official,
        year: 2024,
        grade: 'ungraded',
        assessingOrgId: f.hexiFinance,
      }),
    ).toMatchObject({ gradeZh: '不定等次' });
  });

  it('refuses a second result for the same person and year, a future year and an unknown body', async () => {
    expect(
      await refusal(
        recordAssessment(ctx, { personId: f.clerk, year: 2025, grade: 'competent', assessingOrgId: f.hexiStreet }),
      ),
    ).toMatchObject({ appCode: 'ASSESSMENT_DUPLICATE', field: 'year' });
    expect(
      await refusal(
        recordAssessment(ctx, { personId: f.clerk, year: 2027, grade: 'competent', assessingOrgId: f.hexiStreet }),
      ),
    ).toMatchObject({ appCode: 'ASSESSMENT_YEAR_IN_FUTURE', field: 'year' });
    expect(
      await refusal(
        recordAssessment(ctx, {
          personId: f.clerk,
          year: 2023,
          grade: 'competent',
          assessingOrgId: '01900000-0000-7000-8000-0000000000ff',
        }),
      ),
    ).toMatchObject({ appCode: 'ORG_NOT_FOUND', field: 'assessingOrgId' });
    expect((await listAssessments(db.db, f.clerk)).map((a) => a.year)).toEqual([2025, 2024]);
  });
});
