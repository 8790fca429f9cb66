/**
 * Lists people can work with, beyond records: objections, complaints, credit repairs and rectifications, and the audit
 * and query logs — each searched, filtered and sorted by the server, with the total and an Excel export of exactly what
 * is filtered (the .xlsx downloaded and read back). What the page should show is asked of the API with the same login.
 */
import ExcelJS from 'exceljs';

import { afterAll, beforeAll, expect, inject, it } from 'vitest';
import { openBrowser, type OpenBrowser } from '../browser';
import { api, login, open, pick, pickSearch } from './helpers';

const baseUrl = inject('baseUrl');

// The state labels the filters and exports show (as in @chengxin/contract's status-labels).
const OBJECTION_STATUS_LABELS = { under_review: '审查中', extended: '已延期', decided: '已作出决定' };
const REPAIR_STATUS_LABELS = {
  under_review: '审查中',
  approved: '准予修复',
  rejected: '不予修复',
  promise_broken: '违反信用承诺',
  cancelled: '已撤回',
};
const COMPLAINT_STATUS_LABELS = {
  received: '已登记',
  accepted: '已受理',
  not_ours: '非本部门职责',
  duplicate: '重复投诉',
  closed: '已办结',
};
const RECTIFICATION_STATUS_LABELS = {
  awaiting_explanation: '待书面说明',
  in_progress: '整改中',
  completed: '已整改，待核查',
  verified: '已整改并经核查',
  cancelled: '已终止',
};
let b: OpenBrowser;

beforeAll(async () => {
  b = await openBrowser();
});
afterAll(async () => b?.close());

const totalOf = async () => Number(/共 (\d+) 条/.exec(await b.page.getByTestId('list-total').innerText())![1]);
const firstRow = () => b.page.locator('.cx-cursor-table tbody tr.ant-table-row').first().innerText();
const param = (k: string) => new URL(b.page.url()).searchParams.get(k);

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

async function search(word: string) {
  await b.page.fill('#filter-q', word);
  await b.page.keyboard.press('Enter');
  await expect.poll(() => param('q')).toBe(word);
}

/** Clicks a column header (sorted by the server) and waits for the order in the address. */
async function sortBy(header: string, key: string) {
  await b.page.locator('.cx-cursor-table th', { hasText: header }).first().click();
  await expect.poll(() => param('sort')).toBe(key);
}

interface Page<T> {
  items: T[];
  total?: number;
}

/**
 * One case list: all its cases (status=all) with the API's total; a search; a state filter; a column order both ways
 * (the first row the API's first); and the export of the filtered view, row for row.
 */
async function checkCaseList<T>(o: {
  path: string;
  title: string;
  query: (input: Record<string, unknown>) => Promise<Page<T>>;
  word: (row: T) => string;
  /** The state filter takes the first case's state, by its label. */
  state: (row: T) => string;
  labels: Record<string, string>;
  sort: { header: string; key: string; shows: (row: T) => string };
  exportHeader: string;
  /** A screenshot of the list filtered and sorted. */
  shot: string;
}) {
  const { page } = b;
  const all = await o.query({ limit: 1 });
  expect(all.total, `${o.path} has cases in the demo`).toBeGreaterThan(0);
  await open(page, baseUrl, `${o.path}?status=all`);
  await page.getByRole('heading', { name: o.title }).waitFor();
  await expect.poll(totalOf).toBe(all.total);

  // Search: a word of the first case finds it, and the count is the server's.
  const first = (await o.query({ limit: 1 })).items[0]!;
  const word = o.word(first);
  await search(word);
  const found = await o.query({ q: word, limit: 1 });
  expect(found.total).toBeGreaterThan(0);
  await expect.poll(totalOf).toBe(found.total);
  await page.getByRole('button', { name: '清除条件' }).click();
  await expect.poll(() => param('q')).toBeNull();

  // A state filter (all states shown: the open/closed switch back to 全部).
  const state = { code: o.state(first), label: o.labels[o.state(first)]! };
  await page.locator('.ant-segmented-item', { hasText: '全部' }).click();
  await pick(page, '#filter-state', state.label);
  await page.keyboard.press('Escape');
  await expect.poll(() => new URL(page.url()).searchParams.getAll('state')).toEqual([state.code]);
  const inState = await o.query({ states: [state.code], limit: 1 });
  await expect.poll(totalOf).toBe(inState.total);

  // Sorted on the server, both ways: the first row is the API's first under that order.
  await sortBy(o.sort.header, o.sort.key);
  const asc = await o.query({ states: [state.code], sort: o.sort.key, limit: 1 });
  await expect.poll(async () => (await firstRow()).includes(o.sort.shows(asc.items[0]!))).toBe(true);
  await sortBy(o.sort.header, `-${o.sort.key}`);
  const desc = await o.query({ states: [state.code], sort: `-${o.sort.key}`, limit: 1 });
  await expect.poll(async () => (await firstRow()).includes(o.sort.shows(desc.items[0]!))).toBe(true);
  await b.screenshot(o.shot);

  // The export: Chinese headers, then exactly the filtered rows.
  const sheet = await exported();
  expect(sheet[0]).toContain(o.exportHeader);
  expect(sheet[0]).toContain('状态');
  expect(sheet.length - 1).toBe(inState.total);
  expect(sheet.slice(1).every((r) => r.includes(state.label))).toBe(true);

  // A day range from the address (a link from elsewhere) is the server's filter too.
  await open(page, baseUrl, `${o.path}?status=all&from=2000-01-01&to=2000-12-31`);
  await expect.poll(totalOf).toBe(0);
  expect(b.errors).toEqual([]);
}

it('objections: search, state, order, total and export', async () => {
  await login(b.page, baseUrl, 'admin');
  const client = api(baseUrl, 'admin');
  await checkCaseList({
    path: '/objections',
    title: '异议',
    query: (input) => client.kernel.objections.page.query(input as never),
    word: (o) => o.recordDecisionNo!,
    state: (o) => o.status,
    labels: OBJECTION_STATUS_LABELS,
    sort: { header: '登记日期', key: 'filedOn', shows: (o) => o.filedOn },
    exportHeader: '决定文号',
    shot: 'admin-objections-list',
  });
});

it('complaints, repairs and rectifications: search, state, order, total and export', async () => {
  const client = api(baseUrl, 'admin');
  await checkCaseList({
    path: '/queues/complaints',
    title: '投诉举报',
    query: (input) => client.kernel.complaints.page.query(input as never),
    word: (c) => c.receiptCode,
    state: (c) => c.status,
    labels: COMPLAINT_STATUS_LABELS,
    sort: { header: '登记日期', key: 'filedOn', shows: (c) => c.receiptCode },
    exportHeader: '回执码',
    shot: 'admin-complaints-list',
  });
  await checkCaseList({
    path: '/queues/repairs',
    title: '信用修复',
    query: (input) => client.kernel.repairs.page.query(input as never),
    word: (r) => r.recordDecisionNo!,
    state: (r) => r.status,
    labels: REPAIR_STATUS_LABELS,
    sort: { header: '申请日期', key: 'filedOn', shows: (r) => r.recordDecisionNo! },
    exportHeader: '决定文号',
    shot: 'admin-repairs-list',
  });
  await checkCaseList({
    path: '/queues/rectifications',
    title: '限期整改',
    query: (input) => client.kernel.rectifications.page.query(input as never),
    word: (r) => r.orgName,
    state: (r) => r.status,
    labels: RECTIFICATION_STATUS_LABELS,
    sort: { header: '单位', key: 'org', shows: (r) => r.orgName },
    exportHeader: '书面说明期限',
    shot: 'admin-rectifications-list',
  });
});

it('the audit and query logs: search, action filter with Chinese labels, total and export', async () => {
  const { page, context } = b;
  await context.clearCookies();
  await login(page, baseUrl, 'auditor');
  const client = api(baseUrl, 'auditor');
  const all = await client.kernel.audit.entries.query({ limit: 1 });
  await open(page, baseUrl, '/audit');
  await expect.poll(totalOf).toBe(all.total);

  // Search by an object's full id: its entries.
  const first = all.items[0]!;
  await search(first.entityId);
  const byId = await client.kernel.audit.entries.query({ q: first.entityId, limit: 1 });
  await expect.poll(totalOf).toBe(byId.total);
  await page.getByRole('button', { name: '清除条件' }).click();
  await expect.poll(totalOf).toBe((await client.kernel.audit.entries.query({ limit: 1 })).total);

  // Filter by an action chosen by its Chinese label; the export is exactly those entries.
  // Many actions: typed to find it among them.
  await pickSearch(page, '#filter-action', '登记异议', '登记异议');
  await page.keyboard.press('Escape');
  const published = await client.kernel.audit.entries.query({ actions: ['objection.file'], limit: 1 });
  expect(published.total).toBeGreaterThan(0);
  await expect.poll(totalOf).toBe(published.total);
  expect(new URL(page.url()).searchParams.getAll('action')).toEqual(['objection.file']);
  const sheet = await exported();
  expect(sheet[0]).toEqual(['序号', '时间', '操作人', '操作', '对象类型', '对象编号', '摘要', '哈希']);
  expect(sheet.length - 1).toBe(published.total);
  expect(sheet.slice(1).every((r) => r[3] === '登记异议')).toBe(true);
  await b.screenshot('admin-audit-filtered');

  // The query log: reads of files, by object type, with its total and export.
  await page.getByRole('tab', { name: '查询日志' }).click();
  await expect.poll(() => param('tab')).toBe('access');
  const reads = await client.kernel.audit.accessLog.query({ limit: 1 });
  await expect.poll(totalOf).toBe(reads.total);
  await pick(page, '#filter-kind', '单位');
  const orgs = await client.kernel.audit.accessLog.query({ subjectKind: 'org', limit: 1 });
  await expect.poll(totalOf).toBe(orgs.total);
  const log = await exported();
  expect(log[0]).toEqual(['时间', '查询人', '操作', '对象类型', '对象编号']);
  expect(log.length - 1).toBe(orgs.total);
  expect(log.slice(1).every((r) => r[3] === '单位')).toBe(true);
  expect(b.errors).toEqual([]);
});
