/** The body tree and search, and a district's integrity file: standing, eligibility with reasons, timeline, versions. */
import { afterAll, beforeAll, expect, inject, it } from 'vitest';
import { openBrowser, type OpenBrowser } from '../browser';
import { login } from './helpers';

const baseUrl = inject('baseUrl');
let b: OpenBrowser;

beforeAll(async () => {
  b = await openBrowser();
});
afterAll(async () => b?.close());

it('finds a district in the tree and by search and opens its integrity file', async () => {
  const { page } = b;
  await login(page, baseUrl, 'viewer');
  await page.getByRole('menuitem', { name: '单位与档案' }).click();
  await page.getByText('天津市人民政府').first().waitFor();
  // The tree loads one level at a time.
  await page.locator('.ant-tree-switcher').first().click();
  await page.getByText('天津市河西区人民政府').first().waitFor();
  await page.getByLabel('按名称或统一社会信用代码查找单位').fill('河西区人民政府');
  await page.getByLabel('按名称或统一社会信用代码查找单位').press('Enter');
  await page.locator('.cx-cursor-table a', { hasText: '天津市河西区人民政府' }).first().waitFor();
  await b.screenshot('admin-orgs');
  await page.locator('.cx-cursor-table a', { hasText: '天津市河西区人民政府' }).first().click();

  await page.getByText('诚信档案：天津市河西区人民政府').waitFor();
  await page.getByTestId('standing').waitFor();
  await page.getByTestId('eligibility').first().waitFor();
  expect(await page.getByTestId('eligibility').first().textContent()).toMatch(/荣誉评选/);
  await page.locator('.cx-timeline-entry').first().waitFor();
  await b.screenshot('admin-file');

  // A record from the timeline opens with its version history.
  await page.locator('.cx-timeline-entry a').first().click();
  await page.getByTestId('version-1').waitFor();
  await page.keyboard.press('Escape');
  await page.locator('.ant-drawer-mask').waitFor({ state: 'detached' });
  expect(b.errors).toEqual([]);
});

it('opens a civil servant’s file with the annual-assessment answer and its reasons', async () => {
  const { page } = b;
  await page.getByRole('menuitem', { name: '公务员' }).click();
  await page.locator('.cx-cursor-table a').first().waitFor();
  await page.locator('.cx-cursor-table a').first().click();
  await page.getByText(/^诚信档案：/).waitFor();
  await page.getByText(/年度考核能否评为优秀/).waitFor();
  await b.screenshot('admin-file-person');
  expect(b.errors).toEqual([]);
});
