/**
 * Prometheus metrics (prom-client, the maintained client for Node). One registry per server, so tests and a second
 * server in the same process do not share counters. Labels are bounded: a procedure or REST route name (a fixed set),
 * never a URL with ids or a query.
 */
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { ReplicaStatus } from '@chengxin/db';

export interface Metrics {
  registry: Registry;
  requestDuration: Histogram<'procedure' | 'status'>;
  rateLimited: Counter<'procedure'>;
  jobRuns: Counter<'job' | 'outcome'>;
  jobLastSuccess: Gauge<'job'>;
  /** Reads of API calls by where they ran: a read replica or the primary (docs/REPLICAS.md). */
  reads: Counter<'target'>;
  /** Set by whoever knows: the database pool, the audit log, imports (see `gauge`). */
  gauge(name: string, help: string, collect: () => Promise<number> | number): void;
}

export function createMetrics(): Metrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'chengxin_' });
  return {
    registry,
    requestDuration: new Histogram({
      name: 'chengxin_http_request_duration_seconds',
      help: 'HTTP requests by procedure (or REST route) and status',
      labelNames: ['procedure', 'status'],
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
      registers: [registry],
    }),
    rateLimited: new Counter({
      name: 'chengxin_rate_limit_refusals_total',
      help: 'Requests refused with 429 by a rate limit',
      labelNames: ['procedure'],
      registers: [registry],
    }),
    jobRuns: new Counter({
      name: 'chengxin_job_runs_total',
      help: 'Background job runs by job and outcome',
      labelNames: ['job', 'outcome'],
      registers: [registry],
    }),
    jobLastSuccess: new Gauge({
      name: 'chengxin_job_last_success_timestamp_seconds',
      help: 'When each background job last finished without error',
      labelNames: ['job'],
      registers: [registry],
    }),
    reads: new Counter({
      name: 'chengxin_db_reads_total',
      help: 'API reads by target database: replica or primary (a read retried on the primary after a replica failed counts twice)',
      labelNames: ['target'],
      registers: [registry],
    }),
    gauge(name, help, collect) {
      new Gauge({
        name,
        help,
        registers: [registry],
        async collect() {
          this.set(await collect());
        },
      });
    },
  };
}

/** Runs a background job, counting its outcome and stamping its last success. */
export async function trackJob<T>(metrics: Metrics | undefined, job: string, run: () => Promise<T>): Promise<T> {
  try {
    const result = await run();
    metrics?.jobRuns.inc({ job, outcome: 'ok' });
    metrics?.jobLastSuccess.set({ job }, Date.now() / 1000);
    return result;
  } catch (error) {
    metrics?.jobRuns.inc({ job, outcome: 'error' });
    throw error;
  }
}

/**
 * The read replicas as the router last measured them, at each scrape: `chengxin_replica_lag_seconds` (an upper bound of
 * how stale each replica is; absent while it is down) and `chengxin_replica_usable` (1 when it serves reads: up, in
 * recovery and within REPLICA_MAX_LAG_SECONDS). Labelled by the replica's URL without its password (a fixed set).
 */
export function replicaMetrics(metrics: Metrics, status: () => ReplicaStatus[]): void {
  new Gauge({
    name: 'chengxin_replica_lag_seconds',
    help: 'Read replica lag in seconds (upper bound), as last checked',
    labelNames: ['replica'],
    registers: [metrics.registry],
    collect() {
      this.reset();
      for (const r of status()) if (r.lagSeconds !== null) this.set({ replica: r.location }, r.lagSeconds);
    },
  });
  new Gauge({
    name: 'chengxin_replica_usable',
    help: 'Whether each read replica serves reads (1) or is skipped as down, lagging or not a replica (0)',
    labelNames: ['replica'],
    registers: [metrics.registry],
    collect() {
      for (const r of status()) this.set({ replica: r.location }, r.state === 'ok' ? 1 : 0);
    },
  });
}
