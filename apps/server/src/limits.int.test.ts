import { randomUUID } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '@chengxin/db/testing';
import { limitStoreContract, LoginGuard, SECURITY_POLICY } from '@chengxin/kernel';
import { configFromEnv, summary } from './config';
import { openLimitStore, RedisLimitStore } from './limits';

/** The Redis store against the Redis on this machine (TEST_REDIS_URL to point elsewhere); keys under a prefix of this run. */
const REDIS_URL = process.env['TEST_REDIS_URL'] ?? 'redis://127.0.0.1:6379';

describe('the Redis limit store', () => {
  const opened: RedisLimitStore[] = [];
  const store = (prefix = `chengxin-test:${randomUUID()}:`) => {
    const s = new RedisLimitStore(REDIS_URL, prefix);
    opened.push(s);
    return s;
  };
  afterAll(async () => {
    await Promise.all(opened.map((s) => s.close()));
  });

  limitStoreContract(() => store(), { it, expect });

  it('two clients (two processes) share one allowance and one login lock', async () => {
    const prefix = `chengxin-test:${randomUUID()}:`;
    const [a, b] = [store(prefix), store(prefix)];
    expect(await a.admit('k', 30_000, 60_000, 1_000)).toBe(0);
    expect(await b.admit('k', 30_000, 60_000, 1_000)).toBe(0);
    expect(await a.admit('k', 30_000, 60_000, 1_000)).toBe(30_000);
    let now = 10_000;
    const [one, other] = [new LoginGuard(a, () => now), new LoginGuard(b, () => now)];
    for (let i = 0; i < SECURITY_POLICY.maxFailedLogins; i++) await one.fail('203.0.113.9', 'victim');
    expect(await other.blockedFor('203.0.113.9', 'Victim')).toBe(SECURITY_POLICY.lockMinutes * 60);
    now += SECURITY_POLICY.lockMinutes * 60_000;
    expect(await other.blockedFor('203.0.113.9', 'victim')).toBe(0);
  });
});

describe('choosing the store', () => {
  it('uses the database without REDIS_URL and Redis with it; an unreachable Redis stops the start, naming it', async () => {
    const database = await createTestDatabase('pglite');
    try {
      expect((await openLimitStore(database, undefined)).kind).toBe('postgres');
      const redis = await openLimitStore(database, REDIS_URL);
      expect(redis.kind).toBe('redis');
      await redis.close?.();
      await expect(openLimitStore(database, 'redis://127.0.0.1:1')).rejects.toThrow(/REDIS_URL/);
    } finally {
      await database.dispose();
    }
  });

  it('checks REDIS_URL and shows it in the start summary without its password', () => {
    expect(() => configFromEnv({ REDIS_URL: 'localhost:6379' })).toThrow(/REDIS_URL/);
    const withRedis = summary(configFromEnv({ REDIS_URL: 'redis://limits:s3cret@cache.internal:6379/2' }));
    expect(withRedis).toContain('rate limits redis redis://limits:***@cache.internal:6379/2');
    expect(withRedis).not.toContain('s3cret');
    expect(summary(configFromEnv({ REDIS_URL: 'rediss://:s3cret@cache.internal' }))).not.toContain('s3cret');
    expect(summary(configFromEnv({}))).toContain('rate limits database');
  });
});
