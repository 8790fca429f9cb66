/**
 * Read replicas (PostgreSQL streaming standbys): pools to each, a periodic health and lag check, and the choice of
 * where one read goes. Writes never come here: the caller asks for a read database only for a read it may serve a
 * little stale (the portal, search, reports, open data, integrators' queries; see docs/REPLICAS.md).
 *
 * Lag is measured every `checkEveryMs` (never per request) as an upper bound of how stale the replica is:
 * - each check reads the primary's `pg_current_wal_lsn()` first and keeps (time, LSN) samples;
 * - a replica that has replayed past the LSN the primary had at time t is at least as current as the primary was at t,
 *   so its lag is at most `now - t` for the newest such sample (0 when it has replayed what the primary had at this
 *   check's start);
 * - `now() - pg_last_xact_replay_timestamp()` on the replica is another upper bound; the smaller one is reported.
 * A replica that does not answer (or not within the timeout), is not in recovery (promoted), or lags more than
 * `maxLagSeconds` is skipped; with none left, reads go to the primary.
 */
import postgres from 'postgres';
import { drizzle as drizzlePostgres } from 'drizzle-orm/postgres-js';
import type { Database, Db } from './engine';
import { redactUrl } from './engine';

export type ReadTarget = 'replica' | 'primary';

export interface ReplicaStatus {
  /** The replica's URL without its password. */
  location: string;
  state: 'unknown' | 'ok' | 'lagging' | 'down' | 'not_replica';
  /** Upper bound of how stale the replica is, in seconds; null when it is down or has never been checked. */
  lagSeconds: number | null;
  /** When the last check finished (ms since the epoch), 0 before the first. */
  checkedAt: number;
  /** The last error's first line, for a replica that is down. */
  detail?: string;
}

/** Where one read goes. */
export interface ReadChoice {
  db: Db;
  target: ReadTarget;
  /** The replica chosen (its location), for `failed()`. */
  replica?: string;
}

/** What the API layer needs from the router: the one place it asks where a read goes (kernel core/trpc.ts). */
export interface ReadRouting {
  /**
   * A healthy replica (round-robin), or the primary when none is. `key` names the caller (an integrator token, a
   * client address): a caller that wrote since the replica was last seen current is sent to the primary, so it reads
   * its own writes.
   */
  pick(key?: string): ReadChoice;
  /** A caller wrote just now (after its write committed). */
  noteWrite(key: string): void;
  /**
   * A read on a replica failed: true when the failure is the replica's (it is down, read-only refused a write, a
   * recovery conflict cancelled the query) and the read should be run again on the primary. A replica that dropped the
   * connection is marked down at once, before the next check.
   */
  failed(choice: ReadChoice, error: unknown): boolean;
}

export interface ReplicaOptions {
  /** postgres://… of each replica. */
  urls: string[];
  /** A replica staler than this is skipped (REPLICA_MAX_LAG_SECONDS). */
  maxLagSeconds: number;
  /** How often replicas are checked; default 1000 ms. 0: only when `check()` is called (tests). */
  checkEveryMs?: number;
  /** Pool size per replica. */
  maxConnections?: number;
  /** A check that takes longer than this marks the replica down; default 3000 ms. */
  checkTimeoutMs?: number;
  /** Each read's target, for the reads-by-target counter. */
  onRead?: (target: ReadTarget) => void;
  /** State changes (a replica down, lagging, back), one line each; never a password. */
  log?: (line: string) => void;
}

interface Replica {
  url: string;
  location: string;
  client: postgres.Sql;
  db: Db;
  status: ReplicaStatus;
  /** The replica is at least as current as the primary was at this time (ms); -Infinity when unknown. */
  currentAsOf: number;
}

/** SQLSTATE codes and driver codes that are the replica's failure, not the query's. */
const REPLICA_FAILURES = new Set([
  '25006', // read_only_sql_transaction: a read procedure that writes (the query log) — run it on the primary
  '40001', // serialization_failure: "canceling statement due to conflict with recovery"
  '57P01', // admin_shutdown
  '57P02', // crash_shutdown
  '57P03', // cannot_connect_now (starting up, shutting down)
  '08000',
  '08003',
  '08006',
  '08001',
  '08004',
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'CONNECT_TIMEOUT',
  'CONNECTION_CLOSED',
  'CONNECTION_ENDED',
  'CONNECTION_DESTROYED',
]);
const CONNECTION_FAILURES = (code: string) => code !== '25006' && code !== '40001';

function errorCode(error: unknown): string | null {
  for (let e: unknown = error, depth = 0; e && depth < 5; depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string' && REPLICA_FAILURES.has(code)) return code;
    e = (e as { cause?: unknown }).cause;
  }
  return null;
}

/** An LSN `X/Y` as a number of bytes. */
export function lsnBytes(lsn: string): bigint {
  const [hi, lo] = lsn.split('/');
  return (BigInt(`0x${hi}`) << 32n) + BigInt(`0x${lo}`);
}

const firstLine = (error: unknown) =>
  String((error as Error)?.message ?? error)
    .split('\n')[0]!
    .slice(0, 200);

async function withTimeout<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
  });
  try {
    return await Promise.race([work, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

export class ReplicaRouter implements ReadRouting {
  readonly #primary: Database;
  readonly #primarySql: postgres.Sql;
  readonly #replicas: Replica[];
  readonly #options: ReplicaOptions;
  /** (time ms, primary LSN) at each check's start, oldest first. */
  readonly #samples: { at: number; lsn: bigint }[] = [];
  /** When each caller last wrote (ms), oldest first. */
  readonly #writes = new Map<string, number>();
  #next = 0;
  #timer: ReturnType<typeof setInterval> | undefined;
  #checking: Promise<void> | undefined;

  private constructor(primary: Database, options: ReplicaOptions) {
    if (primary.native.kind !== 'postgres')
      throw new Error('read replicas need PostgreSQL as the primary (DATABASE_URL)');
    this.#primary = primary;
    this.#primarySql = primary.native.client;
    this.#options = options;
    this.#replicas = options.urls.map((url) => {
      const client = postgres(url, {
        max: options.maxConnections ?? 10,
        onnotice: () => undefined,
        connect_timeout: 5,
        // A replica is read-only: a write that reaches it fails at once (25006) and is run again on the primary.
        connection: { default_transaction_read_only: true },
      });
      const location = redactUrl(url);
      return {
        url,
        location,
        client,
        db: drizzlePostgres(client) as unknown as Db,
        status: { location, state: 'unknown', lagSeconds: null, checkedAt: 0 },
        currentAsOf: -Infinity,
      };
    });
  }

  /** Opens the pools and checks every replica once before returning (so the first reads already use them). */
  static async open(primary: Database, options: ReplicaOptions): Promise<ReplicaRouter> {
    const router = new ReplicaRouter(primary, options);
    await router.check();
    const every = options.checkEveryMs ?? 1000;
    if (every > 0) {
      router.#timer = setInterval(() => void router.check().catch(() => undefined), every);
      router.#timer.unref();
    }
    return router;
  }

  get maxLagSeconds(): number {
    return this.#options.maxLagSeconds;
  }

  status(): ReplicaStatus[] {
    return this.#replicas.map((r) => ({ ...r.status }));
  }

  pick(key?: string): ReadChoice {
    const wroteAt = key === undefined ? undefined : this.#writes.get(key);
    const n = this.#replicas.length;
    for (let i = 0; i < n; i++) {
      const r = this.#replicas[(this.#next + i) % n]!;
      if (r.status.state !== 'ok') continue;
      if (wroteAt !== undefined && !(r.currentAsOf > wroteAt)) continue;
      this.#next = (this.#next + i + 1) % n;
      this.#options.onRead?.('replica');
      return { db: r.db, target: 'replica', replica: r.location };
    }
    this.#options.onRead?.('primary');
    return { db: this.#primary.db, target: 'primary' };
  }

  noteWrite(key: string): void {
    this.#writes.delete(key);
    this.#writes.set(key, Date.now());
    // Bounded: the oldest callers are forgotten first (they are long past any replica's lag).
    if (this.#writes.size > 100_000) this.#writes.delete(this.#writes.keys().next().value!);
  }

  failed(choice: ReadChoice, error: unknown): boolean {
    if (choice.target !== 'replica') return false;
    const code = errorCode(error);
    if (!code) return false;
    const r = this.#replicas.find((x) => x.location === choice.replica);
    if (r && CONNECTION_FAILURES(code) && r.status.state === 'ok') {
      this.#setState(r, { state: 'down', lagSeconds: null, detail: code });
    }
    return true;
  }

  /** One round of checks (the timer's; tests call it to see a change without waiting). Concurrent calls share one. */
  check(): Promise<void> {
    this.#checking ??= this.#check().finally(() => (this.#checking = undefined));
    return this.#checking;
  }

  async #check(): Promise<void> {
    const started = Date.now();
    const timeoutMs = this.#options.checkTimeoutMs ?? 3000;
    // A primary that does not answer leaves every replica's state as it was (a hung check never blocks the next).
    const [head] = await withTimeout(
      this.#primarySql.unsafe<{ lsn: string }[]>('select pg_current_wal_lsn()::text as lsn'),
      timeoutMs,
    );
    const primaryLsn = lsnBytes(head!.lsn);
    this.#samples.push({ at: started, lsn: primaryLsn });
    // Samples are kept as long as they can matter: a replica older than the oldest one is lagging anyway.
    const keepFrom = started - Math.max(60_000, this.#options.maxLagSeconds * 2000);
    while (this.#samples.length > 1 && (this.#samples[0]!.at < keepFrom || this.#samples.length > 10_000))
      this.#samples.shift();
    await Promise.all(this.#replicas.map((r) => this.#checkOne(r, primaryLsn, started, timeoutMs)));
  }

  async #checkOne(r: Replica, primaryLsn: bigint, started: number, timeoutMs: number): Promise<void> {
    try {
      const query = r.client.unsafe<
        { recovery: boolean; replayed: string | null; ts_lag: number | null; paused: boolean | null }[]
      >(
        `select pg_is_in_recovery() as recovery, pg_last_wal_replay_lsn()::text as replayed,
                extract(epoch from now() - pg_last_xact_replay_timestamp())::float8 as ts_lag,
                case when pg_is_in_recovery() then pg_is_wal_replay_paused() end as paused`,
      );
      const [row] = await withTimeout(query, timeoutMs);
      if (!row!.recovery || !row!.replayed) {
        r.currentAsOf = -Infinity;
        return this.#setState(r, { state: 'not_replica', lagSeconds: null, detail: 'not in recovery (promoted?)' });
      }
      const replayed = lsnBytes(row!.replayed);
      let asOf = -Infinity;
      if (replayed >= primaryLsn) asOf = started;
      else
        for (let i = this.#samples.length - 1; i >= 0; i--)
          if (this.#samples[i]!.lsn <= replayed) {
            asOf = this.#samples[i]!.at;
            break;
          }
      r.currentAsOf = asOf;
      const bySamples = (started - asOf) / 1000;
      const byTimestamp = row!.ts_lag ?? Infinity;
      const lag = Math.max(0, Math.min(bySamples, byTimestamp));
      this.#setState(r, {
        state: lag <= this.#options.maxLagSeconds ? 'ok' : 'lagging',
        lagSeconds: Number.isFinite(lag) ? lag : null,
        ...(row!.paused ? { detail: 'replay paused' } : {}),
      });
    } catch (error) {
      r.currentAsOf = -Infinity;
      this.#setState(r, { state: 'down', lagSeconds: null, detail: firstLine(error) });
    }
  }

  #setState(r: Replica, next: Pick<ReplicaStatus, 'state' | 'lagSeconds' | 'detail'>): void {
    const before = r.status.state;
    r.status = { location: r.location, checkedAt: Date.now(), state: next.state, lagSeconds: next.lagSeconds };
    if (next.detail) r.status.detail = next.detail;
    if (before !== next.state)
      this.#options.log?.(
        `replica ${r.location}: ${before} → ${next.state}${next.lagSeconds !== null ? ` (lag ${next.lagSeconds.toFixed(1)} s)` : ''}${next.detail ? ` (${next.detail})` : ''}`,
      );
  }

  async close(): Promise<void> {
    clearInterval(this.#timer);
    await this.#checking?.catch(() => undefined);
    await Promise.all(this.#replicas.map((r) => r.client.end({ timeout: 5 })));
  }
}
