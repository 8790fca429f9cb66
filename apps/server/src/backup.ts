/**
 * `chengxin backup [--out <dir>]` and `chengxin restore <file> [--force]` (docs/DEPLOYMENT.md, "Backup and restore").
 *
 * PostgreSQL: `pg_dump --format=custom` inside a repeatable-read transaction whose snapshot it shares
 * (`pg_export_snapshot`), so the row counts written beside the dump are the dump's own — safe while servers run.
 * Restore is `pg_restore` into an empty database (the one DATABASE_URL names), all or nothing.
 * PGlite: a tar of the data directory (`pglite/` and `keys/`) — stop the server first, as for every CLI command on the
 * embedded database; restore unpacks it into CHENGXIN_DATA_DIR.
 *
 * Every backup writes `<file>.json` beside it: engine, time and the row count of every table. Restore recounts and
 * compares; a difference is exit code 2. The keys of a PostgreSQL deployment are not in its dump (they are not in the
 * database by design): keep CHENGXIN_DATA_KEY and the signing key (or the key folder) with the backups, separately.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { openDatabase, rows, type Db } from '@chengxin/db';
import { sql } from 'drizzle-orm';
import type { ServerConfig } from './config';

export interface BackupManifest {
  engine: 'postgres' | 'pglite';
  createdAt: string;
  /** `schema.table` → rows, every base table outside the system schemas. */
  counts: Record<string, number>;
}

const stamp = () => new Date().toISOString().replace(/[:.]/g, '-');

function flag(args: string[], name: string): string | undefined {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
}

/** Runs a tool (pg_dump, pg_restore, tar), its output passed through; rejects with its stderr on a non-zero exit. */
function run(command: string, args: string[]): Promise<void> {
  return new Promise((done, fail) => {
    const child = spawn(command, args, { stdio: ['ignore', 'inherit', 'pipe'] });
    let err = '';
    child.stderr.on('data', (c: Buffer) => (err += c.toString()));
    child.once('error', (e) => fail(new Error(`${command}: ${e.message} (is it installed?)`)));
    child.once('exit', (code) => (code === 0 ? done() : fail(new Error(`${command} exited ${code}: ${err.trim()}`))));
  });
}

/** Row count of every base table (kernel and plugin schemas alike). */
export async function tableCounts(db: Db): Promise<Record<string, number>> {
  const tables = await rows<{ s: string; t: string }>(
    db,
    sql`select table_schema as s, table_name as t from information_schema.tables
        where table_type = 'BASE TABLE' and table_schema not in ('pg_catalog', 'information_schema')
          and table_schema not like 'pg\\_%' order by 1, 2`,
  );
  const counts: Record<string, number> = {};
  for (const { s, t } of tables) {
    const [r] = await rows<{ n: number }>(
      db,
      sql`select count(*)::int as n from ${sql.identifier(s)}.${sql.identifier(t)}`,
    );
    counts[`${s}.${t}`] = r?.n ?? 0;
  }
  return counts;
}

/** The tables whose counts differ (or exist on one side only), as `name: expected → found`. */
export function countDifferences(expected: Record<string, number>, found: Record<string, number>): string[] {
  const names = [...new Set([...Object.keys(expected), ...Object.keys(found)])].sort();
  return names
    .filter((n) => expected[n] !== found[n])
    .map((n) => `${n}: ${expected[n] ?? 'missing'} → ${found[n] ?? 'missing'}`);
}

const PGLITE_PARTS = ['pglite', 'keys'];

export async function backupCommand(config: ServerConfig, args: string[], log: (l: string) => void): Promise<number> {
  const out = resolve(flag(args, '--out') ?? join(config.dataDir, 'backups'));
  mkdirSync(out, { recursive: true });
  let file: string;
  let manifest: BackupManifest;
  if (config.databaseUrl) {
    file = join(out, `chengxin-${stamp()}.dump`);
    const database = await openDatabase({ databaseUrl: config.databaseUrl, maxConnections: 1 });
    try {
      if (database.native.kind !== 'postgres') throw new Error('expected PostgreSQL');
      const client = database.native.client;
      // The dump and the counts read one snapshot: the transaction stays open until pg_dump is done.
      const counts = await client.begin('isolation level repeatable read read only', async (tx) => {
        const [{ snapshot }] = (await tx`select pg_export_snapshot() as snapshot`) as unknown as [{ snapshot: string }];
        const tables = (await tx`select table_schema as s, table_name as t from information_schema.tables
            where table_type = 'BASE TABLE' and table_schema not in ('pg_catalog', 'information_schema')
              and table_schema not like 'pg\\_%' order by 1, 2`) as unknown as { s: string; t: string }[];
        const c: Record<string, number> = {};
        for (const { s, t } of tables) {
          const [r] = (await tx`select count(*)::int as n from ${tx(s)}.${tx(t)}`) as unknown as [{ n: number }];
          c[`${s}.${t}`] = r.n;
        }
        await run('pg_dump', [
          '--format=custom',
          '--no-owner',
          '--no-privileges',
          `--snapshot=${snapshot}`,
          `--file=${file}`,
          `--dbname=${config.databaseUrl}`,
        ]);
        return c;
      });
      manifest = { engine: 'postgres', createdAt: new Date().toISOString(), counts };
    } finally {
      await database.close();
    }
  } else {
    const pglite = join(config.dataDir, 'pglite');
    if (!existsSync(join(pglite, 'PG_VERSION'))) throw new Error(`no PGlite database in ${pglite}`);
    file = join(out, `chengxin-pglite-${stamp()}.tar.gz`);
    const database = await openDatabase({ dataDir: pglite });
    let counts: Record<string, number>;
    try {
      counts = await tableCounts(database.db);
    } finally {
      await database.close();
    }
    const parts = PGLITE_PARTS.filter((p) => existsSync(join(config.dataDir, p)));
    await run('tar', ['-czf', file, '-C', config.dataDir, ...parts]);
    manifest = { engine: 'pglite', createdAt: new Date().toISOString(), counts };
  }
  writeFileSync(`${file}.json`, `${JSON.stringify(manifest, null, 2)}\n`);
  const total = Object.values(manifest.counts).reduce((a, b) => a + b, 0);
  log(
    `备份 backup: ${file} (${Object.keys(manifest.counts).length} tables, ${total} rows; counts in ${basename(file)}.json)`,
  );
  if (manifest.engine === 'postgres')
    log('  keys are not in the dump: keep CHENGXIN_DATA_KEY and the signing key (or the key folder) with it, apart');
  return 0;
}

export async function restoreCommand(config: ServerConfig, args: string[], log: (l: string) => void): Promise<number> {
  const source = args.find((a) => !a.startsWith('--'));
  if (!source) throw new Error('use: chengxin restore <backup file> [--force]');
  const file = resolve(source);
  if (!existsSync(file)) throw new Error(`no such backup: ${file}`);
  const force = args.includes('--force');
  const manifest = existsSync(`${file}.json`)
    ? (JSON.parse(readFileSync(`${file}.json`, 'utf8')) as BackupManifest)
    : null;
  const isDump = file.endsWith('.dump');
  let counts: Record<string, number>;
  if (isDump) {
    if (!config.databaseUrl) throw new Error('a .dump restores into PostgreSQL: set DATABASE_URL to an empty database');
    const database = await openDatabase({ databaseUrl: config.databaseUrl, maxConnections: 1 });
    try {
      const [k] = await rows<{ n: number }>(
        database.db,
        sql`select count(*)::int as n from information_schema.schemata where schema_name = 'kernel'`,
      );
      if (k?.n && !force)
        throw new Error(
          'the target database is not empty (it has the kernel schema): restore into a new database, or --force',
        );
    } finally {
      await database.close();
    }
    await run('pg_restore', [
      '--no-owner',
      '--no-privileges',
      '--exit-on-error',
      '--single-transaction',
      ...(force ? ['--clean', '--if-exists'] : []),
      `--dbname=${config.databaseUrl}`,
      file,
    ]);
    const restored = await openDatabase({ databaseUrl: config.databaseUrl, maxConnections: 1 });
    try {
      counts = await tableCounts(restored.db);
    } finally {
      await restored.close();
    }
  } else {
    if (config.databaseUrl) throw new Error('a PGlite archive restores into CHENGXIN_DATA_DIR: unset DATABASE_URL');
    mkdirSync(config.dataDir, { recursive: true });
    const present = PGLITE_PARTS.filter(
      (p) => existsSync(join(config.dataDir, p)) && readdirSync(join(config.dataDir, p)).length,
    );
    if (present.length && !force)
      throw new Error(
        `${config.dataDir} already holds ${present.join(' and ')}: restore into an empty data directory, or --force`,
      );
    for (const p of present) renameSync(join(config.dataDir, p), join(config.dataDir, `${p}.replaced-${stamp()}`));
    await run('tar', ['-xzf', file, '-C', config.dataDir]);
    const database = await openDatabase({ dataDir: join(config.dataDir, 'pglite') });
    try {
      counts = await tableCounts(database.db);
    } finally {
      await database.close();
    }
  }
  const total = Object.values(counts).reduce((a, b) => a + b, 0);
  log(
    `恢复 restore: ${file} → ${isDump ? 'PostgreSQL' : join(config.dataDir, 'pglite')} (${Object.keys(counts).length} tables, ${total} rows)`,
  );
  if (!manifest) {
    log('  no manifest beside the backup: row counts not compared');
    return 0;
  }
  const diff = countDifferences(manifest.counts, counts);
  if (diff.length) {
    for (const d of diff) log(`  ✗ ${d}`);
    log(`✗ 行数不符 row counts differ from the backup's manifest in ${diff.length} table(s)`);
    return 2;
  }
  log(`✓ 行数一致 row counts match the backup's manifest (${dirname(file)}); next: chengxin audit verify`);
  return 0;
}
