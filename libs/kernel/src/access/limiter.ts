import { rows, type Queryable } from '@chengxin/db';
import { sql } from 'drizzle-orm';

/**
 * Rate limits per key (an API token, a client address), counted in a store every server process shares: PostgreSQL
 * (the default, also on embedded PGlite) or Redis (REDIS_URL). N processes behind one address therefore enforce one
 * budget, not N. The algorithm is GCRA (the generic cell rate algorithm): exactly a token bucket of `perMinute` tokens
 * refilled at `perMinute` a minute, kept as one number per key (the "theoretical arrival time"), so one atomic
 * statement or script decides each request. Times come from the server's clock (`clock`, injectable for tests);
 * processes behind one address are expected to keep their clocks in step (NTP), as for session expiry.
 */
export type Take = { ok: true } | { ok: false; retryAfterSeconds: number };

export interface LimitStore {
  /** Which store this is, for the start summary and metrics (`postgres`, `redis`, `memory`). */
  readonly kind: string;
  /**
   * GCRA: when `key`'s arrival time pushed on by `intervalMs` stays within `burstMs` of `now`, records it and answers 0;
   * otherwise records nothing and answers the milliseconds until a request would be admitted.
   */
  admit(key: string, intervalMs: number, burstMs: number, now: number): Promise<number>;
  /** Counts one more event for `key`; the count lives until `windowMs` after its latest event. Answers the count. */
  hit(key: string, windowMs: number, now: number): Promise<number>;
  /** `key`'s live count and the milliseconds it has left, or null. */
  peek(key: string, now: number): Promise<{ count: number; leftMs: number } | null>;
  clear(key: string): Promise<void>;
  /**
   * The same store answering through `q`, an open transaction. Only for embedded PGlite, one session: a statement
   * outside a transaction it holds would wait for it forever. Stores outside the database have none.
   */
  within?(q: Queryable): LimitStore;
  /** Throws when the store cannot be reached (a readiness check); stores inside the database have none. */
  ping?(): Promise<void>;
  close?(): Promise<void>;
}

/** The server's limiter: one per process, over a store the processes share. */
export class RateLimiter {
  constructor(
    readonly store: LimitStore = new MemoryLimitStore(),
    readonly clock: () => number = Date.now,
  ) {}

  /** This limiter counting through `q`, an open transaction (see LimitStore.within). */
  within(q: Queryable): RateLimiter {
    return this.store.within ? new RateLimiter(this.store.within(q), this.clock) : this;
  }

  /** Takes one request from `key`'s allowance of `perMinute`; when none is left, says how many seconds to wait. */
  async take(key: string, perMinute: number): Promise<Take> {
    // Half a millisecond of slack absorbs the rounding of fractional intervals (60 000 / 7 added up seven times).
    const wait = await this.store.admit(key, 60_000 / perMinute, 60_000.5, this.clock());
    return wait <= 0 ? { ok: true } : { ok: false, retryAfterSeconds: Math.max(1, Math.ceil(wait / 1000 - 1e-9)) };
  }
}

type Entry = { value: number; expiresAt: number };

/** One process's memory: for unit tests and callers without a database; never what a server uses. */
export class MemoryLimitStore implements LimitStore {
  readonly kind = 'memory';
  private readonly entries = new Map<string, Entry>();

  private live(key: string, now: number): Entry | undefined {
    const e = this.entries.get(key);
    if (e && e.expiresAt <= now) this.entries.delete(key);
    return e && e.expiresAt > now ? e : undefined;
  }

  private prune(now: number) {
    if (this.entries.size > 50_000) for (const [k, e] of this.entries) if (e.expiresAt <= now) this.entries.delete(k);
  }

  admit(key: string, intervalMs: number, burstMs: number, now: number): Promise<number> {
    this.prune(now);
    const next = Math.max(this.live(key, now)?.value ?? now, now) + intervalMs;
    if (next - now > burstMs) return Promise.resolve(next - now - burstMs);
    this.entries.set(key, { value: next, expiresAt: next });
    return Promise.resolve(0);
  }

  hit(key: string, windowMs: number, now: number): Promise<number> {
    this.prune(now);
    const count = (this.live(key, now)?.value ?? 0) + 1;
    this.entries.set(key, { value: count, expiresAt: now + windowMs });
    return Promise.resolve(count);
  }

  peek(key: string, now: number) {
    const e = this.live(key, now);
    return Promise.resolve(e ? { count: e.value, leftMs: e.expiresAt - now } : null);
  }

  clear(key: string): Promise<void> {
    this.entries.delete(key);
    return Promise.resolve();
  }
}

/**
 * PostgreSQL (or PGlite): one row per key in kernel.rate_limit (an unlogged table: limits need no crash safety),
 * decided by one atomic upsert; expired rows are deleted at most once a minute per process.
 */
export class PostgresLimitStore implements LimitStore {
  readonly kind = 'postgres';
  constructor(
    private readonly db: Queryable,
    private readonly pruned = { at: 0 },
  ) {}

  within(q: Queryable): LimitStore {
    return new PostgresLimitStore(q, this.pruned);
  }

  private async prune(now: number) {
    if (now - this.pruned.at < 60_000) return;
    this.pruned.at = now;
    await this.db.execute(sql`delete from kernel.rate_limit where expires_at <= ${now}::float8`);
  }

  async admit(key: string, intervalMs: number, burstMs: number, now: number): Promise<number> {
    await this.prune(now);
    // The row's arrival time, or now if it lies in the past (an absent or expired row is a full bucket).
    const tat = sql`greatest(case when r.expires_at > ${now}::float8 then r.value else ${now}::float8 end, ${now}::float8)`;
    const [admitted] = await rows<{ value: number }>(
      this.db,
      sql`insert into kernel.rate_limit as r (key, value, expires_at)
        values (${key}, ${now}::float8 + ${intervalMs}::float8, ${now}::float8 + ${intervalMs}::float8)
        on conflict (key) do update set value = ${tat} + ${intervalMs}::float8, expires_at = ${tat} + ${intervalMs}::float8
        where ${tat} + ${intervalMs}::float8 - ${now}::float8 <= ${burstMs}::float8
        returning r.value`,
    );
    if (admitted) return 0;
    const [held] = await rows<{ value: number }>(
      this.db,
      sql`select value from kernel.rate_limit where key = ${key} and expires_at > ${now}::float8`,
    );
    // Refused by a row another process has just let expire: admitted on the next try.
    return held ? Math.max(1, Number(held.value) + intervalMs - now - burstMs) : 1;
  }

  async hit(key: string, windowMs: number, now: number): Promise<number> {
    await this.prune(now);
    const [row] = await rows<{ value: number }>(
      this.db,
      sql`insert into kernel.rate_limit as r (key, value, expires_at) values (${key}, 1, ${now}::float8 + ${windowMs}::float8)
        on conflict (key) do update set
          value = case when r.expires_at > ${now}::float8 then r.value + 1 else 1 end,
          expires_at = ${now}::float8 + ${windowMs}::float8
        returning r.value`,
    );
    return Number(row!.value);
  }

  async peek(key: string, now: number) {
    const [row] = await rows<{ value: number; expiresAt: number }>(
      this.db,
      sql`select value, expires_at as "expiresAt" from kernel.rate_limit where key = ${key} and expires_at > ${now}::float8`,
    );
    return row ? { count: Number(row.value), leftMs: Number(row.expiresAt) - now } : null;
  }

  async clear(key: string): Promise<void> {
    await this.db.execute(sql`delete from kernel.rate_limit where key = ${key}`);
  }
}
