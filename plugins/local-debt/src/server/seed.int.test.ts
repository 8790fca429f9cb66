import { rows, sql, type DemoContext } from '@chengxin/plugin-sdk';
import { createPluginHarness, testEngines, type PluginHarness } from '@chengxin/plugin-sdk/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { localDebtPlugin } from './plugin';

/** The demo data on the test fixture's bodies: it loads, and shows the plan's sector steps in every state. */
describe.each(testEngines())('local-debt demo data on %s', (engine) => {
  let h: PluginHarness<typeof localDebtPlugin.router>;
  const count = async (query: ReturnType<typeof sql>) => (await rows<{ n: number }>(h.database.db, query))[0]!.n;

  beforeAll(async () => {
    process.env['CHENGXIN_TODAY'] = '2026-11-20';
    h = await createPluginHarness(localDebtPlugin, engine);
    await h.enable(null);
    const orgs = await rows<DemoContext['orgs'][number]>(
      h.database.db,
      sql`select id::text, name, level, kind, parent_id::text as "parentId", uscc from kernel_api.org_unit order by path`,
    );
    await localDebtPlugin.seed!(h.database.db as never, { today: '2026-11-20', orgs, audit: async () => undefined });
  });
  afterAll(async () => {
    delete process.env['CHENGXIN_TODAY'];
    await h.dispose();
  });

  it('seeds five years of figures and a published credit grade to compare with the computed one', async () => {
    expect(await count(sql`select count(*)::int as n from local_debt.debt_figure`)).toBe(10);
    const list = await h.caller('viewer').plugin.creditRatings.list({ year: 2025 });
    expect(list).toHaveLength(2);
    expect(list.filter((r) => r.published).map((r) => [r.published!.grade, r.changedSincePublished])).toEqual([
      [list.find((r) => r.published)!.grade, false],
    ]);
  });
});
