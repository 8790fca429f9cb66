/**
 * The one configuration module: every environment variable the server, the kernel, the SDK and the plugins use is
 * declared in `VARIABLES` below, read here (and nowhere else: apps/server/src/config.test.ts scans the sources) and
 * checked with zod — a bad value stops the start naming the variable. The server gets a typed `ServerConfig`; the
 * libraries get the checked values through `@chengxin/contract/settings` (`useSettings`, done by cli.ts before any
 * library module loads) or as parameters (keys, database, mail). `summary()` prints what is in force without secrets.
 * docs/DEPLOYMENT.md's table of variables is `environmentTable()` (checked by the same test).
 */
import { join, resolve } from 'node:path';
import { z } from 'zod';
import { LOG_LEVELS } from './logger';

type Group =
  'server' | 'database' | 'keys' | 'audit' | 'security' | 'public' | 'mail' | 'rules' | 'demo' | 'development';

export interface Variable {
  name: string;
  group: Group;
  schema: z.ZodType;
  /** Never printed (the summary says only whether it is set). */
  secret?: boolean;
  /** The default, as people read it. */
  default: string;
  description: string;
}

const flag = z.enum(['0', '1']);
const onOff = z.enum(['on', 'off']);
const port = z.coerce.number().int().min(0).max(65_535);
/** The kernel's `setting()`: a whole number (0 allowed). */
const whole = z.coerce.number().int().min(0);
/** The kernel's `positiveSetting()`: a number above 0. */
const positive = z.coerce.number().positive().finite();
const hex64 = z.string().regex(/^[0-9a-fA-F]{64}$/, '64 hex characters (32 bytes)');

/** Read replicas' settings in force when not set (docs/REPLICAS.md). */
export const REPLICA_DEFAULTS = {
  /** REPLICA_MAX_LAG_SECONDS: how stale a replica may be and still serve reads. */
  maxLagSeconds: 10,
  /** REPLICA_CHECK_MS: how often each replica's health and lag are measured. */
  checkEveryMs: 1000,
} as const;

/** A URL with its password replaced by ***, for the start summary. */
const redact = (url: string) => url.replace(/\/\/([^:@/]*):[^@/]*@/, '//$1:***@');

const v = (
  name: string,
  group: Group,
  schema: z.ZodType,
  dflt: string,
  description: string,
  secret = false,
): Variable => ({ name, group, schema, default: dflt, description, ...(secret ? { secret } : {}) });

const rule = (name: string, dflt: string, description: string) => v(name, 'rules', whole, dflt, description);
const limit = (name: string, dflt: string, description: string) => v(name, 'security', positive, dflt, description);

/** Every variable, in the order docs/DEPLOYMENT.md lists them. */
export const VARIABLES: readonly Variable[] = [
  v('PORT', 'server', port, '3000', 'HTTP port (0: any free port; the URL is printed)'),
  v('HOST', 'server', z.string().min(1), '127.0.0.1', 'Address to listen on (0.0.0.0 in a container)'),
  v('LOG_LEVEL', 'server', z.enum(LOG_LEVELS), 'info', 'pino level; JSON lines on stdout'),
  v('CHENGXIN_SECURE', 'server', flag, '0', '1 behind TLS: Secure cookies and HSTS'),
  v(
    'CHENGXIN_TRUST_PROXY',
    'server',
    flag,
    '0',
    '1 behind your own reverse proxy: client address from X-Forwarded-For',
  ),
  v('METRICS_PORT', 'server', port, 'unset', 'A second port serving only /metrics (Prometheus inside the network)'),
  v(
    'CHENGXIN_METRICS_TOKEN',
    'server',
    z.string().min(16),
    'unset',
    'Opens /metrics on the main port to this bearer token (16+ characters)',
    true,
  ),
  v('CHENGXIN_DAILY_JOB', 'server', onOff, 'on', 'off: leave the daily job to another process (set on one node only)'),
  v(
    'CHENGXIN_SEQUENCER_MS',
    'audit',
    z.coerce.number().int().min(10).max(60_000),
    '250',
    'How often the sequencer places committed audit entries in the Merkle tree (ms)',
  ),
  v(
    'CHENGXIN_CHECKPOINT_SECONDS',
    'audit',
    z.coerce.number().int().min(1).max(3600),
    '1',
    'A grown tree is signed at most this often (s)',
  ),
  v(
    'CHENGXIN_CHECKPOINT_MINUTES',
    'audit',
    z.coerce.number().int().min(1).max(1440),
    '15',
    'Checkpoint interval the verifier allows (entries older than twice this and unsigned are named)',
  ),
  v(
    'CHENGXIN_CHECKPOINT_DIR',
    'audit',
    z.string().min(1),
    'unset',
    'Also write each signed checkpoint there, outside the database',
  ),
  v(
    'CHENGXIN_LOG_ORIGIN',
    'audit',
    z.string().min(1),
    'chengxin.local/audit-log',
    'The origin line of signed checkpoints (C2SP signed note)',
  ),
  v(
    'CHENGXIN_WITNESS_KEYS',
    'audit',
    z.string().min(1),
    'unset',
    'Witness verifier keys whose cosignatures the log accepts (comma or space separated)',
  ),
  v(
    'DATABASE_URL',
    'database',
    z.string().regex(/^postgres(ql)?:\/\//, 'a postgres:// URL'),
    'unset (PGlite)',
    'PostgreSQL (postgres://user:pass@host:5432/db); unset: embedded PGlite in CHENGXIN_DATA_DIR/pglite',
    true,
  ),
  v(
    'DATABASE_REPLICA_URL',
    'database',
    z
      .string()
      .transform((x) =>
        x
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
      ),
    'unset (no replicas)',
    'Streaming replicas of DATABASE_URL (comma-separated) for public, search, report, open-data and integrator reads',
    true,
  ),
  // An operator's reading, not a legal period: the public data changes by publication decisions, not by the second.
  v(
    'REPLICA_MAX_LAG_SECONDS',
    'database',
    z.coerce.number().positive().max(3600),
    String(REPLICA_DEFAULTS.maxLagSeconds),
    'A replica more stale than this (s) is skipped until it catches up',
  ),
  v(
    'REPLICA_CHECK_MS',
    'database',
    z.coerce.number().int().min(100).max(60_000),
    String(REPLICA_DEFAULTS.checkEveryMs),
    "How often each replica's health and lag are measured (ms)",
  ),
  v(
    'REDIS_URL',
    'server',
    z.string().regex(/^rediss?:\/\/[^\s]+$/, 'a redis:// or rediss:// URL'),
    'unset (database)',
    'Rate limits and login failures counted in Redis, shared by all nodes; unset: in the database (kernel.rate_limit)',
    true,
  ),
  v(
    'CHENGXIN_JOB_EXPIRE_SECONDS',
    'server',
    z.coerce.number().int().min(1).max(86_400),
    '900',
    'How long a background job may run before another process takes it over (s)',
  ),
  v('CHENGXIN_JOB_POLL_SECONDS', 'server', z.coerce.number().min(0.5).max(60), '2', 'How often job workers poll (s)'),
  v(
    'CHENGXIN_JOB_SUPERVISE_SECONDS',
    'server',
    z.coerce.number().int().min(1).max(3600),
    '60',
    'How often expired background jobs are looked for (s)',
  ),
  v(
    'CHENGXIN_JOB_POOL',
    'server',
    z.coerce.number().int().min(1).max(50),
    '4',
    "Connections of the job queue's own pool on PostgreSQL",
  ),
  v('CHENGXIN_DATA_DIR', 'database', z.string().min(1), './data', 'PGlite data (pglite/) and generated keys (keys/)'),
  v(
    'CHENGXIN_KEY_FILE',
    'keys',
    z.string().min(1),
    'CHENGXIN_DATA_DIR/keys/data.key',
    'Data key file (generated on first start when CHENGXIN_DATA_KEY is unset); the signing key lives beside it',
  ),
  v(
    'CHENGXIN_DATA_KEY',
    'keys',
    hex64,
    'unset (key file)',
    'The data key that protects ID numbers and MACs audit entries: 64 hex characters; set it in production',
    true,
  ),
  v(
    'CHENGXIN_NEW_DATA_KEY',
    'keys',
    hex64,
    'unset (random)',
    'The next data key, for `chengxin keys rotate-data` only',
    true,
  ),
  v(
    'CHENGXIN_AUDIT_SIGNING_KEY',
    'keys',
    z.string().includes('PRIVATE KEY', { message: 'an Ed25519 PKCS#8 PEM private key' }),
    'unset (key folder)',
    'Checkpoint signing key, Ed25519 PKCS#8 PEM (\\n for line breaks)',
    true,
  ),
  v(
    'CHENGXIN_PUBLIC_URL',
    'public',
    z.string().regex(/^https?:\/\/[^/]/, 'an http(s):// URL'),
    'unset',
    "The site's public address (QR codes on reports, OCDS URIs); else the browser's address",
  ),
  v(
    'CHENGXIN_OCDS_PREFIX',
    'public',
    z.string().regex(/^ocds-[a-z0-9]{6}$/, 'ocds- and 6 characters'),
    'ocds-cx0000',
    'The OCDS ocid prefix registered for this publisher',
  ),
  limit('CHENGXIN_PUBLIC_READS_PER_MINUTE', '300', 'Portal searches and page reads per client address per minute'),
  limit('CHENGXIN_PUBLIC_BULK_PER_MINUTE', '60', 'Open-data and change-feed pages per client address per minute'),
  limit('CHENGXIN_PUBLIC_REPORTS_PER_MINUTE', '20', 'Credit-report downloads per client address per minute'),
  limit('CHENGXIN_SESSION_HOURS', '8', 'Absolute session lifetime (hours)'),
  limit('CHENGXIN_SESSION_IDLE_MINUTES', '30', 'An unused session ends after this (minutes)'),
  limit('CHENGXIN_MAX_FAILED_LOGINS', '5', 'Wrong passwords in a row before the account locks'),
  limit('CHENGXIN_LOCK_MINUTES', '15', 'How long a locked account stays locked (minutes)'),
  limit('CHENGXIN_LOGIN_PER_IP_PER_MINUTE', '30', 'Login attempts per client address per minute'),
  limit('CHENGXIN_TOKEN_RATE_PER_MINUTE', '600', 'Default request rate of an integrator token'),
  limit('CHENGXIN_TOKEN_MAX_DAYS', '366', 'Longest validity of an integrator token (days)'),
  limit('CHENGXIN_MAX_BODY_BYTES', '8388608', 'Request bodies above this are refused (413)'),
  limit('CHENGXIN_EXPENSIVE_PER_MINUTE', '10', 'Expensive procedures (exports, runs) per caller per minute'),
  limit('CHENGXIN_MAX_BATCH', '20', 'Items per set-wise call (bulk review and the like)'),
  limit('CHENGXIN_UPLOAD_MAX_BYTES', '1073741824', 'Largest staged upload (bytes)'),
  limit('CHENGXIN_UPLOADS_PER_DAY', '50', 'Uploads one user may hold within 24 hours'),
  v(
    'CHENGXIN_SMTP_URL',
    'mail',
    z.string().regex(/^smtps?:\/\//, 'an smtp:// or smtps:// URL'),
    'unset (no email)',
    'SMTP server for inbox email (smtp://user:pass@host:port)',
    true,
  ),
  v('CHENGXIN_MAIL_FROM', 'mail', z.string().min(3), 'chengxin@localhost', 'Sender address of inbox email'),
  v(
    'CHENGXIN_MAIL_MAX_ATTEMPTS',
    'mail',
    z.coerce.number().int().positive(),
    '8',
    'Attempts before a message is given up',
  ),
  rule('CHENGXIN_OBJECTION_MARK_WD', '1', 'Working days to mark a record disputed after an objection'),
  rule('CHENGXIN_OBJECTION_DECIDE_WD', '5', 'Working days to decide an objection'),
  rule('CHENGXIN_OBJECTION_EXTENSION_WD', '5', 'Working days an objection may be extended'),
  rule('CHENGXIN_REPAIR_DECIDE_WD', '3', 'Working days to decide a credit-repair application'),
  rule('CHENGXIN_COMPLAINT_TRIAGE_WD', '3', 'Working days to accept or refer a complaint'),
  rule('CHENGXIN_COMPLAINT_HANDLE_WD', '15', 'Working days to handle a complaint '),
  ...['PROMISE', 'CONTRACT', 'PROCUREMENT', 'SERVICE', 'PAYMENT', 'OTHER'].map((c) =>
    rule(
      `CHENGXIN_COMPLAINT_HANDLE_WD_${c}`,
      ['SERVICE', 'PAYMENT'].includes(c) ? '10' : '15',
      `Working days to handle a complaint of category ${c.toLowerCase()}`,
    ),
  ),
  rule('CHENGXIN_RECTIFICATION_EXPLAIN_WD', '10', 'Working days to explain a dishonesty case (rectification)'),
  rule('CHENGXIN_RECTIFICATION_COMPLETE_WD', '40', 'Working days to complete a rectification'),
  rule('CHENGXIN_RECTIFICATION_COMPLETE_MAX_WD', '120', 'Longest rectification period with extension (working days)'),
  rule('CHENGXIN_REVOCATION_REFLECT_WD', '1', 'Working days to reflect a revocation everywhere'),
  rule('CHENGXIN_SELF_CORRECTION_DECIDE_WD', '15', 'Working days to decide a self-correction application'),
  rule('CHENGXIN_PROPOSAL_MONTHS', '3', 'Months to answer an NPC suggestion or CPPCC proposal'),
  rule('CHENGXIN_TRAINING_HOURS', '6', 'Yearly integrity-training hours of a civil servant'),
  rule('CHENGXIN_TRAINING_HOURS_LEADING', '12', 'Yearly integrity-training hours of a leading cadre'),
  rule('CHENGXIN_TRAINING_ENTRANT_DAYS', '365', 'Days a new entrant has for the first training'),
  rule('CHENGXIN_REPORTING_DUE_WD', '7', 'Default working days after a period for a reporting source to report'),
  ...['PILOT', 'INVESTMENT'].flatMap((a) => [
    rule(
      `CHENGXIN_POLICY_${a}_MIN_SCORE`,
      a === 'PILOT' ? '85' : '70',
      `Evaluation use, ${a.toLowerCase()}: lowest score`,
    ),
    rule(
      `CHENGXIN_POLICY_${a}_MAX_RANK`,
      a === 'PILOT' ? '5' : '0',
      `Evaluation use, ${a.toLowerCase()}: lowest rank (0 = any)`,
    ),
    rule(
      `CHENGXIN_POLICY_${a}_RESULT_LAG`,
      '1',
      `Evaluation use, ${a.toLowerCase()}: published result of the Nth year before`,
    ),
  ]),
  rule('CHENGXIN_POLICY_SOCIAL_MAX_SCORE', '60', 'Evaluation use, social management: attention below this score'),
  rule('CHENGXIN_POLICY_SOCIAL_BOTTOM_RANKS', '3', 'Evaluation use, social management: attention for the last N ranks'),
  rule(
    'CHENGXIN_POLICY_SOCIAL_RESULT_LAG',
    '1',
    'Evaluation use, social management: published result of the Nth year before',
  ),
  v(
    'CHENGXIN_DISMISSAL_RECORD',
    'rules',
    z.enum(['excluded', 'included']),
    'excluded',
    'Open reading: whether a dismissal is a dishonesty record ',
  ),
  v(
    'CHENGXIN_PERSON_HONOURS_BAR',
    'rules',
    onOff,
    'on',
    'Open reading: dishonesty records bar a person’s commendation',
  ),
  v('CHENGXIN_MINOR_PUBLISHED', 'rules', onOff, 'off', 'Open reading: minor dishonesty records are published'),
  v(
    'CHENGXIN_PERSON_DEFAULT_DISCLOSURE',
    'rules',
    z.enum(['government', 'public']),
    'government',
    'Open reading: default disclosure of records about persons',
  ),
  v(
    'CHENGXIN_ASSESSMENT_NEXT_YEAR_RULE',
    'rules',
    onOff,
    'off',
    'A heavy sanction also bars 优秀 in the next year’s assessment',
  ),
  v(
    'CHENGXIN_DEMO_MODE',
    'demo',
    flag,
    '1 with PGlite, 0 with DATABASE_URL',
    '1: the published demo password is allowed',
  ),
  v('CHENGXIN_DEMO_SEED', 'demo', flag, '1', '0: `start` never seeds demo data into an empty database (production)'),
  v(
    'CHENGXIN_DEMO_RECORDS',
    'demo',
    z.coerce.number().int().min(0),
    'seed default',
    'Smaller demo data for quick runs: records',
  ),
  v(
    'CHENGXIN_DEMO_PERSONS',
    'demo',
    z.coerce.number().int().min(1),
    'seed default',
    'Smaller demo data for quick runs: civil servants',
  ),
  v(
    'CHENGXIN_TODAY',
    'development',
    z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'YYYY-MM-DD'),
    'unset',
    "Pins the server's legal day (tests and reproducible demos; never in production)",
  ),
  v(
    'NODE_ENV',
    'development',
    z.string(),
    'unset',
    'development: tRPC error shapes carry stacks (never in production)',
  ),
];

const BY_NAME = new Map(VARIABLES.map((x) => [x.name, x]));

export interface ServerConfig {
  port: number;
  host: string;
  /** PostgreSQL when set; otherwise embedded PGlite in `dataDir`. */
  databaseUrl: string | undefined;
  dataDir: string;
  keyFile: string;
  /** The data key (CHENGXIN_DATA_KEY), else the key file. */
  dataKey: string | undefined;
  /** The next data key for `keys rotate-data` (CHENGXIN_NEW_DATA_KEY), else a random one. */
  newDataKey: string | undefined;
  /** The checkpoint signing key, PEM (CHENGXIN_AUDIT_SIGNING_KEY), else the key folder. */
  signingKeyPem: string | undefined;
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
  /** Streaming replicas of that PostgreSQL for reads that may be a little stale (DATABASE_REPLICA_URL, comma-separated). */
  replicas: { urls: string[]; maxLagSeconds: number; checkEveryMs: number };
  /** Rate limits and login failures counted in Redis when set; otherwise in the database (kernel.rate_limit). */
  redisUrl: string | undefined;
  /**
   * The job queue (pg-boss; apps/server/src/jobs.ts): how long a job may run before another process takes it over,
   * how often workers poll, how often expired jobs are looked for, and the connections of the queue's own pool.
   */
  jobs: { expireSeconds: number; pollSeconds: number; superviseSeconds: number; poolSize: number };
  /** off: the daily job is left to another process (a benchmark measuring it, or a dedicated worker). */
  dailyJob: boolean;
  /** Whether `start` seeds the demo data into an empty database (CHENGXIN_DEMO_SEED, default 1). */
  demoSeed: boolean;
  /** Demo mode in force (the demo password allowed): CHENGXIN_DEMO_MODE, else on with PGlite only. */
  demoMode: boolean;
  /** Smaller demo sizes for quick runs (the start and browser tests); the defaults live in seedDemo. */
  demo: { records: number | undefined; persons: number | undefined };
  /**
   * Every variable that is set, checked, as text — what the libraries read through `@chengxin/contract/settings`
   * (with the effective PORT, HOST and CHENGXIN_DEMO_MODE filled in).
   */
  settings: Record<string, string>;
}

const SCHEMA = z.object(Object.fromEntries(VARIABLES.map((x) => [x.name, x.schema.optional()])));

/** Reads and checks the environment (the process's by default); throws naming the first bad variable. */
export function configFromEnv(env: NodeJS.ProcessEnv = process.env): ServerConfig {
  const raw: Record<string, string> = {};
  for (const x of VARIABLES) {
    const value = env[x.name];
    if (value !== undefined && value !== '') raw[x.name] = value;
  }
  const parsed = SCHEMA.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new Error(`环境变量 ${String(issue.path[0])} 不正确 / invalid environment variable: ${issue.message}`);
  }
  const e = parsed.data as Record<string, unknown>;
  const str = (name: string) => e[name] as string | undefined;
  const num = (name: string) => e[name] as number | undefined;
  const dataDir = resolve(str('CHENGXIN_DATA_DIR') ?? './data');
  const databaseUrl = str('DATABASE_URL');
  const replicaUrls = (e['DATABASE_REPLICA_URL'] as string[] | undefined) ?? [];
  if (replicaUrls.length && !databaseUrl)
    throw new Error(
      '环境变量 DATABASE_REPLICA_URL 需要同时设置 DATABASE_URL（内嵌PGlite没有只读副本） / invalid environment variable: ' +
        'DATABASE_REPLICA_URL needs DATABASE_URL (replicas are of a PostgreSQL server; embedded PGlite has none)',
    );
  const demoMode = raw['CHENGXIN_DEMO_MODE'] ? raw['CHENGXIN_DEMO_MODE'] === '1' : !databaseUrl;
  const port = num('PORT') ?? 3000;
  const host = str('HOST') ?? '127.0.0.1';
  return {
    port,
    host,
    databaseUrl,
    dataDir,
    keyFile: str('CHENGXIN_KEY_FILE') ? resolve(str('CHENGXIN_KEY_FILE')!) : join(dataDir, 'keys', 'data.key'),
    dataKey: str('CHENGXIN_DATA_KEY'),
    newDataKey: str('CHENGXIN_NEW_DATA_KEY'),
    signingKeyPem: str('CHENGXIN_AUDIT_SIGNING_KEY'),
    secure: raw['CHENGXIN_SECURE'] === '1',
    trustProxy: raw['CHENGXIN_TRUST_PROXY'] === '1',
    checkpointMinutes: num('CHENGXIN_CHECKPOINT_MINUTES') ?? 15,
    sequencerMs: num('CHENGXIN_SEQUENCER_MS') ?? 250,
    checkpointSeconds: num('CHENGXIN_CHECKPOINT_SECONDS') ?? 1,
    checkpointDir: str('CHENGXIN_CHECKPOINT_DIR') ? resolve(str('CHENGXIN_CHECKPOINT_DIR')!) : undefined,
    logLevel: (str('LOG_LEVEL') ?? 'info') as ServerConfig['logLevel'],
    metricsPort: num('METRICS_PORT'),
    metricsToken: str('CHENGXIN_METRICS_TOKEN'),
    dailyJob: (str('CHENGXIN_DAILY_JOB') ?? 'on') === 'on',
    replicas: {
      urls: replicaUrls,
      maxLagSeconds: num('REPLICA_MAX_LAG_SECONDS') ?? REPLICA_DEFAULTS.maxLagSeconds,
      checkEveryMs: num('REPLICA_CHECK_MS') ?? REPLICA_DEFAULTS.checkEveryMs,
    },
    redisUrl: str('REDIS_URL'),
    jobs: {
      expireSeconds: num('CHENGXIN_JOB_EXPIRE_SECONDS') ?? 900,
      pollSeconds: num('CHENGXIN_JOB_POLL_SECONDS') ?? 2,
      superviseSeconds: num('CHENGXIN_JOB_SUPERVISE_SECONDS') ?? 60,
      poolSize: num('CHENGXIN_JOB_POOL') ?? 4,
    },
    demoSeed: raw['CHENGXIN_DEMO_SEED'] !== '0',
    demoMode,
    demo: { records: num('CHENGXIN_DEMO_RECORDS'), persons: num('CHENGXIN_DEMO_PERSONS') },
    settings: { ...raw, PORT: String(port), HOST: host, CHENGXIN_DEMO_MODE: demoMode ? '1' : '0' },
  };
}

/** What is in force, one line, without secrets (the database URL without its password, keys only as set/unset). */
export function summary(config: ServerConfig): string {
  const db = config.databaseUrl ? redact(config.databaseUrl) : 'PGlite';
  const server = new Set(['PORT', 'HOST', 'LOG_LEVEL', 'CHENGXIN_SECURE', 'CHENGXIN_TRUST_PROXY', 'METRICS_PORT']);
  const others = Object.entries(config.settings)
    .filter(([name]) => !server.has(name) && !BY_NAME.get(name)?.secret && name !== 'CHENGXIN_DEMO_MODE')
    .filter(
      ([name]) =>
        ![
          'DATABASE_URL',
          'CHENGXIN_DATA_DIR',
          'CHENGXIN_CHECKPOINT_DIR',
          'CHENGXIN_CHECKPOINT_MINUTES',
          'REPLICA_MAX_LAG_SECONDS',
          'REPLICA_CHECK_MS',
          'CHENGXIN_JOB_EXPIRE_SECONDS',
          'CHENGXIN_JOB_POLL_SECONDS',
        ].includes(name),
    )
    .map(([name, value]) => `${name}=${value}`);
  return [
    `listen ${config.host}:${config.port}`,
    `database ${db}`,
    `replicas ${config.replicas.urls.length ? `${config.replicas.urls.map(redact).join(', ')} (max lag ${config.replicas.maxLagSeconds} s, checked every ${config.replicas.checkEveryMs} ms)` : 'none'}`,
    `data ${config.dataDir}`,
    `rate limits ${config.redisUrl ? `redis ${redact(config.redisUrl)}` : 'database'}`,
    `data key ${config.dataKey ? 'from CHENGXIN_DATA_KEY' : `file ${config.keyFile}`}`,
    `signing key ${config.signingKeyPem ? 'from CHENGXIN_AUDIT_SIGNING_KEY' : 'key folder'}`,
    `secure ${config.secure}`,
    `trust-proxy ${config.trustProxy}`,
    `checkpoints every ${config.checkpointMinutes} min${config.checkpointDir ? ` → ${config.checkpointDir}` : ''}`,
    `log ${config.logLevel}`,
    `metrics ${config.metricsPort !== undefined ? `port ${config.metricsPort}` : 'no separate port'}${config.metricsToken ? ', token set' : ''}`,
    `daily job ${config.dailyJob ? 'on' : 'off'}`,
    `jobs expire ${config.jobs.expireSeconds} s, poll ${config.jobs.pollSeconds} s`,
    `demo mode ${config.demoMode ? 'on' : 'off'}`,
    `mail ${config.settings['CHENGXIN_SMTP_URL'] ? 'SMTP set' : 'off'}`,
    ...(others.length ? [`settings ${others.join(' ')}`] : []),
  ].join('; ');
}

/** docs/DEPLOYMENT.md's table of every variable (a test keeps the document equal to this). */
export function environmentTable(): string {
  const cell = (s: string) => s.replaceAll('|', '\\|');
  return [
    '| variable | group | default | secret | meaning |',
    '| --- | --- | --- | --- | --- |',
    ...VARIABLES.map(
      (x) => `| \`${x.name}\` | ${x.group} | ${cell(x.default)} | ${x.secret ? 'yes' : ''} | ${cell(x.description)} |`,
    ),
  ].join('\n');
}
