/** The administrator's and auditor's pages: users and grants, the audit log with the chain verification result. */
import { afterAll, beforeAll, expect, inject, it } from 'vitest';
import { openBrowser, type OpenBrowser } from '../browser';
import { login, logout } from './helpers';

const baseUrl = inject('baseUrl');
let b: OpenBrowser;

beforeAll(async () => {
  b = await openBrowser();
});
afterAll(async () => b?.close());

it('an administrator sees users with their grants and the roles', async () => {
  const { page } = b;
  await login(page, baseUrl, 'admin');
  await page.getByRole('menuitem', { name: '系统管理' }).click();
  await page.getByRole('menuitem', { name: '用户与授权' }).click();
  await page.getByText('hexi.officer').waitFor();
  await b.screenshot('admin-users');
  await page.getByRole('tab', { name: '角色与权限' }).click();
  await page.getByRole('cell', { name: /^信用信息录入员/ }).waitFor();
  await logout(page);
  expect(b.errors).toEqual([]);
});

it('an auditor reads the audit log and verifies the chain', async () => {
  const { page } = b;
  await login(page, baseUrl, 'auditor');
  await page.getByRole('menuitem', { name: '系统管理' }).click();
  await page.getByRole('menuitem', { name: '审计日志' }).click();
  await page.locator('.cx-cursor-table .ant-table-row').first().waitFor();
  await page.getByRole('button', { name: '下一页' }).click();
  await page.getByText('第 2 页').waitFor();
  await page.getByRole('button', { name: '校验审计链' }).click();
  await page.getByTestId('verify-result').waitFor({ timeout: 90_000 });
  await page.getByText('审计链完整：每条记录、每个签名检查点均校验通过').waitFor();
  await b.screenshot('admin-audit');
  expect(b.errors).toEqual([]);
});
