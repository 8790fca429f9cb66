import { createHash, randomInt } from 'node:crypto';
import { rows, type Db, type Queryable } from '@chengxin/db';
import { sql, type SQL } from 'drizzle-orm';
import { caseListPage } from './case-lists';
import type { z } from 'zod';
import { scopeSql, type Scope } from '../access';
import type {
  complaintCloseInput,
  complaintOut,
  complaintSubmitInput,
  complaintTriageInput,
  complaintsPageInput,
  complaintsResolveBodyInput,
  complaintsAttachmentOutput,
  RecordCreateInput,
  LegalDate,
} from '@chengxin/contract';
import { audit, systemActor, write, type KernelContext, AppError, badInput, notFound, newId } from '../core';
import { complaintHandleDays, PROCESS_RULES } from './rules';
import { loadCalendar, withLateness } from '../calendar';
import { createDraft } from '../records';

/**
 * 投诉举报. Anyone may report, named or anonymously, about a body, a person or a matter; a receipt code lets them
 * follow it. Triage (accept / not ours, naming the responsible body / duplicate), handling, outcome; an accepted
 * complaint may become a draft record linked to it; overdue ones escalate to the level above (the daily job).
 */
const RECEIPT_ALPHABET = '23456789ABCDEFGHJKLMNPQRSTUVWXYZ';
const receiptCode = (day: LegalDate) =>
  `TS${day.replace(/-/g, '')}${Array.from({ length: 6 }, () => RECEIPT_ALPHABET[randomInt(RECEIPT_ALPHABET.length)]).join('')}`;
const contentKey = (input: { content: string; aboutOrgId?: string | undefined; aboutPersonId?: string | undefined }) =>
  createHash('sha256')
    .update(`${input.aboutOrgId ?? ''}|${input.aboutPersonId ?? ''}|${input.content.replace(/\s+/g, '')}`)
    .digest('hex');

/** Complaints are filed under this name in the audit chain, whoever sends them: a report is never tied to a login. */
export const PUBLIC_COMPLAINT_ACTOR = systemActor(
  '01900000-0000-7000-8000-0000000c0001',
  'public:complaint',
  'public',
  [],
);
/** Statuses in which a complaint is still being dealt with (a triage or handling deadline is running). */
export const OPEN_COMPLAINT_STATUSES = ['received', 'accepted'] as const;

/**
 * Public: files the report and returns only its receipt code and deadlines. The same report while the first is still
 * open (received or accepted) is refused; once it was closed, referred elsewhere or merged, it may be filed again.
 */
export interface ComplaintAttachment {
  filename: string;
  contentType: string;
  bytes: Buffer;
}

export async function submitComplaint(
  ctx: KernelContext,
  input: z.infer<typeof complaintSubmitInput>,
  attachments: ComplaintAttachment[] = [],
) {
  const cal = await loadCalendar(ctx.db);
  const filedOn = ctx.today();
  const key = contentKey(input);
  const id = newId();
  const code = receiptCode(filedOn);
  const triage = cal.addWorkingDays(filedOn, PROCESS_RULES.complaintTriage.workingDays);
  const handle = cal.addWorkingDays(
    filedOn,
    PROCESS_RULES.complaintTriage.workingDays + complaintHandleDays(input.category),
  );
  const [triageDue, handleDue, provisional] = [triage.date, handle.date, triage.provisional || handle.provisional];
  // Always the public actor, never ctx.actor: a signed-in user sending a report (anonymous or not) is not recorded as its author.
  const publicCtx: KernelContext = { ...ctx, actor: PUBLIC_COMPLAINT_ACTOR };
  await write(publicCtx, async (tx) => {
    const [dup] = await rows<{ receipt_code: string }>(
      tx,
      sql`select receipt_code from kernel.complaint
      where content_key = ${key} and status = any(${sql.param([...OPEN_COMPLAINT_STATUSES])}::text[]) limit 1`,
    );
    if (dup)
      throw new AppError(
        'CONFLICT',
        'COMPLAINT_DUPLICATE',
        '相同的投诉举报已在处理中，请凭原回执码查询进度',
        'The same report is already being handled; follow it with its receipt code',
        'content',
      );
    if (input.aboutOrgId) {
      const [org] = await rows<{ id: string }>(tx, sql`select id from kernel.org_unit where id = ${input.aboutOrgId}`);
      if (!org) throw badInput('ORG_NOT_FOUND', 'aboutOrgId', '被投诉单位不存在', 'Org unit not found');
    }
    const [handling] = await rows<{ id: string }>(
      tx,
      sql`select coalesce(${input.aboutOrgId ?? null}::uuid, (select id from kernel.org_unit where parent_id is null order by sort_order limit 1)) as id`,
    );
    await tx.execute(sql`insert into kernel.complaint (id, receipt_code, category, about_org_id, about_person_id, about_text, content, anonymous, complainant_name, complainant_contact,
        content_key, status, handling_org_id, filed_on, triage_due, handle_due, provisional)
      values (${id}, ${code}, ${input.category}, ${input.aboutOrgId ?? null}::uuid, ${input.aboutPersonId ?? null}::uuid, ${input.aboutText ?? null}, ${input.content}, ${input.anonymous},
        ${input.anonymous ? null : (input.complainantName ?? null)}, ${input.anonymous ? null : (input.complainantContact ?? null)},
        ${key}, 'received', ${handling?.id ?? null}::uuid, ${filedOn}::date, ${triageDue}::date, ${handleDue}::date, ${provisional})`);
    for (const a of attachments) {
      await tx.execute(sql`insert into kernel.complaint_attachment (id, complaint_id, filename, content_type, size, sha256, content)
        values (${newId()}, ${id}, ${a.filename}, ${a.contentType}, ${a.bytes.length}, ${createHash('sha256').update(a.bytes).digest('hex')}, ${a.bytes}::bytea)`);
    }
    // The audit entry names the case, never the complainant.
    await audit(tx, publicCtx, 'complaint.submit', 'complaint', id, {
      category: input.category,
      anonymous: input.anonymous,
      receiptCode: code,
      ...(attachments.length ? { attachments: attachments.length } : {}),
    });
  });
  return { receiptCode: code, filedOn, triageDue, handleDue, provisional };
}

const STATUS_ZH: Record<string, string> = {
  received: '已收到，待受理',
  accepted: '已受理，办理中',
  not_ours: '不属本系统职责，已告知有权处理的单位',
  duplicate: '重复投诉，已并入原件办理',
  closed: '已办结',
};

/** Public: what a complainant sees by receipt code — status, dates and the outcome, no personal data. */
export async function complaintStatus(db: Queryable, code: string) {
  const [c] = await rows<{
    status: string;
    filed_on: string;
    handle_due: string;
    provisional: boolean;
    triage_note: string | null;
    closed_on: string | null;
    outcome: string | null;
    escalated_on: string | null;
  }>(
    db,
    sql`
    select status, filed_on::text, handle_due::text, provisional, triage_note, closed_on::text, outcome, escalated_on::text from kernel.complaint where receipt_code = ${code.trim().toUpperCase()}`,
  );
  if (!c)
    throw new AppError('NOT_FOUND', 'RECEIPT_NOT_FOUND', '回执码不存在，请核对', 'No complaint with this receipt code');
  return {
    receiptCode: code.trim().toUpperCase(),
    status: c.status,
    statusZh: STATUS_ZH[c.status] ?? c.status,
    filedOn: c.filed_on,
    handleDue: c.handle_due,
    provisional: c.provisional,
    note: c.status === 'not_ours' ? c.triage_note : null,
    escalated: c.escalated_on !== null,
    closedOn: c.closed_on,
    outcome: c.outcome,
  };
}

export async function triageComplaint(ctx: KernelContext, input: z.infer<typeof complaintTriageInput>) {
  await write(ctx, async (tx) => {
    const c = await lockComplaint(tx, input.id, ['received']);
    let duplicateOf: string | null = null;
    if (input.decision === 'duplicate') {
      const [orig] = await rows<{ id: string }>(
        tx,
        sql`select id from kernel.complaint where receipt_code = ${input.duplicateOfReceipt ?? ''} and id <> ${input.id}`,
      );
      if (!orig)
        throw badInput(
          'RECEIPT_NOT_FOUND',
          'duplicateOfReceipt',
          '原投诉回执码不存在',
          'The original receipt code was not found',
        );
      duplicateOf = orig.id;
    }
    if (input.decision === 'not_ours' && !input.note?.trim())
      throw badInput('RESPONSIBLE_BODY_REQUIRED', 'note', '请写明有权处理的单位', 'Name the body responsible');
    const status = input.decision === 'accept' ? 'accepted' : input.decision;
    await tx.execute(sql`update kernel.complaint set status = ${status}, triaged_on = ${ctx.today()}::date, triage_note = ${input.note ?? null}, duplicate_of = ${duplicateOf}::uuid,
      closed_on = ${status === 'accepted' ? null : ctx.today()}::date where id = ${input.id}`);
    await audit(tx, ctx, `complaint.${input.decision}`, 'complaint', input.id, {
      note: input.note ?? null,
      duplicateOf,
      from: c.status,
    });
  });
  return getComplaint(ctx, input.id);
}

export async function closeComplaint(ctx: KernelContext, input: z.infer<typeof complaintCloseInput>) {
  await write(ctx, async (tx) => {
    await lockComplaint(tx, input.id, ['accepted']);
    await tx.execute(
      sql`update kernel.complaint set status = 'closed', closed_on = ${ctx.today()}::date, outcome = ${input.outcome}, substantiated = ${input.substantiated} where id = ${input.id}`,
    );
    await audit(tx, ctx, 'complaint.close', 'complaint', input.id, { substantiated: input.substantiated });
  });
  return getComplaint(ctx, input.id);
}

/**
 * 确定被投诉单位: a complaint whose body the complainant could only describe in words is resolved by a handler to a body
 * of the org tree (the procedure's scope check: the handler covers both the complaint and the chosen body). The
 * complaint then is about that body and is handled by it; the words stay as they were sent; the audit entry names both.
 */
export async function resolveComplaintBody(ctx: KernelContext, input: z.infer<typeof complaintsResolveBodyInput>) {
  await write(ctx, async (tx) => {
    const c = await lockComplaint(tx, input.id, [...OPEN_COMPLAINT_STATUSES]);
    if (c.about_org_id || c.about_person_id)
      throw new AppError(
        'CONFLICT',
        'COMPLAINT_BODY_KNOWN',
        '该投诉已指明被投诉单位或人员，无需确定',
        'The complaint already names its body or person',
        'id',
      );
    const [org] = await rows<{ id: string; name: string }>(
      tx,
      sql`select id::text, name from kernel.org_unit where id = ${input.orgId}`,
    );
    if (!org) throw badInput('ORG_NOT_FOUND', 'orgId', '所选单位不存在', 'Org unit not found');
    await tx.execute(
      sql`update kernel.complaint set about_org_id = ${input.orgId}::uuid, handling_org_id = ${input.orgId}::uuid where id = ${input.id}`,
    );
    await audit(tx, ctx, 'complaint.resolve_body', 'complaint', input.id, {
      orgId: input.orgId,
      fromHandlingOrgId: c.handling_org_id,
      note: input.note ?? null,
    });
  });
  return getComplaint(ctx, input.id);
}

/** One attachment of a complaint, for staff who may read the complaint (never public). */
export async function readComplaintAttachment(
  db: Queryable,
  complaintId: string,
  attachmentId: string,
): Promise<z.infer<typeof complaintsAttachmentOutput>> {
  const [a] = await rows<{ filename: string; content_type: string; content: Buffer | Uint8Array }>(
    db,
    sql`select filename, content_type, content from kernel.complaint_attachment where id = ${attachmentId} and complaint_id = ${complaintId}`,
  );
  if (!a) throw notFound('complaint_attachment', '附件', attachmentId);
  return {
    filename: a.filename,
    contentType: a.content_type as z.infer<typeof complaintsAttachmentOutput>['contentType'],
    dataBase64: Buffer.from(a.content).toString('base64'),
  };
}

/** An accepted complaint becomes a draft record about its subject, linked both ways, in one transaction. */
export async function complaintToRecord(
  ctx: KernelContext,
  id: string,
  record: Omit<RecordCreateInput, 'subject' | 'source' | 'linkTo'>,
) {
  let recordId = '';
  await write(ctx, async (tx) => {
    const c = await lockComplaint(tx, id, ['accepted']);
    if (c.record_id)
      throw new AppError(
        'CONFLICT',
        'COMPLAINT_HAS_RECORD',
        '该投诉已生成信用记录',
        'The complaint already has a record',
        'id',
      );
    const subject = c.about_person_id
      ? { kind: 'person' as const, personId: c.about_person_id, ...(c.about_org_id ? { orgId: c.about_org_id } : {}) }
      : c.about_org_id
        ? { kind: 'org' as const, orgId: c.about_org_id }
        : null;
    if (!subject)
      throw new AppError(
        'CONFLICT',
        'COMPLAINT_NO_SUBJECT',
        '该投诉未指向具体单位或人员，不能直接生成记录',
        'The complaint names no body or person',
        'id',
      );
    const draft = await createDraft({ ...ctx, db: tx as unknown as Db }, {
      ...record,
      subject,
      linkTo: [],
      payload: { ...record.payload, complaintId: id },
    } as RecordCreateInput);
    recordId = draft.id;
    await tx.execute(sql`update kernel.complaint set record_id = ${draft.id} where id = ${id}`);
    await audit(tx, ctx, 'complaint.to_record', 'complaint', id, { recordId: draft.id });
  });
  return { complaint: await getComplaint(ctx, id), recordId };
}

async function lockComplaint(tx: Queryable, id: string, allowed: string[]) {
  const [c] = await rows<{
    status: string;
    about_org_id: string | null;
    about_person_id: string | null;
    record_id: string | null;
    handling_org_id: string | null;
  }>(
    tx,
    sql`
    select status, about_org_id::text, about_person_id::text, record_id::text, handling_org_id::text from kernel.complaint where id = ${id} for update`,
  );
  if (!c) throw notFound('complaint', '投诉', id);
  if (!allowed.includes(c.status))
    throw new AppError(
      'CONFLICT',
      'COMPLAINT_ILLEGAL_STEP',
      `该投诉当前为“${STATUS_ZH[c.status] ?? c.status}”，不能办理此步骤`,
      `The complaint is ${c.status}`,
      'status',
    );
  return c;
}

/** Named in free text only (no body, no person from the registry): a handler resolves it (待确定被投诉单位). */
const BODY_UNRESOLVED = sql`(c.about_org_id is null and c.about_person_id is null and coalesce(c.about_text, '') <> '')`;

const COLUMNS = sql`c.id, c.receipt_code as "receiptCode", c.category, c.about_org_id as "aboutOrgId", c.about_person_id as "aboutPersonId", c.about_text as "aboutText",
  c.content, c.anonymous, c.complainant_name as "complainantName", c.status, c.handling_org_id as "handlingOrgId", h.name as "handlingOrgName",
  c.filed_on::text as "filedOn", c.triage_due::text as "triageDue", c.handle_due::text as "handleDue", c.provisional, c.triaged_on::text as "triagedOn", c.triage_note as "triageNote",
  c.escalated_on::text as "escalatedOn", c.escalated_to_org_id as "escalatedToOrgId", c.closed_on::text as "closedOn", c.outcome, c.substantiated, c.record_id as "recordId",
  ${BODY_UNRESOLVED} as "bodyUnresolved",
  coalesce((select json_agg(json_build_object('id', a.id, 'filename', a.filename, 'contentType', a.content_type, 'size', a.size) order by a.created_at, a.id)
    from kernel.complaint_attachment a where a.complaint_id = c.id), '[]'::json) as attachments`;
const FROM = sql`kernel.complaint c left join kernel.org_unit h on h.id = c.handling_org_id left join kernel.org_unit e on e.id = c.escalated_to_org_id`;
type Row = Omit<z.infer<typeof complaintOut>, 'overdue' | 'workingDaysLate'>;

// Late on whichever deadline is running: triage while the complaint is received (a referral or a merge closes it at
// triage), then handling once accepted.
const late = (db: Queryable, today: LegalDate, list: Row[]) =>
  withLateness(db, today, list, (c) =>
    c.status === 'received'
      ? { due: c.triageDue, closedOn: null }
      : c.status === 'not_ours' || c.status === 'duplicate'
        ? { due: c.triageDue, closedOn: c.triagedOn }
        : { due: c.handleDue, closedOn: c.closedOn },
  );

/** Open past a running deadline on `day`: still received after the triage deadline, or accepted after the handling one. */
export const complaintOverdueSql = (day: LegalDate, alias = 'c') => {
  const c = sql.raw(alias);
  return sql`((${c}.status = 'received' and ${c}.triage_due < ${day}::date) or (${c}.status = 'accepted' and ${c}.handle_due < ${day}::date))`;
};

export async function getComplaint(ctx: KernelContext, id: string) {
  const list = await rows<Row>(ctx.db, sql`select ${COLUMNS} from ${FROM} where c.id = ${id}`);
  if (!list.length) throw notFound('complaint', '投诉', id);
  return (await late(ctx.db, ctx.today(), list))[0]!;
}

/** Staff queue: complaints handled by, or escalated to, a body in the caller's scope. Contacts are never listed. */
export async function listComplaints(
  ctx: KernelContext,
  input: {
    status?: 'open' | 'closed' | undefined;
    overdueOnly?: boolean | undefined;
    bodyUnresolved?: boolean | undefined;
    limit: number;
  },
  scope: Scope,
) {
  return (await pageComplaints(ctx, input, scope, false)).items;
}

/**
 * The console's list: search, filters, a column order, keyset pages and the total. In scope: complaints the caller's
 * bodies handle or were escalated to; the body filter is the handling body.
 */
export async function pageComplaints(
  ctx: KernelContext,
  input: z.infer<typeof complaintsPageInput> | Parameters<typeof listComplaints>[1],
  scope: Scope,
  count = true,
) {
  const today = ctx.today();
  const f: Partial<z.infer<typeof complaintsPageInput>> & { limit: number } = input;
  const where: SQL[] = [sql`(${scopeSql(scope, sql`h.path`)} or ${scopeSql(scope, sql`e.path`)})`];
  if (f.status === 'open') where.push(sql`c.status in ('received', 'accepted')`);
  if (f.status === 'closed') where.push(sql`c.status not in ('received', 'accepted')`);
  if (f.overdueOnly) where.push(complaintOverdueSql(today));
  if (f.category) where.push(sql`c.category = ${f.category}`);
  if (f.anonymous !== undefined) where.push(sql`c.anonymous = ${f.anonymous}`);
  if (f.bodyUnresolved) where.push(BODY_UNRESOLVED);
  const page = await caseListPage<Row>(
    ctx.db,
    f,
    {
      columns: COLUMNS,
      from: FROM,
      where,
      search: [sql`c.receipt_code`, sql`h.name`, sql`c.about_text`, sql`c.content`, sql`c.outcome`],
      org: { id: sql`c.handling_org_id`, path: sql`h.path` },
      day: sql`c.filed_on`,
      state: sql`c.status`,
      queue: [{ expr: sql`c.handle_due`, type: 'date' }],
      orders: {
        filedOn: [{ expr: sql`c.filed_on`, type: 'date' }],
        handleDue: [{ expr: sql`c.handle_due`, type: 'date' }],
        org: [{ expr: sql`coalesce(h.name, '')`, type: 'text' }],
      },
      id: sql`c.id`,
    },
    count,
  );
  return { ...page, items: await late(ctx.db, today, page.items) };
}

/**
 * Daily: open complaints past their running deadline (not triaged in time, or accepted and not closed in time) go to
 * the handling body's parent for supervision (once).
 */
export async function escalateOverdueComplaints(ctx: KernelContext, day: LegalDate): Promise<number> {
  return write(ctx, async (tx) => {
    const due = await rows<{ id: string; parent: string | null }>(
      tx,
      sql`
      select c.id::text, h.parent_id::text as parent from kernel.complaint c join kernel.org_unit h on h.id = c.handling_org_id
      where ${complaintOverdueSql(day)} and c.escalated_on is null for update of c`,
    );
    for (const c of due) {
      await tx.execute(
        sql`update kernel.complaint set escalated_on = ${day}::date, escalated_to_org_id = coalesce(${c.parent}::uuid, handling_org_id) where id = ${c.id}`,
      );
      await audit(tx, ctx, 'complaint.escalate', 'complaint', c.id, { to: c.parent, on: day });
    }
    return due.length;
  });
}
