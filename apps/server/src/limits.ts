/**
 * Where the server counts rate limits and login failures (libs/kernel/src/access/limiter.ts): PostgreSQL by default
 * (kernel.rate_limit; also on embedded PGlite), Redis when REDIS_URL is set. Either is shared by every server process
 * behind one address. The Redis store decides each request in one Lua script (atomic on the Redis server), with the
 * same arithmetic as the PostgreSQL store: times come from the server's clock, Redis' own expiry only collects keys.
 */
import { Redis } from 'ioredis';
import type { Database } from '@chengxin/db';
import { PostgresLimitStore, type LimitStore } from '@chengxin/kernel';

const ADMIT = `
local now = tonumber(ARGV[1])
local interval = tonumber(ARGV[2])
local burst = tonumber(ARGV[3])
local held = redis.call('HMGET', KEYS[1], 'v', 'e')
local tat = now
if held[1] and tonumber(held[2]) > now then tat = math.max(tonumber(held[1]), now) end
local nxt = tat + interval
if nxt - now > burst then return string.format('%.17g', nxt - now - burst) end
redis.call('HSET', KEYS[1], 'v', string.format('%.17g', nxt), 'e', string.format('%.17g', nxt))
redis.call('PEXPIRE', KEYS[1], math.ceil(nxt - now) + 60000)
return '0'`;

const HIT = `
local now = tonumber(ARGV[1])
local window = tonumber(ARGV[2])
local held = redis.call('HMGET', KEYS[1], 'v', 'e')
local count = 1
if held[1] and tonumber(held[2]) > now then count = tonumber(held[1]) + 1 end
redis.call('HSET', KEYS[1], 'v', count, 'e', string.format('%.17g', now + window))
redis.call('PEXPIRE', KEYS[1], math.ceil(window) + 60000)
return count`;

type Scripted = Redis & {
  cxAdmit(key: string, now: number, interval: number, burst: number): Promise<string>;
  cxHit(key: string, now: number, window: number): Promise<number>;
};

export class RedisLimitStore implements LimitStore {
  readonly kind = 'redis';
  private readonly redis: Scripted;

  /** `prefix` keeps deployments (and test runs) sharing one Redis apart. */
  constructor(
    url: string,
    private readonly prefix = 'chengxin:limit:',
  ) {
    // A request waits for one reconnection at most, then fails (the caller answers an error rather than hang).
    this.redis = new Redis(url, { maxRetriesPerRequest: 1, connectTimeout: 5_000, lazyConnect: true }) as Scripted;
    this.redis.on('error', () => undefined); // reported by the calls that fail and by /readyz, not as an unhandled event
    this.redis.defineCommand('cxAdmit', { lua: ADMIT, numberOfKeys: 1 });
    this.redis.defineCommand('cxHit', { lua: HIT, numberOfKeys: 1 });
  }

  async admit(key: string, intervalMs: number, burstMs: number, now: number): Promise<number> {
    return Number(await this.redis.cxAdmit(this.prefix + key, now, intervalMs, burstMs));
  }

  async hit(key: string, windowMs: number, now: number): Promise<number> {
    return Number(await this.redis.cxHit(this.prefix + key, now, windowMs));
  }

  async peek(key: string, now: number) {
    const [value, expiresAt] = await this.redis.hmget(this.prefix + key, 'v', 'e');
    return value !== null && expiresAt !== null && Number(expiresAt) > now
      ? { count: Number(value), leftMs: Number(expiresAt) - now }
      : null;
  }

  async clear(key: string): Promise<void> {
    await this.redis.del(this.prefix + key);
  }

  /** Connects now: a wrong or unreachable URL fails here, at once, rather than at the first request. */
  async connect(): Promise<void> {
    if (this.redis.status === 'wait') await this.redis.connect();
    await this.redis.ping();
  }

  async ping(): Promise<void> {
    await this.redis.ping();
  }

  async close(): Promise<void> {
    await this.redis.quit().catch(() => this.redis.disconnect());
  }
}

/** Redis when a URL is given (checked at once: a wrong URL stops the start), else the database. */
export async function openLimitStore(database: Database, redisUrl: string | undefined): Promise<LimitStore> {
  if (!redisUrl) return new PostgresLimitStore(database.db);
  const store = new RedisLimitStore(redisUrl);
  try {
    await store.connect();
  } catch (error) {
    await store.close();
    throw new Error(
      `REDIS_URL 无法连接 / cannot reach REDIS_URL: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}`,
    );
  }
  return store;
}
