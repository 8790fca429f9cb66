/**
 * Issue 25 (legal review), findings 2, 4, 8 and 9 through the database: sanctions decided together, lifting withheld by
 * a new sanction, the assessment rules keyed on the year imposed next to the plan's bar, and the person honours reading.
 */
import type { TestDatabase } from '@chengxin/db/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { KernelContext } from '../core';
import { AppError } from '../core';
import type { SanctionType } from '@chengxin/contract';
import { buildFixture, migratedTestDatabase, testContext, testEngines, type Fixture } from '../core/testing';
import { annualAssessment, personHonoursEligibility, promotionEligibility } from '../file';
import { correct, createDraft, getRecordDetail, transition } from './records';

const sanction = (
  personId: string,
  sanctionType: SanctionType,
  decisionDate: string,
  no: string,
  payload: Record<string, unknown> = {},
) => ({
  subject: { kind: 'person' as const, personId },
  typeKey: 'disciplinary_sanction',
  severity: 'ordinary' as const,
  sanctionType,
  facts: '违规发放津贴补贴',
  legalBasis: '《中华人民共和国公职人员政务处分法》第三十三条',
  decisionNo: no,
  decisionDate,
  issuingAuthority: '天津市河西区监察委员会',
  disclosureScope: 'government' as const,
  payload,
  linkTo: [],
});
const refusal = (p: Promise<unknown>) =>
  p.then(
    () => null,
    (e: unknown) => (e instanceof AppError ? e : null),
  );

describe.each(testEngines())('sanction rules through the database on %s', (engine) => {
  let db: TestDatabase;
  let ctx: KernelContext;
  let f: Fixture;
  const confirm = async (id: string) => {
    for (const a of ['submit', 'approve', 'publish'] as const) await transition(ctx, a, id);
  };

  beforeAll(async () => {
    process.env['CHENGXIN_TODAY'] = '2026-11-20';
    db = await migratedTestDatabase(engine);
    ctx = testContext(db);
    f = await buildFixture(ctx);
  });
  afterAll(async () => {
    delete process.env['CHENGXIN_TODAY'];
    await db.dispose();
  });

  it('finding 2: one decision, several sanctions — only the heaviest is recorded and runs; a second record of that decision is refused', async () => {
    const r = await createDraft(
      ctx,
      sanction(f.official, 'major_demerit', '2023-02-06', '河西监〔2023〕2号', {
        decidedTogether: ['warning', 'demerit'],
      }),
    );
    expect(r.current).toMatchObject({ impactStart: '2023-02-06', impactEnd: '2024-08-06' });
    expect(r.current.rules.map((x) => x.ruleId)).toContain(
      'gov-sanctions-2020.concurrence.major_demerit.demerit+warning',
    );
    await confirm(r.id);
    const e = await refusal(createDraft(ctx, sanction(f.official, 'demerit', '2023-02-06', '河西监〔2023〕2号')));
    expect(e).toMatchObject({ appCode: 'SANCTION_SAME_DECISION', field: 'decisionNo' });
    const lighter = await refusal(
      createDraft(
        ctx,
        sanction(f.clerk, 'warning', '2023-02-06', '河西监〔2023〕5号', { decidedTogether: ['demotion'] }),
      ),
    );
    expect(lighter).toMatchObject({ appCode: 'SANCTION_NOT_HEAVIEST', field: 'sanctionType' });
  });

  it("finding 4: a new sanction inside the period withholds the old one's lifting until the new one is lifted", async () => {
    // 警告 2025-01-10 → period to 2025-07-10; 记过 2025-05-05 → to 2026-05-05. The warning is not lifted on 2025-07-10.
    const warning = await createDraft(ctx, sanction(f.clerk, 'warning', '2025-01-10', '河西监〔2025〕1号'));
    await confirm(warning.id);
    const demerit = await createDraft(ctx, sanction(f.clerk, 'demerit', '2025-05-05', '河西监〔2025〕9号'));
    await confirm(demerit.id);
    const p = await promotionEligibility(db.db, f.clerk, '2025-08-01');
    expect(p.eligible).toBe(false);
    const held = p.reasons.filter((r) => r.recordId === warning.id);
    expect(held.map((r) => r.ruleId)).toEqual(['promotion.sanction-period', 'sanction.lifting-withheld']);
    expect(held[0]).toMatchObject({
      from: '2025-01-10',
      until: '2026-05-05',
      describedZh: expect.stringContaining('处分期至2025-07-10'),
    });
    expect((await promotionEligibility(db.db, f.clerk, '2026-05-04')).eligible).toBe(false);
    expect((await promotionEligibility(db.db, f.clerk, '2026-05-05')).eligible).toBe(true);
  });

  it("finding 8: the assessment rules key on the year imposed; the plan's bar on a record in effect is shown beside them", async () => {
    // 记过 imposed 2025-05-05 (running to 2026-05-05): 2025 no grade; 2026 graded (lifted that year) but not 优秀 (plan).
    const y2025 = await annualAssessment(db.db, f.clerk, 2025);
    expect(y2025).toMatchObject({ mayBeGraded: false, allowedGrades: ['不定等次'] });
    const y2026 = await annualAssessment(db.db, f.clerk, 2026);
    expect(y2026).toMatchObject({
      mayBeGraded: true,
      mayBeExcellent: false,
      bySource: [
        { source: 'assessment-rules', mayBeExcellent: true, mayBeGraded: true },
        { source: 'plan', mayBeExcellent: false },
      ],
    });
    expect(y2026.reasons.every((r) => r.ruleId === 'assessment.dishonesty-not-excellent')).toBe(true);
    // A warning imposed in 2025: not 优秀 in 2025 under the assessment rules too.
    expect(y2025.reasons.map((r) => r.ruleId)).toContain('assessment.warning-not-excellent');
    expect(y2025.reasons.find((r) => r.ruleId === 'assessment.demerit-no-grade-year-imposed')!.source).toMatchObject({
      confidence: '2nd',
      article: expect.stringContaining('第二十五条'),
    });
  });

  it('finding 9: the person honours bar is a local choice — on by default, off makes the record a reference only', async () => {
    const on = await personHonoursEligibility(db.db, f.clerk, '2026-01-05');
    expect(on.eligible).toBe(false);
    expect(on.reasons[0]!.source).toMatchObject({ confidence: 'local' });
    process.env['CHENGXIN_PERSON_HONOURS_BAR'] = 'off';
    try {
      const off = await personHonoursEligibility(db.db, f.clerk, '2026-01-05');
      expect(off).toMatchObject({ eligible: true, summaryZh: expect.stringContaining('重要参考') });
    } finally {
      delete process.env['CHENGXIN_PERSON_HONOURS_BAR'];
    }
  });

  it("finding 12: a person's dishonesty record defaults to government sharing; public disclosure needs the reviewer's reason, kept in the event", async () => {
    const r = await createDraft(ctx, {
      ...sanction(f.official, 'warning', '2026-06-01', '河西监〔2026〕21号'),
      disclosureScope: 'public' as never,
    });
    expect(r.current.disclosureScope).toBe('government');
    const pub = await correct(ctx, {
      recordId: r.id,
      expectedVersion: 1,
      changes: { disclosureScope: 'public' },
      reason: '经审查，涉及公共利益，拟向社会公开',
    });
    expect(pub.current.disclosureScope).toBe('public');
    await transition(ctx, 'submit', r.id);
    await transition(ctx, 'approve', r.id);
    expect(await refusal(transition(ctx, 'publish', r.id))).toMatchObject({
      appCode: 'PERSON_PUBLIC_NEEDS_REASON',
      field: 'reason',
    });
    expect((await getRecordDetail(db.db, r.id)).status).toBe('approved');
    await transition(ctx, 'publish', r.id, '当事人系领导干部，违纪行为涉及公共资金使用，公开符合公共利益');
    const detail = await getRecordDetail(db.db, r.id);
    expect(detail.status).toBe('published');
    expect(detail.events.at(-1)).toMatchObject({
      action: 'publish',
      reason: '当事人系领导干部，违纪行为涉及公共资金使用，公开符合公共利益',
    });
    // Organisations' records are unaffected.
    process.env['CHENGXIN_PERSON_DEFAULT_DISCLOSURE'] = 'public';
    try {
      expect(
        (
          await createDraft(ctx, {
            ...sanction(f.clerk, 'warning', '2026-06-02', '河西监〔2026〕22号'),
            disclosureScope: 'public' as never,
          })
        ).current.disclosureScope,
      ).toBe('public');
    } finally {
      delete process.env['CHENGXIN_PERSON_DEFAULT_DISCLOSURE'];
    }
  });
});
