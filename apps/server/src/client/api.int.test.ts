import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rows } from '@chengxin/db';
import { testEngines } from '@chengxin/db/testing';
import { createClient, TRPCClientError } from '@chengxin/client';
import { sql } from 'drizzle-orm';
import { startTestServer, TEST_PASSWORD, type TestRole, type TestServer } from '../testing';

/** The error's structured data as integrators and the admin console see it. */
async function failure(p: Promise<unknown>) {
  const e = await p.then(
    () => null,
    (error: unknown) => error,
  );
  expect(e).toBeInstanceOf(TRPCClientError);
  const err = e as {
    message: string;
    data: {
      code: string;
      httpStatus: number;
      appCode: string;
      field: string | null;
      messageZh: string;
      messageEn: string;
      issues: { index?: number; field: string; code: string }[];
    };
  };
  return { message: err.message, ...err.data };
}

const sanctionInput = (personId: string) => ({
  subject: { kind: 'person' as const, personId },
  typeKey: 'disciplinary_sanction',
  severity: 'ordinary' as const,
  sanctionType: 'major_demerit' as const,
  facts: '在政府采购活动中违规干预评审',
  legalBasis: '《中华人民共和国公职人员政务处分法》第三十九条',
  decisionNo: '河西监〔2025〕21号',
  decisionDate: '2025-08-31',
  issuingAuthority: '天津市河西区监察委员会',
});

describe.each(testEngines())('typed client against the API over HTTP on %s', (engine) => {
  let server: TestServer;
  let t: TestServer & {
    as(role: TestRole): ReturnType<typeof createClient>;
    anonymous(): ReturnType<typeof createClient>;
  };
  beforeAll(async () => {
    server = await startTestServer(engine);
    t = Object.assign(server, {
      as: (role: TestRole) => createClient(server.url, { username: role, password: TEST_PASSWORD }),
      anonymous: () => createClient(server.url),
    });
  });
  afterAll(async () => t?.close());

  it('answers the health check', async () => {
    const res = await fetch(`${t.url}/healthz`);
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ status: 'ok', engine });
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
  });

  it('logs in with an httpOnly cookie, tells who is logged in, and logs out', async () => {
    const res = await fetch(`${t.url}/trpc/kernel.auth.login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'viewer', password: 'test-password-123' }),
    });
    expect(res.status).toBe(200);
    const [session, csrf] = res.headers.getSetCookie();
    expect(session).toMatch(/^cx_session=[^;]+; HttpOnly; Max-Age=\d+; Path=\/; SameSite=Strict$/);
    expect(csrf).toMatch(/^cx_csrf=[^;]+; Max-Age=\d+; Path=\/; SameSite=Strict$/);
    const client = t.as('viewer');
    expect(await client.kernel.auth.me.query()).toMatchObject({
      username: 'viewer',
      grants: [{ role: 'viewer', scopeOrgId: null }],
    });
    await client.kernel.auth.logout.mutate();
    expect(await client.kernel.auth.me.query()).toBeNull();
    const after = await failure(client.kernel.orgs.tree.query({}));
    expect(after).toMatchObject({ code: 'UNAUTHORIZED', httpStatus: 401 });
  });

  it('refuses a wrong password without saying whether the user exists', async () => {
    const bad = await failure(
      t.anonymous().kernel.auth.login.mutate({ username: 'viewer', password: 'wrong-password' }),
    );
    const unknown = await failure(
      t.anonymous().kernel.auth.login.mutate({ username: 'nobody', password: 'wrong-password' }),
    );
    expect(bad).toMatchObject({ httpStatus: 401, appCode: 'LOGIN_FAILED', messageZh: '用户名或密码错误' });
    expect(unknown.messageZh).toBe(bad.messageZh);
  });

  it('enforces the declared permission of each procedure', async () => {
    const denied = await failure(t.as('viewer').kernel.records.create.mutate(sanctionInput(t.fixture.official)));
    expect(denied).toMatchObject({ code: 'FORBIDDEN', httpStatus: 403, messageZh: '没有权限执行此操作' });
    const anonymous = await failure(
      t.anonymous().kernel.files.get.query({ subject: { kind: 'org', orgId: t.fixture.hexi } }),
    );
    expect(anonymous.httpStatus).toBe(401);
    const officerApprove = await failure(
      t.as('officer').kernel.records.approve.mutate({ recordId: '01900000-0000-7000-8000-0000000000aa' }),
    );
    expect(officerApprove.code).toBe('FORBIDDEN');
  });

  it('done-when: a 记大过 sanction created, reviewed and published shows in the integrity file with 18 months', async () => {
    const officer = t.as('officer');
    const reviewer = t.as('reviewer');
    const draft = await officer.kernel.records.create.mutate(sanctionInput(t.fixture.official));
    await officer.kernel.records.submit.mutate({ recordId: draft.id });
    await reviewer.kernel.records.approve.mutate({ recordId: draft.id });
    const published = await reviewer.kernel.records.publish.mutate({ recordId: draft.id });
    expect(published.status).toBe('published');
    const file = await t
      .as('viewer')
      .kernel.files.get.query({ subject: { kind: 'person', personId: t.fixture.official }, asOf: '2026-06-01' });
    const record = file.groups.find((g) => g.status === 'published')!.records.find((r) => r.id === draft.id)!;
    expect(record.current).toMatchObject({
      impactStart: '2025-08-31',
      impactEnd: '2027-02-28',
      sanctionType: 'major_demerit',
    });
    expect(file.standing).toMatchObject({ hasEffectiveDishonesty: true });
    expect(file.standing.summaryZh).toContain('记大过');
    expect(file.subject.kind === 'person' && file.subject.person.idNumberMasked).toMatch(/^1201\*{10}\d{3}[\dX]$/);
    const detail = await t.as('viewer').kernel.records.get.query({ id: draft.id });
    expect(detail.events.map((e) => e.action)).toEqual(['submit', 'approve', 'publish']);
    const [audit] = await rows<{ n: number }>(
      t.database.db,
      sql`select count(distinct actor_id)::int as n from kernel.audit_log where entity_id = ${draft.id}`,
    );
    expect(Number(audit!.n)).toBe(2); // officer and reviewer, each recorded on their own writes
  });

  it('bad input: BAD_REQUEST naming the field, a Chinese message and a machine code, nothing written', async () => {
    const officer = t.as('officer');
    const before = await rows<{ n: number }>(t.database.db, sql`select count(*)::int as n from kernel.credit_record`);
    const badDate = await failure(
      officer.kernel.records.create.mutate({ ...sanctionInput(t.fixture.official), decisionDate: '2025-02-30' }),
    );
    expect(badDate).toMatchObject({
      httpStatus: 400,
      appCode: 'INPUT_INVALID',
      field: 'decisionDate',
      messageZh: expect.stringContaining('有效日期'),
      messageEn: expect.stringContaining('valid calendar date'),
    });
    const badEnum = await failure(
      officer.kernel.records.create.mutate({ ...sanctionInput(t.fixture.official), severity: 'huge' as never }),
    );
    expect(badEnum).toMatchObject({ field: 'severity', messageZh: expect.stringContaining('无效选项') });
    const badUscc = await failure(
      t.as('admin').kernel.orgs.create.mutate({
        parentId: t.fixture.hexi,
        name: '测试局',
        uscc: '11120103ABC',
        level: 'district',
        kind: 'department',
        areaCode: '120103',
      }),
    );
    expect(badUscc).toMatchObject({
      httpStatus: 400,
      appCode: 'USCC_MALFORMED',
      field: 'uscc',
      messageZh: expect.stringContaining('统一社会信用代码'),
    });
    const after = await rows<{ n: number }>(t.database.db, sql`select count(*)::int as n from kernel.credit_record`);
    expect(after[0]!.n).toBe(before[0]!.n);
  });

  it('a checksum mismatch in a credit code is accepted with a warning', async () => {
    const created = await t.as('admin').kernel.orgs.create.mutate({
      parentId: t.fixture.hexi,
      name: '天津市河西区试点局',
      uscc: '91350100M000100Y44',
      level: 'district',
      kind: 'department',
      areaCode: '120103',
    });
    expect(created.warnings[0]).toMatchObject({ code: 'USCC_CHECKSUM_MISMATCH', field: 'uscc' });
    expect(created.org.usccWarning).toBe('USCC_CHECKSUM_MISMATCH');
  });

  it('an illegal transition is a CONFLICT naming the current state', async () => {
    const officer = t.as('officer');
    const draft = await officer.kernel.records.create.mutate({
      ...sanctionInput(t.fixture.clerk),
      decisionDate: '2026-03-01',
    });
    const err = await failure(t.as('reviewer').kernel.records.publish.mutate({ recordId: draft.id }));
    expect(err).toMatchObject({
      code: 'CONFLICT',
      httpStatus: 409,
      appCode: 'RECORD_ILLEGAL_TRANSITION',
      messageZh: expect.stringContaining('草稿'),
    });
  });

  it('bulk ingest reports every bad row by index and writes nothing; a good batch is idempotent', async () => {
    const officer = t.as('officer');
    const row = (sourceId: string, extra: Record<string, unknown> = {}) => ({
      sourceId,
      subject: { kind: 'org', orgId: t.fixture.hexiFinance },
      typeKey: 'accountability',
      severity: 'ordinary',
      facts: '拖欠中小企业账款被约谈问责',
      legalBasis: '《保障中小企业款项支付条例》第八条',
      decisionNo: `津财〔2026〕${sourceId}号`,
      decisionDate: '2026-03-15',
      issuingAuthority: '天津市财政局',
      ...extra,
    });
    const err = await failure(
      officer.kernel.records.ingest.mutate({
        sourceSystem: 'finance',
        records: [row('1'), row('2', { severity: 'x' }), row('3', { facts: '' })],
      }),
    );
    expect(err).toMatchObject({ httpStatus: 400, appCode: 'BATCH_REJECTED' });
    expect(err.issues.map((i) => [i.index, i.field])).toEqual([
      [1, 'severity'],
      [2, 'facts'],
    ]);
    const ok = await officer.kernel.records.ingest.mutate({ sourceSystem: 'finance', records: [row('1'), row('2')] });
    const again = await officer.kernel.records.ingest.mutate({
      sourceSystem: 'finance',
      records: [row('1'), row('2')],
    });
    expect([ok.created, again.created, again.unchanged]).toEqual([2, 0, 2]);
  });

  it('lists records with cursor pagination and searches bodies by name or code', async () => {
    const viewer = t.as('viewer');
    for (const d of ['2026-04-01', '2026-04-02'])
      await t.as('officer').kernel.records.create.mutate({ ...sanctionInput(t.fixture.clerk), decisionDate: d });
    const first = await viewer.kernel.records.list.query({ limit: 1 });
    expect(first.items).toHaveLength(1);
    const second = await viewer.kernel.records.list.query({ limit: 1, cursor: first.nextCursor! });
    expect(second.items[0]!.id).not.toBe(first.items[0]!.id);
    const byName = await viewer.kernel.orgs.search.query({ q: '河西' });
    expect(byName.items.map((o) => o.name)).toContain('天津市河西区人民政府');
    const hexi = await viewer.kernel.orgs.get.query({ id: t.fixture.hexi });
    const byCode = await viewer.kernel.orgs.search.query({ q: hexi.uscc });
    expect(byCode.items[0]!.id).toBe(t.fixture.hexi);
    const roots = await viewer.kernel.orgs.tree.query({});
    expect(roots.map((o) => [o.name, o.childCount])).toEqual([['天津市人民政府', 2]]);
  });

  it('finds a person by ID number in the request body and never returns the number unmasked', async () => {
    const viewer = t.as('viewer');
    const found = await viewer.kernel.persons.findByIdNumber.mutate({ idNumber: t.fixture.officialIdNumber });
    expect(found).toMatchObject({ id: t.fixture.official, name: '张建国' });
    expect(JSON.stringify(found)).not.toContain(t.fixture.officialIdNumber);
    const [audit] = await rows<{ d: string }>(
      t.database.db,
      sql`select string_agg(detail::text, ' ') as d from kernel.audit_log`,
    );
    expect(audit!.d).not.toContain(t.fixture.officialIdNumber);
  });
});
