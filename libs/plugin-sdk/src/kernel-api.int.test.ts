import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import {
  definePlugin,
  inSubtree,
  label,
  officialsInPost,
  orgInScope,
  orgsById,
  personsById,
  pluginRouter,
  rows,
  sql,
  subtreeSql,
} from './index';
import { createPluginHarness, testEngines, type PluginHarness } from './testing';

/** A plugin with nothing of its own: what it sees of the kernel is what every plugin sees. */
const reader = definePlugin({
  id: 'api-reader',
  version: '0.1.0',
  label: label('读取', 'Reader'),
  description: label('内核读取视图测试插件', 'kernel_api test plugin'),
  config: z.object({}),
  router: pluginRouter({}),
});

describe('inSubtree', () => {
  it('holds for the root and bodies below it, not for a sibling whose id shares a prefix', () => {
    expect(inSubtree('a/b', 'a/b')).toBe(true);
    expect(inSubtree('a/b/c', 'a/b')).toBe(true);
    expect(inSubtree('a/bc', 'a/b')).toBe(false);
    expect(inSubtree('a', 'a/b')).toBe(false);
  });
});

describe.each(testEngines())('what a plugin may read (kernel_api) on %s', (engine) => {
  let h: PluginHarness<typeof reader.router>;
  beforeAll(async () => {
    h = await createPluginHarness(reader, engine);
  });
  afterAll(async () => h.dispose());

  const columns = (view: string) =>
    rows<{ column_name: string }>(
      h.database.db,
      sql`
    select column_name from information_schema.columns where table_schema = 'kernel_api' and table_name = ${view} order by ordinal_position`,
    ).then((list) => list.map((c) => c.column_name));

  it('offers the documented views, and a person without any form of the ID number', async () => {
    const views = await rows<{ table_name: string }>(
      h.database.db,
      sql`select table_name from information_schema.views where table_schema = 'kernel_api' order by table_name`,
    );
    expect(views.map((v) => v.table_name)).toEqual(['org_unit', 'person', 'post', 'record', 'tenure']);
    expect(await columns('person')).toEqual(['id', 'name']);
    expect(await columns('org_unit')).toEqual([
      'id',
      'parent_id',
      'path',
      'depth',
      'name',
      'short_name',
      'uscc',
      'level',
      'kind',
      'area_code',
      'sort_order',
    ]);
    expect(await columns('record')).toEqual(
      expect.arrayContaining(['id', 'status', 'version', 'facts', 'payload', 'decision_date', 'disclosure_scope']),
    );
  });

  it('refuses writes through the views, naming the view', async () => {
    const error = await h.database.db
      .execute(sql`update kernel_api.org_unit set name = 'x' where id = ${h.fixture.hexi}`)
      .then(
        () => null,
        (e: unknown) => e,
      );
    expect(String((error as { cause?: unknown })?.cause ?? error)).toMatch(/kernel_api\.org_unit is read-only/);
    const [org] = await rows<{ name: string }>(
      h.database.db,
      sql`select name from kernel_api.org_unit where id = ${h.fixture.hexi}`,
    );
    expect(org!.name).toBe('天津市河西区人民政府');
  });

  it('a record reads as its current version', async () => {
    const officer = h.caller('officer', { scopeOrgId: h.fixture.hexi });
    const created = (await officer.kernel.records.create({
      typeKey: 'administrative_penalty',
      subject: { kind: 'org', orgId: h.fixture.hexiFinance },
      severity: 'ordinary',
      facts: '初次认定',
      legalBasis: '《中华人民共和国行政处罚法》第三十二条',
      decisionNo: '津河财罚〔2026〕1号',
      decisionDate: '2026-03-02',
      issuingAuthority: '天津市河西区人民政府',
    } as never)) as { id: string };
    await officer.kernel.records.correct({
      recordId: created.id,
      expectedVersion: 1,
      reason: '更正事实',
      changes: { facts: '更正后的事实' },
    } as never);
    const list = await rows<{ version: number; facts: string }>(
      h.database.db,
      sql`select version, facts from kernel_api.record where id = ${created.id}`,
    );
    expect(list).toEqual([{ version: 2, facts: '更正后的事实' }]);
  });

  it('the SDK reads bodies, persons, officials and subtrees through the views', async () => {
    const orgs = await orgsById(h.database.db, [h.fixture.hexiStreet]);
    expect(orgs.get(h.fixture.hexiStreet)).toMatchObject({ name: '天津市河西区友谊路街道办事处', level: 'street' });
    expect(await personsById(h.database.db, [h.fixture.official, '01900000-0000-7000-8000-00000000dead'])).toEqual(
      new Map([[h.fixture.official, { id: h.fixture.official, name: '张建国' }]]),
    );
    expect(
      await officialsInPost(h.database.db, h.fixture.hexiFinance, '2026-01-01', { principalOnly: true }),
    ).toMatchObject([{ personId: h.fixture.official, postTitle: '局长', principal: true }]);
    const under = await rows<{ id: string }>(
      h.database.db,
      sql`
      select o.id::text from kernel_api.org_unit o join kernel_api.org_unit root on root.id = ${h.fixture.hexi} where ${subtreeSql(sql`o.path`, sql`root.path`)} order by o.path`,
    );
    expect(under.map((o) => o.id).sort()).toEqual([h.fixture.hexi, h.fixture.hexiFinance, h.fixture.hexiStreet].sort());
    const hexiPath = orgs.get(h.fixture.hexiStreet)!.path.split('/').slice(0, -1).join('/');
    const inScope = await rows<{ id: string }>(
      h.database.db,
      sql`
      select o.id::text from kernel_api.org_unit o where ${orgInScope({ roots: [hexiPath] } as never, sql`o.id`)} and o.level = 'district' and o.kind = 'government'`,
    );
    expect(inScope.map((o) => o.id)).toEqual([h.fixture.hexi]);
  });
});
