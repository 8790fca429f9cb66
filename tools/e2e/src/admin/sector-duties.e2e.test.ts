/**
 * Sector duties of the plan (三.3, 三.6) through the console and the portal: a reviewer publishes a tendering agency's
 * reviewed evaluation and the portal's agency page shows it with the published supervision entries; a township's
 * published financial disclosure stands on its board, and one still under review does not.
 */
import { afterAll, beforeAll, expect, inject, it } from 'vitest';
import { openBrowser, type OpenBrowser } from '../browser';
import { login } from './helpers';

const baseUrl = inject('baseUrl');
let b: OpenBrowser;

beforeAll(async () => {
  b = await openBrowser();
});
afterAll(async () => b?.close());

it('a reviewer publishes a reviewed agency evaluation, and the portal discloses it with the supervision entries', async () => {
  const { page } = b;
  await login(page, baseUrl, 'reviewer');
  await page.getByRole('menuitem', { name: '招标投标' }).click();
  await page.getByRole('menuitem', { name: '代理机构评价审核' }).click();
  await page.getByRole('heading', { name: '代理机构信用评价审核与公布' }).waitFor();
  const row = page.locator('.cx-cursor-table .ant-table-row', { hasText: '已审核（待公布）' }).first();
  await row.waitFor();
  const agency = (await row.locator('td').first().innerText()).trim();
  await b.screenshot('admin-agency-evaluations');
  await row.getByRole('button', { name: '公布' }).click();
  await page.locator('.ant-drawer').getByRole('button', { name: '保存' }).click();
  await page.locator('.ant-drawer').waitFor({ state: 'hidden' });
  await page
    .locator('.cx-cursor-table .ant-table-row', { hasText: agency })
    .filter({ hasText: '已公布' })
    .first()
    .waitFor();

  await page.goto(`${baseUrl}/agencies`);
  const card = page.getByTestId('agency').filter({ hasText: agency });
  await card.waitFor();
  expect(await card.innerText()).toMatch(/信用评价：\d{4}年度 [A-D]级（[\d.]+分），\d{4}-\d{2}-\d{2}公布/);
  await page.getByTestId('supervision').first().waitFor();
  const all = await page.getByTestId('agency').allInnerTexts();
  // The penalty still being entered is not disclosed; the published inspection and complaint are.
  expect(all.join('\n')).toContain('投诉处理');
  expect(all.join('\n')).not.toContain('与投标人串通');
  await b.screenshot('portal-agencies');
  expect(b.errors).toEqual([]);
});

it("shows a township's published financial disclosure on its board", async () => {
  const { page } = b;
  const year = new Date().getFullYear();
  await page.goto(`${baseUrl}/townships?year=${year}`);
  await page.getByTestId('disclosures').first().waitFor();
  const text = await page.getByTestId('disclosures').first().innerText();
  expect(text).toContain('年度部门预算');
  expect(text).toContain('全年');
  await b.screenshot('portal-township-disclosure');
  expect(b.errors).toEqual([]);
});
