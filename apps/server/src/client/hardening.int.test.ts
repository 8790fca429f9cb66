/**
 * The smaller findings of a security review, each over HTTP. Every one of these failed before its fix: the receipt
 * lookup had no limit, the report link took the caller's origin, PDFs with JavaScript and image polyglots were
 * accepted, a signed-in user could batch 20 PDF exports, public.districts listed district departments, and the
 * record-type filter refused plugin types with a dash.
 */
import { createCheckpoint, TEST_SECRETS } from '@chengxin/kernel';
import { testEngines } from '@chengxin/db/testing';
import { startTestServer, TEST_PASSWORD, type TestServer } from '../testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createClient, TRPCClientError } from '@chengxin/client';

async function failure(p: Promise<unknown>) {
  const e = await p.then(
    () => null,
    (error: unknown) => error,
  );
  expect(e, 'expected the call to fail').toBeInstanceOf(TRPCClientError);
  return (e as { data: { httpStatus: number; appCode: string; field: string | null } }).data;
}

const jpeg = (extra = '') =>
  Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 16]), Buffer.from(`JFIF${extra}`), Buffer.from([0xff, 0xd9])]);
const pdf = (body: string) =>
  Buffer.from(`%PDF-1.4\n1 0 obj << /Type /Catalog ${body} >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n`, 'latin1');

describe.each(testEngines())('smaller hardening items on %s', (engine) => {
  let t: TestServer;
  const anon = () => createClient(t.url, undefined, { maxBatch: 1 });
  beforeAll(async () => {
    t = await startTestServer(engine);
    await createCheckpoint(t.database.db, TEST_SECRETS.audit);
  }, 120_000);
  afterAll(async () => t?.close());

  it('limits complaint receipt lookups per address', async () => {
    const api = anon();
    const answers: number[] = [];
    for (let i = 0; i < 22; i++)
      answers.push(
        await api.kernel.complaints.status.query({ receiptCode: `TJ2026${String(i).padStart(6, '0')}` }).then(
          () => 200,
          (e: unknown) => (e as { data: { httpStatus: number } }).data.httpStatus,
        ),
      );
    expect(answers.slice(0, 20).every((s) => s !== 429)).toBe(true);
    expect(answers.at(-1)).toBe(429);
  });

  it("puts the configured public address in the report, never the caller's origin", async () => {
    const file = await anon().kernel.public.reportFile.query({
      orgId: t.fixture.hexiFinance,
      format: 'html',
      origin: 'https://evil.example',
    });
    expect(file.content).not.toContain('evil.example');
  });

  it('refuses PDFs with scripts or automatic actions and image polyglots; accepts plain files', async () => {
    const send = (contentType: 'image/jpeg' | 'application/pdf', bytes: Buffer) =>
      anon().kernel.public.complain.mutate({
        category: 'other',
        content: '附件测试：内容足够长的投诉',
        anonymous: true,
        attachments: [{ filename: 'a', contentType, dataBase64: bytes.toString('base64') }],
      });
    for (const bad of [
      pdf('/OpenAction << /S /JavaScript /JS (app.alert(1)) >>'),
      pdf('/Names << /J#61vaScript 2 0 R >>'),
      pdf('/AA << /O 3 0 R >> /Launch'),
    ]) {
      expect(await failure(send('application/pdf', bad))).toMatchObject({
        httpStatus: 400,
        appCode: 'ATTACHMENT_ACTIVE_CONTENT',
        field: 'attachments.0',
      });
    }
    expect(await failure(send('image/jpeg', jpeg('<script>alert(1)</script>')))).toMatchObject({
      httpStatus: 400,
      appCode: 'ATTACHMENT_ACTIVE_CONTENT',
    });
    expect(await failure(send('image/jpeg', Buffer.concat([jpeg(), pdf('')])))).toMatchObject({
      httpStatus: 400,
      appCode: 'ATTACHMENT_ACTIVE_CONTENT',
    });
    expect((await send('image/jpeg', jpeg())).receiptCode).toBeTruthy();
    expect(
      (
        await createClient(t.url, undefined, { maxBatch: 1 }).kernel.public.complain.mutate({
          category: 'other',
          content: '附件测试：另一份足够长的投诉',
          anonymous: true,
          attachments: [
            { filename: 'b.pdf', contentType: 'application/pdf', dataBase64: pdf('/Pages 2 0 R').toString('base64') },
          ],
        })
      ).receiptCode,
    ).toBeTruthy();
  });

  it('caps a batch, and limits expensive exports per user', async () => {
    const paths = Array.from({ length: 25 }, () => 'kernel.public.districts').join(',');
    const res = await fetch(`${t.url}/trpc/${paths}?batch=1&input=${encodeURIComponent(JSON.stringify({}))}`);
    expect(res.status).toBe(400);
    expect(JSON.stringify(await res.json())).toContain('BATCH_TOO_LARGE');
    const officer = createClient(t.url, { username: 'officer', password: TEST_PASSWORD }, { maxBatch: 20 });
    const exports = await Promise.all(
      Array.from({ length: 20 }, () =>
        officer.kernel.files.export
          .query({ subject: { kind: 'org', orgId: t.fixture.hexiFinance }, format: 'html' })
          .then(
            () => 'ok',
            (e: unknown) => (e as { data: { appCode: string } }).data.appCode,
          ),
      ),
    );
    expect(exports.filter((x) => x === 'ok')).toHaveLength(10);
    expect(exports.filter((x) => x === 'EXPENSIVE_THROTTLED')).toHaveLength(10);
  });

  it('lists the districts only (not district departments) and filters by every record type it lists', async () => {
    const districts = await anon().kernel.public.districts.query();
    expect(districts.map((d) => d.name).sort()).toEqual(['天津市南开区人民政府', '天津市河西区人民政府']);
    const types = await anon().kernel.public.recordTypes.query();
    const dashed = types.find((x) => x.key.includes('-'));
    expect(dashed).toBeTruthy();
    expect((await anon().kernel.public.search.query({ q: '天津', recordType: dashed!.key })).items).toBeDefined();
  });
});
