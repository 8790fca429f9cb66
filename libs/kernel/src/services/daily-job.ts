import { rows } from '@chengxin/db';
import { sql } from 'drizzle-orm';
import { systemActor, type KernelContext } from '../context';
import type { LegalDate } from '../dates';
import { RETENTION, scheduledStatus, type ScheduleInput } from '../rules/retention';
import { escalateOverdueComplaints } from './complaints';
import { mailerFromEnv, sendPendingEmails } from './mailer';
import { sendDigests } from './notifications';
import { openConsequences } from './rectifications';
import { transitionMany } from './records';

export const DAILY_JOB = 'records.schedule';
/** The job acts under its own name in the audit log. */
export const JOB_ACTOR = systemActor('01900000-0000-7000-8000-00000000d001', 'job:records.schedule');
const CHUNK = 5000;

export interface DailyJobResult {
  day: LegalDate;
  skipped: boolean;
  expired: number;
  archived: number;
  escalated: number;
  rectificationsOpened: number;
  accountabilityOpened: number;
  rectificationsEscalated: number;
  digests: number;
}

/**
 * Moves every record whose time has come as of `day`: published records past their maximum publication end expire,
 * ended records five years after the decision are archived; open complaints past their deadline escalate; bodies with a
 * published dishonesty record get a rectification and their principal officials an accountability task. Each move is dated the day it took legal effect, so a run
 * after downtime catches up on the missed days in one go. Idempotent: a day already run is skipped, and a record
 * already moved is not moved again. Runs in chunks, each one transaction with its audit entries.
 */
export async function runDailyJob(ctx: KernelContext, day: LegalDate, options: { force?: boolean } = {}): Promise<DailyJobResult> {
  // A day is claimed once; a claim left unfinished for an hour (a crash) may be taken again, or any with `force`.
  const claimed = await rows<{ day: string }>(ctx.db, sql`insert into kernel.job_run (job, day) values (${DAILY_JOB}, ${day}::date)
    on conflict (job, day) do update set started_at = now(), finished_at = null
    where ${options.force ? sql`true` : sql`kernel.job_run.finished_at is null and kernel.job_run.started_at < now() - interval '1 hour'`}
    returning day::text`);
  if (!claimed.length) return { day, skipped: true, expired: 0, archived: 0, escalated: 0, rectificationsOpened: 0, accountabilityOpened: 0, rectificationsEscalated: 0, digests: 0 };
  const job = { ...ctx, actor: JOB_ACTOR };
  const counts = { expired: 0, archived: 0, escalated: 0, rectificationsOpened: 0, accountabilityOpened: 0, rectificationsEscalated: 0, digests: 0 };
  for (const action of ['expire', 'archive'] as const) {
    for (;;) {
      const due = await dueRecords(ctx, action, day);
      if (due.length === 0) break;
      const moves = due.map((r) => ({ id: r.id, move: scheduledStatus(r, day).moves.find((m) => m.action === action)! }));
      const reason = action === 'expire' ? '公示期满，自动停止公示' : `失信信息保存期满${RETENTION.years}年，自动归档`;
      counts[action === 'expire' ? 'expired' : 'archived'] += await transitionMany(job, action, moves.map((m) => m.id), reason, moves.map((m) => m.move.on));
    }
  }
  counts.escalated = await escalateOverdueComplaints(job, day);
  const consequences = await openConsequences(job, day);
  Object.assign(counts, { rectificationsOpened: consequences.rectifications, accountabilityOpened: consequences.accountability, rectificationsEscalated: consequences.escalated });
  counts.digests = await sendDigests(job, day);
  await sendPendingEmails(ctx.db, mailerFromEnv());
  await ctx.db.execute(sql`update kernel.job_run set finished_at = now(), result = ${JSON.stringify(counts)}::jsonb where job = ${DAILY_JOB} and day = ${day}::date`);
  return { day, skipped: false, ...counts };
}

/** The next chunk of records the action is due for on `day`, with what the schedule needs to date the move. */
async function dueRecords(ctx: KernelContext, action: 'expire' | 'archive', day: LegalDate): Promise<(ScheduleInput & { id: string })[]> {
  const condition = action === 'expire'
    ? sql`r.status = 'published' and v.publication_max_end <= ${day}::date`
    : sql`r.status in ('expired', 'repaired', 'revoked') and v.decision_date <= (${day}::date - make_interval(years => ${RETENTION.years}))::date`;
  const list = await rows<{ id: string; status: string; decision_date: string; max_end: string | null; last_move_on: string }>(ctx.db, sql`
    select r.id::text, r.status, v.decision_date::text as decision_date, v.publication_max_end::text as max_end,
      coalesce((select max(coalesce(e.effective_date, (e.at at time zone 'Asia/Shanghai')::date)) from kernel.record_event e where e.record_id = r.id),
               (r.created_at at time zone 'Asia/Shanghai')::date)::text as last_move_on
    from kernel.credit_record r join kernel.credit_record_version v on v.record_id = r.id and v.version = r.current_version
    where ${condition} order by r.id limit ${CHUNK}`);
  return list.map((r) => ({ id: r.id, status: r.status as ScheduleInput['status'], decisionDate: r.decision_date, publicationMaxEnd: r.max_end, lastMoveOn: r.last_move_on }));
}

/** The days the job has run for (the admin's view of catch-up). */
export async function jobRuns(ctx: KernelContext, limit = 30) {
  return rows<{ day: string; startedAt: string; finishedAt: string | null; result: unknown }>(ctx.db, sql`
    select day::text, to_json(started_at)#>>'{}' as "startedAt", to_json(finished_at)#>>'{}' as "finishedAt", result
    from kernel.job_run where job = ${DAILY_JOB} order by day desc limit ${limit}`);
}
