/**
 * Complaints for their handlers (issue 21, item 11): a reviewer sees the picture a complainant sent (a thumbnail served
 * by the authenticated attachment route) and resolves a complaint whose body was only described in words to a body of
 * the org tree; it leaves the 待确定被投诉单位 filter.
 */
import { createClient } from '@chengxin/client';
import { afterAll, beforeAll, expect, inject, it } from 'vitest';
import { openBrowser, type OpenBrowser } from '../browser';
import { api, login, open, pickSearch, settled } from './helpers';

const baseUrl = inject('baseUrl');
let b: OpenBrowser;

/** A real 4×4 PNG: the server re-encodes images with sharp, so it must decode. */
const PNG =
  'iVBORw0KGgoAAAANSUhEUgAAAAQAAAAECAIAAAAmkwkpAAAACXBIWXMAAAPoAAAD6AG1e1JrAAAAEUlEQVQImWM4w8AARwgWXg4AWIMMwVLWc8oAAAAASUVORK5CYII=';

beforeAll(async () => {
  b = await openBrowser();
});
afterAll(async () => b?.close());

it('a handler sees a complaint’s picture and resolves a body named in words to one from the org tree', async () => {
  const { page } = b;
  const body = (await api(baseUrl, 'reviewer').kernel.orgs.search.query({ q: '河西区', limit: 5 })).items[0]!;
  const n = Date.now() % 100000;
  const anon = createClient(baseUrl);
  const withPicture = await anon.kernel.public.complain.mutate({
    category: 'promise',
    aboutOrgId: body.id,
    content: `承诺的入驻补贴逾期未兑现，附现场照片（${n}）`,
    anonymous: true,
    attachments: [{ filename: '现场照片.png', contentType: 'image/png', dataBase64: PNG }],
  });
  const inWords = await anon.kernel.public.complain.mutate({
    category: 'payment',
    aboutText: `河西区管工程款的那个局（${n}）`,
    content: `工程款拖欠一年未付（${n}）`,
    anonymous: true,
  });

  await login(page, baseUrl, 'reviewer');
  await open(page, baseUrl, '/queues/complaints');
  // Only those whose body is still to be determined.
  await page.getByText('只看待确定被投诉单位的').click();
  const row = page.locator('tr', { hasText: inWords.receiptCode });
  await row.getByText('待确定被投诉单位').waitFor();
  expect(await page.locator('tr', { hasText: withPicture.receiptCode }).count()).toBe(0);
  await row.getByRole('button', { name: '确定被投诉单位' }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByRole('button', { name: '确定并转交该单位办理' }).click();
  expect(await dialog.getByRole('alert').textContent()).toBe('请选择被投诉单位');
  await pickSearch(page, '#resolve-org', body.name, body.name);
  await page.fill('#resolve-note', '据描述及工程合同确定');
  await settled(page);
  await b.screenshot('admin-complaint-resolve-body');
  await dialog.getByRole('button', { name: '确定并转交该单位办理' }).click();
  await page.getByText('操作成功').first().waitFor();
  await row.waitFor({ state: 'detached' });
  const resolved = await api(baseUrl, 'reviewer').kernel.complaints.list.query({ limit: 200 });
  expect(resolved.find((c) => c.receiptCode === inWords.receiptCode)).toMatchObject({
    aboutOrgId: body.id,
    handlingOrgId: body.id,
    bodyUnresolved: false,
  });

  // The picture: the row opens to the complaint's words and a thumbnail loaded through the authenticated route.
  await page.getByText('只看待确定被投诉单位的').click();
  // The list pages by 20: find the complaint by its receipt code.
  const search = page.getByPlaceholder('回执码、承办单位、被投诉对象或内容');
  await search.fill(withPicture.receiptCode);
  await search.press('Enter');
  const pictured = page.locator('tr', { hasText: withPicture.receiptCode });
  await pictured.locator('.ant-table-row-expand-icon').click();
  const thumb = page.getByRole('img', { name: '现场照片.png' });
  await thumb.waitFor();
  await expect.poll(() => thumb.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth)).toBe(4);
  const href = await page.locator('a', { has: thumb }).getAttribute('href');
  expect(href).toMatch(/^\/files\/complaints\/[0-9a-f-]+\/attachments\/[0-9a-f-]+$/);
  // Never public: the same address without the session is refused.
  expect((await fetch(`${baseUrl.replace(/\/$/, '')}${href}`)).status).toBe(401);
  await b.screenshot('admin-complaint-attachments');
  expect(b.errors).toEqual([]);
});
