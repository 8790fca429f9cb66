/**
 * `chengxin audit verify-report <report.json> --keys <file|URL>` — the offline verifier of a credit report. It reads
 * the report (the JSON the portal downloads, or the API's answer) and the published verifier keys (a file, one C2SP
 * verifier key a line, or a server's public key list), and checks with the same browser-safe code the portal's
 * 报告验证 page runs (@chengxin/contract/tlog): no database, no trust in the server.
 */
import { existsSync, readFileSync } from 'node:fs';
import { verifyReportOffline, type ReportForVerification } from '@chengxin/contract/tlog';

const flag = (args: string[], name: string) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
};

export async function readVerifierKeys(source: string): Promise<string[]> {
  if (/^https?:\/\//.test(source)) {
    const res = await fetch(`${source.replace(/\/$/, '')}/trpc/kernel.audit.verifierKeys`);
    if (!res.ok) throw new Error(`${source}: HTTP ${res.status}`);
    const body = (await res.json()) as { result: { data: { keys: string[] } } };
    return body.result.data.keys;
  }
  if (!existsSync(source)) throw new Error(`${source}: no such file`);
  return readFileSync(source, 'utf8')
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l && !l.startsWith('#'));
}

export function readReport(file: string): ReportForVerification {
  if (!existsSync(file)) throw new Error(`${file}: no such file`);
  const value = JSON.parse(readFileSync(file, 'utf8')) as unknown;
  const data =
    value && typeof value === 'object' && 'result' in value
      ? (value as { result: { data: unknown } }).result.data
      : value;
  const r = data as Partial<ReportForVerification>;
  if (!r || typeof r.reportNo !== 'string' || !Array.isArray(r.records) || !r.checkpoint)
    throw new Error(`${file}: not a credit report (reportNo, records, checkpoint)`);
  return r as ReportForVerification;
}

export async function verifyReportCommand(args: string[], log: (line: string) => void): Promise<number> {
  const file = args[0];
  const keys = flag(args, '--keys');
  if (!file || !keys) throw new Error('use: chengxin audit verify-report <report.json> --keys <file|URL>');
  const report = readReport(file);
  const result = await verifyReportOffline(report, await readVerifierKeys(keys));
  log(
    `信用报告 report ${report.reportNo}: ${result.proven}/${report.records.length} record(s) proven in the signed checkpoint of size ${result.treeSize ?? '?'}`,
  );
  for (const p of result.problems) log(`  ✗ ${p.code}: ${p.messageZh} / ${p.messageEn}`);
  log(result.ok ? '✓ 离线验证通过 verified offline' : '✗ 离线验证失败 offline verification failed');
  return result.ok ? 0 : 2;
}
