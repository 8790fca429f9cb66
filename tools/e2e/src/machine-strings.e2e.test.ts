/**
 * No machine string in the Chinese UI: every console page (as the administrator, who sees them all, plugin pages
 * included) and every portal page is opened in zh-CN, and the visible text is searched for what looks like a code —
 * snake_case, camelCase, dotted identifiers (`kernel.records.read`, `user.revoke_grant`), the bare `ocid`. Places meant
 * to show codes are left out: <code>, <pre>, <kbd>, `.mono` and anything marked `data-code` (the open-data field codes,
 * API addresses), and form inputs (what a person typed).
 */
import { afterAll, beforeAll, expect, inject, it } from 'vitest';
import { openBrowser, type OpenBrowser } from './browser';
import { api, login, open } from './admin/helpers';

const baseUrl = inject('baseUrl');
const portal = baseUrl.replace(/\/$/, '');
let b: OpenBrowser;

/** Visible text of the page outside places meant for codes, one string per text node. */
async function visibleTexts(b: OpenBrowser): Promise<string[]> {
  return b.page.evaluate(() => {
    const out: string[] = [];
    const skip = 'code,pre,kbd,.mono,[data-code],script,style,noscript,textarea,[aria-hidden="true"],svg';
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      const el = n.parentElement;
      const text = n.textContent?.trim();
      if (!el || !text || el.closest(skip)) continue;
      if (el.getClientRects().length === 0) continue;
      const style = getComputedStyle(el);
      if (style.visibility === 'hidden' || style.display === 'none') continue;
      out.push(text);
    }
    return out;
  });
}

const FILE_OR_HOST = /\.(cn|com|org|net|gov|csv|pdf|json|xlsx|xls|html|png|jsonl)$/i;
/** The codes a text shows: snake_case, camelCase, dotted identifiers, and `ocid` on its own. */
export function machineStrings(text: string): string[] {
  const found = new Set<string>();
  for (const m of text.matchAll(/(?<![\w./@:-])[a-z][a-z0-9]*(?:_[a-z0-9]+)+(?![\w/-])/g)) found.add(m[0]);
  for (const m of text.matchAll(/(?<![\w./@:-])[a-z]+[A-Z][A-Za-z0-9]*(?![\w/-])/g)) found.add(m[0]);
  for (const m of text.matchAll(/(?<![\w./@:-])[a-z][a-z0-9_-]*(?:\.[a-z][a-zA-Z0-9_-]*)+(?![\w/-])/g))
    if (!FILE_OR_HOST.test(m[0]) && !m[0].startsWith('www.')) found.add(m[0]);
  for (const m of text.matchAll(/(?<![\w.-])ocid(?![\w-])/g)) found.add(m[0]);
  return [...found];
}

const findings: string[] = [];
async function walk(label: string, url: string, ready: () => Promise<unknown>) {
  await b.page.goto(url);
  await ready();
  // Let lazy tables and queries settle.
  await b.page.waitForLoadState('networkidle').catch(() => undefined);
  await b.page.waitForTimeout(400);
  for (const text of await visibleTexts(b))
    for (const code of machineStrings(text)) findings.push(`${label}: “${code}” in “${text.slice(0, 80)}”`);
}

beforeAll(async () => {
  b = await openBrowser();
});
afterAll(async () => b?.close());

it('recognises the shapes of codes and leaves Chinese text, hosts and file names alone', () => {
  expect(machineStrings('user.revoke_grant 审核通过')).toEqual(['user.revoke_grant']);
  expect(machineStrings('defaultLateInterestPpmPerDay')).toEqual(['defaultLateInterestPpmPerDay']);
  expect(machineStrings('规则 procurement.sme_payment_term 提出')).toEqual(['procurement.sme_payment_term']);
  expect(machineStrings('in_progress')).toEqual(['in_progress']);
  expect(machineStrings('ocid')).toEqual(['ocid']);
  expect(machineStrings('见 www.creditchina.gov.cn，下载 report.pdf；PDF、CSV、OCDS')).toEqual([]);
});

it('no console page shows a code as text', async () => {
  const admin = api(baseUrl, 'admin');
  const [record] = (await admin.kernel.records.list.query({ status: ['published'], limit: 1 })).items;
  const [proposed] = (
    await admin.kernel.records.list.query({ status: ['draft'], typeKey: 'procurement.contract_breach', limit: 1 })
  ).items;
  const plugins = await admin.kernel.plugins.list.query();
  await login(b.page, baseUrl, 'admin');
  const content = () => b.page.locator('.cx-content').first().waitFor();
  const pages = [
    '/',
    '/orgs',
    '/persons',
    '/records',
    '/records/new',
    ...(record ? [`/records/${record.id}`, `/files/org/${record.orgId}`] : []),
    ...(proposed ? [`/records/${proposed.id}`] : []),
    '/review',
    '/objections',
    '/queues/complaints',
    '/queues/repairs',
    '/queues/rectifications',
    '/queues/inspections',
    '/plugins',
    ...plugins.flatMap((p) => p.nav.map((n) => `/p/${p.id}/${n.path}`)),
    '/notices',
    '/self-corrections',
    '/leads',
    '/users',
    '/audit',
    '/audit?tab=access',
    '/objections?status=all',
    '/tokens',
    '/inbox',
    '/platform',
    '/completeness',
    '/scans',
    '/jobs',
    '/calendar',
    '/evaluation/schemes',
    '/evaluation/runs',
    '/evaluation/third-party',
    '/evaluation/use',
    '/rules',
    '/rollups',
    '/import',
  ];
  for (const path of pages) await walk(`控制台 ${path}`, `${baseUrl}/admin${path}`, content);
  await open(b.page, baseUrl, '/');
  expect(findings).toEqual([]);
}, 300_000); // some fifty pages, each left to settle: longer than the suite's default on a loaded machine

it('no portal page shows a code as text', async () => {
  findings.length = 0;
  const anon = api(baseUrl, 'viewer');
  const hit = (await anon.kernel.public.search.query({ q: '河西', kind: 'body', limit: 20 })).items.find(
    (i) => i.kind === 'body' && i.publicRecords > 0,
  );
  const main = () => b.page.locator('main').first().waitFor();
  const pages = [
    '/',
    `/search?q=${encodeURIComponent('河西')}&kind=body`,
    ...(hit ? [`/body/${hit.id}`, `/report/${hit.id}`] : []),
    '/verify',
    '/complaint',
    '/evaluation',
    '/townships',
    '/open-data',
    '/dishonesty',
    '/notices',
    '/agencies',
  ];
  for (const path of pages) await walk(`门户 ${path}`, `${portal}${path}`, main);
  expect(findings).toEqual([]);
});
