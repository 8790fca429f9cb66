/**
 * A plugin's pages: its code loads only when one of its pages opens; its form is drawn from the manifest's JSON Schema
 * by the generic renderer (Chinese messages next to the fields), and a new contract appears in its table. The plugin
 * management page enables, disables and configures.
 */
import { afterAll, beforeAll, expect, inject, it } from 'vitest';
import { openBrowser, type OpenBrowser } from '../browser';
import { fieldError, login, pickDate, pickSearch } from './helpers';

const baseUrl = inject('baseUrl');
let b: OpenBrowser;
const scripts: string[] = [];

beforeAll(async () => {
  b = await openBrowser();
  b.page.on('request', (r) => {
    if (r.resourceType() === 'script') scripts.push(r.url());
  });
});
afterAll(async () => b?.close());

it('loads a plugin page lazily and registers a contract through its schema-driven form', async () => {
  const { page } = b;
  await login(page, baseUrl, 'admin');
  // The first screen carries no page of any plugin.
  expect(
    scripts.filter((s) =>
      /\/assets\/(contracts|complaints|overdue|figures|projects|tenders|agencies|promises|commitments)-/.test(s),
    ),
  ).toEqual([]);
  await page.getByRole('menuitem', { name: '政府采购' }).click();
  await page.getByRole('menuitem', { name: '采购合同' }).click();
  await page.getByRole('heading', { name: '采购合同' }).waitFor();
  await page.locator('.cx-cursor-table .ant-table-row').first().waitFor();
  expect(scripts.some((s) => /\/assets\/contracts-/.test(s))).toBe(true);
  await b.screenshot('admin-plugin-page');

  await page.getByRole('button', { name: '登记采购合同' }).click();
  await page.getByRole('button', { name: '保存' }).click();
  await expect.poll(() => fieldError(page, 'title').textContent()).toBe('请填写合同名称');
  expect(await fieldError(page, 'buyerOrgId').textContent()).toBe('请填写采购人');
  const title = `办公家具采购${Date.now() % 100000}`;
  await pickSearch(page, '#field-buyerOrgId', '河西区财政局', '财政局');
  await page.fill('#field-title', title);
  await page.fill('#field-supplierName', '天津市惠民办公设备有限公司');
  await page.fill('#field-supplierUscc', 'not-a-code');
  await page.fill('#field-amountFen', '125000.5');
  await pickDate(page, '#field-awardNoticeDate', '2026-10-09');
  await page.getByRole('button', { name: '保存' }).click();
  await expect.poll(() => fieldError(page, 'supplierUscc').textContent()).toBe('供应商统一社会信用代码格式不正确');
  await page.fill('#field-supplierUscc', '91120103MA05XK8T4H');
  await b.screenshot('admin-plugin-form');
  await page.getByRole('button', { name: '保存' }).click();
  // Saved: the drawer closes (a refusal would stay open with the server's message next to the field or on top).
  const outcome = await Promise.race([
    page
      .locator('.ant-drawer')
      .waitFor({ state: 'hidden', timeout: 60_000 })
      .then(() => 'saved'),
    page
      .locator('.ant-drawer .ant-form-item-explain-error, .ant-drawer .ant-alert-error')
      .first()
      .waitFor()
      .then(async () => `refused: ${await page.locator('.ant-drawer').innerText()}`),
  ]);
  expect(outcome).toBe('saved');
  await page.getByText(title).waitFor();
  await page.getByText('125,000.50 元').first().waitFor();
  expect(b.errors).toEqual([]);
});

it('lists the plugins with their state and opens a plugin’s settings form', async () => {
  const { page } = b;
  await page.getByRole('menuitem', { name: '系统管理' }).click();
  await page.getByRole('menuitem', { name: '插件管理' }).click();
  await page.getByTestId('plugin-procurement').waitFor();
  await b.screenshot('admin-plugins');
  const card = page.getByTestId('plugin-procurement');
  await card.getByRole('switch').click();
  // Disabling reaches every body in the scope: confirmed first.
  const confirm = page.locator('.ant-modal-confirm');
  await confirm.getByText('将对全市所有单位停用').waitFor();
  await confirm.getByRole('button', { name: /停\s?用/ }).click();
  await card.getByText('未启用').waitFor();
  // A disabled plugin's menu disappears.
  await expect.poll(() => page.getByRole('menuitem', { name: '政府采购' }).count()).toBe(0);
  await card.getByRole('switch').click();
  await card.getByText('已启用').waitFor();
  await card.getByRole('button', { name: '配置' }).click();
  await page.locator('.ant-drawer .cx-schema-form').waitFor();
  await page.getByRole('button', { name: '保存' }).click();
  await page.locator('.ant-drawer').waitFor({ state: 'hidden' });
  expect(b.errors).toEqual([]);
});
