/**
 * Complaints for their handlers over real HTTP (issue 21, item 11): the attachments a complainant sent are served to a
 * handler who may read the complaint — through the session or a token, scope-checked, never to the public, with their
 * own type, nosniff and a Content-Disposition — and a complaint whose body was named only in words is resolved to a body
 * of the org tree (permission, scope over the chosen body, audit entry, routed to that body; listed until then as
 * 待确定被投诉单位 with a filter).
 */
import { rows } from '@chengxin/db';
import { testEngines } from '@chengxin/db/testing';
import { createClient, TRPCClientError } from '@chengxin/client';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, TEST_PASSWORD, type TestServer } from '../testing';

/** A real 4×4 PNG (made with sharp), so the server's decoder can read it. */
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAQAAAAECAIAAAAmkwkpAAAACXBIWXMAAAPoAAAD6AG1e1JrAAAAEUlEQVQImWM4w8AARwgWXg4AWIMMwVLWc8oAAAAASUVORK5CYII=',
  'base64',
);
const PDF = Buffer.from(
  '%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n',
);

async function failure(p: Promise<unknown>) {
  const e = await p.then(
    () => null,
    (error: unknown) => error,
  );
  expect(e, 'expected the call to fail').toBeInstanceOf(TRPCClientError);
  return (e as { data: { httpStatus: number; appCode: string; field: string | null } }).data;
}

describe.each(testEngines())('complaint handling on %s', (engine) => {
  let t: TestServer;
  const clients = new Map<string, ReturnType<typeof createClient>>();
  const as = (user: string) =>
    clients.get(user) ?? clients.set(user, createClient(t.url, { username: user, password: TEST_PASSWORD })).get(user)!;
  /** A session cookie for `user`, as the console's browser holds it. */
  const cookieOf = async (user: string) => {
    const res = await fetch(`${t.url}/trpc/kernel.auth.login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: user, password: TEST_PASSWORD }),
    });
    return res.headers.getSetCookie()[0]!.split(';')[0]!;
  };
  let serial = 0;
  const complain = (extra: Record<string, unknown>) =>
    createClient(t.url).kernel.public.complain.mutate({
      category: 'other',
      content: `承诺的补贴至今未兑现 ${++serial}`,
      anonymous: true,
      ...extra,
    } as Parameters<ReturnType<typeof createClient>['kernel']['public']['complain']['mutate']>[0]);
  const byReceipt = async (user: string, receiptCode: string) =>
    (await as(user).kernel.complaints.list.query({ limit: 200 })).find((c) => c.receiptCode === receiptCode);

  beforeAll(async () => {
    t = await startTestServer(engine);
  }, 120_000);
  afterAll(async () => t?.close());

  it('serves a complaint’s attachments to its handlers only: typed, nosniff, with a Content-Disposition', async () => {
    const { receiptCode } = await complain({
      aboutOrgId: t.fixture.hexiFinance,
      attachments: [
        { filename: '现场照片.png', contentType: 'image/png', dataBase64: PNG.toString('base64') },
        { filename: '通知书.pdf', contentType: 'application/pdf', dataBase64: PDF.toString('base64') },
      ],
    });
    const c = (await byReceipt('hexi.reviewer', receiptCode))!;
    expect(c.attachments.map((a) => [a.filename, a.contentType])).toEqual([
      ['现场照片.png', 'image/png'],
      ['通知书.pdf', 'application/pdf'],
    ]);
    const [image, pdf] = c.attachments;
    const url = (a: { id: string }, complaintId = c.id) =>
      `${t.url}/files/complaints/${complaintId}/attachments/${a.id}`;
    // A handler in 河西 with the console's session cookie sees the picture as stored (re-encoded PNG).
    const cookie = await cookieOf('hexi.reviewer');
    const shown = await fetch(url(image!), { headers: { cookie } });
    expect(shown.status).toBe(200);
    expect(shown.headers.get('content-type')).toBe('image/png');
    expect(shown.headers.get('x-content-type-options')).toBe('nosniff');
    expect(shown.headers.get('content-disposition')).toBe(
      `inline; filename="attachment.png"; filename*=UTF-8''${encodeURIComponent('现场照片.png')}`,
    );
    expect(shown.headers.get('content-security-policy')).toContain('sandbox');
    expect(shown.headers.get('cache-control')).toBe('private, no-store');
    const [stored] = await rows<{ content: Uint8Array }>(
      t.database.db,
      sql`select content from kernel.complaint_attachment where id = ${image!.id}`,
    );
    expect(Buffer.from(await shown.arrayBuffer())).toEqual(Buffer.from(stored!.content));
    // A PDF is downloaded, never rendered in the console's origin.
    const downloaded = await fetch(url(pdf!), { headers: { cookie } });
    expect(downloaded.headers.get('content-type')).toBe('application/pdf');
    expect(downloaded.headers.get('content-disposition')).toMatch(/^attachment; filename="attachment\.pdf"/);
    // Nobody signed in: 401 (never public); a 河西 handler asking for a 南开 complaint's file: 403; an attachment named
    // under another complaint than its own: 404.
    expect((await fetch(url(image!))).status).toBe(401);
    const { receiptCode: other } = await complain({
      aboutOrgId: t.fixture.nankai,
      attachments: [{ filename: 'b.png', contentType: 'image/png', dataBase64: PNG.toString('base64') }],
    });
    const nankai = (await byReceipt('reviewer', other))!;
    expect((await fetch(url(nankai.attachments[0]!, nankai.id), { headers: { cookie } })).status).toBe(403);
    expect((await fetch(url(image!, nankai.id), { headers: { cookie: await cookieOf('reviewer') } })).status).toBe(404);
    const malformed = await fetch(`${t.url}/files/complaints/not-an-id/attachments/x`, { headers: { cookie } });
    expect(malformed.status).toBe(400);
    // The typed procedure answers the same, in scope only.
    const file = await as('hexi.reviewer').kernel.complaints.attachment.query({
      complaintId: c.id,
      attachmentId: image!.id,
    });
    expect(file).toMatchObject({ filename: '现场照片.png', contentType: 'image/png' });
    expect(
      await failure(
        as('hexi.reviewer').kernel.complaints.attachment.query({
          complaintId: nankai.id,
          attachmentId: nankai.attachments[0]!.id,
        }),
      ),
    ).toMatchObject({ httpStatus: 403 });
    // Handlers only: a reader without the handling permission (a record officer, a viewer) gets no file.
    for (const reader of ['hexi.officer', 'viewer'])
      expect(
        await failure(as(reader).kernel.complaints.attachment.query({ complaintId: c.id, attachmentId: image!.id })),
      ).toMatchObject({ httpStatus: 403, appCode: 'PERMISSION_DENIED' });
    expect((await fetch(url(image!), { headers: { cookie: await cookieOf('viewer') } })).status).toBe(403);
  });

  it('a body named in words is 待确定被投诉单位 until a handler covering the chosen body resolves it; then it goes there', async () => {
    const { receiptCode } = await complain({ aboutText: '河西区那个管补贴的局' });
    const c = (await byReceipt('officer', receiptCode))!;
    expect(c).toMatchObject({ aboutOrgId: null, bodyUnresolved: true, handlingOrgId: t.fixture.city });
    // The filter lists it, and not the complaints that named their body.
    const unresolved = await as('officer').kernel.complaints.list.query({ bodyUnresolved: true, limit: 200 });
    expect(unresolved.map((x) => x.id)).toContain(c.id);
    expect(unresolved.every((x) => x.bodyUnresolved)).toBe(true);
    // A 河西 handler cannot see it yet (it sits with the city), so cannot resolve it.
    expect(
      await failure(
        as('hexi.reviewer').kernel.complaints.resolveBody.mutate({ id: c.id, orgId: t.fixture.hexiFinance }),
      ),
    ).toMatchObject({ httpStatus: 403 });
    // A viewer may read but not resolve; an unknown body is named by field.
    expect(
      await failure(as('viewer').kernel.complaints.resolveBody.mutate({ id: c.id, orgId: t.fixture.hexiFinance })),
    ).toMatchObject({ httpStatus: 403 });
    const unknown = await failure(
      as('reviewer').kernel.complaints.resolveBody.mutate({ id: c.id, orgId: '01900000-0000-7000-8000-00000000dead' }),
    );
    expect(unknown.httpStatus).toBe(400);
    expect(unknown.field).toBeTruthy();
    const resolved = await as('reviewer').kernel.complaints.resolveBody.mutate({
      id: c.id,
      orgId: t.fixture.hexiFinance,
      note: '据描述为河西区财政局',
    });
    expect(resolved).toMatchObject({
      aboutOrgId: t.fixture.hexiFinance,
      handlingOrgId: t.fixture.hexiFinance,
      bodyUnresolved: false,
      aboutText: '河西区那个管补贴的局',
    });
    // Routed to that body: its handlers now have it; it left the filter.
    expect((await byReceipt('hexi.officer', receiptCode))?.id).toBe(c.id);
    expect(
      (await as('officer').kernel.complaints.list.query({ bodyUnresolved: true, limit: 200 })).map((x) => x.id),
    ).not.toContain(c.id);
    const [entry] = await rows<{ action: string; detail: Record<string, unknown> }>(
      t.database.db,
      sql`select action, detail from kernel.audit_log where entity_id = ${c.id} and action = 'complaint.resolve_body'`,
    );
    expect(entry!.detail).toMatchObject({ orgId: t.fixture.hexiFinance, fromHandlingOrgId: t.fixture.city });
    // Once known, it is not resolved again.
    expect(
      await failure(as('reviewer').kernel.complaints.resolveBody.mutate({ id: c.id, orgId: t.fixture.nankai })),
    ).toMatchObject({ httpStatus: 409, appCode: 'COMPLAINT_BODY_KNOWN' });
  });

  it('a handler must cover the body chosen: a 河西 handler of a complaint in words may not send it to 南开', async () => {
    const { receiptCode } = await complain({ aboutText: '某个区的局' });
    const c = (await byReceipt('officer', receiptCode))!;
    // The city office passed it down to 河西 while the body was still only described (as the daily job's escalation or
    // a referral leaves it): the 河西 handler now handles it.
    await t.database.db.execute(
      sql`update kernel.complaint set handling_org_id = ${t.fixture.hexi} where id = ${c.id}`,
    );
    expect(
      await failure(as('hexi.reviewer').kernel.complaints.resolveBody.mutate({ id: c.id, orgId: t.fixture.nankai })),
    ).toMatchObject({ httpStatus: 403 });
    const [n] = await rows<{ n: number }>(
      t.database.db,
      sql`select count(*)::int as n from kernel.complaint where id = ${c.id} and about_org_id is null`,
    );
    expect(Number(n!.n)).toBe(1);
    expect(
      await as('hexi.reviewer').kernel.complaints.resolveBody.mutate({ id: c.id, orgId: t.fixture.hexiStreet }),
    ).toMatchObject({ aboutOrgId: t.fixture.hexiStreet, handlingOrgId: t.fixture.hexiStreet });
  });
});
