/**
 * The server as an operator runs it: readiness, metrics, JSON logs with request ids and no personal data, 404 for
 * paths that are no page, the consoles' caching, and a graceful close that lets a request in flight finish.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrate } from '@chengxin/db';
import { createTestDatabase, testEngines, type TestDatabase } from '@chengxin/db/testing';
import { createUser, TEST_SECRETS } from '@chengxin/kernel';
import { buildFixture, testContext, type Fixture } from '@chengxin/kernel/testing';
import { listen } from './http';
import { createLogger, lineDestination } from './logger';
import { createMetrics } from './metrics';
import { MIGRATION_OWNERS } from './system';
import { configFromEnv, summary } from './config';

const PASSWORD = 'test-password-123';
const METRICS_TOKEN = 'metrics-token-0123456789';

describe.each(testEngines())('the server as an operator sees it, on %s', (engine) => {
  let database: TestDatabase;
  let fixture: Fixture;
  let server: Awaited<ReturnType<typeof listen>>;
  let sitesDir: string;
  const lines: string[] = [];
  let ready = true;

  beforeAll(async () => {
    database = await createTestDatabase(engine);
    await migrate(database, MIGRATION_OWNERS);
    const ctx = testContext(database);
    fixture = await buildFixture(ctx);
    await createUser(ctx, {
      username: 'officer',
      displayName: 'officer',
      password: PASSWORD,
      orgId: null,
      grants: [{ role: 'officer', scopeOrgId: null, plugins: null }],
    });
    sitesDir = mkdtempSync(join(tmpdir(), 'chengxin-sites-'));
    for (const app of ['admin', 'portal']) {
      mkdirSync(join(sitesDir, app, 'assets'), { recursive: true });
      writeFileSync(join(sitesDir, app, 'index.html'), `<!doctype html><title>${app}</title>`);
      writeFileSync(join(sitesDir, app, 'assets', 'main-abc123.js'), `console.log('${app}')`);
    }
    server = await listen({
      database,
      secrets: TEST_SECRETS,
      port: 0,
      host: '127.0.0.1',
      logger: createLogger(
        'info',
        lineDestination((line) => lines.push(line)),
      ),
      metrics: createMetrics(),
      metricsToken: METRICS_TOKEN,
      metricsPort: 0,
      readiness: { jobs: async () => (ready ? { ok: true } : { ok: false, detail: 'daily job stuck' }) },
      sites: [
        { prefix: '/admin', dir: join(sitesDir, 'admin') },
        { prefix: '', dir: join(sitesDir, 'portal') },
      ],
    });
  }, 120_000);
  afterAll(async () => {
    await server?.close();
    await database?.dispose();
    rmSync(sitesDir, { recursive: true, force: true });
  });

  it('is alive at /healthz and ready at /readyz only while every check passes', async () => {
    expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
    const ok = await fetch(`${server.url}/readyz`);
    expect(ok.status).toBe(200);
    expect(await ok.json()).toEqual({ status: 'ready', checks: { database: { ok: true }, jobs: { ok: true } } });
    ready = false;
    const stuck = await fetch(`${server.url}/readyz`);
    expect(stuck.status).toBe(503);
    expect(await stuck.json()).toMatchObject({ status: 'not_ready', checks: { jobs: { ok: false } } });
    ready = true;
  });

  it('answers 404 for a path that is no page, and the app for a page', async () => {
    for (const path of ['/health', '/wp-login.php', '/nothing/here', '/trpc', '/assets/missing.js']) {
      const res = await fetch(`${server.url}${path}`);
      expect(res.status, path).toBe(404);
      expect(await res.json()).toMatchObject({ error: 'NOT_FOUND', messageZh: '页面不存在' });
    }
    for (const [path, title] of [
      ['/', 'portal'],
      ['/search?q=天津', 'portal'],
      ['/body/0190', 'portal'],
      ['/admin/', 'admin'],
      ['/admin/records/abc', 'admin'],
    ] as const) {
      const res = await fetch(`${server.url}${path}`);
      expect(res.status, path).toBe(200);
      expect(res.headers.get('cache-control'), path).toBe('no-cache');
      expect(await res.text()).toContain(`<title>${title}</title>`);
    }
    const asset = await fetch(`${server.url}/admin/assets/main-abc123.js`);
    expect(asset.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect(asset.headers.get('content-security-policy')).toContain("default-src 'self'");
    expect((await fetch(`${server.url}/admin`, { redirect: 'manual' })).status).toBe(301);
  });

  it('serves metrics to a bearer of the token and on the metrics port, counting by procedure and status', async () => {
    await fetch(`${server.url}/trpc/kernel.public.districts`);
    expect((await fetch(`${server.url}/metrics`)).status).toBe(404);
    const res = await fetch(`${server.url}/metrics`, { headers: { authorization: `Bearer ${METRICS_TOKEN}` } });
    expect(res.status).toBe(200);
    const text = await res.text();
    expect(text).toMatch(
      /chengxin_http_request_duration_seconds_count\{procedure="kernel.public.districts",status="200"\} \d+/,
    );
    expect(text).toContain('chengxin_rate_limit_refusals_total');
    const separate = await fetch(server.metricsUrl!);
    expect(await separate.text()).toContain('chengxin_http_request_duration_seconds');
  });

  it('logs one JSON line per request with its id, procedure, actor and status, and no personal data', async () => {
    lines.length = 0;
    const login = await fetch(`${server.url}/trpc/kernel.auth.login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'officer', password: PASSWORD }),
    });
    const cookies = login.headers.getSetCookie().map((c) => c.split(';')[0]!);
    const csrf = cookies.find((c) => c.startsWith('cx_csrf='))!.slice('cx_csrf='.length);
    const lookup = await fetch(`${server.url}/trpc/kernel.persons.findByIdNumber`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie: cookies.join('; '), 'x-csrf-token': csrf },
      body: JSON.stringify({ idNumber: fixture.officialIdNumber }),
    });
    expect(lookup.status).toBe(200);
    const id = lookup.headers.get('x-request-id');
    expect(id).toMatch(/^[0-9a-f-]{36}$/);
    const problem = await fetch(`${server.url}/api/v1/orgs/not-a-uuid`);
    expect((await problem.json()) as { requestId: string }).toMatchObject({
      requestId: problem.headers.get('x-request-id'),
    });
    await new Promise((r) => setTimeout(r, 50));
    const parsed = lines.map((l) => JSON.parse(l) as Record<string, unknown>);
    const line = parsed.find((l) => l['reqId'] === id)!;
    expect(line).toMatchObject({
      msg: 'request',
      method: 'POST',
      procedure: 'kernel.persons.findByIdNumber',
      status: 200,
      actorId: expect.stringMatching(/^[0-9a-f-]{36}$/),
    });
    expect(typeof line['ms']).toBe('number');
    expect(parsed.find((l) => l['reqId'] === problem.headers.get('x-request-id'))).toMatchObject({
      procedure: 'GET /api/v1/orgs/{id}',
      status: problem.status,
    });
    const all = lines.join('\n');
    for (const secret of [fixture.officialIdNumber, fixture.officialIdNumber.slice(6, 14), PASSWORD, csrf])
      expect(all).not.toContain(secret);
    expect(all).not.toContain('cx_session=');
  });

  it('closes gracefully: a request in flight finishes, new connections are refused', async () => {
    const second = await listen({ database, secrets: TEST_SECRETS, port: 0, host: '127.0.0.1', log: () => undefined });
    const arrived = new Promise<void>((resolve) => second.server.once('request', () => resolve()));
    const inFlight = fetch(`${second.url}/trpc/kernel.public.districts`, { headers: { connection: 'close' } });
    await arrived;
    const closing = second.close();
    const answer = await inFlight;
    expect(answer.status).toBe(200);
    expect(await answer.json()).toBeTruthy();
    await closing;
    expect(second.server.listening).toBe(false);
  });
});

describe('configuration', () => {
  it('names a bad variable and prints no secret', () => {
    expect(() => configFromEnv({ PORT: 'eighty' })).toThrow(/PORT/);
    expect(() => configFromEnv({ LOG_LEVEL: 'loud' })).toThrow(/LOG_LEVEL/);
    const config = configFromEnv({
      DATABASE_URL: 'postgres://app:s3cret@db.internal:5432/chengxin',
      CHENGXIN_METRICS_TOKEN: METRICS_TOKEN,
    });
    const line = summary(config);
    expect(line).toContain('postgres://app:***@db.internal:5432/chengxin');
    expect(line).not.toContain('s3cret');
    expect(line).not.toContain(METRICS_TOKEN);
  });
});
