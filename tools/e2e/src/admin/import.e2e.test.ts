/**
 * The import wizard: an officer uploads a CSV of three records (one with an unknown severity), keeps the prefilled
 * mapping, imports row by row, watches the progress finish, reads the row-level error naming line 3 and its column,
 * and downloads the error report.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, inject, it } from 'vitest';
import { openBrowser, type OpenBrowser } from '../browser';
import { api, login } from './helpers';

const baseUrl = inject('baseUrl');
let b: OpenBrowser;

beforeAll(async () => {
  b = await openBrowser();
});
afterAll(async () => b?.close());

it('an officer imports a CSV of records row by row and downloads the error report', async () => {
  const { page } = b;
  const officer = api(baseUrl, 'officer');
  const body = (await officer.kernel.orgs.search.query({ q: '河西区', limit: 5 })).items[0]!;
  const n = Date.now() % 100000;
  const head =
    '来源编号,主体类别,统一社会信用代码,记录类型,严重程度,失信事实,依据,决定书文号,决定日期,决定机关,公开范围,扩展信息';
  const line = (i: number, severity: string) =>
    [
      `e2e-${n}-${i}`,
      '单位',
      body.uscc,
      '行政处罚',
      severity,
      '拖欠中小企业账款',
      '《保障中小企业款项支付条例》第八条',
      `津河西罚〔2026〕${n}${i}号`,
      '2026/3/5',
      '天津市河西区市场监督管理局',
      '社会公开',
      // The national 行政处罚 disclosure fields the submit check requires, as one quoted JSON cell.
      '"{""penaltyCategories"":[""warning""],""penaltyContent"":""给予警告""}"',
    ].join(',');
  const dir = mkdtempSync(join(tmpdir(), 'chengxin-import-'));
  const file = join(dir, '记录导入.csv');
  writeFileSync(file, [head, line(1, '一般'), line(2, '很重'), line(3, '较重')].join('\n'));

  const streams: string[] = [];
  page.on('request', (r) => {
    if (r.url().includes('kernel.exchange.import.progress')) streams.push(r.headers()['accept'] ?? '');
  });
  await login(page, baseUrl, 'officer');
  await page.getByRole('menuitem', { name: '导入数据' }).click();
  await page.locator('input[type=file]').setInputFiles(file);
  await page.getByRole('button', { name: '上传', exact: true }).click();
  await page.locator('.cx-mapping .ant-table-row').first().waitFor();
  await page.getByText('文件共 3 行数据').waitFor();
  await page.getByText('逐行（跳过有误的行）').click();
  await page.getByRole('button', { name: '开始导入' }).click();

  await expect.poll(() => page.getByTestId('import-status').textContent(), { timeout: 60_000 }).toBe('已完成');
  const issue = page.locator('.cx-import-issues .ant-table-row').first();
  await issue.waitFor();
  const cells = await issue.locator('td').allTextContents();
  expect(cells[0]).toBe('3');
  expect(cells[1]).toBe('严重程度');
  expect(await page.locator('.cx-import-issues .ant-table-row').count()).toBe(1);
  // The progress came over the SSE subscription (EventSource), not by polling.
  expect(streams.some((a) => a.includes('text/event-stream'))).toBe(true);
  await page.evaluate(() => window.scrollTo(0, 0));
  await b.screenshot('admin-import');

  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: '下载错误报告' }).click(),
  ]);
  const saved = join(dir, 'report.csv');
  await download.saveAs(saved);
  const report = readFileSync(saved, 'utf8');
  expect(report).toContain('行号 line');
  expect(report).toMatch(/\n3,严重程度,/);
  expect(b.errors).toEqual([]);
});
