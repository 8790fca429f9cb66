/** An objection filed by an officer on a published record (marked disputed at once) and decided by a reviewer. */
import { afterAll, beforeAll, expect, inject, it } from 'vitest';
import { openBrowser, type OpenBrowser } from '../browser';
import { api, fieldError, login, logout, open, pick } from './helpers';

const baseUrl = inject('baseUrl');
let b: OpenBrowser;
let recordId: string;
const decisionNo = `津河西罚〔2026〕异${Date.now() % 100000}号`;

beforeAll(async () => {
  b = await openBrowser();
  // A published record to object to, prepared through the API as an integrator would.
  const admin = api(baseUrl, 'admin');
  const org = (await admin.kernel.orgs.search.query({ q: '河西区人民政府', limit: 1 })).items[0]!;
  const draft = await admin.kernel.records.create.mutate({
    subject: { kind: 'org', orgId: org.id },
    typeKey: 'administrative_penalty',
    severity: 'ordinary',
    facts: '拖欠中小企业账款',
    legalBasis: '《保障中小企业款项支付条例》第八条',
    decisionNo,
    decisionDate: '2026-09-01',
    issuingAuthority: '天津市河西区财政局',
    disclosureScope: 'public',
    payload: { penaltyCategories: ['warning'], penaltyContent: '警告' },
    linkTo: [],
  });
  for (const step of ['submit', 'approve', 'publish'] as const)
    await admin.kernel.records[step].mutate({ recordId: draft.id });
  recordId = draft.id;
});
afterAll(async () => b?.close());

it('an officer files an objection, a reviewer decides it from the queue', async () => {
  const { page } = b;
  await login(page, baseUrl, 'officer');
  await open(page, baseUrl, `/records/${recordId}`);
  await page.getByText(decisionNo).waitFor();
  await page.getByRole('button', { name: '登记异议' }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByRole('button', { name: '登记异议' }).click();
  await expect.poll(() => fieldError(page, 'reasons').textContent()).toBe('请填写异议理由');
  await pick(page, '#field-applicantKind', '信用主体本人');
  await page.fill('#field-applicantName', '天津市河西区人民政府');
  await page.fill('#field-reasons', '所涉款项已于处罚决定作出前全部付清，有银行回单为证。');
  await dialog.getByRole('button', { name: '登记异议' }).click();
  // The case page: under review, the record marked disputed (a refusal would stay in the dialog with its message).
  const outcome = await Promise.race([
    page
      .getByText('异议申请')
      .waitFor({ timeout: 60_000 })
      .then(() => 'filed'),
    dialog
      .locator('.ant-form-item-explain-error, .ant-alert-error')
      .first()
      .waitFor({ timeout: 60_000 })
      .then(async () => `refused: ${await dialog.innerText()}`),
  ]);
  expect(outcome).toBe('filed');
  await page.getByText('审查中').first().waitFor();
  await page.getByText('异议处理中').first().waitFor();
  await logout(page);

  await login(page, baseUrl, 'reviewer');
  await page.getByRole('menuitem', { name: '异议' }).click();
  await page.getByRole('link', { name: '天津市河西区人民政府' }).first().waitFor();
  await b.screenshot('admin-objections');
  await open(page, baseUrl, `/records/${recordId}`);
  await page.getByRole('tab', { name: '异议' }).click();
  await page.getByRole('tabpanel', { name: '异议' }).getByRole('link', { name: '天津市河西区人民政府' }).click();
  await page.getByRole('button', { name: '作出决定' }).waitFor();
  await b.screenshot('admin-objection');
  // A decision needs a reason.
  await pick(page, '#field-outcome', '撤销');
  await page.getByRole('button', { name: '作出决定' }).click();
  await expect.poll(() => fieldError(page, 'reason').textContent()).toBe('请填写决定理由');
  await page.fill('#field-reason', '款项已在处罚决定前付清，原处罚决定已依法撤销。');
  await page.getByRole('button', { name: '作出决定' }).click();
  await page.getByText('已决定').first().waitFor();
  await page.getByText('已撤销', { exact: true }).first().waitFor();
  expect(b.errors).toEqual([]);
});
