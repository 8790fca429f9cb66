import { rows, type Db, type Queryable } from '@chengxin/db';
import { sql, type SQL } from 'drizzle-orm';
import { caseListPage, decisionNoOf } from './case-lists';
import type { z } from 'zod';
import { scopeSql, type Scope } from '../access';
import type { repairFileInput, repairOut, repairsPageInput } from '@chengxin/contract';
import { audit, write, type KernelContext, AppError, notFound, newId } from '../core';
import { recordType, transition, transitionMany } from '../records';
import { PROCESS_RULES, REPAIR_RULE } from './rules';
import { loadCalendar, withLateness } from '../calendar';
import { filer, notify } from './notifications';

/**
 * 信用修复. Filed after the minimum publication period with proof that the obligation was met and a signed credit
 * promise; decided by the deadline. Approval ends publication early (the record stays, marked repaired); a broken
 * promise restores publication until the original maximum.
 */
export async function fileRepair(ctx: KernelContext, input: z.infer<typeof repairFileInput>) {
  const cal = await loadCalendar(ctx.db);
  const filedOn = ctx.today();
  const id = newId();
  await write(ctx, async (tx) => {
    const [rec] = await rows<{ status: string; type_key: string; min_end: string | null; max_end: string | null }>(
      tx,
      sql`
      select r.status, r.type_key, r.publication_min_end::text as min_end, r.publication_max_end::text as max_end
      from kernel.current_record r where r.id = ${input.recordId} for update of r`,
    );
    if (!rec) throw notFound('record', '记录', input.recordId);
    if (!recordType(rec.type_key)?.repairable)
      throw new AppError(
        'CONFLICT',
        'REPAIR_NOT_ALLOWED',
        '此类记录不适用信用修复',
        `Records of type ${rec.type_key} cannot be repaired`,
        'recordId',
      );
    if (rec.status !== 'published')
      throw new AppError(
        'CONFLICT',
        'REPAIR_NOT_PUBLISHED',
        '只有正在公示的记录可以申请信用修复',
        'Only a published record can be repaired',
        'recordId',
      );
    if (rec.min_end && filedOn < rec.min_end) {
      throw new AppError(
        'CONFLICT',
        'REPAIR_TOO_EARLY',
        `最短公示期至${rec.min_end}届满，届满后方可申请信用修复`,
        `Repair may be applied for from ${rec.min_end}, when the minimum publication period ends`,
        'recordId',
      );
    }
    const [open] = await rows<{ id: string }>(
      tx,
      sql`select id from kernel.repair where record_id = ${input.recordId} and status = 'under_review'`,
    );
    if (open)
      throw new AppError(
        'CONFLICT',
        'REPAIR_OPEN',
        '该记录已有正在审核的信用修复申请',
        `Repair ${open.id} is still under review`,
        'recordId',
      );
    const { date: decideDue, provisional } = cal.addWorkingDays(filedOn, PROCESS_RULES.repairDecide.workingDays);
    await tx.execute(sql`insert into kernel.repair (id, record_id, applicant_name, proof, promise_signed, status, filed_on, decide_due, provisional, rules, created_by)
      values (${id}, ${input.recordId}, ${input.applicantName}, ${input.proof}, true, 'under_review', ${filedOn}::date, ${decideDue}::date, ${provisional},
        ${JSON.stringify([REPAIR_RULE.id, PROCESS_RULES.repairDecide.id])}::jsonb, ${ctx.actor?.id ?? null}::uuid)`);
    await audit(tx, ctx, 'repair.file', 'repair', id, { recordId: input.recordId, filedOn, decideDue });
  });
  return getRepair(ctx, id);
}

/** Approve (publication ends today, as one transaction with the record's move) or reject with the reason. */
export async function decideRepair(ctx: KernelContext, id: string, approve: boolean, reason: string) {
  await write(ctx, async (tx) => {
    const [r] = await rows<{ record_id: string; status: string }>(
      tx,
      sql`select record_id, status from kernel.repair where id = ${id} for update`,
    );
    if (!r) throw notFound('repair', '信用修复申请', id);
    if (r.status !== 'under_review')
      throw new AppError('CONFLICT', 'REPAIR_DECIDED', '该申请已处理', 'The application is already decided', 'id');
    if (approve) await transition({ ...ctx, db: tx as unknown as Db }, 'repair', r.record_id, `信用修复：${reason}`);
    await tx.execute(sql`update kernel.repair set status = ${approve ? 'approved' : 'rejected'}, decided_on = ${ctx.today()}::date, decided_by = ${ctx.actor?.id ?? null}::uuid,
      decision_reason = ${reason} where id = ${id}`);
    await audit(tx, ctx, approve ? 'repair.approve' : 'repair.reject', 'repair', id, { recordId: r.record_id, reason });
    const userId = await filer(tx, 'repair', id);
    if (userId)
      await notify(tx, [
        {
          userId,
          kind: 'outcome',
          titleZh: '信用修复审核结果',
          bodyZh: `您登记的信用修复申请${approve ? '已批准，相关信息停止公示' : '未获批准'}。理由：${reason}`,
          entity: 'repair',
          entityId: id,
        },
      ]);
  });
  return getRepair(ctx, id);
}

/**
 * The credit promise was broken: publication is restored until the original maximum end. When that end has already
 * passed, the restored record expires at once (in the same transaction, dated today) instead of showing as published
 * until the next daily job.
 */
export async function breakRepairPromise(ctx: KernelContext, id: string, reason: string) {
  const today = ctx.today();
  await write(ctx, async (tx) => {
    const [r] = await rows<{ record_id: string; status: string; max_end: string | null }>(
      tx,
      sql`
      select p.record_id, p.status, c.publication_max_end::text as max_end from kernel.repair p join kernel.current_record c on c.id = p.record_id
      where p.id = ${id} for update of p`,
    );
    if (!r) throw notFound('repair', '信用修复申请', id);
    if (r.status !== 'approved')
      throw new AppError(
        'CONFLICT',
        'REPAIR_NOT_APPROVED',
        '只有已批准的信用修复可认定违反承诺',
        'Only an approved repair can have its promise broken',
        'id',
      );
    const inner: KernelContext = { ...ctx, db: tx as unknown as Db };
    await transition(inner, 'restore', r.record_id, `违反信用承诺，恢复公示：${reason}`);
    if (r.max_end && r.max_end <= today)
      await transitionMany(inner, 'expire', [r.record_id], `恢复公示时最长公示期已于${r.max_end}届满，停止公示`, [
        today,
      ]);
    await tx.execute(
      sql`update kernel.repair set status = 'promise_broken', promise_broken_on = ${ctx.today()}::date where id = ${id}`,
    );
    await audit(tx, ctx, 'repair.promise_broken', 'repair', id, { recordId: r.record_id, reason });
  });
  return getRepair(ctx, id);
}

const REPAIR_COLUMNS = sql`p.id, p.record_id as "recordId", p.applicant_name as "applicantName", p.proof, p.promise_signed as "promiseSigned", p.status,
  p.filed_on::text as "filedOn", p.decide_due::text as "decideDue", p.provisional, p.decided_on::text as "decidedOn", p.decision_reason as "decisionReason",
  p.promise_broken_on::text as "promiseBrokenOn", r.org_id as "orgId", og.name as "orgName", ${decisionNoOf('r')} as "recordDecisionNo", r.type_key as "recordTypeKey"`;
const REPAIR_FROM = sql`kernel.repair p join kernel.credit_record r on r.id = p.record_id join kernel.org_unit og on og.id = r.org_id`;
type RepairRow = Omit<z.infer<typeof repairOut>, 'overdue' | 'workingDaysLate'>;

const withDeadlines = (db: Queryable, today: string, list: RepairRow[]) =>
  withLateness(db, today, list, (p) => ({ due: p.decideDue, closedOn: p.decidedOn }));

export async function getRepair(ctx: KernelContext, id: string) {
  const list = await rows<RepairRow>(ctx.db, sql`select ${REPAIR_COLUMNS} from ${REPAIR_FROM} where p.id = ${id}`);
  if (!list.length) throw notFound('repair', '信用修复申请', id);
  return (await withDeadlines(ctx.db, ctx.today(), list))[0]!;
}

export async function listRepairs(
  ctx: KernelContext,
  input: { status?: 'open' | 'decided' | undefined; limit: number },
  scope: Scope,
) {
  return (await pageRepairs(ctx, input, scope, false)).items;
}

/** The console's list: search, filters, a column order, keyset pages and the total (open first by deadline). */
export async function pageRepairs(
  ctx: KernelContext,
  input: z.infer<typeof repairsPageInput> | Parameters<typeof listRepairs>[1],
  scope: Scope,
  count = true,
) {
  const f: Partial<z.infer<typeof repairsPageInput>> & { limit: number } = input;
  const where: SQL[] = [scopeSql(scope, sql`og.path`)];
  if (f.status === 'open') where.push(sql`p.status = 'under_review'`);
  if (f.status === 'decided') where.push(sql`p.status <> 'under_review'`);
  if (f.typeKey) where.push(sql`r.type_key = ${f.typeKey}`);
  const page = await caseListPage<RepairRow>(
    ctx.db,
    f,
    {
      columns: REPAIR_COLUMNS,
      from: REPAIR_FROM,
      where,
      search: [sql`og.name`, decisionNoOf('r'), sql`p.applicant_name`, sql`p.decision_reason`],
      org: { id: sql`r.org_id`, path: sql`og.path` },
      day: sql`p.filed_on`,
      state: sql`p.status`,
      queue: [
        { expr: sql`(p.status <> 'under_review')`, type: 'bool' },
        { expr: sql`p.decide_due`, type: 'date' },
      ],
      orders: {
        filedOn: [{ expr: sql`p.filed_on`, type: 'date' }],
        decideDue: [{ expr: sql`p.decide_due`, type: 'date' }],
        org: [{ expr: sql`og.name`, type: 'text' }],
      },
      id: sql`p.id`,
    },
    count,
  );
  return { ...page, items: await withDeadlines(ctx.db, ctx.today(), page.items) };
}
