import { rows } from '@chengxin/db';
import type { TestDatabase } from '@chengxin/db/testing';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newId } from '../core';
import { migratedTestDatabase, testEngines } from '../core/testing';
import { limitStoreContract } from './limit-store-contract';
import { MemoryLimitStore, PostgresLimitStore, type LimitStore } from './limiter';
import { LoginGuard } from './login-guard';
import { SECURITY_POLICY } from './policy';

/** Keys no other test in this file uses, so each test starts from nothing in the shared table. */
const prefixed = (inner: LimitStore, prefix = `${newId()}:`): LimitStore => ({
  kind: inner.kind,
  admit: (k, i, b, n) => inner.admit(prefix + k, i, b, n),
  hit: (k, w, n) => inner.hit(prefix + k, w, n),
  peek: (k, n) => inner.peek(prefix + k, n),
  clear: (k) => inner.clear(prefix + k),
});

describe('the memory limit store', () => {
  limitStoreContract(() => new MemoryLimitStore(), { it, expect });
});

describe.each(testEngines())('the PostgreSQL limit store on %s', (engine) => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await migratedTestDatabase(engine);
  }, 60_000);
  afterAll(async () => database?.dispose());

  limitStoreContract(() => prefixed(new PostgresLimitStore(database.db)), { it, expect });

  it('two stores over one database (two processes) share one allowance', async () => {
    const prefix = `${newId()}:`;
    const a = prefixed(new PostgresLimitStore(database.db), prefix);
    const b = prefixed(new PostgresLimitStore(database.db), prefix);
    const now = 5_000_000;
    expect(await a.admit('k', 30_000, 60_000, now)).toBe(0);
    expect(await b.admit('k', 30_000, 60_000, now)).toBe(0);
    expect(await a.admit('k', 30_000, 60_000, now)).toBe(30_000);
    expect(await b.admit('k', 30_000, 60_000, now)).toBe(30_000);
  });

  it('deletes expired rows as it goes (at most once a minute per process), never live ones', async () => {
    const store = new PostgresLimitStore(database.db);
    const live = `${newId()}:live`;
    const stale = `${newId()}:stale`;
    const t = 1e12;
    await store.admit(stale, 1_000, 60_000, t);
    await store.hit(live, 3_600_000, t);
    const count = async (key: string) =>
      (
        await rows<{ n: number }>(database.db, sql`select count(*)::int as n from kernel.rate_limit where key = ${key}`)
      )[0]!.n;
    expect(await count(stale)).toBe(1);
    // Two minutes later the first key's row has expired: the next call deletes it.
    await store.admit(`${newId()}:other`, 1_000, 60_000, t + 120_000);
    expect(await count(stale)).toBe(0);
    expect(await count(live)).toBe(1);
  });

  it('keeps the login guard in the shared table: a lock taken through one store holds through another', async () => {
    let now = 6_000_000;
    const one = new LoginGuard(new PostgresLimitStore(database.db), () => now);
    const other = new LoginGuard(new PostgresLimitStore(database.db), () => now);
    const address = `198.51.100.${Math.floor(Math.random() * 200)}:${newId()}`;
    for (let i = 0; i < SECURITY_POLICY.maxFailedLogins; i++) await one.fail(address, 'Victim');
    expect(await other.blockedFor(address, ' victim ')).toBe(SECURITY_POLICY.lockMinutes * 60);
    expect(await other.blockedFor('another-address', 'victim')).toBe(0);
    // Neither the address nor the name is stored.
    const keys = await rows<{ key: string }>(database.db, sql`select key from kernel.rate_limit`);
    expect(keys.some((k) => k.key.includes(address) || k.key.toLowerCase().includes('victim'))).toBe(false);
    now += SECURITY_POLICY.lockMinutes * 60_000;
    expect(await one.blockedFor(address, 'victim')).toBe(0);
    for (let i = 0; i < SECURITY_POLICY.maxFailedLogins; i++) await other.fail(address, 'victim');
    await one.succeed(address, 'victim');
    expect(await other.blockedFor(address, 'victim')).toBe(0);
  });
});
