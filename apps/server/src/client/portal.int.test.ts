/**
 * The disclosure portal's procedures (kernel.public.*) over HTTP, anonymous, on both engines: two-character search
 * with ranking and filters, a body's integrity page (disputed, repaired), a credit report verified against the signed
 * checkpoint (and a forged and a stale one refused), complaint attachments checked, open data and its change feed.
 */
import { createCheckpoint, TEST_SECRETS } from '@chengxin/kernel';
import { usccFor } from '@chengxin/kernel/testing';
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

const penalty = (
  orgId: string,
  decisionNo: string,
  decisionDate: string,
  severity: 'ordinary' | 'serious' = 'ordinary',
  disclosureScope: 'public' | 'government' = 'public',
) => ({
  subject: { kind: 'org' as const, orgId },
  typeKey: 'administrative_penalty',
  payload: { penaltyCategories: ['warning'], penaltyContent: '警告' },
  severity,
  facts: '拖欠中小企业账款，经办人电话13900001111',
  legalBasis: '《保障中小企业款项支付条例》第八条',
  decisionNo,
  decisionDate,
  issuingAuthority: '天津市财政局',
  disclosureScope,
});

describe.each(testEngines())('public portal procedures over HTTP on %s', (engine) => {
  let t: TestServer;
  let officer: ReturnType<typeof createClient>;
  let reviewer: ReturnType<typeof createClient>;
  let anon: ReturnType<typeof createClient>;
  const ids = {} as Record<'shown' | 'internal' | 'old' | 'repaired' | 'disputed' | 'draft', string>;
  let since: string;

  const publish = async (input: ReturnType<typeof penalty>) => {
    const draft = await officer.kernel.records.create.mutate(input);
    await officer.kernel.records.submit.mutate({ recordId: draft.id });
    await reviewer.kernel.records.approve.mutate({ recordId: draft.id });
    return reviewer.kernel.records.publish.mutate({ recordId: draft.id });
  };

  beforeAll(async () => {
    t = await startTestServer(engine);
    officer = createClient(t.url, { username: 'officer', password: TEST_PASSWORD });
    reviewer = createClient(t.url, { username: 'reviewer', password: TEST_PASSWORD });
    anon = createClient(t.url);
    since = new Date(Date.now() - 1000).toISOString();
    ids['shown'] = (await publish(penalty(t.fixture.hexiFinance, '河西财罚〔2026〕1号', '2026-06-01'))).id;
    ids['internal'] = (
      await publish(penalty(t.fixture.hexiFinance, '河西财罚〔2026〕2号', '2026-06-02', 'ordinary', 'government'))
    ).id;
    // Decided under the 2019 values (12 months): its window has closed. Corrected (issue 25, finding 10): a 2024 decision
    // now falls under 58号令 (up to 3 years) and would still be public.
    ids['old'] = (await publish(penalty(t.fixture.hexiFinance, '河西财罚〔2023〕3号', '2023-01-10'))).id;
    ids['repaired'] = (await publish(penalty(t.fixture.hexiFinance, '河西财罚〔2026〕4号', '2026-06-03'))).id;
    const repair = await officer.kernel.repairs.file.mutate({
      recordId: ids['repaired'],
      applicantName: '天津市河西区财政局',
      proof: '已全额支付',
      promiseSigned: true,
    });
    await reviewer.kernel.repairs.decide.mutate({ id: repair.id, approve: true, reason: '已履行义务并提交信用承诺书' });
    ids['disputed'] = (await publish(penalty(t.fixture.hexiFinance, '河西财罚〔2026〕5号', '2026-06-04'))).id;
    await officer.kernel.objections.file.mutate({
      recordId: ids['disputed'],
      applicantKind: 'subject',
      applicantName: '天津市河西区财政局',
      reasons: '款项已付清',
    });
    ids['draft'] = (
      await officer.kernel.records.create.mutate(penalty(t.fixture.hexiFinance, '河西财罚〔2026〕6号', '2026-06-05'))
    ).id;
    await createCheckpoint(t.database.db, TEST_SECRETS.audit);
  }, 180_000);
  afterAll(async () => t?.close());

  it('search: two characters through the index, ranked code > exact name > prefix > substring, filters, cursor', async () => {
    const hexi = await anon.kernel.public.search.query({ q: '河西' });
    const names = hexi.items.map((i) => i.kind === 'body' && i.name);
    expect(names).toEqual(
      expect.arrayContaining(['天津市河西区人民政府', '天津市河西区财政局', '天津市河西区友谊路街道办事处']),
    );
    expect(names).not.toContain('天津市南开区人民政府');
    const finance = hexi.items.find((i) => i.id === t.fixture.hexiFinance)!;
    expect(finance).toMatchObject({
      kind: 'body',
      districtName: '天津市河西区人民政府',
      publicRecords: 2,
      match: 'substring',
    });
    const exact = await anon.kernel.public.search.query({ q: '天津市河西区财政局' });
    expect(exact.items[0]).toMatchObject({ id: t.fixture.hexiFinance, match: 'name' });
    const prefix = await anon.kernel.public.search.query({ q: '天津市' });
    expect(prefix.items.every((i) => i.match === 'prefix')).toBe(true);
    const uscc = (await anon.kernel.public.body.query({ orgId: t.fixture.hexiFinance })).body.uscc;
    expect((await anon.kernel.public.search.query({ q: uscc.toLowerCase() })).items[0]).toMatchObject({
      id: t.fixture.hexiFinance,
      match: 'code',
    });
    expect((await anon.kernel.public.search.query({ q: '河西', level: 'street' })).items.map((i) => i.id)).toEqual([
      t.fixture.hexiStreet,
    ]);
    expect(
      (await anon.kernel.public.search.query({ q: '河西', recordType: 'administrative_penalty' })).items.map(
        (i) => i.id,
      ),
    ).toEqual([t.fixture.hexiFinance]);
    expect(
      (await anon.kernel.public.search.query({ q: '人民政府', districtId: t.fixture.nankai })).items.map((i) => i.id),
    ).toEqual([t.fixture.nankai]);
    const page1 = await anon.kernel.public.search.query({ q: '天津', limit: 2 });
    const page2 = await anon.kernel.public.search.query({ q: '天津', limit: 2, cursor: page1.nextCursor! });
    expect(page1.items.length + page2.items.length).toBe(4);
    expect(new Set([...page1.items, ...page2.items].map((i) => i.id)).size).toBe(4);
    expect(await failure(anon.kernel.public.search.query({ q: '天津', cursor: 'bogus' }))).toMatchObject({
      httpStatus: 400,
      appCode: 'CURSOR_INVALID',
    });
    // Tiers merge without loss or repetition: a prefix match first, then the substring ones, page by page as in one page.
    const admin = createClient(t.url, { username: 'admin', password: TEST_PASSWORD });
    const archive = (
      await admin.kernel.orgs.create.mutate({
        parentId: t.fixture.hexi,
        name: '河西区档案馆',
        uscc: usccFor('120103', 77),
        level: 'district',
        kind: 'institution',
        areaCode: '120103',
      })
    ).org.id;
    const all = await anon.kernel.public.search.query({ q: '河西', limit: 50 });
    expect(all.items[0]).toMatchObject({ id: archive, match: 'prefix' });
    const paged: string[] = [];
    let next: string | undefined;
    do {
      const p = await anon.kernel.public.search.query({ q: '河西', limit: 1, cursor: next });
      paged.push(...p.items.map((i) => i.id));
      next = p.nextCursor ?? undefined;
    } while (next);
    expect(paged).toEqual(all.items.map((i) => i.id));
    // No civil servant has a public record: none is found, and no page exists for them.
    expect((await anon.kernel.public.search.query({ q: '张建国', kind: 'person' })).items).toEqual([]);
    expect(await failure(anon.kernel.public.person.query({ personId: t.fixture.official }))).toMatchObject({
      httpStatus: 404,
      appCode: 'PERSON_NOT_PUBLIC',
    });
  });

  it('integrity page: only published, public, in-window records; disputed marked; the repair as a note; phone numbers hidden', async () => {
    const page = await anon.kernel.public.body.query({ orgId: t.fixture.hexiFinance });
    expect(page.records.map((r) => r.decisionNo).sort()).toEqual(['河西财罚〔2026〕1号', '河西财罚〔2026〕5号']);
    expect(page.records.find((r) => r.id === ids['disputed'])).toMatchObject({ disputed: true, remarks: '异议处理中' });
    expect(page.records[0]!.facts).not.toContain('13900001111');
    expect(page.records[0]).toMatchObject({
      legalRepresentative: '张建国',
      authority: '天津市财政局',
      publicationEnd: expect.any(String),
    });
    expect(page.repairs).toHaveLength(1);
    expect(page.repairs[0]!.noteZh).toMatch(/经信用修复提前终止公示/);
    expect(JSON.stringify(page)).not.toContain(t.fixture.officialIdNumber);
    expect(
      await failure(anon.kernel.public.body.query({ orgId: t.fixture.hexiFinance, asOf: '2999-01-01' })),
    ).toMatchObject({ httpStatus: 400, appCode: 'AS_OF_IN_FUTURE' });
  });

  it('credit report: PDF with the font and QR, verified against the signed checkpoint; forged and stale reports refused', async () => {
    const report = await anon.kernel.public.report.query({ orgId: t.fixture.hexiFinance });
    expect(report.reportNo).toMatch(/^XYBG-\d{8}-\d+-[0-9A-F]{8}$/);
    const pdf = await anon.kernel.public.reportFile.query({
      orgId: t.fixture.hexiFinance,
      format: 'pdf',
      origin: 'http://portal.example',
    });
    const bytes = Buffer.from(pdf.content, 'base64');
    expect(bytes.subarray(0, 5).toString()).toBe('%PDF-');
    expect(bytes.toString('latin1')).toMatch(/FontFile2/);
    expect(bytes.toString('latin1')).toMatch(/\/Subtype \/Image/);
    expect(pdf.reportNo).toBe(report.reportNo);
    const html = await anon.kernel.public.reportFile.query({ orgId: t.fixture.hexiFinance, format: 'html' });
    expect(html.content).toContain(report.verificationCode);
    expect(html.content).toContain('data:image/png;base64,');

    const ok = await anon.kernel.public.verifyReport.query({
      uscc: report.body.uscc,
      reportNo: report.reportNo,
      verificationCode: report.verificationCode,
    });
    expect(ok).toMatchObject({
      valid: true,
      sealed: true,
      checkpoint: { seq: report.checkpoint.seq, signatureValid: true, inChain: true },
      report: { dishonesty: 2 },
    });
    const forged = await anon.kernel.public.verifyReport.query({
      uscc: report.body.uscc,
      reportNo: report.reportNo,
      verificationCode: '0000-0000-0000-0000',
    });
    expect(forged).toMatchObject({ valid: false, reasons: [{ code: 'REPORT_MISMATCH' }] });
    const otherBody = await anon.kernel.public.verifyReport.query({
      uscc: (await anon.kernel.public.body.query({ orgId: t.fixture.nankai })).body.uscc,
      reportNo: report.reportNo,
      verificationCode: report.verificationCode,
    });
    expect(otherBody.valid).toBe(false);
    expect(
      (
        await anon.kernel.public.verifyReport.query({
          uscc: report.body.uscc,
          reportNo: 'XYBG-20260101-99999-ABCDEF12',
          verificationCode: 'x',
        })
      ).reasons[0]!.code,
    ).toBe('CHECKPOINT_NOT_FOUND');

    // The data changes after the report: the same report no longer verifies (stale), a new one does.
    await reviewer.kernel.records.revoke.mutate({ recordId: ids['disputed'], reason: '原处罚决定已被撤销' });
    const stale = await anon.kernel.public.verifyReport.query({
      uscc: report.body.uscc,
      reportNo: report.reportNo,
      verificationCode: report.verificationCode,
    });
    expect(stale).toMatchObject({ valid: false, reasons: [{ code: 'REPORT_MISMATCH' }] });
    const fresh = await anon.kernel.public.report.query({ orgId: t.fixture.hexiFinance });
    expect(fresh.records.map((r) => r.id)).toEqual([ids['shown']]);
    expect(
      (
        await anon.kernel.public.verifyReport.query({
          uscc: fresh.body.uscc,
          reportNo: fresh.reportNo,
          verificationCode: fresh.verificationCode,
        })
      ).valid,
    ).toBe(true);
  });

  it('complaints: attachments checked by content and size; receipt code followed anonymously', async () => {
    const pdf = Buffer.from('%PDF-1.4\n% test\n').toString('base64');
    const filed = await anon.kernel.public.complain.mutate({
      category: 'payment',
      aboutOrgId: t.fixture.hexiFinance,
      content: '拖欠工程款一年未付',
      anonymous: true,
      attachments: [{ filename: '合同.pdf', contentType: 'application/pdf', dataBase64: pdf }],
    });
    expect(filed.receiptCode).toMatch(/^TS\d{8}[2-9A-Z]{6}$/);
    expect(await anon.kernel.complaints.status.query({ receiptCode: filed.receiptCode })).toMatchObject({
      status: 'received',
    });
    const fake = Buffer.from('MZ this is an executable').toString('base64');
    expect(
      await failure(
        anon.kernel.public.complain.mutate({
          category: 'payment',
          content: '另一件事情的投诉内容',
          anonymous: true,
          attachments: [{ filename: 'x.png', contentType: 'image/png', dataBase64: fake }],
        }),
      ),
    ).toMatchObject({ httpStatus: 400, appCode: 'ATTACHMENT_TYPE', field: 'attachments.0' });
    const big = Buffer.concat([Buffer.from('%PDF-'), Buffer.alloc(1536 * 1024)]).toString('base64');
    expect(
      await failure(
        anon.kernel.public.complain.mutate({
          category: 'payment',
          content: '第三件事情的投诉内容',
          anonymous: true,
          attachments: [{ filename: 'big.pdf', contentType: 'application/pdf', dataBase64: big }],
        }),
      ),
    ).toMatchObject({ httpStatus: 400 });
    expect(
      await failure(
        anon.kernel.public.complain.mutate({
          category: 'payment',
          content: '第四件事情的投诉内容',
          anonymous: true,
          attachments: [
            { filename: 'a.exe', contentType: 'application/x-msdownload' as 'application/pdf', dataBase64: pdf },
          ],
        }),
      ),
    ).toMatchObject({ httpStatus: 400, appCode: 'INPUT_INVALID' });
  });

  it('open data: the same records as the pages in the 双公示 fields, CSV and JSON; changes since as ADD / DEL', async () => {
    const fields = await anon.kernel.public.openData.fields.query();
    expect(fields.map((f) => f.code)).toEqual([
      'subjectName',
      'subjectCategory',
      'uscc',
      'legalRepresentative',
      'decisionNo',
      'violationType',
      'facts',
      'legalBasis',
      'penaltyCategory',
      'penaltyContent',
      'fineWan',
      'confiscationWan',
      'licence',
      'decisionDate',
      'validUntil',
      'publicationEnd',
      'authority',
      'authorityCode',
      'sourceOrg',
      'sourceOrgCode',
      'remarks',
    ]);
    const json = await anon.kernel.public.openData.records.query({ format: 'json', limit: 1000 });
    const page = await anon.kernel.public.body.query({ orgId: t.fixture.hexiFinance });
    expect(json.items.map((r) => r.recordId).sort()).toEqual(page.records.map((r) => r.id).sort());
    const csv = await anon.kernel.public.openData.records.query({ format: 'csv', limit: 1000 });
    const lines = csv.csv!.trim().split('\r\n');
    expect(lines[0]).toBe(['recordId', ...fields.map((f) => f.code)].join(','));
    expect(lines).toHaveLength(json.items.length + 1);
    const changes = await anon.kernel.public.openData.changes.query({ since, limit: 1000 });
    const op = (id: string) => changes.items.find((c) => c.recordId === id)?.op;
    expect(op(ids['shown']!)).toBe('ADD');
    expect(changes.items.find((c) => c.recordId === ids['shown'])!.record).toMatchObject({
      decisionNo: '河西财罚〔2026〕1号',
    });
    for (const hidden of ['internal', 'old', 'repaired', 'draft', 'disputed'] as const)
      expect(op(ids[hidden])).toBeUndefined();
    // Read up to `until`, then a record leaves publication: it is a DEL in the next read.
    await reviewer.kernel.records.revoke.mutate({ recordId: ids['shown']!, reason: '原处罚决定已被撤销' });
    const next = await anon.kernel.public.openData.changes.query({ since: changes.until, limit: 1000 });
    expect(next.items.find((c) => c.recordId === ids['shown'])).toMatchObject({ op: 'DEL', record: null });
  });
});
