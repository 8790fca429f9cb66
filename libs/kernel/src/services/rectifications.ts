import { rows, type Queryable } from '@chengxin/db';
import { sql } from 'drizzle-orm';
import type { z } from 'zod';
import { scopeSql, type Scope } from '../access/scope';
import type { accountabilityOut, rectificationOut } from '../contract';
import { audit, write, type KernelContext } from '../context';
import type { LegalDate } from '../dates';
import { AppError, badInput, notFound } from '../errors';
import { newId } from '../ids';
import { PROCESS_RULES } from '../rules/processes';
import { loadCalendar, withLateness } from './calendar';

/**
 * 限期整改 and 主要负责人问责, opened by the daily job for every published dishonesty record of a body: the body
 * explains in writing with a plan, completes with evidence, and a reviewer verifies (or sends it back). Overdue
 * rectifications escalate once; each principal official in post on the decision date gets an accountability task.
 */
export async function openConsequences(ctx: KernelContext, day: LegalDate): Promise<{ rectifications: number; accountability: number; escalated: number }> {
  const cal = await loadCalendar(ctx.db);
  return write(ctx, async (tx) => {
    const due = await rows<{ id: string; org_id: string }>(tx, sql`
      select r.id::text, r.org_id::text from kernel.credit_record r
      where r.subject_kind = 'org' and r.polarity = 'dishonesty' and r.status = 'published'
        and not exists (select 1 from kernel.rectification x where x.record_id = r.id) order by r.id limit 5000`);
    const explanationDue = cal.addWorkingDays(day, PROCESS_RULES.rectificationExplain.workingDays).date;
    for (const r of due) {
      const id = newId();
      await tx.execute(sql`insert into kernel.rectification (id, record_id, org_id, status, required_on, explanation_due) values (${id}, ${r.id}, ${r.org_id}, 'awaiting_explanation', ${day}::date, ${explanationDue}::date)`);
      await audit(tx, ctx, 'rectification.require', 'rectification', id, { recordId: r.id, explanationDue });
    }
    const principals = await rows<{ record_id: string; person_id: string; tenure_id: string }>(tx, sql`
      select r.id::text as record_id, t.person_id::text, t.id::text as tenure_id
      from kernel.credit_record r join kernel.credit_record_version v on v.record_id = r.id and v.version = r.current_version
      join kernel.tenure t on t.org_id = r.org_id and t.start_date <= v.decision_date and (t.end_date is null or t.end_date >= v.decision_date)
      join kernel.post p on p.id = t.post_id and p.principal
      where r.subject_kind = 'org' and r.polarity = 'dishonesty' and r.status = 'published'
        and not exists (select 1 from kernel.accountability_task a where a.record_id = r.id and a.tenure_id = t.id) limit 5000`);
    for (const p of principals) {
      const id = newId();
      await tx.execute(sql`insert into kernel.accountability_task (id, record_id, person_id, tenure_id, status, opened_on) values (${id}, ${p.record_id}, ${p.person_id}, ${p.tenure_id}, 'open', ${day}::date)`);
      await audit(tx, ctx, 'accountability.open', 'accountability_task', id, { recordId: p.record_id, personId: p.person_id });
    }
    const overdue = await rows<{ id: string }>(tx, sql`select id::text from kernel.rectification where escalated_on is null and (
      (status = 'awaiting_explanation' and explanation_due < ${day}::date) or (status = 'in_progress' and completion_due < ${day}::date)) for update`);
    for (const o of overdue) {
      await tx.execute(sql`update kernel.rectification set escalated_on = ${day}::date where id = ${o.id}`);
      await audit(tx, ctx, 'rectification.escalate', 'rectification', o.id, { on: day });
    }
    return { rectifications: due.length, accountability: principals.length, escalated: overdue.length };
  });
}

async function lock(tx: Queryable, id: string, allowed: string[]) {
  const [r] = await rows<{ status: string; explained_on: string | null }>(tx, sql`select status, explained_on::text from kernel.rectification where id = ${id} for update`);
  if (!r) throw notFound('rectification', '整改', id);
  if (!allowed.includes(r.status)) throw new AppError('CONFLICT', 'RECTIFICATION_ILLEGAL_STEP', `整改当前状态为“${STATUS_ZH[r.status] ?? r.status}”，不能办理此步骤`, `The rectification is ${r.status}`, 'id');
  return r;
}

const STATUS_ZH: Record<string, string> = { awaiting_explanation: '待书面说明', in_progress: '整改中', completed: '已完成待核验', verified: '已核验' };

export async function explainRectification(ctx: KernelContext, input: { id: string; explanation: string; plan: string; completionDue?: LegalDate | undefined; mitigation?: string | undefined }) {
  const cal = await loadCalendar(ctx.db);
  const today = ctx.today();
  const completionDue = input.completionDue ?? cal.addWorkingDays(today, PROCESS_RULES.rectificationComplete.workingDays).date;
  if (completionDue <= today) throw badInput('COMPLETION_DUE_INVALID', 'completionDue', '整改完成期限应晚于今天', 'completionDue must be after today');
  await write(ctx, async (tx) => {
    await lock(tx, input.id, ['awaiting_explanation']);
    await tx.execute(sql`update kernel.rectification set status = 'in_progress', explanation = ${input.explanation}, plan = ${input.plan}, explained_on = ${today}::date,
      completion_due = ${completionDue}::date, mitigation = ${input.mitigation ?? null} where id = ${input.id}`);
    await audit(tx, ctx, 'rectification.explain', 'rectification', input.id, { completionDue, mitigation: input.mitigation ?? null });
  });
  return getRectification(ctx, input.id);
}

export async function completeRectification(ctx: KernelContext, id: string, evidence: string) {
  await write(ctx, async (tx) => {
    await lock(tx, id, ['in_progress']);
    await tx.execute(sql`update kernel.rectification set status = 'completed', evidence = ${evidence}, completed_on = ${ctx.today()}::date where id = ${id}`);
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

const COLUMNS = sql`x.id, x.record_id as "recordId", x.finding_id as "findingId", x.org_id as "orgId", o.name as "orgName", x.status, x.required_on::text as "requiredOn",
  x.explanation_due::text as "explanationDue", x.explanation, x.plan, x.explained_on::text as "explainedOn", x.completion_due::text as "completionDue",
  x.evidence, x.completed_on::text as "completedOn", x.verified_on::text as "verifiedOn", x.verification_note as "verificationNote", x.mitigation,
  x.escalated_on::text as "escalatedOn"`;
type Row = Omit<z.infer<typeof rectificationOut>, 'overdue' | 'workingDaysLate'>;

// Late on whichever deadline is running: the explanation first, then completion.
const late = (db: Queryable, today: LegalDate, list: Row[]) => withLateness(db, today, list, (x) =>
  x.explainedOn === null ? { due: x.explanationDue, closedOn: null } : { due: x.completionDue, closedOn: x.completedOn });

export async function getRectification(ctx: KernelContext, id: string) {
  const list = await rows<Row>(ctx.db, sql`select ${COLUMNS} from kernel.rectification x join kernel.org_unit o on o.id = x.org_id where x.id = ${id}`);
  if (!list.length) throw notFound('rectification', '整改', id);
  return (await late(ctx.db, ctx.today(), list))[0]!;
}

export async function listRectifications(ctx: KernelContext, input: { status?: 'open' | 'closed' | undefined; limit: number }, scope: Scope) {
  const list = await rows<Row>(ctx.db, sql`select ${COLUMNS} from kernel.rectification x join kernel.org_unit o on o.id = x.org_id
    where ${scopeSql(scope, sql`o.path`)} ${input.status === 'open' ? sql`and x.status <> 'verified'` : input.status === 'closed' ? sql`and x.status = 'verified'` : sql``}
    order by (x.status = 'verified'), x.explanation_due, x.id limit ${input.limit}`);
  return late(ctx.db, ctx.today(), list);
}

export async function listAccountability(ctx: KernelContext, input: { status?: 'open' | 'closed' | undefined; limit: number }, scope: Scope) {
  return rows<z.infer<typeof accountabilityOut>>(ctx.db, sql`
    select a.id, a.record_id as "recordId", a.person_id as "personId", p.name as "personName", o.name as "orgName", po.title as "postTitle", a.status,
      a.opened_on::text as "openedOn", a.closed_on::text as "closedOn", a.outcome
    from kernel.accountability_task a join kernel.person p on p.id = a.person_id join kernel.tenure t on t.id = a.tenure_id
    join kernel.post po on po.id = t.post_id join kernel.org_unit o on o.id = t.org_id
    where ${scopeSql(scope, sql`o.path`)} ${input.status ? sql`and a.status = ${input.status}` : sql``}
    order by (a.status = 'closed'), a.opened_on, a.id limit ${input.limit}`);
}

export async function closeAccountability(ctx: KernelContext, id: string, outcome: string) {
  await write(ctx, async (tx) => {
    const [a] = await rows<{ status: string }>(tx, sql`select status from kernel.accountability_task where id = ${id} for update`);
    if (!a) throw notFound('accountability_task', '问责任务', id);
    if (a.status !== 'open') throw new AppError('CONFLICT', 'ACCOUNTABILITY_CLOSED', '该问责任务已办结', 'The task is already closed', 'id');
    await tx.execute(sql`update kernel.accountability_task set status = 'closed', closed_on = ${ctx.today()}::date, outcome = ${outcome} where id = ${id}`);
    await audit(tx, ctx, 'accountability.close', 'accountability_task', id, { outcome });
  });
  return { ok: true as const };
}
