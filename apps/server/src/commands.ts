/**
 * The commands of `chengxin` (cli.ts loads this module once the configuration is checked and installed): start | migrate | seed [--scale N] | import <file> | export … | audit verify | audit checkpoint | keys rotate-data | keys rotate-signing | calendar …
 * `start` migrates, seeds the demo data when the database is empty, and serves API + consoles.
 */
import {
  drainAccessLog,
  createCheckpoint,
  kernelContext,
  mailerFromEnv,
  verifyAudit,
  listCheckpoints,
  sealAuditMacs,
  publishCheckpoint,
  readCheckpoints,
  sequenceAudit,
  parseWitnessKey,
} from '@chengxin/kernel';
import { auditToolCommand } from './audit-cli';
import { witnessCommand } from './witness';
import { verifyReportCommand } from './report-verifier';
import { isDatabaseEmpty, seedDemo, DEMO_USERS } from '@chengxin/demo';
import { summary, type ServerConfig } from './config';
import { createLogger } from './logger';
import { createMetrics, replicaMetrics } from './metrics';
import { JOB_DEFINITIONS, startJobQueue } from './jobs';
import { pendingMigrations, ReplicaRouter, rows } from '@chengxin/db';
import { sql } from 'drizzle-orm';
import { listen } from './http';
import { openLimitStore } from './limits';
import { defaultSites } from './static';
import { rotateDataKeyFile, rotateSigningKey } from './keys';
import { MIGRATION_OWNERS, openSystem } from './system';
import { exportCommand, importCommand } from './exchange-cli';
import { calendarCommand } from './calendar-cli';
import { backupCommand, restoreCommand } from './backup';

const log = (line: string) => process.stdout.write(`${line}\n`);

function flag(args: string[], name: string): string | undefined {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
}

export async function runCommand(argv: string[], config: ServerConfig): Promise<void> {
  const [command = 'start', ...args] = argv;
  // The witness and the offline report verifier trust nothing of the log's database: they never open it.
  if (command === 'audit' && args[0] === 'witness') {
    process.exitCode = await witnessCommand(args.slice(1), log);
    return;
  }
  if (command === 'audit' && args[0] === 'verify-report') {
    process.exitCode = await verifyReportCommand(args.slice(1), log);
    return;
  }
  // Backup and restore work on the database files and dumps themselves; neither migrates nor seeds anything.
  if (command === 'backup' || command === 'restore') {
    process.exitCode = await (command === 'backup' ? backupCommand : restoreCommand)(config, args, log);
    return;
  }
  const system = await openSystem(config);
  const { database } = system;
  log(
    `数据库 database: ${database.location}; migrations: ${system.migrations.map((m) => `${m.owner} +${m.applied}/${m.total}`).join(', ')}`,
  );

  // Once per database, at its first migrate or start (never by verify): a log from before entry MACs is MACed under
  // the data key and the chain records the seal (audit/mac.ts); an empty log records it at once.
  if (command === 'migrate' || command === 'start') await sealAuditMacs(database.db, system.secrets.audit.macKey!);
  if (command === 'migrate') return database.close();
  // Every write command ends by signing the head (and publishing it), so entries never wait uncovered while the server is down.
  const signHead = async () => {
    const c = await createCheckpoint(database.db, system.secrets.audit);
    const dir = flag(args, '--publish') ?? config.checkpointDir;
    // The newest checkpoint is published even when the head was signed before (by the server or an earlier command).
    const newest = c ?? (await listCheckpoints(database.db, 1))[0];
    if (newest && dir) log(`checkpoint #${newest.seq} published to ${publishCheckpoint(dir, newest)}`);
    return c;
  };

  if (command === 'seed') {
    const scale = flag(args, '--scale');
    const summary = await seedDemo(database.db, system.secrets, {
      ...config.demo,
      ...(scale ? { records: Number(scale) } : {}),
      log,
    });
    log(`seeded: ${JSON.stringify(summary)}`);
    await signHead();
    return database.close();
  }

  if (command === 'import' || command === 'export' || command === 'calendar') {
    process.exitCode = await (
      command === 'import' ? importCommand : command === 'export' ? exportCommand : calendarCommand
    )(system, args, log);
    await signHead();
    return database.close();
  }

  if (command === 'keys') {
    if (args[0] === 'rotate-data') await rotateDataKeyFile(system, config, log);
    else if (args[0] === 'rotate-signing') await rotateSigningKey(system, config, log);
    else throw new Error('use: chengxin keys rotate-data | keys rotate-signing');
    await signHead();
    return database.close();
  }

  if (command === 'audit') {
    const sub = args[0];
    if (sub === 'checkpoint') {
      const c = await signHead();
      log(c ? `checkpoint signed at #${c.seq} ${c.headHash} (key ${c.keyId})` : 'the chain head is already signed');
      return database.close();
    }
    if (sub !== 'verify') {
      process.exitCode = await auditToolCommand(system, args, log);
      return database.close();
    }
    // --checkpoints <file|dir|URL>: copies held outside the database (published files, a witness, the public feed).
    const held = flag(args, '--checkpoints') ?? config.checkpointDir;
    const external = held ? await readCheckpoints(held) : [];
    const witness = flag(args, '--require-witness');
    const report = await verifyAudit(database.db, system.secrets.audit, 20, {
      external,
      ...(witness ? { requireWitnesses: [parseWitnessKey(witness)] } : {}),
      maxUncoveredMinutes: 2 * config.checkpointMinutes,
    });
    log(
      `审计链 audit chain: ${report.entries} entries, head #${report.headSeq} ${report.headHash}; ${report.checkpoints} signed checkpoint(s), ${report.externalCheckpoints} held outside the database${held ? ` (${held})` : ''}; entry MACs ${report.macChecked ? 'checked' : 'NOT checked'}; ${report.recordsChecked} record(s) checked against their latest entry${report.recordsWithoutDigest ? `, ${report.recordsWithoutDigest} without a state digest (written before digests existed)` : ''}`,
    );
    for (const p of report.problems) log(`  ✗ #${p.seq ?? '?'} ${p.kind}: ${p.messageZh} / ${p.messageEn}`);
    log(
      report.ok
        ? '✓ 校验通过 verified: the log and the records match the chain and its signed checkpoints'
        : `✗ 校验失败 verification failed: first problem at entry #${report.problems[0]?.seq ?? '?'}`,
    );
    await database.close();
    if (!report.ok) process.exitCode = 2;
    return;
  }

  if (command !== 'start')
    throw new Error(
      `unknown command ${command}; use start | migrate | seed | import | export | calendar | keys | audit | backup | restore`,
    );
  if (config.demoSeed && (await isDatabaseEmpty(database.db))) {
    log('空数据库：正在生成天津市演示数据 (empty database: seeding demo data)…');
    const summary = await seedDemo(database.db, system.secrets, { ...config.demo, log });
    log(`演示数据 demo data: ${JSON.stringify(summary)}`);
  }
  log(`配置 config: ${summary(config)}`);
  const metrics = createMetrics();
  // Read replicas: checked once before serving, then every REPLICA_CHECK_MS; down or lagging ones are skipped.
  const replicas = config.replicas.urls.length
    ? await ReplicaRouter.open(database, {
        ...config.replicas,
        onRead: (target) => metrics.reads.inc({ target }),
        log: (line) => log(`只读副本 ${line}`),
      })
    : undefined;
  if (replicas) {
    replicaMetrics(metrics, () => replicas.status());
    for (const r of replicas.status())
      log(`只读副本 replica ${r.location}: ${r.state}${r.detail ? ` (${r.detail})` : ''}`);
  }
  const ctx = kernelContext(database.db, system.secrets);
  // The sequencer/checkpoint lag an operator watches: entries written since the newest signed checkpoint.
  metrics.gauge('chengxin_audit_unsigned_entries', 'Audit entries after the newest signed checkpoint', async () => {
    const [head] = await listCheckpoints(database.db, 1);
    const [n] = await rows<{ n: number }>(
      database.db,
      // A checkpoint's seq is its tree size: entries not yet placed, or placed beyond it, are not signed yet.
      sql`select count(*)::int as n from kernel.audit_log where leaf_index is null or leaf_index >= ${head?.seq ?? 0}`,
    );
    return n?.n ?? 0;
  });
  const started = Date.now();
  const limits = await openLimitStore(database, config.redisUrl);
  // Scheduled and background work runs on the job queue (jobs.ts): the daily job and the plugins' scans, checkpoint
  // signing, the mail outbox and export preparation. CHENGXIN_DAILY_JOB=off leaves the daily job and scans to another
  // process (this one neither schedules nor works them).
  const mailer = mailerFromEnv();
  const queue = await startJobQueue({
    database,
    ...(config.databaseUrl ? { databaseUrl: config.databaseUrl } : {}),
    env: { ctx, database, secrets: system.secrets, mailer, checkpointDir: config.checkpointDir, log },
    definitions: JOB_DEFINITIONS.filter((d) => config.dailyJob || (d.kind !== 'daily' && d.kind !== 'plugin-scans')),
    config: { ...config.jobs, poolSize: config.jobs.poolSize, cronSeconds: 30, schedule: true },
    metrics,
  });
  // From the queue's own table, so every process reports the same count (alert on > 0; the console shows which).
  metrics.gauge('chengxin_jobs_failed', 'Background jobs that ended failed (kept 7 days; see 后台任务)', () =>
    queue.failedCount(),
  );
  const { url, metricsUrl, close } = await listen({
    database,
    ...(replicas ? { reads: replicas } : {}),
    limits,
    secrets: system.secrets,
    port: config.port,
    host: config.host,
    secure: config.secure,
    trustProxy: config.trustProxy,
    logger: createLogger(config.logLevel),
    metrics,
    ...(config.metricsToken ? { metricsToken: config.metricsToken } : {}),
    ...(config.metricsPort !== undefined ? { metricsPort: config.metricsPort } : {}),
    readiness: {
      // Never a reason to take the node out: reads fall back to the primary. The detail shows each replica's state.
      ...(replicas
        ? {
            replicas: async () => ({
              ok: true,
              detail: replicas
                .status()
                .map((r) => `${r.location} ${r.state}${r.lagSeconds !== null ? ` ${r.lagSeconds.toFixed(1)} s` : ''}`)
                .join('; '),
            }),
          }
        : {}),
      migrations: async () => {
        const pending = Object.entries(await pendingMigrations(database.db, MIGRATION_OWNERS)).filter(([, n]) => n);
        return pending.length
          ? { ok: false, detail: `pending: ${pending.map(([o, n]) => `${o} ${n}`).join(', ')}` }
          : { ok: true };
      },
      // The sequencer places entries within a second or so; entries waiting a minute mean it is stuck.
      auditSequencer: async () => {
        const [n] = await rows<{ n: number }>(
          database.db,
          sql`select count(*)::int as n from kernel.audit_log where leaf_index is null and at < now() - interval '60 seconds'`,
        );
        return n?.n ? { ok: false, detail: `${n.n} audit entries waiting over 60 s` } : { ok: true };
      },
      // The daily job runs hourly and must have completed within a day (after the first day up): read from the queue's
      // own table, so any process's run counts.
      dailyJob: async () => {
        if (!config.dailyJob) return { ok: true };
        const last = await queue.lastCompleted('daily');
        return Date.now() - Math.max(last?.getTime() ?? 0, started) < 26 * 3600_000
          ? { ok: true }
          : { ok: false, detail: `no successful run since ${last ? last.toISOString() : 'start'}` };
      },
    },
    sites: defaultSites(),
  });
  log(`\n诚信 Chengxin is running at ${url} (Node ${process.version})`);
  log(`  API (tRPC):   ${url}/trpc`);
  log(`  health:       ${url}/healthz (alive), ${url}/readyz (ready for traffic)`);
  if (metricsUrl) log(`  metrics:      ${metricsUrl}`);
  log(`  audit:        ${url}/trpc/kernel.audit.checkpoints (signed checkpoints, public)`);
  log('  演示账号 demo logins (username / password):');
  for (const u of DEMO_USERS) log(`    ${u.username.padEnd(16)} ${u.password}   ${u.displayName}`);
  // The sequencer places committed entries in the tree every few hundred milliseconds (a timer: it is sub-second work,
  // and exclusive across processes by its advisory lock); a grown tree is signed by the checkpoint job, sent at most
  // every CHENGXIN_CHECKPOINT_SECONDS (one job per period whichever process sends it), so an entry is in a signed
  // checkpoint within a few seconds.
  let lastSent = 0;
  let grown = false;
  let busy = false;
  const tick = async () => {
    if (busy) return;
    busy = true;
    try {
      // Only when the tree grew (entries placed since the last send): an unchanged head needs no job.
      if ((await sequenceAudit(database.db)).sequenced > 0) grown = true;
      if (grown && Date.now() - lastSent >= config.checkpointSeconds * 1000) {
        lastSent = Date.now();
        grown = false;
        await queue.send('checkpoint', {}, { singletonKey: 'checkpoint', singletonSeconds: config.checkpointSeconds });
      }
    } catch (e) {
      log(`audit sequencer failed: ${e instanceof Error ? e.message : String(e)}`);
    } finally {
      busy = false;
    }
  };
  // The head this node starts on is signed at once, so the checkpoint feed is never empty after a start; the checkpoint
  // job keeps it current from here.
  await signHead().catch((e: unknown) => log(`checkpoint failed: ${e instanceof Error ? e.message : String(e)}`));
  const timer = setInterval(() => void tick(), config.sequencerMs);
  if (mailer) log('  email:        SMTP configured; inbox messages are also emailed');
  // Graceful: stop accepting, let requests in flight finish, sign the head, then close the pool.
  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    log('停止 stopping: finishing requests in flight…');
    clearInterval(timer);
    await close();
    await limits.close?.();
    // Jobs in flight finish (or are left to another process after their expiry); then the head is signed here.
    await queue.stop().catch((e: unknown) => log(`job queue stop: ${e instanceof Error ? e.message : String(e)}`));
    // Query-log entries still being written in a group are stored before the database closes.
    await drainAccessLog();
    await signHead().catch((e: unknown) => log(`checkpoint failed: ${e instanceof Error ? e.message : String(e)}`));
    await replicas?.close();
    await database.close();
    log('已停止 stopped');
    process.exit(0);
  };
  process.once('SIGINT', () => void stop());
  process.once('SIGTERM', () => void stop());
}
