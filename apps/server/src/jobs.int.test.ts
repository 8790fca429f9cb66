/**
 * The job queue (jobs.ts, pg-boss): the server's own job definitions run on both engines (in-process on PGlite); a
 * failing job is retried with backoff and ends failed with its error, which the console's procedures show and retry
 * (audited). On PostgreSQL, with two queues on separate pools as two server processes would have: a scheduled job
 * runs once per occurrence, and a job whose worker is killed (kill -9) in the middle is finished by the other one after
 * its expiry (set by config).
 */
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { rows } from '@chengxin/db';
import { testEngines } from '@chengxin/db/testing';
import { TEST_SECRETS } from '@chengxin/kernel';
import { testContext } from '@chengxin/kernel/testing';
import { createClient, TRPCClientError } from '@chengxin/client';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { JOB_DEFINITIONS, startJobQueue, type JobDefinition, type JobQueue } from './jobs';
import { createMetrics } from './metrics';
import { startTestServer, TEST_PASSWORD, type TestServer } from './testing';

const quiet = () => undefined;
/** Polls `check` until it returns a value (not a timing assertion: the test's timeout bounds the wait). */
async function until<T>(check: () => Promise<T | null | undefined | false>, everyMs = 200): Promise<T> {
  for (;;) {
    const v = await check();
    if (v) return v;
    await new Promise((r) => setTimeout(r, everyMs));
  }
}

describe.each(testEngines())('the job queue on %s', (engine) => {
  let t: TestServer;
  let queue: JobQueue;
  const metrics = createMetrics();
  const attempts: number[] = [];
  // The console's kinds with a mail job that always fails (SMTP down), beside the server's real definitions.
  const failingMail: JobDefinition = {
    kind: 'mail',
    retry: { limit: 2, delaySeconds: 1, maxDelaySeconds: 2 },
    run() {
      attempts.push(Date.now());
      return Promise.reject(new Error('连接邮件服务器失败 connect ECONNREFUSED 127.0.0.1:25'));
    },
  };

  beforeAll(async () => {
    t = await startTestServer(engine);
    const ctx = testContext(t.database);
    queue = await startJobQueue({
      database: t.database,
      ...(t.database.url ? { databaseUrl: t.database.url } : {}),
      env: { ctx, database: t.database, secrets: TEST_SECRETS, mailer: null, checkpointDir: undefined, log: quiet },
      definitions: [...JOB_DEFINITIONS.filter((d) => d.kind !== 'mail'), failingMail],
      config: { pollSeconds: 0.5, superviseSeconds: 1, schedule: false },
      metrics,
    });
  }, 120_000);
  afterAll(async () => {
    await queue?.stop();
    await t?.close();
  });

  it('runs the server’s own definitions: the daily job, then the day’s plugin scans, checkpoint and export', async () => {
    const daily = await queue.send('daily', {});
    expect(daily).toBeTruthy();
    const done = await until(async () => {
      const j = await queue.view.get('daily', daily!);
      return j && ['completed', 'failed'].includes(j.state) ? j : null;
    });
    expect(done).toMatchObject({ state: 'completed', attempts: 1, error: null });
    const [run] = await rows<{ n: number }>(
      t.database.db,
      sql`select count(*)::int as n from kernel.job_run where job = 'records.schedule' and finished_at is not null`,
    );
    expect(run!.n).toBe(1);
    // The daily job sent the day's plugin scans, and they ran.
    const scans = await until(async () => {
      const [j] = await queue.view.list({ kind: 'plugin-scans', limit: 5 });
      return j?.state === 'completed' ? j : null;
    });
    expect(scans.kind).toBe('plugin-scans');
    for (const kind of ['checkpoint', 'export'] as const) {
      const id = await queue.send(kind, {});
      const j = await until(async () => {
        const x = await queue.view.get(kind, id!);
        return x && ['completed', 'failed'].includes(x.state) ? x : null;
      });
      expect(j, kind).toMatchObject({ state: 'completed', error: null });
    }
    const [checkpoints] = await rows<{ n: number }>(
      t.database.db,
      sql`select count(*)::int as n from kernel.audit_checkpoint`,
    );
    expect(checkpoints!.n).toBeGreaterThan(0);
  }, 120_000);

  it('retries a failing job with backoff, ends failed with its error, and the console lists and retries it (audited)', async () => {
    const id = await queue.send('mail', {});
    const failed = await until(async () => {
      const j = await queue.view.get('mail', id!);
      return j?.state === 'failed' ? j : null;
    });
    expect(failed).toMatchObject({ attempts: 3, maxAttempts: 3 });
    expect(failed.error).toContain('ECONNREFUSED');
    // Three attempts, each retry at least the configured delay after the one before (backoff from 1 s).
    expect(attempts).toHaveLength(3);
    expect(attempts[1]! - attempts[0]!).toBeGreaterThanOrEqual(900);
    expect(attempts[2]! - attempts[1]!).toBeGreaterThanOrEqual(900);

    const admin = createClient(t.url, { username: 'admin', password: TEST_PASSWORD });
    const listed = await admin.kernel.jobs.list.query({ state: 'failed' });
    expect(listed.enabled).toBe(true);
    expect(listed.items.find((j) => j.id === id)).toMatchObject({ kind: 'mail', state: 'failed', attempts: 3 });
    expect(listed.items.find((j) => j.id === id)!.error).toContain('ECONNREFUSED');

    // Not for a viewer; not for a job that is not failed; an unknown id is named.
    const viewer = createClient(t.url, { username: 'viewer', password: TEST_PASSWORD });
    await expect(viewer.kernel.jobs.list.query({})).rejects.toBeInstanceOf(TRPCClientError);
    const other = await queue.send('export', {});
    await until(async () => (await queue.view.get('export', other!))?.state === 'completed');
    await expect(admin.kernel.jobs.retry.mutate({ kind: 'export', id: other! })).rejects.toMatchObject({
      data: { appCode: 'JOB_NOT_FAILED', field: 'id' },
    });
    await expect(
      admin.kernel.jobs.retry.mutate({ kind: 'mail', id: '01900000-0000-7000-8000-00000000beef' }),
    ).rejects.toMatchObject({ data: { appCode: 'JOB_NOT_FOUND' } });
    await expect(admin.kernel.jobs.retry.mutate({ kind: 'mail', id: 'nope' })).rejects.toMatchObject({
      data: { httpStatus: 400 },
    });

    const before = attempts.length;
    const retried = await admin.kernel.jobs.retry.mutate({ kind: 'mail', id: id! });
    expect(['retry', 'active', 'failed']).toContain(retried.state);
    // It runs once more (one more attempt granted) and fails again with the same error.
    await until(async () => attempts.length > before && (await queue.view.get('mail', id!))?.state === 'failed');
    const [audit] = await rows<{ n: number }>(
      t.database.db,
      sql`select count(*)::int as n from kernel.audit_log where action = 'job.retry' and entity = 'background_job' and entity_id = ${id!}`,
    );
    expect(audit!.n).toBe(1);

    // The metrics: every attempt counted by outcome; the failed count read from the queue's table.
    const runs = await metrics.registry.getSingleMetricAsString('chengxin_job_runs_total');
    expect(runs).toContain(`chengxin_job_runs_total{job="mail",outcome="error"} ${attempts.length}`);
    expect(runs).toMatch(/chengxin_job_runs_total\{job="daily",outcome="ok"\} 1/);
    expect(await queue.failedCount()).toBeGreaterThanOrEqual(1);
  }, 120_000);
});

describe.runIf(testEngines().includes('postgres'))('two server processes on one PostgreSQL database', () => {
  let t: TestServer;
  const queues: JobQueue[] = [];
  beforeAll(async () => {
    t = await startTestServer('postgres');
    await t.database.db.execute(
      sql`create table public.job_probe (job_id uuid not null, worker text not null, at timestamptz not null default now())`,
    );
  }, 120_000);
  afterAll(async () => {
    for (const q of queues) await q.stop().catch(() => undefined);
    await t?.close();
  });

  const start = (worker: string, definitions: JobDefinition[], config: Parameters<typeof startJobQueue>[0]['config']) =>
    startJobQueue({
      database: t.database,
      databaseUrl: t.database.url!,
      env: {
        ctx: testContext(t.database),
        database: t.database,
        secrets: TEST_SECRETS,
        mailer: null,
        checkpointDir: undefined,
        log: quiet,
      },
      definitions,
      config: { poolSize: 2, pollSeconds: 0.5, superviseSeconds: 1, ...config },
      attach: false,
    }).then((q) => (queues.push(q), q));

  it('a scheduled job runs exactly once per occurrence across two processes', async () => {
    const probe = (worker: string): JobDefinition => ({
      kind: 'test-cron',
      schedule: { cron: '* * * * *', tz: 'Asia/Shanghai' },
      retry: { limit: 0, delaySeconds: 1, maxDelaySeconds: 1 },
      async run(env, _data, job) {
        await env.database.db.execute(sql`insert into public.job_probe (job_id, worker) values (${job.id}, ${worker})`);
      },
    });
    await start('a', [probe('a')], { cronSeconds: 1 });
    await start('b', [probe('b')], { cronSeconds: 1 });
    // Wait for two occurrences (two minutes), so both processes' clock monitors had each minute to see.
    const ran = await until(async () => {
      const r = await rows<{ job_id: string }>(t.database.db, sql`select job_id::text from public.job_probe`);
      return r.length >= 2 ? r : null;
    }, 1000);
    const jobs = await rows<{ id: string; minute: string }>(
      t.database.db,
      sql`select id::text, date_trunc('minute', created_on)::text as minute from pgboss.job where name = 'test-cron'`,
    );
    const minutes = new Set(jobs.map((j) => j.minute));
    expect(minutes.size, 'one job per minute').toBe(jobs.length);
    const runs = await rows<{ job_id: string; n: number }>(
      t.database.db,
      sql`select job_id::text, count(*)::int as n from public.job_probe group by job_id`,
    );
    expect(
      runs.every((r) => r.n === 1),
      'every job ran once',
    ).toBe(true);
    expect(ran.length).toBe(runs.length);
  }, 200_000);

  it('a job whose process is killed (kill -9) mid-run is finished by the other process after its expiry', async () => {
    // Process A: a real child process whose worker takes the job and blocks until killed.
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', join(import.meta.dirname, 'jobs-fixture.ts'), t.database.url!, '2'],
      { stdio: ['ignore', 'pipe', 'inherit'] },
    );
    let out = '';
    child.stdout!.on('data', (c: Buffer) => (out += c.toString()));
    await until(async () => out.includes('ready'));
    const sender = await start('sender', [], { schedule: false });
    const id = await sender.send('test-block', { n: 1 });
    await until(async () => out.includes(`started ${id}`));
    child.kill('SIGKILL');
    await new Promise((r) => child.once('exit', r));
    // Process B (this one) works the same queue; its supervisor expires A's lease and B runs the job.
    await start(
      'b',
      [
        {
          kind: 'test-block',
          retry: { limit: 2, delaySeconds: 1, maxDelaySeconds: 1 },
          async run(env, _data, job) {
            await env.database.db.execute(sql`insert into public.job_probe (job_id, worker) values (${job.id}, 'b')`);
          },
        },
      ],
      { expireSeconds: 2, schedule: false },
    );
    const [job] = await until(async () => {
      const r = await rows<{ state: string; retry_count: number }>(
        t.database.db,
        sql`select state::text, retry_count from pgboss.job where id = ${id!}::uuid`,
      );
      return r[0]?.state === 'completed' ? r : null;
    });
    expect(job!.retry_count).toBeGreaterThanOrEqual(1);
    const [probe] = await rows<{ worker: string }>(
      t.database.db,
      sql`select worker from public.job_probe where job_id = ${id!}::uuid`,
    );
    expect(probe!.worker).toBe('b');
  }, 120_000);
});
