/**
 * Test helpers for the compiled server: build it (build.mjs) into a folder of its own under apps/server/.test-build,
 * run its CLI, start it and stop it. Used by build.int.test.ts and backup.int.test.ts.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { openDatabase } from '@chengxin/db';
import { adminDatabaseUrl } from '@chengxin/db/testing';

const serverRoot = join(import.meta.dirname, '..');

/** Builds the server into apps/server/.test-build/<name> and returns the path of its cli.mjs. */
export function buildServer(name: string): { cli: string; out: string; output: string } {
  const out = join(serverRoot, '.test-build', name);
  const r = spawnSync(process.execPath, [join(serverRoot, 'build.mjs'), '--out', out], {
    encoding: 'utf8',
    timeout: 120_000,
  });
  if (r.status !== 0) throw new Error(`build failed (${r.status}): ${r.stdout}${r.stderr}`);
  return { cli: join(out, 'cli.mjs'), out, output: r.stdout };
}

/** A clean environment: the variables given, and only what a process needs to run (no test settings leak in). */
export const cleanEnv = (vars: Record<string, string>): NodeJS.ProcessEnv => ({
  PATH: process.env['PATH'] ?? '/usr/bin:/bin',
  HOME: process.env['HOME'] ?? '/tmp',
  ...vars,
});

/** `node <cli> ...args` to its end: exit code and everything it printed. */
export function runCli(cli: string, args: string[], vars: Record<string, string>): { code: number; output: string } {
  const r = spawnSync(process.execPath, [cli, ...args], { env: cleanEnv(vars), encoding: 'utf8', timeout: 300_000 });
  return { code: r.status ?? -1, output: `${r.stdout}${r.stderr}` };
}

export interface RunningServer {
  url: string;
  child: ChildProcess;
  output(): string;
  /** SIGTERM, then the exit code. */
  stop(): Promise<number | null>;
}

/** `node <cli> start` until it prints its URL (PORT=0 picks a free port). */
export function startCompiled(cli: string, vars: Record<string, string>): Promise<RunningServer> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [cli, 'start'], { env: cleanEnv(vars), stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    let resolved = false;
    const exited = new Promise<number | null>((done) => child.once('exit', (code) => done(code)));
    const onData = (c: Buffer) => {
      output += c.toString();
      const m = /is running at (http:\/\/[^\s]+)/.exec(output);
      if (m && !resolved && output.includes('demo logins')) {
        resolved = true;
        resolve({
          url: m[1]!,
          child,
          output: () => output,
          stop: () => {
            child.kill('SIGTERM');
            return exited;
          },
        });
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    void exited.then((code) => {
      if (!resolved) reject(new Error(`the server exited ${code}: ${output}`));
    });
  });
}

/** Runs one statement on TEST_DATABASE_URL's server (create or drop a database). */
async function onServer(statement: string): Promise<void> {
  const admin = await openDatabase({ databaseUrl: adminDatabaseUrl(), maxConnections: 1 });
  try {
    if (admin.native.kind === 'postgres') await admin.native.client.unsafe(statement);
  } finally {
    await admin.close();
  }
}

/** A new, empty PostgreSQL database (on TEST_DATABASE_URL's server) with its URL; `drop()` removes it. */
export async function freshPostgres(): Promise<{ url: string; drop(): Promise<void> }> {
  const name = `chengxin_build_${Date.now().toString(36)}_${randomBytes(4).toString('hex')}`;
  await onServer(`create database ${name}`);
  const url = new URL(adminDatabaseUrl());
  url.pathname = `/${name}`;
  return { url: url.toString(), drop: () => onServer(`drop database if exists ${name} with (force)`) };
}
