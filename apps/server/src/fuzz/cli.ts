/**
 * `npm run fuzz -- --requests 50000 [--seed N] [--engine pglite|postgres]`: the suite's fuzzer (fuzz.int.test.ts), longer.
 * Starts its own test server with fixture data (in-memory PGlite by default) and prints the status histogram and every
 * 5xx grouped by procedure; exits 1 on any 5xx.
 */
import { useSettings } from '@chengxin/contract/settings';
import { configFromEnv } from '../config';
import { fuzz } from './run';

const arg = (name: string, fallback: string) => {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1]! : fallback;
};
const requests = Number(arg('--requests', '5000'));
const seed = Number(arg('--seed', '20261207'));
const engine = arg('--engine', 'pglite') as 'pglite' | 'postgres';
// The fuzzer is one client address: lift the public per-address rates so requests reach the procedures, not the limiter
// (unless the environment sets them). Installed before the server's modules load, as cli.ts does.
useSettings({
  CHENGXIN_PUBLIC_READS_PER_MINUTE: '1000000',
  CHENGXIN_PUBLIC_BULK_PER_MINUTE: '1000000',
  CHENGXIN_PUBLIC_REPORTS_PER_MINUTE: '1000000',
  ...configFromEnv().settings,
});

const { startTestServer } = await import('../testing');
const { fuzzCallers } = await import('./setup');
const t = await startTestServer(engine);
const started = Date.now();
try {
  const report = await fuzz(t.url, {
    seed,
    requests,
    ...(await fuzzCallers(t)),
    onProgress: (n) => process.stdout.write(`\r${n} requests…`),
  });
  process.stdout.write(
    `\n${report.requests} requests in ${Math.round((Date.now() - started) / 1000)} s (seed ${seed}, ${engine})\nstatus histogram:\n`,
  );
  for (const [status, n] of Object.entries(report.statuses).sort()) process.stdout.write(`  ${status}: ${n}\n`);
  const byPath = new Map<string, typeof report.findings>();
  for (const f of report.findings) byPath.set(`${f.how} ${f.path}`, [...(byPath.get(`${f.how} ${f.path}`) ?? []), f]);
  for (const [path, list] of byPath)
    process.stdout.write(
      `✗ ${list.length} × ${list[0]!.status} ${path}\n    input: ${list[0]!.input}\n    answer: ${list[0]!.body}\n`,
    );
  const errors = t.logs.filter((l) => l.startsWith('error '));
  for (const line of [...new Set(errors)].slice(0, 40)) process.stdout.write(`  server log: ${line}\n`);
  process.stdout.write(
    report.findings.length ? `✗ ${report.findings.length} server error(s)\n` : '✓ 0 server errors\n',
  );
  process.exitCode = report.findings.length ? 1 : 0;
} finally {
  await t.close();
}
