import { jsonValue, rows, type Db, type Queryable } from '@chengxin/db';
import { sql, type SQL } from 'drizzle-orm';
import { caseListPage, decisionNoOf } from './case-lists';
import type { z } from 'zod';
import { scopeSql, type Scope } from '../access';
import { recordDigests } from '../audit';
import type { objectionDecideInput, objectionFileInput, objectionOut, objectionsPageInput } from '@chengxin/contract';
import { audit, write, type KernelContext, AppError, badInput, notFound, newId } from '../core';
import { PROCESS_RULES } from './rules';
import type { WorkingCalendar } from '../calendar';
import { lateness, loadCalendar } from '../calendar';
import { filer, notify } from './notifications';
import { correct, transition } from '../records';

const OUTCOME_ZH = { upheld: '维持原记录', corrected: '予以更正', revoked: '撤销记录' } as const;

/**
 * 异议. Filing marks the record disputed at once (so the 1-working-day marking deadline is met by construction, and
 * recorded); a reviewer decides by the deadline, once extendable with a reason: upheld (the record stands), corrected
 * (a new version), or revoked. Every step is one transaction with its audit entry.
 */
export async function fileObjection(ctx: KernelContext, input: z.infer<typeof objectionFileInput>) {
  const cal = await loadCalendar(ctx.db);
  const filedOn = ctx.today();
  const id = newId();
  await write(ctx, async (tx) => {
    const [rec] = await rows<{ status: string; disputed: boolean }>(
      tx,
      sql`select status, disputed from kernel.credit_record where id = ${input.recordId} for update`,
    );
    if (!rec) throw notFound('record', '记录', input.recordId);
    // Regional credit regulations let a subject object to an error in the collection, sharing or use of its
    // information, not only in what is published: any confirmed state a decision can still act on.
    if (!OBJECTION_STATES.includes(rec.status))
      throw new AppError(
        'CONFLICT',
        'OBJECTION_RECORD_STATE',
        rec.status === 'revoked'
          ? '该记录已撤销，无需提出异议'
          : rec.status === 'archived'
            ? '该记录已归档，不能提出异议'
            : '记录尚未审核通过，请通过审核退回更正，不能提出异议',
        `A ${rec.status} record cannot be disputed (approved, published, expired or repaired only)`,
        'recordId',
      );
    const item = input.exchangeItem ? await exchangeItem(tx, input.recordId, input.exchangeItem) : null;
    const concerns = input.concerns ?? (item ? 'sharing' : rec.status === 'published' ? 'publication' : 'collection');
    const [open] = await rows<{ id: string }>(
      tx,
      sql`select id from kernel.objection where record_id = ${input.recordId} and status <> 'decided'`,
    );
    if (open)
      throw new AppError(
        'CONFLICT',
        'OBJECTION_OPEN',
        '该记录已有正在处理的异议',
        `Objection ${open.id} is still open for this record`,
        'recordId',
      );
    const before = (await recordDigests(tx, [input.recordId])).get(input.recordId);
    await tx.execute(
      sql`update kernel.credit_record set disputed = true, updated_at = now() where id = ${input.recordId}`,
    );
    const mark = cal.addWorkingDays(filedOn, PROCESS_RULES.objectionMark.workingDays);
    const decide = cal.addWorkingDays(filedOn, PROCESS_RULES.objectionDecide.workingDays);
    const [markDue, decideDue] = [mark.date, decide.date];
    await tx.execute(sql`insert into kernel.objection (id, record_id, applicant_kind, applicant_name, applicant_contact, reasons, evidence, status, filed_on, mark_due, marked_on, decide_due, provisional, rules, created_by,
        concerns, exchange_channel, exchange_seq, exchange_batch_no)
      values (${id}, ${input.recordId}, ${input.applicantKind}, ${input.applicantName}, ${input.applicantContact ?? null}, ${input.reasons}, ${JSON.stringify(input.evidence)}::jsonb,
        'under_review', ${filedOn}::date, ${markDue}::date, ${filedOn}::date, ${decideDue}::date, ${mark.provisional || decide.provisional},
        ${JSON.stringify([PROCESS_RULES.objectionMark.id, PROCESS_RULES.objectionDecide.id])}::jsonb, ${ctx.actor?.id ?? null}::uuid,
        ${concerns}, ${item?.channel ?? null}, ${item?.seq ?? null}::bigint, ${item?.batchNo ?? null}::int)`);
    const after = (await recordDigests(tx, [input.recordId])).get(input.recordId);
    await audit(tx, ctx, 'record.dispute', 'credit_record', input.recordId, { objectionId: id }, { before, after });
    await audit(tx, ctx, 'objection.file', 'objection', id, {
      recordId: input.recordId,
      applicantKind: input.applicantKind,
      filedOn,
      decideDue,
      concerns,
      exchangeItem: item,
    });
  });
  return getObjection(ctx.db, ctx, id);
}

/** The states an objection may be filed in: confirmed and still open to correction or revocation. */
const OBJECTION_STATES = ['approved', 'published', 'expired', 'repaired'];

/** The exchanged item must be a change-log entry of this record; the batch that carried it is recorded, if any. */
async function exchangeItem(tx: Queryable, recordId: string, item: { channel: string; seq: number }) {
  const [c] = await rows<{ record_id: string; batch_no: number | null }>(
    tx,
    sql`select c.record_id::text, (select b.batch_no from kernel.exchange_batch b where b.channel = c.channel and c.seq between b.from_seq and b.to_seq limit 1) as batch_no
    from kernel.exchange_change c where c.channel = ${item.channel} and c.seq = ${item.seq}`,
  );
  if (!c || c.record_id !== recordId)
    throw badInput(
      'OBJECTION_ITEM_NOT_FOUND',
      'exchangeItem.seq',
      '所指的报送或共享条目不存在，或不属于该记录',
      'No such exchanged item of this record',
    );
  return { channel: item.channel, seq: item.seq, batchNo: c.batch_no === null ? null : Number(c.batch_no) };
}

/** Once, with the reason, and only while the deadline has not passed (an overdue case cannot be made on time afterwards). */
export async function extendObjection(ctx: KernelContext, id: string, reason: string) {
  const cal = await loadCalendar(ctx.db);
  const today = ctx.today();
  await write(ctx, async (tx) => {
    const o = await lockOpen(tx, id);
    if (o.extension_reason)
      throw new AppError(
        'CONFLICT',
        'OBJECTION_ALREADY_EXTENDED',
        '异议处理期限只能延长一次',
        'The deadline can be extended once',
        'id',
      );
    if (today > o.decide_due) {
      throw new AppError(
        'CONFLICT',
        'OBJECTION_OVERDUE',
        `处理期限已于${o.decide_due}届满，不能再延长`,
        `The deadline passed on ${o.decide_due}; an overdue objection cannot be extended`,
        'id',
      );
    }
    const extended = cal.addWorkingDays(o.decide_due, PROCESS_RULES.objectionExtension.workingDays);
    const decideDue = extended.date;
    await tx.execute(sql`update kernel.objection set status = 'extended', decide_due = ${decideDue}::date, extension_reason = ${reason}, provisional = provisional or ${extended.provisional},
      rules = rules || ${JSON.stringify([PROCESS_RULES.objectionExtension.id])}::jsonb where id = ${id}`);
    await audit(tx, ctx, 'objection.extend', 'objection', id, { decideDue, reason });
  });
  return getObjection(ctx.db, ctx, id);
}

async function lockOpen(tx: Queryable, id: string) {
  const [o] = await rows<{ record_id: string; status: string; decide_due: string; extension_reason: string | null }>(
    tx,
    sql`
    select record_id, status, decide_due::text, extension_reason from kernel.objection where id = ${id} for update`,
  );
  if (!o) throw notFound('objection', '异议', id);
  if (o.status === 'decided')
    throw new AppError('CONFLICT', 'OBJECTION_DECIDED', '该异议已处理完毕', 'The objection is already decided', 'id');
  return o;
}

/**
 * The decision, as one transaction: the correction or revocation it leads to (run inside it, as savepoints), the
 * disputed mark lifted, and the applicant's answer (outcome and reason) on the case.
 */
export async function decideObjection(ctx: KernelContext, input: z.infer<typeof objectionDecideInput>) {
  await write(ctx, async (tx) => {
    const inner: KernelContext = { ...ctx, db: tx as unknown as Db };
    const o = await lockOpen(tx, input.id);
    if (input.outcome === 'corrected') {
      if (!input.changes || !input.expectedVersion)
        throw badInput(
          'CHANGES_REQUIRED',
          'changes',
          '更正须填写更正内容和当前版本号',
          'A correction needs changes and expectedVersion',
        );
      await correct(inner, {
        recordId: o.record_id,
        expectedVersion: input.expectedVersion,
        changes: input.changes,
        reason: `异议更正：${input.reason}`,
      });
    }
    if (input.outcome === 'revoked') await transition(inner, 'revoke', o.record_id, `异议成立，撤销：${input.reason}`);
    const before = (await recordDigests(tx, [o.record_id])).get(o.record_id);
    await tx.execute(
      sql`update kernel.credit_record set disputed = false, updated_at = now() where id = ${o.record_id}`,
    );
    await tx.execute(sql`update kernel.objection set status = 'decided', outcome = ${input.outcome}, outcome_reason = ${input.reason},
      decided_on = ${ctx.today()}::date, decided_by = ${ctx.actor?.id ?? null}::uuid where id = ${input.id}`);
    const after = (await recordDigests(tx, [o.record_id])).get(o.record_id);
    await audit(
      tx,
      ctx,
      'record.undispute',
      'credit_record',
      o.record_id,
      { objectionId: input.id },
      { before, after },
    );
    await audit(tx, ctx, 'objection.decide', 'objection', input.id, { outcome: input.outcome, reason: input.reason });
    const userId = await filer(tx, 'objection', input.id);
    if (userId)
      await notify(tx, [
        {
          userId,
          kind: 'outcome',
          titleZh: '异议处理结果',
          bodyZh: `您登记的异议已处理：${OUTCOME_ZH[input.outcome]}。理由：${input.reason}`,
          entity: 'objection',
          entityId: input.id,
        },
      ]);
  });
  return getObjection(ctx.db, ctx, input.id);
}

const OBJECTION_COLUMNS = sql`o.id, o.record_id as "recordId", o.applicant_kind as "applicantKind", o.applicant_name as "applicantName", o.reasons, o.evidence,
  o.status, o.concerns, case when o.exchange_seq is null then null else json_build_object('channel', o.exchange_channel, 'seq', o.exchange_seq, 'batchNo', o.exchange_batch_no) end as "exchangeItem", o.filed_on::text as "filedOn", o.mark_due::text as "markDue", o.marked_on::text as "markedOn", o.decide_due::text as "decideDue",
  o.provisional, o.extension_reason as "extensionReason", o.outcome, o.outcome_reason as "outcomeReason", o.decided_on::text as "decidedOn",
  r.org_id as "orgId", og.name as "orgName", ${decisionNoOf('r')} as "recordDecisionNo", r.type_key as "recordTypeKey"`;
const OBJECTION_FROM = sql`kernel.objection o join kernel.credit_record r on r.id = o.record_id join kernel.org_unit og on og.id = r.org_id`;

type ObjectionOut = z.infer<typeof objectionOut>;
type ObjectionRow = Omit<ObjectionOut, 'overdue' | 'workingDaysLate' | 'evidence' | 'exchangeItem'> & {
  evidence: unknown;
  exchangeItem: unknown;
};
function withDeadline(o: ObjectionRow, cal: WorkingCalendar, today: string): ObjectionOut {
  const evidence = jsonValue(o.evidence) as ObjectionOut['evidence'];
  const item = jsonValue<{ channel: string; seq: number | string; batchNo: number | null } | null>(o.exchangeItem);
  const exchangeItem = item ? { channel: item.channel, seq: Number(item.seq), batchNo: item.batchNo } : null;
  return { ...o, evidence, exchangeItem, ...lateness(cal, o.decideDue, o.decidedOn, today) };
}

export async function getObjection(db: Queryable, ctx: KernelContext, id: string) {
  const [o] = await rows<ObjectionRow>(db, sql`select ${OBJECTION_COLUMNS} from ${OBJECTION_FROM} where o.id = ${id}`);
  if (!o) throw notFound('objection', '异议', id);
  return withDeadline(o, await loadCalendar(db), ctx.today());
}

/** The queue: open first by deadline, filtered by the caller's scope in SQL (the first page of `pageObjections`). */
export async function listObjections(
  ctx: KernelContext,
  input: {
    status?: 'open' | 'decided' | undefined;
    overdueOnly?: boolean | undefined;
    recordId?: string | undefined;
    limit: number;
  },
  scope: Scope,
) {
  return (await pageObjections(ctx, input, scope, false)).items;
}

/** The console's list: search, filters, a column order, keyset pages and the total. */
export async function pageObjections(
  ctx: KernelContext,
  input: z.infer<typeof objectionsPageInput> | Parameters<typeof listObjections>[1],
  scope: Scope,
  count = true,
) {
  const today = ctx.today();
  const f: Partial<z.infer<typeof objectionsPageInput>> & { limit: number } = input;
  const where: SQL[] = [scopeSql(scope, sql`og.path`)];
  if (f.status === 'open') where.push(sql`o.status <> 'decided'`);
  if (f.status === 'decided') where.push(sql`o.status = 'decided'`);
  if (f.overdueOnly) where.push(sql`o.status <> 'decided' and o.decide_due < ${today}::date`);
  if (f.recordId) where.push(sql`o.record_id = ${f.recordId}`);
  if (f.typeKey) where.push(sql`r.type_key = ${f.typeKey}`);
  if (f.channel === 'exchange') where.push(sql`o.exchange_seq is not null`);
  if (f.channel === 'direct') where.push(sql`o.exchange_seq is null`);
  const page = await caseListPage<ObjectionRow>(
    ctx.db,
    f,
    {
      columns: OBJECTION_COLUMNS,
      from: OBJECTION_FROM,
      where,
      search: [sql`og.name`, decisionNoOf('r'), sql`o.applicant_name`, sql`o.reasons`, sql`o.outcome_reason`],
      org: { id: sql`r.org_id`, path: sql`og.path` },
      day: sql`o.filed_on`,
      state: sql`o.status`,
      queue: [
        { expr: sql`(o.status = 'decided')`, type: 'bool' },
        { expr: sql`o.decide_due`, type: 'date' },
      ],
      orders: {
        filedOn: [{ expr: sql`o.filed_on`, type: 'date' }],
        decideDue: [{ expr: sql`o.decide_due`, type: 'date' }],
        org: [{ expr: sql`og.name`, type: 'text' }],
      },
      id: sql`o.id`,
    },
    count,
  );
  const cal = await loadCalendar(ctx.db);
  return { ...page, items: page.items.map((o) => withDeadline(o, cal, today)) };
}
