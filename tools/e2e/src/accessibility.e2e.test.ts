/**
 * Accessibility measured with a tool: axe-core (Deque's engine, the standard one; pinned) runs over the main console
 * and portal pages and the test fails on colour contrast (WCAG 2 AA 1.4.3) and on form fields without a label.
 * Every other violation axe finds is printed, not failed, so it is seen.
 *
 * (The engine and how it is run: axe.ts.)
 */
import { afterAll, beforeAll, expect, inject, it } from 'vitest';
import { openBrowser, type OpenBrowser } from './browser';
import { api, login } from './admin/helpers';
import { axeViolations } from './axe';

const baseUrl = inject('baseUrl');
const portal = baseUrl.replace(/\/$/, '');
/** What fails the test: contrast, and every rule of the "form field has a name" family. */
const FAILING = ['color-contrast', 'label', 'select-name', 'aria-input-field-name', 'label-title-only'];

let b: OpenBrowser;
beforeAll(async () => {
  b = await openBrowser();
});
afterAll(async () => b?.close());

/** Runs axe over the page; splits what fails the test from what is only reported. */
async function audit(label: string): Promise<{ failing: string[]; other: string[] }> {
  const lines = (await axeViolations(b.page)).map((v) => ({
    rule: v.rule,
    line: `${label} · ${v.rule} · ${v.target} · ${v.summary}`,
  }));
  return {
    failing: lines.filter((l) => FAILING.includes(l.rule)).map((l) => l.line),
    other: lines.filter((l) => !FAILING.includes(l.rule)).map((l) => l.line),
  };
}

const failing: string[] = [];
const other: string[] = [];
const check = async (label: string) => {
  const r = await audit(label);
  failing.push(...r.failing);
  other.push(...r.other);
};

it('the main console pages pass axe on colour contrast and labels', async () => {
  const admin = api(baseUrl, 'admin');
  const [record] = (await admin.kernel.records.list.query({ status: ['published'], limit: 1 })).items;
  const { page } = b;
  await page.goto(`${baseUrl}/admin/`);
  await page.locator('#username').waitFor();
  await check('控制台 登录');
  await login(page, baseUrl, 'admin');
  await page.locator('.cx-content').first().waitFor();
  await check('控制台 首页');
  await page.goto(`${baseUrl}/admin/records`);
  await page.locator('.cx-content .ant-table-row').first().waitFor();
  await check('控制台 信用记录');
  await page.goto(`${baseUrl}/admin/records/${record!.id}`);
  await page.locator('.cx-content').first().waitFor();
  await page.getByText(record!.orgName).first().waitFor();
  await check('控制台 记录详情');
  await page.goto(`${baseUrl}/admin/queues/complaints`);
  await page.locator('.cx-content .ant-table').first().waitFor();
  await check('控制台 投诉举报');
  if (other.length) console.info(`axe, not failed (console):\n${other.join('\n')}`);
  expect(failing).toEqual([]);
});

it('the main portal pages pass axe on colour contrast and labels', async () => {
  failing.length = 0;
  other.length = 0;
  const viewer = api(baseUrl, 'viewer');
  const hit = (await viewer.kernel.public.search.query({ q: '河西', kind: 'body', limit: 20 })).items.find(
    (i) => i.kind === 'body' && i.publicRecords > 0,
  );
  const { page } = b;
  const main = () => page.locator('main').first().waitFor();
  for (const [label, path] of [
    ['门户 首页', '/'],
    ['门户 查询', `/search?q=${encodeURIComponent('河西')}&kind=body`],
    ['门户 诚信档案', `/body/${hit!.id}`],
    ['门户 开放数据', '/open-data'],
    ['门户 投诉举报', '/complaint'],
  ] as const) {
    await page.goto(`${portal}${path}`);
    await main();
    await check(label);
  }
  if (other.length) console.info(`axe, not failed (portal):\n${other.join('\n')}`);
  expect(failing).toEqual([]);
});
