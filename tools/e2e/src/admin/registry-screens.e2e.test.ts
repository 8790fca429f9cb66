/**
 * Screens for what the API could already do (issue 21, item 8): a body created under a parent and found in the tree
 * (a malformed credit code refused next to its field first); a civil servant registered and appointed (a bad ID
 * number and an end before the start refused next to their fields); a custom role edited and the change taking effect
 * for its holder at once; a list compared with the records (缺报 / 不一致 / 多出) and exported; a plugin's rule scan
 * run for one's own district, listing only drafts in that district.
 */
import { afterAll, beforeAll, beforeEach, expect, inject, it } from 'vitest';
import { openBrowser, type OpenBrowser } from '../browser';
import { api, fieldError, login, logout, open, pick, pickSearch } from './helpers';

const baseUrl = inject('baseUrl');
let b: OpenBrowser;
const suffix = String(Date.now()).slice(-6);

beforeAll(async () => {
  b = await openBrowser();
});
afterAll(async () => b?.close());
// Each flow signs in afresh, whatever the one before left behind.
beforeEach(async () => b.context.clearCookies());

/** GB 32100 check character, so the test's credit code is a valid one. */
function uscc(first17: string): string {
  const set = '0123456789ABCDEFGHJKLMNPQRTUWXY';
  const w = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];
  const sum = [...first17].reduce((s, c, i) => s + set.indexOf(c) * w[i]!, 0);
  return first17 + set[(31 - (sum % 31)) % 31];
}
/** GB 11714 check character of the organisation code inside a credit code (positions 9–17). */
function orgCode(body8: string): string {
  const w = [3, 7, 9, 10, 5, 8, 4, 2];
  const c = 11 - ([...body8].reduce((s, ch, i) => s + parseInt(ch, 36) * w[i]!, 0) % 11);
  return body8 + (c === 10 ? 'X' : c === 11 ? '0' : String(c));
}
/** GB 11643 check character. */
function idNumber(first17: string): string {
  const w = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  const sum = [...first17].reduce((s, c, i) => s + Number(c) * w[i]!, 0);
  return first17 + '10X98765432'[sum % 11];
}

async function typeDate(selector: string, date: string) {
  const input = b.page.locator(selector);
  await input.click();
  await input.fill(date);
  await b.page.keyboard.press('Tab');
}

/** The tree node with this title, opened (its children loaded). */
async function expand(title: string) {
  const node = b.page.locator('.ant-tree-treenode', { hasText: title }).first();
  await node.waitFor();
  const switcher = node.locator('.ant-tree-switcher_close');
  if (await switcher.count()) await switcher.click();
}

const submit = (name: RegExp) => b.page.getByRole('button', { name }).last().click();

it('creates a body under a district (a malformed credit code refused at its field) and finds it in the tree', async () => {
  const { page } = b;
  await login(page, baseUrl, 'admin');
  await open(page, baseUrl, '/orgs');
  await page.getByRole('heading', { name: '单位与档案' }).waitFor();
  if (!(await page.locator('.ant-tree-treenode', { hasText: '天津市河西区人民政府' }).count()))
    await expand('天津市人民政府');
  await page.locator('.ant-tree-node-content-wrapper', { hasText: /^天津市河西区人民政府$/ }).click();
  await page.getByRole('button', { name: '新建单位' }).click();
  const drawer = page.locator('.ant-drawer', { hasText: '新建单位' });
  await drawer.waitFor();
  // The selected body is the parent already.
  await drawer.locator('[data-field="parentId"]').getByText('天津市河西区人民政府').waitFor();
  const name = `天津市河西区测试事务中心${suffix}`;
  await page.fill('#field-name', name);
  await page.fill('#field-uscc', '12120103ABC');
  await pick(page, '#field-level', '区级');
  await pick(page, '#field-kind', '事业单位');
  await page.fill('#field-areaCode', '120103');
  await submit(/^新\s?建$/);
  await expect.poll(() => fieldError(page, 'uscc').innerText()).toContain('统一社会信用代码');
  await page.fill('#field-uscc', uscc(`12120103${orgCode(suffix.padStart(8, '7'))}`));
  await submit(/^新\s?建$/);
  await page.getByText(`已新建单位：${name}`).waitFor();
  // Back in the tree: the district opened shows the new body.
  if (!(await page.locator('.ant-tree-treenode', { hasText: '天津市河西区人民政府' }).count()))
    await expand('天津市人民政府');
  await expand('天津市河西区人民政府');
  await page.locator('.ant-tree-treenode', { hasText: name }).waitFor();
  await b.screenshot('admin-org-created');
  const found = await api(baseUrl, 'admin').kernel.orgs.search.query({ q: name, limit: 5 });
  expect(found.items.map((o) => o.name)).toEqual([name]);
  await logout(page);
});

it('registers a civil servant (a bad ID number refused at its field) and appoints them with start and end dates', async () => {
  const { page } = b;
  await login(page, baseUrl, 'hexi.officer');
  await open(page, baseUrl, '/persons');
  await page.getByRole('button', { name: '登记公务员' }).click();
  const personName = `测试${suffix}`;
  const valid = idNumber(`120103198506${String(10 + (Number(suffix) % 18)).padStart(2, '0')}${suffix.slice(-3)}`);
  await page.fill('#field-name', personName);
  // A check character changed: refused next to the field, nothing written.
  await page.fill('#field-idNumber', `${valid.slice(0, 17)}${valid[17] === '1' ? '2' : '1'}`);
  await pickSearch(page, '#field-orgId', '河西区财政', '天津市河西区财政局');
  await page.fill('#field-postTitle', '科员');
  await typeDate('#field-startDate', '2024-03-01');
  await submit(/^登\s?记$/);
  await expect.poll(() => fieldError(page, 'idNumber').innerText()).toContain('公民身份号码有误');
  await page.fill('#field-idNumber', valid);
  await submit(/^登\s?记$/);
  const done = page.getByTestId('person-registered');
  await done.waitFor();
  // Only the masked number, and no word on whether the number was on file anywhere.
  expect(await done.innerText()).toContain(`已登记：${personName}（${valid.slice(0, 4)}**********${valid.slice(14)}）`);
  expect(await done.innerText()).not.toContain(valid);
  await done.getByRole('button', { name: '查看档案' }).click();
  await page.getByRole('heading', { name: `诚信档案：${personName}` }).waitFor();
  await page.getByText('天津市河西区财政局 科员（2024-03-01–）').first().waitFor();

  await page.getByRole('button', { name: '登记任职' }).click();
  const dialog = page.getByRole('dialog', { name: /登记任职/ });
  await pickSearch(page, '#appoint-org', '友谊路', '天津市河西区友谊路街道办事处');
  await page.fill('#appoint-post', '挂职副主任');
  await typeDate('#appoint-start', '2025-01-02');
  await typeDate('#appoint-end', '2024-12-31');
  await dialog.getByRole('button', { name: /^保\s?存$/ }).click();
  await dialog.getByText('离任日期不能早于任职日期').waitFor();
  await typeDate('#appoint-end', '2025-06-30');
  await dialog.getByRole('button', { name: /^保\s?存$/ }).click();
  await page.getByText(`已登记任职：${personName}`).waitFor();
  await page.getByText('天津市河西区友谊路街道办事处 挂职副主任（2025-01-02–2025-06-30）').first().waitFor();
  await b.screenshot('admin-person-appointed');

  // An ID number on file in 南开区 (outside 河西区): the same answer as for a new number, nothing more.
  const admin = api(baseUrl, 'admin');
  const staff = (await admin.kernel.persons.search.query({ limit: 100 })).items.filter((p) =>
    p.orgName?.startsWith('天津市南开区'),
  );
  const other = staff[Number(suffix) % staff.length]!;
  const { idNumber: onFile } = await admin.kernel.persons.revealIdNumber.mutate({
    id: other.id,
    reason: '浏览器测试：区级登记不得获知号码是否已在他区登记',
  });
  await open(page, baseUrl, '/persons');
  await page.getByRole('button', { name: '登记公务员' }).click();
  await page.fill('#field-name', `另一${suffix}`);
  await page.fill('#field-idNumber', onFile);
  await pickSearch(page, '#field-orgId', '河西区财政', '天津市河西区财政局');
  await page.fill('#field-postTitle', '科员');
  await typeDate('#field-startDate', '2024-03-01');
  await submit(/^登\s?记$/);
  const again = page.getByTestId('person-registered');
  await again.waitFor();
  expect(await again.innerText()).toContain(
    `已登记：另一${suffix}（${onFile.slice(0, 4)}**********${onFile.slice(14)}）`,
  );
  expect(await again.innerText()).not.toMatch(/已存在|重复|其他|他区/);
  await page.keyboard.press('Escape');
  await again.waitFor({ state: 'hidden' });
  await logout(page);
});

it('edits a custom role (grouped labels, a confirmation naming the change) and its holder gets the change at once', async () => {
  const { page } = b;
  const admin = api(baseUrl, 'admin');
  const key = `e2e_role_${suffix}`;
  await login(page, baseUrl, 'admin');
  await open(page, baseUrl, '/users');
  await page.getByRole('tab', { name: '角色与权限' }).click();
  await page.getByRole('button', { name: '新建角色' }).click();
  await page.fill('#role-key', key);
  await page.fill('#role-name-zh', `测试角色${suffix}`);
  await page.fill('#role-name-en', `Test role ${suffix}`);
  await page.getByRole('button', { name: /单位与人员/ }).click();
  await page.getByRole('checkbox', { name: '查看单位', exact: true }).check();
  await page
    .locator('.ant-drawer-extra')
    .getByRole('button', { name: /^保\s?存$/ })
    .click();
  await page.getByTestId('role-diff').getByText('增加：查看单位').waitFor();
  await page
    .locator('.ant-modal-confirm')
    .getByRole('button', { name: /^保\s?存$/ })
    .click();
  await page.getByText('角色已保存').waitFor();
  const row = page.locator('tr', { hasText: `测试角色${suffix}` });
  await row.getByText('查看单位').waitFor();
  expect(await row.innerText()).not.toContain('kernel.');

  const password = 'Qv7#tLm2-e2e!x';
  await admin.kernel.users.create.mutate({
    username: `e2e.holder${suffix}`,
    displayName: `角色持有人${suffix}`,
    password,
    grants: [{ role: key, scopeOrgId: null, plugins: null }],
  });
  const holder = async () => {
    await page.goto(`${baseUrl}/admin/`);
    await page.fill('#username', `e2e.holder${suffix}`);
    await page.fill('#password', password);
    await page.click('button[type=submit]');
    await page.getByTestId('user-menu').waitFor();
    await page.getByRole('menuitem', { name: '单位与档案' }).waitFor();
  };
  await logout(page);
  await holder();
  expect(await page.getByRole('menuitem', { name: '信用记录' }).count()).toBe(0);
  await logout(page);

  await login(page, baseUrl, 'admin');
  await open(page, baseUrl, '/users');
  await page.getByRole('tab', { name: '角色与权限' }).click();
  await page.getByRole('button', { name: `编辑 测试角色${suffix}` }).click();
  await page.getByRole('button', { name: /信用记录/ }).click();
  await page.getByRole('checkbox', { name: '查看信用记录', exact: true }).check();
  await page.fill('#role-name-zh', `测试角色${suffix}（含记录）`);
  await page
    .locator('.ant-drawer-extra')
    .getByRole('button', { name: /^保\s?存$/ })
    .click();
  await page.getByTestId('role-diff').getByText('增加：查看信用记录').waitFor();
  await page.waitForTimeout(500); // the confirmation's opening animation, for the screenshot
  await b.screenshot('admin-role-edit');
  await page
    .locator('.ant-modal-confirm')
    .getByRole('button', { name: /^保\s?存$/ })
    .click();
  await page.getByText('角色已保存').waitFor();
  await expect
    .poll(async () =>
      (await admin.kernel.audit.entries.query({ entity: 'role', entityId: key, limit: 5 })).items.map((e) => e.action),
    )
    .toContain('role.update');
  await logout(page);

  await holder();
  await page.getByRole('menuitem', { name: '信用记录' }).waitFor();
  await logout(page);
});

it('compares an uploaded list with the records: missing, different and extra, with labels and an export', async () => {
  const { page } = b;
  const reviewer = api(baseUrl, 'reviewer');
  const [published] = (await reviewer.kernel.records.list.query({ status: ['published'], limit: 1 })).items;
  expect(published).toBeTruthy();
  const fields = await reviewer.kernel.exchange.fields.query({ kind: 'records' });
  const heading = (k: string) => fields.find((f) => f.key === k)!.headings[0]!;
  const day = published!.current.decisionDate;
  const csv = [
    [heading('decisionNo'), heading('decisionDate'), heading('issuingAuthority')].join(','),
    // Ours, with another authority named: 不一致.
    [published!.current.decisionNo, day, '某某不存在的机关'].join(','),
    // A decision the system does not hold: 缺报.
    [`津测〔2099〕${suffix}号`, day, '天津市测试局'].join(','),
  ].join('\n');

  await login(page, baseUrl, 'reviewer');
  await page.getByRole('menuitem', { name: '系统管理' }).click();
  await page.getByRole('menuitem', { name: '报送完整性核对' }).click();
  await page.getByRole('heading', { name: '报送完整性核对' }).waitFor();
  // No file: refused next to the file field.
  await page.getByRole('button', { name: '开始核对' }).click();
  await page.getByText('请选择要核对的文件').waitFor();
  await page
    .locator('input[type=file]')
    .setInputFiles({ name: '平台回传.csv', mimeType: 'text/csv', buffer: Buffer.from(csv, 'utf8') });
  await typeDate('#completeness-from', day);
  await typeDate('#completeness-to', day);
  await page.getByRole('button', { name: '开始核对' }).click();
  const result = page.getByTestId('completeness-result');
  await result.waitFor();
  await result.getByRole('tab', { name: '缺报（1）' }).waitFor();
  await result.getByText(`津测〔2099〕${suffix}号`).waitFor();
  await result.getByRole('tab', { name: '不一致（1）' }).click();
  await result.getByText('决定机关：清单为“某某不存在的机关”').waitFor();
  await b.screenshot('admin-completeness');
  await result.getByRole('tab', { name: /^缺报/ }).click();
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    result.getByRole('button', { name: '导出Excel' }).first().click(),
  ]);
  expect(download.suggestedFilename()).toMatch(/^报送完整性核对-缺报\.xlsx$/);
  await logout(page);
});

it('runs a plugin scan for the officer district and lists only drafts inside it, each opening its record', async () => {
  const { page } = b;
  await login(page, baseUrl, 'hexi.officer');
  await page.getByRole('menuitem', { name: '规则扫描' }).click();
  await page.getByRole('heading', { name: '规则扫描' }).waitFor();
  // PPP: the demo's 河西区 projects have overdue government obligations, proposed by the first daily scan.
  const card = page.getByTestId('scan-ppp');
  await card.getByRole('button', { name: '运行扫描' }).click();
  await page.locator('.ant-popconfirm').getByText('对本辖区运行“政府和社会资本合作（PPP）”的规则扫描？').waitFor();
  await page
    .locator('.ant-popconfirm')
    .getByRole('button', { name: /^运\s?行$/ })
    .click();
  await card.getByText(/新生成草稿 \d+ 条/).waitFor();
  await b.screenshot('admin-scan');
  const hrefs = await card
    .locator('a[href^="/admin/records/"]')
    .evaluateAll((as) => as.map((a) => a.getAttribute('href')!));
  expect(hrefs.length).toBeGreaterThan(0);
  // Every draft listed is one the district may open: nothing outside 河西区.
  const viewer = api(baseUrl, 'hexi.reviewer');
  for (const href of hrefs) {
    const r = await viewer.kernel.records.get.query({ id: href.split('/').pop()! });
    expect(r.status).not.toBe('published');
  }
  await card.locator('a[href^="/admin/records/"]').first().click();
  await page.waitForURL(/\/admin\/records\//);
  await logout(page);
});
