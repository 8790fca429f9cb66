#!/usr/bin/env -S npx tsx
/**
 * chengxin — start | migrate | seed [--scale N] [--force]
 * `start` migrates, seeds the demo data when the database is empty, and serves API + consoles.
 */
import { isDatabaseEmpty, seedDemo, DEMO_USERS } from '@chengxin/kernel/seed';
import { configFromEnv } from './config';
import { listen } from './http';
import { openSystem } from './system';

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
  log(`数据库 database: ${database.location}; migrations: ${system.migrations.map((m) => `${m.owner} +${m.applied}/${m.total}`).join(', ')}`);

  if (command === 'migrate') return database.close();

  if (command === 'seed') {
    const scale = flag(args, '--scale');
    const summary = await seedDemo(database.db, system.secrets, { ...(scale ? { records: Number(scale) } : {}), log });
    log(`seeded: ${JSON.stringify(summary)}`);
    return database.close();
  }

  if (command !== 'start') throw new Error(`unknown command ${command}; use start | migrate | seed`);
  if (await isDatabaseEmpty(database.db)) {
    log('空数据库：正在生成天津市演示数据 (empty database: seeding demo data)…');
    // Smaller demo sizes for quick runs (the start test); the defaults live in seedDemo.
    const size = (name: string) => (process.env[name] ? Number(process.env[name]) : undefined);
    const summary = await seedDemo(database.db, system.secrets, { records: size('CHENGXIN_DEMO_RECORDS'), persons: size('CHENGXIN_DEMO_PERSONS'), log });
    log(`演示数据 demo data: ${JSON.stringify(summary)}`);
  }
  const { server, url } = await listen({ database, secrets: system.secrets, port: config.port, host: config.host, secure: config.secure, log });
  log(`\n诚信 Chengxin is running at ${url}`);
  log(`  API (tRPC):   ${url}/trpc`);
  log(`  health:       ${url}/healthz`);
  log('  演示账号 demo logins (username / password):');
  for (const u of DEMO_USERS) log(`    ${u.username.padEnd(16)} ${u.password}   ${u.displayName}`);
  const stop = async () => {
    server.close();
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
