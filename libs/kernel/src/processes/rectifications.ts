import { rows, type Queryable } from '@chengxin/db';
import { sql, type SQL } from 'drizzle-orm';
import { caseListPage } from './case-lists';
import { appendAudit } from '../audit';
import type { z } from 'zod';
import { scopeSql, type Scope } from '../access';
import type { accountabilityOut, rectificationOut, rectificationsPageInput, LegalDate } from '@chengxin/contract';
import { audit, write, type KernelContext, AppError, badInput, notFound, newId } from '../core';
import { PROCESS_RULES } from './rules';
import { loadCalendar, withLateness } from '../calendar';

/** Cases opened per transaction. */
const CHUNK = 5000;

/**
 * 限期整改 and 主要负责人问责, opened by the daily job for every published dishonesty record of a body: the body
 * explains in writing with a plan, completes with evidence, and a reviewer verifies (or sends it back). Overdue
 * rectifications escalate once; each principal official in post on the decision date gets an accountability task.
 * When a record is revoked or repaired, its open rectification and accountability tasks are cancelled with the reason,
 * and a repair application left under review on a record that is no longer published is cancelled too.
 * Works in chunks (each one transaction with its audit entries) until nothing is left.
 */
export async function openConsequences(
  ctx: KernelContext,
  day: LegalDate,
): Promise<{ rectifications: number; accountability: number; escalated: number; cancelled: number }> {
  const cal = await loadCalendar(ctx.db);
  const explanation = cal.addWorkingDays(day, PROCESS_RULES.rectificationExplain.workingDays);
  const cancelled = await cancelMootTasks(ctx, day);
  let rectifications = 0;
  for (;;) {
    const n = await write(ctx, async (tx) => {
      const due = await rows<{ id: string; org_id: string }>(
        tx,
        sql`
        select r.id::text, r.org_id::text from kernel.credit_record r
        where r.subject_kind = 'org' and r.polarity = 'dishonesty' and r.status = 'published'
          and not exists (select 1 from kernel.rectification x where x.record_id = r.id) order by r.id limit ${CHUNK}`,
      );
      if (!due.length) return 0;
      const ids = due.map(() => newId());
      await tx.execute(sql`insert into kernel.rectification (id, record_id, org_id, status, required_on, explanation_due, provisional)
        select id, record_id, org_id, 'awaiting_explanation', ${day}::date, ${explanation.date}::date, ${explanation.provisional}
        from unnest(${sql.param(ids)}::uuid[], ${sql.param(due.map((r) => r.id))}::uuid[], ${sql.param(due.map((r) => r.org_id))}::uuid[]) as t(id, record_id, org_id)`);
      await appendAudit(
        tx,
        ctx.actor,
        due.map((r, i) => ({
          action: 'rectification.require',
          entity: 'rectification',
          entityId: ids[i]!,
          detail: { recordId: r.id, explanationDue: explanation.date },
        })),
      );
      return due.length;
    });
    if (n === 0) break;
    rectifications += n;
  }
  let accountability = 0;
  for (;;) {
    const n = await write(ctx, async (tx) => {
      const principals = await rows<{ record_id: string; person_id: string; tenure_id: string }>(
        tx,
        sql`
        select r.id::text as record_id, t.person_id::text, t.id::text as tenure_id
        from kernel.current_record r
        join kernel.tenure t on t.org_id = r.org_id and t.start_date <= r.decision_date and (t.end_date is null or t.end_date >= r.decision_date)
        join kernel.post p on p.id = t.post_id and p.principal
        where r.subject_kind = 'org' and r.polarity = 'dishonesty' and r.status = 'published'
          and not exists (select 1 from kernel.self_correction s where s.record_id = r.id and s.granted
            and s.measures @> '[{"measure":"accountability","effect":"waived"}]'::jsonb)
          and not exists (select 1 from kernel.accountability_task a where a.record_id = r.id and a.tenure_id = t.id) order by r.id, t.id limit ${CHUNK}`,
      );
      if (!principals.length) return 0;
      const ids = principals.map(() => newId());
      await tx.execute(sql`insert into kernel.accountability_task (id, record_id, person_id, tenure_id, status, opened_on)
        select id, record_id, person_id, tenure_id, 'open', ${day}::date
        from unnest(${sql.param(ids)}::uuid[], ${sql.param(principals.map((p) => p.record_id))}::uuid[], ${sql.param(principals.map((p) => p.person_id))}::uuid[],
          ${sql.param(principals.map((p) => p.tenure_id))}::uuid[]) as t(id, record_id, person_id, tenure_id)`);
      await appendAudit(
        tx,
        ctx.actor,
        principals.map((p, i) => ({
          action: 'accountability.open',
          entity: 'accountability_task',
          entityId: ids[i]!,
          detail: { recordId: p.record_id, personId: p.person_id },
        })),
      );
      return principals.length;
    });
    if (n === 0) break;
    accountability += n;
  }
  const escalated = await write(ctx, async (tx) => {
    const overdue = await rows<{ id: string }>(
      tx,
      sql`update kernel.rectification set escalated_on = ${day}::date where escalated_on is null and (
      (status = 'awaiting_explanation' and explanation_due < ${day}::date) or (status = 'in_progress' and completion_due < ${day}::date)) returning id::text`,
    );
    await appendAudit(
      tx,
      ctx.actor,
      overdue.map((o) => ({
        action: 'rectification.escalate',
        entity: 'rectification',
        entityId: o.id,
        detail: { on: day },
      })),
    );
    return overdue.length;
  });
  return { rectifications, accountability, escalated, cancelled };
}

const RECORD_GONE_ZH: Record<string, string> = {
  revoked: '信用记录已撤销',
  repaired: '信用记录已信用修复',
  expired: '信用记录公示期已满',
  archived: '信用记录已归档',
};

/**
 * Cases a record no longer needs, closed on `day` with the reason: open rectification and accountability tasks of a
 * record that was revoked (ever: a revoked record later archived counts) or is repaired; repair applications still
 * under review on a record that is no longer published (they could never be approved).
 */
async function cancelMootTasks(ctx: KernelContext, day: LegalDate): Promise<number> {
  const revokedEver = sql`exists (select 1 from kernel.record_event e where e.record_id = r.id and e.to_status = 'revoked')`;
  const gone = sql`(case when ${revokedEver} then 'revoked' else r.status end)`;
  return write(ctx, async (tx) => {
    const rects = await rows<{ id: string; record_id: string; reason: string }>(
      tx,
      sql`
      update kernel.rectification x set status = 'cancelled', cancelled_on = ${day}::date, cancel_reason = ${reasonSql(gone, '，整改任务终止')}
      from kernel.credit_record r
      where r.id = x.record_id and x.status in ('awaiting_explanation', 'in_progress', 'completed') and (r.status = 'repaired' or ${revokedEver})
      returning x.id::text, r.id::text as record_id, x.cancel_reason as reason`,
    );
    const tasks = await rows<{ id: string; record_id: string; reason: string }>(
      tx,
      sql`
      update kernel.accountability_task a set status = 'cancelled', closed_on = ${day}::date, outcome = ${reasonSql(gone, '，问责任务终止')}
      from kernel.credit_record r
      where r.id = a.record_id and a.status = 'open' and (r.status = 'repaired' or ${revokedEver})
      returning a.id::text, r.id::text as record_id, a.outcome as reason`,
    );
    const repairs = await rows<{ id: string; record_id: string; reason: string }>(
      tx,
      sql`
      update kernel.repair p set status = 'cancelled', decided_on = ${day}::date, decided_by = ${ctx.actor?.id ?? null}::uuid, decision_reason = ${reasonSql(gone, '，信用修复申请终止')}
      from kernel.credit_record r
      where r.id = p.record_id and p.status = 'under_review' and r.status <> 'published'
      returning p.id::text, r.id::text as record_id, p.decision_reason as reason`,
    );
    await appendAudit(tx, ctx.actor, [
      ...rects.map((c) => ({
        action: 'rectification.cancel',
        entity: 'rectification',
        entityId: c.id,
        detail: { recordId: c.record_id, reason: c.reason, on: day },
      })),
      ...tasks.map((c) => ({
        action: 'accountability.cancel',
        entity: 'accountability_task',
        entityId: c.id,
        detail: { recordId: c.record_id, reason: c.reason, on: day },
      })),
      ...repairs.map((c) => ({
        action: 'repair.cancel',
        entity: 'repair',
        entityId: c.id,
        detail: { recordId: c.record_id, reason: c.reason, on: day },
      })),
    ]);
    return rects.length + tasks.length + repairs.length;
  });
}

const reasonSql = (status: SQL, tail: string) =>
  sql`(case ${status} ${sql.join(
    Object.entries(RECORD_GONE_ZH).map(([k, zh]) => sql`when ${k} then ${zh + tail}`),
    sql` `,
  )} else ${'信用记录状态已变更' + tail} end)::text`;

async function lock(tx: Queryable, id: string, allowed: string[]) {
  const [r] = await rows<{ status: string; explained_on: string | null }>(
    tx,
    sql`select status, explained_on::text from kernel.rectification where id = ${id} for update`,
  );
  if (!r) throw notFound('rectification', '整改', id);
  if (!allowed.includes(r.status))
    throw new AppError(
      'CONFLICT',
      'RECTIFICATION_ILLEGAL_STEP',
      `整改当前状态为“${STATUS_ZH[r.status] ?? r.status}”，不能办理此步骤`,
      `The rectification is ${r.status}`,
      'id',
    );
  return r;
}

const STATUS_ZH: Record<string, string> = {
  awaiting_explanation: '待书面说明',
  in_progress: '整改中',
  completed: '已完成待核验',
  verified: '已核验',
  cancelled: '已终止',
};

/** The explanation and plan; the plan may set its own completion date, after today and at most rectification.complete-max working days on. */
export async function explainRectification(
  ctx: KernelContext,
  input: {
    id: string;
    explanation: string;
    plan: string;
    completionDue?: LegalDate | undefined;
    mitigation?: string | undefined;
  },
) {
  // The free-text 主动自新 note changed nothing; self-correction is now its own process with a decision (plan 二.5).
  if (input.mitigation !== undefined)
    throw badInput(
      'MITIGATION_MOVED',
      'mitigation',
      '主动自新情况请通过“主动自新申请”提交并由审查人员作出决定（从轻或免于实施惩戒措施）',
      'Self-correction is filed as its own application (kernel.selfCorrections.file) and decided by a reviewer',
    );
  const cal = await loadCalendar(ctx.db);
  const today = ctx.today();
  const computed = input.completionDue
    ? null
    : cal.addWorkingDays(today, PROCESS_RULES.rectificationComplete.workingDays);
  const completionDue = input.completionDue ?? computed!.date;
  if (completionDue <= today)
    throw badInput(
      'COMPLETION_DUE_INVALID',
      'completionDue',
      '整改完成期限应晚于今天',
      'completionDue must be after today',
    );
  const latest = cal.addWorkingDays(today, PROCESS_RULES.rectificationCompleteMax.workingDays).date;
  if (completionDue > latest) {
    throw badInput(
      'COMPLETION_DUE_TOO_LATE',
      'completionDue',
      `整改完成期限不得晚于${latest}（提交方案后第${PROCESS_RULES.rectificationCompleteMax.workingDays}个工作日）`,
      `completionDue may be at most ${latest} (${PROCESS_RULES.rectificationCompleteMax.workingDays} working days after the plan)`,
    );
  }
  await write(ctx, async (tx) => {
    await lock(tx, input.id, ['awaiting_explanation']);
    await tx.execute(sql`update kernel.rectification set status = 'in_progress', explanation = ${input.explanation}, plan = ${input.plan}, explained_on = ${today}::date,
      completion_due = ${completionDue}::date, provisional = provisional or ${computed?.provisional ?? false} where id = ${input.id}`);
    await audit(tx, ctx, 'rectification.explain', 'rectification', input.id, { completionDue });
  });
  return getRectification(ctx, input.id);
}

export async function completeRectification(ctx: KernelContext, id: string, evidence: string) {
  await write(ctx, async (tx) => {
    await lock(tx, id, ['in_progress']);
    await tx.execute(
      sql`update kernel.rectification set status = 'completed', evidence = ${evidence}, completed_on = ${ctx.today()}::date where id = ${id}`,
    );
    await audit(tx, ctx, 'rectification.complete', 'rectification', id, {});
  });
  return getRectification(ctx, id);
}

/** Verified, or sent back to work with the reviewer's note. */
export async function verifyRectification(ctx: KernelContext, id: string, accepted: boolean, note: string) {
  await write(ctx, async (tx) => {
    await lock(tx, id, ['completed']);
    await tx.execute(sql`update kernel.rectification set status = ${accepted ? 'verified' : 'in_progress'}, verified_on = ${accepted ? ctx.today() : null}::date,
      verification_note = ${note}, completed_on = ${accepted ? sql`completed_on` : sql`null`} where id = ${id}`);
    await audit(tx, ctx, accepted ? 'rectification.verify' : 'rectification.send_back', 'rectification', id, { note });
  });
  return getRectification(ctx, id);
}

/** The decision number of the rectification's record (none for an inspection finding). */
const RECORD_DECISION_NO = sql`(select v.decision_no from kernel.credit_record cr join kernel.credit_record_version v on v.record_id = cr.id and v.version = cr.current_version where cr.id = x.record_id)`;
const COLUMNS = sql`x.id, x.record_id as "recordId", x.finding_id as "findingId", x.org_id as "orgId", o.name as "orgName", x.status, x.required_on::text as "requiredOn",
  x.explanation_due::text as "explanationDue", x.provisional, x.explanation, x.plan, x.explained_on::text as "explainedOn", x.completion_due::text as "completionDue",
  x.evidence, x.completed_on::text as "completedOn", x.verified_on::text as "verifiedOn", x.verification_note as "verificationNote", x.mitigation,
  x.escalated_on::text as "escalatedOn", x.cancelled_on::text as "cancelledOn", x.cancel_reason as "cancelReason",
  ${RECORD_DECISION_NO} as "recordDecisionNo"`;
type Row = Omit<z.infer<typeof rectificationOut>, 'overdue' | 'workingDaysLate'>;

// Late on whichever deadline is running: the explanation first, then completion; a cancelled case stopped running the day it was cancelled.
const late = (db: Queryable, today: LegalDate, list: Row[]) =>
  withLateness(db, today, list, (x) =>
    x.explainedOn === null
      ? { due: x.explanationDue, closedOn: x.cancelledOn }
      : { due: x.completionDue, closedOn: x.completedOn ?? x.cancelledOn },
  );

export async function getRectification(ctx: KernelContext, id: string) {
  const list = await rows<Row>(
    ctx.db,
    sql`select ${COLUMNS} from kernel.rectification x join kernel.org_unit o on o.id = x.org_id where x.id = ${id}`,
  );
  if (!list.length) throw notFound('rectification', '整改', id);
  return (await late(ctx.db, ctx.today(), list))[0]!;
}

export async function listRectifications(
  ctx: KernelContext,
  input: { status?: 'open' | 'closed' | undefined; limit: number },
  scope: Scope,
) {
  return (await pageRectifications(ctx, input, scope, false)).items;
}

/** The console's list: search, filters, a column order, keyset pages and the total (open first, by explanation due). */
export async function pageRectifications(
  ctx: KernelContext,
  input: z.infer<typeof rectificationsPageInput> | Parameters<typeof listRectifications>[1],
  scope: Scope,
  count = true,
) {
  const today = ctx.today();
  const f: Partial<z.infer<typeof rectificationsPageInput>> & { limit: number } = input;
  const where: SQL[] = [scopeSql(scope, sql`o.path`)];
  if (f.status === 'open') where.push(sql`x.status not in ('verified', 'cancelled')`);
  if (f.status === 'closed') where.push(sql`x.status in ('verified', 'cancelled')`);
  if (f.origin === 'record') where.push(sql`x.record_id is not null`);
  if (f.origin === 'finding') where.push(sql`x.record_id is null`);
  if (f.overdueOnly)
    where.push(
      sql`((x.status = 'awaiting_explanation' and x.explanation_due < ${today}::date) or (x.status = 'in_progress' and x.completion_due < ${today}::date))`,
    );
  const page = await caseListPage<Row>(
    ctx.db,
    f,
    {
      columns: COLUMNS,
      from: sql`kernel.rectification x join kernel.org_unit o on o.id = x.org_id`,
      where,
      search: [sql`o.name`, RECORD_DECISION_NO, sql`x.explanation`, sql`x.plan`, sql`x.verification_note`],
      org: { id: sql`x.org_id`, path: sql`o.path` },
      day: sql`x.required_on`,
      state: sql`x.status`,
      queue: [
        { expr: sql`(x.status in ('verified', 'cancelled'))`, type: 'bool' },
        { expr: sql`x.explanation_due`, type: 'date' },
      ],
      orders: {
        requiredOn: [{ expr: sql`x.required_on`, type: 'date' }],
        explanationDue: [{ expr: sql`x.explanation_due`, type: 'date' }],
        org: [{ expr: sql`o.name`, type: 'text' }],
      },
      id: sql`x.id`,
    },
    count,
  );
  return { ...page, items: await late(ctx.db, today, page.items) };
}

export async function listAccountability(
  ctx: KernelContext,
  input: { status?: 'open' | 'closed' | undefined; limit: number },
  scope: Scope,
) {
  return rows<z.infer<typeof accountabilityOut>>(
    ctx.db,
    sql`
    select a.id, a.record_id as "recordId", a.person_id as "personId", p.name as "personName", o.name as "orgName", po.title as "postTitle", a.status,
      a.opened_on::text as "openedOn", a.closed_on::text as "closedOn", a.outcome
    from kernel.accountability_task a join kernel.person p on p.id = a.person_id join kernel.tenure t on t.id = a.tenure_id
    join kernel.post po on po.id = t.post_id join kernel.org_unit o on o.id = t.org_id
    where ${scopeSql(scope, sql`o.path`)} ${input.status === 'open' ? sql`and a.status = 'open'` : input.status === 'closed' ? sql`and a.status <> 'open'` : sql``}
    order by (a.status <> 'open'), a.opened_on, a.id limit ${input.limit}`,
  );
}

export async function closeAccountability(ctx: KernelContext, id: string, outcome: string) {
  await write(ctx, async (tx) => {
    const [a] = await rows<{ status: string }>(
      tx,
      sql`select status from kernel.accountability_task where id = ${id} for update`,
    );
    if (!a) throw notFound('accountability_task', '问责任务', id);
    if (a.status !== 'open')
      throw new AppError(
        'CONFLICT',
        'ACCOUNTABILITY_CLOSED',
        a.status === 'cancelled' ? '该问责任务已终止' : '该问责任务已办结',
        `The task is already ${a.status}`,
        'id',
      );
    await tx.execute(
      sql`update kernel.accountability_task set status = 'closed', closed_on = ${ctx.today()}::date, outcome = ${outcome} where id = ${id}`,
    );
    await audit(tx, ctx, 'accountability.close', 'accountability_task', id, { outcome });
  });
  return { ok: true as const };
}
