/**
 * Evaluation results put to use (plan 二.4) and third-party ratings released by a reviewer (plan 一.4), on both engines:
 * eligibility answers per policy area from the published result with score, rank and rule; the settings move them;
 * the 绩效考核 export; a third-party list is public only after someone other than the importer releases it, shown
 * beside the official result and never blended into it; a re-import hides it again until released anew.
 */
import { rows } from '@chengxin/db';
import type { TestDatabase } from '@chengxin/db/testing';
import ExcelJS from 'exceljs';
import { sql } from 'drizzle-orm';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { systemActor, type KernelContext, AppError } from '../core';
import { createDraft, transition } from '../records';
import { buildFixture, migratedTestDatabase, testContext, testEngines, type Fixture } from '../core/testing';
import { importExternal, listExternalBatches, releaseExternal, releasedThirdParty, withdrawExternal } from './external';
import { judgeArea, performanceExport, policyAreas, policyEligibility } from './policy-use';
import { publishedResults, publishRun, reviewRun, runEvaluation, runResults } from './runs';
import { saveScheme } from './schemes';

const refusal = (p: Promise<unknown>) =>
  p.then(
    () => null,
    (e: unknown) => (e instanceof AppError ? e : null),
  );

describe.each(testEngines())('evaluation put to use and third-party release on %s', (engine) => {
  let db: TestDatabase;
  let ctx: KernelContext;
  let second: KernelContext;
  let f: Fixture;
  let runId: string;
  let hexiUscc: string;

  const record = async (
    orgId: string,
    severity: 'minor' | 'ordinary' | 'serious',
    decisionDate: string,
    no: string,
  ) => {
    const r = await createDraft(ctx, {
      subject: { kind: 'org', orgId },
      typeKey: 'administrative_penalty',
      severity,
      facts: '未按合同约定支付中小企业款项',
      legalBasis: '《保障中小企业款项支付条例》第八条',
      decisionNo: no,
      decisionDate,
      issuingAuthority: '天津市发展和改革委员会',
      disclosureScope: 'public',
      payload: { penaltyCategories: ['warning'], penaltyContent: '警告' },
      linkTo: [],
    });
    await transition(ctx, 'submit', r.id);
    await transition(ctx, 'approve', r.id);
  };

  beforeAll(async () => {
    process.env['CHENGXIN_TODAY'] = '2026-11-20';
    db = await migratedTestDatabase(engine);
    ctx = testContext(db);
    second = testContext(db, systemActor('01900000-0000-7000-8000-0000000000e3', 'second-reviewer'));
    f = await buildFixture(ctx);
    // 河西区 (3 bodies): ordinary 2025 → 3 / 3 = 1 → 80; 南开区 (1 body): ordinary 2025 → 3 → 40.
    await record(f.hexiFinance, 'ordinary', '2025-03-01', '津发改罚〔2025〕11号');
    await record(f.nankai, 'ordinary', '2025-04-01', '津发改罚〔2025〕12号');
    const scheme = await saveScheme(ctx, {
      year: 2025,
      level: 'district',
      kind: 'government',
      name: '2025年度区级政务诚信评价',
      minSample: 1,
      indicators: [
        {
          key: 'kernel.dishonesty',
          weight: 1,
          scale: { kind: 'linear', best: 0, worst: 5 },
          params: { lookbackYears: 2, decay: 0.5 },
        },
      ],
    });
    runId = (await runEvaluation(ctx, scheme.id)).id;
    hexiUscc = (await rows<{ uscc: string }>(db.db, sql`select uscc from kernel.org_unit where id = ${f.hexi}`))[0]!
      .uscc;
  }, 120_000);
  afterEach(() => {
    for (const k of Object.keys(process.env)) if (k.startsWith('CHENGXIN_POLICY_')) delete process.env[k];
  });
  afterAll(async () => {
    delete process.env['CHENGXIN_TODAY'];
    await db.dispose();
  });

  it('answers nothing from an unpublished result, then each area from the published one with score, rank and rule', async () => {
    const before = await policyEligibility(db.db, { orgId: f.hexi, area: 'investment', year: 2026 });
    expect(before).toMatchObject({ outcome: 'no_result', resultYear: 2025, runId: null, score: null });
    expect(before.reasonZh).toBe('2025年度的评价结果尚未公布');

    await reviewRun(second, runId, '复核无误');
    await publishRun(second, runId);
    expect((await runResults(db.db, runId)).scores.map((s) => [s.orgId, s.score, s.rank])).toEqual([
      [f.hexi, 80, 1],
      [f.nankai, 40, 2],
    ]);

    const pilot = await policyEligibility(db.db, { orgId: f.hexi, area: 'pilot', year: 2026 });
    expect(pilot).toMatchObject({ outcome: 'not_eligible', outcomeZh: '不符合条件', score: 80, rank: 1, ranked: 2 });
    expect(pilot.reasonZh).toBe('得分80分，名次第1名（共2个单位参与排名），低于85分');
    expect(pilot.rule).toMatchObject({ ruleId: 'evaluation.use.pilot', direction: 'reward' });
    expect(pilot.rule.source.article).toContain('二.4');
    expect(pilot.rule.settings.map((s) => [s.env, s.value, s.fallback])).toEqual([
      ['CHENGXIN_POLICY_PILOT_MIN_SCORE', 85, 85],
      ['CHENGXIN_POLICY_PILOT_MAX_RANK', 5, 5],
      ['CHENGXIN_POLICY_PILOT_RESULT_LAG', 1, 1],
    ]);

    expect(await policyEligibility(db.db, { orgId: f.hexi, area: 'investment', year: 2026 })).toMatchObject({
      outcome: 'eligible',
      reasonZh: '得分80分，名次第1名（共2个单位参与排名），达到不低于70分的条件',
    });
    expect(await policyEligibility(db.db, { orgId: f.nankai, area: 'investment', year: 2026 })).toMatchObject({
      outcome: 'not_eligible',
      score: 40,
      rank: 2,
    });
    // Social management: with two ranked districts, the default "last 3" puts both first in line.
    expect(await policyEligibility(db.db, { orgId: f.hexi, area: 'social', year: 2026 })).toMatchObject({
      outcome: 'priority',
      reasonZh: '得分80分，名次第1名（共2个单位参与排名），排名末3位',
    });
    // A year whose applicable result (2024) was never published, and a body outside the evaluated level.
    expect(await policyEligibility(db.db, { orgId: f.hexi, area: 'pilot', year: 2025 })).toMatchObject({
      outcome: 'no_result',
      resultYear: 2024,
    });
    expect(await policyEligibility(db.db, { orgId: f.hexiFinance, area: 'pilot', year: 2026 })).toMatchObject({
      outcome: 'no_result',
      reasonZh: '该单位不在已公布的评价结果中',
    });
  });

  it('follows the settings of each area (thresholds and which year applies)', async () => {
    process.env['CHENGXIN_POLICY_PILOT_MIN_SCORE'] = '75';
    process.env['CHENGXIN_POLICY_SOCIAL_BOTTOM_RANKS'] = '1';
    expect(await policyEligibility(db.db, { orgId: f.hexi, area: 'pilot', year: 2026 })).toMatchObject({
      outcome: 'eligible',
      reasonZh: '得分80分，名次第1名（共2个单位参与排名），达到不低于75分、前5名的条件',
    });
    expect(await policyEligibility(db.db, { orgId: f.hexi, area: 'social', year: 2026 })).toMatchObject({
      outcome: 'not_priority',
    });
    expect(await policyEligibility(db.db, { orgId: f.nankai, area: 'social', year: 2026 })).toMatchObject({
      outcome: 'priority',
      reasonZh: '得分40分，名次第2名（共2个单位参与排名），低于60分，排名末1位',
    });
    process.env['CHENGXIN_POLICY_INVESTMENT_RESULT_LAG'] = '0';
    expect(await policyEligibility(db.db, { orgId: f.hexi, area: 'investment', year: 2025 })).toMatchObject({
      outcome: 'eligible',
      resultYear: 2025,
    });
    // Too little data is never a conclusion either way.
    const social = policyAreas().find((a) => a.area === 'social')!;
    expect(judgeArea(social, { score: null, rank: null, status: 'insufficient' }, 2)).toEqual({
      outcome: 'insufficient',
      reasonZh: '评价数据不足（未参与排名），不作结论',
    });
  });

  it('exports the published result with each area for the 绩效考核 of the level above', async () => {
    const csv = await performanceExport(db.db, { year: 2025, level: 'district', format: 'csv' });
    expect(csv.filename).toBe('performance-2025-district.csv');
    expect(
      csv.content
        .replace(/^\uFEFF/, '')
        .trim()
        .split('\r\n'),
    ).toEqual([
      '名次,单位,得分,状态,上年得分,改革试点遴选,项目投资支持,社会管理重点关注',
      '1,天津市河西区人民政府,80,参与排名,,不符合条件,符合条件,列为重点关注',
      '2,天津市南开区人民政府,40,参与排名,,不符合条件,不符合条件,列为重点关注',
    ]);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(
      Buffer.from(
        (await performanceExport(db.db, { year: 2025, level: 'district', format: 'xlsx' })).content,
        'base64',
      ) as unknown as ArrayBuffer,
    );
    expect(book.worksheets.map((w) => w.name)).toEqual(['2025年度绩效考核', '适用规则']);
    expect(book.worksheets[0]!.getRow(3).getCell(7).value).toBe('符合条件');
    expect(await refusal(performanceExport(db.db, { year: 2024, level: 'district', format: 'xlsx' }))).toMatchObject({
      appCode: 'EVALUATION_NOT_PUBLISHED',
      field: 'year',
    });
  });

  it('publishes a third-party list only after a second person releases it, beside and never inside our scores', async () => {
    const source = '南开大学中国政府诚信研究中心';
    await importExternal(ctx, {
      source,
      year: 2025,
      rater: '南开大学中国政府诚信研究中心',
      methodSummary: '问卷调查与公开资料评估相结合，四个维度十二项指标，百分制',
      ratedOn: '2026-03-15',
      rows: [
        { uscc: hexiUscc, score: 88, grade: 'A' },
        { orgId: f.nankai, score: 71.5, grade: 'B' },
      ],
    });
    expect((await listExternalBatches(db.db, { year: 2025 })).map((b) => [b.source, b.status, b.rows])).toEqual([
      [source, 'imported', 2],
    ]);
    // Imported, not released: the console sees it, the public does not.
    expect((await runResults(db.db, runId)).scores[0]!.external).toEqual([{ source, score: 88, grade: 'A' }]);
    expect((await publishedResults(db.db, { year: 2025, level: 'district' }))!.scores[0]!.external).toEqual([]);
    expect(await releasedThirdParty(db.db, {})).toEqual({ year: null, years: [], lists: [] });

    expect(await refusal(releaseExternal(ctx, { source, year: 2025, note: '核对无误' }))).toMatchObject({
      appCode: 'EXTERNAL_SELF_RELEASE',
    });
    const released = await releaseExternal(second, { source, year: 2025, note: '核对无误' });
    expect(released).toMatchObject({ status: 'released', releaseNote: '核对无误', ratedOn: '2026-03-15' });
    expect(await refusal(releaseExternal(second, { source, year: 2025, note: '再次' }))).toMatchObject({
      appCode: 'EXTERNAL_ALREADY_RELEASED',
    });

    const pub = await releasedThirdParty(db.db, {});
    expect(pub.year).toBe(2025);
    expect(pub.lists.map((l) => [l.rater, l.methodSummary, l.ratedOn])).toEqual([
      [source, '问卷调查与公开资料评估相结合，四个维度十二项指标，百分制', '2026-03-15'],
    ]);
    expect(pub.lists[0]!.rows).toEqual([
      { orgId: f.hexi, orgName: '天津市河西区人民政府', score: 88, grade: 'A' },
      { orgId: f.nankai, orgName: '天津市南开区人民政府', score: 71.5, grade: 'B' },
    ]);
    const official = (await publishedResults(db.db, { year: 2025, level: 'district' }))!;
    // Beside ours, never blended: the official score stays 80.
    expect(official.scores[0]).toMatchObject({ score: 80, external: [{ source, score: 88, grade: 'A' }] });

    // A list without a method summary or date cannot be released.
    await importExternal(ctx, { source: '某评级公司', year: 2025, rows: [{ orgId: f.hexi, score: 60, grade: null }] });
    expect(await refusal(releaseExternal(second, { source: '某评级公司', year: 2025, note: '发布' }))).toMatchObject({
      appCode: 'EXTERNAL_METHOD_REQUIRED',
      field: 'methodSummary',
    });

    // New figures go back to review: hidden until released again.
    await importExternal(ctx, { source, year: 2025, rows: [{ uscc: hexiUscc, score: 90, grade: 'A' }] });
    expect((await releasedThirdParty(db.db, {})).lists).toEqual([]);
    await releaseExternal(second, { source, year: 2025, note: '更正后复核' });
    expect((await withdrawExternal(second, { source, year: 2025, reason: '评价机构申请更正' })).status).toBe(
      'withdrawn',
    );
    expect((await publishedResults(db.db, { year: 2025, level: 'district' }))!.scores[0]!.external).toEqual([]);
    const trail = await rows<{ action: string }>(
      db.db,
      sql`select action from kernel.audit_log where action like 'evaluation.external.%' order by seq`,
    );
    expect(trail.map((t) => t.action)).toEqual([
      'evaluation.external.import',
      'evaluation.external.release',
      'evaluation.external.import',
      'evaluation.external.import',
      'evaluation.external.release',
      'evaluation.external.withdraw',
    ]);
  });
});
