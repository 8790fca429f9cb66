/**
 * 监测线索 in the console: an officer sees the figures per source, dismisses an open lead with a reason (the dialog
 * refuses without one), and the lead moves to 已排除. A reviewer releases the third-party list awaiting release.
 */
import { afterAll, beforeAll, expect, inject, it } from 'vitest';
import { openBrowser, type OpenBrowser } from '../browser';
import { confirmDialog, login, logout, open } from './helpers';

const baseUrl = inject('baseUrl');
let b: OpenBrowser;

beforeAll(async () => {
  b = await openBrowser();
});
afterAll(async () => b?.close());

it('an officer triages a lead and a reviewer releases a third-party list', async () => {
  const { page } = b;
  await login(page, baseUrl, 'officer');
  await open(page, baseUrl, '/leads');
  await page.getByText('中国裁判文书网监测').first().waitFor();
  await page.getByRole('button', { name: '排除' }).first().click();
  const dialog = page.getByRole('dialog');
  await dialog.getByRole('button', { name: '作出决定' }).click();
  await dialog.getByText('请输入排除理由').or(dialog.locator('.ant-form-item-explain-error')).first().waitFor();
  await dialog.locator('textarea').fill('经核实报道所涉款项已于期限内支付，不属失信');
  await dialog.getByRole('button', { name: '作出决定' }).click();
  await page.getByText('操作成功').first().waitFor();
  await page.getByText('已排除', { exact: true }).first().click();
  await page.getByText('经核实报道所涉款项已于期限内支付').or(page.locator('.ant-table-row')).first().waitFor();
  await b.screenshot('admin-leads');
  await logout(page);

  await login(page, baseUrl, 'reviewer');
  await open(page, baseUrl, '/evaluation/third-party');
  await page.getByText('某信用评级有限公司').first().waitFor();
  const row = page.locator('.ant-table-row', { hasText: '某信用评级有限公司' });
  await row.getByRole('button', { name: '审核发布' }).click();
  const note = page.getByRole('dialog').locator('#release-text');
  await note.fill('已核对评级方法与结果，同意发布');
  // The dialog may still be settling on a loaded machine: make sure the text was taken before deciding.
  if ((await note.inputValue()) !== '已核对评级方法与结果，同意发布') await note.fill('已核对评级方法与结果，同意发布');
  await confirmDialog(page, '作出决定');
  await row.getByText('已发布').waitFor();
  expect(b.errors).toEqual([]);
});
