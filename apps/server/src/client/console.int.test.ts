/**
 * kernel.console over HTTP: the admin home page's counts and charts within the caller's scope, the latest activity,
 * and bulk lifecycle moves (all or nothing, scope-checked for every record named).
 */
import { rows } from '@chengxin/db';
import { testEngines } from '@chengxin/db/testing';
import { startTestServer, TEST_PASSWORD, type TestServer } from '../testing';
import { sql } from 'drizzle-orm';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createClient, TRPCClientError } from '@chengxin/client';

async function failure(p: Promise<unknown>) {
  const e = await p.then(
    () => null,
    (error: unknown) => error,
  );
  expect(e, 'expected the call to fail').toBeInstanceOf(TRPCClientError);
  return (e as { data: { httpStatus: number; appCode: string; field: string | null; messageZh: string } }).data;
}

let serial = 0;
const penalty = (orgId: string, decisionDate: string, severity: 'minor' | 'ordinary' | 'serious' = 'ordinary') => ({
  subject: { kind: 'org' as const, orgId },
  typeKey: 'administrative_penalty',
  payload: { penaltyCategories: ['warning'], penaltyContent: '警告' },
  severity,
  facts: '拖欠中小企业账款',
  legalBasis: '《保障中小企业款项支付条例》第八条',
  decisionNo: `控〔2026〕${++serial}号`,
  decisionDate,
  issuingAuthority: '天津市财政局',
  disclosureScope: 'public' as const,
});

describe.each(testEngines())('kernel.console over HTTP on %s', (engine) => {
  let t: TestServer;
  const clients = new Map<string, ReturnType<typeof createClient>>();
  const as = (user: string) =>
    clients.get(user) ?? clients.set(user, createClient(t.url, { username: user, password: TEST_PASSWORD })).get(user)!;
  const status = async (id: string) =>
    (await rows<{ status: string }>(t.database.db, sql`select status from kernel.credit_record where id = ${id}`))[0]!
      .status;

  beforeAll(async () => {
    t = await startTestServer(engine);
  }, 120_000);
  afterEach(() => {
    delete process.env['CHENGXIN_TODAY'];
  });
  afterAll(async () => t?.close());

  it('counts records by state, severity, district and month, each within the caller scope', async () => {
    process.env['CHENGXIN_TODAY'] = '2026-03-20';
    const hexi1 = await as('officer').kernel.records.create.mutate(
      penalty(t.fixture.hexiFinance, '2026-02-10', 'serious'),
    );
    const hexi2 = await as('officer').kernel.records.create.mutate(penalty(t.fixture.hexiStreet, '2026-03-02'));
    const nankai = await as('officer').kernel.records.create.mutate(penalty(t.fixture.nankai, '2026-03-05', 'minor'));
    const old = await as('officer').kernel.records.create.mutate(penalty(t.fixture.nankai, '2024-01-05'));
    await as('officer').kernel.console.submitMany.mutate({ recordIds: [hexi1.id, hexi2.id, nankai.id, old.id] });
    await as('officer').kernel.records.create.mutate(penalty(t.fixture.hexiFinance, '2026-03-03')); // a draft: counted by state, not in the chart

    const city = await as('viewer').kernel.console.overview.query({ months: 3 });
    expect(city.asOf).toBe('2026-03-20');
    expect(city.months).toEqual(['2026-01', '2026-02', '2026-03']);
    expect(city.byStatus.find((s) => s.status === 'submitted')?.count).toBe(4);
    expect(city.byStatus.find((s) => s.status === 'draft')?.count).toBe(1);
    expect(Object.fromEntries(city.bySeverity.map((s) => [s.severity, s.count]))).toEqual({
      serious: 1,
      ordinary: 2,
      minor: 1,
    });
    const byName = Object.fromEntries(city.byDistrict.map((d) => [d.orgName, d.counts]));
    expect(byName).toEqual({ 天津市河西区人民政府: [0, 1, 1], 天津市南开区人民政府: [0, 0, 1] });
    expect(city.byDistrict[0]).toMatchObject({ orgId: t.fixture.hexi, total: 2 });

    const hexi = await as('hexi.viewer').kernel.console.overview.query({ months: 3 });
    expect(hexi.byStatus.find((s) => s.status === 'submitted')?.count).toBe(2);
    expect(hexi.byDistrict.map((d) => d.orgName)).toEqual(['天津市河西区人民政府']);
    expect(await failure(createClient(t.url).kernel.console.overview.query({}))).toMatchObject({ httpStatus: 401 });
  });

  it('lists the latest record moves with who made them, newest first, only within scope', async () => {
    const r = await as('officer').kernel.records.create.mutate(penalty(t.fixture.nankai, '2026-01-12'));
    await as('officer').kernel.records.submit.mutate({ recordId: r.id });
    const city = await as('viewer').kernel.console.activity.query({ limit: 5 });
    expect(city[0]).toMatchObject({
      recordId: r.id,
      action: 'submit',
      fromStatus: 'draft',
      toStatus: 'submitted',
      actorName: 'officer',
      orgName: '天津市南开区人民政府',
      typeKey: 'administrative_penalty',
    });
    const hexi = await as('hexi.viewer').kernel.console.activity.query({ limit: 100 });
    expect(hexi.length).toBeGreaterThan(0);
    expect(hexi.every((a) => a.orgName.includes('河西'))).toBe(true);
  });

  it('moves records in bulk, all or nothing, a rejection only with a reason, every record inside the scope', async () => {
    const a = await as('hexi.officer').kernel.records.create.mutate(penalty(t.fixture.hexiFinance, '2026-01-20'));
    const b = await as('hexi.officer').kernel.records.create.mutate(penalty(t.fixture.hexiStreet, '2026-01-21'));
    const out = await as('officer').kernel.records.create.mutate(penalty(t.fixture.nankai, '2026-01-22'));
    expect(await as('hexi.officer').kernel.console.submitMany.mutate({ recordIds: [a.id, b.id] })).toEqual({
      moved: 2,
    });
    await as('officer').kernel.records.submit.mutate({ recordId: out.id });

    // One record outside 河西区: refused before anything runs.
    expect(
      await failure(
        as('hexi.reviewer').kernel.console.reviewMany.mutate({ action: 'approve', recordIds: [a.id, out.id] }),
      ),
    ).toMatchObject({ httpStatus: 403, appCode: 'OUT_OF_SCOPE' });
    // An officer may not review.
    expect(
      await failure(as('hexi.officer').kernel.console.reviewMany.mutate({ action: 'approve', recordIds: [a.id] })),
    ).toMatchObject({ httpStatus: 403, appCode: 'PERMISSION_DENIED' });
    // A rejection without a reason names the field.
    expect(
      await failure(as('hexi.reviewer').kernel.console.reviewMany.mutate({ action: 'reject', recordIds: [a.id] })),
    ).toMatchObject({ httpStatus: 400, appCode: 'REASON_REQUIRED', field: 'reason' });
    // Publishing records not yet approved: nothing moves.
    expect(
      await failure(
        as('hexi.reviewer').kernel.console.reviewMany.mutate({ action: 'publish', recordIds: [a.id, b.id] }),
      ),
    ).toMatchObject({ httpStatus: 409, appCode: 'RECORD_ILLEGAL_TRANSITION' });
    expect([await status(a.id), await status(b.id)]).toEqual(['submitted', 'submitted']);

    expect(
      await as('hexi.reviewer').kernel.console.reviewMany.mutate({ action: 'approve', recordIds: [a.id, b.id] }),
    ).toEqual({ moved: 2 });
    expect(
      await as('hexi.reviewer').kernel.console.reviewMany.mutate({
        action: 'publish',
        recordIds: [a.id, b.id],
        reason: '批量公示',
      }),
    ).toEqual({ moved: 2 });
    expect([await status(a.id), await status(b.id)]).toEqual(['published', 'published']);
    const audit = await rows<{ n: number }>(
      t.database.db,
      sql`select count(*)::int as n from kernel.audit_log where action = 'record.publish' and entity_id in (${a.id}, ${b.id})`,
    );
    expect(Number(audit[0]!.n)).toBe(2);
  });
});
