/** Steps the admin console's browser tests share: sign in and out, fill antd controls, wait for the page to settle. */
import type { Page } from 'playwright-core';
import { createClient } from '@chengxin/client';

export const DEMO_PASSWORD = 'Chengxin@2026';

export async function login(page: Page, baseUrl: string, username: string): Promise<void> {
  await page.goto(`${baseUrl}/admin/`);
  await page.fill('#username', username);
  await page.fill('#password', DEMO_PASSWORD);
  await page.click('button[type=submit]');
  await page.getByText('我的待办').waitFor();
}

export async function logout(page: Page): Promise<void> {
  await page.getByTestId('user-menu').hover();
  await page.getByText('退出登录').click();
  await page.locator('#username').waitFor();
}

/** Opens a console route directly. */
export async function open(page: Page, baseUrl: string, path: string): Promise<void> {
  await page.goto(`${baseUrl}/admin${path}`);
}

/** An antd Select with server search: type, then pick the first option containing `option`. */
export async function pickSearch(page: Page, selector: string, query: string, option: string): Promise<void> {
  const select = page.locator('.ant-select').filter({ has: page.locator(selector) });
  for (let attempt = 0; attempt < 3; attempt++) {
    await page.locator(selector).click();
    await page.locator(selector).fill(query);
    // Wait for this query's results (the list re-renders when they arrive), then choose.
    await page.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: option }).first().waitFor();
    await page.waitForTimeout(300);
    await page.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: option }).first().click();
    await page
      .locator('.ant-select-dropdown:visible')
      .waitFor({ state: 'hidden' })
      .catch(() => undefined);
    if ((await select.innerText()).includes(option)) return;
  }
  throw new Error(`${selector}: could not choose ${option}`);
}

/**
 * A plain antd Select: open it, click the option with this text, and check it was taken. On a loaded machine the
 * dropdown may still be animating, or a click may close it again: each attempt is short and starts from a known state.
 */
export async function pick(page: Page, selector: string, option: string): Promise<void> {
  const select = page.locator('.ant-select').filter({ has: page.locator(selector) });
  const open = page.locator('.ant-select-dropdown:visible');
  for (let attempt = 0; attempt < 6; attempt++) {
    if ((await open.count()) === 0) await page.locator(selector).click();
    const choice = page.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: option }).first();
    try {
      await choice.waitFor({ state: 'visible', timeout: 5_000 });
      await choice.click({ timeout: 5_000 });
    } catch {
      await page.keyboard.press('Escape');
      continue;
    }
    await open.waitFor({ state: 'hidden', timeout: 5_000 }).catch(() => undefined);
    if ((await select.innerText()).includes(option)) return;
  }
  throw new Error(`${selector}: could not choose ${option}`);
}

export async function pickDate(page: Page, selector: string, date: string): Promise<void> {
  await page.locator(selector).click();
  await page.locator(selector).fill(date);
  await page.keyboard.press('Enter');
}

/**
 * Presses a dialog's confirm button and waits for the outcome: the success message, or the dialog's own error — which
 * then fails the test with its text instead of a bare timeout.
 */
export async function confirmDialog(page: Page, button: string): Promise<void> {
  const dialog = page.getByRole('dialog');
  await dialog.getByRole('button', { name: button }).click();
  const outcome = page.getByText('操作成功').first().or(dialog.getByRole('alert').first());
  await outcome.waitFor();
  if (!(await page.getByText('操作成功').first().isVisible()))
    throw new Error(`the dialog refused: ${await dialog.getByRole('alert').first().textContent()}`);
}

/** The message antd shows next to a form field (by the field's path). */
export function fieldError(page: Page, path: string) {
  return page.locator(`[data-field="${path}"] .ant-form-item-explain-error`);
}

/** An API client for preparing data (as integrators would), with a demo login. */
export function api(baseUrl: string, username: string) {
  return createClient(baseUrl, { username, password: DEMO_PASSWORD });
}

/**
 * Waits until every finite animation on the page has ended (antd's modal zoom, a popconfirm's fade): a screenshot taken
 * before then catches the dialog half-scaled. Reads the animations the browser reports, not a fixed delay.
 */
export async function settled(page: Page): Promise<void> {
  // Endless ones (a spinner) never end and are not what a screenshot must wait for.
  await page.waitForFunction(() =>
    document
      .getAnimations()
      .every((a) => a.playState !== 'running' || a.effect?.getComputedTiming().endTime === Number.POSITIVE_INFINITY),
  );
  await page.waitForFunction(
    () =>
      !document.querySelector(
        '[class*="-zoom-appear"], [class*="-zoom-enter"], [class*="-fade-appear"], [class*="-fade-enter"]',
      ),
  );
}
