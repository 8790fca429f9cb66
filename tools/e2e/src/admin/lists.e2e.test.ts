/**
 * Lists people can work with: the records list and the review queue searched, filtered and sorted by the server, with
 * the total and an Excel export of exactly what is filtered; the filters live in the URL, so a dashboard figure opens
 * the list behind it.
 */
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, expect, inject, it } from 'vitest';
import { openBrowser, type OpenBrowser } from '../browser';
import { api, login, open, pick } from './helpers';

const baseUrl = inject('baseUrl');
let b: OpenBrowser;

beforeAll(async () => {
  b = await openBrowser();
});
afterAll(async () => b?.close());

const totalOf = async () => Number(/共 (\d+) 条/.exec(await b.page.getByTestId('list-total').innerText())![1]);

/** The first column's text of each row in the list (the subject). */
const subjects = () => b.page.locator('.cx-cursor-table tbody tr.ant-table-row td:nth-child(2)').allInnerTexts();

async function exported(): Promise<string[][]> {
  const [download] = await Promise.all([
    b.page.waitForEvent('download'),
    b.page.getByRole('button', { name: '导出Excel' }).click(),
  ]);
  const book = new ExcelJS.Workbook();
  await book.xlsx.readFile((await download.path())!);
  const rows: string[][] = [];
  book.worksheets[0]!.eachRow((row) => rows.push((row.values as unknown[]).slice(1).map((v) => String(v ?? ''))));
  return rows;
}

it('searches, filters, sorts and counts records on the server and exports what is filtered', async () => {
  const { page } = b;
  await login(page, baseUrl, 'officer');
  // What the list should find, asked of the API directly (the same scope as the officer).
  const client = api(baseUrl, 'officer');
  const published = await client.kernel.records.list.query({ status: ['published'], limit: 1 });
  const all = await client.kernel.records.list.query({ limit: 1 });

  // The dashboard's figure for published records opens the list filtered to them.
  await page.locator('.cx-figure-link', { hasText: '已公示' }).click();
  await page.getByRole('heading', { name: '信用记录' }).waitFor();
  expect(new URL(page.url()).searchParams.getAll('status')).toEqual(['published']);
  await expect.poll(totalOf).toBe(published.total);
  await b.screenshot('admin-records');

  // Search by a word of the body's name: the server's count for the same words.
  await open(page, baseUrl, '/records');
  await expect.poll(totalOf).toBe(all.total);
  await page.fill('#filter-q', '河西区');
  await page.keyboard.press('Enter');
  const hexi = await client.kernel.records.list.query({ q: '河西区', limit: 1 });
  await expect.poll(totalOf).toBe(hexi.total);
  expect(hexi.total!).toBeGreaterThan(0);
  expect(hexi.total!).toBeLessThan(all.total!);
  expect(new URL(page.url()).searchParams.get('q')).toBe('河西区');

  // A filter on top: subject kind.
  await pick(page, '#filter-kind', '公务员');
  const persons = await client.kernel.records.list.query({ q: '河西区', subjectKind: 'person', limit: 1 });
  await expect.poll(totalOf).toBe(persons.total);

  // Sorted by the server on the decision date, both ways.
  await pick(page, '#filter-kind', '单位');
  const header = page.locator('.cx-cursor-table th', { hasText: '决定日期' });
  await header.click();
  await expect.poll(() => new URL(page.url()).searchParams.get('sort')).toBe('decisionDate');
  const asc = await client.kernel.records.list.query({
    q: '河西区',
    subjectKind: 'org',
    sort: 'decisionDate',
    limit: 20,
  });
  await expect
    .poll(async () =>
      (await page.locator('.cx-cursor-table tbody tr.ant-table-row').first().innerText()).includes(
        asc.items[0]!.current.decisionNo,
      ),
    )
    .toBe(true);
  await header.click();
  await expect.poll(() => new URL(page.url()).searchParams.get('sort')).toBe('-decisionDate');

  // The export holds exactly the filtered rows (a heading row, then one per record).
  const orgs = await client.kernel.records.list.query({ q: '河西区', subjectKind: 'org', limit: 1 });
  const sheet = await exported();
  expect(sheet[0]).toContain('决定文号');
  expect(sheet.length - 1).toBe(orgs.total);

  // Back to the unfiltered list.
  await page.getByRole('button', { name: '清除条件' }).click();
  await expect.poll(totalOf).toBe(all.total);
  expect(await subjects()).not.toEqual([]);
  expect(b.errors).toEqual([]);
});

it('the review queue keeps its state fixed and takes the same search, total and export', async () => {
  const { page, context } = b;
  await context.clearCookies();
  await login(page, baseUrl, 'reviewer');
  const client = api(baseUrl, 'reviewer');
  const submitted = await client.kernel.records.list.query({ status: ['submitted'], limit: 1 });
  await open(page, baseUrl, '/review');
  await page.getByRole('heading', { name: '审核队列' }).waitFor();
  await expect.poll(totalOf).toBe(submitted.total);
  await pick(page, '#filter-kind', '单位');
  const orgs = await client.kernel.records.list.query({ status: ['submitted'], subjectKind: 'org', limit: 1 });
  await expect.poll(totalOf).toBe(orgs.total);
  const sheet = await exported();
  expect(sheet.length - 1).toBe(orgs.total);
  expect(sheet.slice(1).every((r) => r[6] === '待审核')).toBe(true);
  await b.screenshot('admin-review');
  expect(b.errors).toEqual([]);
});

it('at 1280 px a wide plugin table scrolls inside its card and the page itself never scrolls sideways', async () => {
  const w = await openBrowser({ viewport: { width: 1280, height: 720 } });
  try {
    await login(w.page, baseUrl, 'admin');
    for (const path of [
      '/p/procurement/contracts',
      '/records',
      '/queues/complaints',
      '/tokens',
      '/calendar',
      '/inbox',
    ]) {
      await open(w.page, baseUrl, path);
      await w.page.locator('.cx-page-title').first().waitFor();
      await w.page.waitForLoadState('networkidle');
      const wide = await w.page.evaluate(() => document.documentElement.scrollWidth);
      expect(`${path}: ${wide}`).toBe(`${path}: 1280`);
    }
    // The contracts table's last column is reachable: its header sits inside the scrolling card, not past the window.
    await open(w.page, baseUrl, '/p/procurement/contracts');
    await w.page.locator('.ant-table-row').first().waitFor();
    const card = (await w.page.locator('.ant-card').first().boundingBox())!;
    expect(card.x + card.width).toBeLessThanOrEqual(1280);
    await w.screenshot('admin-contracts-1280');
    expect(w.errors).toEqual([]);
  } finally {
    await w.close();
  }
});
