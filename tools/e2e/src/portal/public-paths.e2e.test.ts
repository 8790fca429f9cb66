/**
 * The portal on a phone (390 px and 360 px: no page scrolls sideways), its skip link and the focus on the new page's
 * heading after navigation, the townships board searched and filtered by district, and a complaint about a body chosen
 * from the register that a handler accepts and turns into a linked draft record in the console.
 */
import { afterAll, beforeAll, expect, inject, it } from 'vitest';
import { openBrowser, type OpenBrowser } from '../browser';
import { login, open, pick } from '../admin/helpers';

const base = inject('baseUrl');
let b: OpenBrowser;

beforeAll(async () => {
  b = await openBrowser({ viewport: { width: 390, height: 844 } });
});
afterAll(async () => b?.close());

const PAGES = ['/', '/search?q=河西区', '/townships', '/open-data', '/evaluation', '/complaint', '/verify'];

it('has no sideways scroll at 390 px and 360 px on any page', async () => {
  const { page } = b;
  for (const width of [390, 360]) {
    await page.setViewportSize({ width, height: 844 });
    for (const path of PAGES) {
      await page.goto(`${base}${path}`);
      await page.locator('main h1, main h2').first().waitFor();
      await page.waitForLoadState('networkidle');
      const wide = await page.evaluate(() => document.documentElement.scrollWidth);
      expect(`${path} at ${width}px: ${wide}`).toBe(`${path} at ${width}px: ${width}`);
    }
  }
  await page.goto(`${base}/townships`);
  await page.getByTestId('candidates').waitFor();
  await b.screenshot('portal-townships-390');
});

it('offers a skip link first and moves the focus to the new page’s heading after navigation', async () => {
  const { page } = b;
  await page.goto(`${base}/`);
  await page.locator('main h1').first().waitFor();
  await page.keyboard.press('Tab');
  expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('跳到主要内容');
  await page.locator('.site-nav a', { hasText: '诚信评价' }).click();
  await expect
    .poll(() => page.evaluate(() => document.activeElement?.tagName + ':' + document.activeElement?.textContent))
    .toBe('H1:政务诚信状况评价');
});

it('searches the townships board by name and district, with no star rating chosen in advance', async () => {
  const { page } = b;
  await page.setViewportSize({ width: 1366, height: 768 });
  await page.goto(`${base}/townships`);
  await page.getByTestId('board').first().waitFor();
  expect(await page.getByTestId('board').count()).toBeLessThanOrEqual(10);
  // A district: every board shown is one of its streets.
  const district = page.getByLabel('所属区');
  const districtName = (await district.locator('option').nth(1).innerText()).trim();
  await district.selectOption({ index: 1 });
  await expect.poll(() => new URL(page.url()).searchParams.get('district')).not.toBeNull();
  await expect
    .poll(async () => {
      const smalls = await page.locator('[data-testid="board"] h2 small').allInnerTexts();
      return smalls.length > 0 && smalls.every((s) => s === districtName);
    })
    .toBe(true);
  // A name: the street searched for is found.
  const first = (await page.locator('[data-testid="board"] h2').first().innerText()).replace(districtName, '').trim();
  const part = first.replace(/^天津市/, '').slice(3, 7);
  await page.getByLabel('街道（乡镇）名称').fill(part);
  await page.getByRole('button', { name: '查询' }).click();
  await expect.poll(() => new URL(page.url()).searchParams.get('q')).toBe(part);
  // The new page of results replaces the old one: every street shown has the searched words in its name.
  await expect
    .poll(async () => {
      const names = await page.locator('[data-testid="board"] h2').allInnerTexts();
      return names.length > 0 && names.every((n) => n.includes(part));
    })
    .toBe(true);
  await page.getByRole('button', { name: '我要评价' }).first().click();
  expect(await page.getByLabel('兑现情况').inputValue()).toBe('');
  expect(await page.getByLabel('满意度').inputValue()).toBe('');
  await b.screenshot('portal-townships');
});

it('a complaint about a body chosen from the register becomes a linked draft record in the console', async () => {
  const { page } = b;
  await page.goto(`${base}/complaint`);
  await page.getByLabel('类别').selectOption({ label: '拖欠企业账款' });
  await page.getByLabel('单位名称').fill('河西区财政局');
  await page.getByRole('button', { name: '查找' }).click();
  await page.getByTestId('body-hits').getByRole('button').first().click();
  const body = (await page.getByTestId('about-body').innerText()).trim();
  expect(body).toContain('河西区财政局');
  await page.getByLabel('投诉内容').fill(`河西区财政局拖欠我公司工程款已逾一年（${Date.now()}）`);
  await page.getByRole('button', { name: '提交' }).click();
  const receipt = (await page.getByTestId('receipt-code').innerText()).trim();

  await login(page, base, 'admin');
  await open(page, base, '/queues/complaints');
  const row = page.locator('tr', { hasText: receipt });
  await row.getByText(body).first().waitFor();
  await row.getByRole('button', { name: /受\s?理/ }).click();
  const dialog = page.getByRole('dialog');
  await page.fill('#case-reason', '属于本单位职责，予以受理');
  await dialog.getByRole('button', { name: '作出决定' }).click();
  await row.getByRole('button', { name: '生成记录草稿' }).click();
  await page.getByTestId('from-complaint').getByText(receipt).waitFor();
  await pick(page, '#field-severity', '一般');
  await page.fill('#field-decisionNo', `津财罚〔2026〕${String(Date.now()).slice(-5)}号`);
  await page.locator('#field-decisionDate').click();
  await page.locator('#field-decisionDate').fill('2026-10-15');
  await page.keyboard.press('Tab');
  await page.fill('#field-issuingAuthority', '天津市河西区市场监督管理局');
  await page.fill('#field-facts', '未按合同约定期限支付中小企业工程款，经投诉核实属实。');
  await page.fill('#field-legalBasis', '《保障中小企业款项支付条例》第八条');
  await page.getByRole('button', { name: '保存草稿' }).click();
  await page.waitForURL(/\/admin\/records\/[0-9a-f-]{36}$/);
  await page.getByText(body).first().waitFor();
  await open(page, base, '/queues/complaints');
  await page.locator('tr', { hasText: receipt }).getByRole('link', { name: '查看记录' }).waitFor();
  expect(b.errors).toEqual([]);
});
