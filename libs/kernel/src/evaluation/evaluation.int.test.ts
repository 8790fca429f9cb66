/**
 * The evaluation on both engines: schemes as versioned data, a run's exact scores and how they move when a record is
 * added or revoked, the minimum-sample guard, determinism, review by a second person, publication, last year's
 * result beside this year's, contributions, export, third-party results, and the subtree roll-up.
 */
import { rows } from '@chengxin/db';
import type { TestDatabase } from '@chengxin/db/testing';
import ExcelJS from 'exceljs';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemActor, type KernelContext, AppError } from '../core';
import { createDraft, transition } from '../records';
import { buildFixture, migratedTestDatabase, testContext, testEngines, type Fixture } from '../core/testing';
import { listContributions, exportRun } from './evidence';
import { importExternal } from './external';
import { rollup } from './rollups';
import { getRun, publishedResults, publishRun, reviewRun, runEvaluation, runResults } from './runs';
import { saveScheme, type SchemeInput } from './schemes';

const refusal = (p: Promise<unknown>) =>
  p.then(
    () => null,
    (e: unknown) => (e instanceof AppError ? e : null),
  );
const count = async (db: TestDatabase, table: string) =>
  (await rows<{ n: number }>(db.db, sql`select count(*)::int as n from ${sql.raw(table)}`))[0]!.n;

const scheme = (year: number): SchemeInput => ({
  year,
  level: 'district',
  kind: 'government',
  name: `${year}年度区级政务诚信评价`,
  minSample: 1,
  indicators: [
    {
      key: 'kernel.dishonesty',
      weight: 3,
      scale: { kind: 'linear', best: 0, worst: 5 },
      params: { lookbackYears: 2, decay: 0.5 },
    },
    {
      key: 'kernel.commendations',
      weight: 1,
      scale: {
        kind: 'bands',
        bands: [
          { from: 0, score: 60 },
          { from: 0.3, score: 100 },
        ],
      },
      params: {},
    },
  ],
});

describe.each(testEngines())('evaluation on %s', (engine) => {
  let db: TestDatabase;
  let ctx: KernelContext;
  let second: KernelContext;
  let f: Fixture;
  const record = async (
    orgId: string,
    severity: 'minor' | 'ordinary' | 'serious',
    decisionDate: string,
    no: string,
    polarity: 'dishonesty' | 'commendation' = 'dishonesty',
  ) => {
    const r = await createDraft(ctx, {
      subject: { kind: 'org', orgId },
      typeKey: polarity === 'commendation' ? 'commendation' : 'administrative_penalty',
      severity,
      facts: polarity === 'commendation' ? '年度守信表彰' : '未按合同约定支付中小企业款项',
      legalBasis: '《保障中小企业款项支付条例》第八条',
      decisionNo: no,
      decisionDate,
      issuingAuthority: '天津市发展和改革委员会',
      disclosureScope: 'public',
      payload: polarity === 'commendation' ? {} : { penaltyCategories: ['warning'], penaltyContent: '警告' },
      linkTo: [],
    });
    await transition(ctx, 'submit', r.id);
    await transition(ctx, 'approve', r.id);
    return r.id;
  };
  let serious: string;

  beforeAll(async () => {
    process.env['CHENGXIN_TODAY'] = '2026-11-20';
    db = await migratedTestDatabase(engine);
    ctx = testContext(db);
    second = testContext(db, systemActor('01900000-0000-7000-8000-0000000000e2', 'second-reviewer'));
    f = await buildFixture(ctx);
    // 河西区 (3 bodies): serious 2026 (10), ordinary 2025 (3 × 0.5), minor 2024 (outside a 2-year look-back).
    serious = await record(f.hexiFinance, 'serious', '2026-03-01', '津发改罚〔2026〕1号');
    await record(f.hexiStreet, 'ordinary', '2025-06-01', '津发改罚〔2025〕7号');
    await record(f.hexi, 'minor', '2024-05-01', '津发改罚〔2024〕2号');
    await record(f.hexi, 'minor', '2026-04-01', '河西表〔2026〕1号', 'commendation');
    // A draft never counts.
    await createDraft(ctx, {
      subject: { kind: 'org', orgId: f.nankai },
      typeKey: 'administrative_penalty',
      severity: 'serious',
      facts: '草稿',
      legalBasis: '—',
      decisionNo: '草稿1号',
      decisionDate: '2026-05-01',
      issuingAuthority: '天津市发展和改革委员会',
      disclosureScope: 'public',
      payload: { penaltyCategories: ['warning'], penaltyContent: '警告' },
      linkTo: [],
    });
  }, 120_000);
  afterAll(async () => {
    delete process.env['CHENGXIN_TODAY'];
    await db.dispose();
  });

  it('refuses unknown indicators and parameters, naming each, and writes nothing', async () => {
    const before = await count(db, 'kernel.evaluation_scheme');
    const bad = {
      ...scheme(2026),
      indicators: [
        { key: 'kernel.nonsense', weight: 1, scale: { kind: 'linear' as const, best: 0, worst: 1 }, params: {} },
        {
          key: 'kernel.dishonesty',
          weight: 1,
          scale: { kind: 'linear' as const, best: 0, worst: 1 },
          params: { halfLife: 2 } as Record<string, number>,
        },
      ],
    };
    const e = await refusal(saveScheme(ctx, bad));
    expect(e).toMatchObject({ appCode: 'INDICATOR_UNKNOWN', field: 'indicators.0.key' });
    expect(e!.issues?.map((i) => i.field)).toEqual(['indicators.0.key', 'indicators.1.params.halfLife']);
    expect(await count(db, 'kernel.evaluation_scheme')).toBe(before);
  });

  it('scores each district to the exact number, and does not rank a district without data', async () => {
    const s = await saveScheme(ctx, scheme(2026));
    expect(s.version).toBe(1);
    const run = await runEvaluation(ctx, s.id);
    expect(run).toMatchObject({ status: 'computed', bodies: 2, ranked: 1, year: 2026, level: 'district' });
    const r = await runResults(db.db, run.id);
    const hexi = r.scores.find((x) => x.orgId === f.hexi)!;
    // (10 + 1.5) / 3 bodies = 3.8333 → (5 − 3.8333) / 5 = 23.33; commendations 1 / 3 = 0.3333 ≥ 0.3 → 100.
    expect(hexi.breakdown.map((b) => [b.key, b.value, b.score, b.sample])).toEqual([
      ['kernel.dishonesty', 3.8333, 23.33, 2],
      ['kernel.commendations', 0.3333, 100, 1],
    ]);
    expect(hexi).toMatchObject({ score: 42.5, rank: 1, status: 'ranked', sample: 3 });
    // 南开区 has no data at all: shown as such, not ranked first with a perfect score.
    expect(r.scores.at(-1)).toMatchObject({ orgId: f.nankai, rank: null, status: 'insufficient', sample: 0 });
  });

  it('moves the scores exactly when a record is added and when one is revoked; the same data gives the same run', async () => {
    const s = await saveScheme(ctx, scheme(2026));
    expect(s.version).toBe(2);
    const first = await runEvaluation(ctx, s.id);
    const again = await runEvaluation(ctx, s.id);
    expect(again.inputsDigest).toBe(first.inputsDigest);
    expect((await runResults(db.db, again.id)).scores.map((x) => [x.orgId, x.score, x.rank])).toEqual(
      (await runResults(db.db, first.id)).scores.map((x) => [x.orgId, x.score, x.rank]),
    );

    const added = await record(f.nankai, 'ordinary', '2026-02-01', '津发改罚〔2026〕9号');
    const withNankai = await runResults(db.db, (await runEvaluation(ctx, s.id)).id);
    expect(withNankai.inputsDigest).not.toBe(first.inputsDigest);
    // 南开区: 3 / 1 body → 40; no commendation (0 → 60): (3 × 40 + 60) / 4 = 45 — now ranked, ahead of 河西区.
    expect(withNankai.scores.map((x) => [x.orgId, x.score, x.rank])).toEqual([
      [f.nankai, 45, 1],
      [f.hexi, 42.5, 2],
    ]);

    await transition(ctx, 'revoke', serious, '原处罚决定被复议机关撤销');
    const afterRevoke = await runResults(db.db, (await runEvaluation(ctx, s.id)).id);
    // 河西区 without the serious record: 1.5 / 3 = 0.5 → 90; (3 × 90 + 100) / 4 = 92.5.
    expect(afterRevoke.scores.map((x) => [x.orgId, x.score, x.rank])).toEqual([
      [f.hexi, 92.5, 1],
      [f.nankai, 45, 2],
    ]);
    const contributions = await listContributions(db.db, {
      runId: afterRevoke.id,
      orgId: f.hexi,
      indicator: 'kernel.dishonesty',
      limit: 10,
    });
    expect(contributions.items.map((c) => [c.entity, c.amount, c.date])).toEqual([['record', 1.5, '2025-06-01']]);
    expect(contributions.items[0]!.summary).toContain('津发改罚〔2025〕7号');
    await transition(ctx, 'revoke', added, '测试撤销');
  });

  it('is reviewed by a second person, published, superseded, and shows last year beside this year', async () => {
    const last = await runEvaluation(ctx, (await saveScheme(ctx, scheme(2025))).id);
    expect(await refusal(reviewRun(ctx, last.id, '复核无误'))).toMatchObject({ appCode: 'EVALUATION_SELF_REVIEW' });
    expect(await refusal(publishRun(second, last.id))).toMatchObject({ appCode: 'EVALUATION_ILLEGAL_TRANSITION' });
    await reviewRun(second, last.id, '复核无误');
    await publishRun(second, last.id);
    const lastScores = (await runResults(db.db, last.id)).scores;

    const s = await saveScheme(ctx, scheme(2026));
    const a = await runEvaluation(ctx, s.id);
    const results = await runResults(db.db, a.id);
    expect(results.previousRunId).toBe(last.id);
    const hexi = results.scores.find((x) => x.orgId === f.hexi)!;
    expect([hexi.previousScore, hexi.previousRank]).toEqual([
      lastScores.find((x) => x.orgId === f.hexi)!.score,
      lastScores.find((x) => x.orgId === f.hexi)!.rank,
    ]);

    expect(await publishedResults(db.db, { year: 2026, level: 'district' })).toBeNull();
    await reviewRun(second, a.id, '同意公布');
    await publishRun(second, a.id);
    const b = await runEvaluation(ctx, s.id);
    await reviewRun(second, b.id, '更正后重新公布');
    await publishRun(second, b.id);
    expect((await getRun(db.db, a.id)).status).toBe('superseded');
    const published = await publishedResults(db.db, { level: 'district' });
    expect(published).toMatchObject({ id: b.id, year: 2026, status: 'published', computedBy: null });
  });

  it('exports the result for the performance assessment as CSV and XLSX', async () => {
    const run = await runEvaluation(ctx, (await saveScheme(ctx, scheme(2026))).id);
    const csv = await exportRun(db.db, run.id, 'csv');
    // Last year's 河西区: (3 + 1 × 0.5) / 3 = 1.1667 → 76.67; no commendation → 60; (3 × 76.67 + 60) / 4 = 72.5.
    const lines = csv.content
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\r\n');
    expect(lines[0]).toBe(
      '名次,单位,总分,状态,数据量,上年得分,上年名次,政务失信记录（按严重程度和时间加权，单位平均）（值）,政务失信记录（按严重程度和时间加权，单位平均）（得分）,守信表彰（单位平均）（值）,守信表彰（单位平均）（得分）',
    );
    expect(lines[1]).toBe('1,天津市河西区人民政府,92.5,参与排名,2,72.5,1,0.5,90,0.3333,100');
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(
      Buffer.from((await exportRun(db.db, run.id, 'xlsx')).content, 'base64') as unknown as ArrayBuffer,
    );
    expect(book.worksheets[0]!.getRow(3).getCell(2).value).toBe('天津市河西区人民政府');
  });

  it('imports a third-party evaluation beside ours, refusing the whole list when a row is wrong', async () => {
    const [hexi] = await rows<{ uscc: string }>(db.db, sql`select uscc from kernel.org_unit where id = ${f.hexi}`);
    const before = await count(db, 'kernel.evaluation_external');
    const e = await refusal(
      importExternal(ctx, {
        source: '南开大学中国政府诚信研究中心',
        year: 2026,
        rows: [
          { uscc: hexi!.uscc, score: 88, grade: 'A' },
          { uscc: '111201049999999990', score: 70, grade: null },
          { orgId: f.nankai, score: null, grade: null },
        ],
      }),
    );
    expect(e?.issues?.map((i) => [i.field, i.code])).toEqual([
      ['rows.1.uscc', 'ORG_NOT_FOUND'],
      ['rows.2.score', 'EXTERNAL_RESULT_REQUIRED'],
    ]);
    expect(await count(db, 'kernel.evaluation_external')).toBe(before);
    expect(
      await importExternal(ctx, {
        source: '南开大学中国政府诚信研究中心',
        year: 2026,
        rows: [{ uscc: hexi!.uscc, score: 88, grade: 'A' }],
      }),
    ).toMatchObject({ imported: 1, replaced: 0 });
    expect(
      await importExternal(ctx, {
        source: '南开大学中国政府诚信研究中心',
        year: 2026,
        rows: [{ uscc: hexi!.uscc, score: 86.5, grade: 'A' }],
      }),
    ).toMatchObject({ imported: 1, replaced: 1 });
    const run = await runEvaluation(ctx, (await saveScheme(ctx, scheme(2026))).id);
    expect((await runResults(db.db, run.id)).scores.find((x) => x.orgId === f.hexi)!.external).toEqual([
      { source: '南开大学中国政府诚信研究中心', score: 86.5, grade: 'A' },
    ]);
  });

  it('rolls up the whole subtree by child and by body', async () => {
    const byChild = await rollup(db.db, { groupBy: 'child' }, '2026-11-20');
    expect(byChild.rows.map((r) => [r.orgName, r.bodies])).toEqual([
      ['天津市人民政府', 1],
      ['天津市河西区人民政府', 3],
      ['天津市南开区人民政府', 1],
    ]);
    const hexi = byChild.rows.find((r) => r.orgId === f.hexi)!;
    expect(hexi.records).toBe(4);
    expect(hexi.byStatus).toEqual({ approved: 3, revoked: 1 });
    expect(hexi.bySeverity).toEqual({ minor: 2, ordinary: 1, serious: 1 });
    expect(byChild.total.records).toBe(byChild.rows.reduce((s, r) => s + r.records, 0));
    const byOrg = await rollup(db.db, { orgId: f.hexi, groupBy: 'org' }, '2026-11-20');
    expect(byOrg.rows.map((r) => [r.orgId, r.records])).toEqual([
      [f.hexi, 2],
      [f.hexiFinance, 1],
      [f.hexiStreet, 1],
    ]);
  });
});
