/** The other case queues: a reviewer accepts a complaint and decides a credit repair, each with a required reason. */
import { afterAll, beforeAll, expect, inject, it } from 'vitest';
import { openBrowser, type OpenBrowser } from '../browser';
import { login, open } from './helpers';

const baseUrl = inject('baseUrl');
let b: OpenBrowser;

beforeAll(async () => {
  b = await openBrowser();
});
afterAll(async () => b?.close());

it('a reviewer accepts a complaint and rejects a repair application from the queues', async () => {
  const { page } = b;
  await login(page, baseUrl, 'reviewer');
  await open(page, baseUrl, '/queues/complaints');
  await page.getByRole('button', { name: '受理' }).first().click();
  const dialog = page.getByRole('dialog');
  await dialog.getByRole('button', { name: '作出决定' }).click();
  expect(await dialog.getByRole('alert').textContent()).toBe('请填写理由');
  await page.fill('#case-reason', '属于本单位职责，予以受理');
  await dialog.getByRole('button', { name: '作出决定' }).click();
  await page.getByText('操作成功').first().waitFor();

  await open(page, baseUrl, '/queues/repairs');
  await page.getByRole('button', { name: '作出决定' }).first().click();
  await dialog.getByText('驳回').click();
  await page.fill('#case-reason', '履行证明不完整');
  await dialog.getByRole('button', { name: '作出决定' }).click();
  await page.getByText('操作成功').first().waitFor();
  await b.screenshot('admin-repairs');
  expect(b.errors).toEqual([]);
});
