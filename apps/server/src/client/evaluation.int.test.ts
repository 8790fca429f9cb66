/**
 * The evaluation over HTTP through the typed client: an evaluator defines a year's weights (from the template, so the
 * plugins' indicators count), runs; a second person reviews and publishes; the public reads the published result;
 * roll-ups follow the caller's scope; bad input is refused by field.
 */
import { rows } from '@chengxin/db';
import { testEngines } from '@chengxin/db/testing';
import { startTestServer, TEST_PASSWORD, type TestRole, type TestServer } from '../testing';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createClient, TRPCClientError } from '@chengxin/client';

async function failure(p: Promise<unknown>) {
  const e = await p.then(
    () => null,
    (error: unknown) => error,
  );
  expect(e, 'expected the call to fail').toBeInstanceOf(TRPCClientError);
  return (e as { data: { code: string; appCode: string; field: string | null; messageZh: string } }).data;
}

describe.each(testEngines())('evaluation over HTTP on %s', (engine) => {
  let t: TestServer;
  const clients = new Map<string, ReturnType<typeof createClient>>();
  const as = (user: TestRole | `hexi.${TestRole}`) =>
    clients.get(user) ?? clients.set(user, createClient(t.url, { username: user, password: TEST_PASSWORD })).get(user)!;
  const count = async (table: string) =>
    (await rows<{ n: number }>(t.database.db, sql`select count(*)::int as n from ${sql.raw(table)}`))[0]!.n;

  beforeAll(async () => {
    process.env['CHENGXIN_TODAY'] = '2026-11-20';
    t = await startTestServer(engine);
  }, 120_000);
  afterAll(async () => {
    delete process.env['CHENGXIN_TODAY'];
    await t?.close();
  });

  it('runs the whole cycle: template → weights → run → second-person review → publication → public result', async () => {
    const template = await as('evaluator').kernel.evaluation.schemes.template.query({ year: 2026, level: 'district' });
    expect(template.kind).toBe('government');
    const catalogue = await as('evaluator').kernel.evaluation.schemes.indicators.query();
    const pluginKeys = catalogue.filter((i) => i.owner !== 'kernel').map((i) => i.key);
    expect(pluginKeys).toEqual(expect.arrayContaining(['procurement.sme_payment_on_time_rate']));
    expect(template.indicators.map((i) => i.key)).toEqual(expect.arrayContaining(pluginKeys));

    const scheme = await as('evaluator').kernel.evaluation.schemes.save.mutate({ ...template, minSample: 0 });
    const run = await as('evaluator').kernel.evaluation.runs.start.mutate({ schemeId: scheme.id });
    expect(run).toMatchObject({ status: 'computed', bodies: 2, computedBy: expect.any(String) });
    expect(
      await failure(as('evaluator').kernel.evaluation.runs.review.mutate({ runId: run.id, note: '自己审核' })),
    ).toMatchObject({ code: 'FORBIDDEN', appCode: 'PERMISSION_DENIED' });
    expect(await failure(as('viewer').kernel.evaluation.runs.get.query({ id: run.id }))).toMatchObject({
      appCode: 'PERMISSION_DENIED',
    });

    const anonymous = createClient(t.url);
    expect(await anonymous.kernel.evaluation.published.query({ level: 'district', year: 2026 })).toBeNull();
    await as('reviewer').kernel.evaluation.runs.review.mutate({ runId: run.id, note: '数据核对无误，同意公布' });
    await as('reviewer').kernel.evaluation.runs.publish.mutate({ runId: run.id });
    const published = await anonymous.kernel.evaluation.published.query({ level: 'district', year: 2026 });
    expect(published).toMatchObject({ id: run.id, status: 'published', reviewNote: null, computedBy: null });
    expect(published!.scores.map((s) => s.orgId).sort()).toEqual([t.fixture.hexi, t.fixture.nankai].sort());
    expect(published!.scores[0]!.breakdown.map((b) => b.key)).toEqual(template.indicators.map((i) => i.key));

    const xlsx = await as('evaluator').kernel.evaluation.runs.export.query({ runId: run.id, format: 'xlsx' });
    expect(xlsx).toMatchObject({
      encoding: 'base64',
      filename: expect.stringMatching(/^evaluation-2026-district-v1-.+\.xlsx$/),
    });
  });

  it('refuses weights and scales field by field, writing nothing, and scheme changes to callers limited to a district', async () => {
    const before = await count('kernel.evaluation_scheme');
    const bad = await failure(
      as('evaluator').kernel.evaluation.schemes.save.mutate({
        year: 2026,
        level: 'district',
        name: '错误方案',
        indicators: [{ key: 'kernel.dishonesty', weight: -1, scale: { kind: 'linear', best: 0, worst: 5 } }],
      }),
    );
    expect(bad).toMatchObject({ code: 'BAD_REQUEST', field: 'indicators.0.weight' });
    expect(bad.messageZh).toMatch(/[\u4e00-\u9fa5]/);
    const same = await failure(
      as('evaluator').kernel.evaluation.schemes.save.mutate({
        year: 2026,
        level: 'district',
        name: '错误方案',
        indicators: [{ key: 'kernel.dishonesty', weight: 1, scale: { kind: 'linear', best: 5, worst: 5 } }],
      }),
    );
    expect(same).toMatchObject({ field: 'indicators.0.scale.worst' });
    expect(
      await failure(
        as('hexi.evaluator').kernel.evaluation.schemes.save.mutate({
          year: 2026,
          level: 'district',
          name: '区里的方案',
          indicators: [{ key: 'kernel.dishonesty', weight: 1, scale: { kind: 'linear', best: 0, worst: 5 } }],
        }),
      ),
    ).toMatchObject({ code: 'FORBIDDEN', appCode: 'CITY_SCOPE_REQUIRED' });
    expect(await count('kernel.evaluation_scheme')).toBe(before);
  });

  it("rolls up within the caller's scope", async () => {
    const mine = await as('hexi.viewer').kernel.rollups.subtree.query({});
    expect(mine.rootOrgId).toBe(t.fixture.hexi);
    expect(mine.rows.map((r) => r.orgId)).toEqual(
      expect.arrayContaining([t.fixture.hexi, t.fixture.hexiFinance, t.fixture.hexiStreet]),
    );
    expect(await failure(as('hexi.viewer').kernel.rollups.subtree.query({ orgId: t.fixture.nankai }))).toMatchObject({
      code: 'FORBIDDEN',
      appCode: 'OUT_OF_SCOPE',
    });
    const city = await as('viewer').kernel.rollups.subtree.query({});
    expect(city.rows.map((r) => r.orgName)).toEqual(['天津市人民政府', '天津市河西区人民政府', '天津市南开区人民政府']);
  });
});
