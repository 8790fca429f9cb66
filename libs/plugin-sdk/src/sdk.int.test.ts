import { describe, expect, it, afterAll, beforeAll } from 'vitest';
import { z } from 'zod';
import { checkPlugin, definePlugin, label, pluginRouter, procedureFor, rows, sql, type KernelEvent } from './index';
import { createPluginHarness, refusalOf, testEngines, type PluginHarness } from './testing';

const events: KernelEvent[] = [];
const payloadV2 = z.object({ caseNo: z.string().min(1), amountFen: z.number().int().min(0) });

/** A plugin with no tables: one record type (payload version 2), an event listener and one procedure. */
const probe = definePlugin({
  id: 'sdk-probe',
  version: '0.1.0',
  label: label('探针', 'Probe'),
  description: label('SDK 测试插件', 'SDK test plugin'),
  recordTypes: [
    {
      key: 'sdk-probe.breach',
      label: label('探针违约', 'Probe breach'),
      subjects: ['org'],
      polarity: 'dishonesty',
      defaultSeverity: 'ordinary',
      repairable: true,
      defaultDisclosure: 'public',
      payload: {
        version: 2,
        schema: payloadV2,
        upcasters: { 1: (old) => ({ caseNo: String(old['no']), amountFen: Number(old['yuan']) * 100 }) },
      },
    },
  ],
  permissions: { 'sdk-probe.things.write': label('写', 'Write') },
  roles: { officer: ['sdk-probe.things.write'] },
  config: z.object({ limit: z.number().default(3) }),
  onKernelEvent: async (tx, event) => {
    // Runs inside the move's transaction: a query here sees the new status.
    const [r] = await rows<{ status: string }>(
      tx,
      sql`select status from kernel_api.record where id = ${event.recordId}`,
    );
    events.push({ ...event, to: r!.status as never });
  },
  router: pluginRouter({
    ping: procedureFor('sdk-probe')
      .meta({
        permission: 'sdk-probe.things.write',
        scope: 'subject',
        subjects: (i) => [{ kind: 'org', id: i?.orgId }],
      })
      .input(z.object({ orgId: z.uuid() }))
      .output(z.literal('pong'))
      .mutation(() => 'pong' as const),
  }),
});

describe('plugin declarations checked at start-up', () => {
  const base = {
    ...probe,
    id: 'bad',
    recordTypes: [],
    permissions: {},
    roles: {},
    rules: [],
    indicators: [],
    nav: [],
    subjects: {},
  };
  it('names every problem', () => {
    expect(checkPlugin({ ...base, id: 'Bad_Id' })).toContainEqual(expect.stringMatching(/lower-case/));
    expect(checkPlugin({ ...base, id: 'kernel' })).toContainEqual(expect.stringMatching(/reserved/));
    expect(checkPlugin({ ...base, kernelApi: 99 })).toContainEqual(expect.stringMatching(/kernel API 99/));
    expect(checkPlugin({ ...base, recordTypes: probe.recordTypes })).toContainEqual(
      expect.stringMatching(/record type sdk-probe.breach must be prefixed "bad."/),
    );
    expect(checkPlugin({ ...base, permissions: { 'other.x.y': label('x', 'x') } })).toContainEqual(
      expect.stringMatching(/permission other.x.y/),
    );
    expect(checkPlugin({ ...base, migrations: { schema: 'public', folder: '/tmp' } })).toContainEqual(
      expect.stringMatching(/schema "bad"/),
    );
    expect(checkPlugin({ ...base, config: z.object({ must: z.string() }) })).toContainEqual(
      expect.stringMatching(/default for every field/),
    );
    const noUpcaster = {
      ...probe.recordTypes[0]!,
      key: 'bad.t',
      payload: { version: 3, schema: payloadV2, upcasters: {} },
    };
    expect(checkPlugin({ ...base, recordTypes: [noUpcaster] })).toContainEqual(
      expect.stringMatching(/no upcaster from payload version 1/),
    );
    expect(checkPlugin(probe)).toEqual([]);
  });
});

describe.each(testEngines())('plugin runtime on %s', (engine) => {
  let h: PluginHarness<typeof probe.router>;
  beforeAll(async () => {
    h = await createPluginHarness(probe, engine);
  });
  afterAll(async () => h.dispose());

  it('validates, stamps and upcasts plugin payloads, naming the bad field', async () => {
    const officer = h.caller('officer', { scopeOrgId: h.fixture.hexi });
    const record = (payload: Record<string, unknown>) =>
      officer.kernel.records.create({
        typeKey: 'sdk-probe.breach',
        subject: { kind: 'org', orgId: h.fixture.hexiFinance },
        severity: 'ordinary',
        facts: '逾期',
        legalBasis: '某条例第一条',
        decisionNo: '测〔2026〕1号',
        decisionDate: '2026-01-05',
        issuingAuthority: '天津市财政局',
        payload,
      });
    const bad = await record({ caseNo: '', amountFen: 5 }).catch(
      (e: { cause?: { appCode?: string; field?: string } }) => e.cause,
    );
    expect(bad).toMatchObject({ appCode: 'PAYLOAD_INVALID', field: 'payload.caseNo' });
    const current = await record({ caseNo: 'A-1', amountFen: 5 });
    expect(current.current.payload).toEqual({ caseNo: 'A-1', amountFen: 5, $v: 2 });
    // A payload of the older version is upcast when written and when read.
    const old = await record({ no: 'B-2', yuan: 3, $v: 1 });
    expect(old.current.payload).toEqual({ caseNo: 'B-2', amountFen: 300, $v: 2 });
  });

  it("keeps a plugin's rule source for its own rules: nobody can pre-empt a proposal", async () => {
    const officer = h.caller('officer', { scopeOrgId: h.fixture.hexi });
    const error = await officer.kernel.records
      .create({
        typeKey: 'administrative_penalty',
        payload: { penaltyCategories: ['warning'], penaltyContent: '警告' },
        subject: { kind: 'org', orgId: h.fixture.hexiFinance },
        severity: 'ordinary',
        facts: '逾期',
        legalBasis: '某条例第一条',
        decisionNo: '测〔2026〕9号',
        decisionDate: '2026-01-05',
        issuingAuthority: '天津市财政局',
        source: { system: 'sdk-probe.rules', id: 'rule:breach' },
      })
      .catch((e: { cause?: { appCode?: string; field?: string } }) => e.cause);
    expect(error).toMatchObject({ appCode: 'SOURCE_SYSTEM_RESERVED', field: 'source.system' });
  });

  it("delivers moves of its own record types inside the moving transaction, and no one else's", async () => {
    const officer = h.caller('officer', { scopeOrgId: h.fixture.hexi });
    const created = await officer.kernel.records.create({
      typeKey: 'sdk-probe.breach',
      subject: { kind: 'org', orgId: h.fixture.hexiFinance },
      severity: 'ordinary',
      facts: '逾期',
      legalBasis: '某条例第一条',
      decisionNo: '测〔2026〕2号',
      decisionDate: '2026-01-05',
      issuingAuthority: '天津市财政局',
      payload: { caseNo: 'C-3', amountFen: 1 },
    });
    const kernelOwn = await officer.kernel.records.create({
      typeKey: 'administrative_penalty',
      payload: { penaltyCategories: ['warning'], penaltyContent: '警告' },
      subject: { kind: 'org', orgId: h.fixture.hexiFinance },
      severity: 'ordinary',
      facts: '逾期',
      legalBasis: '某条例第一条',
      decisionNo: '测〔2026〕3号',
      decisionDate: '2026-01-05',
      issuingAuthority: '天津市财政局',
    });
    events.length = 0;
    await officer.kernel.records.submit({ recordId: created.id });
    await officer.kernel.records.submit({ recordId: kernelOwn.id });
    expect(events).toEqual([
      { type: 'record.transition', recordId: created.id, typeKey: 'sdk-probe.breach', from: 'draft', to: 'submitted' },
    ]);
  });

  it('enables per subtree: the nearest setting wins, and a disabled plugin refuses changes by name', async () => {
    const officer = h.caller('officer', { scopeOrgId: h.fixture.hexi });
    const code = async (p: Promise<unknown>) => (await refusalOf(p))?.appCode ?? 'ok';
    expect(await code(officer.plugin.ping({ orgId: h.fixture.hexiFinance }))).toBe('PLUGIN_DISABLED');
    await h.enable(h.fixture.hexi, { limit: 5 });
    expect(await code(officer.plugin.ping({ orgId: h.fixture.hexiFinance }))).toBe('ok');
    await h.enable(h.fixture.hexiFinance, {}, false);
    expect(await code(officer.plugin.ping({ orgId: h.fixture.hexiFinance }))).toBe('PLUGIN_DISABLED');
    expect(await code(officer.plugin.ping({ orgId: h.fixture.hexiStreet }))).toBe('ok');
    const effective = await h
      .caller('viewer')
      .kernel.plugins.effective({ pluginId: 'sdk-probe', orgId: h.fixture.hexiStreet });
    expect(effective).toEqual({
      enabled: true,
      config: { limit: 5 },
      governing: { limit: 5 },
      from: { kind: 'org', orgId: h.fixture.hexi },
    });
    // 河西区 itself is judged by what is set above it (the defaults here), not by its own setting.
    expect(
      (await h.caller('viewer').kernel.plugins.effective({ pluginId: 'sdk-probe', orgId: h.fixture.hexi })).governing,
    ).toEqual({ limit: 3 });
    // Switching off without a configuration keeps the level's configuration.
    await h.caller('admin').kernel.plugins.configure({ pluginId: 'sdk-probe', orgId: h.fixture.hexi, enabled: false });
    expect(
      await h.caller('viewer').kernel.plugins.effective({ pluginId: 'sdk-probe', orgId: h.fixture.hexiStreet }),
    ).toMatchObject({ enabled: false, config: { limit: 5 } });
    await h.enable(h.fixture.hexi, { limit: 5 });
    const district = h.caller('admin', { scopeOrgId: h.fixture.hexi });
    expect(
      await code(
        district.kernel.plugins.configure({
          pluginId: 'sdk-probe',
          orgId: h.fixture.nankai,
          enabled: true,
          config: {},
        }),
      ),
    ).toBe('OUT_OF_SCOPE');
    expect(
      await code(district.kernel.plugins.configureDeployment({ pluginId: 'sdk-probe', enabled: true, config: {} })),
    ).toBe('CITY_SCOPE_REQUIRED');
    expect(
      await code(
        district.kernel.plugins.configure({
          pluginId: 'sdk-probe',
          orgId: h.fixture.hexi,
          enabled: true,
          config: { nope: 1 },
        }),
      ),
    ).toBe('PLUGIN_CONFIG_UNKNOWN');
  });
});
