/** Sign-in (a wrong password is a readable message), the home page, sign-out, and a session that ends underneath. */
import { afterAll, beforeAll, expect, inject, it } from 'vitest';
import { openBrowser, type OpenBrowser } from '../browser';
import { DEMO_PASSWORD, login, logout } from './helpers';

const baseUrl = inject('baseUrl');
let b: OpenBrowser;

beforeAll(async () => {
  b = await openBrowser();
});
afterAll(async () => b?.close());

it('refuses a wrong password with a readable message, then signs in to the home page and out again', async () => {
  const { page } = b;
  await page.goto(`${baseUrl}/admin/`);
  await page.getByText('诚信档案管理平台').first().waitFor();
  await b.screenshot('admin-login');
  await page.fill('#username', 'reviewer');
  await page.fill('#password', 'not-the-password');
  await page.click('button[type=submit]');
  const alert = page.getByRole('alert');
  await alert.waitFor();
  expect(await alert.textContent()).toMatch(/用户名或密码错误/);
  // The refused sign-in (HTTP 401) is logged by the browser itself; it is the only error expected here.
  expect(b.errors.every((e) => e.includes('401'))).toBe(true);
  b.errors.length = 0;
  await page.fill('#password', DEMO_PASSWORD);
  await page.click('button[type=submit]');
  await page.getByText('我的待办').waitFor();
  // Home: tasks with deadlines, counts by state, coverage, charts, recent activity.
  for (const heading of ['记录状态', '档案覆盖率', '各区每月记录数', '失信记录严重程度', '最近动态'])
    await page.getByText(heading, { exact: false }).first().waitFor();
  await page.locator('canvas').first().waitFor();
  await page.locator('[data-overdue="true"]').first().waitFor();
  await page.waitForTimeout(800); // let the charts finish their animation for the screenshot
  await b.screenshot('admin-home');
  await logout(page);
  expect(b.errors).toEqual([]);
});

it('shows the sign-in page with a note when the session ends underneath (expired, revoked, signed out elsewhere)', async () => {
  const { page, context } = b;
  await login(page, baseUrl, 'viewer');
  await context.clearCookies();
  await page.getByRole('menuitem', { name: '信用记录' }).click();
  await page.getByText('登录已过期或已在别处退出，请重新登录').waitFor();
  // The refused call is the only error the browser logged.
  expect(b.errors.filter((e) => !e.includes('401'))).toEqual([]);
  await page.fill('#username', 'viewer');
  await page.fill('#password', DEMO_PASSWORD);
  await page.click('button[type=submit]');
  // Back where the user was.
  await page.getByTestId('user-menu').waitFor();
  await page.getByRole('heading', { name: '信用记录' }).waitFor();
});
