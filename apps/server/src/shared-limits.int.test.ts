import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rows } from '@chengxin/db';
import { adminDatabaseUrl, createTestDatabase, type TestDatabase } from '@chengxin/db/testing';
import { sql } from 'drizzle-orm';
import { createUser, kernelContext, loadSecrets } from '@chengxin/kernel';
import { buildFixture, testAdmin } from '@chengxin/kernel/testing';

/**
 * Two real server processes (`chengxin start`) over one PostgreSQL database, as behind one load-balanced address: a
 * client alternates between them. Rate limits, login throttling and sessions hold across both, with the limits counted
 * in the database (the default) and in Redis (REDIS_URL). PostgreSQL only: embedded PGlite is one process by nature.
 */
const REDIS_URL = process.env['TEST_REDIS_URL'] ?? 'redis://127.0.0.1:6379';
const PASSWORD = 'test-password-123';
const READS_PER_MINUTE = 6;
const METRICS_TOKEN = 'shared-limits-metrics-token-0123456789';
const CLI = join(import.meta.dirname, 'cli.ts');
/** Addresses of this run only: parallel runs share one Redis. */
const someAddress = () => `10.${[0, 0, 0].map(() => Math.floor(Math.random() * 250) + 1).join('.')}`;

function run(env: NodeJS.ProcessEnv, args: string[], until?: RegExp) {
  let output = '';
  const child = spawn(process.execPath, ['--import', 'tsx', CLI, ...args], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const done = new Promise<string>((resolve, reject) => {
    child.stdout.on('data', (c: Buffer) => {
      output += c.toString();
      if (until?.test(output)) resolve(output);
    });
    child.stderr.on('data', (c: Buffer) => void (output += c.toString()));
    child.once('exit', (code) =>
      code === 0 && !until ? resolve(output) : reject(new Error(`exited ${code}: ${output}`)),
    );
  });
  return { child, done };
}

const stop = (child: ChildProcess) =>
  new Promise<void>((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
  });

const appCode = async (res: Response) => JSON.stringify(await res.json()).match(/"appCode":"(\w+)"/)?.[1];

describe.each([
  { store: 'PostgreSQL', redis: false },
  { store: 'Redis', redis: true },
])('two server processes with the limits in $store', ({ redis }) => {
  let database: TestDatabase;
  const dataDir = mkdtempSync(join(tmpdir(), 'chengxin-shared-'));
  const children: ChildProcess[] = [];
  const urls: string[] = [];
  let victimId = '';

  beforeAll(async () => {
    database = await createTestDatabase('postgres');
    const databaseUrl = `${adminDatabaseUrl().replace(/\/[^/]*$/, '')}/${(await rows<{ name: string }>(database.db, sql`select current_database() as name`))[0]!.name}`;
    const env: NodeJS.ProcessEnv = {
      DATABASE_URL: databaseUrl,
      CHENGXIN_DATA_DIR: dataDir,
      PORT: '0',
      CHENGXIN_TRUST_PROXY: '1',
      CHENGXIN_DAILY_JOB: 'off',
      CHENGXIN_PUBLIC_READS_PER_MINUTE: String(READS_PER_MINUTE),
      CHENGXIN_METRICS_TOKEN: METRICS_TOKEN,
      LOG_LEVEL: 'warn',
      REDIS_URL: redis ? REDIS_URL : '',
    };
    // Migrate (and create the data key) once; then the users, under that key, so `start` finds data and seeds none.
    await run(env, ['migrate']).done;
    const ctx = kernelContext(database.db, loadSecrets(join(dataDir, 'keys', 'data.key')), testAdmin);
    await buildFixture(ctx);
    for (const [username, role] of [
      ['admin', 'admin'],
      ['victim', 'viewer'],
    ] as const) {
      const user = await createUser(ctx, {
        username,
        displayName: username,
        password: PASSWORD,
        orgId: null,
        grants: [{ role, scopeOrgId: null, plugins: null }],
      });
      if (username === 'victim') victimId = user.id;
    }
    for (let i = 0; i < 2; i++) {
      const server = run(env, ['start'], /is running at (http:\/\/\S+)[\s\S]*演示账号/);
      children.push(server.child);
      const output = await server.done;
      expect(output).toContain(redis ? 'rate limits redis redis://127.0.0.1:6379' : 'rate limits database');
      urls.push(output.match(/is running at (http:\/\/\S+)/)![1]!);
    }
  }, 240_000);

  afterAll(async () => {
    await Promise.all(children.map(stop));
    await database?.dispose();
    rmSync(dataDir, { recursive: true, force: true });
  }, 60_000);

  /** The i-th request goes to process i mod 2, as a round-robin balancer would send it. */
  const at = (i: number) => urls[i % 2]!;
  const login = (url: string, from: string, username: string, password: string) =>
    fetch(`${url}/trpc/kernel.auth.login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-forwarded-for': from },
      body: JSON.stringify({ username, password }),
    });
  const session = (res: Response) => {
    const cookies = Object.fromEntries(
      res.headers.getSetCookie().map((c) => c.split(';')[0]!.split('=') as [string, string]),
    );
    return { cookie: `cx_session=${cookies['cx_session']}; cx_csrf=${cookies['cx_csrf']}`, csrf: cookies['cx_csrf']! };
  };
  const me = async (url: string, cookie: string) =>
    (
      (await (await fetch(`${url}/trpc/kernel.auth.me`, { headers: { cookie } })).json()) as {
        result?: { data: { username: string } | null };
      }
    ).result?.data?.username ?? null;
  const orgsTree = (url: string, cookie: string) =>
    fetch(`${url}/trpc/kernel.orgs.tree?input=${encodeURIComponent('{}')}`, { headers: { cookie } });

  it('counts one per-address rate limit across both processes: the N+1st request on either is refused', async () => {
    const from = someAddress();
    const read = (i: number) =>
      fetch(`${at(i)}/trpc/kernel.public.districts`, { headers: { 'x-forwarded-for': from } });
    const statuses: number[] = [];
    for (let i = 0; i < READS_PER_MINUTE; i++) statuses.push((await read(i)).status);
    expect(statuses).toEqual(Array(READS_PER_MINUTE).fill(200));
    for (const i of [READS_PER_MINUTE, READS_PER_MINUTE + 1]) {
      const refused = await read(i);
      expect(refused.status).toBe(429);
      expect(Number(refused.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
      expect(await appCode(refused)).toBe('PUBLIC_THROTTLED');
    }
    // Another address still reads; each process counted its own refusal in its metrics.
    expect(
      (await fetch(`${at(0)}/trpc/kernel.public.districts`, { headers: { 'x-forwarded-for': someAddress() } })).status,
    ).toBe(200);
    for (const url of urls) {
      const metrics = await (
        await fetch(`${url}/metrics`, { headers: { authorization: `Bearer ${METRICS_TOKEN}` } })
      ).text();
      expect(metrics).toMatch(/chengxin_rate_limit_refusals_total\{procedure="kernel.public.districts"\} [1-9]/);
    }
  });

  it('holds a login throttle taken on one process on the other, while the owner signs in from elsewhere', async () => {
    const attacker = someAddress();
    const answers: string[] = [];
    for (let i = 0; i < 6; i++) {
      const res = await login(at(i), attacker, 'victim', 'wrong-password');
      answers.push(`${res.status} ${await appCode(res)}`);
    }
    expect(answers).toEqual([...Array(5).fill('401 LOGIN_FAILED'), '429 LOGIN_THROTTLED']);
    // Locked on both, even with the right password; the owner, from another address, signs in on either.
    for (const url of urls) {
      const refused = await login(url, attacker, 'victim', PASSWORD);
      expect(refused.status).toBe(429);
      expect(Number(refused.headers.get('retry-after'))).toBeGreaterThanOrEqual(60);
    }
    expect((await login(at(1), someAddress(), 'victim', PASSWORD)).status).toBe(200);
  });

  it('accepts a session made on one process on the other, and a session ended on one is refused by both', async () => {
    const from = someAddress();
    const signedIn = await login(at(0), from, 'admin', PASSWORD);
    expect(signedIn.status).toBe(200);
    const admin = session(signedIn);
    expect(await me(at(1), admin.cookie)).toBe('admin');
    expect((await orgsTree(at(1), admin.cookie)).status).toBe(200);

    // The victim's session, made on the first process, is revoked by the administrator on the second.
    const victim = session(await login(at(0), from, 'victim', PASSWORD));
    expect((await orgsTree(at(1), victim.cookie)).status).toBe(200);
    const revoked = await fetch(`${at(1)}/trpc/kernel.users.revokeSessions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie: admin.cookie, 'x-csrf-token': admin.csrf },
      body: JSON.stringify({ id: victimId }),
    });
    expect(revoked.status).toBe(200);
    for (const url of urls) {
      expect((await orgsTree(url, victim.cookie)).status).toBe(401);
      expect(await me(url, victim.cookie)).toBeNull();
    }

    // Signing out on one process ends the session on the other.
    // (As the console's client sends it: a batch of one call without input.)
    const out = await fetch(`${at(0)}/trpc/kernel.auth.logout?batch=1`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie: admin.cookie, 'x-csrf-token': admin.csrf },
      body: '{}',
    });
    expect(out.status).toBe(200);
    expect((await orgsTree(at(1), admin.cookie)).status).toBe(401);
  });
});
