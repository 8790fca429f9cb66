/**
 * A criticism notice drafted by an officer, reviewed and published by a second person, then found on the portal's
 * 通报曝光 page and on the body's integrity page; a self-correction decision that lifts the honours bar, with the file
 * saying why (免于…，依据…二.5).
 */
import { afterAll, beforeAll, expect, inject, it } from 'vitest';
import { openBrowser, type OpenBrowser } from '../browser';
import { api, login, logout, open, pick, pickSearch } from './helpers';

const baseUrl = inject('baseUrl');
let b: OpenBrowser;
const n = Date.now() % 100000;
const decisionNo = `津河西罚〔2026〕通${n}号`;
const otherNo = `津河西罚〔2026〕新${n}号`;
const title = `关于拖欠中小企业账款问题的通报（${n}）`;
let target: { id: string; name: string };
let clean: { id: string; name: string };
let otherRecord: string;

beforeAll(async () => {
  b = await openBrowser();
  const admin = api(baseUrl, 'admin');
  const hexi = (await admin.kernel.orgs.search.query({ q: '天津市河西区人民政府', limit: 1 })).items[0]!;
  const departments = (await admin.kernel.orgs.tree.query({ parentId: hexi.id })).filter(
    (o) => o.kind === 'department',
  );
  // A department with no dishonesty record binding today: the self-correction alone decides its honours answer.
  const today = new Date().toLocaleDateString('sv-SE', { timeZone: 'Asia/Shanghai' });
  const answers = await Promise.all(
    departments.map((d) => admin.kernel.eligibility.honours.query({ orgId: d.id, date: today })),
  );
  clean = departments.find((_, i) => answers[i]!.eligible)!;
  target = departments.find((d) => d.id !== clean.id)!;
  const publish = async (orgId: string, no: string) => {
    const draft = await admin.kernel.records.create.mutate({
      subject: { kind: 'org', orgId },
      typeKey: 'administrative_penalty',
      severity: 'ordinary',
      facts: '拖欠中小企业账款逾期三个月',
      legalBasis: '《保障中小企业款项支付条例》第八条',
      decisionNo: no,
      decisionDate: '2026-11-02',
      issuingAuthority: '天津市河西区财政局',
      disclosureScope: 'public',
      payload: { penaltyCategories: ['warning'], penaltyContent: '警告' },
      linkTo: [],
    });
    for (const step of ['submit', 'approve', 'publish'] as const)
      await admin.kernel.records[step].mutate({ recordId: draft.id });
    return draft.id;
  };
  await publish(target.id, decisionNo);
  otherRecord = await publish(clean.id, otherNo);
});
afterAll(async () => b?.close());

it('an officer drafts a notice, a second person reviews and publishes it, the portal shows it', async () => {
  const { page } = b;
  await login(page, baseUrl, 'officer');
  await open(page, baseUrl, '/notices');
  await page.getByTestId('notice-new').click();
  const dialog = page.getByRole('dialog');
  await pickSearch(page, '#targetOrgId', target.name, target.name);
  await pickSearch(page, '#issuerOrgId', '天津市河西区人民政府', '天津市河西区人民政府');
  await pick(page, '#recordIds', decisionNo);
  await page.keyboard.press('Escape');
  await page.fill('#title', title);
  await page.fill('#documentNo', `河西政通〔2026〕${n}号`);
  await page.fill('#facts', `${target.name}拖欠中小企业账款逾期三个月，经催告仍未支付。`);
  await page.fill('#rectificationDemand', '立即清偿欠款，建立付款台账，按月报告整改进度。');
  await page.fill('#rectificationDue', '2027-03-31');
  await dialog.getByRole('button', { name: '保存草稿' }).click();
  await expect.poll(() => page.getByTestId('notice-status').textContent(), { timeout: 60_000 }).toBe('草稿');
  await page.getByRole('button', { name: '提交复核' }).click();
  await expect.poll(() => page.getByTestId('notice-status').textContent(), { timeout: 60_000 }).toBe('待复核');
  await page.keyboard.press('Escape');
  await page.getByTestId('notice-drawer').waitFor({ state: 'hidden' });
  await logout(page);

  await login(page, baseUrl, 'reviewer');
  await open(page, baseUrl, '/notices');
  await page.getByTestId('notice-open').filter({ hasText: title }).click();
  await page.getByTestId('notice-review-note').fill('事实清楚，依据充分，同意发布。');
  await page.getByRole('button', { name: '复核同意' }).click();
  await expect.poll(() => page.getByTestId('notice-status').textContent(), { timeout: 60_000 }).toBe('已复核待发布');
  await page.getByRole('button', { name: '发布通报' }).click();
  await expect.poll(() => page.getByTestId('notice-status').textContent(), { timeout: 60_000 }).toBe('已发布');
  await page.getByText('已启动限期整改').waitFor();
  await b.screenshot('admin-notice');

  await page.goto(`${baseUrl}/notices`);
  await page.getByText(title).waitFor();
  await b.screenshot('portal-notices');
  await page.goto(`${baseUrl}/body/${target.id}`);
  await page.getByTestId('body-notices').getByText(title).waitFor();
  expect(await page.getByTestId('body-notices').innerText()).toContain('天津市河西区人民政府');
  expect(b.errors).toEqual([]);
});

it('a self-correction decision lifts the honours bar and the file says why', async () => {
  const { page } = b;
  await page.goto(`${baseUrl}/admin/`);
  await logout(page);
  await login(page, baseUrl, 'officer');
  await open(page, baseUrl, `/records/${otherRecord}`);
  await page.getByTestId('self-correction-new').click();
  const dialog = page.getByRole('dialog');
  await page.fill('#applicantName', clean.name);
  await dialog.locator('.ant-checkbox-label', { hasText: '主动挽回损失' }).click();
  await page.fill('#description', '已于决定后十日内主动付清全部欠款及利息');
  await page.fill('#documents', '银行回单，情况说明');
  await dialog.getByRole('button', { name: '登记' }).click();
  await page.getByTestId('self-correction-drawer').getByText('银行回单').waitFor();
  await page.keyboard.press('Escape');
  await page.getByTestId('self-correction-drawer').waitFor({ state: 'hidden' });
  await logout(page);

  await login(page, baseUrl, 'reviewer');
  await open(page, baseUrl, `/files/org/${clean.id}`);
  const honours = page.getByTestId('eligibility').filter({ hasText: '荣誉评选' });
  await expect.poll(() => honours.innerText(), { timeout: 60_000 }).toContain('不可以');
  await open(page, baseUrl, '/self-corrections');
  await page.getByTestId('self-correction-open').filter({ hasText: clean.name }).first().click();
  await page.getByTestId('measure-honours').getByText('免于实施').click();
  await page.getByTestId('self-correction-reason').fill('主动挽回全部损失并消除不良影响，免于评优评先限制。');
  await page.getByRole('button', { name: '提交决定' }).click();
  await expect
    .poll(() => page.getByTestId('self-correction-decision').innerText(), { timeout: 60_000 })
    .toContain('免于评优评先限制');
  await b.screenshot('admin-self-correction');

  await open(page, baseUrl, `/files/org/${clean.id}`);
  await expect.poll(() => honours.innerText(), { timeout: 60_000 }).toContain('可以参加荣誉评选');
  const why = await honours.getByTestId('mitigation').innerText();
  expect(why).toContain('免于评优评先限制');
  expect(why).toContain('二.5');
  await page.getByText('主动自新', { exact: true }).first().waitFor();
  await b.screenshot('admin-file-self-correction');
  expect(b.errors).toEqual([]);
});
