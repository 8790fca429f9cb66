/**
 * Prometheus metrics (prom-client, the maintained client for Node). One registry per server, so tests and a second
 * server in the same process do not share counters. Labels are bounded: a procedure or REST route name (a fixed set),
 * never a URL with ids or a query.
 */
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

export interface Metrics {
  registry: Registry;
  requestDuration: Histogram<'procedure' | 'status'>;
  rateLimited: Counter<'procedure'>;
  jobRuns: Counter<'job' | 'outcome'>;
  jobLastSuccess: Gauge<'job'>;
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
