/**
 * `chengxin import <file> [--type records|orgs|persons] [--mapping m.json] [--mode batch|row] [--source-system X] [--status S]`
 * `chengxin export --platform public|government [--format json|csv] [--limit N] [--out file]`   (the next batch)
 * `chengxin export --platform public|government --ack <batchNo> --sha256 <hex>`                  (acknowledge it)
 * `chengxin export --type orgs|persons|records --out file.csv [--all-states]`                    (data in the import format)
 * Runs in-process on the configured database as the system actor `cli:exchange` (every write audited).
 */
import { createReadStream, createWriteStream, readFileSync, writeFileSync } from 'node:fs';
import { basename, extname } from 'node:path';
import {
  acknowledgeBatch,
  auditDataExport,
  CHANNELS,
  createImport,
  csvLine,
  exportDataRows,
  IMPORT_KINDS,
  importIssuesCsv,
  kernelContext,
  nextBatch,
  runImport,
  systemActor,
  type Channel,
  type DataKind,
  type ImportFormat,
  type ImportKind,
} from '@chengxin/kernel';
import type { System } from './system';

export const CLI_ACTOR = systemActor('01900000-0000-7000-8000-0000000e0001', 'cli:exchange');

function flag(args: string[], name: string): string | undefined {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
}

const FORMATS: Record<string, ImportFormat> = {
  '.csv': 'csv',
  '.xlsx': 'xlsx',
  '.json': 'json',
  '.jsonl': 'jsonl',
  '.ndjson': 'jsonl',
};

export async function importCommand(system: System, args: string[], log: (line: string) => void): Promise<number> {
  const file = args.find((a, i) => !a.startsWith('--') && !args[i - 1]?.startsWith('--'));
  if (!file)
    throw new Error(
      'use: chengxin import <file> [--type records|orgs|persons] [--mapping m.json] [--mode batch|row] [--source-system X]',
    );
  const kind = (flag(args, '--type') ?? 'records') as ImportKind;
  if (!IMPORT_KINDS.includes(kind)) throw new Error(`--type must be one of ${IMPORT_KINDS.join(', ')}`);
  const format = (flag(args, '--format') as ImportFormat | undefined) ?? FORMATS[extname(file).toLowerCase()];
  if (!format) throw new Error('unknown file type: give --format csv|xlsx|json|jsonl');
  const mode = flag(args, '--mode') ?? 'batch';
  if (mode !== 'batch' && mode !== 'row') throw new Error('--mode must be batch or row');
  const mappingFile = flag(args, '--mapping');
  const mapping = mappingFile ? (JSON.parse(readFileSync(mappingFile, 'utf8')) as Record<string, string>) : {};
  const status = (flag(args, '--status') ?? 'submitted') as 'draft' | 'submitted' | 'approved' | 'published';
  const ctx = kernelContext(system.database.db, system.secrets, CLI_ACTOR);
  const options = {
    kind,
    mode,
    format,
    filename: basename(file),
    sourceSystem: flag(args, '--source-system') ?? basename(file, extname(file)),
    mapping,
    initialStatus: status,
  } as const;
  const id = await createImport(ctx, options);
  const started = Date.now();
  const result = await runImport(
    ctx,
    id,
    options,
    () => createReadStream(file, { highWaterMark: 1 << 20 }),
    (p) => {
      const s = (Date.now() - started) / 1000;
      log(
        `  ${p.rowsRead.toLocaleString('en')} rows read, ${p.created} created, ${p.updated} updated, ${p.unchanged} unchanged, ${p.rejectedRows} bad rows (${Math.round(p.rowsRead / Math.max(s, 0.001)).toLocaleString('en')} rows/s)`,
      );
    },
  );
  log(
    `导入 import ${id}: ${result.status} — ${result.rowsRead} rows, ${result.created} created, ${result.updated} updated, ${result.unchanged} unchanged, ${result.rejectedRows} bad rows${result.message ? ` (${result.message})` : ''} in ${((Date.now() - started) / 1000).toFixed(1)} s`,
  );
  if (result.issueCount) {
    const out = `${file}.errors.csv`;
    writeFileSync(out, await importIssuesCsv(system.database.db, id));
    log(`  逐行错误报告 row-level error report: ${out}`);
  }
  return result.status === 'done' && result.rejectedRows === 0 ? 0 : 2;
}

export async function exportCommand(system: System, args: string[], log: (line: string) => void): Promise<number> {
  const ctx = kernelContext(system.database.db, system.secrets, CLI_ACTOR);
  const platform = flag(args, '--platform') as Channel | undefined;
  if (platform) {
    if (!CHANNELS.includes(platform)) throw new Error(`--platform must be one of ${CHANNELS.join(', ')}`);
    const ack = flag(args, '--ack');
    if (ack) {
      const b = await acknowledgeBatch(ctx, platform, Number(ack), flag(args, '--sha256') ?? '');
      log(`批次 batch ${b.batchNo} (${platform}) acknowledged`);
      return 0;
    }
    const format = (flag(args, '--format') ?? 'json') as 'json' | 'csv';
    const served = await nextBatch(ctx, platform, format, Number(flag(args, '--limit') ?? 1000));
    if (!served) {
      log(`没有新的变更 nothing new for ${platform}`);
      return 0;
    }
    const out = flag(args, '--out') ?? `${platform}-batch-${served.batch.batchNo}.${format}`;
    writeFileSync(out, served.payload);
    log(
      `批次 batch ${served.batch.batchNo} (${platform}, ${served.batch.itemCount} changes${served.batch.servedCount > 1 ? `, served ${served.batch.servedCount} times: not yet acknowledged` : ''}) → ${out}\n  sha256 ${served.sha256}\n  acknowledge: chengxin export --platform ${platform} --ack ${served.batch.batchNo} --sha256 ${served.sha256}`,
    );
    return 0;
  }
  const kind = flag(args, '--type') as DataKind | undefined;
  if (!kind || !['orgs', 'persons', 'records'].includes(kind))
    throw new Error(
      'use: chengxin export --platform public|government … | export --type orgs|persons|records --out file.csv',
    );
  const out = flag(args, '--out') ?? `${kind}.csv`;
  const stream = createWriteStream(out);
  let n = -1;
  stream.write('\uFEFF');
  for await (const cells of exportDataRows(ctx, kind, 5000, args.includes('--all-states'))) {
    if (!stream.write(`${csvLine(cells)}\n`)) await new Promise<void>((r) => stream.once('drain', () => r()));
    n += 1;
  }
  await new Promise<void>((resolve, reject) => stream.end((e?: Error | null) => (e ? reject(e) : resolve())));
  await auditDataExport(ctx, kind, n);
  log(
    `导出 export ${kind}: ${n} rows → ${out}${kind === 'orgs' ? '' : '（含明文身份证号，请按数据库同等级别保护 — holds ID numbers in clear: protect it like the database）'}`,
  );
  return 0;
}
