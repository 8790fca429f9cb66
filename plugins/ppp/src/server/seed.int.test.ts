import { rows, sql, type DemoContext } from '@chengxin/plugin-sdk';
import { createPluginHarness, testEngines, type PluginHarness } from '@chengxin/plugin-sdk/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pppPlugin } from './plugin';

/** The demo data on the test fixture's bodies: it loads, and shows the plan's sector steps in every state. */
describe.each(testEngines())('ppp demo data on %s', (engine) => {
  let h: PluginHarness<typeof pppPlugin.router>;
  beforeAll(async () => {
    process.env['CHENGXIN_TODAY'] = '2026-11-20';
    h = await createPluginHarness(pppPlugin, engine);
    await h.enable(null);
    const orgs = await rows<DemoContext['orgs'][number]>(
      h.database.db,
      sql`select id::text, name, level, kind, parent_id::text as "parentId", uscc from kernel_api.org_unit order by path`,
    );
    await pppPlugin.seed!(h.database.db as never, { today: '2026-11-20', orgs, audit: async () => undefined });
  });
  afterAll(async () => {
    delete process.env['CHENGXIN_TODAY'];
    await h.dispose();
  });

  it('seeds contract reviews in several states and results of every kind, which the scan turns into drafts', async () => {
    const states = (await h.caller('viewer').plugin.reviews.list({})).map((r) => r.state).sort();
    expect(states).toEqual(['reviewed', 'reviewed', 'reviewed_after_signing', 'unreviewed']);
    const results = (await h.caller('viewer').plugin.results.list({})).map((r) => r.result).sort();
    expect(results).toEqual(['adequate', 'adequate', 'failed', 'good']);
    await h.scan('2026-11-20');
    const drafts = await rows<{ polarity: string }>(
      h.database.db,
      sql`select r.polarity from kernel_api.record r where r.type_key in ('ppp.performance_commendation', 'ppp.performance_failed') and r.subject_kind = 'org' order by r.polarity`,
    );
    expect(drafts.map((d) => d.polarity)).toEqual(['commendation', 'dishonesty']);
  });
});
