/**
 * The portal's 失信公示 page and the released third-party ratings on 诚信评价, in Debian's chromium against the seeded
 * `chengxin start`: the list with counts, a severity filter that narrows it, a row linking the subject's page, the Atom
 * feed served as Atom; and the third-party section labelled with rater, method and date. No console errors.
 */
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { openBrowser, type OpenBrowser } from '../browser';

describe('portal dishonesty list and third-party ratings', () => {
  const base = inject('baseUrl');
  let b: OpenBrowser;

  beforeAll(async () => {
    b = await openBrowser({ viewport: { width: 1366, height: 1000 } });
  });
  afterAll(async () => {
    expect(b.errors).toEqual([]);
    await b.close();
  });

  it('lists dishonesty records in publication with counts, filters them and links each subject', async () => {
    const { page } = b;
    await page.goto(`${base}/`);
    await page.getByRole('navigation').getByRole('link', { name: '失信公示' }).click();
    await page.waitForURL(/\/dishonesty$/);
    const rows = page.getByTestId('dishonesty-row');
    await rows.first().waitFor();
    const counts = await page.getByTestId('dishonesty-counts').innerText();
    const total = Number(/共 (\d+) 条失信记录/.exec(counts)?.[1]);
    expect(total).toBeGreaterThan(0);
    expect(await rows.count()).toBe(Math.min(20, total));
    expect(await page.locator('main').innerText()).not.toMatch(/\d{17}[\dX]/);

    await page.getByLabel('严重程度').selectOption('serious');
    await page.waitForURL(/severity=serious/);
    await page.getByTestId('dishonesty-counts').waitFor();
    await page.waitForFunction(() =>
      [...document.querySelectorAll('[data-testid=dishonesty-row] td:nth-child(4)')].every(
        (td) => td.textContent === '严重',
      ),
    );
    await b.screenshot('portal-dishonesty');
    const first = rows.first().locator('td').first().getByRole('link');
    const name = await first.innerText();
    await first.click();
    await page.waitForURL(/\/(body|person)\//);
    await page.getByRole('heading', { name }).first().waitFor();

    const atom = await page.request.get(`${base}/api/v1/public/dishonesty/feed?format=atom&severity=serious`);
    expect(atom.headers()['content-type'], await atom.text()).toBe('application/atom+xml; charset=utf-8');
    expect(await atom.text()).toContain('<title>政务失信公示</title>');
  });

  it('shows released third-party ratings beside the official evaluation, labelled with rater, method and date', async () => {
    const { page } = b;
    await page.goto(`${base}/evaluation?year=${new Date().getFullYear() - 1}`);
    const section = page.getByTestId('third-party');
    await section.waitFor();
    const text = await section.innerText();
    expect(text).toContain('不计入官方得分');
    expect(text).toContain('南开大学政府诚信研究课题组');
    expect(text).toMatch(/评价方法：.+/);
    expect(text).toMatch(/评价日期：\d{4}-\d{2}-\d{2}/);
    // Only released lists: the withdrawn one stays off the portal (the one awaiting release too, unless a console test
    // released it meanwhile).
    expect(text).not.toContain('某社会调查中心');
  });
});
