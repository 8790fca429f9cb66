#!/usr/bin/env node
// `npm test`: every vitest suite (kernel on PGlite and PostgreSQL, API over HTTP) and, when present, the browser
// suites; ends with one line `N passed, N failed` summing all of them, and exits non-zero on any failure.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const root = join(import.meta.dirname, '..', '..');
const out = join(mkdtempSync(join(tmpdir(), 'chengxin-test-')), 'vitest.json');
const suites = [{ name: 'unit + integration', config: 'tools/scripts/vitest.workspace.ts' }];
if (existsSync(join(root, 'tools/e2e/vitest.e2e.config.ts')))
  suites.push({ name: 'browser (e2e)', config: 'tools/e2e/vitest.e2e.config.ts' });

let passed = 0;
let failed = 0;
for (const [i, suite] of suites.entries()) {
  const file = `${out}.${i}`;
  console.log(`\n=== ${suite.name} ===`);
  const run = spawnSync(
    'npx',
    [
      'vitest',
      'run',
      '--config',
      suite.config,
      '--reporter=default',
      '--reporter=json',
      `--outputFile.json=${file}`,
      ...process.argv.slice(2),
    ],
    {
      cwd: root,
      stdio: 'inherit',
      env: { ...process.env, NX_NO_CLOUD: 'true', NX_DAEMON: 'false' },
    },
  );
  if (!existsSync(file)) {
    console.log(`${suite.name}: vitest produced no report (exit ${run.status})`);
    failed += 1;
    continue;
  }
  const report = JSON.parse(readFileSync(file, 'utf8'));
  passed += report.numPassedTests;
  failed += report.numFailedTests;
  // A file that fails to load has no test results but is a failure all the same.
  failed += report.testResults.filter((r) => r.status === 'failed' && r.assertionResults.length === 0).length;
  if (run.status !== 0 && report.numFailedTests === 0 && !report.testResults.some((r) => r.status === 'failed'))
    failed += 1;
}
console.log(`\n${passed} passed, ${failed} failed`);
process.exit(failed > 0 ? 1 : 0);
