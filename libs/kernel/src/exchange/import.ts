/**
 * File imports of credit records (through the kernel's bulk ingest), org units and persons (through their services).
 * The file is streamed in chunks (never held whole); every row is validated with its file line and column named.
 *
 * Modes: `batch` = all or nothing: one transaction spans the whole file; each chunk is checked completely before any
 * of it is written (no savepoints), every bad row of every chunk is reported, and if any row is bad the transaction is
 * rolled back (nothing written). `row` =
 * each chunk commits on its own; bad rows are reported and left out, good rows are written.
 */
import { rows as queryRows, type Db, type Queryable } from '@chengxin/db';
import { eq, sql } from 'drizzle-orm';
import { withinScope } from '../access';
import { audit, write, type KernelContext, AppError, type RowIssue, newId, idNumberHash } from '../core';
import { recordType, ingest } from '../records';
import { exchangeImport, exchangeImportIssue } from './schema';
import { createOrg, appoint, createPerson, endTenure } from '../registry';
import {
  IMPORT_FIELDS,
  parseBool,
  parseDisclosure,
  parseIdNumberCell,
  parseInt10,
  parseLevel,
  parseLooseDate,
  parseOrgKind,
  parsePayload,
  parseSanction,
  parseSeverity,
  parseSubjectKind,
  parseImportStatus,
  parseTypeKey,
  parseUsccCell,
  resolveColumns,
  type Cell,
  type ImportableStatus,
  type ImportKind,
} from './mapping';
import { streamTable, type TableRow } from './tabular';

export type ImportFormat = 'csv' | 'xlsx' | 'json' | 'jsonl';
export type ImportMode = 'batch' | 'row';
export type ImportStatus = 'running' | 'done' | 'rejected' | 'failed';

export interface ImportIssue {
  line: number;
  column: string;
  code: string;
  messageZh: string;
  messageEn: string;
}

export interface ImportProgress {
  importId: string;
  kind: ImportKind;
  mode: ImportMode;
  status: ImportStatus;
  rowsRead: number;
  created: number;
  updated: number;
  unchanged: number;
  rejectedRows: number;
  issueCount: number;
  message: string | null;
}

export interface ImportOptions {
  kind: ImportKind;
  mode: ImportMode;
  format: ImportFormat;
  filename: string;
  sourceSystem: string;
  mapping?: Record<string, string>;
  /** Records only: the state new records enter (approved / published only for reviewers, as in ingest). */
  initialStatus?: 'draft' | 'submitted' | 'approved' | 'published';
  uploadId?: string | null;
  chunkRows?: number;
  /** Row mode, records: chunks in flight at once (default 3). */
  parallel?: number;
}

/** The file's bytes, read through the given connection (an upload is read inside the import's own transaction). */
export type ImportSource = (q: Queryable) => AsyncIterable<Uint8Array>;

/** Where an import's time goes (this process, cumulative): the kernel ingest vs everything else; for the benchmark. */
export const IMPORT_TIMINGS = { ingestMs: 0 };

/** Issues kept per import (the report); counting goes on past it. */
export const IMPORT_ISSUES_KEPT = 100_000;

// ---- live progress (this process) -------------------------------------------------------------------------------

const live = new Map<string, { progress: ImportProgress; ownerId: string | null; wake: Set<() => void> }>();

function publish(p: ImportProgress, ownerId?: string | null): void {
  const entry = live.get(p.importId) ?? { progress: p, ownerId: ownerId ?? null, wake: new Set() };
  entry.progress = { ...p };
  live.set(p.importId, entry);
  for (const w of entry.wake) w();
  entry.wake.clear();
  if (p.status !== 'running') setTimeout(() => live.delete(p.importId), 60_000).unref?.();
}

/** The latest progress of an import: live from this process while it runs, else from its row. */
export async function importProgress(
  db: Queryable,
  importId: string,
  ownerId: string | null,
): Promise<ImportProgress | null> {
  // While it runs, answered from memory: a batch import on PGlite holds the one connection until it ends.
  const running = live.get(importId);
  if (running) return ownerId !== null && running.ownerId !== ownerId ? null : { ...running.progress };
  const mine = await queryRows<{ owner_id: string | null }>(
    db,
    sql`select owner_id::text from kernel.exchange_import where id = ${importId}`,
  );
  if (!mine[0] || (ownerId !== null && mine[0].owner_id !== ownerId)) return null;
  const [r] = await queryRows<ImportProgress>(
    db,
    sql`select id::text as "importId", kind, mode, status, rows_read as "rowsRead", created, updated, unchanged,
    rejected_rows as "rejectedRows", issue_count as "issueCount", message from kernel.exchange_import where id = ${importId}`,
  );
  return r ?? null;
}

/** Yields the import's progress at each change (at most every `everyMs`), ending with its final state. */
export async function* watchImport(
  db: Queryable,
  importId: string,
  ownerId: string | null,
  signal?: AbortSignal,
  everyMs = 250,
): AsyncGenerator<ImportProgress> {
  let last = '';
  for (;;) {
    const p = await importProgress(db, importId, ownerId);
    if (!p) return;
    const key = JSON.stringify(p);
    if (key !== last) {
      last = key;
      yield p;
    }
    if (p.status !== 'running' || signal?.aborted) return;
    await new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, 1000);
      const entry = live.get(importId);
      entry?.wake.add(() => {
        clearTimeout(timer);
        setTimeout(resolve, everyMs);
      });
      signal?.addEventListener(
        'abort',
        () => {
          clearTimeout(timer);
          resolve();
        },
        { once: true },
      );
    });
  }
}

// ---- the run ------------------------------------------------------------------------------------------------------

/** Registers an import (status running) and returns its id; `runImport` then does the work. */
export async function createImport(ctx: KernelContext, options: ImportOptions): Promise<string> {
  const id = newId();
  await ctx.db.insert(exchangeImport).values({
    id,
    ownerId: ctx.actor?.id ?? null,
    kind: options.kind,
    mode: options.mode,
    format: options.format,
    sourceSystem: options.sourceSystem,
    filename: options.filename,
    uploadId: options.uploadId ?? null,
    mapping: options.mapping ?? {},
    status: 'running',
  });
  publish(emptyProgress(id, options), ctx.actor?.id ?? null);
  return id;
}

const emptyProgress = (importId: string, o: ImportOptions): ImportProgress => ({
  importId,
  kind: o.kind,
  mode: o.mode,
  status: 'running',
  rowsRead: 0,
  created: 0,
  updated: 0,
  unchanged: 0,
  rejectedRows: 0,
  issueCount: 0,
  message: null,
});

class Rejected extends Error {}

/**
 * Reads the file chunk by chunk and applies it in the chosen mode. Never throws for bad data: the outcome (done,
 * rejected, failed) and every issue are stored on the import and returned.
 */
export async function runImport(
  ctx: KernelContext,
  importId: string,
  options: ImportOptions,
  source: ImportSource,
  onProgress?: (p: ImportProgress) => void,
): Promise<ImportProgress> {
  const progress = emptyProgress(importId, options);
  const issues: ImportIssue[] = [];
  const badLines = new Set<number>();
  const note = (list: ImportIssue[]) => {
    for (const i of list) {
      progress.issueCount += 1;
      if (issues.length < IMPORT_ISSUES_KEPT) issues.push(i);
      if (!badLines.has(i.line)) {
        badLines.add(i.line);
        progress.rejectedRows += 1;
      }
    }
  };
  const chunkRows = options.chunkRows ?? (options.kind === 'records' ? 2000 : 500);
  const sourceSystem = options.sourceSystem;
  // Row mode: records chunks commit independently, so several go to the database at once (one connection each on
  // PostgreSQL; PGlite runs them in turn). Batch mode is one transaction, one connection: chunks in order.
  const parallel = options.mode === 'row' && options.kind === 'records' ? Math.max(1, options.parallel ?? 3) : 1;
  const inflight = new Set<Promise<void>>();
  const failures: unknown[] = [];
  const run = async (c: KernelContext, q: Queryable) => {
    let columns: Map<string, string> | null = null;
    for await (const chunk of streamTable(source(q), options.format, chunkRows)) {
      if (!columns) {
        const resolved = resolveColumns(options.kind, chunk.headings, options.mapping ?? {});
        if (resolved.issues.length) {
          note(
            resolved.issues.map((i) => ({ line: 1, column: i.field, code: i.code, messageZh: i.zh, messageEn: i.en })),
          );
          throw new Rejected('columns');
        }
        columns = resolved.columns;
      }
      progress.rowsRead += chunk.rows.length;
      const cols = columns;
      const work = (async () => {
        const result =
          options.kind === 'records'
            ? await recordChunk(c, chunk.rows, cols, { ...options, sourceSystem })
            : options.kind === 'orgs'
              ? await orgChunk(c, chunk.rows, cols)
              : await personChunk(c, chunk.rows, cols);
        note(result.issues);
        progress.created += result.created;
        progress.updated += result.updated;
        progress.unchanged += result.unchanged;
        publish(progress);
        onProgress?.({ ...progress });
        if (options.mode === 'row') await saveProgress(ctx.db, progress);
      })().catch((e: unknown) => {
        failures.push(e);
      });
      inflight.add(work);
      void work.finally(() => inflight.delete(work));
      if (inflight.size >= parallel) await Promise.race(inflight);
      if (failures.length) throw failures[0];
    }
    await Promise.all(inflight);
    if (failures.length) throw failures[0];
    if (!columns) {
      note([
        {
          line: 1,
          column: '(file)',
          code: 'TABLE_EMPTY',
          messageZh: '文件没有数据行',
          messageEn: 'The file has no data rows',
        },
      ]);
      throw new Rejected('empty');
    }
  };
  try {
    if (options.mode === 'batch') {
      await ctx.db.transaction(async (tx) => {
        const c = { ...ctx, db: tx as unknown as Db };
        await run(c, tx);
        if (progress.issueCount > 0) throw new Rejected('rows');
        await audit(tx, ctx, 'exchange.import', 'exchange_import', importId, summary(options, progress));
      });
      progress.status = 'done';
    } else {
      await run(ctx, ctx.db);
      await write(ctx, (tx) =>
        audit(tx, ctx, 'exchange.import', 'exchange_import', importId, summary(options, progress)),
      );
      progress.status = 'done';
    }
  } catch (e) {
    if (e instanceof Rejected) {
      progress.status = 'rejected';
      if (options.mode === 'batch') Object.assign(progress, { created: 0, updated: 0, unchanged: 0 });
      const wrote = options.mode === 'row' && progress.created + progress.updated > 0;
      progress.message =
        e.message === 'columns'
          ? '文件的列与所需字段不符，未写入任何数据'
          : `有${progress.rejectedRows}行数据有误，${wrote ? '其余行已写入' : '未写入任何数据'}`;
    } else if (e instanceof AppError) {
      progress.status = 'rejected';
      note([{ line: 0, column: e.field ?? '(file)', code: e.appCode, messageZh: e.messageZh, messageEn: e.messageEn }]);
      if (options.mode === 'batch') Object.assign(progress, { created: 0, updated: 0, unchanged: 0 });
      progress.message = e.messageZh;
    } else {
      progress.status = 'failed';
      if (options.mode === 'batch') Object.assign(progress, { created: 0, updated: 0, unchanged: 0 });
      progress.message = `导入失败：${(e as Error).message.split('\n')[0]!.slice(0, 300)}`;
    }
  }
  if (progress.status === 'done' && options.mode === 'row' && progress.rejectedRows > 0)
    progress.message = `有${progress.rejectedRows}行数据有误未写入，其余行已写入`;
  await saveIssues(ctx.db, importId, issues);
  await saveProgress(ctx.db, progress, true);
  publish(progress);
  return progress;
}

const summary = (o: ImportOptions, p: ImportProgress) => ({
  kind: o.kind,
  mode: o.mode,
  format: o.format,
  sourceSystem: o.sourceSystem,
  rows: p.rowsRead,
  created: p.created,
  updated: p.updated,
  unchanged: p.unchanged,
  rejectedRows: p.rejectedRows,
});

async function saveProgress(db: Db, p: ImportProgress, final = false): Promise<void> {
  await db
    .update(exchangeImport)
    .set({
      status: p.status,
      rowsRead: p.rowsRead,
      created: p.created,
      updated: p.updated,
      unchanged: p.unchanged,
      rejectedRows: p.rejectedRows,
      issueCount: p.issueCount,
      message: p.message,
      ...(final ? { finishedAt: new Date().toISOString() } : {}),
    })
    .where(eq(exchangeImport.id, p.importId));
}

async function saveIssues(db: Db, importId: string, issues: ImportIssue[]): Promise<void> {
  for (let i = 0; i < issues.length; i += 5000) {
    const part = issues.slice(i, i + 5000);
    await db.insert(exchangeImportIssue).values(
      part.map((x, j) => ({
        importId,
        n: i + j + 1,
        line: x.line,
        column: x.column,
        code: x.code,
        messageZh: x.messageZh,
        messageEn: x.messageEn,
      })),
    );
  }
}

/** The row-level error report as CSV (UTF-8 with BOM, so spreadsheet programs read the Chinese): line, column, zh, en, code. */
export async function importIssuesCsv(db: Queryable, importId: string): Promise<string> {
  const list = await queryRows<{ line: number; column: string; code: string; message_zh: string; message_en: string }>(
    db,
    sql`
    select line, "column", code, message_zh, message_en from kernel.exchange_import_issue where import_id = ${importId} order by line, n`,
  );
  const esc = (v: string | number) => {
    const s = String(v);
    return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
  };
  return `\uFEFF行号 line,列 column,错误说明,message,代码 code\n${list.map((r) => [r.line, r.column, r.message_zh, r.message_en, r.code].map(esc).join(',')).join('\n')}${list.length ? '\n' : ''}`;
}

// ---- chunks -------------------------------------------------------------------------------------------------------

interface ChunkResult {
  created: number;
  updated: number;
  unchanged: number;
  issues: ImportIssue[];
}

/** Reads a row's cells by field key through the resolved columns, collecting cell issues with their column. */
function rowReader(row: TableRow, columns: Map<string, string>, issues: ImportIssue[]) {
  const colOf = (key: string) => columns.get(key) ?? key;
  const raw = (key: string) => {
    const h = columns.get(key);
    return h === undefined ? '' : (row.values[h] ?? '');
  };
  const cell = <T>(key: string, parse: (s: string) => Cell<T>): T | undefined => {
    const s = raw(key);
    if (s === '') return undefined;
    const c = parse(s);
    if (c.ok) return c.value;
    issues.push({ line: row.line, column: colOf(key), code: c.code, messageZh: c.zh, messageEn: c.en });
    return undefined;
  };
  const need = (key: string, zh: string, en: string) => {
    if (raw(key) === '')
      issues.push({
        line: row.line,
        column: colOf(key),
        code: 'VALUE_REQUIRED',
        messageZh: `${zh}不能为空`,
        messageEn: `${en} is required`,
      });
  };
  if (row.values['__invalid'])
    issues.push({
      line: row.line,
      column: '(row)',
      code: 'ROW_MALFORMED',
      messageZh: row.values['__invalid'],
      messageEn: 'Not a JSON object',
    });
  return { raw, cell, need, colOf };
}

const RECORD_REQUIRED: [string, string, string][] = [
  ['sourceId', '来源编号', 'sourceId'],
  ['typeKey', '记录类型', 'typeKey'],
  ['facts', '失信事实', 'facts'],
  ['legalBasis', '依据', 'legalBasis'],
  ['decisionNo', '决定书文号', 'decisionNo'],
  ['decisionDate', '决定日期', 'decisionDate'],
  ['issuingAuthority', '决定机关', 'issuingAuthority'],
];

async function recordChunk(
  ctx: KernelContext,
  tableRows: TableRow[],
  columns: Map<string, string>,
  options: ImportOptions,
): Promise<ChunkResult> {
  const issues: ImportIssue[] = [];
  const out: ChunkResult = { created: 0, updated: 0, unchanged: 0, issues };
  // A person's body named by credit code: one query per chunk.
  const bodyCodes = [
    ...new Set(
      tableRows
        .map((r) =>
          (columns.has('personOrgUscc') ? (r.values[columns.get('personOrgUscc')!] ?? '') : '').trim().toUpperCase(),
        )
        .filter(Boolean),
    ),
  ];
  const bodies = new Map(
    bodyCodes.length
      ? (
          await queryRows<{ id: string; uscc: string }>(
            ctx.db,
            sql`select id::text, uscc from kernel.org_unit where uscc = any(${sql.param(bodyCodes)}::text[])`,
          )
        ).map((b) => [b.uscc, b.id])
      : [],
  );
  const groups = new Map<string, { line: number; row: Record<string, unknown> }[]>();
  for (const tr of tableRows) {
    const before = issues.length;
    const r = rowReader(tr, columns, issues);
    for (const [key, zh, en] of RECORD_REQUIRED) r.need(key, zh, en);
    const uscc = r.cell('uscc', parseUsccCell);
    const idNumber = r.cell('idNumber', parseIdNumberCell);
    let kind = r.cell('subjectKind', parseSubjectKind);
    kind ??= idNumber ? 'person' : 'org';
    if (kind === 'org' && !uscc && r.raw('uscc') === '')
      issues.push({
        line: tr.line,
        column: r.colOf('uscc'),
        code: 'VALUE_REQUIRED',
        messageZh: '单位主体须填写统一社会信用代码',
        messageEn: 'An org subject needs its credit code',
      });
    if (kind === 'person' && !idNumber && r.raw('idNumber') === '')
      issues.push({
        line: tr.line,
        column: r.colOf('idNumber'),
        code: 'VALUE_REQUIRED',
        messageZh: '个人主体须填写公民身份号码',
        messageEn: 'A person subject needs the ID number',
      });
    const bodyCode = r.cell('personOrgUscc', parseUsccCell);
    const bodyId = bodyCode ? bodies.get(bodyCode) : undefined;
    if (bodyCode && !bodyId)
      issues.push({
        line: tr.line,
        column: r.colOf('personOrgUscc'),
        code: 'ORG_NOT_FOUND',
        messageZh: `没有统一社会信用代码为${bodyCode}的单位`,
        messageEn: `No body with credit code ${bodyCode}`,
      });
    const typeKey = r.cell('typeKey', parseTypeKey);
    const severity = r.cell('severity', parseSeverity);
    const decisionDate = r.cell('decisionDate', parseLooseDate);
    const effectiveDate = r.cell('effectiveDate', parseLooseDate);
    const disclosureScope = r.cell('disclosureScope', parseDisclosure);
    const sanctionType = r.cell('sanctionType', parseSanction);
    const offenceCount = r.cell('offenceCount', (s) => parseInt10(s, 1, 20));
    const combinedMonths = r.cell('combinedMonths', (s) => parseInt10(s, 1, 48));
    const payload = r.cell('payload', parsePayload);
    const status = r.cell('status', parseImportStatus);
    if (issues.length > before) continue;
    const def = typeKey ? recordTypeDefault(typeKey) : undefined;
    const row: Record<string, unknown> = {
      sourceId: r.raw('sourceId'),
      subject:
        kind === 'org' ? { kind: 'org', uscc } : { kind: 'person', idNumber, ...(bodyId ? { orgId: bodyId } : {}) },
      typeKey,
      severity: severity ?? def,
      facts: r.raw('facts'),
      legalBasis: r.raw('legalBasis'),
      decisionNo: r.raw('decisionNo'),
      decisionDate,
      issuingAuthority: r.raw('issuingAuthority'),
      ...(effectiveDate ? { effectiveDate } : {}),
      ...(r.raw('issuingAuthorityUscc') ? { issuingAuthorityUscc: r.raw('issuingAuthorityUscc') } : {}),
      ...(disclosureScope ? { disclosureScope } : {}),
      ...(sanctionType ? { sanctionType } : {}),
      ...(offenceCount ? { offenceCount } : {}),
      ...(combinedMonths ? { combinedMonths } : {}),
      ...(payload ? { payload } : {}),
    };
    const system = r.raw('sourceSystem') || options.sourceSystem;
    const group = `${status ?? options.initialStatus ?? 'submitted'}\u0000${system}`;
    const list = groups.get(group) ?? [];
    list.push({ line: tr.line, row });
    groups.set(group, list);
  }
  const fieldColumn = (field: string) => {
    const top = field.split('.')[0]!;
    if (field === 'subject.uscc') return columns.get('uscc') ?? 'uscc';
    if (field === 'subject.idNumber') return columns.get('idNumber') ?? 'idNumber';
    if (field === 'subject.orgId') return columns.get('personOrgUscc') ?? columns.get('idNumber') ?? 'personOrgUscc';
    if (top === 'subject')
      return columns.get('subjectKind') ?? columns.get('uscc') ?? columns.get('idNumber') ?? 'subject';
    return columns.get(top) ?? field;
  };
  for (const [key, group] of groups) {
    const [initialStatus, system] = key.split('\u0000') as [ImportableStatus, string];
    let pending = group;
    // Row mode: bad rows are dropped and the rest sent again (ingest checks every row before writing any).
    for (let attempt = 0; attempt < 4 && pending.length; attempt++) {
      try {
        const t0 = performance.now();
        const r = await ingest(
          ctx,
          pending.map((p) => p.row),
          // Batch mode: straight into the import's one transaction (no savepoint per chunk; see IngestOptions).
          { sourceSystem: system, initialStatus, inOpenTransaction: options.mode === 'batch' },
        ).finally(() => {
          IMPORT_TIMINGS.ingestMs += performance.now() - t0;
        });
        out.created += r.created;
        out.updated += r.updated;
        out.unchanged += r.unchanged;
        break;
      } catch (e) {
        if (!(e instanceof AppError)) throw e;
        const rowIssues = (e.issues ?? []).filter(
          (i): i is RowIssue & { index: number } => typeof i.index === 'number',
        );
        if (rowIssues.length === 0) {
          for (const p of pending)
            issues.push({
              line: p.line,
              column:
                e.field === 'sourceSystem' ? (columns.get('sourceSystem') ?? 'sourceSystem') : (e.field ?? '(row)'),
              code: e.appCode,
              messageZh: e.messageZh,
              messageEn: e.messageEn,
            });
          break;
        }
        const bad = new Set<number>();
        for (const i of rowIssues) {
          bad.add(i.index);
          issues.push({
            line: pending[i.index]!.line,
            column: fieldColumn(i.field),
            code: i.code,
            messageZh: i.messageZh,
            messageEn: i.messageEn,
          });
        }
        if (options.mode === 'batch') break;
        pending = pending.filter((_, i) => !bad.has(i));
      }
    }
  }
  return out;
}

const recordTypeDefault = (typeKey: string) => recordType(typeKey)?.defaultSeverity;

async function orgChunk(ctx: KernelContext, tableRows: TableRow[], columns: Map<string, string>): Promise<ChunkResult> {
  const issues: ImportIssue[] = [];
  const out: ChunkResult = { created: 0, updated: 0, unchanged: 0, issues };
  for (const tr of tableRows) {
    const before = issues.length;
    const r = rowReader(tr, columns, issues);
    r.need('name', '单位名称', 'name');
    r.need('uscc', '统一社会信用代码', 'uscc');
    r.need('areaCode', '行政区划代码', 'areaCode');
    r.need('level', '层级', 'level');
    r.need('kind', '单位类别', 'kind');
    const uscc = r.cell('uscc', parseUsccCell);
    const parentUscc = r.cell('parentUscc', parseUsccCell);
    const level = r.cell('level', parseLevel);
    const kind = r.cell('kind', parseOrgKind);
    const areaCode = r.raw('areaCode');
    if (areaCode && !/^\d{6}$/.test(areaCode))
      issues.push({
        line: tr.line,
        column: r.colOf('areaCode'),
        code: 'AREA_CODE_INVALID',
        messageZh: '行政区划代码应为6位数字',
        messageEn: 'The area code must be 6 digits',
      });
    if (issues.length > before || !uscc || !level || !kind) continue;
    const [existing] = await queryRows<{ id: string }>(
      ctx.db,
      sql`select id::text from kernel.org_unit where uscc = ${uscc}`,
    );
    if (existing) {
      out.unchanged += 1;
      continue;
    }
    let parent: { id: string; path: string } | undefined;
    if (parentUscc) {
      [parent] = await queryRows<{ id: string; path: string }>(
        ctx.db,
        sql`select id::text, path from kernel.org_unit where uscc = ${parentUscc}`,
      );
      if (!parent) {
        issues.push({
          line: tr.line,
          column: r.colOf('parentUscc'),
          code: 'ORG_PARENT_NOT_FOUND',
          messageZh: `上级单位不存在（${parentUscc}），上级须在本文件的前面几行或已登记`,
          messageEn: `Parent ${parentUscc} not found (it must come earlier in the file or exist)`,
        });
        continue;
      }
    }
    // Scope: a district's administrator adds bodies under the district only; a top-level body is city-wide data.
    if (ctx.scope.roots !== null && (!parent || !withinScope(ctx.scope, parent.path))) {
      issues.push({
        line: tr.line,
        column: r.colOf('parentUscc'),
        code: 'OUT_OF_SCOPE',
        messageZh: '上级单位不在您的管辖范围内',
        messageEn: 'The parent body is outside your scope',
      });
      continue;
    }
    try {
      await createOrg(ctx, {
        parentId: parent?.id ?? null,
        name: r.raw('name'),
        ...(r.raw('shortName') ? { shortName: r.raw('shortName') } : {}),
        uscc,
        level,
        kind,
        areaCode,
      });
      out.created += 1;
    } catch (e) {
      if (!(e instanceof AppError)) throw e;
      issues.push({
        line: tr.line,
        column: r.colOf(e.field === 'parentId' ? 'parentUscc' : (e.field ?? 'name')),
        code: e.appCode,
        messageZh: e.messageZh,
        messageEn: e.messageEn,
      });
    }
  }
  return out;
}

async function personChunk(
  ctx: KernelContext,
  tableRows: TableRow[],
  columns: Map<string, string>,
): Promise<ChunkResult> {
  const issues: ImportIssue[] = [];
  const out: ChunkResult = { created: 0, updated: 0, unchanged: 0, issues };
  for (const tr of tableRows) {
    const before = issues.length;
    const r = rowReader(tr, columns, issues);
    r.need('name', '姓名', 'name');
    r.need('idNumber', '公民身份号码', 'idNumber');
    const idNumber = r.cell('idNumber', parseIdNumberCell);
    const orgUscc = r.cell('orgUscc', parseUsccCell);
    const principal = r.cell('principal', parseBool) ?? false;
    const leading = r.cell('leading', parseBool);
    const startDate = r.cell('startDate', parseLooseDate);
    const endDate = r.cell('endDate', parseLooseDate);
    const postTitle = r.raw('postTitle');
    if (orgUscc) {
      if (!postTitle)
        issues.push({
          line: tr.line,
          column: r.colOf('postTitle'),
          code: 'VALUE_REQUIRED',
          messageZh: '填写任职单位时须填写职务',
          messageEn: 'A post title is required with the body',
        });
      if (!startDate && r.raw('startDate') === '')
        issues.push({
          line: tr.line,
          column: r.colOf('startDate'),
          code: 'VALUE_REQUIRED',
          messageZh: '填写任职单位时须填写任职日期',
          messageEn: 'A start date is required with the body',
        });
    } else if (ctx.scope.roots !== null) {
      issues.push({
        line: tr.line,
        column: r.colOf('orgUscc'),
        code: 'TENURE_REQUIRED',
        messageZh: '请填写任职单位（您只能登记本辖区的人员）',
        messageEn: 'Give the body: you may only register persons in your scope',
      });
    }
    if (endDate && startDate && endDate < startDate)
      issues.push({
        line: tr.line,
        column: r.colOf('endDate'),
        code: 'TENURE_END_BEFORE_START',
        messageZh: '离任日期不能早于任职日期',
        messageEn: 'The end date is before the start date',
      });
    if (issues.length > before || !idNumber) continue;
    let org: { id: string; path: string } | undefined;
    if (orgUscc) {
      [org] = await queryRows<{ id: string; path: string }>(
        ctx.db,
        sql`select id::text, path from kernel.org_unit where uscc = ${orgUscc}`,
      );
      if (!org) {
        issues.push({
          line: tr.line,
          column: r.colOf('orgUscc'),
          code: 'ORG_NOT_FOUND',
          messageZh: `没有统一社会信用代码为${orgUscc}的单位`,
          messageEn: `No body with credit code ${orgUscc}`,
        });
        continue;
      }
      if (!withinScope(ctx.scope, org.path)) {
        issues.push({
          line: tr.line,
          column: r.colOf('orgUscc'),
          code: 'OUT_OF_SCOPE',
          messageZh: '任职单位不在您的管辖范围内',
          messageEn: 'The body is outside your scope',
        });
        continue;
      }
    }
    const tenure =
      org && startDate
        ? { orgId: org.id, postTitle, principal, ...(leading !== undefined ? { leading } : {}), startDate }
        : undefined;
    try {
      const [person] = await queryRows<{ id: string }>(
        ctx.db,
        sql`select id::text from kernel.person where id_number_hash = ${idNumberHash(ctx.secrets, idNumber)}`,
      );
      if (!person) {
        const created = await createPerson(ctx, { name: r.raw('name'), idNumber, ...(tenure ? { tenure } : {}) });
        if (tenure && endDate) await endTenure(ctx, { tenureId: created.tenures[0]!.id, endDate });
        out.created += 1;
        continue;
      }
      if (!tenure) {
        out.unchanged += 1;
        continue;
      }
      const [held] = await queryRows<{ id: string; end_date: string | null }>(
        ctx.db,
        sql`select t.id::text, t.end_date::text from kernel.tenure t join kernel.post p on p.id = t.post_id
        where t.person_id = ${person.id} and t.org_id = ${tenure.orgId} and p.title = ${postTitle} and t.start_date = ${tenure.startDate}`,
      );
      if (held && (held.end_date ?? '') === (endDate ?? '')) {
        out.unchanged += 1;
        continue;
      }
      if (held && held.end_date) {
        issues.push({
          line: tr.line,
          column: r.colOf('endDate'),
          code: 'TENURE_ALREADY_ENDED',
          messageZh: `该任职已于${held.end_date}结束`,
          messageEn: `The tenure already ended on ${held.end_date}`,
        });
        continue;
      }
      if (held) await endTenure(ctx, { tenureId: held.id, endDate: endDate! });
      else {
        const after = await appoint(ctx, { personId: person.id, ...tenure, principal: tenure.principal });
        if (endDate) {
          const t = after.tenures.find(
            (x) =>
              x.orgId === tenure.orgId && x.postTitle === postTitle && x.startDate === tenure.startDate && !x.endDate,
          );
          if (t) await endTenure(ctx, { tenureId: t.id, endDate });
        }
      }
      out.updated += 1;
    } catch (e) {
      if (!(e instanceof AppError)) throw e;
      const column =
        e.field?.startsWith('tenure') || e.field === 'orgId'
          ? r.colOf('orgUscc')
          : e.field === 'endDate'
            ? r.colOf('endDate')
            : r.colOf(e.field ?? 'idNumber');
      issues.push({ line: tr.line, column, code: e.appCode, messageZh: e.messageZh, messageEn: e.messageEn });
    }
  }
  return out;
}

/** Reads an upload's parts one by one (never the whole file at once). */
export function uploadSource(uploadId: string): ImportSource {
  return async function* (q: Queryable) {
    for (let seq = 0; ; seq++) {
      const [part] = await queryRows<{ data: string }>(
        q,
        sql`select data from kernel.exchange_upload_part where upload_id = ${uploadId} and seq = ${seq}`,
      );
      if (!part) return;
      yield Buffer.from(part.data, 'base64');
    }
  };
}

export function fieldsOf(kind: ImportKind) {
  return IMPORT_FIELDS[kind].map((s) => ({
    key: s.key,
    zh: s.zh,
    en: s.en,
    headings: s.headings,
    required: !!s.required,
  }));
}
