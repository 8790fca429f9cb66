/**
 * Every environment variable the server reads, read and checked here and nowhere else (zod): a bad value stops the
 * start with the variable's name, and `summary()` prints what is in force without secrets.
 */
import { join, resolve } from 'node:path';
import { z } from 'zod';
import { LOG_LEVELS } from './logger';
import { redisLabel } from './limits';

/** Read replicas' settings in force when not set (docs/REPLICAS.md). */
export const REPLICA_DEFAULTS = {
  /** REPLICA_MAX_LAG_SECONDS: how stale a replica may be and still serve reads. */
  maxLagSeconds: 10,
  /** REPLICA_CHECK_MS: how often each replica's health and lag are measured. */
  checkEveryMs: 1000,
} as const;

const flag = z.enum(['0', '1', '']).optional();
const port = z.coerce.number().int().min(0).max(65_535);

const ENV = z.object({
  PORT: port.default(3000),
  HOST: z.string().min(1).default('127.0.0.1'),
  DATABASE_URL: z.string().optional(),
  DATABASE_REPLICA_URL: z
    .string()
    .transform((v) =>
      v
        .split(',')
        .map((u) => u.trim())
        .filter(Boolean),
    )
    .pipe(
      z.array(
        z.string().regex(/^postgres(ql)?:\/\//, {
          message: '每个地址须以 postgres:// 开头 / each URL must start with postgres://',
        }),
      ),
    )
    .optional(),
  /** Default 10 s: the public data changes by publication decisions, not by the second; a replica more stale than
   * this (an operator's reading, not a legal period) is skipped until it catches up. */
  REPLICA_MAX_LAG_SECONDS: z.coerce.number().positive().max(3600).default(REPLICA_DEFAULTS.maxLagSeconds),
  REPLICA_CHECK_MS: z.coerce.number().int().min(100).max(60_000).default(REPLICA_DEFAULTS.checkEveryMs),
  REDIS_URL: z
    .string()
    .regex(/^rediss?:\/\/[^\s]+$/, 'a redis:// or rediss:// URL')
    .optional(),
  CHENGXIN_DATA_DIR: z.string().optional(),
  CHENGXIN_KEY_FILE: z.string().optional(),
  CHENGXIN_SECURE: flag,
  CHENGXIN_TRUST_PROXY: flag,
  CHENGXIN_CHECKPOINT_MINUTES: z.coerce.number().int().min(1).max(1440).default(15),
  CHENGXIN_CHECKPOINT_DIR: z.string().optional(),
  CHENGXIN_SEQUENCER_MS: z.coerce.number().int().min(10).max(60_000).default(250),
  CHENGXIN_CHECKPOINT_SECONDS: z.coerce.number().int().min(1).max(3600).default(1),
  LOG_LEVEL: z.enum(LOG_LEVELS).default('info'),
  METRICS_PORT: port.optional(),
  CHENGXIN_METRICS_TOKEN: z.string().min(16).optional(),
  CHENGXIN_DAILY_JOB: z.enum(['on', 'off']).default('on'),
  CHENGXIN_JOB_EXPIRE_SECONDS: z.coerce.number().int().min(1).max(86_400).default(900),
  CHENGXIN_JOB_POLL_SECONDS: z.coerce.number().min(0.5).max(60).default(2),
  CHENGXIN_JOB_SUPERVISE_SECONDS: z.coerce.number().int().min(1).max(3600).default(60),
  CHENGXIN_JOB_POOL: z.coerce.number().int().min(1).max(50).default(4),
  CHENGXIN_DEMO_RECORDS: z.coerce.number().int().min(0).optional(),
  CHENGXIN_DEMO_PERSONS: z.coerce.number().int().min(1).optional(),
});

export interface ServerConfig {
  port: number;
  host: string;
  /** PostgreSQL when set; otherwise embedded PGlite in `dataDir`. */
  databaseUrl: string | undefined;
  /** Streaming replicas of that PostgreSQL for reads that may be a little stale (DATABASE_REPLICA_URL, comma-separated). */
  replicas: { urls: string[]; maxLagSeconds: number; checkEveryMs: number };
  dataDir: string;
  /** Rate limits and login failures counted in Redis when set; otherwise in the database (kernel.rate_limit). */
  redisUrl: string | undefined;
  keyFile: string;
  /** Mark cookies Secure and send HSTS: set when served behind TLS. */
  secure: boolean;
  /** Trust X-Forwarded-For for client addresses (login throttling) — only behind your own proxy. */
  trustProxy: boolean;
  /** The checkpoint interval the verifier allows: entries older than 2× this and uncovered are named. */
  checkpointMinutes: number;
  /** How often the sequencer places committed audit entries in the Merkle tree (CHENGXIN_SEQUENCER_MS, default 250). */
  sequencerMs: number;
  /** How often, at most, a grown tree is signed (CHENGXIN_CHECKPOINT_SECONDS, default 1). */
  checkpointSeconds: number;
  /** Where each signed checkpoint is also written as a file, outside the database (CHENGXIN_CHECKPOINT_DIR). */
  checkpointDir: string | undefined;
  logLevel: (typeof LOG_LEVELS)[number];
  /** A separate port serving only /metrics (for Prometheus inside the network). */
  metricsPort: number | undefined;
  /** Opens /metrics on the main port to a bearer of this token. */
  metricsToken: string | undefined;
  /** off: the daily job is left to another process (a benchmark measuring it, or a dedicated worker). */
  dailyJob: boolean;
  /**
   * The job queue (pg-boss; apps/server/src/jobs.ts): how long a job may run before another process takes it over
   * (CHENGXIN_JOB_EXPIRE_SECONDS, default 900), how often workers poll (CHENGXIN_JOB_POLL_SECONDS, default 2), how
   * often expired jobs are looked for (CHENGXIN_JOB_SUPERVISE_SECONDS, default 60), and the connections of the
   * queue's own pool on PostgreSQL (CHENGXIN_JOB_POOL, default 4).
   */
  jobs: { expireSeconds: number; pollSeconds: number; superviseSeconds: number; poolSize: number };
  /** Smaller demo sizes for quick runs (the start and browser tests); the defaults live in seedDemo. */
  demo: { records: number | undefined; persons: number | undefined };
}

export function configFromEnv(env: NodeJS.ProcessEnv = process.env): ServerConfig {
  const parsed = ENV.safeParse(Object.fromEntries(Object.entries(env).filter(([, v]) => v !== '')));
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new Error(`环境变量 ${String(issue.path[0])} 不正确 / invalid environment variable: ${issue.message}`);
  }
  const e = parsed.data;
  if (e.DATABASE_REPLICA_URL?.length && !e.DATABASE_URL)
    throw new Error(
      '环境变量 DATABASE_REPLICA_URL 需要同时设置 DATABASE_URL（内嵌PGlite没有只读副本） / invalid environment variable: ' +
        'DATABASE_REPLICA_URL needs DATABASE_URL (replicas are of a PostgreSQL server; embedded PGlite has none)',
    );
  const dataDir = resolve(e.CHENGXIN_DATA_DIR ?? './data');
  return {
    port: e.PORT,
    host: e.HOST,
    databaseUrl: e.DATABASE_URL || undefined,
    replicas: {
      urls: e.DATABASE_REPLICA_URL ?? [],
      maxLagSeconds: e.REPLICA_MAX_LAG_SECONDS,
      checkEveryMs: e.REPLICA_CHECK_MS,
    },
    dataDir,
    redisUrl: e.REDIS_URL || undefined,
    keyFile: e.CHENGXIN_KEY_FILE ?? join(dataDir, 'keys', 'data.key'),
    secure: e.CHENGXIN_SECURE === '1',
    trustProxy: e.CHENGXIN_TRUST_PROXY === '1',
    checkpointMinutes: e.CHENGXIN_CHECKPOINT_MINUTES,
    sequencerMs: e.CHENGXIN_SEQUENCER_MS,
    checkpointSeconds: e.CHENGXIN_CHECKPOINT_SECONDS,
    checkpointDir: e.CHENGXIN_CHECKPOINT_DIR ? resolve(e.CHENGXIN_CHECKPOINT_DIR) : undefined,
    logLevel: e.LOG_LEVEL,
    metricsPort: e.METRICS_PORT,
    metricsToken: e.CHENGXIN_METRICS_TOKEN,
    dailyJob: e.CHENGXIN_DAILY_JOB === 'on',
    jobs: {
      expireSeconds: e.CHENGXIN_JOB_EXPIRE_SECONDS,
      pollSeconds: e.CHENGXIN_JOB_POLL_SECONDS,
      superviseSeconds: e.CHENGXIN_JOB_SUPERVISE_SECONDS,
      poolSize: e.CHENGXIN_JOB_POOL,
    },
    demo: { records: e.CHENGXIN_DEMO_RECORDS, persons: e.CHENGXIN_DEMO_PERSONS },
  };
}

/** What is in force, one line, without secrets (the database and Redis URLs without their passwords, the token only as set/unset). */
export function summary(config: ServerConfig): string {
  const redact = (url: string) => url.replace(/\/\/([^:@/]+):[^@/]*@/, '//$1:***@');
  const db = config.databaseUrl ? redact(config.databaseUrl) : 'PGlite';
  return [
    `listen ${config.host}:${config.port}`,
    `database ${db}`,
    `replicas ${config.replicas.urls.length ? `${config.replicas.urls.map(redact).join(', ')} (max lag ${config.replicas.maxLagSeconds} s, checked every ${config.replicas.checkEveryMs} ms)` : 'none'}`,
    `data ${config.dataDir}`,
    `rate limits ${config.redisUrl ? `redis ${redisLabel(config.redisUrl)}` : 'database'}`,
    `secure ${config.secure}`,
    `trust-proxy ${config.trustProxy}`,
    `checkpoints every ${config.checkpointMinutes} min${config.checkpointDir ? ` → ${config.checkpointDir}` : ''}`,
    `log ${config.logLevel}`,
    `jobs expire ${config.jobs.expireSeconds} s, poll ${config.jobs.pollSeconds} s${config.dailyJob ? '' : ', daily job off'}`,
    `metrics ${config.metricsPort !== undefined ? `port ${config.metricsPort}` : 'no separate port'}${config.metricsToken ? ', token set' : ''}`,
  ].join('; ');
}
