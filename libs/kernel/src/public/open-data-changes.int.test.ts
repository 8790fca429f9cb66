/**
 * The open-data changes feed (`kernel.public.openData.changes`) never misses a write: a poller that passes each answer's
 * `until` as the next `since` gets a publication whose transaction began before a later one and committed after it.
 * Two transactions open at once need two connections, so the late commit is PostgreSQL only (PGlite runs one session);
 * the plain feed runs on both engines.
 */
import type { Tx } from '@chengxin/db';
import type { TestDatabase } from '@chengxin/db/testing';
import { today as todayOf } from '@chengxin/contract';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { KernelContext } from '../core';
import {
  buildFixture,
  heldTransaction,
  migratedTestDatabase,
  penaltyDraft,
  testContext,
  testEngines,
  type Fixture,
} from '../core/testing';
import { openDataChanges } from './open-data';

const TODAY = todayOf();

/** What publishing writes, inside the caller's transaction: the status and a lifecycle event stamped with its start. */
async function publishInside(tx: Tx, id: string) {
  await tx.execute(sql`update kernel.credit_record set status = 'published', updated_at = now() where id = ${id}`);
  await tx.execute(sql`insert into kernel.record_event (record_id, action, from_status, to_status, version)
    values (${id}, 'publish', 'approved', 'published', 1)`);
}

const ids = (page: Awaited<ReturnType<typeof openDataChanges>>) => page.items.map((i) => `${i.op} ${i.recordId}`);

describe.each(testEngines())('open-data changes on %s', (engine) => {
  let database: TestDatabase;
  let ctx: KernelContext;
  let f: Fixture;
  beforeAll(async () => {
    database = await migratedTestDatabase(engine);
    ctx = testContext(database);
    f = await buildFixture(ctx);
  }, 60_000);
  afterAll(async () => database?.dispose());

  it('lists a publication once, and nothing from its until onwards when nothing changed', async () => {
    const start = await openDataChanges(database.db, { since: '2026-01-01T00:00:00Z', limit: 100 }, TODAY);
    const a = (await penaltyDraft(ctx, f.hexiFinance, '津财罚〔2026〕401号')).id;
    await database.db.transaction((tx) => publishInside(tx, a));
    const first = await openDataChanges(database.db, { since: start.until, limit: 100 }, TODAY);
    expect(ids(first)).toEqual([`ADD ${a}`]);
    expect(first.items[0]!.record?.decisionNo).toBe('津财罚〔2026〕401号');
    // With no other transaction open, the feed is complete up to the moment it was read.
    expect(Date.parse(first.until)).toBeGreaterThanOrEqual(Date.parse(start.until));
    expect(ids(await openDataChanges(database.db, { since: first.until, limit: 100 }, TODAY))).toEqual([]);
  });

  it('refuses an instant PostgreSQL cannot hold, naming since', async () => {
    for (const since of ['0000-01-01T00:00:00Z', 'yesterday'])
      await expect(openDataChanges(database.db, { since, limit: 10 }, TODAY)).rejects.toMatchObject({
        appCode: 'SINCE_INVALID',
        field: 'since',
      });
  });
});

describe.each(testEngines().filter((e) => e === 'postgres'))(
  'open-data changes under a late commit on %s',
  (engine) => {
    let database: TestDatabase;
    let ctx: KernelContext;
    let f: Fixture;
    beforeAll(async () => {
      database = await migratedTestDatabase(engine);
      ctx = testContext(database);
      f = await buildFixture(ctx);
    }, 60_000);
    afterAll(async () => database?.dispose());

    it('delivers a publication that began before a later one and committed after it (two connections)', async () => {
      const x = (await penaltyDraft(ctx, f.hexiFinance, '津财罚〔2026〕402号')).id;
      const y = (await penaltyDraft(ctx, f.nankai, '南开罚〔2026〕403号')).id;
      const start = await openDataChanges(database.db, { since: '2026-01-01T00:00:00Z', limit: 100 }, TODAY);
      // The slow publication stamps x with its start (earlier) and commits last.
      const slow = heldTransaction(database.db, (tx) => publishInside(tx, x));
      await slow.inside;
      await database.db.transaction((tx) => publishInside(tx, y));
      const during = await openDataChanges(database.db, { since: start.until, limit: 100 }, TODAY);
      expect(ids(during)).toEqual([`ADD ${y}`]);
      slow.release();
      await slow.done;
      // From the `until` of the page read while x was open: x is there (y may repeat; a poller keys by record id).
      const after = await openDataChanges(database.db, { since: during.until, limit: 100 }, TODAY);
      expect(ids(after)).toContain(`ADD ${x}`);
    }, 60_000);
  },
);
