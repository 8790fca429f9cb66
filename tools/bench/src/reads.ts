import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { rows, type Database } from '@chengxin/db';
import { createUser, kernelContext, type Secrets, systemActor } from '@chengxin/kernel';
import { listen } from '@chengxin/server';
import { createClient } from '@chengxin/client';
import { sql } from 'drizzle-orm';

const CONCURRENCY = 8;

/** Runs `n` jobs with `concurrency` workers; returns elapsed ms and each job's latency. */
async function pool(n: number, concurrency: number, job: (i: number) => Promise<void>) {
  const latencies: number[] = [];
  let next = 0;
  const t0 = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < n) {
        const i = next++;
        const s = performance.now();
        await job(i);
        latencies.push(performance.now() - s);
      }
    }),
  );
  return { ms: performance.now() - t0, latencies: latencies.sort((a, b) => a - b) };
}

const pct = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))] ?? 0;

/** The statements `kernel.files.get` runs for a person (subject with tenures, records, events), as plain SQL. */
async function rawFile(database: Database, personId: string) {
  const q = (text: string, params: unknown[]) =>
    database.native.kind === 'postgres'
      ? database.native.client.unsafe(text, params as never[], { prepare: true })
      : database.native.client.query(text, params);
  await q(
    `select p.id, p.name, p.gender, p.birth_date::text, p.id_number_masked,
             coalesce((select json_agg(json_build_object('id', t.id, 'orgId', t.org_id, 'orgName', o.name, 'postTitle', po.title, 'principal', po.principal,
                                                         'startDate', t.start_date::text, 'endDate', t.end_date::text) order by t.start_date desc)
                       from kernel.tenure t join kernel.post po on po.id = t.post_id join kernel.org_unit o on o.id = t.org_id
                       where t.person_id = p.id), '[]'::json) as tenures
           from kernel.person p where p.id = $1`,
    [personId],
  );
  const recs = await q(
    `select r.*, o.name as org_name, p.name as person_name from kernel.current_record r
           join kernel.org_unit o on o.id = r.org_id left join kernel.person p on p.id = r.person_id
           where r.person_id = $1 order by r.decision_date desc, r.id desc limit 1000`,
    [personId],
  );
  const list = (Array.isArray(recs) ? recs : (recs as { rows: unknown[] }).rows) as { id: string }[];
  await q(
    `select record_id, from_status, to_status, at from kernel.record_event where record_id = any($1::uuid[]) order by id`,
    [list.map((r) => r.id)],
  );
}

export async function readBench(database: Database, secrets: Secrets, n: number, log: (l: string) => void) {
  const ctx = kernelContext(database.db, secrets, systemActor('01900000-0000-7000-8000-00000000b002', 'bench'));
  await createUser(ctx, {
    username: 'bench.reader',
    displayName: 'bench',
    password: 'bench-password-1',
    orgId: null,
    grants: [{ role: 'viewer', scopeOrgId: null, plugins: null }],
  });
  const ids = (
    await rows<{ id: string }>(database.db, sql`select id from kernel.person order by md5(id::text) limit ${n}`)
  ).map((r) => r.id);
  const { url, stop } = await startServer(database, secrets);
  try {
    const client = createClient(url, { username: 'bench.reader', password: 'bench-password-1' }, { maxBatch: 1 });
    await fetch(`${url}/healthz`)
      .then((r) => r.text())
      .catch((e: unknown) => {
        throw new Error(`server at ${url} unreachable: ${String((e as Error).cause ?? e)}`);
      });
    await client.kernel.files.get.query({ subject: { kind: 'person', personId: ids[0]! } }); // warm up: login, plans
    const warm = Math.min(200, ids.length);
    await pool(warm, CONCURRENCY, (i) => rawFile(database, ids[i]!));
    const raw = await pool(ids.length, CONCURRENCY, (i) => rawFile(database, ids[i]!));
    const http = await pool(ids.length, CONCURRENCY, async (i) => {
      const file = await client.kernel.files.get.query({ subject: { kind: 'person', personId: ids[i]! } });
      if (file.subject.kind !== 'person') throw new Error('wrong file');
    });
    const sqlRate = Math.round((ids.length / raw.ms) * 1000);
    const httpRate = Math.round((ids.length / http.ms) * 1000);
    log(
      `  integrity files, raw SQL: ${sqlRate.toLocaleString('en')}/s; over HTTP: ${httpRate.toLocaleString('en')}/s (${((httpRate / sqlRate) * 100).toFixed(1)} %), p50 ${pct(http.latencies, 0.5).toFixed(1)} ms, p95 ${pct(http.latencies, 0.95).toFixed(1)} ms`,
    );
    return {
      sqlRate,
      httpRate,
      p50: pct(http.latencies, 0.5),
      p95: pct(http.latencies, 0.95),
      concurrency: CONCURRENCY,
    };
  } finally {
    await stop();
  }
}

/**
 * PostgreSQL: the server runs as its own process (`chengxin start`), as in production, so the load generator does
 * not share its event loop. PGlite is embedded in one process by nature, so there it is served in-process.
 */
async function startServer(database: Database, secrets: Secrets): Promise<{ url: string; stop: () => Promise<void> }> {
  if (database.kind === 'pglite') {
    const { url, close } = await listen({ database, secrets, port: 0, host: '127.0.0.1' });
    return { url, stop: close };
  }
  const port = 3900 + Math.floor(Math.random() * 90);
  const root = join(import.meta.dirname, '..', '..', '..');
  const child: ChildProcess = spawn(
    process.execPath,
    ['--import', 'tsx', join(root, 'apps/server/src/cli.ts'), 'start'],
    {
      cwd: root,
      env: {
        ...process.env,
        DATABASE_URL: database.location.replace('***', ''),
        PORT: String(port),
        CHENGXIN_DATA_KEY: 'ab'.repeat(32),
        CHENGXIN_DAILY_JOB: 'off',
      },
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  await new Promise<void>((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`server exited with ${code}`)));
    child.stdout!.on('data', (chunk: Buffer) => {
      if (chunk.toString().includes('is running at')) resolve();
    });
  });
  return {
    url: `http://127.0.0.1:${port}`,
    stop: async () => {
      child.kill('SIGTERM');
    },
  };
}
