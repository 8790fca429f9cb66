/**
 * Completeness check (read-only): a source's own list (e.g. the discipline office's sanctions for a period) against
 * our records — what the source decided that we do not hold (under-reporting), what we hold differently, field by
 * field, and what we hold in the same period that the source's list does not name.
 */
import { rows, type Queryable } from '@chengxin/db';
import { sql } from 'drizzle-orm';
import { scopeSql } from '../access';
import type { KernelContext } from '../core';
import { maskIdNumber, idNumberHash } from '../core';
import type { ImportFormat, ImportIssue, ImportSource } from './import';
import {
  parseDisclosure,
  parseIdNumberCell,
  parseLooseDate,
  parseSanction,
  parseSeverity,
  parseTypeKey,
  parseUsccCell,
  resolveColumns,
  type Cell,
} from './mapping';
import { streamTable } from './tabular';

export interface CompletenessInput {
  format: ImportFormat;
  mapping?: Record<string, string>;
  /** The period the source's list covers (decision dates, inclusive); ours are compared over the same period. */
  from?: string | undefined;
  to?: string | undefined;
  typeKey?: string | undefined;
  issuingAuthority?: string | undefined;
}

export const COMPLETENESS_LIST_MAX = 1000;
export const COMPLETENESS_FEED_MAX = 200_000;
const COMPARED = [
  'decisionDate',
  'typeKey',
  'severity',
  'sanctionType',
  'issuingAuthority',
  'disclosureScope',
  'subjectName',
] as const;
type Compared = (typeof COMPARED)[number];

/** Decision numbers are written with all sorts of brackets and spaces: 津监〔2025〕21号 = 津监[2025]21号 = 津监（2025）21号. */
export function normaliseDecisionNo(s: string): string {
  return s
    .replace(/\s+/g, '')
    .replace(/[[［【(（〔]/g, '〔')
    .replace(/[\]］】)）〕]/g, '〕');
}

interface Ours {
  id: string;
  decision_no: string;
  subject_key: string;
  subject_name: string;
  decision_date: string;
  type_key: string;
  severity: string;
  sanction_type: string | null;
  issuing_authority: string;
  disclosure_scope: string;
  status: string;
}

export async function exchangeCompleteness(ctx: KernelContext, input: CompletenessInput, source: ImportSource) {
  const issues: ImportIssue[] = [];
  const feed: {
    line: number;
    decisionNo: string;
    subjectKey: string | null;
    subjectLabel: string;
    values: Partial<Record<Compared, string>>;
  }[] = [];
  let columns: Map<string, string> | null = null;
  for await (const chunk of streamTable(source(ctx.db), input.format, 2000)) {
    if (!columns) {
      const resolved = resolveColumns('records', chunk.headings, input.mapping ?? {});
      columns = resolved.columns;
      for (const i of resolved.issues.filter((i) => i.code !== 'TABLE_COLUMN_MISSING' || i.field === 'decisionNo'))
        issues.push({ line: 1, column: i.field, code: i.code, messageZh: i.zh, messageEn: i.en });
      if (!columns.has('decisionNo'))
        return {
          feedRows: 0,
          matched: 0,
          missingCount: 0,
          differentCount: 0,
          extraCount: 0,
          missing: [],
          different: [],
          extra: [],
          issues,
        };
    }
    for (const tr of chunk.rows) {
      if (feed.length >= COMPLETENESS_FEED_MAX) break;
      const raw = (k: string) => (columns!.has(k) ? (tr.values[columns!.get(k)!] ?? '') : '');
      const cell = <T>(k: string, parse: (s: string) => Cell<T>): T | undefined => {
        const s = raw(k);
        if (s === '') return undefined;
        const c = parse(s);
        if (c.ok) return c.value;
        issues.push({ line: tr.line, column: columns!.get(k) ?? k, code: c.code, messageZh: c.zh, messageEn: c.en });
        return undefined;
      };
      const decisionNo = raw('decisionNo');
      if (!decisionNo) {
        issues.push({
          line: tr.line,
          column: columns.get('decisionNo')!,
          code: 'VALUE_REQUIRED',
          messageZh: '决定书文号不能为空',
          messageEn: 'decisionNo is required',
        });
        continue;
      }
      const uscc = cell('uscc', parseUsccCell);
      const idNumber = cell('idNumber', parseIdNumberCell);
      const values: Partial<Record<Compared, string>> = {};
      const put = (k: Compared, v: string | undefined) => {
        if (v !== undefined && v !== '') values[k] = v;
      };
      put('decisionDate', cell('decisionDate', parseLooseDate));
      put('typeKey', cell('typeKey', parseTypeKey));
      put('severity', cell('severity', parseSeverity));
      put('sanctionType', cell('sanctionType', parseSanction));
      put('disclosureScope', cell('disclosureScope', parseDisclosure));
      put('issuingAuthority', raw('issuingAuthority'));
      put('subjectName', raw('subjectName'));
      feed.push({
        line: tr.line,
        decisionNo: normaliseDecisionNo(decisionNo),
        subjectKey: uscc ? `org:${uscc}` : idNumber ? `person:${idNumberHash(ctx.secrets, idNumber)}` : null,
        subjectLabel: raw('subjectName') || (uscc ?? (idNumber ? maskIdNumber(idNumber) : '')),
        values,
      });
    }
  }
  const ours = await ourRecords(ctx.db, ctx, input);
  const byFull = new Map<string, Ours>();
  const byNo = new Map<string, Ours[]>();
  for (const o of ours) {
    const no = normaliseDecisionNo(o.decision_no);
    byFull.set(`${no}|${o.subject_key}`, o);
    byNo.set(no, [...(byNo.get(no) ?? []), o]);
  }
  const seen = new Set<string>();
  const missing: { line: number; decisionNo: string; subject: string; decisionDate: string | null }[] = [];
  const different: {
    line: number;
    recordId: string;
    decisionNo: string;
    fields: { field: string; feed: string; ours: string }[];
  }[] = [];
  let missingCount = 0,
    differentCount = 0,
    matched = 0;
  for (const row of feed) {
    const candidates = byNo.get(row.decisionNo) ?? [];
    const hit = row.subjectKey
      ? byFull.get(`${row.decisionNo}|${row.subjectKey}`)
      : candidates.length === 1
        ? candidates[0]
        : candidates.find((c) => !seen.has(c.id));
    if (!hit || seen.has(hit.id)) {
      missingCount += 1;
      if (missing.length < COMPLETENESS_LIST_MAX)
        missing.push({
          line: row.line,
          decisionNo: row.decisionNo,
          subject: row.subjectLabel,
          decisionDate: row.values.decisionDate ?? null,
        });
      continue;
    }
    seen.add(hit.id);
    matched += 1;
    const mine: Record<Compared, string> = {
      decisionDate: hit.decision_date,
      typeKey: hit.type_key,
      severity: hit.severity,
      sanctionType: hit.sanction_type ?? '',
      issuingAuthority: hit.issuing_authority,
      disclosureScope: hit.disclosure_scope,
      subjectName: hit.subject_name,
    };
    const fields = COMPARED.filter((k) => row.values[k] !== undefined && row.values[k] !== mine[k]).map((k) => ({
      field: k,
      feed: row.values[k]!,
      ours: mine[k],
    }));
    if (fields.length) {
      differentCount += 1;
      if (different.length < COMPLETENESS_LIST_MAX)
        different.push({ line: row.line, recordId: hit.id, decisionNo: row.decisionNo, fields });
    }
  }
  const extraAll = ours.filter((o) => !seen.has(o.id));
  return {
    feedRows: feed.length,
    matched,
    missingCount,
    differentCount,
    extraCount: extraAll.length,
    missing,
    different,
    extra: extraAll.slice(0, COMPLETENESS_LIST_MAX).map((o) => ({
      recordId: o.id,
      decisionNo: o.decision_no,
      subject: o.subject_name,
      decisionDate: o.decision_date,
      status: o.status,
    })),
    issues: issues.slice(0, COMPLETENESS_LIST_MAX),
  };
}

/** Our records over the same period, type and authority, inside the caller's scope (drafts are not yet reported). */
async function ourRecords(db: Queryable, ctx: KernelContext, input: CompletenessInput): Promise<Ours[]> {
  return rows<Ours>(
    db,
    sql`
    select r.id::text, r.decision_no, case when r.subject_kind = 'org' then 'org:' || o.uscc else 'person:' || p.id_number_hash end as subject_key,
      coalesce(p.name, o.name) as subject_name, r.decision_date::text, r.type_key, r.severity, r.sanction_type, r.issuing_authority, r.disclosure_scope, r.status
    from kernel.current_record r
    join kernel.org_unit o on o.id = r.org_id
    left join kernel.person p on p.id = r.person_id
    where r.status <> 'draft'
    ${input.from ? sql`and r.decision_date >= ${input.from}::date` : sql``}
    ${input.to ? sql`and r.decision_date <= ${input.to}::date` : sql``}
    ${input.typeKey ? sql`and r.type_key = ${input.typeKey}` : sql``}
    ${input.issuingAuthority ? sql`and r.issuing_authority = ${input.issuingAuthority}` : sql``}
    ${ctx.scope.roots === null ? sql`` : sql`and ${scopeSql(ctx.scope, sql`o.path`)}`}
    order by r.decision_date, r.id`,
  );
}
