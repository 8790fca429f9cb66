import { rows, sql } from '@chengxin/plugin-sdk';
import { createPluginHarness, refusalOf, testEngines, type PluginHarness } from '@chengxin/plugin-sdk/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FigureInput } from '../contract';
import { OVERDUE_TYPE } from './figures';
import { localDebtPlugin } from './plugin';

async function refusal(call: Promise<unknown>) {
  const refused = await refusalOf(call);
  expect(refused).not.toBeNull();
  return refused!;
}

describe.each(testEngines())('local-debt plugin on %s', (engine) => {
  let h: PluginHarness<typeof localDebtPlugin.router>;
  const figures = (orgId: string, year: number, over: Partial<FigureInput> = {}): FigureInput => ({
    orgId,
    year,
    balanceFen: 90_000_000_000,
    capacityFen: 100_000_000_000,
    principalInterestDueFen: 10_000_000_000,
    overdueFen: 0,
    newDebtFen: 5_000_000_000,
    ...over,
  });

  beforeAll(async () => {
    process.env['CHENGXIN_TODAY'] = '2026-11-20';
    h = await createPluginHarness(localDebtPlugin, engine);
    await h.enable(null);
  });
  afterAll(async () => {
    delete process.env['CHENGXIN_TODAY'];
    await h.dispose();
  });

  it('rates a district from its figures, with the breakdown and last year beside it', async () => {
    const officer = h.caller('officer', { scopeOrgId: h.fixture.hexi });
    await officer.plugin.figures.save(figures(h.fixture.hexi, 2024));
    await officer.plugin.figures.save(figures(h.fixture.hexi, 2025, { overdueFen: 9_000_000_000 }));
    const r = await officer.plugin.ratings.get({ orgId: h.fixture.hexi, year: 2025 });
    // Corrected (issue 25, finding 18): 新增债务率 = 5 ÷ last year-end balance 90 (was ÷ capacity 100 = 0.05); 2024 has no
    // 2023 figures, so its base is the implied opening balance 90 − 5 = 85.
    expect(r).toMatchObject({
      score: 49.56,
      tier: 'yellow',
      tierZh: '黄色预警',
      previous: { year: 2024, score: 45.88, tier: 'none' },
    });
    expect(r.indicators.map((i) => [i.key, i.value, i.points])).toEqual([
      ['debtRatio', 0.9, 75],
      ['newDebtRatio', 0.0556, 27.78],
      ['serviceRatio', 0.1, 50],
      ['overdueRatio', 0.1, 20],
    ]);
  });

  it('judges a district by the thresholds set above it, never by its own', async () => {
    await h.enable(h.fixture.hexi, { overdueTiers: { yellow: 0.5, orange: 0.6, red: 0.7 } });
    expect((await h.caller('viewer').plugin.ratings.get({ orgId: h.fixture.hexi, year: 2025 })).tier).toBe('yellow');
    await h.enable(h.fixture.city, { overdueTiers: { yellow: 0.02, orange: 0.05, red: 0.09 } });
    expect((await h.caller('viewer').plugin.ratings.get({ orgId: h.fixture.hexi, year: 2025 })).tier).toBe('red');
    const admin = h.caller('admin');
    const bad = await refusal(
      admin.kernel.plugins.configure({
        pluginId: 'local-debt',
        orgId: h.fixture.hexi,
        enabled: true,
        config: { weights: { debtRatio: 0.9 } },
      }),
    );
    expect(bad).toMatchObject({ appCode: 'PLUGIN_CONFIG_INVALID', field: 'config.weights' });
    await h.enable(h.fixture.city, {});
    await h.enable(h.fixture.hexi, {});
  });

  it('refuses bad figures with the field named and writes nothing', async () => {
    const officer = h.caller('officer', { scopeOrgId: h.fixture.hexi });
    expect(await refusal(officer.plugin.figures.save(figures(h.fixture.hexi, 2023, { balanceFen: -1 })))).toMatchObject(
      { field: 'balanceFen' },
    );
    expect(
      await refusal(officer.plugin.figures.save(figures(h.fixture.hexi, 2023, { overdueFen: 100_000_000_000 }))),
    ).toMatchObject({ field: 'overdueFen' });
    expect(await refusal(officer.plugin.figures.save(figures(h.fixture.hexi, 2023, { capacityFen: 0 })))).toMatchObject(
      { field: 'capacityFen' },
    );
    expect(await refusal(officer.plugin.figures.save(figures(h.fixture.hexi, 2027)))).toMatchObject({
      appCode: 'YEAR_IN_FUTURE',
      field: 'year',
    });
    expect(await refusal(officer.plugin.figures.save(figures(h.fixture.nankai, 2023)))).toMatchObject({
      appCode: 'OUT_OF_SCOPE',
    });
    expect(await officer.plugin.figures.list({ year: 2023 })).toEqual([]);
  });

  it('proposes one draft record per district and year of overdue debt, however often the scan runs', async () => {
    const first = await h.scan('2026-11-20');
    expect(first).toMatchObject({ breaches: 1, draftsCreated: 1 });
    expect(await h.scan('2026-11-20')).toMatchObject({ draftsCreated: 0, alreadyProposed: 1 });
    const [draft] = await rows<{ status: string; decision_date: string; facts: string }>(
      h.database.db,
      sql`
      select r.status, r.decision_date::text, r.facts from kernel_api.record r where r.type_key = ${OVERDUE_TYPE}`,
    );
    expect(draft).toMatchObject({ status: 'draft', decision_date: '2025-12-31' });
    expect(draft!.facts).toContain('逾期债务率10.00%');
  });

  it("feeds the district's risk score to the evaluation", async () => {
    const values = await h
      .caller('viewer')
      .kernel.plugins.indicatorValues({ pluginId: 'local-debt', indicator: 'local-debt.risk_score', year: 2025 });
    expect(values).toEqual([expect.objectContaining({ orgId: h.fixture.hexi, value: 49.56, sample: 1 })]);
  });
});
