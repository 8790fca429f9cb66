#!/usr/bin/env -S npx tsx
/**
 * chengxin — start | migrate | seed [--scale N] | import <file> | export … | audit verify | audit checkpoint | keys rotate-data | keys rotate-signing | calendar …
 * `start` migrates, seeds the demo data when the database is empty, and serves API + consoles.
 */
import {
  drainAccessLog,
  createCheckpoint,
  kernelContext,
  mailerFromEnv,
  runAllPluginScans,
  runDailyJob,
  sendPendingEmails,
  verifyAudit,
  listCheckpoints,
  sealAuditMacs,
  publishCheckpoint,
  readCheckpoints,
} from '@chengxin/kernel';
import { isDatabaseEmpty, seedDemo, DEMO_USERS } from '@chengxin/demo';
import { configFromEnv } from './config';
import { listen } from './http';
import { defaultSites } from './static';
import { rotateDataKeyFile, rotateSigningKey } from './keys';
import { openSystem } from './system';
import { exportCommand, importCommand } from './exchange-cli';
import { calendarCommand } from './calendar-cli';

const log = (line: string) => process.stdout.write(`${line}\n`);

function flag(args: string[], name: string): string | undefined {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
}

async function main(argv: string[]): Promise<void> {
  const [command = 'start', ...args] = argv;
  const config = configFromEnv();
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
    const summary = await seedDemo(database.db, system.secrets, { ...(scale ? { records: Number(scale) } : {}), log });
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
    if (sub !== 'verify')
      throw new Error('use: chengxin audit verify [--checkpoints <file|dir|URL>] | audit checkpoint [--publish <dir>]');
    // --checkpoints <file|dir|URL>: copies held outside the database (published files, a witness, the public feed).
    const held = flag(args, '--checkpoints') ?? config.checkpointDir;
    const external = held ? await readCheckpoints(held) : [];
    const report = await verifyAudit(database.db, system.secrets.audit, 20, {
      external,
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
    throw new Error(`unknown command ${command}; use start | migrate | seed | audit verify | audit checkpoint`);
  if (await isDatabaseEmpty(database.db)) {
    log('空数据库：正在生成天津市演示数据 (empty database: seeding demo data)…');
    // Smaller demo sizes for quick runs (the start test); the defaults live in seedDemo.
    const size = (name: string) => (process.env[name] ? Number(process.env[name]) : undefined);
    const summary = await seedDemo(database.db, system.secrets, {
      records: size('CHENGXIN_DEMO_RECORDS'),
      persons: size('CHENGXIN_DEMO_PERSONS'),
      log,
    });
    log(`演示数据 demo data: ${JSON.stringify(summary)}`);
  }
  const { server, url } = await listen({
    database,
    secrets: system.secrets,
    port: config.port,
    host: config.host,
    secure: config.secure,
    trustProxy: config.trustProxy,
    log,
    sites: defaultSites(),
  });
  log(`\n诚信 Chengxin is running at ${url} (Node ${process.version})`);
  log(`  API (tRPC):   ${url}/trpc`);
  log(`  health:       ${url}/healthz`);
  log(`  audit:        ${url}/trpc/kernel.audit.checkpoints (signed checkpoints, public)`);
  log('  演示账号 demo logins (username / password):');
  for (const u of DEMO_USERS) log(`    ${u.username.padEnd(16)} ${u.password}   ${u.displayName}`);
  // Sign the chain head at intervals (and now), so outsiders can keep copies.
  const sign = () =>
    createCheckpoint(database.db, system.secrets.audit)
      .then((c) => {
        if (c && config.checkpointDir) publishCheckpoint(config.checkpointDir, c);
      })
      .catch((e: unknown) => log(`checkpoint failed: ${e instanceof Error ? e.message : String(e)}`));
  await sign();
  const timer = setInterval(sign, config.checkpointMinutes * 60_000);
  // The daily job (publication expiry, archival): at start and then hourly; it runs once per day and catches up.
  const ctx = kernelContext(database.db, system.secrets);
  // Plugins' scans follow the kernel's job on the day it runs (they only propose drafts, once per breach).
  const daily = () =>
    runDailyJob(ctx, ctx.today())
      .then(async (r) => {
        if (r.skipped) return;
        log(`每日任务 daily job ${r.day}: ${r.expired} expired, ${r.archived} archived`);
        for (const scan of await runAllPluginScans(database.db, system.secrets, r.day)) {
          log(
            `  插件扫描 plugin scan ${scan.pluginId}: ${scan.error ? `failed: ${scan.error}` : `${scan.report!.scanned} checked, ${scan.report!.draftsCreated} drafts proposed`}`,
          );
        }
      })
      .catch((e: unknown) => log(`daily job failed: ${e instanceof Error ? e.message : String(e)}`));
  // CHENGXIN_DAILY_JOB=off leaves the job to another process (a benchmark measuring it, or a dedicated worker).
  const jobsOn = process.env['CHENGXIN_DAILY_JOB'] !== 'off';
  if (jobsOn) void daily();
  const dailyTimer = setInterval(() => {
    if (jobsOn) void daily();
  }, 3600_000);
  // Inbox messages also go out by email when SMTP is configured (an outbox, retried every five minutes).
  const mailer = mailerFromEnv();
  const mailTimer = setInterval(() => {
    void sendPendingEmails(database.db, mailer).catch(() => undefined);
  }, 300_000);
  if (mailer) log('  email:        SMTP configured; inbox messages are also emailed');
  const stop = async () => {
    await sign();
    clearInterval(mailTimer);
    clearInterval(timer);
    clearInterval(dailyTimer);
    server.close();
    // Query-log entries still being written in a group are stored before the database closes.
    await drainAccessLog();
    await database.close();
    process.exit(0);
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main(process.argv.slice(2)).catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
