/**
 * Background work on a PostgreSQL job queue (pg-boss). Each job is defined once, below, as a plain function with its
 * schedule and retry policy; `startJobQueue` runs the definitions on pg-boss — on PostgreSQL over pg-boss's own small
 * `pg` pool, on PGlite in-process over the embedded database (pg-boss's PGlite adapter), so both engines keep the same
 * job table, the same retries and the same console view.
 *
 * Exactly once across N server processes: a cron schedule creates one job per occurrence whichever process's clock
 * monitor sees it first (pg-boss's schedule table), every queue is a `singleton` queue (one job of a kind runs at a
 * time), and jobs sent by the server carry a singleton key (per day, per minute at start, per checkpoint period). A job whose worker dies (kill -9) is retried by another
 * process once it has been active longer than its expiry (CHENGXIN_JOB_EXPIRE_SECONDS); a failing job is retried with
 * exponential backoff and ends `failed` with its error, visible in the console (后台任务) with a retry button.
 */
import {
  createCheckpoint,
  listCheckpoints,
  publishCheckpoint,
  runAllPluginScans,
  runDailyJob,
  sendPendingEmails,
  syncChannel,
  CHANNELS,
  attachBackgroundJobs,
  type BackgroundJob,
  type BackgroundJobQueue,
  type KernelContext,
  type Mailer,
  type Secrets,
} from '@chengxin/kernel';
import type { Database } from '@chengxin/db';
import { BACKGROUND_JOB_KINDS, type BackgroundJobKind, type BackgroundJobState } from '@chengxin/contract';
import { PgBoss, fromPglite, type SendOptions } from 'pg-boss';
import { trackJob, type Metrics } from './metrics';

/** What a job's function may use. */
export interface JobEnv {
  ctx: KernelContext;
  database: Database;
  secrets: Secrets;
  mailer: Mailer | null;
  checkpointDir: string | undefined;
  log: (line: string) => void;
  /** Sends another job (e.g. the daily job sends the day's plugin scans). */
  send: (kind: string, data?: object, options?: SendOptions) => Promise<string | null>;
}

export interface JobDefinition {
  /** The queue's name; the console's kinds are BACKGROUND_JOB_KINDS (test definitions may use others). */
  kind: string;
  /** A cron expression evaluated in `tz`. */
  schedule?: { cron: string; tz: string };
  /** Sent once when a server starts (the daily job catches up at once after downtime). */
  atStart?: boolean;
  /** Retries after the first attempt; the delay doubles from `delaySeconds` (with jitter), at most `maxDelaySeconds`. */
  retry: { limit: number; delaySeconds: number; maxDelaySeconds: number };
  run(env: JobEnv, data: Record<string, unknown>, job: { id: string; signal: AbortSignal }): Promise<unknown>;
}

const SHANGHAI = 'Asia/Shanghai';

/** The server's jobs. */
export const JOB_DEFINITIONS: JobDefinition[] = [
  {
    // Publication expiry, archival, complaint escalation, rectification/accountability tasks, digests: once per day
    // (kernel.job_run), dated in Asia/Shanghai. Hourly, so a day missed while down is caught up within the hour.
    kind: 'daily',
    schedule: { cron: '5 * * * *', tz: SHANGHAI },
    atStart: true,
    retry: { limit: 5, delaySeconds: 60, maxDelaySeconds: 3600 },
    async run(env) {
      const r = await runDailyJob(env.ctx, env.ctx.today());
      if (r.skippedBecause === 'running')
        throw new Error('另一个每日任务正在运行 / another daily job run is in progress');
      if (!r.skipped) {
        env.log(`每日任务 daily job ${r.day}: ${r.expired} expired, ${r.archived} archived`);
        // The plugins' scans follow the kernel's job on the day it ran: one scan job per day.
        await env.send('plugin-scans', { day: r.day }, { singletonKey: `plugin-scans:${r.day}` });
      }
      return r;
    },
  },
  {
    // Each plugin's daily rules; they only propose drafts, once per breach, so a retry repeats nothing.
    kind: 'plugin-scans',
    retry: { limit: 5, delaySeconds: 60, maxDelaySeconds: 3600 },
    async run(env, data) {
      const day = typeof data['day'] === 'string' ? data['day'] : env.ctx.today();
      const scans = await runAllPluginScans(env.database.db, env.secrets, day);
      for (const s of scans)
        env.log(
          `  插件扫描 plugin scan ${s.pluginId}: ${s.error ? `failed: ${s.error}` : `${s.report!.scanned} checked, ${s.report!.draftsCreated} drafts proposed`}`,
        );
      const failed = scans.filter((s) => s.error);
      if (failed.length) throw new Error(failed.map((s) => `${s.pluginId}: ${s.error}`).join('; '));
      return { plugins: scans.length };
    },
  },
  {
    // Signs the grown audit tree (sent by the sequencer at most every CHENGXIN_CHECKPOINT_SECONDS; a cron catches
    // anything left) and publishes the newest checkpoint to CHENGXIN_CHECKPOINT_DIR.
    kind: 'checkpoint',
    schedule: { cron: '* * * * *', tz: SHANGHAI },
    atStart: true,
    retry: { limit: 3, delaySeconds: 5, maxDelaySeconds: 300 },
    async run(env) {
      const c = await createCheckpoint(env.database.db, env.secrets.audit);
      const newest = c ?? (await listCheckpoints(env.database.db, 1))[0];
      if (newest && env.checkpointDir) {
        try {
          publishCheckpoint(env.checkpointDir, newest);
        } catch (e) {
          throw new Error(
            `检查点 #${newest.seq} 已签名，但无法写入发布目录 ${env.checkpointDir}：${e instanceof Error ? e.message : String(e)}`,
          );
        }
      }
      return { seq: newest?.seq ?? null, signed: !!c };
    },
  },
  {
    // The mail outbox: each message has its own attempts and backoff (mailer.ts); the job fails when the SMTP
    // server took none of the messages it tried.
    kind: 'mail',
    schedule: { cron: '*/5 * * * *', tz: SHANGHAI },
    retry: { limit: 2, delaySeconds: 60, maxDelaySeconds: 600 },
    async run(env) {
      const r = await sendPendingEmails(env.database.db, env.mailer);
      if (r.failed > 0 && r.sent === 0) throw new Error(`邮件服务器未接收任何邮件（${r.failed}封失败）`);
      return r;
    },
  },
  {
    // Export preparation: appends each 双公示 / sharing channel's pending changes to its change log, so pulls and
    // push batches find them ready (a pull still syncs first; the per-channel lock keeps the two apart).
    kind: 'export',
    schedule: { cron: '*/10 * * * *', tz: SHANGHAI },
    retry: { limit: 3, delaySeconds: 30, maxDelaySeconds: 600 },
    async run(env) {
      const out: Record<string, number> = {};
      for (const channel of CHANNELS)
        out[channel] = await env.database.db.transaction((tx) => syncChannel(tx, channel));
      return out;
    },
  },
];

export interface JobQueueConfig {
  /** How long a job may run before another worker takes it over (a dead worker's lease). */
  expireSeconds: number;
  /** How often each worker looks for work. */
  pollSeconds: number;
  /** How often expired jobs are looked for (pg-boss's supervisor). */
  superviseSeconds: number;
  /** How often the cron monitor checks the schedules. */
  cronSeconds: number;
  /** Connections of pg-boss's own pool (PostgreSQL). */
  poolSize: number;
  /** Schedules and atStart jobs are registered (a pure worker process may leave them to others). */
  schedule: boolean;
}

export const DEFAULT_JOB_QUEUE_CONFIG: JobQueueConfig = {
  expireSeconds: 900,
  pollSeconds: 2,
  superviseSeconds: 60,
  cronSeconds: 30,
  poolSize: 4,
  schedule: true,
};

export interface JobQueue {
  boss: PgBoss;
  send(kind: string, data?: object, options?: SendOptions): Promise<string | null>;
  /** The console's view (also attached to the kernel for kernel.jobs.*). */
  view: BackgroundJobQueue;
  /** When a job of `kind` last completed (from the queue's table), or null. */
  lastCompleted(kind: string): Promise<Date | null>;
  /** Jobs that ended failed and are still kept (7 days), over every kind. */
  failedCount(): Promise<number>;
  stop(): Promise<void>;
}

export interface StartJobQueueOptions {
  database: Database;
  /** PostgreSQL: the connection string for pg-boss's own pool (our driver is postgres.js; pg-boss brings `pg`). */
  databaseUrl?: string;
  env: Omit<JobEnv, 'send'>;
  definitions?: JobDefinition[];
  config?: Partial<JobQueueConfig>;
  metrics?: Metrics;
  /** Attach to the kernel so kernel.jobs.list / retry see this queue (default true). */
  attach?: boolean;
}

const SCHEMA = 'pgboss';

export async function startJobQueue(options: StartJobQueueOptions): Promise<JobQueue> {
  const config = { ...DEFAULT_JOB_QUEUE_CONFIG, ...options.config };
  const definitions = options.definitions ?? JOB_DEFINITIONS;
  const { database } = options;
  const common = {
    schema: SCHEMA,
    superviseIntervalSeconds: config.superviseSeconds,
    monitorIntervalSeconds: config.superviseSeconds,
    cronMonitorIntervalSeconds: Math.min(45, config.cronSeconds),
    cronWorkerIntervalSeconds: Math.min(45, config.cronSeconds),
    schedule: config.schedule,
  };
  let boss: PgBoss;
  if (database.native.kind === 'pglite') {
    boss = new PgBoss({ ...common, backend: 'pglite', db: fromPglite(database.native.client) });
  } else {
    if (!options.databaseUrl) throw new Error('the job queue on PostgreSQL needs the database URL');
    boss = new PgBoss({
      ...common,
      connectionString: options.databaseUrl,
      max: config.poolSize,
      application_name: 'chengxin-jobs',
    });
  }
  boss.on('error', (e: unknown) => options.env.log(`job queue: ${e instanceof Error ? e.message : String(e)}`));
  await boss.start();
  const send = (kind: string, data: object = {}, sendOptions: SendOptions = {}) => boss.send(kind, data, sendOptions);
  const env: JobEnv = { ...options.env, send };
  for (const d of definitions) {
    const queueOptions = {
      retryLimit: d.retry.limit,
      retryDelay: d.retry.delaySeconds,
      retryBackoff: true,
      retryDelayMax: d.retry.maxDelaySeconds,
      expireInSeconds: config.expireSeconds,
      deleteAfterSeconds: 7 * 86_400,
    };
    if (await boss.getQueue(d.kind)) await boss.updateQueue(d.kind, queueOptions);
    // One job of a kind runs at a time (a second daily run or checkpoint at once would only wait on the first); a
    // failing job still goes to retry when another one is already queued (a stately queue would fail it instead).
    else await boss.createQueue(d.kind, { ...queueOptions, policy: 'singleton' });
    await boss.work(d.kind, { pollingIntervalSeconds: config.pollSeconds, batchSize: 1 }, async ([job]) => {
      if (!job) return;
      return trackJob(options.metrics, d.kind, () =>
        d.run(env, (job.data ?? {}) as Record<string, unknown>, { id: job.id, signal: job.signal }),
      );
    });
    if (config.schedule && d.schedule) await boss.schedule(d.kind, d.schedule.cron, {}, { tz: d.schedule.tz });
    if (config.schedule && !d.schedule) await boss.unschedule(d.kind).catch(() => undefined);
    // Two processes starting together within the minute send one job (a singleton key per minute).
    if (config.schedule && d.atStart) await send(d.kind, {}, { singletonKey: `start:${d.kind}`, singletonSeconds: 60 });
  }
  const db = boss.getDb();
  const kinds = new Set<string>(BACKGROUND_JOB_KINDS);
  const view: BackgroundJobQueue = {
    async list(filter) {
      const names = filter.kind ? [filter.kind] : [...kinds];
      const { rows } = await db.executeSql(
        `${SELECT} where name = any($1::text[]) and ($2::text is null or state::text = $2) order by created_on desc, id limit $3`,
        [names, filter.state ?? null, filter.limit],
      );
      return rows.map(toJob);
    },
    async get(kind, id) {
      const { rows } = await db.executeSql(`${SELECT} where name = $1 and id = $2::uuid`, [kind, id]);
      return rows[0] ? toJob(rows[0]) : null;
    },
    async retry(kind, id) {
      await boss.retry(kind, id);
    },
  };
  const detach = options.attach === false ? () => undefined : attachBackgroundJobs(database.db, view);
  return {
    boss,
    send,
    view,
    async lastCompleted(kind) {
      const { rows } = await db.executeSql(
        `select max(completed_on) as at from ${SCHEMA}.job where name = $1 and state = 'completed'`,
        [kind],
      );
      const at = rows[0]?.at as Date | string | null | undefined;
      return at ? new Date(at) : null;
    },
    async failedCount() {
      const { rows } = await db.executeSql(
        `select count(*)::int as n from ${SCHEMA}.job where name = any($1::text[]) and state = 'failed'`,
        [definitions.map((d) => d.kind)],
      );
      return Number(rows[0]?.n ?? 0);
    },
    async stop() {
      detach();
      await boss.stop({ graceful: true, timeout: 10_000, close: true });
    },
  };
}

const SELECT = `select id::text, name, state::text, retry_count, retry_limit, created_on, started_on, completed_on,
  start_after, output from ${SCHEMA}.job`;

const iso = (v: unknown): string | null => (v == null ? null : new Date(v as string).toISOString());

/** The message of a failure as pg-boss stores it: a serialised Error ({ message, … }) or a timeout's { value }. */
function errorOf(output: unknown): string | null {
  if (!output || typeof output !== 'object') return null;
  const o = output as Record<string, unknown>;
  if (typeof o['message'] === 'string') return o['message'];
  const value = o['value'];
  if (typeof value === 'string') return value;
  if (value && typeof value === 'object' && typeof (value as { message?: unknown }).message === 'string')
    return (value as { message: string }).message;
  return null;
}

function toJob(r: Record<string, unknown>): BackgroundJob {
  const state = r['state'] as BackgroundJobState;
  const started = r['started_on'] != null;
  return {
    id: String(r['id']),
    kind: r['name'] as BackgroundJobKind,
    state,
    attempts: started ? Number(r['retry_count']) + 1 : Number(r['retry_count']),
    maxAttempts: Number(r['retry_limit']) + 1,
    createdAt: iso(r['created_on'])!,
    startedAt: iso(r['started_on']),
    completedAt: iso(r['completed_on']),
    runAfter: state === 'retry' || state === 'created' ? iso(r['start_after']) : null,
    error: state === 'failed' || state === 'retry' ? errorOf(r['output']) : null,
  };
}
