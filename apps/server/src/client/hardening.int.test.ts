/**
 * The smaller findings of a security review, each over HTTP. Every one of these failed before its fix: the receipt
 * lookup had no limit, the report link took the caller's origin, PDFs with JavaScript were accepted and image
 * polyglots stored as sent, a signed-in user could batch 20 PDF exports, public.districts listed district departments, and the
 * record-type filter refused plugin types with a dash.
 */
import { createCheckpoint, TEST_SECRETS } from '@chengxin/kernel';
import { rows } from '@chengxin/db';
import { sql } from 'drizzle-orm';
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

/** A real 4×4 JPEG and PNG (made with sharp), so the server's decoder can read them. */
const JPEG = Buffer.from(
  '/9j/2wBDABALDA4MChAODQ4SERATGCgaGBYWGDEjJR0oOjM9PDkzODdASFxOQERXRTc4UG1RV19iZ2hnPk1xeXBkeFxlZ2P/2wBDARESEhgVGC8aGi9jQjhCY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2NjY2P/wAARCAAEAAQDASIAAhEBAxEB/8QAFQABAQAAAAAAAAAAAAAAAAAAAAb/xAAUEAEAAAAAAAAAAAAAAAAAAAAA/8QAFQEBAQAAAAAAAAAAAAAAAAAABQb/xAAUEQEAAAAAAAAAAAAAAAAAAAAA/9oADAMBAAIRAxEAPwCdAHrB/9k=',
  'base64',
);
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAQAAAAECAIAAAAmkwkpAAAACXBIWXMAAAPoAAAD6AG1e1JrAAAAEUlEQVQImWM4w8AARwgWXg4AWIMMwVLWc8oAAAAASUVORK5CYII=',
  'base64',
);
/** A JPEG comment segment (FF FE) carrying text, inserted after the SOI marker: a classic image/HTML polyglot. */
const withComment = (image: Buffer, text: string) => {
  const body = Buffer.from(text, 'latin1');
  const header = Buffer.from([0xff, 0xfe, (body.length + 2) >> 8, (body.length + 2) & 0xff]);
  return Buffer.concat([image.subarray(0, 2), header, body, image.subarray(2)]);
};
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

  it('refuses PDFs with scripts or automatic actions; accepts plain PDFs', async () => {
    const send = (bytes: Buffer) =>
      anon().kernel.public.complain.mutate({
        category: 'other',
        content: '附件测试：内容足够长的投诉',
        anonymous: true,
        attachments: [{ filename: 'a', contentType: 'application/pdf', dataBase64: bytes.toString('base64') }],
      });
    for (const bad of [
      pdf('/OpenAction << /S /JavaScript /JS (app.alert(1)) >>'),
      pdf('/Names << /J#61vaScript 2 0 R >>'),
      pdf('/AA << /O 3 0 R >> /Launch'),
    ]) {
      expect(await failure(send(bad))).toMatchObject({
        httpStatus: 400,
        appCode: 'ATTACHMENT_ACTIVE_CONTENT',
        field: 'attachments.0',
      });
    }
    expect((await send(pdf('/Pages 2 0 R'))).receiptCode).toBeTruthy();
  });

  // Failed before: images were only scanned and a polyglot was refused or, when the scan missed it, stored as sent.
  it('stores images re-encoded: a polyglot keeps its picture and loses what it hid; undecodable images are refused', async () => {
    const send = (contentType: 'image/jpeg' | 'image/png', bytes: Buffer, filename: string) =>
      anon().kernel.public.complain.mutate({
        category: 'other',
        content: `附件测试：图片重新编码 ${filename}`,
        anonymous: true,
        attachments: [{ filename, contentType, dataBase64: bytes.toString('base64') }],
      });
    const polyglots = {
      'comment.jpg': withComment(JPEG, '<script>alert(1)</script>'),
      'appended.jpg': Buffer.concat([JPEG, pdf('/OpenAction << /S /JavaScript /JS (app.alert(1)) >>')]),
      'appended.png': Buffer.concat([PNG, Buffer.from('<html><script>alert(1)</script></html>')]),
    };
    for (const [name, bytes] of Object.entries(polyglots))
      expect((await send(name.endsWith('.png') ? 'image/png' : 'image/jpeg', bytes, name)).receiptCode).toBeTruthy();
    const stored = await rows<{ filename: string; content: Uint8Array; contentType: string }>(
      t.database.db,
      sql`select filename, content, content_type as "contentType" from kernel.complaint_attachment
          where filename in ('comment.jpg', 'appended.jpg', 'appended.png')`,
    );
    expect(stored.map((a) => a.filename).sort()).toEqual(Object.keys(polyglots).sort());
    for (const a of stored) {
      const text = Buffer.from(a.content).toString('latin1');
      expect(text, a.filename).not.toMatch(/script|%PDF|html/i);
      if (a.contentType === 'image/png') expect(text.endsWith('IEND\xae\x42\x60\x82')).toBe(true);
      else expect(Buffer.from(a.content).subarray(-2)).toEqual(Buffer.from([0xff, 0xd9]));
    }
    // JPEG magic bytes with nothing decodable behind them, and a PNG declared as a JPEG.
    const fake = Buffer.concat([
      Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 16]),
      Buffer.from('JFIF'),
      Buffer.from([0xff, 0xd9]),
    ]);
    expect(await failure(send('image/jpeg', fake, 'fake.jpg'))).toMatchObject({
      httpStatus: 400,
      appCode: 'ATTACHMENT_UNREADABLE',
      field: 'attachments.0',
    });
    expect(await failure(send('image/png', JPEG, 'mislabelled.png'))).toMatchObject({
      httpStatus: 400,
      appCode: 'ATTACHMENT_TYPE',
    });
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
