/**
 * Evaluation results put to use and the exports for the level above, in the console: a reviewer asks whether a
 * district qualifies for a policy area and sees the score, rank and rule behind the answer, and downloads the 绩效考核
 * export; an officer downloads the townships' 绩效考核 file from the plugin's page; the 规则表 lists the policy areas'
 * rules with the plan's article; the PPP project list flags, and filters, agreements signed without a contract review.
 */
import { readFileSync } from 'node:fs';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, expect, inject, it } from 'vitest';
import { openBrowser, type OpenBrowser } from '../browser';
import { login, logout, open, pick, pickSearch } from './helpers';

const baseUrl = inject('baseUrl');
let b: OpenBrowser;

beforeAll(async () => {
  b = await openBrowser();
});
afterAll(async () => b?.close());

it('answers eligibility for a district with score, rank and rule, and downloads the 绩效考核 export', async () => {
  const { page } = b;
  const year = new Date().getFullYear();
  await login(page, baseUrl, 'reviewer');
  await page.getByRole('menuitem', { name: '政务诚信评价' }).click();
  await page.getByRole('menuitem', { name: '结果应用' }).click();
  await page.getByRole('heading', { name: '评价结果应用' }).waitFor();
  // The areas' rules with their settings and source.
  await page.locator('.ant-table-row', { hasText: '改革试点遴选' }).waitFor();
  expect(await page.locator('.ant-table-row', { hasText: '改革试点遴选' }).innerText()).toContain('津政发〔2017〕29号');

  await pickSearch(page, '#policy-org', '河西区人民政府', '天津市河西区人民政府');
  await pick(page, '#area', '项目投资支持');
  await page.getByRole('button', { name: '判断' }).click();
  const answer = page.getByTestId('policy-answer');
  await answer.waitFor();
  const text = await answer.innerText();
  expect(text).toContain('天津市河西区人民政府');
  // Last year's published evaluation applies (the default: the year before the decision year).
  expect(text).toContain(String(year - 1));
  expect(text).toMatch(/得分[\d.]+分，名次第\d+名（共\d+个单位参与排名）/);
  expect(text).toMatch(/[\d.]+ \/ \d+（共\d+个）/);
  expect(text).toContain('得分不低于70分');
  expect(text).toContain('二.4');
  expect(text).toMatch(/符合条件|不符合条件/);
  await b.screenshot('admin-evaluation-use');

  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: '导出 XLSX' }).click(),
  ]);
  expect(download.suggestedFilename()).toBe(`performance-${year - 1}-district.xlsx`);
  const book = new ExcelJS.Workbook();
  await book.xlsx.readFile((await download.path())!);
  const cells: string[] = [];
  book.worksheets[0]!.eachRow((row) => cells.push((row.values as unknown[]).map((v) => String(v ?? '')).join('|')));
  expect(cells.some((c) => c.includes('天津市河西区人民政府'))).toBe(true);
  expect(b.errors).toEqual([]);
  await logout(page);
});

it("downloads the townships' 绩效考核 file from the plugin's page", async () => {
  const { page } = b;
  const year = new Date().getFullYear() - 1;
  await login(page, baseUrl, 'officer');
  await page.getByRole('menuitem', { name: '街道乡镇公开承诺' }).click();
  await page.getByRole('menuitem', { name: '绩效考核导出' }).click();
  await page.getByRole('heading', { name: '绩效考核（公开承诺兑现情况）' }).waitFor();
  const row = page.locator('.ant-table-row').first();
  await row.waitFor();
  const township = (await row.locator('td').first().innerText()).trim();
  expect(township).toMatch(/(街道|镇|乡)/);
  await b.screenshot('admin-townships-performance');
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('button', { name: '导出绩效考核文件（CSV）' }).click(),
  ]);
  expect(download.suggestedFilename()).toBe(`townships-commitments-${year}.csv`);
  const csv = readFileSync((await download.path())!, 'utf8');
  expect(csv.startsWith('\uFEFF')).toBe(true);
  const lines = csv.slice(1).split('\r\n');
  expect(lines[0]).toContain(`${year}年度街道（乡镇）公开承诺兑现情况`);
  expect(lines[1]).toBe('街道（乡镇）,承诺事项,全部兑现,部分兑现,未兑现,依法变更,未到期或未评定,全部兑现率（%）');
  expect(lines.some((l) => l.startsWith(`${township},`))).toBe(true);
  expect(b.errors).toEqual([]);
});

it('lists the policy areas in the rule table with the plan article and their settings', async () => {
  const { page } = b;
  await page.getByRole('menuitem', { name: '规则表' }).click();
  await page.getByRole('heading', { name: '规则表' }).waitFor();
  const card = page.getByTestId('rules-policyUse');
  await card.locator('.ant-table-row').first().waitFor();
  const rows = await card.locator('.ant-table-row').allInnerTexts();
  expect(rows).toHaveLength(3);
  expect(rows[0]).toContain('改革试点遴选');
  expect(rows[0]).toContain('最低得分：85（默认）');
  expect(rows.every((r) => r.includes('津政发〔2017〕29号') && r.includes('二.4') && r.includes('本地设置'))).toBe(
    true,
  );
  await b.screenshot('admin-rules');
  expect(b.errors).toEqual([]);
});

it('flags in the PPP project list an agreement signed without a contract review, and filters by it', async () => {
  const { page } = b;
  await open(page, baseUrl, '/p/ppp/projects');
  await page.getByRole('heading', { name: 'PPP项目' }).waitFor();
  await page.locator('.cx-cursor-table .ant-table-row').first().waitFor();
  await pick(page, '#filter-signedWithoutReview', '签署前未经审查');
  await expect
    .poll(async () => {
      const states = await page.locator('.cx-cursor-table .ant-table-row').allInnerTexts();
      return states.length > 0 && states.every((s) => /签署前未经审查|签署后才审查|审查不同意仍签署/.test(s));
    })
    .toBe(true);
  // The flag is a tag whose tooltip names the rule.
  const tag = page
    .locator('.cx-cursor-table .ant-table-row')
    .first()
    .locator('.ant-tag', { hasText: '政府方与社会资本签署PPP' });
  await tag.hover();
  await page.locator('.ant-tooltip', { hasText: '签署前未经审查、签署后才审查或审查不同意仍签署的' }).waitFor();
  await b.screenshot('admin-ppp-unreviewed');
  await pick(page, '#filter-signedWithoutReview', '签署前已审查或尚未签署');
  await expect
    .poll(async () => {
      const states = await page.locator('.cx-cursor-table .ant-table-row').allInnerTexts();
      return states.length > 0 && states.every((s) => /签署前已审查|尚未签署协议/.test(s));
    })
    .toBe(true);
  expect(b.errors).toEqual([]);
});
