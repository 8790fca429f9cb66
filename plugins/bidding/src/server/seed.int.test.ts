import { rows, sql, type DemoContext } from '@chengxin/plugin-sdk';
import { createPluginHarness, testEngines, type PluginHarness } from '@chengxin/plugin-sdk/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { biddingPlugin } from './plugin';

/** The demo data on the test fixture's bodies: it loads, and shows the plan's sector steps in every state. */
describe.each(testEngines())('bidding demo data on %s', (engine) => {
  let h: PluginHarness<typeof biddingPlugin.router>;
  const count = async (query: ReturnType<typeof sql>) => (await rows<{ n: number }>(h.database.db, query))[0]!.n;

  beforeAll(async () => {
    process.env['CHENGXIN_TODAY'] = '2026-11-20';
    h = await createPluginHarness(biddingPlugin, engine);
    await h.enable(null);
    const orgs = await rows<DemoContext['orgs'][number]>(
      h.database.db,
      sql`select id::text, name, level, kind, parent_id::text as "parentId", uscc from kernel_api.org_unit order by path`,
    );
    await biddingPlugin.seed!(h.database.db as never, { today: '2026-11-20', orgs, audit: async () => undefined });
  });
  afterAll(async () => {
    delete process.env['CHENGXIN_TODAY'];
    await h.dispose();
  });

  it('seeds agency evaluations in every review state and supervision entries entered and published', async () => {
    const states = await rows<{ status: string }>(
      h.database.db,
      sql`select distinct status from bidding.agency_evaluation order by status`,
    );
    expect(states.map((s) => s.status)).toEqual(['entered', 'published', 'returned', 'reviewed']);
    expect(await count(sql`select count(*)::int as n from bidding.agency_supervision where status = 'published'`)).toBe(
      2,
    );
    expect(await count(sql`select count(*)::int as n from bidding.agency_supervision where status = 'entered'`)).toBe(
      1,
    );
    const disclosed = await h.anonymous().plugin.agencies.disclosure({});
    expect(disclosed.filter((a) => a.latestEvaluation).length).toBe(2);
    expect(disclosed.flatMap((a) => a.supervision.map((x) => x.kind)).sort()).toEqual(['complaint', 'inspection']);
  });
});
