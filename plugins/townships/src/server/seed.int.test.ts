import { rows, sql, type DemoContext } from '@chengxin/plugin-sdk';
import { createPluginHarness, testEngines, type PluginHarness } from '@chengxin/plugin-sdk/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { townshipsPlugin } from './plugin';

/** The demo data on the test fixture's bodies: it loads, and shows the plan's sector steps in every state. */
describe.each(testEngines())('townships demo data on %s', (engine) => {
  let h: PluginHarness<typeof townshipsPlugin.router>;
  const count = async (query: ReturnType<typeof sql>) => (await rows<{ n: number }>(h.database.db, query))[0]!.n;

  beforeAll(async () => {
    process.env['CHENGXIN_TODAY'] = '2026-11-20';
    h = await createPluginHarness(townshipsPlugin, engine);
    await h.enable(null);
    const orgs = await rows<DemoContext['orgs'][number]>(
      h.database.db,
      sql`select id::text, name, level, kind, parent_id::text as "parentId", uscc from kernel_api.org_unit order by path`,
    );
    await townshipsPlugin.seed!(h.database.db as never, { today: '2026-11-20', orgs, audit: async () => undefined });
  });
  afterAll(async () => {
    delete process.env['CHENGXIN_TODAY'];
    await h.dispose();
  });

  it('seeds the disclosure of every begun quarter: published items on the board, the latest under way', async () => {
    expect(await count(sql`select count(*)::int as n from townships.disclosure where status = 'published'`)).toBe(7);
    expect(await count(sql`select count(*)::int as n from townships.disclosure where status <> 'published'`)).toBe(2);
    const board = await h.anonymous().plugin.public.board({ year: 2026 });
    const items = board.items.flatMap((t) => t.disclosures);
    expect(items.map((d) => [d.kind, d.quarter])).toEqual([
      ['budget', null],
      ['public_service_fund', 1],
      ['spending', 1],
      ['public_service_fund', 2],
      ['spending', 2],
      ['public_service_fund', 3],
      ['spending', 3],
    ]);
  });
});
