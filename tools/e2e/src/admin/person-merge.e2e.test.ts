/**
 * The city registrar's merge queue: the demo has one person a second district registered again (that district was not
 * told the number was on file). The admin sees the registration beside the person on file, is asked for a reason, and
 * merges it; the queue empties.
 */
import { afterAll, beforeAll, expect, inject, it } from 'vitest';
import { openBrowser, type OpenBrowser } from '../browser';
import { login, open } from './helpers';

const baseUrl = inject('baseUrl');
let b: OpenBrowser;

beforeAll(async () => {
  b = await openBrowser();
});
afterAll(async () => b?.close());

it('a city-wide administrator merges a duplicate registration with a reason', async () => {
  const { page } = b;
  await login(page, baseUrl, 'admin');
  await open(page, baseUrl, '/persons');
  const card = page.locator('.ant-card', { hasText: '跨区重复登记（待市级合并）' });
  await card.getByRole('button', { name: '合并' }).first().waitFor();
  // Other browser tests may have registered more duplicates; the merged one leaves the list.
  const before = await card.getByRole('button', { name: '合并' }).count();
  await b.screenshot('admin-person-duplicates');
  await card.getByRole('button', { name: '合并' }).first().click();
  const dialog = page.getByRole('dialog');
  await dialog.getByRole('button', { name: '确认合并（不可撤销）' }).click();
  await dialog.locator('.ant-form-item-explain-error').waitFor();
  expect(await dialog.locator('.ant-form-item-explain-error').textContent()).toBe('请填写合并理由（至少2个字）');
  await page.fill('#merge-reason', '同一身份证号，调任本区');
  await dialog.getByRole('button', { name: '确认合并（不可撤销）' }).click();
  await page.getByText('已合并').first().waitFor();
  await expect.poll(() => card.getByRole('button', { name: '合并' }).count()).toBe(before - 1);
  expect(b.errors).toEqual([]);
});
