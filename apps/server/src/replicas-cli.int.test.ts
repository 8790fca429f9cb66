/**
 * `chengxin start` with DATABASE_REPLICA_URL, end to end on PostgreSQL with a real streaming replica (started here):
 * the configuration line names the replica, the server logs its state, /readyz lists it, and the public portal's reads
 * are counted as served by it in /metrics. (PGlite has no replicas: the refusal is in client/replicas.int.test.ts.)
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adminDatabaseUrl, createTestDatabase, testEngines, type TestDatabase } from '@chengxin/db/testing';
import { startStreamingReplica, type StreamingReplica } from '@chengxin/db/replica-testing';

const METRICS_TOKEN = 'cli-replica-metrics-token-0123456789';

describe.each(testEngines())('chengxin start with a read replica on %s', (engine) => {
  if (engine === 'pglite') {
    it('refuses DATABASE_REPLICA_URL over the embedded database, naming the variable', async () => {
      const child = spawn(process.execPath, ['--import', 'tsx', join(import.meta.dirname, 'cli.ts'), 'migrate'], {
        env: { ...process.env, DATABASE_URL: '', DATABASE_REPLICA_URL: 'postgres://postgres@127.0.0.1:1/x' },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let output = '';
      child.stdout.on('data', (c: Buffer) => (output += c.toString()));
      child.stderr.on('data', (c: Buffer) => (output += c.toString()));
      const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
      expect(code).toBe(1);
      expect(output).toMatch(/DATABASE_REPLICA_URL needs DATABASE_URL/);
    });
    return;
  }

  const dataDir = mkdtempSync(join(tmpdir(), 'chengxin-replica-start-'));
  const port = 3100 + Math.floor(Math.random() * 800);
  const base = `http://127.0.0.1:${port}`;
  let primary: TestDatabase;
  let replica: StreamingReplica;
  let child: ChildProcess;
  let output = '';

  beforeAll(async () => {
    primary = await createTestDatabase('postgres');
    replica = await startStreamingReplica();
    const url = new URL(adminDatabaseUrl());
    url.pathname = new URL(primary.location).pathname;
    await new Promise<void>((resolve, reject) => {
      child = spawn(process.execPath, ['--import', 'tsx', join(import.meta.dirname, 'cli.ts'), 'start'], {
        env: {
          ...process.env,
          PORT: String(port),
          CHENGXIN_DATA_DIR: dataDir,
          CHENGXIN_DEMO_RECORDS: '60',
          CHENGXIN_DEMO_PERSONS: '100',
          CHENGXIN_DAILY_JOB: 'off',
          CHENGXIN_METRICS_TOKEN: METRICS_TOKEN,
          DATABASE_URL: url.toString(),
          DATABASE_REPLICA_URL: replica.url(url.pathname.slice(1)),
          REPLICA_MAX_LAG_SECONDS: '30',
          REPLICA_CHECK_MS: '200',
        },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      child.stdout!.on('data', (c: Buffer) => {
        output += c.toString();
        if (/audit: /.test(output)) resolve();
      });
      child.stderr!.on('data', (c: Buffer) => (output += c.toString()));
      child.once('exit', (code) => reject(new Error(`exited ${code}: ${output}`)));
    });
  }, 300_000);
  afterAll(async () => {
    if (child && child.exitCode === null && child.signalCode === null) {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
    }
    await replica?.dispose();
    await primary?.dispose();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('names the replica in its configuration, reports it ready, and serves the portal from it', async () => {
    expect(output).toMatch(/replicas postgres:\/\/[^ ]+:\d+\/chengxin_test_\w+ \(max lag 30 s, checked every 200 ms\)/);
    expect(output).toMatch(/只读副本 replica postgres:\/\/\S+: (ok|lagging)/);
    // The replica replays the demo data the start just wrote; once current, /readyz says so.
    let ready: { status: string; checks: Record<string, { ok: boolean; detail?: string }> } | undefined;
    for (let i = 0; i < 300; i++) {
      ready = (await (await fetch(`${base}/readyz`)).json()) as typeof ready;
      if (/ ok /.test(`${ready!.checks['replicas']?.detail} `)) break;
      await new Promise((r) => setTimeout(r, 100));
    }
    expect(ready!.checks['replicas']).toMatchObject({
      ok: true,
      detail: expect.stringMatching(/:\d+\/chengxin_test_\w+ ok/),
    });
    const search = await fetch(
      `${base}/trpc/kernel.public.search?input=${encodeURIComponent(JSON.stringify({ q: '天津' }))}`,
    );
    expect(search.status).toBe(200);
    const metrics = await (
      await fetch(`${base}/metrics`, { headers: { authorization: `Bearer ${METRICS_TOKEN}` } })
    ).text();
    expect(Number(/^chengxin_db_reads_total\{target="replica"\} (\d+)/m.exec(metrics)?.[1] ?? 0)).toBeGreaterThan(0);
    expect(metrics).toMatch(/^chengxin_replica_usable\{replica="[^"]+"\} 1$/m);
    expect(metrics).toMatch(/^chengxin_replica_lag_seconds\{replica="[^"]+"\} [\d.e-]+$/m);
  });
});
