import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, rows } from '@chengxin/db';
import { sql } from 'drizzle-orm';

/** `npm start` end to end on the embedded engine: migrate, seed an empty database, serve, print URL and logins. */
describe('chengxin start (embedded PGlite)', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'chengxin-start-'));
  const port = 3100 + Math.floor(Math.random() * 800);
  let child: ChildProcess;
  let output = '';

  const start = () =>
    new Promise<void>((resolve, reject) => {
      child = spawn(process.execPath, ['--import', 'tsx', join(import.meta.dirname, 'cli.ts'), 'start'], {
        env: {
          ...process.env,
          PORT: String(port),
          CHENGXIN_DATA_DIR: dataDir,
          CHENGXIN_DEMO_RECORDS: '120',
          CHENGXIN_DEMO_PERSONS: '300',
          DATABASE_URL: '',
        },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      child.stdout!.on('data', (c: Buffer) => {
        output += c.toString();
        if (/hexi\.reviewer\s+Chengxin@2026/.test(output)) resolve();
      }); // resolves on the banner's last line
      child.stderr!.on('data', (c: Buffer) => {
        output += c.toString();
      });
      child.once('exit', (code) => reject(new Error(`exited ${code}: ${output}`)));
    });

  const stop = () =>
    new Promise<void>((resolve) => {
      child.once('exit', () => resolve());
      child.kill('SIGTERM');
    });

  beforeAll(start, 180_000);
  afterAll(async () => {
    if (child.exitCode === null && child.signalCode === null) await stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('seeds the empty database and prints the URL and the demo logins', () => {
    expect(output).toContain('empty database: seeding demo data');
    expect(output).toContain(`http://127.0.0.1:${port}`);
    expect(output).toMatch(/officer\s+Chengxin@2026/);
  });

  it('serves the API with the demo data behind a login', async () => {
    const health = await fetch(`http://127.0.0.1:${port}/healthz`);
    expect(await health.json()).toMatchObject({ status: 'ok', engine: 'pglite' });
    const login = await fetch(`http://127.0.0.1:${port}/trpc/kernel.auth.login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'viewer', password: 'Chengxin@2026' }),
    });
    const cookie = login.headers.get('set-cookie')!.split(';')[0]!;
    const tree = await fetch(
      `http://127.0.0.1:${port}/trpc/kernel.orgs.tree?input=${encodeURIComponent(JSON.stringify({}))}`,
      { headers: { cookie } },
    );
    const body = (await tree.json()) as { result: { data: { name: string; childCount: number }[] } };
    expect(body.result.data[0]).toMatchObject({ name: '天津市人民政府' });
    expect(body.result.data[0]!.childCount).toBeGreaterThan(16);
  });

  it('runs the daily job on the in-process queue at start: the console lists it completed and /readyz is ready', async () => {
    const login = await fetch(`http://127.0.0.1:${port}/trpc/kernel.auth.login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'admin', password: 'Chengxin@2026' }),
    });
    const cookie = login.headers.get('set-cookie')!.split(';')[0]!;
    const input = encodeURIComponent(JSON.stringify({ kind: 'daily' }));
    for (;;) {
      const r = await fetch(`http://127.0.0.1:${port}/trpc/kernel.jobs.list?input=${input}`, { headers: { cookie } });
      const body = (await r.json()) as { result: { data: { enabled: boolean; items: { state: string }[] } } };
      expect(body.result.data.enabled).toBe(true);
      if (body.result.data.items.some((j) => j.state === 'completed')) break;
      await new Promise((r) => setTimeout(r, 500));
    }
    const ready = await fetch(`http://127.0.0.1:${port}/readyz`);
    expect(await ready.json()).toMatchObject({ status: 'ready', checks: { dailyJob: { ok: true } } });
  }, 120_000);

  it('restarts on the same data without seeding again', async () => {
    await stop();
    output = '';
    await start();
    expect(output).not.toContain('seeding demo data');
    expect(output).toMatch(/kernel \+0\/\d+/);
  }, 180_000);

  const cli = (...args: string[]) =>
    spawnSync(process.execPath, ['--import', 'tsx', join(import.meta.dirname, 'cli.ts'), ...args], {
      env: { ...process.env, CHENGXIN_DATA_DIR: dataDir, DATABASE_URL: '' },
      encoding: 'utf8',
    });

  it('`chengxin audit verify` passes on the demo data', async () => {
    await stop();
    const run = cli('audit', 'verify');
    expect(run.stdout).toContain('校验通过 verified');
    expect(run.stdout).toMatch(/[1-9]\d* signed checkpoint/);
    expect(run.status).toBe(0);
  }, 120_000);

  it('rotates the data key (ID numbers re-encrypted) and the signing key (old checkpoints stay trusted)', async () => {
    const before = await openDatabase({ dataDir: join(dataDir, 'pglite') });
    const [old] = await rows<{ c: string }>(
      before.db,
      sql`select id_number_cipher as c from kernel.person order by id limit 1`,
    );
    await before.close();
    const data = cli('keys', 'rotate-data');
    expect(data.stdout).toMatch(/re-encrypted \d+ ID number/);
    const signing = cli('keys', 'rotate-signing');
    expect(signing.stdout).toMatch(
      /new signing key [0-9a-f]{16}; retired [0-9a-f]{16} \(still trusted\)(; signed #\d+)?/,
    );
    const run = cli('audit', 'verify');
    expect(run.stdout).toContain('校验通过 verified');
    const after = await openDatabase({ dataDir: join(dataDir, 'pglite') });
    const [now] = await rows<{ c: string }>(
      after.db,
      sql`select id_number_cipher as c from kernel.person order by id limit 1`,
    );
    await after.close();
    expect(now!.c).not.toBe(old!.c);
  }, 120_000);

  it('publishes checkpoints outside the database and fails verification against them when the tail is cut', async () => {
    const witness = mkdtempSync(join(tmpdir(), 'chengxin-witness-'));
    const signed = cli('audit', 'checkpoint', '--publish', witness);
    const seq = Number(/published to .*checkpoint-0*(\d+)\.json/.exec(signed.stdout)?.[1]);
    expect(seq).toBeGreaterThan(4);
    // An insider deletes the last entries and the database's checkpoint of them; only the published copy remembers.
    const database = await openDatabase({ dataDir: join(dataDir, 'pglite') });
    const tail = await rows<Record<string, unknown>>(
      database.db,
      sql`select row_to_json(a)::text as j from kernel.audit_log a where leaf_index >= ${seq - 3} order by seq`,
    );
    const marks = await rows<Record<string, unknown>>(
      database.db,
      sql`select * from kernel.audit_checkpoint where seq > ${seq - 3}`,
    );
    await database.db.execute(sql`delete from kernel.audit_log where leaf_index >= ${seq - 3}`);
    await database.db.execute(sql`delete from kernel.audit_checkpoint where seq > ${seq - 3}`);
    await database.close();
    // (Without the published copy the cut log is consistent: libs/kernel/src/audit/tamper.int.test.ts shows that.)
    const run = cli('audit', 'verify', '--checkpoints', witness);
    expect(run.status).toBe(2);
    expect(run.stdout).toContain(`#${seq} truncated`);
    expect(run.stdout).toContain('1 held outside the database');
    const restore = await openDatabase({ dataDir: join(dataDir, 'pglite') });
    for (const r of tail)
      await restore.db.execute(
        sql`insert into kernel.audit_log select * from json_populate_record(null::kernel.audit_log, ${String(r['j'])}::json)`,
      );
    for (const c of marks)
      await restore.db.execute(
        sql`insert into kernel.audit_checkpoint select * from json_populate_record(null::kernel.audit_checkpoint, ${JSON.stringify(c)}::json)`,
      );
    await restore.close();
    rmSync(witness, { recursive: true, force: true });
  }, 300_000);

  it('`chengxin audit verify` names the exact entry after hand-made SQL tampering', async () => {
    const database = await openDatabase({ dataDir: join(dataDir, 'pglite') });
    const [target] = await rows<{ id: string; seq: string }>(
      database.db,
      sql`
      select r.id, (select max(seq) from kernel.audit_log a where a.entity = 'credit_record' and a.entity_id = r.id::text) as seq
      from kernel.credit_record r where r.status = 'published' order by r.id limit 1`,
    );
    // A record quietly un-published, and an audit entry's detail rewritten.
    await database.db.execute(sql`update kernel.credit_record set status = 'revoked' where id = ${target!.id}`);
    await database.db.execute(sql`update kernel.audit_log set detail = '{"count": 1}'::jsonb where seq = 2`);
    await database.close();
    const run = cli('audit', 'verify');
    expect(run.status).toBe(2);
    expect(run.stdout).toContain('#2 detail');
    expect(run.stdout).toContain(`#${target!.seq} record_state`);
    expect(run.stdout).toContain(target!.id);
    expect(run.stdout).toContain('first problem at entry #2');
  }, 120_000);
});
