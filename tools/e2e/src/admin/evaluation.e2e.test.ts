/**
 * 政务诚信评价 in the console: an evaluator makes a new scheme version from the template with changed weights (a bad
 * weight is named next to its field), runs it and opens a body's breakdown and the records behind an indicator; a
 * reviewer (a second person) reviews it with a note and publishes it; the roll-up of the caller's subtree.
 */
import { afterAll, beforeAll, expect, inject, it } from 'vitest';
import { openBrowser, type OpenBrowser } from '../browser';
import { fieldError, login, logout, open } from './helpers';

const baseUrl = inject('baseUrl');
let b: OpenBrowser;
let runUrl = '';

beforeAll(async () => {
  b = await openBrowser();
});
afterAll(async () => b?.close());

it("an evaluator saves a scheme with changed weights, runs it and opens a body's breakdown", async () => {
  const { page } = b;
  const name = `E2E 区级评价方案 ${Date.now() % 100000}`;
  await login(page, baseUrl, 'evaluator');
  await page.getByRole('menuitem', { name: '政务诚信评价' }).click();
  await page.getByRole('menuitem', { name: '评价方案' }).click();
  await page.locator('.ant-table-row').first().waitFor();
  await page.getByRole('button', { name: '新建方案' }).click();
  await page.locator('#weight-0').waitFor();

  // A weight of 0 is refused by the API; its message stands next to that weight, nothing is saved.
  await page.fill('#scheme-name', name);
  await page.fill('#weight-0', '0');
  await page.getByRole('button', { name: '保存方案' }).click();
  await expect.poll(async () => (await fieldError(page, 'indicators.0.weight').count()) > 0).toBe(true);
  await page.fill('#weight-0', '50');
  await page.fill('#weight-1', '5');
  await page.getByRole('button', { name: '保存方案' }).click();

  const row = page.locator('.ant-table-row', { hasText: name });
  await row.waitFor();
  await row.getByRole('button', { name: '计算评价' }).click();
  await page.waitForURL(/\/admin\/evaluation\/runs\//);
  runUrl = page.url();
  await page.getByText(name).first().waitFor();
  await page.getByText('待审核', { exact: true }).first().waitFor();
  await page.locator('.cx-body-link').first().waitFor();
  await page.locator('canvas').first().waitFor();
  await b.screenshot('admin-evaluation');

  await page.locator('.cx-body-link').first().click();
  await page.locator('.cx-breakdown .ant-table-row').first().waitFor();
  // The first indicator with records behind it lists them (cursor-paginated).
  await page.locator('.cx-breakdown .ant-table-row').first().click();
  await page.getByText('所依据的记录和办理事项 ·').waitFor();
  await page.locator('.ant-drawer .cx-cursor-table').waitFor();
  await b.screenshot('admin-evaluation-breakdown');
  await page.keyboard.press('Escape');
  // The evaluator may not review their own run: no review button.
  expect(await page.getByRole('button', { name: '审核' }).count()).toBe(0);
  await logout(page);
  // The only failed request is the refused save (400, shown next to the field).
  expect(b.errors.filter((e) => !e.includes('400'))).toEqual([]);
  b.errors.length = 0;
});

it('a reviewer reviews the run with a note and publishes it', async () => {
  const { page } = b;
  expect(runUrl).not.toBe('');
  await login(page, baseUrl, 'reviewer');
  await page.goto(runUrl);
  await page.getByRole('button', { name: '审核', exact: true }).click();
  await page.fill('#review-note', '指标权重与数据来源核对无误');
  await page.getByRole('dialog').getByRole('button', { name: '审核通过' }).click();
  await page.getByText('已审核', { exact: true }).first().waitFor();
  await page.locator('.ant-descriptions-item-content', { hasText: '指标权重与数据来源核对无误' }).waitFor();
  await page.getByRole('button', { name: '公布', exact: true }).click();
  // A wide action: confirmed first.
  await page.getByText('公布后各单位得分和排名将在门户网站').waitFor();
  await page
    .locator('.ant-popconfirm')
    .getByRole('button', { name: /公\s?布/ })
    .click();
  await page.getByText('已公布', { exact: true }).first().waitFor();
  expect(b.errors).toEqual([]);
});

it("the roll-up shows the caller's subtree per child body", async () => {
  const { page } = b;
  await open(page, baseUrl, '/rollups');
  await page.getByText('下级明细').waitFor();
  await page.locator('.ant-table-row').first().waitFor();
  expect(await page.locator('.ant-table-row').count()).toBeGreaterThan(0);
  expect(b.errors).toEqual([]);
});
