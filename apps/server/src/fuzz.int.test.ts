import { testEngines } from '@chengxin/db/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fuzz } from './fuzz/run';
import { fuzzCallers } from './fuzz/setup';
import { startTestServer, type TestServer } from './testing';

/**
 * Every procedure's input schema fuzzed over tRPC (single and batch) and REST with a fixed seed: no input may give a
 * 5xx. The budget fits CI; `npm run fuzz -- --requests 50000` runs the same fuzzer longer.
 */
const REQUESTS = Number(process.env['CHENGXIN_FUZZ_REQUESTS'] ?? 600);

describe.each(testEngines())('fuzzing every procedure on %s', (engine) => {
  let t: TestServer;
  beforeAll(async () => {
    t = await startTestServer(engine);
  }, 120_000);
  afterAll(async () => t?.close());

  it(`answers ${REQUESTS} generated requests without a server error`, async () => {
    const report = await fuzz(t.url, { seed: 20_261_207, requests: REQUESTS, ...(await fuzzCallers(t)) });
    expect(report.requests).toBeGreaterThanOrEqual(REQUESTS);
    expect(report.findings).toEqual([]);
    // Internal errors are logged by the server: none may be.
    expect(t.logs.filter((l) => l.startsWith('error '))).toEqual([]);
  }, 600_000);
});
