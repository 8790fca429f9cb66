import { createPluginHarness, testEngines, type PluginHarness } from '@chengxin/plugin-sdk/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { biddingPlugin } from './plugin';

const codeOf = (e: unknown) => (e as { cause?: { appCode?: string } }).cause?.appCode ?? (e as { code?: string }).code;

describe.each(testEngines())('bidding plugin on %s', (engine) => {
  let h: PluginHarness<typeof biddingPlugin.router>;
  beforeAll(async () => { h = await createPluginHarness(biddingPlugin, engine); });
  afterAll(async () => h.dispose());

  it('refuses changes until an admin enables it', async () => {
    const officer = h.caller('officer', { scopeOrgId: h.fixture.hexi });
    const error = await officer.plugin.items.create({ orgId: h.fixture.hexiFinance, title: '示例', amountFen: 100 }).catch((e: unknown) => e);
    expect(codeOf(error)).toBe('PLUGIN_DISABLED');
  });

  it('records an item in one audited transaction and lists it within scope', async () => {
    await h.enable(null);
    const officer = h.caller('officer', { scopeOrgId: h.fixture.hexi });
    const created = await officer.plugin.items.create({ orgId: h.fixture.hexiFinance, title: '示例', amountFen: 100 });
    expect(created).toMatchObject({ title: '示例', amountFen: 100 });
    expect((await officer.plugin.items.list({})).map((i) => i.id)).toContain(created.id);
    expect(await h.caller('viewer', { scopeOrgId: h.fixture.nankai }).plugin.items.list({})).toEqual([]);
  });

  it('refuses bad input naming the field, and another district\'s body', async () => {
    const officer = h.caller('officer', { scopeOrgId: h.fixture.hexi });
    const bad = await officer.plugin.items.create({ orgId: h.fixture.hexiFinance, title: '', amountFen: -1 }).catch((e: unknown) => e);
    expect(codeOf(bad)).toBe('BAD_REQUEST');
    const out = await officer.plugin.items.create({ orgId: h.fixture.nankai, title: '示例', amountFen: 1 }).catch((e: unknown) => e);
    expect(codeOf(out)).toBe('OUT_OF_SCOPE');
  });
});
