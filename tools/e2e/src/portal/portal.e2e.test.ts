/**
 * The public portal in Debian's chromium against the seeded `chengxin start`: a two-character search, a body's
 * integrity page, a credit report downloaded as PDF and verified (and a forged code refused), a complaint filed with an
 * attachment and followed by its receipt code, a township board rated. No console errors; screenshots for the README.
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { openBrowser, type OpenBrowser } from '../browser';

// The smallest valid PNG (1×1), as a complaint's attachment.
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
  'base64',
);

describe('public portal', () => {
  const base = inject('baseUrl');
  let b: OpenBrowser;
  let bodyUrl = '';

  beforeAll(async () => {
    b = await openBrowser();
  });
  afterAll(async () => {
    expect(b.errors).toEqual([]);
    await b.close();
  });

  it('searches by two characters and opens a body with published records', async () => {
    const { page } = b;
    await page.goto(`${base}/`);
    await page.getByRole('heading', { name: '政务诚信信息公示' }).waitFor();
    await b.screenshot('portal-home');
    await page.getByLabel('查询关键词').fill('河西');
    await page.getByRole('button', { name: '查询', exact: true }).click();
    await page.waitForURL(/\/search\?q=/);
    await page.locator('.results li').first().waitFor();
    const titles = await page.locator('.results .title').allTextContents();
    expect(titles.length).toBeGreaterThan(3);
    for (const t of titles) expect(t).toContain('河西');
    await b.screenshot('portal-search');
    // A body that has records in publication: filter by record type, then open the first one with records.
    // Dishonesty and commendations are counted apart; a commendation is never red.
    const withRecords = page.locator('.results li', { hasText: '公示中失信记录' }).first();
    await withRecords.waitFor();
    await withRecords.locator('.title').click();
    await page.waitForURL(/\/body\//);
    bodyUrl = page.url();
    await page.locator('.record').first().waitFor();
    expect(await page.locator('.record').count()).toBeGreaterThan(0);
    const text = await page.locator('main').innerText();
    expect(text).toContain('统一社会信用代码');
    // No ID number anywhere on the page (the body's own credit code aside).
    const uscc = /统一社会信用代码\s+([0-9A-Z]{18})/.exec(text)?.[1] ?? '';
    expect(text.replaceAll(uscc, '')).not.toMatch(/\d{6}(19|20)\d{2}(0[1-9]|1[0-2])(0[1-9]|[12]\d|3[01])\d{3}[\dX]/);
    await b.screenshot('portal-body');
  });

  it('the subject officer signs in on the record page and files an objection; the record is marked at once', async () => {
    const { page } = b;
    await page.goto(`${base}/search?q=${encodeURIComponent('河西')}&kind=body&type=administrative_penalty`);
    await page.locator('.results .title').first().click();
    await page.waitForURL(/\/body\//);
    const record = page.locator('.record.dishonesty', { has: page.getByRole('button', { name: '提出异议' }) }).first();
    const id = await record.getAttribute('data-record-id');
    await record.getByRole('button', { name: '提出异议' }).click();
    await page.getByLabel('用户名').fill('officer');
    await page.getByLabel('密码').fill('Chengxin@2026');
    await page.getByRole('button', { name: '登录' }).click();
    await page.getByLabel('异议理由').fill('处罚决定所列款项已于决定前付清，附银行回单。');
    await page.getByRole('button', { name: '提交异议' }).click();
    await page.getByText('异议已登记').waitFor();
    await b.screenshot('portal-objection');
    await page.reload();
    await page.locator(`.record[data-record-id="${id}"]`).getByText('异议处理中').waitFor();
    await page.context().clearCookies();
  });

  it('downloads a credit report as PDF and verifies it; a forged code is refused', async () => {
    const { page } = b;
    await page.goto(bodyUrl);
    await page.getByRole('link', { name: '信用报告' }).click();
    await page.getByTestId('report-no').waitFor();
    const reportNo = (await page.getByTestId('report-no').innerText()).trim();
    const code = (await page.getByTestId('verification-code').innerText()).trim();
    expect(reportNo).toMatch(/^XYBG-\d{8}-\d+-[0-9A-F]{8}$/);
    await b.screenshot('portal-report');
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: '下载PDF' }).click(),
    ]);
    expect(download.suggestedFilename()).toBe(`${reportNo}.pdf`);
    const pdf = readFileSync((await download.path())!);
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    expect(pdf.toString('latin1')).toMatch(/FontFile2/);
    await page.getByRole('link', { name: '报告验证页' }).click();
    await page.getByTestId('verdict').waitFor();
    expect(await page.getByTestId('verdict').innerText()).toContain('验证通过');
    await b.screenshot('portal-verify');
    await page.getByLabel('验证码').fill(code.replace(/^./, code[0] === 'A' ? 'B' : 'A'));
    await page.getByRole('button', { name: '验证', exact: true }).click();
    await page.getByText('验证未通过').waitFor();
  });

  it('verifies a downloaded report offline in the browser (报告验证), and names an altered one', async () => {
    const { page } = b;
    await page.goto(bodyUrl);
    await page.getByRole('link', { name: '信用报告' }).click();
    await page.getByTestId('report-no').waitFor();
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: '下载报告数据（离线验证）' }).click(),
    ]);
    const report = JSON.parse(readFileSync((await download.path())!, 'utf8')) as {
      log: { proofs: { entry: { afterDigest: string | null } }[] };
    };
    expect(report.log.proofs.length).toBeGreaterThan(0);
    await page.goto(`${base}/verify`);
    await page.getByRole('button', { name: '获取本站公布的公钥' }).click();
    await expect.poll(() => page.getByLabel('检查点公钥（每行一个）').inputValue()).toContain('+');
    const upload = (value: unknown) =>
      page.getByLabel('报告数据文件').setInputFiles({
        name: 'report.json',
        mimeType: 'application/json',
        buffer: Buffer.from(JSON.stringify(value)),
      });
    await upload(report);
    await page.getByRole('button', { name: '离线验证', exact: true }).click();
    await page.getByTestId('offline-verdict').waitFor();
    const verdict = await page.getByTestId('offline-verdict').innerText();
    expect(verdict).toContain('离线验证通过');
    process.stdout.write(`offline report verification in chromium: ${/用时 ([\d.]+) 毫秒/.exec(verdict)?.[1]} ms\n`);
    await b.screenshot('portal-verify-offline');
    report.log.proofs[0]!.entry.afterDigest = 'a'.repeat(64);
    await upload(report);
    await page.getByRole('button', { name: '离线验证', exact: true }).click();
    await page.getByText('离线验证未通过').waitFor();
    expect(await page.getByTestId('offline-verdict').innerText()).toContain('不在签名检查点的日志树中');
  });

  it('files an anonymous complaint with an attachment and follows it by the receipt code', async () => {
    const { page } = b;
    await page.goto(`${base}/complaint`);
    // No category is chosen for the complainant.
    expect(await page.getByLabel('类别').inputValue()).toBe('');
    await page.getByLabel('类别').selectOption({ label: '拖欠企业账款' });
    await page.getByLabel('投诉内容').fill(`某区某局拖欠我公司工程款已逾一年，多次催要未果（${Date.now()}）`);
    await page.getByLabel(/附件/).setInputFiles({ name: '付款凭证.png', mimeType: 'image/png', buffer: PNG });
    await page.getByRole('button', { name: '提交' }).click();
    await page.getByTestId('receipt-code').waitFor();
    const receipt = (await page.getByTestId('receipt-code').innerText()).trim();
    expect(receipt).toMatch(/^TS\d{8}[2-9A-Z]{6}$/);
    await page.getByRole('button', { name: '查询' }).click();
    await page.getByTestId('complaint-status').waitFor();
    expect(await page.getByTestId('complaint-status').innerText()).toContain('已收到，待受理');
    await b.screenshot('portal-complaint');
  });

  it('shows the township boards and the 诚信街道 candidates, and takes a rating', async () => {
    const { page } = b;
    await page.goto(`${base}/townships`);
    await page.getByTestId('board').first().waitFor();
    await page.getByTestId('candidates').waitFor();
    expect(await page.getByTestId('board').count()).toBeGreaterThan(0);
    await b.screenshot('portal-townships');
    await page.getByRole('button', { name: '我要评价' }).first().click();
    // No star rating is chosen in advance: the resident picks both.
    expect(await page.getByLabel('兑现情况').inputValue()).toBe('');
    await page.getByLabel('兑现情况').selectOption('4');
    await page.getByLabel('满意度').selectOption('5');
    await page.getByLabel('手机号').fill(`139${String(Date.now()).slice(-8)}`);
    await page.getByRole('button', { name: '提交评价' }).click();
    await page.getByText('感谢您的评价').waitFor();
  });

  it('open data: the field list and a CSV download with Chinese headings and the 双公示 codes as a second row', async () => {
    const { page } = b;
    await page.goto(`${base}/open-data`);
    await page.getByText('subjectName').waitFor();
    expect(await page.locator('.report-table').innerText()).toContain('身份证号、电话、账号等长数字串已隐去');
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: '下载CSV' }).click(),
    ]);
    const csv = readFileSync((await download.path())!, 'utf8');
    const lines = csv.replace(/^\ufeff/, '').split('\r\n');
    expect(lines[0]).toMatch(/^记录编号,行政相对人名称,相对人类别,统一社会信用代码,/);
    expect(lines[1]).toMatch(/^recordId,subjectName,subjectCategory,uscc,/);
    await b.screenshot('portal-open-data');
  });
});
