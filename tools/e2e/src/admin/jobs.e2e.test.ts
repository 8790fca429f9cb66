/**
 * 后台任务: a server of its own whose checkpoint directory cannot be written (a file stands where the directory should
 * be), so the checkpoint job fails after its retries with backoff; the page shows it failed with its error in Chinese,
 * and 重试 puts it back (the retried attempt fails again, with one more attempt counted).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { openBrowser, type OpenBrowser } from '../browser';
import { login, open, pick } from './helpers';

const root = join(import.meta.dirname, '..', '..', '..', '..');
let b: OpenBrowser;
let child: ChildProcess;
let baseUrl: string;
const dataDir = mkdtempSync(join(tmpdir(), 'chengxin-e2e-jobs-'));

beforeAll(async () => {
  writeFileSync(join(dataDir, 'blocked'), 'a file where the checkpoint directory should be');
  child = spawn(process.execPath, ['--import', 'tsx', 'apps/server/src/cli.ts', 'start'], {
    cwd: root,
    env: {
      ...process.env,
      PORT: '0',
      HOST: '127.0.0.1',
      CHENGXIN_DATA_DIR: dataDir,
      DATABASE_URL: '',
      CHENGXIN_DEMO_RECORDS: '40',
      CHENGXIN_DEMO_PERSONS: '100',
      CHENGXIN_CHECKPOINT_DIR: join(dataDir, 'blocked', 'checkpoints'),
      CHENGXIN_JOB_POLL_SECONDS: '1',
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  baseUrl = await new Promise<string>((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const m = /running at (http:\/\/\S+)/.exec(out);
      if (m) resolve(m[1]!);
    });
    child.once('exit', (code) => reject(new Error(`chengxin start exited (${code}):\n${out.slice(-2000)}`)));
  });
  b = await openBrowser();
}, 300_000);
afterAll(async () => {
  await b?.close();
  if (child?.exitCode === null) {
    child.kill('SIGTERM');
    await new Promise((r) => child.once('exit', r));
  }
  rmSync(dataDir, { recursive: true, force: true });
});

it('shows a failed job with its error in Chinese and retries it', async () => {
  const { page } = b;
  await login(page, baseUrl, 'admin');
  await open(page, baseUrl, '/jobs');
  await page.getByText('后台任务').first().waitFor();
  // The checkpoint job runs out of retries (backoff from 5 s); the page refreshes itself. Only failed jobs, by the
  // state filter.
  await pick(page, '#job-state', '失败');
  const row = page.locator('tr', { has: page.locator('.ant-tag', { hasText: '失败' }) }).first();
  await row.waitFor({ timeout: 180_000 });
  expect(await row.innerText()).toContain('审计检查点签名');
  expect(await row.innerText()).toContain('无法写入发布目录');
  const attempts = (await row.innerText()).match(/(\d+) \/ (\d+)/)!;
  expect(attempts[1]).toBe(attempts[2]);
  await page.evaluate(() => window.scrollTo(0, 0));
  await b.screenshot('admin-jobs');
  const id = await row.getAttribute('data-row-key');
  await row.getByRole('button', { name: '重试' }).click();
  await page.getByText('已重新排队').waitFor();
  // One more attempt granted: the same job runs again and fails again with one more attempt counted.
  const same = page.locator(`tr[data-row-key="${id}"]`);
  const n = Number(attempts[1]);
  await page.waitForFunction(
    ([sel, want]) => document.querySelector(sel as string)?.textContent?.includes(want as string) ?? false,
    [`tr[data-row-key="${id}"]`, `${n + 1} / ${n + 1}`] as const,
    { timeout: 120_000 },
  );
  expect(await same.innerText()).toContain('失败');
  expect(b.errors).toEqual([]);
}, 400_000);
