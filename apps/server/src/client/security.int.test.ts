/**
 * Attacks and bad input against the real server over HTTP (typed client and raw requests): each gets the right
 * refusal or detection, and nothing is written.
 */
import { rows } from '@chengxin/db';
import { testEngines } from '@chengxin/db/testing';
import { idNumberFor } from '@chengxin/kernel/testing';
import { startTestServer, TEST_PASSWORD, type TestRole, type TestServer } from '../testing';
import { listen } from '../index';
import { TEST_SECRETS } from '@chengxin/kernel';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createClient, TRPCClientError } from '@chengxin/client';

async function failure(p: Promise<unknown>) {
  const e = await p.then(
    () => null,
    (error: unknown) => error,
  );
  expect(e, 'expected the call to fail').toBeInstanceOf(TRPCClientError);
  const err = e as {
    data: {
      code: string;
      httpStatus: number;
      appCode: string;
      field: string | null;
      messageZh: string;
      issues: { index?: number; field: string; code: string }[];
    };
  };
  return err.data;
}

const penalty = (orgId: string, no: string) => ({
  subject: { kind: 'org' as const, orgId },
  typeKey: 'administrative_penalty',
  payload: { penaltyCategories: ['warning'], penaltyContent: '警告' },
  severity: 'ordinary' as const,
  facts: '逾期未支付中小企业款项',
  legalBasis: '《保障中小企业款项支付条例》第八条',
  decisionNo: no,
  decisionDate: '2025-05-20',
  issuingAuthority: '天津市财政局',
  disclosureScope: 'public' as const,
});

describe.each(testEngines())('security over HTTP on %s', (engine) => {
  let t: TestServer;
  type User = TestRole | `hexi.${TestRole}`;
  // One logged-in client per user (logins per address are throttled); `fresh` logs in anew.
  const clients = new Map<string, ReturnType<typeof createClient>>();
  const fresh = (user: User) => createClient(t.url, { username: user, password: TEST_PASSWORD });
  const as = (user: User) => clients.get(user) ?? clients.set(user, fresh(user)).get(user)!;
  const count = async (table: string) =>
    (await rows<{ n: number }>(t.database.db, sql`select count(*)::int as n from ${sql.raw(table)}`))[0]!.n;
  // Logging in is itself audited; what must not happen is any other write.
  const writes = async () => ({
    audit: (
      await rows<{ n: number }>(
        t.database.db,
        sql`select count(*)::int as n from kernel.audit_log where action not like 'auth.%'`,
      )
    )[0]!.n,
    records: await count('kernel.credit_record'),
    users: await count('kernel.app_user'),
    grants: await count('kernel.user_grant'),
  });
  const loginRaw = async (username: string, password = TEST_PASSWORD) => {
    const res = await fetch(`${t.url}/trpc/kernel.auth.login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username, password }),
    });
    const jar = Object.fromEntries(
      res.headers.getSetCookie().map((c) => c.split(';')[0]!.split('=') as [string, string]),
    );
    return { res, cookie: `cx_session=${jar['cx_session']}`, csrf: jar['cx_csrf']! };
  };
  const post = (path: string, body: unknown, headers: Record<string, string>) =>
    fetch(`${t.url}/trpc/${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify(body),
    });

  beforeAll(async () => {
    t = await startTestServer(engine);
  }, 120_000);
  afterAll(async () => t?.close());

  it('throttles wrong passwords per address and name without locking the owner out, the same for unknown names', async () => {
    // Before: five wrong passwords from anyone locked the account for 15 minutes, and only known names locked.
    const admin = as('admin');
    const victim = await admin.kernel.users.create.mutate({
      username: 'victim',
      displayName: '受害者',
      password: 'Hai-he river 2029',
      orgId: t.fixture.hexi,
      grants: [{ role: 'viewer', scopeOrgId: t.fixture.hexi }],
    });
    // A second server on the same data behind "our proxy", so each request can come from its own address.
    const proxied = await listen({
      database: t.database,
      secrets: TEST_SECRETS,
      port: 0,
      host: '127.0.0.1',
      trustProxy: true,
    });
    try {
      const from = (address: string, username: string, password: string) =>
        fetch(`${proxied.url}/trpc/kernel.auth.login`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'x-forwarded-for': address },
          body: JSON.stringify({ username, password }),
        });
      const answers = async (username: string) => {
        const out: string[] = [];
        for (let i = 0; i < 6; i++) {
          const res = await from('203.0.113.7', username, 'wrong-password');
          out.push(`${res.status} ${JSON.stringify(await res.json()).match(/"appCode":"(\w+)"/)?.[1]}`);
        }
        return out;
      };
      const known = await answers('victim');
      expect(known).toEqual([...Array(5).fill('401 LOGIN_FAILED'), '429 LOGIN_THROTTLED']);
      // An unknown name gets exactly the same answers: the throttle does not reveal which names exist.
      expect(await answers('no-such-user')).toEqual(known);
      // The attacker's address stays refused even with the right password; the owner, elsewhere, signs in.
      expect((await from('203.0.113.7', 'victim', 'Hai-he river 2029')).status).toBe(429);
      expect((await from('198.51.100.20', 'victim', 'Hai-he river 2029')).status).toBe(200);
      const actions = await rows<{ action: string }>(
        t.database.db,
        sql`select action from kernel.audit_log where entity_id = ${victim.id} order by seq`,
      );
      expect(actions.map((a) => a.action)).toEqual([
        'user.create',
        ...Array(5).fill('auth.login_failed'),
        'auth.login',
      ]);
    } finally {
      await proxied.close();
    }
  });

  it('refuses revoked, expired and idle sessions', async () => {
    const viewer = fresh('viewer');
    const me = (await viewer.kernel.auth.me.query())!;
    await as('admin').kernel.users.revokeSessions.mutate({ id: me.id });
    expect(await viewer.kernel.auth.me.query()).toBeNull();
    expect((await failure(viewer.kernel.orgs.get.query({ id: t.fixture.hexi }))).httpStatus).toBe(401);

    const expired = fresh('viewer');
    await expired.kernel.auth.me.query();
    await t.database.db.execute(
      sql`update kernel.session s set expires_at = now() - interval '1 second' from kernel.app_user u where u.id = s.user_id and u.username = 'viewer' and s.revoked_at is null`,
    );
    expect((await failure(expired.kernel.orgs.get.query({ id: t.fixture.hexi }))).httpStatus).toBe(401);

    const idle = fresh('viewer');
    await idle.kernel.auth.me.query();
    await t.database.db.execute(
      sql`update kernel.session s set last_seen_at = now() - interval '3 hours' from kernel.app_user u where u.id = s.user_id and u.username = 'viewer' and s.expires_at > now()`,
    );
    expect((await failure(idle.kernel.orgs.get.query({ id: t.fixture.hexi }))).httpStatus).toBe(401);
  });

  it('refuses a forged cross-site request: no CSRF token, a wrong one, or a foreign Origin; nothing written', async () => {
    const { cookie, csrf } = await loginRaw('officer');
    const before = await writes();
    const body = penalty(t.fixture.hexiFinance, '伪造〔2025〕1号');
    const none = await post('kernel.records.create', body, { cookie });
    expect(none.status).toBe(403);
    expect(JSON.stringify(await none.json())).toContain('CSRF_FAILED');
    expect((await post('kernel.records.create', body, { cookie, 'x-csrf-token': 'guess' })).status).toBe(403);
    const foreign = await post('kernel.records.create', body, {
      cookie,
      'x-csrf-token': csrf,
      origin: 'https://evil.example',
    });
    expect(foreign.status).toBe(403);
    expect(await writes()).toEqual(before);
    // The same request from the page itself goes through.
    expect((await post('kernel.records.create', body, { cookie, 'x-csrf-token': csrf, origin: t.url })).status).toBe(
      200,
    );
  });

  it('integrator tokens: shown once, hashed, scoped, rate-limited with 429 + Retry-After, logged by name, revocable, expiring', async () => {
    const admin = as('admin');
    const expiresAt = new Date(Date.now() + 7 * 86_400_000).toISOString();
    const { token, info } = await admin.kernel.tokens.create.mutate({
      name: '河西区财政局预算系统',
      role: 'officer',
      scopeOrgId: t.fixture.hexi,
      expiresAt,
      ratePerMinute: 3,
    });
    expect(token).toMatch(/^cxt_/);
    expect(JSON.stringify(await admin.kernel.tokens.list.query())).not.toContain(token);
    const [stored] = await rows<{ token_hash: string }>(
      t.database.db,
      sql`select token_hash from kernel.api_token where id = ${info.id}`,
    );
    expect(stored!.token_hash).not.toContain(token.slice(4));

    const api = createClient(t.url, { token }, { maxBatch: 1 });
    expect((await api.kernel.orgs.get.query({ id: t.fixture.hexiFinance })).id).toBe(t.fixture.hexiFinance);
    expect(await failure(api.kernel.orgs.get.query({ id: t.fixture.nankai }))).toMatchObject({
      httpStatus: 403,
      appCode: 'OUT_OF_SCOPE',
    });
    const before = await writes();
    const outside = await failure(
      api.kernel.records.ingest.mutate({
        sourceSystem: 'budget',
        records: [{ sourceId: 'b-1', ...penalty(t.fixture.nankai, '南开〔2025〕9号') }],
      }),
    );
    expect(outside).toMatchObject({ httpStatus: 400, appCode: 'BATCH_REJECTED' });
    expect(outside.issues[0]).toMatchObject({ index: 0, code: 'OUT_OF_SCOPE' });
    expect(await writes()).toEqual(before);
    const limited = await fetch(`${t.url}/trpc/kernel.auth.me`, { headers: { authorization: `Bearer ${token}` } });
    expect(limited.status).toBe(200); // public: not counted
    const refused = await fetch(
      `${t.url}/trpc/kernel.orgs.get?input=${encodeURIComponent(JSON.stringify({ id: t.fixture.hexi }))}`,
      { headers: { authorization: `Bearer ${token}` } },
    );
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    expect(t.logs.some((l) => l.includes('call kernel.orgs.get ok by token:河西区财政局预算系统'))).toBe(true);
    expect(t.logs.some((l) => l.includes('rate-limited kernel.orgs.get by token:河西区财政局预算系统'))).toBe(true);

    const second = await admin.kernel.tokens.create.mutate({
      name: '过期系统',
      role: 'viewer',
      scopeOrgId: null,
      expiresAt,
    });
    const expiring = createClient(t.url, { token: second.token });
    expect((await expiring.kernel.orgs.get.query({ id: t.fixture.hexi })).id).toBe(t.fixture.hexi);
    await t.database.db.execute(
      sql`update kernel.api_token set expires_at = now() - interval '1 second' where id = ${second.info.id}`,
    );
    expect((await failure(expiring.kernel.orgs.get.query({ id: t.fixture.hexi }))).httpStatus).toBe(401);
    const third = await admin.kernel.tokens.create.mutate({
      name: '吊销系统',
      role: 'viewer',
      scopeOrgId: null,
      expiresAt,
    });
    await admin.kernel.tokens.revoke.mutate({ id: third.info.id });
    expect(
      (await failure(createClient(t.url, { token: third.token }).kernel.orgs.get.query({ id: t.fixture.hexi })))
        .httpStatus,
    ).toBe(401);
    // A district administrator cannot mint a city-wide token.
    expect(
      await failure(
        as('hexi.admin').kernel.tokens.create.mutate({ name: '越权', role: 'viewer', scopeOrgId: null, expiresAt }),
      ),
    ).toMatchObject({ httpStatus: 403 });
  });

  it("a district user asking for another district's record by id is refused, and nothing is written", async () => {
    const nankaiRecord = await as('officer').kernel.records.create.mutate(penalty(t.fixture.nankai, '南开〔2025〕1号'));
    await as('officer').kernel.records.submit.mutate({ recordId: nankaiRecord.id });
    const before = await writes();
    expect(await failure(as('hexi.viewer').kernel.records.get.query({ id: nankaiRecord.id }))).toMatchObject({
      httpStatus: 403,
      appCode: 'OUT_OF_SCOPE',
    });
    expect(
      await failure(as('hexi.reviewer').kernel.records.approve.mutate({ recordId: nankaiRecord.id })),
    ).toMatchObject({ httpStatus: 403, appCode: 'OUT_OF_SCOPE' });
    const list = await as('hexi.viewer').kernel.records.list.query({ limit: 200 });
    expect(list.items.map((r) => r.id)).not.toContain(nankaiRecord.id);
    const tree = await as('hexi.viewer').kernel.orgs.tree.query({});
    expect(tree.map((o) => o.id)).toEqual([t.fixture.hexi]);
    expect(await writes()).toEqual(before);
    expect((await as('reviewer').kernel.records.approve.mutate({ recordId: nankaiRecord.id })).status).toBe('approved');
  });

  it('mass assignment: fields a role may not set are ignored or refused', async () => {
    const officer = as('officer');
    const created = await officer.kernel.records.create.mutate({
      ...penalty(t.fixture.hexiFinance, '河西〔2025〕77号'),
      status: 'published',
      createdBy: t.fixture.official,
      currentVersion: 9,
    } as never);
    expect(created).toMatchObject({ status: 'draft', current: { version: 1 } });
    const before = await writes();
    const published = await failure(
      officer.kernel.records.ingest.mutate({
        sourceSystem: 'x',
        initialStatus: 'published' as never,
        records: [{ sourceId: 'p-1', ...penalty(t.fixture.hexiFinance, '河西〔2025〕78号') }],
      }),
    );
    expect(published).toMatchObject({ httpStatus: 400, field: 'initialStatus' });
    const escalate = await failure(
      as('hexi.admin').kernel.users.create.mutate({
        username: 'cityboss',
        displayName: '越权',
        password: 'a-long-password-1',
        orgId: t.fixture.hexiStreet,
        grants: [{ role: 'admin', scopeOrgId: null }],
      }),
    );
    expect(escalate).toMatchObject({ httpStatus: 403, appCode: 'GRANT_ESCALATION' });
    const selfPromote = await failure(
      as('hexi.officer').kernel.users.grant.mutate({
        userId: (await as('hexi.officer').kernel.auth.me.query())!.id,
        grant: { role: 'admin', scopeOrgId: t.fixture.hexi },
      }),
    );
    expect(selfPromote.httpStatus).toBe(403);
    expect(await writes()).toEqual(before);
  });

  it('SQL-injection-shaped strings in every text filter are just text', async () => {
    const attacks = ["'; drop table kernel.person; --", "%' or '1'='1", '\\', "河西' union select 1 --", '_%_'];
    const before = { persons: await count('kernel.person'), orgs: await count('kernel.org_unit') };
    const admin = as('admin');
    for (const q of attacks) {
      expect((await admin.kernel.orgs.search.query({ q })).items).toEqual([]);
      expect((await admin.kernel.persons.search.query({ q })).items).toEqual([]);
      expect((await admin.kernel.users.list.query({ q })).items).toEqual([]);
      expect((await admin.kernel.audit.entries.query({ entity: q, limit: 5 })).items).toEqual([]);
      expect((await failure(admin.kernel.records.list.query({ typeKey: q }))).httpStatus).toBe(400);
    }
    expect({ persons: await count('kernel.person'), orgs: await count('kernel.org_unit') }).toEqual(before);
  });

  it('refuses an oversized request body (413) and writes nothing', async () => {
    const { cookie, csrf } = await loginRaw('officer');
    const before = await writes();
    const huge = { sourceSystem: 'big', records: [{ sourceId: 'x', facts: 'x'.repeat(9 * 1024 * 1024) }] };
    const res = await post('kernel.records.ingest', huge, { cookie, 'x-csrf-token': csrf });
    expect(res.status).toBe(413);
    expect(await writes()).toEqual(before);
  });

  it('sends security headers on every response, and HSTS when behind TLS', async () => {
    for (const path of ['/healthz', '/trpc/kernel.auth.me', '/nowhere']) {
      const res = await fetch(`${t.url}${path}`);
      expect(res.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
      expect(res.headers.get('x-frame-options')).toBe('DENY');
      expect(res.headers.get('x-content-type-options')).toBe('nosniff');
      expect(res.headers.get('strict-transport-security')).toBeNull();
    }
    const tls = await listen({ database: t.database, secrets: TEST_SECRETS, port: 0, host: '127.0.0.1', secure: true });
    try {
      const res = await fetch(`${tls.url}/healthz`);
      expect(res.headers.get('strict-transport-security')).toMatch(/max-age=\d+/);
      const login = await fetch(`${tls.url}/trpc/kernel.auth.login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username: 'viewer', password: TEST_PASSWORD }),
      });
      expect(login.headers.getSetCookie().every((c) => c.includes('; Secure'))).toBe(true);
    } finally {
      await tls.close();
    }
  });

  it('reveals an ID number only with the reveal permission and a reason, audited and in the query log', async () => {
    expect(
      await failure(as('viewer').kernel.persons.revealIdNumber.mutate({ id: t.fixture.official, reason: '核查' })),
    ).toMatchObject({ httpStatus: 403 });
    const admin = as('admin');
    const { idNumber } = await admin.kernel.persons.revealIdNumber.mutate({
      id: t.fixture.official,
      reason: '纪检核查身份',
    });
    expect(idNumber).toBe(t.fixture.officialIdNumber);
    const entries = await admin.kernel.audit.entries.query({
      entity: 'person',
      entityId: t.fixture.official,
      limit: 5,
    });
    expect(entries.items[0]).toMatchObject({
      action: 'person.reveal_id_number',
      actorName: 'admin',
      detail: { reason: '纪检核查身份' },
    });
    const log = await admin.kernel.audit.accessLog.query({ subjectId: t.fixture.official });
    expect(log.items.map((l) => l.action)).toContain('person.reveal_id_number');
  });

  it('keeps a query log of who opened whose integrity file', async () => {
    await as('hexi.viewer').kernel.files.get.query({ subject: { kind: 'person', personId: t.fixture.clerk } });
    const log = await as('auditor').kernel.audit.accessLog.query({ subjectId: t.fixture.clerk });
    expect(log.items[0]).toMatchObject({ action: 'file.read', actorName: 'hexi.viewer', subjectKind: 'person' });
  });

  it('no ID number appears unmasked in any response, URL or log line of a whole working session', async () => {
    const idNumber = idNumberFor('120103', '1985-07-09', 123);
    const nearMiss = `${idNumber.slice(0, 17)}${idNumber[17] === '0' ? '1' : '0'}`;
    const seen: string[] = [];
    const realFetch = globalThis.fetch;
    globalThis.fetch = async (input, init) => {
      const url = String(input instanceof Request ? input.url : input);
      const res = await realFetch(input, init);
      seen.push(`${url}\n${await res.clone().text()}`);
      return res;
    };
    try {
      const officer = as('officer');
      const admin = as('admin');
      const person = await officer.kernel.persons.create.mutate({
        name: '赵安全',
        idNumber,
        tenure: { orgId: t.fixture.hexiFinance, postTitle: '科员', startDate: '2020-01-01' },
      });
      await failure(officer.kernel.persons.create.mutate({ name: '赵安全', idNumber }));
      await failure(officer.kernel.persons.create.mutate({ name: '钱错号', idNumber: nearMiss }));
      await officer.kernel.persons.findByIdNumber.mutate({ idNumber });
      await failure(officer.kernel.persons.findByIdNumber.mutate({ idNumber: nearMiss }));
      await officer.kernel.records.ingest.mutate({
        sourceSystem: 'hr',
        records: [
          {
            sourceId: 'id-1',
            ...penalty(t.fixture.hexiFinance, '河西〔2025〕91号'),
            typeKey: 'disciplinary_sanction',
            sanctionType: 'warning',
            subject: { kind: 'person', idNumber },
          },
        ],
      });
      await failure(
        officer.kernel.records.ingest.mutate({
          sourceSystem: 'hr',
          records: [
            {
              sourceId: 'id-2',
              ...penalty(t.fixture.hexiFinance, '河西〔2025〕92号'),
              subject: { kind: 'person', idNumber: nearMiss },
            },
          ],
        }),
      );
      await officer.kernel.persons.get.query({ id: person.id });
      await officer.kernel.persons.search.query({ q: '赵安全' });
      await officer.kernel.files.get.query({ subject: { kind: 'person', personId: person.id } });
      await admin.kernel.audit.entries.query({ limit: 200 });
      await admin.kernel.audit.accessLog.query({});
      await createClient(t.url).kernel.audit.checkpoints.query({});
    } finally {
      globalThis.fetch = realFetch;
    }
    expect(seen.length).toBeGreaterThan(10);
    for (const text of [...seen, ...t.logs]) {
      expect(text).not.toContain(idNumber);
      expect(text).not.toContain(nearMiss);
    }
    const [stored] = await rows<{ d: string }>(
      t.database.db,
      sql`
      select coalesce((select string_agg(detail::text, ' ') from kernel.audit_log), '') || (select string_agg(subject_id || actor_name, ' ') from kernel.access_log) as d`,
    );
    expect(stored!.d).not.toContain(idNumber);
  });

  it('closes the paths a review found: source ids of other districts, users who outrank the admin, persons elsewhere, birth dates', async () => {
    const before = await writes();
    const nankaiRow = { sourceId: 'n-1', ...penalty(t.fixture.nankai, '南开〔2025〕31号') };
    await as('officer').kernel.records.ingest.mutate({ sourceSystem: 'shared', records: [nankaiRow] });
    const hijack = await failure(
      as('hexi.officer').kernel.records.ingest.mutate({
        sourceSystem: 'shared',
        records: [{ ...nankaiRow, ...penalty(t.fixture.hexiFinance, '南开〔2025〕31号'), facts: '篡改' }],
      }),
    );
    expect(hijack).toMatchObject({ appCode: 'BATCH_REJECTED' });
    expect(hijack.issues[0]).toMatchObject({ field: 'sourceId', code: 'OUT_OF_SCOPE' });
    await as('hexi.officer').kernel.records.ingest.mutate({
      sourceSystem: 'hexi-fin',
      records: [{ sourceId: 'h-1', ...penalty(t.fixture.hexiFinance, '河西〔2025〕41号') }],
    });
    const moved = await failure(
      as('hexi.officer').kernel.records.ingest.mutate({
        sourceSystem: 'hexi-fin',
        records: [{ sourceId: 'h-1', ...penalty(t.fixture.hexiStreet, '河西〔2025〕41号') }],
      }),
    );
    expect(moved.issues[0]).toMatchObject({ field: 'sourceId', code: 'SOURCE_ID_CONFLICT' });
    const reserved = await failure(
      as('hexi.officer').kernel.records.ingest.mutate({ sourceSystem: 'chengxin', records: [nankaiRow] }),
    );
    expect(reserved).toMatchObject({ appCode: 'SOURCE_SYSTEM_RESERVED', field: 'sourceSystem' });

    const admin = as('admin');
    const boss = await admin.kernel.users.create.mutate({
      username: 'hexi.boss',
      displayName: '河西籍市级管理员',
      password: 'a-long-password-1',
      orgId: t.fixture.hexi,
      grants: [{ role: 'admin', scopeOrgId: null }],
    });
    expect(
      await failure(as('hexi.admin').kernel.users.resetPassword.mutate({ id: boss.id, password: 'taken-over-pass-1' })),
    ).toMatchObject({ httpStatus: 403, appCode: 'USER_OUTRANKS' });
    expect(await failure(as('hexi.admin').kernel.users.update.mutate({ id: boss.id, disabled: true }))).toMatchObject({
      httpStatus: 403,
      appCode: 'USER_OUTRANKS',
    });

    const outsider = await admin.kernel.persons.create.mutate({
      name: '孙南开',
      idNumber: idNumberFor('120104', '1979-02-03', 55),
      tenure: { orgId: t.fixture.nankai, postTitle: '科员', startDate: '2015-01-01' },
    });
    const pulled = await failure(
      as('hexi.officer').kernel.records.ingest.mutate({
        sourceSystem: 'hr',
        records: [
          {
            sourceId: 'p-9',
            ...penalty(t.fixture.hexiFinance, '河西〔2025〕99号'),
            subject: {
              kind: 'person',
              idNumber: idNumberFor('120104', '1979-02-03', 55),
              orgId: t.fixture.hexiFinance,
            },
          },
        ],
      }),
    );
    expect(pulled.issues[0]).toMatchObject({ code: 'OUT_OF_SCOPE' });
    expect(
      await failure(
        as('hexi.officer').kernel.persons.appoint.mutate({
          personId: outsider.id,
          orgId: t.fixture.hexiFinance,
          postTitle: '借调',
          startDate: '2026-01-01',
        }),
      ),
    ).toMatchObject({ httpStatus: 403, appCode: 'OUT_OF_SCOPE' });
    const person = await admin.kernel.persons.get.query({ id: outsider.id });
    expect(person).toMatchObject({ birthYear: 1979 });
    expect(JSON.stringify(person)).not.toContain('1979-02-03');
    const after = await writes();
    expect({
      ...after,
      audit: 0,
      records: after.records - 2,
      users: after.users - 1,
      grants: after.grants - 1,
    }).toEqual({ ...before, audit: 0 });
  });

  it('throttles login attempts per client address (429 + Retry-After), whatever the account', async () => {
    const statuses: number[] = [];
    let last: Response | null = null;
    for (let i = 0; i < 40 && !statuses.includes(429); i++) {
      last = (await loginRaw(`nobody${i}`, 'wrong-password')).res;
      statuses.push(last.status);
    }
    expect(statuses.at(-1)).toBe(429);
    expect(Number(last!.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    expect(JSON.stringify(await last!.json())).toContain('LOGIN_THROTTLED');
  });
});
