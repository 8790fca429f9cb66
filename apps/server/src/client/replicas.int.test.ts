/**
 * Read replicas through the typed client, against a real streaming replica of the test PostgreSQL server (started
 * here: pg_basebackup -R into a temporary directory, pg_ctl start on another port). With the replica's replay paused,
 * a body just created in the console is missing from the public search and from an integrator's reads (they are
 * served by the replica) while the console sees it (primary); lagging beyond the setting, or stopped, the replica is
 * skipped and the same reads find it on the primary without an error; once it replays again it serves them again.
 * On PGlite there are no replicas: the configuration refuses DATABASE_REPLICA_URL without DATABASE_URL.
 */
import { ReplicaRouter } from '@chengxin/db';
import { testEngines } from '@chengxin/db/testing';
import { startStreamingReplica, type StreamingReplica } from '@chengxin/db/replica-testing';
import { usccFor } from '@chengxin/kernel/testing';
import { createClient, TRPCClientError } from '@chengxin/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { configFromEnv, REPLICA_DEFAULTS } from '../config';
import { createMetrics, replicaMetrics } from '../metrics';
import { startTestServer, TEST_PASSWORD, type TestServer } from '../testing';

const METRICS_TOKEN = 'replica-metrics-token-0123456789';

describe.each(testEngines())('read replicas over HTTP on %s', (engine) => {
  if (engine === 'pglite') {
    it('are refused without a PostgreSQL primary, and each URL is checked', () => {
      expect(() => configFromEnv({ DATABASE_REPLICA_URL: 'postgres://postgres@127.0.0.1:5433/x' })).toThrow(
        /DATABASE_REPLICA_URL.*DATABASE_URL/,
      );
      expect(() =>
        configFromEnv({ DATABASE_URL: 'postgres://p@h/x', DATABASE_REPLICA_URL: 'postgres://r1/x, mysql://r2/x' }),
      ).toThrow(/DATABASE_REPLICA_URL/);
      expect(() =>
        configFromEnv({
          DATABASE_URL: 'postgres://p@h/x',
          DATABASE_REPLICA_URL: 'postgres://r1/x',
          REPLICA_MAX_LAG_SECONDS: '0',
        }),
      ).toThrow(/REPLICA_MAX_LAG_SECONDS/);
      const config = configFromEnv({
        DATABASE_URL: 'postgres://p:secret@h/x',
        DATABASE_REPLICA_URL: 'postgres://u:secret@r1/x, postgres://r2/x',
      });
      expect(config.replicas).toEqual({
        urls: ['postgres://u:secret@r1/x', 'postgres://r2/x'],
        maxLagSeconds: REPLICA_DEFAULTS.maxLagSeconds,
        checkEveryMs: REPLICA_DEFAULTS.checkEveryMs,
      });
      expect(configFromEnv({}).replicas.urls).toEqual([]);
    });
    return;
  }

  let t: TestServer;
  let replica: StreamingReplica;
  let router: ReplicaRouter;
  let admin: ReturnType<typeof createClient>;
  let integrator: ReturnType<typeof createClient>;
  let integratorToken: string;
  const anon = () => createClient(t.url);
  let serial = 0;

  /** A new body, created in the console (a write: the primary). */
  const newBody = async () => {
    serial += 1;
    const name = `河西区副本测试馆${'甲乙丙丁戊己庚辛'[serial]}`;
    const { org } = await admin.kernel.orgs.create.mutate({
      parentId: t.fixture.hexi,
      name,
      uscc: usccFor('120103', 80 + serial),
      level: 'district',
      kind: 'institution',
      areaCode: '120103',
    });
    return { id: org.id, name };
  };
  const inPublicSearch = async (name: string) =>
    (await anon().kernel.public.search.query({ q: name })).items.some((i) => i.name === name);
  const integratorSees = async (id: string) =>
    integrator.kernel.orgs.get.query({ id }).then(
      () => true,
      (e: unknown) => {
        if (e instanceof TRPCClientError && e.data?.httpStatus === 404) return false;
        throw e;
      },
    );
  /** The same read through the REST face (/api/v1), which calls the same procedures. */
  const restStatus = async (id: string) =>
    (await fetch(`${t.url}/api/v1/orgs/${id}`, { headers: { authorization: `Bearer ${integratorToken}` } })).status;
  const consoleSees = async (id: string) => (await admin.kernel.orgs.get.query({ id })).id === id;
  /** The router's state changes when the replica's does: poll its check, never a fixed wait. */
  const until = async (ok: () => boolean, what: string) => {
    for (let i = 0; i < 300; i++) {
      await router.check();
      if (ok()) return;
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error(`timed out waiting for: ${what} (${JSON.stringify(router.status())})`);
  };
  const state = () => router.status()[0]!.state;
  const metricsText = async () =>
    (await fetch(`${t.url}/metrics`, { headers: { authorization: `Bearer ${METRICS_TOKEN}` } })).text();
  const reads = (text: string, target: string) =>
    Number(new RegExp(`^chengxin_db_reads_total\\{target="${target}"\\} (\\d+)`, 'm').exec(text)?.[1] ?? 0);

  beforeAll(async () => {
    t = await startTestServer('postgres', {
      http: async (database) => {
        replica = await startStreamingReplica();
        const metrics = createMetrics();
        // Checked only when the test asks (checkEveryMs 0), so a state holds until the test has looked at it.
        router = await ReplicaRouter.open(database, {
          urls: [replica.url(new URL(database.location).pathname.slice(1))],
          maxLagSeconds: 1,
          checkEveryMs: 0,
          onRead: (target) => metrics.reads.inc({ target }),
        });
        replicaMetrics(metrics, () => router.status());
        return { reads: router, metrics, metricsToken: METRICS_TOKEN };
      },
    });
    admin = createClient(t.url, { username: 'admin', password: TEST_PASSWORD });
    const { token } = await admin.kernel.tokens.create.mutate({
      name: '副本测试系统',
      role: 'viewer',
      scopeOrgId: null,
      expiresAt: new Date(Date.now() + 86_400_000).toISOString(),
      ratePerMinute: 10_000,
    });
    integratorToken = token;
    integrator = createClient(t.url, { token });
  });
  afterAll(async () => {
    await t?.close();
    await router?.close();
    await replica?.dispose();
  });

  it('serves the public portal and integrators from the replica, the console from the primary', async () => {
    // A console session used as a bearer (not a cookie) is still a signed-in person: primary.
    const login = await fetch(`${t.url}/trpc/kernel.auth.login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'viewer', password: TEST_PASSWORD }),
    });
    const session = /cx_session=([^;]+)/.exec(login.headers.getSetCookie().join('\n'))![1]!;
    const sessionBearer = createClient(t.url, { token: session });
    await replica.caughtUp();
    await until(() => state() === 'ok', 'the replica is current');
    const before = await metricsText();
    await replica.pauseReplay();
    const body = await newBody();
    // The replica (replay paused) does not have the new body; the console, on the primary, does.
    expect(await inPublicSearch(body.name)).toBe(false);
    expect(await integratorSees(body.id)).toBe(false);
    expect(await restStatus(body.id)).toBe(404);
    expect(await consoleSees(body.id)).toBe(true);
    expect((await sessionBearer.kernel.orgs.get.query({ id: body.id })).id).toBe(body.id);
    const after = await metricsText();
    expect(reads(after, 'replica')).toBeGreaterThanOrEqual(reads(before, 'replica') + 2);
    expect(after).toMatch(
      /^chengxin_replica_lag_seconds\{replica="postgres:\/\/postgres@127\.0\.0\.1:\d+\/chengxin_test_\w+"\} [\d.e-]+$/m,
    );
    expect(after).toMatch(/^chengxin_replica_usable\{replica="[^"]+"\} 1$/m);
    await replica.resumeReplay();
    await replica.caughtUp();
    expect(await inPublicSearch(body.name)).toBe(true);
    expect(await restStatus(body.id)).toBe(200);
  });

  it('skips a replica lagging beyond REPLICA_MAX_LAG_SECONDS, and uses it again once it has caught up', async () => {
    await replica.pauseReplay();
    const body = await newBody();
    await until(() => state() === 'lagging', 'the paused replica lags beyond 1 s');
    // Served by the primary now: the new body is found, without an error.
    expect(await inPublicSearch(body.name)).toBe(true);
    expect(await integratorSees(body.id)).toBe(true);
    expect(await metricsText()).toMatch(/^chengxin_replica_usable\{replica="[^"]+"\} 0$/m);

    await replica.resumeReplay();
    await replica.caughtUp();
    await until(() => state() === 'ok', 'the replica is current again');
    // Used again: with replay paused once more, a newer body is missing from the public search until it resumes.
    await replica.pauseReplay();
    const newer = await newBody();
    expect(await inPublicSearch(newer.name)).toBe(false);
    expect(await consoleSees(newer.id)).toBe(true);
    await replica.resumeReplay();
    await replica.caughtUp();
  });

  it('skips a replica that is down without an error, and uses it again when it is back', async () => {
    await until(() => state() === 'ok', 'the replica is current');
    await replica.stop();
    const body = await newBody();
    // The router still thinks the replica is up (no check since): the read fails there, is run again on the
    // primary, and the replica is marked down at once.
    expect(await inPublicSearch(body.name)).toBe(true);
    expect(state()).toBe('down');
    expect(t.logs.some((l) => /failed on a replica .*run on the primary/.test(l))).toBe(true);
    await router.check();
    expect(state()).toBe('down');
    expect(await integratorSees(body.id)).toBe(true);
    expect(await restStatus(body.id)).toBe(200);
    expect(await inPublicSearch(body.name)).toBe(true);
    const text = await metricsText();
    expect(text).toMatch(/^chengxin_replica_usable\{replica="[^"]+"\} 0$/m);
    expect(text).not.toMatch(/^chengxin_replica_lag_seconds\{/m);
    expect(reads(text, 'primary')).toBeGreaterThan(0);

    await replica.start();
    await replica.caughtUp();
    await until(() => state() === 'ok', 'the restarted replica is current');
    await replica.pauseReplay();
    const newer = await newBody();
    expect(await inPublicSearch(newer.name)).toBe(false);
    expect(await integratorSees(newer.id)).toBe(false);
    expect(await consoleSees(newer.id)).toBe(true);
    await replica.resumeReplay();
  });

  it('sends an integrator that wrote to the primary until the replica has its write', async () => {
    await replica.caughtUp();
    await until(() => state() === 'ok', 'the replica is current');
    const { token } = await admin.kernel.tokens.create.mutate({
      name: '副本测试写入系统',
      role: 'admin',
      scopeOrgId: null,
      expiresAt: new Date(Date.now() + 86_400_000).toISOString(),
      ratePerMinute: 10_000,
    });
    const writer = createClient(t.url, { token });
    await router.check();
    await replica.pauseReplay();
    serial += 1;
    const { org } = await writer.kernel.orgs.create.mutate({
      parentId: t.fixture.hexi,
      name: '河西区副本测试写入馆',
      uscc: usccFor('120103', 80 + serial),
      level: 'district',
      kind: 'institution',
      areaCode: '120103',
    });
    // Its own write: read back from the primary. Another integrator still reads the (paused) replica.
    expect((await writer.kernel.orgs.get.query({ id: org.id })).id).toBe(org.id);
    expect(await integratorSees(org.id)).toBe(false);
    await replica.resumeReplay();
    await replica.caughtUp();
    await router.check();
    expect(await integratorSees(org.id)).toBe(true);
  });
});
