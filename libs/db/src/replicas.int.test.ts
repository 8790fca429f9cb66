/**
 * The replica router against a real streaming replica of the test PostgreSQL server (started here with
 * pg_basebackup -R and pg_ctl on another port): reads go to the replica while it is current; replay paused past the
 * lag setting, or the replica stopped, sends them to the primary without an error; once it replays again it is used
 * again; a caller that wrote reads the primary until the replica has its write. On PGlite there are no replicas.
 */
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rows } from './engine';
import { ReplicaRouter, type ReadTarget } from './replicas';
import { startStreamingReplica, type StreamingReplica } from './replica-testing';
import { createTestDatabase, testEngines, type TestDatabase } from './testing';

/** Polls the router's check until `ok` holds (a replica's state changes when the server does, not at a set time). */
async function until(router: ReplicaRouter, ok: () => boolean, what: string) {
  for (let i = 0; i < 300; i++) {
    await router.check();
    if (ok()) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`timed out waiting for: ${what} (status ${JSON.stringify(router.status())})`);
}

describe.each(testEngines())('read replicas on %s', (engine) => {
  if (engine === 'pglite') {
    it('are refused over an embedded PGlite primary', async () => {
      const database = await createTestDatabase('pglite');
      try {
        await expect(
          ReplicaRouter.open(database, { urls: ['postgres://postgres@127.0.0.1:1/x'], maxLagSeconds: 5 }),
        ).rejects.toThrow(/PostgreSQL/);
      } finally {
        await database.dispose();
      }
    });
    return;
  }

  let primary: TestDatabase;
  let replica: StreamingReplica;
  let router: ReplicaRouter;
  const reads: ReadTarget[] = [];
  const logs: string[] = [];
  let n = 0;
  const write = async () => {
    n += 1;
    await primary.db.execute(sql`insert into probe (n) values (${n})`);
    return n;
  };
  const seen = async (db: ReturnType<ReplicaRouter['pick']>['db'], value: number) =>
    (await rows<{ n: number }>(db, sql`select n from probe where n = ${value}`)).length === 1;

  beforeAll(async () => {
    primary = await createTestDatabase('postgres');
    await primary.db.execute(sql`create table probe (n int primary key)`);
    replica = await startStreamingReplica();
    const name = new URL(primary.location).pathname.slice(1);
    router = await ReplicaRouter.open(primary, {
      urls: [replica.url(name)],
      maxLagSeconds: 1,
      checkEveryMs: 0,
      onRead: (t) => reads.push(t),
      log: (line) => logs.push(line),
    });
  });
  afterAll(async () => {
    await router?.close();
    await replica?.dispose();
    await primary?.dispose();
  });

  it('serves reads from the replica while it is current, and never accepts a write there', async () => {
    const value = await write();
    await replica.caughtUp();
    await until(router, () => router.status()[0]!.state === 'ok', 'the replica is current');
    expect(router.status()[0]!.lagSeconds).toBeLessThanOrEqual(1);
    const choice = router.pick();
    expect(choice.target).toBe('replica');
    expect(await seen(choice.db, value)).toBe(true);
    // The replica is in recovery: the same query through the chosen handle is a standby's.
    const [r] = await rows<{ recovery: boolean }>(choice.db, sql`select pg_is_in_recovery() as recovery`);
    expect(r!.recovery).toBe(true);
    const refused = await choice.db.execute(sql`insert into probe (n) values (-1)`).then(
      () => null,
      (e: unknown) => e,
    );
    expect(refused).toBeTruthy();
    expect(router.failed(choice, refused)).toBe(true); // run again on the primary by the caller
    expect(router.status()[0]!.state).toBe('ok'); // a refused write says nothing about the replica's health
    expect(reads.at(-1)).toBe('replica');
  });

  it('sends a caller that wrote to the primary until the replica has its write', async () => {
    // No check from here until the replay resumes: the router still holds the replica current (as it was at the
    // last check, before this write), so only the caller that wrote is sent elsewhere.
    await replica.pauseReplay();
    const value = await write();
    router.noteWrite('token:a');
    expect(router.pick('token:a').target).toBe('primary');
    expect(await seen(router.pick('token:a').db, value)).toBe(true);
    // Another caller still reads the (paused, not yet lagging) replica, which does not have the write.
    const other = router.pick('token:b');
    expect(other.target).toBe('replica');
    expect(await seen(other.db, value)).toBe(false);
    await replica.resumeReplay();
    await until(router, () => router.pick('token:a').target === 'replica', 'the replica has the write');
    expect(await seen(router.pick('token:a').db, value)).toBe(true);
  });

  it('skips a replica lagging beyond the setting and uses it again once it has caught up', async () => {
    await replica.pauseReplay();
    const value = await write();
    await until(router, () => router.status()[0]!.state === 'lagging', 'the paused replica lags beyond 1 s');
    expect(router.status()[0]!.lagSeconds!).toBeGreaterThan(1);
    const choice = router.pick();
    expect(choice.target).toBe('primary');
    expect(await seen(choice.db, value)).toBe(true);
    expect(logs.some((l) => l.includes('ok → lagging'))).toBe(true);

    await replica.resumeReplay();
    await replica.caughtUp();
    await until(router, () => router.status()[0]!.state === 'ok', 'the replica is current again');
    const again = router.pick();
    expect(again.target).toBe('replica');
    expect(await seen(again.db, value)).toBe(true);
  });

  it('skips a replica that is down, without an error, and uses it again when it is back', async () => {
    const before = router.pick();
    expect(before.target).toBe('replica');
    await replica.stop();
    // A read already sent there fails as the replica's failure: the caller runs it again on the primary.
    const error = await rows(before.db, sql`select 1`).then(
      () => null,
      (e: unknown) => e,
    );
    expect(error).toBeTruthy();
    expect(router.failed(before, error)).toBe(true);
    expect(router.pick().target).toBe('primary');
    await router.check();
    expect(router.status()[0]).toMatchObject({ state: 'down', lagSeconds: null });
    const value = await write();
    expect(await seen(router.pick().db, value)).toBe(true);

    await replica.start();
    await replica.caughtUp();
    await until(router, () => router.status()[0]!.state === 'ok', 'the restarted replica is current');
    const back = router.pick();
    expect(back.target).toBe('replica');
    expect(await seen(back.db, value)).toBe(true);
    expect(reads).toContain('primary');
  });
});
