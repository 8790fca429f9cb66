/**
 * The portal's 诚信评价 page in Debian's chromium against the seeded `chengxin start`: last year's published district
 * evaluation with its ranking (ranked districts first, 数据不足 ones after and marked), the scheme and publication date,
 * the method note, and a district's breakdown opened. No console errors; a screenshot for the README.
 */
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { openBrowser, type OpenBrowser } from '../browser';

describe('portal evaluation results', () => {
  const base = inject('baseUrl');
  let b: OpenBrowser;

  beforeAll(async () => {
    b = await openBrowser({ viewport: { width: 1366, height: 1000 } });
  });
  afterAll(async () => {
    expect(b.errors).toEqual([]);
    await b.close();
  });

  it('is reached from the home page and shows the ranked districts with a breakdown', async () => {
    const { page } = b;
    await page.goto(`${base}/`);
    await page.getByRole('navigation').getByRole('link', { name: '诚信评价' }).click();
    await page.waitForURL(/\/evaluation$/);
    const ranking = page.getByTestId('ranking');
    await ranking.waitFor();
    await page.getByRole('heading', { name: /\d{4}年度各区评价结果/ }).waitFor();
    // The seeded, published last year (an admin test may since have published this year's run, the latest shown first).
    const year = new Date().getFullYear() - 1;
    await page.goto(`${base}/evaluation?year=${year}`);
    await ranking.waitFor();
    await page.getByRole('heading', { name: new RegExp(`${year}年度各区评价结果`) }).waitFor();
    const heading = await page.getByTestId('evaluation').locator('h2').innerText();
    expect(heading).toMatch(/第\d+版/);
    expect(heading).toMatch(/公布日期 \d{4}-\d{2}-\d{2}/);

    const rows = ranking.getByTestId('evaluation-row');
    const cells = await rows.evaluateAll((trs) =>
      trs.map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent?.trim() ?? '')),
    );
    const ranked = cells.filter((c) => /^\d+$/.test(c[0]!));
    expect(ranked.length).toBeGreaterThan(1);
    // Ranked districts first, in rank order, each a district body with a score; 数据不足 ones after them.
    expect(ranked.map((c) => Number(c[0]))).toEqual([...ranked.map((c) => Number(c[0]))].sort((x, y) => x - y));
    for (const c of ranked) {
      expect(c[1]).toContain('区');
      expect(c[2]).toMatch(/^\d+\.\d$/);
    }
    const firstUnranked = cells.findIndex((c) => !/^\d+$/.test(c[0]!));
    if (firstUnranked >= 0) {
      expect(cells.slice(firstUnranked).every((c) => c[0] === '数据不足')).toBe(true);
    }
    // The third-party evaluation seeded for last year is shown beside the scores.
    expect(await ranking.locator('thead').innerText()).toContain('第三方评价');

    // The third district's breakdown: every indicator with its value, score, weight and points adding up to its score.
    await rows.nth(2).getByRole('button', { name: '得分构成' }).click();
    const breakdown = page.getByTestId('breakdown');
    await breakdown.waitFor();
    const items = await breakdown.locator('tbody tr').count();
    expect(items).toBeGreaterThan(1);
    expect(await breakdown.locator('thead').innerText()).toMatch(/指标[\s\S]*权重[\s\S]*计入总分/);
    const points = await breakdown.locator('tbody tr td:nth-child(5)').allTextContents();
    const sum = points.filter((p) => p !== '—').reduce((s, p) => s + Number(p), 0);
    expect(Math.abs(sum - Number(ranked[2]![2]))).toBeLessThan(0.2);

    const text = await page.locator('main').innerText();
    expect(text).toContain('评价方法');
    expect(text).toContain('不是法定标准');
    await b.screenshot('portal-evaluation');

    await rows.nth(2).getByRole('button', { name: '收起' }).click();
    expect(await page.getByTestId('breakdown').count()).toBe(0);
  });

  it('says so when a year has no published result', async () => {
    const { page } = b;
    await page.goto(`${base}/evaluation?year=${new Date().getFullYear() - 3}`);
    await page.getByText('该年度的评价结果尚未公布').waitFor();
  });
});
