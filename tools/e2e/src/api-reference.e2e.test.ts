/**
 * The REST API reference page (/api/v1/docs): Swagger UI served by the server itself renders every operation of
 * /api/v1/openapi.json under the strict CSP, with no console errors and no request leaving the server.
 */
import { afterAll, beforeAll, expect, inject, it } from 'vitest';
import { openBrowser, type OpenBrowser } from './browser';

let browser: OpenBrowser;
const baseUrl = inject('baseUrl');
const foreign: string[] = [];

beforeAll(async () => {
  browser = await openBrowser({ viewport: { width: 1366, height: 900 } });
  browser.context.on('request', (r) => {
    if (!r.url().startsWith(baseUrl) && !r.url().startsWith('data:')) foreign.push(r.url());
  });
}, 60_000);
afterAll(async () => browser?.close());

it('renders every operation of the OpenAPI document, expands one with its schema, without errors', async () => {
  const { page } = browser;
  const doc = (await (await fetch(`${baseUrl}/api/v1/openapi.json`)).json()) as {
    paths: Record<string, Record<string, unknown>>;
  };
  const operations = Object.values(doc.paths).reduce((n, p) => n + Object.keys(p).length, 0);
  expect(operations).toBeGreaterThan(20);

  await page.goto(`${baseUrl}/api/v1/docs`);
  await page.locator('.swagger-ui .info .title').waitFor();
  expect(await page.locator('.swagger-ui .info .title').innerText()).toContain('诚信 Chengxin REST API');
  await page.locator('.opblock').first().waitFor();
  expect(await page.locator('.opblock').count()).toBe(operations);
  // Swagger UI shows what it cannot read of a document as a warning or an error box: none.
  expect(await page.locator('.swagger-ui .errors-wrapper').count()).toBe(0);
  expect(await page.locator('.swagger-ui').innerText()).not.toMatch(/Warning|Resolver error/);
  for (const tag of ['orgs', 'persons', 'records', 'files', 'eligibility', 'objections', 'complaints']) {
    await expect.poll(() => page.locator(`.opblock-tag[data-tag="${tag}"]`).count()).toBe(1);
  }

  // Open "POST /records/ingest": its summary, the Idempotency-Key header and the request body schema are shown.
  const ingest = page.locator('#operations-records-recordsIngest');
  await ingest.locator('.opblock-summary').click();
  await ingest.locator('.opblock-body').waitFor();
  const text = await ingest.innerText();
  expect(text).toContain('Idempotency-Key');
  expect(text).toContain('批量报送');
  await ingest.scrollIntoViewIfNeeded();
  await page.evaluate(() => window.scrollTo(0, 0));
  await browser.screenshot('api-reference');

  expect(browser.errors).toEqual([]);
  expect(foreign).toEqual([]);
}, 120_000);
