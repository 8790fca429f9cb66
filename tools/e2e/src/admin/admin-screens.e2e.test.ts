/**
 * Administration screens for what the API can do: an integrator's token issued (secret shown once), used on the REST
 * face, revoked after a confirmation and refused from then on; a year's holiday arrangement entered from the State
 * Council notice turning a provisional deadline official; the login page at three widths.
 */
import { afterAll, beforeAll, expect, inject, it } from 'vitest';
import { openBrowser, type OpenBrowser } from '../browser';
import { login, open, pick, settled } from './helpers';

const baseUrl = inject('baseUrl');
let b: OpenBrowser;

beforeAll(async () => {
  b = await openBrowser();
});
afterAll(async () => b?.close());

/** A date typed into an antd picker, committed with Tab (Enter could submit the surrounding form). */
async function typeDate(selector: string, date: string) {
  const input = b.page.locator(selector);
  await input.click();
  await input.fill(date);
  await b.page.keyboard.press('Tab');
}

it('issues an API token with an explicit scope, shows the secret once, calls the REST API with it, then revokes it', async () => {
  const { page } = b;
  await login(page, baseUrl, 'admin');
  await page.getByRole('menuitem', { name: '系统管理' }).click();
  await page.getByRole('menuitem', { name: '接口令牌' }).click();
  await page.getByRole('heading', { name: '接口令牌' }).waitFor();
  await page.getByRole('button', { name: '签发令牌' }).click();
  await page.fill('#token-name', '区级数据交换系统（测试）');
  await pick(page, '#token-role', '查询员');
  // No scope chosen: refused with a message, not a silent whole-city token.
  await page
    .getByRole('button', { name: '签 发' })
    .or(page.getByRole('button', { name: '签发' }))
    .last()
    .click();
  await page.getByText('请选择“全市”或限定单位').waitFor();
  await page.getByRole('radio', { name: '全市' }).check();
  await page
    .getByRole('button', { name: '签 发' })
    .or(page.getByRole('button', { name: '签发' }))
    .last()
    .click();
  const secretBox = page.getByTestId('token-secret');
  await secretBox.waitFor();
  const secret = (await secretBox.innerText()).trim();
  expect(secret).toMatch(/^cxt_/);
  // The modal zooms in: the screenshot waits for its animation to end (it caught it half-scaled before).
  await settled(page);
  await b.screenshot('admin-token-issued');
  await page.getByRole('button', { name: '我已妥善保存' }).click();
  const row = page.locator('tr', { hasText: '区级数据交换系统（测试）' });
  await row.getByText('有效').waitFor();
  expect(await row.innerText()).not.toContain(secret);

  const call = () => fetch(`${baseUrl}/api/v1/records?limit=5`, { headers: { authorization: `Bearer ${secret}` } });
  const ok = await call();
  expect(ok.status).toBe(200);
  expect(((await ok.json()) as { items: unknown[] }).items.length).toBeGreaterThan(0);

  await row
    .getByRole('button', { name: '吊 销' })
    .or(row.getByRole('button', { name: '吊销' }))
    .click();
  await page.getByText('吊销后使用该令牌的外部系统立即无法调用').waitFor();
  await settled(page);
  await b.screenshot('admin-tokens');
  await page
    .locator('.ant-popconfirm')
    .getByRole('button', { name: /吊\s?销/ })
    .click();
  await row.getByText('已吊销').waitFor();
  expect((await call()).status).toBe(401);
  expect(b.errors).toEqual([]);
});

it('enters a year of holidays from the State Council notice and the provisional deadline in it becomes official', async () => {
  const { page } = b;
  await open(page, baseUrl, '/calendar');
  await page.getByRole('heading', { name: '工作日历' }).waitFor();
  // A year the calendar data does not hold: computed from the statutory holidays only, so provisional.
  await typeDate('#check-from', '2027-01-04');
  await page.fill('#check-days', '5');
  await page.keyboard.press('Tab');
  const result = page.getByTestId('deadline-result');
  await result.getByText('暂定').waitFor();

  await page.fill('#cal-year', '2027');
  await page.fill('#cal-doc', '国办发明电〔2026〕12号');
  await pick(page, '#cal-name-0', '元旦');
  await typeDate('#cal-off-0', '2027-01-01');
  await page.keyboard.type('2027-01-03');
  await page.keyboard.press('Tab');
  await page.getByRole('button', { name: '保存并标记为正式' }).click();
  await page.getByText('2027年放假安排已录入并标记为正式').waitFor();
  const year = page.locator('tr', { has: page.locator('td', { hasText: /^2027$/ }) });
  await year.getByText('正式（国务院通知）').waitFor();
  expect(await year.innerText()).toContain('国办发明电〔2026〕12号');
  await result.getByText('正式').waitFor();
  await b.screenshot('admin-calendar');
  expect(b.errors).toEqual([]);
});

it('shows the sign-in page filling the screen with the card centred at three widths', async () => {
  for (const [width, height] of [
    [1366, 768],
    [1920, 1080],
    [390, 844],
  ] as const) {
    const w = await openBrowser({ viewport: { width, height } });
    try {
      await w.page.goto(`${baseUrl}/admin/`);
      await w.page.locator('#username').waitFor();
      const box = (await w.page.locator('.cx-login').boundingBox())!;
      expect(box.width).toBe(width);
      expect(box.height).toBe(height);
      const card = (await w.page.locator('.cx-login-card').boundingBox())!;
      expect(Math.abs(card.x + card.width / 2 - width / 2)).toBeLessThanOrEqual(2);
      expect(Math.abs(card.y + card.height / 2 - height / 2)).toBeLessThanOrEqual(2);
      expect(card.width).toBeLessThanOrEqual(width);
      const scroll = await w.page.evaluate(() => document.documentElement.scrollWidth);
      expect(scroll).toBeLessThanOrEqual(width);
      if (width === 390) await w.screenshot('admin-login-390');
    } finally {
      await w.close();
    }
  }
});
