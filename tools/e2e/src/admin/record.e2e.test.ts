/**
 * Record entry through the generic form (Chinese validation messages next to the fields), then submit, approve and
 * publish with reasons, by an officer and a reviewer; the published record shows its version and events.
 */
import { afterAll, beforeAll, expect, inject, it } from 'vitest';
import { openBrowser, type OpenBrowser } from '../browser';
import { fieldError, login, logout, open, pick, pickDate, pickSearch } from './helpers';

const baseUrl = inject('baseUrl');
let b: OpenBrowser;

beforeAll(async () => {
  b = await openBrowser();
});
afterAll(async () => b?.close());

it('an officer enters a record, a reviewer approves and publishes it', async () => {
  const { page } = b;
  const decisionNo = `津河西罚〔2026〕${Date.now() % 100000}号`;
  await login(page, baseUrl, 'officer');
  await page.getByRole('menuitem', { name: '录入记录' }).click();
  await page.getByText('记录主体').waitFor();

  // Sent empty: every required field says so in Chinese, next to it; nothing is created.
  await page.getByRole('button', { name: '保存草稿' }).click();
  await expect.poll(() => fieldError(page, 'decisionNo').textContent()).toBe('请填写决定文号');
  expect(await fieldError(page, 'severity').textContent()).toBe('请填写严重程度');
  expect(await page.getByText('请选择记录主体').count()).toBeGreaterThan(0);

  await pickSearch(page, '#record-subject', '河西区', '河西区');
  await pick(page, '#field-severity', '一般');
  await page.fill('#field-decisionNo', decisionNo);
  // Enter in the date picker confirms the date; it never sends the half-filled form.
  await pickDate(page, '#field-decisionDate', '2026-10-15');
  expect(page.url()).toMatch(/\/records\/new$/);
  await page.fill('#field-issuingAuthority', '天津市河西区市场监督管理局');
  await page.fill('#field-facts', '未按合同约定期限支付中小企业货款，经责令改正仍未支付。');
  await page.fill('#field-legalBasis', '《保障中小企业款项支付条例》第八条');
  // The national 行政处罚 disclosure fields: a category, the content, the fine in 元.
  await pick(page, '#field-payload-penaltyCategories', '罚款');
  await page.keyboard.press('Escape');
  await page.fill('#field-payload-penaltyContent', '责令改正，并处罚款');
  await page.fill('#field-payload-fineFen', '20000');
  await b.screenshot('admin-record-new');
  await page.getByRole('button', { name: '保存草稿' }).click();

  // The record page: a draft, then submitted.
  await page.getByText(decisionNo).waitFor();
  await page.getByText('草稿', { exact: true }).first().waitFor();
  const recordUrl = page.url();
  await page.getByRole('button', { name: '提交审核' }).click();
  await page.getByRole('dialog').getByRole('button', { name: '提交审核' }).click();
  await page.getByText('待审核', { exact: true }).first().waitFor();
  await logout(page);

  // The reviewer finds it in the queue, approves (a reason is asked for), then publishes.
  await login(page, baseUrl, 'reviewer');
  await page.getByRole('menuitem', { name: '审核队列' }).click();
  await page.getByText(decisionNo).waitFor();
  await b.screenshot('admin-review');
  await page.goto(recordUrl);
  await page.getByRole('button', { name: '审核通过' }).click();
  // Confirming without a reason is refused next to the field. Under load the dialog may still be opening when the
  // first click lands: click again until the message shows (at most three times).
  const reasonRequired = page.getByRole('dialog').getByText('请填写理由');
  for (let attempt = 0; attempt < 3 && !(await reasonRequired.isVisible()); attempt++) {
    await page.getByRole('dialog').getByRole('button', { name: '审核通过' }).click();
    await reasonRequired.waitFor({ timeout: 8_000 }).catch(() => undefined);
  }
  await reasonRequired.waitFor();
  await page.fill('#transition-reason', '事实清楚，依据充分');
  await page.getByRole('dialog').getByRole('button', { name: '审核通过' }).click();
  await page.getByText('已审核', { exact: true }).first().waitFor();
  await page.getByRole('button', { name: '公示' }).click();
  await page.fill('#transition-reason', '按期公示');
  await page.getByRole('dialog').getByRole('button', { name: '公示' }).click();
  await page.getByText('已公示', { exact: true }).first().waitFor();
  await page.getByRole('tab', { name: '流转记录' }).click();
  await page.getByText('按期公示').waitFor();
  await b.screenshot('admin-record');
  expect(b.errors).toEqual([]);
});

it('reviews several records at once from the queue, all or nothing', async () => {
  const { page } = b;
  await open(page, baseUrl, '/review');
  await page.locator('.ant-table-row').first().waitFor();
  const boxes = page.locator('.ant-table-row .ant-checkbox-input');
  await boxes.nth(0).check();
  await boxes.nth(1).check();
  await page.getByRole('button', { name: /批量退回/ }).click();
  await page.getByRole('dialog').getByRole('button', { name: '退回' }).click();
  await page.getByRole('dialog').getByText('请填写理由').waitFor();
  await page.fill('#bulk-reason', '材料不全，请补充');
  await page.getByRole('dialog').getByRole('button', { name: '退回' }).click();
  await page.getByText('退回：2 条').waitFor();
  expect(b.errors).toEqual([]);
});
