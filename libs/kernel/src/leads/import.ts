/**
 * A feed delivered as a file (CSV or XLSX — a court list export, a monitoring vendor's spreadsheet): read with the
 * exchange domain's table reader, each row checked as the API checks a lead, every bad row named by its line and
 * column, nothing written unless all rows are good; then the same intake as the API (idempotent by source id).
 */
import type { z } from 'zod';
import { isLegalDate } from '@chengxin/contract';
import { LEAD_COLUMNS, leadRow, type leadsImportInput, type leadsImportOut } from '@chengxin/contract/leads';
import { badInput, batchRejected, type KernelContext, type RowIssue } from '../core';
import { readTable } from '../exchange';
import { submitLeads } from './leads';

const day = (raw: string) =>
  raw
    .trim()
    .replace(/[/.]/g, '-')
    .replace(/^(\d{4})-(\d)-/, '$1-0$2-')
    .replace(/-(\d)$/, '-0$1');

export async function importLeads(
  ctx: KernelContext,
  input: z.infer<typeof leadsImportInput>,
): Promise<z.infer<typeof leadsImportOut>> {
  const col = { ...LEAD_COLUMNS, ...input.columns };
  const table = await readTable(Buffer.from(input.contentBase64, 'base64'), input.format);
  const missing = (['sourceId', 'allegation'] as const).filter((k) => !table.headings.includes(col[k]));
  if (!['uscc', 'orgText'].some((k) => table.headings.includes(col[k as 'uscc' | 'orgText'])))
    missing.push('orgText' as never);
  if (missing.length)
    throw badInput(
      'TABLE_COLUMN_MISSING',
      'columns',
      `缺少列：${missing.map((k) => col[k]).join('、')}`,
      `Missing column(s): ${missing.map((k) => col[k]).join(', ')}`,
    );
  const issues: RowIssue[] = [];
  const leads: z.infer<typeof leadRow>[] = [];
  const fieldOf = (k: string) => col[k as keyof typeof col] ?? k;
  for (const [i, r] of table.rows.entries()) {
    const index = table.lines[i]! - 1;
    const cell = (k: keyof typeof col) => (r[col[k]] ?? '').trim();
    const occurred = cell('occurredOn');
    const document = cell('document');
    const candidate = {
      sourceId: cell('sourceId'),
      allegation: cell('allegation'),
      ...(cell('link') ? { link: cell('link') } : {}),
      ...(cell('uscc') ? { uscc: cell('uscc') } : {}),
      ...(cell('orgText') ? { orgText: cell('orgText') } : {}),
      ...(occurred ? { occurredOn: isLegalDate(day(occurred)) ? day(occurred) : occurred } : {}),
      documents: document ? [{ title: document, ...(cell('link') ? { link: cell('link') } : {}) }] : [],
    };
    const parsed = leadRow.safeParse(candidate);
    if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        const key = String(issue.path[0] ?? 'sourceId');
        issues.push({
          index,
          field: fieldOf(key === 'documents' ? 'document' : key),
          code: 'LEAD_CELL_INVALID',
          messageZh: `第${index + 1}行“${fieldOf(key)}”：${issue.message.split(' / ')[0]}`,
          messageEn: `Line ${index + 1} ${key}: ${issue.message}`,
        });
      }
      continue;
    }
    leads.push(parsed.data);
  }
  if (issues.length) throw batchRejected(issues.slice(0, 1000));
  if (leads.length === 0) throw badInput('TABLE_EMPTY', 'contentBase64', '文件没有数据行', 'The file has no data rows');
  const lineOf = table.lines.map((l) => l - 1);
  const out = await submitLeads(
    ctx,
    { source: input.source, sourceKind: input.sourceKind, leads },
    { fieldOf: (i, field) => ({ index: lineOf[i]!, field: fieldOf(field) }) },
  );
  return { ...out, rows: table.rows.length };
}
