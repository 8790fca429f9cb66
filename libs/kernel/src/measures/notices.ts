import { rows, type Queryable, type Tx } from '@chengxin/db';
import { sql } from 'drizzle-orm';
import type { z } from 'zod';
import {
  NOTICE_STATUS_LABELS,
  type noticeDraftInput,
  type noticeOut,
  type noticesListInput,
  type noticesPublishedInput,
  type noticeUpdateInput,
  type NoticeStatus,
  type publicNoticeOut,
} from '@chengxin/contract';
import { scopeSql, type Scope } from '../access';
import { audit, write, type KernelContext, AppError, badInput, notFound, newId } from '../core';
import { loadCalendar } from '../calendar';
import { PROCESS_RULES } from '../processes';
import { maskText, publicOn, typeZh } from '../public';

type Notice = z.infer<typeof noticeOut>;
type DraftInput = z.infer<typeof noticeDraftInput>;

const conflict = (code: string, zh: string, en: string, field = 'id') => new AppError('CONFLICT', code, zh, en, field);

interface OrgRow {
  id: string;
  name: string;
  kind: string;
  path: string;
  parent_id: string | null;
}

async function org(db: Queryable, id: string, field: string): Promise<OrgRow> {
  const [o] = await rows<OrgRow>(
    db,
    sql`select id::text, name, kind, path, parent_id::text from kernel.org_unit where id = ${id}`,
  );
  if (!o) throw badInput('ORG_NOT_FOUND', field, '单位不存在', 'No such body');
  return o;
}

/**
 * The authority above a body: the nearest government above it (the district for its departments and streets, the
 * city for a district or a city department), or a department directly under that government (its credit office).
 */
async function checkIssuer(db: Queryable, issuerId: string, targetId: string) {
  const target = await org(db, targetId, 'targetOrgId');
  const issuer = await org(db, issuerId, 'issuerOrgId');
  const ancestors = target.path.split('/').slice(0, -1);
  const [gov] = await rows<{ id: string; name: string }>(
    db,
    sql`select id::text, name from kernel.org_unit where id = any(${sql.param(ancestors)}::uuid[])
      and kind in ('government', 'township_government') order by length(path) desc limit 1`,
  );
  const ok =
    gov !== undefined &&
    issuer.id !== target.id &&
    (issuer.id === gov.id ||
      (issuer.parent_id === gov.id && issuer.kind === 'department' && !target.path.startsWith(`${issuer.path}/`)));
  if (!ok)
    throw badInput(
      'NOTICE_ISSUER_NOT_ABOVE',
      'issuerOrgId',
      gov
        ? `通报批评须由被通报单位的上级（${gov.name}或其直属部门）作出，${issuer.name}无权对${target.name}通报`
        : `${target.name}没有上级政府，不能对其通报批评`,
      'A notice is issued by the government above the body, or a department directly under it',
    );
  return { target, issuer };
}

/**
 * The records a notice may rest on: dishonesty records of the criticised body itself, published and shown to the
 * public today, none of which a self-correction decision exempted from criticism.
 */
async function checkRecords(db: Queryable, targetId: string, recordIds: string[], today: string) {
  const ids = [...new Set(recordIds)];
  const found = await rows<{
    id: string;
    org_id: string;
    subject_kind: string;
    polarity: string;
    visible: boolean;
    decision_no: string;
    waived: boolean;
  }>(
    db,
    sql`select r.id::text, r.org_id::text, r.subject_kind, r.polarity, r.decision_no, ${publicOn(today, today)} as visible,
      exists (select 1 from kernel.self_correction s where s.record_id = r.id and s.granted
        and s.measures @> '[{"measure":"notice","effect":"waived"}]'::jsonb) as waived
    from kernel.current_record r where r.id = any(${sql.param(ids)}::uuid[])`,
  );
  ids.forEach((id, i) => {
    const r = found.find((x) => x.id === id);
    const field = `recordIds.${i}`;
    if (!r) throw badInput('RECORD_NOT_FOUND', field, '记录不存在', 'No such record');
    if (r.subject_kind !== 'org' || r.org_id !== targetId || r.polarity !== 'dishonesty')
      throw badInput(
        'NOTICE_RECORD_NOT_OF_BODY',
        field,
        `记录${r.decision_no}不是被通报单位的失信记录`,
        'The record is not a dishonesty record of the criticised body',
      );
    if (!r.visible)
      throw badInput(
        'NOTICE_RECORD_NOT_PUBLISHED',
        field,
        `记录${r.decision_no}不在公示期内或未向社会公开，不能作为通报依据`,
        'A notice rests only on records in effect and published to the public',
      );
    if (r.waived)
      throw badInput(
        'NOTICE_WAIVED',
        field,
        `记录${r.decision_no}已经主动自新认定免于公开通报批评`,
        'A self-correction decision waived criticism for this record',
      );
  });
  return ids;
}

/** A notice is public: it may never carry an ID number, a phone or account number or a birth date (masked text differs). */
function refusePersonalData(
  input: Partial<Pick<DraftInput, 'title' | 'facts' | 'rectificationDemand' | 'documentNo'>>,
) {
  for (const field of ['title', 'facts', 'rectificationDemand', 'documentNo'] as const) {
    const v = input[field];
    if (v !== undefined && maskText(v) !== v)
      throw badInput(
        'NOTICE_PERSONAL_DATA',
        field,
        '通报将向社会公开，不得含有身份证号码、电话号码、账号、出生日期等个人信息',
        'A notice is public: no ID, phone or account numbers or birth dates',
      );
  }
}

export async function draftNotice(ctx: KernelContext, input: DraftInput): Promise<Notice> {
  refusePersonalData(input);
  const today = ctx.today();
  if (input.rectificationDue <= today)
    throw badInput(
      'RECTIFICATION_DUE_INVALID',
      'rectificationDue',
      '整改期限应晚于今天',
      'The deadline must be after today',
    );
  const id = newId();
  await write(ctx, async (tx) => {
    await checkIssuer(tx, input.issuerOrgId, input.targetOrgId);
    const recordIds = await checkRecords(tx, input.targetOrgId, input.recordIds, today);
    await tx.execute(sql`insert into kernel.criticism_notice (id, issuer_org_id, target_org_id, title, document_no, facts, rectification_demand,
      rectification_due, status, drafted_on, drafted_by)
      values (${id}, ${input.issuerOrgId}, ${input.targetOrgId}, ${input.title}, ${input.documentNo ?? null}, ${input.facts},
        ${input.rectificationDemand}, ${input.rectificationDue}::date, 'draft', ${today}::date, ${ctx.actor?.id ?? null}::uuid)`);
    await setRecords(tx, id, recordIds);
    await audit(tx, ctx, 'notice.draft', 'criticism_notice', id, {
      targetOrgId: input.targetOrgId,
      issuerOrgId: input.issuerOrgId,
      recordIds,
    });
  });
  return getNotice(ctx.db, ctx, id);
}

async function setRecords(tx: Tx, id: string, recordIds: string[]) {
  await tx.execute(sql`delete from kernel.criticism_notice_record where notice_id = ${id}`);
  await tx.execute(sql`insert into kernel.criticism_notice_record (notice_id, record_id)
    select ${id}, x from unnest(${sql.param(recordIds)}::uuid[]) as x`);
}

async function lock(tx: Tx, id: string, allowed: NoticeStatus[]) {
  const [n] = await rows<{ status: NoticeStatus; drafted_by: string | null; target_org_id: string }>(
    tx,
    sql`select status, drafted_by::text, target_org_id::text from kernel.criticism_notice where id = ${id} for update`,
  );
  if (!n) throw notFound('criticism_notice', '通报', id);
  if (!allowed.includes(n.status))
    throw conflict(
      'NOTICE_ILLEGAL_STEP',
      `通报当前状态为“${NOTICE_STATUS_LABELS[n.status]}”，不能办理此步骤`,
      `The notice is ${n.status}`,
    );
  return n;
}

/** A draft may be edited until it is submitted (a returned draft again). */
export async function updateNotice(ctx: KernelContext, input: z.infer<typeof noticeUpdateInput>): Promise<Notice> {
  refusePersonalData(input);
  const today = ctx.today();
  if (input.rectificationDue !== undefined && input.rectificationDue <= today)
    throw badInput(
      'RECTIFICATION_DUE_INVALID',
      'rectificationDue',
      '整改期限应晚于今天',
      'The deadline must be after today',
    );
  await write(ctx, async (tx) => {
    const n = await lock(tx, input.id, ['draft']);
    const recordIds = input.recordIds ? await checkRecords(tx, n.target_org_id, input.recordIds, today) : null;
    await tx.execute(sql`update kernel.criticism_notice set
      title = coalesce(${input.title ?? null}, title), document_no = coalesce(${input.documentNo ?? null}, document_no),
      facts = coalesce(${input.facts ?? null}, facts), rectification_demand = coalesce(${input.rectificationDemand ?? null}, rectification_demand),
      rectification_due = coalesce(${input.rectificationDue ?? null}::date, rectification_due) where id = ${input.id}`);
    if (recordIds) await setRecords(tx, input.id, recordIds);
    await audit(tx, ctx, 'notice.update', 'criticism_notice', input.id, {
      fields: Object.keys(input).filter((k) => k !== 'id'),
    });
  });
  return getNotice(ctx.db, ctx, input.id);
}

export async function submitNotice(ctx: KernelContext, id: string): Promise<Notice> {
  await write(ctx, async (tx) => {
    await lock(tx, id, ['draft']);
    await tx.execute(
      sql`update kernel.criticism_notice set status = 'submitted', submitted_on = ${ctx.today()}::date where id = ${id}`,
    );
    await audit(tx, ctx, 'notice.submit', 'criticism_notice', id, {});
  });
  return getNotice(ctx.db, ctx, id);
}

/** The second person's review: approved for publication, or returned to the drafter with the note. */
export async function reviewNotice(ctx: KernelContext, id: string, approve: boolean, note: string): Promise<Notice> {
  await write(ctx, async (tx) => {
    const n = await lock(tx, id, ['submitted']);
    if (ctx.actor && n.drafted_by === ctx.actor.id)
      throw conflict(
        'NOTICE_SELF_REVIEW',
        '通报须由起草人以外的人员复核',
        'A notice is reviewed by someone other than its drafter',
      );
    await tx.execute(sql`update kernel.criticism_notice set status = ${approve ? 'approved' : 'draft'}, reviewed_on = ${ctx.today()}::date,
      reviewed_by = ${ctx.actor?.id ?? null}::uuid, review_note = ${note} where id = ${id}`);
    await audit(tx, ctx, approve ? 'notice.approve' : 'notice.return', 'criticism_notice', id, { note });
  });
  return getNotice(ctx.db, ctx, id);
}

/**
 * Publication: the records are checked again (still published, not exempted), and the rectification the notice
 * demands is opened — or the open one of its record joined — in the same transaction.
 */
export async function publishNotice(ctx: KernelContext, id: string): Promise<Notice> {
  const today = ctx.today();
  await write(ctx, async (tx) => {
    const n = await lock(tx, id, ['approved']);
    const recordIds = (
      await rows<{ record_id: string }>(
        tx,
        sql`select record_id::text from kernel.criticism_notice_record where notice_id = ${id} order by record_id`,
      )
    ).map((r) => r.record_id);
    await checkRecords(tx, n.target_org_id, recordIds, today);
    const rectificationId = await openRectification(tx, ctx, n.target_org_id, recordIds, today);
    await tx.execute(sql`update kernel.criticism_notice set status = 'published', published_on = ${today}::date,
      rectification_id = ${rectificationId}::uuid where id = ${id}`);
    await audit(tx, ctx, 'notice.publish', 'criticism_notice', id, { publishedOn: today, rectificationId });
  });
  return getNotice(ctx.db, ctx, id);
}

/** The open rectification of one of the records, else a new one (tied to the first record that has none). */
async function openRectification(
  tx: Tx,
  ctx: KernelContext,
  orgId: string,
  recordIds: string[],
  today: string,
): Promise<string> {
  const [open] = await rows<{ id: string }>(
    tx,
    sql`select id::text from kernel.rectification where record_id = any(${sql.param(recordIds)}::uuid[])
      and status in ('awaiting_explanation', 'in_progress', 'completed') order by required_on, id limit 1`,
  );
  if (open) return open.id;
  const [free] = await rows<{ id: string }>(
    tx,
    sql`select x::text as id from unnest(${sql.param(recordIds)}::uuid[]) as x
      where not exists (select 1 from kernel.rectification r where r.record_id = x) order by x limit 1`,
  );
  const cal = await loadCalendar(tx);
  const due = cal.addWorkingDays(today, PROCESS_RULES.rectificationExplain.workingDays);
  const id = newId();
  await tx.execute(sql`insert into kernel.rectification (id, record_id, org_id, status, required_on, explanation_due, provisional)
    values (${id}, ${free?.id ?? null}::uuid, ${orgId}, 'awaiting_explanation', ${today}::date, ${due.date}::date, ${due.provisional})`);
  await audit(tx, ctx, 'rectification.require', 'rectification', id, {
    recordId: free?.id ?? null,
    explanationDue: due.date,
    cause: 'notice',
  });
  return id;
}

/** Only with a reason; the notice leaves the portal at once and stays in the console with the reason. */
export async function withdrawNotice(ctx: KernelContext, id: string, reason: string): Promise<Notice> {
  await write(ctx, async (tx) => {
    await lock(tx, id, ['published']);
    await tx.execute(sql`update kernel.criticism_notice set status = 'withdrawn', withdrawn_on = ${ctx.today()}::date,
      withdraw_reason = ${reason} where id = ${id}`);
    await audit(tx, ctx, 'notice.withdraw', 'criticism_notice', id, { reason });
  });
  return getNotice(ctx.db, ctx, id);
}

const REVOKED_BASIS = sql`exists (select 1 from kernel.criticism_notice_record nr join kernel.record_event e on e.record_id = nr.record_id
  where nr.notice_id = n.id and e.to_status = 'revoked')`;
const measureOn = (measure: string, effect: string) =>
  sql`exists (select 1 from kernel.criticism_notice_record nr join kernel.self_correction s on s.record_id = nr.record_id
  where nr.notice_id = n.id and s.granted and s.measures @> ${JSON.stringify([{ measure, effect }])}::jsonb)`;
/** On the portal: published, none of its records revoked, no self-correction exempting or lightening it. */
export const NOTICE_ON_PORTAL = sql`(n.status = 'published' and not ${REVOKED_BASIS} and not ${measureOn('notice', 'waived')} and not ${measureOn('notice', 'lightened')})`;

const COLUMNS = sql`n.id::text, n.issuer_org_id::text as "issuerOrgId", io.name as "issuerName", n.target_org_id::text as "targetOrgId",
  t.name as "targetName", n.title, n.document_no as "documentNo", n.facts, n.rectification_demand as "rectificationDemand",
  n.rectification_due::text as "rectificationDue", n.status, n.drafted_on::text as "draftedOn", n.drafted_by::text as "draftedBy",
  n.submitted_on::text as "submittedOn", n.reviewed_on::text as "reviewedOn", n.reviewed_by::text as "reviewedBy", n.review_note as "reviewNote",
  n.published_on::text as "publishedOn", n.withdrawn_on::text as "withdrawnOn", n.withdraw_reason as "withdrawReason",
  n.rectification_id::text as "rectificationId",
  case when n.status not in ('published', 'approved', 'submitted', 'draft') then null
    when ${REVOKED_BASIS} then '所依据的失信记录已撤销，须撤回通报'
    when ${measureOn('notice', 'waived')} then '主动自新决定免于公开通报批评，须撤回通报' end as "flagZh",
  ${NOTICE_ON_PORTAL} as "onPortal",
  (select coalesce(json_agg(json_build_object('id', r.id, 'decisionNo', r.decision_no, 'typeKey', r.type_key, 'status', r.status,
     'decisionDate', r.decision_date::text) order by r.decision_date, r.id), '[]'::json)
   from kernel.criticism_notice_record nr join kernel.current_record r on r.id = nr.record_id where nr.notice_id = n.id) as records`;
const FROM = sql`kernel.criticism_notice n join kernel.org_unit io on io.id = n.issuer_org_id join kernel.org_unit t on t.id = n.target_org_id`;

type Row = Omit<Notice, 'statusZh' | 'records'> & { records: unknown };
const shape = (r: Row): Notice => ({
  ...r,
  statusZh: NOTICE_STATUS_LABELS[r.status],
  records: (typeof r.records === 'string' ? JSON.parse(r.records) : r.records) as Notice['records'],
});

export async function getNotice(db: Queryable, ctx: KernelContext, id: string, scope?: Scope): Promise<Notice> {
  const [n] = await rows<Row>(
    db,
    sql`select ${COLUMNS} from ${FROM} where n.id = ${id}
      ${scope ? sql`and (${scopeSql(scope, sql`io.path`)} or ${scopeSql(scope, sql`t.path`)})` : sql``}`,
  );
  if (!n) throw notFound('criticism_notice', '通报', id);
  return shape(n);
}

/** Notices issued by or about bodies in the caller's scope; flagged ones (to withdraw) first. */
export async function listNotices(
  ctx: KernelContext,
  input: z.infer<typeof noticesListInput>,
  scope: Scope,
): Promise<Notice[]> {
  const list = await rows<Row>(
    ctx.db,
    sql`select ${COLUMNS} from ${FROM}
    where (${scopeSql(scope, sql`io.path`)} or ${scopeSql(scope, sql`t.path`)})
      ${input.status ? sql`and n.status = ${input.status}` : sql``}
      ${input.targetOrgId ? sql`and n.target_org_id = ${input.targetOrgId}` : sql``}
      ${input.flaggedOnly ? sql`and n.status = 'published' and (${REVOKED_BASIS} or ${measureOn('notice', 'waived')})` : sql``}
    order by (n.status = 'published' and (${REVOKED_BASIS} or ${measureOn('notice', 'waived')})) desc,
      (n.status in ('withdrawn')), n.drafted_on desc, n.id limit ${input.limit}`,
  );
  return list.map(shape);
}

/**
 * The portal's 通报曝光: notices on the portal today, newest first. Names of bodies, the notice's own text (masked
 * like every public free text), the records' decision numbers — never a person, a reviewer or an internal note.
 */
export async function publishedNotices(
  db: Queryable,
  input: z.infer<typeof noticesPublishedInput>,
): Promise<{ items: z.infer<typeof publicNoticeOut>[]; total: number }> {
  const where = sql`${NOTICE_ON_PORTAL}
    ${input.targetOrgId ? sql`and n.target_org_id = ${input.targetOrgId}` : sql``}
    ${input.underOrgId ? sql`and (t.path = (select path from kernel.org_unit where id = ${input.underOrgId}) or t.path like (select path from kernel.org_unit where id = ${input.underOrgId}) || '/%')` : sql``}
    ${input.q ? sql`and (t.name like ${`%${input.q}%`} or n.title like ${`%${input.q}%`})` : sql``}`;
  const list = await rows<{
    id: string;
    title: string;
    documentNo: string | null;
    issuerName: string;
    targetOrgId: string;
    targetName: string;
    facts: string;
    rectificationDemand: string;
    rectificationDue: string;
    publishedOn: string;
    records: unknown;
  }>(
    db,
    sql`select n.id::text, n.title, n.document_no as "documentNo", io.name as "issuerName", n.target_org_id::text as "targetOrgId",
      t.name as "targetName", n.facts, n.rectification_demand as "rectificationDemand", n.rectification_due::text as "rectificationDue",
      n.published_on::text as "publishedOn",
      (select coalesce(json_agg(json_build_object('decisionNo', r.decision_no, 'typeKey', r.type_key, 'decisionDate', r.decision_date::text)
         order by r.decision_date, r.id), '[]'::json)
       from kernel.criticism_notice_record nr join kernel.current_record r on r.id = nr.record_id where nr.notice_id = n.id) as records
    from ${FROM} where ${where} order by n.published_on desc, n.id limit ${input.limit} offset ${input.offset}`,
  );
  const [count] = await rows<{ n: number }>(db, sql`select count(*)::int as n from ${FROM} where ${where}`);
  return {
    total: count?.n ?? 0,
    items: list.map((n) => ({
      ...n,
      title: maskText(n.title),
      facts: maskText(n.facts),
      rectificationDemand: maskText(n.rectificationDemand),
      records: (
        (typeof n.records === 'string' ? JSON.parse(n.records) : n.records) as {
          decisionNo: string;
          typeKey: string;
          decisionDate: string;
        }[]
      ).map((r) => ({ decisionNo: maskText(r.decisionNo), typeZh: typeZh(r.typeKey), decisionDate: r.decisionDate })),
    })),
  };
}
