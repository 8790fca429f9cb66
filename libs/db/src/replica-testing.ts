/**
 * A real streaming replica of the test PostgreSQL server, for the read-replica tests: `pg_basebackup -R` into a
 * temporary directory, its own small postgresql.conf and pg_hba.conf on a free port, `pg_ctl start`, then wait until it
 * is in recovery and has replayed what the primary had. Stopped and removed by `dispose()`.
 *
 * Needs the PostgreSQL server binaries on this machine (PG_BIN, default /usr/lib/postgresql/<major>/bin) and a
 * `replication` entry in the primary's pg_hba.conf for 127.0.0.1 (.ci/run adds one). Run as root, the server
 * commands run as the `postgres` user (PostgreSQL refuses to run as root).
 */
import { execFile, execFileSync } from 'node:child_process';
import { chmodSync, chownSync, existsSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import postgres from 'postgres';
import { lsnBytes } from './replicas';
import { adminDatabaseUrl } from './testing';

const run = promisify(execFile);

export interface StreamingReplica {
  port: number;
  /** The replica's URL for a database (default: the admin URL's database). */
  url(database?: string): string;
  /** Stops replaying WAL (it still receives it): the replica stays up but falls behind. */
  pauseReplay(): Promise<void>;
  resumeReplay(): Promise<void>;
  /** Waits until the replica has replayed everything the primary had when this was called. */
  caughtUp(timeoutMs?: number): Promise<void>;
  /** Stops the server (fast shutdown); `start()` starts it again on the same port. */
  stop(): Promise<void>;
  start(): Promise<void>;
  /** Stops it and removes its directory. */
  dispose(): Promise<void>;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

const asRoot = process.getuid?.() === 0;

export async function startStreamingReplica(): Promise<StreamingReplica> {
  const primaryUrl = new URL(adminDatabaseUrl());
  const admin = postgres(primaryUrl.toString(), { max: 1, onnotice: () => undefined });
  try {
    const [v] = await admin<{ major: string }[]>`select current_setting('server_version_num')::int / 10000 as major`;
    const bin = process.env['PG_BIN'] ?? `/usr/lib/postgresql/${v!.major}/bin`;
    if (!existsSync(join(bin, 'pg_ctl')))
      throw new Error(`PostgreSQL server binaries not found in ${bin} (set PG_BIN)`);
    const [hba] = await admin<{ n: number }[]>`
      select count(*)::int as n from pg_hba_file_rules
      where type <> 'local' and 'replication' = any(database) and error is null`;
    if (!hba?.n)
      throw new Error(
        'the test PostgreSQL server has no pg_hba.conf entry for replication connections: add ' +
          '"host replication all 127.0.0.1/32 trust" and reload (.ci/run does)',
      );
    // A hot standby needs these at least as high as its primary's.
    const settings = await admin<{ name: string; setting: string }[]>`
      select name, setting from pg_settings
      where name in ('max_connections', 'max_worker_processes', 'max_wal_senders', 'max_prepared_transactions',
                     'max_locks_per_transaction')`;

    const dir = mkdtempSync(join(tmpdir(), 'chengxin-replica-'));
    const data = join(dir, 'data');
    const port = await freePort();
    const as = async (cmd: string, args: string[]) => {
      const full = join(bin, cmd);
      // The primary's password, if its URL has one (pg_basebackup -R also writes it into primary_conninfo).
      const options = primaryUrl.password
        ? { env: { ...process.env, PGPASSWORD: decodeURIComponent(primaryUrl.password) } }
        : {};
      return asRoot ? run('runuser', ['-u', 'postgres', '--', full, ...args], options) : run(full, args, options);
    };
    if (asRoot) {
      const { stdout } = await run('id', ['-u', 'postgres']);
      const { stdout: gid } = await run('id', ['-g', 'postgres']);
      chownSync(dir, Number(stdout.trim()), Number(gid.trim()));
    }
    chmodSync(dir, 0o700);
    const env = { host: primaryUrl.hostname, port: primaryUrl.port || '5432', user: primaryUrl.username || 'postgres' };
    // -R writes standby.signal and primary_conninfo; -c fast does not wait for the next checkpoint.
    const failed = (error: unknown) => {
      rmSync(dir, { recursive: true, force: true });
      throw error;
    };
    await as('pg_basebackup', [
      '-h',
      env.host,
      '-p',
      env.port,
      '-U',
      env.user,
      '-D',
      data,
      '-R',
      '-X',
      'stream',
      '-c',
      'fast',
    ]).catch(failed);
    // The Debian cluster keeps its configuration outside the data directory: the replica gets its own.
    const conf = [
      `port = ${port}`,
      `listen_addresses = '127.0.0.1'`,
      `unix_socket_directories = '${dir}'`,
      `hot_standby = on`,
      `shared_buffers = '16MB'`,
      `fsync = off`,
      `logging_collector = off`,
      ...settings.map((s) => `${s.name} = ${s.setting}`),
    ];
    const write = (name: string, text: string) => {
      writeFileSync(join(data, name), text);
      if (asRoot) chownSync(join(data, name), ...ownerOf(data));
    };
    write('postgresql.conf', `${conf.join('\n')}\n`);
    write('pg_hba.conf', 'local all all trust\nhost all all 127.0.0.1/32 trust\n');
    const log = join(dir, 'server.log');
    const start = async () => {
      // On the command line too, so that nothing in the copied postgresql.auto.conf can move it onto the primary's port.
      const opts = `-p ${port} -c listen_addresses=127.0.0.1 -c unix_socket_directories=${dir}`;
      await as('pg_ctl', ['-D', data, '-l', log, '-o', opts, '-w', '-t', '60', 'start']);
    };
    const stop = async () => {
      await as('pg_ctl', ['-D', data, '-m', 'fast', '-w', '-t', '60', 'stop']).catch(() => undefined);
    };
    await start().catch(async (error: unknown) => {
      await stop();
      failed(error);
    });
    // A test process that ends without dispose() (killed, crashed) must not leave a server holding a WAL sender of the
    // shared primary: stopped at exit, best effort.
    const atExit = () => {
      try {
        const args = [join(bin, 'pg_ctl'), '-D', data, '-m', 'immediate', 'stop'];
        if (asRoot) execFileSync('runuser', ['-u', 'postgres', '--', ...args], { stdio: 'ignore' });
        else execFileSync(args[0]!, args.slice(1), { stdio: 'ignore' });
      } catch {
        // already stopped
      }
      rmSync(dir, { recursive: true, force: true });
    };
    process.once('exit', atExit);

    const replicaUrl = (database?: string) => {
      const u = new URL(primaryUrl.toString());
      u.port = String(port);
      if (database) u.pathname = `/${database}`;
      return u.toString();
    };
    const onReplica = async <T>(fn: (sql: postgres.Sql) => Promise<T>): Promise<T> => {
      const sql = postgres(replicaUrl(), { max: 1, onnotice: () => undefined });
      try {
        return await fn(sql);
      } finally {
        await sql.end();
      }
    };
    const caughtUp = async (timeoutMs = 60_000) => {
      const target = await onPrimary((sql) => sql<{ lsn: string }[]>`select pg_current_wal_lsn()::text as lsn`);
      const goal = lsnBytes(target[0]!.lsn);
      const until = Date.now() + timeoutMs;
      for (;;) {
        const [row] = await onReplica(
          (sql) =>
            sql<{ recovery: boolean; replayed: string | null }[]>`
              select pg_is_in_recovery() as recovery, pg_last_wal_replay_lsn()::text as replayed`,
        ).catch(() => [undefined]);
        if (row?.recovery && row.replayed && lsnBytes(row.replayed) >= goal) return;
        if (Date.now() > until) throw new Error(`the replica on port ${port} did not catch up within ${timeoutMs} ms`);
        await new Promise((r) => setTimeout(r, 100));
      }
    };
    const onPrimary = async <T>(fn: (sql: postgres.Sql) => Promise<T>): Promise<T> => {
      const sql = postgres(primaryUrl.toString(), { max: 1, onnotice: () => undefined });
      try {
        return await fn(sql);
      } finally {
        await sql.end();
      }
    };
    await caughtUp();
    return {
      port,
      url: replicaUrl,
      pauseReplay: () => onReplica((sql) => sql`select pg_wal_replay_pause()`).then(() => undefined),
      resumeReplay: () => onReplica((sql) => sql`select pg_wal_replay_resume()`).then(() => undefined),
      caughtUp,
      stop,
      start,
      async dispose() {
        process.removeListener('exit', atExit);
        await stop();
        rmSync(dir, { recursive: true, force: true });
      },
    };
  } finally {
    await admin.end();
  }
}

function ownerOf(path: string): [number, number] {
  const s = statSync(path);
  return [s.uid, s.gid];
}
