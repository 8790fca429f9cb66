/**
 * The console's case lists and logs over HTTP (issue 21, "lists people can work with"): search, filters, column orders,
 * keyset pages and the total of kernel.objections.page / complaints.page / repairs.page / rectifications.page and of
 * the audit and query logs; a 河西区 user never sees another district's case whatever the filter or page; pages never
 * repeat or skip a row while rows are being added; a forged cursor is a 400 naming `cursor`.
 */
import { testEngines } from '@chengxin/db/testing';
import { createClient, TRPCClientError } from '@chengxin/client';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, TEST_PASSWORD, type TestServer } from '../testing';

async function failure(p: Promise<unknown>) {
  const e = await p.then(
    () => null,
    (error: unknown) => error,
  );
  expect(e, 'expected the call to fail').toBeInstanceOf(TRPCClientError);
  return (e as { data: { httpStatus: number; appCode: string; field: string | null } }).data;
}

const penalty = (orgId: string, no: string, decisionDate: string) => ({
  subject: { kind: 'org' as const, orgId },
  typeKey: 'administrative_penalty',
  payload: { penaltyCategories: ['warning'], penaltyContent: '警告' },
  severity: 'ordinary' as const,
  facts: '拖欠中小企业账款',
  legalBasis: '《保障中小企业款项支付条例》第八条',
  decisionNo: no,
  decisionDate,
  issuingAuthority: '天津市财政局',
  disclosureScope: 'public' as const,
});

/** Every page of a list, with `between` run after each page (rows added while someone pages). */
async function allPages<T>(
  fetch: (cursor: string | undefined) => Promise<{ items: T[]; nextCursor: string | null; total?: number }>,
  between?: () => Promise<void>,
) {
  const items: T[] = [];
  let cursor: string | undefined;
  let total: number | undefined;
  let pages = 0;
  do {
    const page = await fetch(cursor);
    if (pages === 0) total = page.total;
    else expect(page.total).toBeUndefined();
    items.push(...page.items);
    cursor = page.nextCursor ?? undefined;
    pages++;
    if (cursor && between) await between();
  } while (cursor);
  return { items, total, pages };
}

describe.each(testEngines())('case lists and logs over HTTP on %s', (engine) => {
  let t: TestServer;
  const clients = new Map<string, ReturnType<typeof createClient>>();
  const as = (user: string) =>
    clients.get(user) ?? clients.set(user, createClient(t.url, { username: user, password: TEST_PASSWORD })).get(user)!;
  const publish = async (input: ReturnType<typeof penalty>) => {
    const draft = await as('officer').kernel.records.create.mutate(input);
    await as('officer').kernel.records.submit.mutate({ recordId: draft.id });
    await as('reviewer').kernel.records.approve.mutate({ recordId: draft.id });
    return as('reviewer').kernel.records.publish.mutate({ recordId: draft.id });
  };
  let n = 0;
  const object = async (orgId: string, district: string, applicant = '北京某律师事务所') => {
    n++;
    const record = await publish(penalty(orgId, `${district}财罚〔2026〕${n}号`, '2026-03-02'));
    return as('officer').kernel.objections.file.mutate({
      recordId: record.id,
      applicantKind: 'agent',
      applicantName: applicant,
      reasons: `第${n}件：该款项已于决定前付清`,
    });
  };

  beforeAll(async () => {
    t = await startTestServer(engine);
    process.env['CHENGXIN_TODAY'] = '2026-03-10';
    for (let i = 0; i < 5; i++) await object(t.fixture.hexiFinance, '河西');
    await object(t.fixture.hexiStreet, '河西', '友谊路某公司');
    for (let i = 0; i < 3; i++) await object(t.fixture.nankai, '南开');
  }, 240_000);
  afterEach(() => {
    process.env['CHENGXIN_TODAY'] = '2026-03-10';
  });
  afterAll(async () => {
    delete process.env['CHENGXIN_TODAY'];
    await t?.close();
  });

  it('objections: words, body with subtree, states, day range, column order and total; 河西区 sees only its own', async () => {
    const city = await as('officer').kernel.objections.page.query({ limit: 50 });
    expect(city.total).toBe(9);
    const hexi = await as('hexi.officer').kernel.objections.page.query({ limit: 50 });
    expect(hexi.total).toBe(6);
    expect(hexi.items.every((o) => o.orgName.startsWith('天津市河西区'))).toBe(true);
    expect(hexi.items.every((o) => o.recordDecisionNo?.startsWith('河西财罚'))).toBe(true);

    // A word of another district's decision number finds nothing for 河西区, and three for the city.
    expect((await as('hexi.officer').kernel.objections.page.query({ q: '南开财罚' })).total).toBe(0);
    expect((await as('officer').kernel.objections.page.query({ q: '南开财罚' })).total).toBe(3);
    // Two words: each must appear (decision number and applicant).
    expect((await as('officer').kernel.objections.page.query({ q: '河西 友谊路某公司' })).total).toBe(1);

    // The body's subtree: 河西区 and below holds both of its bodies; the street alone one.
    expect((await as('officer').kernel.objections.page.query({ orgId: t.fixture.hexi, subtree: true })).total).toBe(6);
    expect((await as('officer').kernel.objections.page.query({ orgId: t.fixture.hexiStreet })).total).toBe(1);
    // 南开区 asked for by a 河西区 user: nothing of it, on any page.
    const foreign = await as('hexi.officer').kernel.objections.page.query({ orgId: t.fixture.nankai, subtree: true });
    expect(foreign).toMatchObject({ items: [], total: 0, nextCursor: null });

    // States and days.
    expect((await as('officer').kernel.objections.page.query({ states: ['decided'] })).total).toBe(0);
    expect(
      (await as('officer').kernel.objections.page.query({ states: ['under_review'], filedFrom: '2026-03-10' })).total,
    ).toBe(9);
    expect((await as('officer').kernel.objections.page.query({ filedTo: '2026-03-09' })).total).toBe(0);
    expect((await as('officer').kernel.objections.page.query({ channel: 'exchange' })).total).toBe(0);

    // Ordered by the body's name, both ways, the id breaking ties.
    const asc = await as('officer').kernel.objections.page.query({ sort: 'org', limit: 50 });
    const desc = await as('officer').kernel.objections.page.query({ sort: '-org', limit: 50 });
    expect(asc.items.map((o) => o.id)).toEqual(desc.items.map((o) => o.id).reverse());
    const names = asc.items.map((o) => o.orgName);
    expect([...names].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))).toEqual(names);

    // The old list answers as before (the first page of the queue order, no total).
    const list = await as('hexi.officer').kernel.objections.list.query({ status: 'open', limit: 200 });
    expect(list.map((o) => o.id)).toEqual(hexi.items.map((o) => o.id));
  });

  it('pages never repeat or skip a row while rows are added, in every order, and 河西区 pages stay in 河西区', async () => {
    for (const sort of [undefined, 'filedOn', '-filedOn', 'org', '-decideDue'] as const) {
      const before = await as('hexi.officer').kernel.objections.page.query({ limit: 200, ...(sort ? { sort } : {}) });
      const paged = await allPages(
        (cursor) =>
          as('hexi.officer').kernel.objections.page.query({
            limit: 3,
            ...(sort ? { sort } : {}),
            ...(cursor ? { cursor } : {}),
          }),
        // A new objection in 河西区 and one in 南开区 between every two pages.
        async () => {
          await object(t.fixture.hexiFinance, '河西');
          await object(t.fixture.nankai, '南开');
        },
      );
      const ids = paged.items.map((o) => o.id);
      expect(new Set(ids).size, `no row twice (${sort ?? 'queue'})`).toBe(ids.length);
      for (const o of before.items) expect(ids, `no row skipped (${sort ?? 'queue'})`).toContain(o.id);
      expect(paged.total).toBe(before.total);
      expect(paged.items.every((o) => o.orgName.startsWith('天津市河西区'))).toBe(true);
      expect(paged.pages).toBeGreaterThan(2);
    }
  }, 240_000);

  it('a cursor of another order or an altered one is a 400 naming the cursor', async () => {
    const first = await as('officer').kernel.objections.page.query({ limit: 1, sort: 'org' });
    expect(first.nextCursor).not.toBeNull();
    expect(
      await failure(
        as('officer').kernel.objections.page.query({ limit: 1, sort: 'filedOn', cursor: first.nextCursor! }),
      ),
    ).toMatchObject({ httpStatus: 400, appCode: 'CURSOR_INVALID', field: 'cursor' });
    const id = '01a2538b-a921-73a9-9f9e-a31bfb090888';
    const keyset = (v: string[], sort = 'filedOn') =>
      Buffer.from(`s:${JSON.stringify({ s: sort, v })}`).toString('base64url');
    // Impossible days (one JavaScript's Date cannot even represent), a lone surrogate, a key that is not an id.
    const forged = [
      keyset(['2026-02-31', 'x']),
      keyset(['2026-13-01', id]),
      keyset(['2026-00-10', id]),
      keyset(['2026-12-32', id]),
    ];
    const byOrg = Buffer.from(`s:${JSON.stringify({ s: 'org', v: ['\ud800', id] })}`).toString('base64url');
    for (const cursor of forged)
      expect(await failure(as('officer').kernel.objections.page.query({ cursor, sort: 'filedOn' }))).toMatchObject({
        httpStatus: 400,
        appCode: 'CURSOR_INVALID',
        field: 'cursor',
      });
    expect(
      await failure(
        as('officer').kernel.rectifications.page.query({
          cursor: keyset(['2026-13-01', id], 'requiredOn'),
          sort: 'requiredOn',
        }),
      ),
    ).toMatchObject({ httpStatus: 400, appCode: 'CURSOR_INVALID', field: 'cursor' });
    expect(await failure(as('officer').kernel.objections.page.query({ cursor: byOrg, sort: 'org' }))).toMatchObject({
      httpStatus: 400,
      appCode: 'CURSOR_INVALID',
      field: 'cursor',
    });
    for (const cursor of ['not-a-cursor', Buffer.from('s:{"s":"queue","v":[1,2,3]}').toString('base64url')])
      expect(await failure(as('officer').kernel.objections.page.query({ cursor }))).toMatchObject({
        httpStatus: 400,
        appCode: 'CURSOR_INVALID',
        field: 'cursor',
      });
  });

  it('complaints, repairs and rectifications take the same filters, scope and pages', async () => {
    const publicClient = createClient(t.url);
    for (const [orgId, content] of [
      [t.fixture.hexiFinance, '河西区财政局拖欠我公司工程款已逾一年'],
      [t.fixture.hexiFinance, '河西区财政局未兑现招商引资奖励承诺'],
      [t.fixture.nankai, '南开区政府未按合同支付货款'],
    ] as const)
      await publicClient.kernel.complaints.submit.mutate({ category: 'payment', aboutOrgId: orgId, content });
    const city = await as('officer').kernel.complaints.page.query({ category: 'payment' });
    expect(city.total).toBe(3);
    const hexi = await as('hexi.officer').kernel.complaints.page.query({});
    expect(hexi.total).toBe(2);
    expect(hexi.items.every((c) => c.handlingOrgName?.startsWith('天津市河西区'))).toBe(true);
    expect((await as('hexi.officer').kernel.complaints.page.query({ q: '南开区' })).total).toBe(0);
    expect((await as('officer').kernel.complaints.page.query({ q: '招商引资' })).total).toBe(1);
    expect(
      (await as('hexi.officer').kernel.complaints.page.query({ orgId: t.fixture.nankai, states: ['received'] })).total,
    ).toBe(0);
    expect((await as('officer').kernel.complaints.page.query({ category: 'promise' })).total).toBe(0);
    const paged = await allPages((cursor) =>
      as('hexi.officer').kernel.complaints.page.query({ limit: 1, sort: '-filedOn', ...(cursor ? { cursor } : {}) }),
    );
    expect(paged.items.map((c) => c.id).sort()).toEqual(hexi.items.map((c) => c.id).sort());

    // Repairs and rectifications: none yet here, and every filter answers with the empty first page and its total.
    for (const scope of ['officer', 'hexi.officer'])
      for (const input of [{}, { q: '河西', sort: 'org' as const }, { orgId: t.fixture.nankai, subtree: true }]) {
        expect(await as(scope).kernel.repairs.page.query(input)).toMatchObject({ items: [], total: 0 });
        expect(await as(scope).kernel.rectifications.page.query(input)).toMatchObject({ items: [], total: 0 });
      }
    process.env['CHENGXIN_TODAY'] = '2026-07-01';
    await as('admin').kernel.jobs.runDaily.mutate({ day: '2026-07-01' });
    const rect = await as('officer').kernel.rectifications.page.query({ origin: 'record', limit: 200 });
    expect(rect.total).toBeGreaterThan(0);
    const hexiRect = await as('hexi.officer').kernel.rectifications.page.query({ limit: 200 });
    expect(hexiRect.total).toBeGreaterThan(0);
    expect(hexiRect.total).toBeLessThan(rect.total!);
    expect(hexiRect.items.every((r) => r.orgName.startsWith('天津市河西区'))).toBe(true);
    expect((await as('hexi.officer').kernel.rectifications.page.query({ q: '南开财罚' })).total).toBe(0);
    expect((await as('officer').kernel.rectifications.page.query({ q: '南开财罚' })).total).toBeGreaterThan(0);

    // Repairs once the minimum publication period has run: one in 河西区, one in 南开区.
    for (const [orgId, no] of [
      [t.fixture.hexiFinance, '河西财罚〔2025〕90号'],
      [t.fixture.nankai, '南开财罚〔2025〕90号'],
    ] as const) {
      const record = await publish(penalty(orgId, no, '2025-01-10'));
      await as('officer').kernel.repairs.file.mutate({
        recordId: record.id,
        applicantName: '申请单位',
        proof: '已全额支付并取得企业确认',
        promiseSigned: true,
      });
    }
    expect((await as('officer').kernel.repairs.page.query({})).total).toBe(2);
    const hexiRepairs = await as('hexi.officer').kernel.repairs.page.query({ states: ['under_review'], sort: '-org' });
    expect(hexiRepairs.items.map((r) => r.recordDecisionNo)).toEqual(['河西财罚〔2025〕90号']);
    expect((await as('hexi.officer').kernel.repairs.page.query({ q: '南开' })).total).toBe(0);
    expect((await as('hexi.officer').kernel.repairs.page.query({ orgId: t.fixture.nankai, subtree: true })).total).toBe(
      0,
    );
    expect(
      (await as('officer').kernel.repairs.page.query({ typeKey: 'administrative_penalty', filedFrom: '2026-07-01' }))
        .total,
    ).toBe(2);
  }, 120_000);

  it('the audit and query logs: words, actions, days, total and pages without repeats while entries are added', async () => {
    const all = await as('auditor').kernel.audit.entries.query({ limit: 1 });
    expect(all.total).toBeGreaterThan(20);
    const filed = await as('auditor').kernel.audit.entries.query({ actions: ['objection.file'], limit: 200 });
    expect(filed.items.length).toBe(filed.total);
    expect(filed.items.every((e) => e.action === 'objection.file')).toBe(true);
    const one = filed.items[0]!;
    // An entity id in the words finds its entries.
    const byId = await as('auditor').kernel.audit.entries.query({ q: one.entityId });
    expect(byId.items.map((e) => e.entityId)).toContain(one.entityId);
    expect(byId.items.every((e) => e.entityId.includes(one.entityId) || e.actorName?.includes(one.entityId))).toBe(
      true,
    );
    // Days in Beijing time: the entries were written today.
    const today = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Asia/Shanghai' }).format(new Date());
    expect((await as('auditor').kernel.audit.entries.query({ from: today, limit: 1 })).total).toBe(all.total);
    expect((await as('auditor').kernel.audit.entries.query({ to: '2000-01-01', limit: 1 })).total).toBe(0);

    // Pages of the log while entries are added: each seq once, none of the first snapshot missing.
    const top = all.items[0]!.seq;
    const paged = await allPages(
      (cursor) => as('auditor').kernel.audit.entries.query({ limit: 25, ...(cursor ? { cursor } : {}) }),
      () => object(t.fixture.hexiFinance, '河西').then(() => undefined),
    );
    const seqs = paged.items.map((e) => e.seq);
    expect(new Set(seqs).size).toBe(seqs.length);
    const first = seqs[0]!;
    expect(first).toBeGreaterThanOrEqual(top);
    // Every seq from the first page's newest down to 1 is there (the log has no holes below a signed head).
    expect(seqs.length).toBe(paged.total);

    // The query log: reads of integrity files by the officer, filtered by actor words and action.
    await as('officer').kernel.files.get.query({ subject: { kind: 'org', orgId: t.fixture.hexiFinance } });
    const reads = await as('auditor').kernel.audit.accessLog.query({ q: 'officer', actions: ['file.read'] });
    expect(reads.total).toBeGreaterThan(0);
    expect(reads.items.every((a) => a.action === 'file.read' && a.actorName.includes('officer'))).toBe(true);
    expect(
      (await as('auditor').kernel.audit.accessLog.query({ subjectKind: 'person', q: t.fixture.hexiFinance })).total,
    ).toBe(0);
    expect(
      (await as('auditor').kernel.audit.accessLog.query({ subjectKind: 'org', q: t.fixture.hexiFinance })).total,
    ).toBeGreaterThan(0);
    // A district auditor is refused the city-wide logs.
    expect(await failure(as('hexi.auditor').kernel.audit.entries.query({}))).toMatchObject({ httpStatus: 403 });
  }, 120_000);
});
