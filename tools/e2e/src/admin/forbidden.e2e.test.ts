/** What an out-of-scope user sees: a menu that follows their grants, and a permission-denied page, never a stack. */
import { afterAll, beforeAll, expect, inject, it } from 'vitest';
import { openBrowser, type OpenBrowser } from '../browser';
import { api, login, open } from './helpers';

const baseUrl = inject('baseUrl');
let b: OpenBrowser;
let nankai: string;

beforeAll(async () => {
  b = await openBrowser();
  nankai = (await api(baseUrl, 'viewer').kernel.orgs.search.query({ q: '南开区人民政府', limit: 1 })).items[0]!.id;
});
afterAll(async () => b?.close());

it('a 河西区 officer sees only their menu and is refused another district’s file', async () => {
  const { page } = b;
  await login(page, baseUrl, 'hexi.officer');
  await page.getByText('管辖范围：天津市河西区人民政府').waitFor();
  expect(await page.getByRole('menuitem', { name: '录入记录' }).count()).toBe(1);
  for (const hidden of ['审核队列', '系统管理', '用户与授权', '审计日志'])
    expect(await page.getByRole('menuitem', { name: hidden }).count()).toBe(0);

  await open(page, baseUrl, `/files/org/${nankai}`);
  await page.getByText('没有权限').waitFor();
  await page.getByText('您没有查看此页面的权限，或该对象不在您的管辖范围内。').waitFor();
  await b.screenshot('admin-forbidden');
  // A page the role does not have at all.
  await open(page, baseUrl, '/users');
  await page.getByText('没有权限').waitFor();
  // The server refused the out-of-scope file (403), which the browser logs; nothing else went wrong.
  expect(b.errors.filter((e) => !e.includes('403'))).toEqual([]);
});
