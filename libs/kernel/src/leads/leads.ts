/**
 * 线索 (plan 一.4: "建立政务诚信大数据监测预警机制…通过网络抓取、委托第三方等方式"): intake from outside feeds and the
 * triage queue. A lead never becomes public or a record by itself: an officer dismisses it with a reason, merges it
 * into the lead it repeats, or turns it into a draft record (its link and documents carried into the draft's payload),
 * which then goes through submission, review and publication like any draft a rule proposes.
 */
import { rows, type Db, type Queryable } from '@chengxin/db';
import { sql } from 'drizzle-orm';
import type { z } from 'zod';
import type {
  leadFigureOut,
  leadOut,
  leadRow,
  leadsListInput,
  leadsSubmitInput,
  leadsSubmitOut,
} from '@chengxin/contract/leads';
import type { RecordCreateInput } from '@chengxin/contract';
import { AppError, audit, newId, notFound, write, type KernelContext, type RowIssue } from '../core';
import { scopeSql, withinScope, type Scope } from '../access';
import { createDraft } from '../records';

type Lead = z.infer<typeof leadOut>;
type Row = z.infer<typeof leadRow>;

/** The source system of drafts made from leads: one draft per lead (records are unique by source + source id). */
export const LEAD_RECORD_SOURCE = 'kernel.leads';

/** Every problem of a batch at once, the first named as the error's field; nothing is written. */
function leadIssues(issues: RowIssue[]): AppError {
  const first = issues[0]!;
  return new AppError(
    'BAD_REQUEST',
    first.code,
    `${issues.length > 1 ? `共${issues.length}处错误，未写入任何数据。` : ''}${first.field}：${first.messageZh}`,
    `${issues.length > 1 ? `${issues.length} errors; nothing was written. ` : ''}${first.field}: ${first.messageEn}`,
    first.field,
    issues,
  );
}

/**
 * Takes in a feed's leads, all or nothing. The body is resolved by id, by 统一社会信用代码 or by an exact name; a code or
 * name we do not hold stays as free text to resolve in triage (an outside feed may name a body in its own words). A
 * lead already held (same source and source id) is left as it is, so a feed can be sent again.
 *
 * A caller limited to part of the city (a district's monitoring platform with a district-scoped token) submits leads
 * about the bodies of its own subtree only: every lead must resolve to a body inside the scope (a lead the district
 * cannot place is the city's monitoring platform's to send, as an unresolved lead is triaged by the city), and a
 * source id already held for a body outside the scope is refused rather than answered with that lead's id.
 */
export async function submitLeads(
  ctx: KernelContext,
  input: z.infer<typeof leadsSubmitInput>,
  options: { fieldOf?: (index: number, field: string) => { index: number; field: string } } = {},
): Promise<z.infer<typeof leadsSubmitOut>> {
  const place = options.fieldOf ?? ((index: number, field: string) => ({ index, field: `leads.${index}.${field}` }));
  const usccs = input.leads.flatMap((r) => (r.uscc ? [r.uscc.toUpperCase()] : []));
  const ids = input.leads.flatMap((r) => (r.orgId ? [r.orgId] : []));
  const names = input.leads.flatMap((r) => (r.orgText ? [r.orgText] : []));
  const known = await rows<{ id: string; uscc: string; name: string; path: string }>(
    ctx.db,
    sql`select id::text, uscc, name, path from kernel.org_unit
    where uscc = any(${sql.param(usccs)}::text[]) or id = any(${sql.param(ids)}::uuid[]) or name = any(${sql.param(names)}::text[])`,
  );
  const byUscc = new Map(known.map((o) => [o.uscc, o]));
  const byId = new Map(known.map((o) => [o.id, o]));
  const byName = new Map<string, { id: string; name: string } | null>();
  for (const o of known) byName.set(o.name, byName.has(o.name) ? null : o); // a name two bodies share resolves nothing
  const issues: RowIssue[] = [];
  const seen = new Set<string>();
  const resolved = input.leads.map((r: Row, i) => {
    const issue = (field: string, code: string, zh: string, en: string) =>
      issues.push({ ...place(i, field), code, messageZh: zh, messageEn: en });
    if (!r.orgId && !r.uscc && !r.orgText)
      issue(
        'orgText',
        'LEAD_ORG_REQUIRED',
        '须写明涉及的单位（单位ID、统一社会信用代码或名称）',
        'Name the body (orgId, uscc or orgText)',
      );
    if (r.orgId && !byId.has(r.orgId)) issue('orgId', 'ORG_NOT_FOUND', '单位不存在', 'No such body');
    if (seen.has(r.sourceId))
      issue(
        'sourceId',
        'LEAD_DUPLICATE_ROW',
        '同一来源编号在本批中出现多次',
        'The source id appears twice in this batch',
      );
    seen.add(r.sourceId);
    const org =
      (r.orgId ? byId.get(r.orgId) : undefined) ??
      (r.uscc ? byUscc.get(r.uscc.toUpperCase()) : undefined) ??
      (r.orgText ? (byName.get(r.orgText) ?? undefined) : undefined);
    const bodyField = r.orgId ? 'orgId' : r.uscc ? 'uscc' : 'orgText';
    if (ctx.scope.roots !== null && (r.orgId || r.uscc || r.orgText) && !(r.orgId && !org)) {
      if (!org)
        issue(
          bodyField,
          'LEAD_ORG_UNRESOLVED_IN_SCOPE',
          '按辖区报送的线索须能确定本辖区内的单位（单位ID、统一社会信用代码或准确名称）；无法确定单位的线索由全市范围的监测平台报送',
          'A scoped caller must name a body of its scope (orgId, uscc or exact name); leads naming no known body are for a city-wide caller',
        );
      else if (!withinScope(ctx.scope, byId.get(org.id)?.path ?? null))
        issue(
          bodyField,
          'LEAD_OUT_OF_SCOPE',
          '线索涉及的单位不在您的管辖范围内',
          'The body of this lead is outside your scope',
        );
    }
    return { ...r, orgId: org?.id ?? null, orgText: r.orgText ?? org?.name ?? r.uscc ?? '' };
  });
  if (issues.length) throw leadIssues(issues);
  if (ctx.scope.roots !== null) {
    // A source id already held for a body outside the scope (or for none): neither its id nor its body is told.
    const held = await rows<{ source_id: string; path: string | null }>(
      ctx.db,
      sql`select l.source_id, o.path from kernel.lead l left join kernel.org_unit o on o.id = l.org_id
      where l.source = ${input.source} and l.source_id = any(${sql.param(resolved.map((r) => r.sourceId))}::text[])`,
    );
    const foreign = new Set(held.filter((h) => !withinScope(ctx.scope, h.path)).map((h) => h.source_id));
    resolved.forEach((r, i) => {
      if (foreign.has(r.sourceId))
        issues.push({
          ...place(i, 'sourceId'),
          code: 'LEAD_SOURCE_ID_OUT_OF_SCOPE',
          messageZh: '该来源编号已由管辖范围外的线索使用',
          messageEn: 'This source id is held by a lead outside your scope',
        });
    });
    if (issues.length) throw leadIssues(issues);
  }
  return write(ctx, async (tx) => {
    const out: string[] = [];
    let created = 0;
    for (const r of resolved) {
      const [inserted] = await rows<{ id: string }>(
        tx,
        sql`insert into kernel.lead (id, source, source_id, source_kind, link, documents, org_id, org_text, allegation, occurred_on, received_by, status)
        values (${newId()}, ${input.source}, ${r.sourceId}, ${input.sourceKind}, ${r.link ?? null}, ${JSON.stringify(r.documents ?? [])}::jsonb,
          ${r.orgId}, ${r.orgText}, ${r.allegation}, ${r.occurredOn ?? null}, ${ctx.actor?.id ?? null}, 'new')
        on conflict (source, source_id) do nothing returning id::text`,
      );
      if (inserted) {
        created += 1;
        out.push(inserted.id);
      } else {
        const [held] = await rows<{ id: string }>(
          tx,
          sql`select id::text from kernel.lead where source = ${input.source} and source_id = ${r.sourceId}`,
        );
        out.push(held!.id);
      }
    }
    await audit(tx, ctx, 'lead.intake', 'lead', '*', {
      source: input.source,
      sourceKind: input.sourceKind,
      received: resolved.length,
      created,
    });
    return { received: resolved.length, created, unchanged: resolved.length - created, ids: out };
  });
}

const COLUMNS = sql`l.id::text, l.source, l.source_id as "sourceId", l.source_kind as "sourceKind", l.link, l.documents,
  l.org_id::text as "orgId", o.name as "orgName", l.org_text as "orgText", l.allegation, l.occurred_on as "occurredOn",
  to_json(l.created_at)#>>'{}' as "receivedAt", l.status, l.dismiss_reason as "dismissReason", l.merged_into::text as "mergedInto",
  l.record_id::text as "recordId", to_json(l.triaged_at)#>>'{}' as "triagedAt",
  (select count(*) from kernel.lead d where d.merged_into = l.id)::int as duplicates`;
const FROM = sql`kernel.lead l left join kernel.org_unit o on o.id = l.org_id`;
/** A lead is inside a scope when its body is; an unresolved lead only for a city-wide grant. */
const inScope = (scope: Scope) =>
  scope.roots === null ? sql`true` : sql`(o.path is not null and ${scopeSql(scope, sql`o.path`)})`;

export async function getLead(db: Queryable, id: string): Promise<Lead> {
  const [l] = await rows<Lead>(db, sql`select ${COLUMNS} from ${FROM} where l.id = ${id}`);
  if (!l) throw notFound('lead', '线索', id);
  return l;
}

/** The triage queue: newest first (uuid v7 ids are time-ordered), filtered by status, source or unresolved body. */
export async function listLeads(
  db: Queryable,
  input: z.infer<typeof leadsListInput>,
  scope: Scope,
): Promise<{ items: Lead[]; nextCursor: string | null }> {
  const cursor = input.cursor && /^[0-9a-f-]{36}$/i.test(input.cursor) ? input.cursor : null;
  const items = await rows<Lead>(
    db,
    sql`select ${COLUMNS} from ${FROM}
    where ${inScope(scope)} and (${input.status ?? null}::text is null or l.status = ${input.status ?? null}::text)
      and (${input.source ?? null}::text is null or l.source = ${input.source ?? null}::text)
      ${input.unresolved ? sql`and l.org_id is null` : sql``}
      and (${cursor}::uuid is null or l.id < ${cursor}::uuid)
    order by l.id desc limit ${input.limit + 1}`,
  );
  const more = items.length > input.limit;
  return { items: items.slice(0, input.limit), nextCursor: more ? items[input.limit - 1]!.id : null };
}

async function lockLead(tx: Queryable, id: string): Promise<{ status: string; orgId: string | null }> {
  const [l] = await rows<{ status: string; orgId: string | null }>(
    tx,
    sql`select status, org_id::text as "orgId" from kernel.lead where id = ${id} for update`,
  );
  if (!l) throw notFound('lead', '线索', id);
  if (l.status !== 'new')
    throw new AppError(
      'CONFLICT',
      'LEAD_ALREADY_TRIAGED',
      '该线索已研判处理（已排除、合并或转为记录）',
      'The lead has already been triaged',
      'id',
    );
  return l;
}

/** 排除: not credible, not about a government body, or not a dishonesty matter — with the reason. */
export async function dismissLead(ctx: KernelContext, input: { id: string; reason: string }): Promise<Lead> {
  await write(ctx, async (tx) => {
    await lockLead(tx, input.id);
    await tx.execute(sql`update kernel.lead set status = 'dismissed', dismiss_reason = ${input.reason}, triaged_at = now(),
      triaged_by = ${ctx.actor?.id ?? null} where id = ${input.id}`);
    await audit(tx, ctx, 'lead.dismiss', 'lead', input.id, { reason: input.reason });
  });
  return getLead(ctx.db, input.id);
}

/** 合并: the lead repeats another (the same judgment in two feeds); it follows that lead from now on. */
export async function mergeLead(ctx: KernelContext, input: { id: string; intoId: string }): Promise<Lead> {
  if (input.id === input.intoId)
    throw new AppError(
      'BAD_REQUEST',
      'LEAD_MERGE_SELF',
      '不能合并到自身',
      'A lead cannot be merged into itself',
      'intoId',
    );
  await write(ctx, async (tx) => {
    await lockLead(tx, input.id);
    const [into] = await rows<{ status: string }>(
      tx,
      sql`select status from kernel.lead where id = ${input.intoId} for update`,
    );
    if (!into) throw notFound('lead', '线索', input.intoId);
    if (into.status === 'merged' || into.status === 'dismissed')
      throw new AppError(
        'CONFLICT',
        'LEAD_MERGE_TARGET_CLOSED',
        '目标线索已排除或已合并，请合并到仍在处理或已转为记录的线索',
        'Merge into a lead that is open or turned into a record',
        'intoId',
      );
    await tx.execute(sql`update kernel.lead set status = 'merged', merged_into = ${input.intoId}, triaged_at = now(),
      triaged_by = ${ctx.actor?.id ?? null} where id = ${input.id}`);
    await audit(tx, ctx, 'lead.merge', 'lead', input.id, { intoId: input.intoId });
  });
  return getLead(ctx.db, input.id);
}

/** 确定主体: the body a free-text lead concerns, chosen by the officer. */
export async function resolveLead(ctx: KernelContext, input: { id: string; orgId: string }): Promise<Lead> {
  await write(ctx, async (tx) => {
    await lockLead(tx, input.id);
    const [org] = await rows<{ id: string }>(tx, sql`select id::text from kernel.org_unit where id = ${input.orgId}`);
    if (!org) throw notFound('org', '单位', input.orgId);
    await tx.execute(sql`update kernel.lead set org_id = ${input.orgId} where id = ${input.id}`);
    await audit(tx, ctx, 'lead.resolve', 'lead', input.id, { orgId: input.orgId });
  });
  return getLead(ctx.db, input.id);
}

/**
 * 转为记录草稿: a draft record about the lead's body, its source `kernel.leads` / the lead's id, the lead's link,
 * documents and allegation in the payload (and those of the leads merged into it). Only a draft: a person submits it
 * and a reviewer approves and publishes it, as with every draft a rule proposes.
 */
export async function leadToRecord(
  ctx: KernelContext,
  id: string,
  record: Omit<RecordCreateInput, 'subject' | 'source' | 'linkTo'>,
): Promise<{ lead: Lead; recordId: string }> {
  let recordId = '';
  await write(ctx, async (tx) => {
    const l = await lockLead(tx, id);
    if (!l.orgId)
      throw new AppError(
        'CONFLICT',
        'LEAD_ORG_UNRESOLVED',
        '请先确定该线索涉及的单位',
        'Resolve the body the lead concerns first',
        'id',
      );
    const evidence = await rows<{
      id: string;
      source: string;
      sourceId: string;
      link: string | null;
      documents: unknown;
      allegation: string;
    }>(
      tx,
      sql`select id::text, source, source_id as "sourceId", link, documents, allegation from kernel.lead
      where id = ${id} or merged_into = ${id} order by (id = ${id}) desc, id`,
    );
    const draft = await createDraft({ ...ctx, db: tx as unknown as Db }, {
      ...record,
      subject: { kind: 'org', orgId: l.orgId },
      source: { system: LEAD_RECORD_SOURCE, id },
      linkTo: [],
      payload: { ...record.payload, leads: evidence },
    } as RecordCreateInput);
    recordId = draft.id;
    await tx.execute(sql`update kernel.lead set status = 'converted', record_id = ${draft.id}, triaged_at = now(),
      triaged_by = ${ctx.actor?.id ?? null} where id = ${id}`);
    await audit(tx, ctx, 'lead.to_record', 'lead', id, { recordId: draft.id });
  });
  return { lead: await getLead(ctx.db, id), recordId };
}

/** Per source: leads received in the period and what became of them (and of the drafts made from them). */
export async function leadFigures(
  db: Queryable,
  input: { from?: string | undefined; to?: string | undefined },
  scope: Scope,
): Promise<z.infer<typeof leadFigureOut>[]> {
  return rows(
    db,
    sql`select l.source, min(l.source_kind) as "sourceKind", count(*)::int as received,
      count(*) filter (where l.status = 'new')::int as open,
      count(*) filter (where l.status = 'dismissed')::int as dismissed,
      count(*) filter (where l.status = 'merged')::int as merged,
      count(*) filter (where l.status = 'converted')::int as converted,
      count(r.id) filter (where r.status in ('approved', 'published', 'expired', 'repaired', 'archived'))::int as standing
    from ${FROM} left join kernel.credit_record r on r.id = l.record_id
    where ${inScope(scope)}
      and (${input.from ?? null}::date is null or (l.created_at at time zone 'Asia/Shanghai')::date >= ${input.from ?? null}::date)
      and (${input.to ?? null}::date is null or (l.created_at at time zone 'Asia/Shanghai')::date <= ${input.to ?? null}::date)
    group by l.source order by received desc, l.source limit 500`,
  );
}
