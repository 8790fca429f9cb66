import { EVERYWHERE, scopeSql, type Scope } from '../access';
/**
 * What lies behind a score: the contributions of one body (each record or process counted, with what it is), and the
 * whole result as a spreadsheet for the performance assessment (绩效考核).
 */
import { rows, type Queryable } from '@chengxin/db';
import ExcelJS from 'exceljs';
import { sql } from 'drizzle-orm';
import type { z } from 'zod';
import { SEVERITY_LABELS } from '@chengxin/contract';
import { recordType } from '../records';
import type { contributionsOut, exportOut } from '@chengxin/contract/evaluation';
import { runResults } from './runs';

type Contribution = z.infer<typeof contributionsOut>['items'][number];

export async function listContributions(
  db: Queryable,
  input: { runId: string; orgId: string; indicator?: string | undefined; limit: number; cursor?: string | undefined },
  scope: Scope = EVERYWHERE,
): Promise<z.infer<typeof contributionsOut>> {
  const [cursorIndicator, cursorId] = input.cursor ? input.cursor.split('|') : [null, null];
  const list = await rows<{ indicator: string; entity: Contribution['entity']; entityId: string; amount: number }>(
    db,
    sql`select c.indicator, c.entity, c.entity_id::text as "entityId", c.amount::float8 as amount
    from kernel.evaluation_contribution c
    where c.run_id = ${input.runId} and c.org_id = ${input.orgId}
      -- A district's reviewer sees the evidence behind scores inside their subtree only (records, complaint codes).
      and exists (select 1 from kernel.org_unit so where so.id = c.org_id and ${scopeSql(scope, sql`so.path`)})
      and (${input.indicator ?? null}::text is null or c.indicator = ${input.indicator ?? null}::text)
      and (${cursorIndicator ?? null}::text is null or (c.indicator, c.entity_id) > (${cursorIndicator ?? null}::text, ${cursorId ?? null}::uuid))
    order by c.indicator, c.entity_id limit ${input.limit + 1}`,
  );
  const page = list.slice(0, input.limit);
  const described = await describe(db, page);
  const last = page.at(-1);
  return {
    items: page.map((c) => ({ ...c, ...(described.get(c.entityId) ?? { summary: '', date: null }) })),
    nextCursor: list.length > input.limit && last ? `${last.indicator}|${last.entityId}` : null,
  };
}

/** One query per entity kind on the page: a record's type, severity, document and date; a process's deadline and outcome. */
async function describe(
  db: Queryable,
  items: { entity: Contribution['entity']; entityId: string }[],
): Promise<Map<string, { summary: string; date: string | null }>> {
  const ids = (kind: Contribution['entity']) => items.filter((i) => i.entity === kind).map((i) => i.entityId);
  const out = new Map<string, { summary: string; date: string | null }>();
  const put = (list: { id: string; summary: string; date: string | null }[]) =>
    list.forEach((r) => out.set(r.id, { summary: r.summary, date: r.date }));
  const any = (list: string[]) => sql`any(${sql.param(list)}::uuid[])`;
  if (ids('record').length) {
    const recs = await rows<{
      id: string;
      typeKey: string;
      severity: string;
      decisionNo: string;
      authority: string;
      date: string;
    }>(
      db,
      sql`select r.id::text, r.type_key as "typeKey", r.severity, r.decision_no as "decisionNo", r.issuing_authority as authority, r.decision_date::text as date
      from kernel.current_record r where r.id = ${any(ids('record'))}`,
    );
    put(
      recs.map((r) => ({
        id: r.id,
        summary: `${recordType(r.typeKey)?.labelZh ?? r.typeKey}（${SEVERITY_LABELS[r.severity as keyof typeof SEVERITY_LABELS]?.zh ?? r.severity}）${r.decisionNo}，${r.authority}`,
        date: r.date,
      })),
    );
  }
  if (ids('rectification').length)
    put(
      await rows(
        db,
        sql`select id::text, concat('限期整改，期限', coalesce(completion_due, explanation_due), case when completed_on is not null then concat('，', completed_on, '完成') when explained_on is not null then concat('，', explained_on, '说明') else '，未完成' end) as summary, coalesce(completion_due, explanation_due)::text as date from kernel.rectification where id = ${any(ids('rectification'))}`,
      ),
    );
  if (ids('objection').length)
    put(
      await rows(
        db,
        sql`select id::text, concat('异议，', decided_on, '决定：', case outcome when 'upheld' then '维持' when 'corrected' then '更正' when 'revoked' then '撤销' else outcome end) as summary, decided_on::text as date from kernel.objection where id = ${any(ids('objection'))}`,
      ),
    );
  if (ids('complaint').length)
    put(
      await rows(
        db,
        sql`select id::text, concat('投诉举报', receipt_code, '，办理期限', handle_due, case when closed_on is not null then concat('，', closed_on, '办结') else '，未办结' end) as summary, handle_due::text as date from kernel.complaint where id = ${any(ids('complaint'))}`,
      ),
    );
  if (ids('proposal').length)
    put(
      await rows(
        db,
        sql`select id::text, concat(case kind when 'npc_suggestion' then '人大代表建议' else '政协提案' end, code, '，答复期限', due_on, case when answered_on is not null then concat('，', answered_on, '答复') else '，未答复' end) as summary, due_on::text as date from kernel.proposal where id = ${any(ids('proposal'))}`,
      ),
    );
  if (ids('notice').length)
    put(
      await rows(
        db,
        sql`select n.id::text, concat(o.name, '发布公开通报批评：', left(n.title, 60)) as summary, n.published_on::text as date
        from kernel.criticism_notice n join kernel.org_unit o on o.id = n.issuer_org_id where n.id = ${any(ids('notice'))}`,
      ),
    );
  if (ids('finding').length)
    put(
      await rows(
        db,
        sql`select id::text, concat('督导发现：', left(description, 60)) as summary, found_on::text as date from kernel.inspection_finding where id = ${any(ids('finding'))}`,
      ),
    );
  return out;
}

const COLUMNS = ['名次', '单位', '总分', '状态', '数据量', '上年得分', '上年名次'];

/** The result as CSV (UTF-8 with BOM, for Excel) or XLSX: one row per body, one column pair per indicator. */
export async function exportRun(
  db: Queryable,
  runId: string,
  format: 'csv' | 'xlsx',
): Promise<z.infer<typeof exportOut>> {
  const r = await runResults(db, runId);
  const indicators = r.scores[0]?.breakdown.map((b) => b.labelZh) ?? [];
  const header = [...COLUMNS, ...indicators.flatMap((l) => [`${l}（值）`, `${l}（得分）`])];
  const body = r.scores.map((s) => [
    s.rank ?? '',
    s.orgName,
    s.score ?? '',
    s.status === 'ranked' ? '参与排名' : '数据不足',
    s.sample,
    s.previousScore ?? '',
    s.previousRank ?? '',
    ...s.breakdown.flatMap((b) => [b.value ?? '', b.score ?? '']),
  ]);
  const name = `evaluation-${r.year}-${r.level}-v${r.schemeVersion}-${r.id.slice(-8)}`;
  if (format === 'csv') {
    const cell = (v: string | number) => {
      const t = String(v);
      return /[",\r\n]/.test(t) ? `"${t.replace(/"/g, '""')}"` : t;
    };
    return {
      filename: `${name}.csv`,
      contentType: 'text/csv; charset=utf-8',
      encoding: 'utf8',
      content: `\uFEFF${[header, ...body].map((row) => row.map(cell).join(',')).join('\r\n')}\r\n`,
    };
  }
  const book = new ExcelJS.Workbook();
  const sheet = book.addWorksheet(`${r.year}年度评价`);
  sheet.addRow([
    `${r.schemeName}（方案第${r.schemeVersion}版，状态：${r.status}，输入摘要 ${r.inputsDigest.slice(0, 16)}）`,
  ]);
  sheet.addRow(header);
  for (const row of body) sheet.addRow(row);
  return {
    filename: `${name}.xlsx`,
    contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    encoding: 'base64',
    content: Buffer.from(await book.xlsx.writeBuffer()).toString('base64'),
  };
}
