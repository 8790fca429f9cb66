/**
 * The exchange change log is gap-free for a consumer that follows `seq`: a sync holds its channel's lock until it
 * commits, so a second sync cannot number and commit an entry while an earlier number is still invisible. Without the
 * lock the later sync's entry would be read first, the consumer's cursor would pass the earlier number, and the
 * earlier entry would never be delivered. Two syncs open at once need two connections: PostgreSQL only.
 */
import { rows, type Tx } from '@chengxin/db';
import type { TestDatabase } from '@chengxin/db/testing';
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
import { changesSince, syncChannel } from './export';

const approve = (tx: Tx, id: string) =>
  tx.execute(sql`update kernel.credit_record set status = 'approved', updated_at = now() where id = ${id}`);

/** What a consumer sees right now after `after`, read without syncing (a sync would wait for the open one). */
const visible = async (db: TestDatabase['db'], after: number) =>
  (
    await rows<{ seq: string; record_id: string }>(
      db,
      sql`select seq::text, record_id::text from kernel.exchange_change
        where channel = 'government' and seq > ${after} order by seq`,
    )
  ).map((r) => ({ seq: Number(r.seq), recordId: r.record_id }));

describe.each(testEngines().filter((e) => e === 'postgres'))('exchange change log order on %s', (engine) => {
  let database: TestDatabase;
  let ctx: KernelContext;
  let f: Fixture;
  beforeAll(async () => {
    database = await migratedTestDatabase(engine);
    ctx = testContext(database);
    f = await buildFixture(ctx);
  }, 60_000);
  afterAll(async () => database?.dispose());

  it('never shows a later entry while an earlier one is uncommitted, so a cursor never skips one', async () => {
    const start = await changesSince(ctx, { channel: 'government', limit: 1000 });
    const cursor = Number(start.nextCursor ?? 0);
    const a = (await penaltyDraft(ctx, f.hexiFinance, '津财罚〔2026〕501号', 'government')).id;
    const b = (await penaltyDraft(ctx, f.nankai, '南开罚〔2026〕502号', 'government')).id;
    await database.db.transaction((tx) => approve(tx, a));

    // The first sync numbers a's entry and stays open.
    const first = heldTransaction(database.db, async (tx) => expect(await syncChannel(tx, 'government')).toBe(1));
    await first.inside;
    await database.db.transaction((tx) => approve(tx, b));
    // The second sync starts while the first is open; it has to wait for the channel's lock.
    const second = database.db.transaction((tx) => syncChannel(tx, 'government'));
    for (let i = 0; i < 500; i++) {
      const [w] = await rows<{ n: number }>(
        database.db,
        sql`select count(*)::int as n from pg_locks where locktype = 'advisory' and not granted`,
      );
      if (w!.n > 0) break;
      await new Promise((r) => setTimeout(r, 20));
    }
    expect(await visible(database.db, cursor)).toEqual([]);

    first.release();
    await first.done;
    expect(await second).toBe(1);
    const all = await visible(database.db, cursor);
    expect(all.map((e) => e.recordId)).toEqual([a, b]);
    // A consumer following the cursor from where it stood gets both, in numbering order, each once.
    const page = await changesSince(ctx, { channel: 'government', cursor: String(cursor), limit: 1000 });
    expect(page.items.map((i) => i.recordId)).toEqual([a, b]);
    expect(page.items.map((i) => i.seq)).toEqual(all.map((e) => e.seq));
  }, 60_000);
});
