/**
 * Builds the consoles and the server as `npm start` does (Nx caches the builds, so an unchanged app is not rebuilt)
 * and starts the compiled server — `node apps/server/dist/cli.mjs start`, what production runs — on a fresh embedded
 * database with a smaller demo data set; the tests reach it at inject('baseUrl').
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';

const root = join(import.meta.dirname, '..', '..', '..');

declare module 'vitest' {
  export interface ProvidedContext {
    baseUrl: string;
  }
}

function build(): void {
  const run = spawnSync('npx', ['nx', 'run-many', '-t', 'build', '--output-style=static'], {
    cwd: root,
    stdio: 'inherit',
    env: { ...process.env, NX_NO_CLOUD: 'true', NX_DAEMON: 'false' },
  });
  if (run.status !== 0) throw new Error(`building the consoles and the server failed (exit ${run.status})`);
}

function startServer(dataDir: string): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(process.execPath, ['apps/server/dist/cli.mjs', 'start'], {
    cwd: root,
    env: {
      ...process.env,
      PORT: '0',
      HOST: '127.0.0.1',
      CHENGXIN_DATA_DIR: dataDir,
      DATABASE_URL: '',
      CHENGXIN_DEMO_RECORDS: '600',
      CHENGXIN_DEMO_PERSONS: '800',
    },
    stdio: ['ignore', 'pipe', 'inherit'],
    detached: true,
  });
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const m = /running at (http:\/\/\S+)/.exec(out);
      if (m) resolve({ child, url: m[1]! });
    });
    child.once('exit', (code) =>
      reject(new Error(`chengxin start exited (${code}) before serving:\n${out.slice(-2000)}`)),
    );
  });
}

export default async function setup(project: TestProject) {
  build();
  const dataDir = mkdtempSync(join(tmpdir(), 'chengxin-e2e-'));
  const { child, url } = await startServer(dataDir);
  project.provide('baseUrl', url);
  return () => {
    // The whole process group (the server and anything it started).
    if (child.pid) process.kill(-child.pid, 'SIGTERM');
    rmSync(dataDir, { recursive: true, force: true });
  };
}
