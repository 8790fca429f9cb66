/**
 * kernel.plugins.scanSubtree over HTTP: an officer runs a plugin's scan for their own subtree from the console — only
 * drafts for bodies and persons inside it are proposed, the answer lists those drafts (never the city's counts), a
 * second run proposes nothing twice, and the permission, the caller's scope and a bad plugin id are each refused.
 */
import { rows } from '@chengxin/db';
import { testEngines } from '@chengxin/db/testing';
import { createClient, TRPCClientError } from '@chengxin/client';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, TEST_PASSWORD, type TestServer } from '../testing';

async function failure(p: Promise<unknown>) {
  const e = await p.then(
    () => null,
    (error: unknown) => error,
  );
  expect(e, 'expected the call to fail').toBeInstanceOf(TRPCClientError);
  return (e as { data: { httpStatus: number; appCode: string; field: string | null; messageZh: string } }).data;
}

const figures = (orgId: string, overdueFen: number) => ({
  orgId,
  year: 2024,
  balanceFen: 900_000_000,
  capacityFen: 1_000_000_000,
  principalInterestDueFen: 100_000_000,
  overdueFen,
  newDebtFen: 50_000_000,
});

describe.each(testEngines())('kernel.plugins.scanSubtree over HTTP on %s', (engine) => {
  let t: TestServer;
  const clients = new Map<string, ReturnType<typeof createClient>>();
  const as = (user: string) =>
    clients.get(user) ?? clients.set(user, createClient(t.url, { username: user, password: TEST_PASSWORD })).get(user)!;
  const proposedFor = async (orgId: string) =>
    (
      await rows<{ n: number }>(
        t.database.db,
        sql`select count(*)::int as n from kernel.credit_record where source_system = 'local-debt.rules' and org_id = ${orgId}`,
      )
    )[0]!.n;

  beforeAll(async () => {
    t = await startTestServer(engine);
    await as('admin').kernel.plugins.configureDeployment.mutate({ pluginId: 'local-debt', enabled: true, config: {} });
    // Overdue debt in 河西区 and in 南开区: each is a breach the scan proposes a draft for.
    await as('admin').localDebt.figures.save.mutate(figures(t.fixture.hexi, 30_000_000));
    await as('admin').localDebt.figures.save.mutate(figures(t.fixture.nankai, 40_000_000));
  }, 120_000);
  afterAll(async () => t?.close());

  it('proposes drafts only inside the caller subtree and lists them; a second run proposes nothing twice', async () => {
    const hexi = await as('hexi.officer').kernel.plugins.scanSubtree.mutate({ pluginId: 'local-debt' });
    expect(hexi).toMatchObject({ draftsCreated: 1, alreadyProposed: 0 });
    expect(hexi.drafts).toHaveLength(1);
    expect(hexi.drafts[0]).toMatchObject({
      subjectKind: 'org',
      subjectId: t.fixture.hexi,
      subjectName: '天津市河西区人民政府',
      status: 'draft',
      typeKey: 'local-debt.overdue_debt',
      created: true,
    });
    // 南开区 is outside 河西区: nothing proposed there, nothing about it in the answer.
    expect(await proposedFor(t.fixture.nankai)).toBe(0);
    expect(JSON.stringify(hexi)).not.toContain('南开');

    const again = await as('hexi.officer').kernel.plugins.scanSubtree.mutate({ pluginId: 'local-debt' });
    expect(again).toMatchObject({ draftsCreated: 0, alreadyProposed: 1 });
    expect(again.drafts.map((d) => [d.recordId, d.created])).toEqual([[hexi.drafts[0]!.recordId, false]]);
    expect(await proposedFor(t.fixture.hexi)).toBe(1);

    // A city-wide officer's subtree is the city: 南开区's draft now, 河西区's already proposed.
    const city = await as('officer').kernel.plugins.scanSubtree.mutate({ pluginId: 'local-debt' });
    expect(city).toMatchObject({ draftsCreated: 1, alreadyProposed: 1 });
    expect(city.drafts.find((d) => d.created)).toMatchObject({ subjectId: t.fixture.nankai });
    expect(await proposedFor(t.fixture.nankai)).toBe(1);
    // The record opened from the list is one the caller may read.
    const record = await as('hexi.officer').kernel.records.get.query({ id: hexi.drafts[0]!.recordId });
    expect(record.status).toBe('draft');
  });

  it('is refused without the scan permission, without a session, and for a bad plugin id (naming the field)', async () => {
    expect(
      await failure(as('hexi.viewer').kernel.plugins.scanSubtree.mutate({ pluginId: 'local-debt' })),
    ).toMatchObject({ httpStatus: 403, appCode: 'PERMISSION_DENIED' });
    expect(await failure(as('reviewer').kernel.plugins.scanSubtree.mutate({ pluginId: 'local-debt' }))).toMatchObject({
      httpStatus: 403,
    });
    expect(
      await failure(createClient(t.url).kernel.plugins.scanSubtree.mutate({ pluginId: 'local-debt' })),
    ).toMatchObject({ httpStatus: 401 });
    expect(await failure(as('hexi.officer').kernel.plugins.scanSubtree.mutate({ pluginId: 'nope' }))).toMatchObject({
      httpStatus: 404,
      appCode: 'PLUGIN_NOT_FOUND',
      field: 'pluginId',
    });
    expect(await failure(as('hexi.officer').kernel.plugins.scanSubtree.mutate({ pluginId: '' }))).toMatchObject({
      httpStatus: 400,
      field: 'pluginId',
    });
  });
});
