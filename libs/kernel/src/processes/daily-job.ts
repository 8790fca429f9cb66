import { rows } from '@chengxin/db';
import { sql } from 'drizzle-orm';
import { systemActor, type KernelContext } from '../core';
import { addDays, addMonths, type LegalDate } from '@chengxin/contract';
import { archiveOn, RETENTION, scheduledStatus, type ScheduleInput, transitionMany } from '../records';
import { escalateOverdueComplaints } from './complaints';
import { mailerFromEnv, sendPendingEmails } from './mailer';
import { sendDigests } from './notifications';
import { openConsequences } from './rectifications';

export const DAILY_JOB = 'records.schedule';
/** The job acts under its own name in the audit log. */
export const JOB_ACTOR = systemActor('01900000-0000-7000-8000-00000000d001', 'job:records.schedule');
const CHUNK = 5000;
/** Where the job's record moves spend their time (this process, cumulative, ms): finding due records vs moving them. */
export const DAILY_JOB_TIMINGS = { select: 0, move: 0 };

export interface DailyJobResult {
  day: LegalDate;
  skipped: boolean;
  /** Why a run was skipped: the day was already done, or another run holds the job's lock. */
  skippedBecause: 'done' | 'running' | null;
  expired: number;
  archived: number;
  escalated: number;
  rectificationsOpened: number;
  accountabilityOpened: number;
  rectificationsEscalated: number;
  /** Rectification and accountability tasks and repair applications closed because their record was revoked or repaired. */
  tasksCancelled: number;
  digests: number;
}

/** The session-level advisory lock one run holds from start to end ("cxdj"). */
export const DAILY_JOB_LOCK = 0x63_78_64_6a;
// PGlite is one session, where an advisory lock is re-entrant and excludes nothing: runs on the same database are
// excluded in process instead (keyed by the driver client, which every context on that database shares).
const runningIn = new WeakSet<object>();

const counts0 = () => ({
  expired: 0,
  archived: 0,
  escalated: 0,
  rectificationsOpened: 0,
  accountabilityOpened: 0,
  rectificationsEscalated: 0,
  tasksCancelled: 0,
  digests: 0,
});
const skippedRun = (day: LegalDate, because: 'done' | 'running'): DailyJobResult => ({
  day,
  skipped: true,
  skippedBecause: because,
  ...counts0(),
});

/**
 * Moves every record whose time has come as of `day`: published records past their maximum publication end expire,
 * ended records five years after the decision are archived; open complaints past their deadline escalate; bodies with a
 * published dishonesty record get a rectification and their principal officials an accountability task. Each move is dated the day it took legal effect, so a run
 * after downtime catches up on the missed days in one go. Idempotent: a day already run is skipped, and a record
 * already moved is not moved again. Runs in chunks, each one transaction with its audit entries.
 *
 * One run at a time: a run holds a session-level advisory lock (PostgreSQL, on a connection of its own) and an
 * in-process guard (PGlite) from start to end; a run that finds either taken returns at once, skipped as 'running'.
 * Under the lock, a day claimed but never finished (a run that crashed or failed) is taken again at once.
 */
export async function runDailyJob(
  ctx: KernelContext,
  day: LegalDate,
  options: { force?: boolean } = {},
): Promise<DailyJobResult> {
  const key = driverClient(ctx.db);
  // Checked and set before the first await, so two calls started together in one process cannot both pass.
  if (runningIn.has(key)) return skippedRun(day, 'running');
  runningIn.add(key);
  try {
    const locked = await withSessionLock(key, DAILY_JOB_LOCK, () => runLocked(ctx, day, options));
    return locked.acquired ? locked.value : skippedRun(day, 'running');
  } finally {
    runningIn.delete(key);
  }
}

async function runLocked(ctx: KernelContext, day: LegalDate, options: { force?: boolean }): Promise<DailyJobResult> {
  const claimed = await rows<{ day: string }>(
    ctx.db,
    sql`insert into kernel.job_run (job, day) values (${DAILY_JOB}, ${day}::date)
    on conflict (job, day) do update set started_at = now(), finished_at = null
    where ${options.force ? sql`true` : sql`kernel.job_run.finished_at is null`}
    returning day::text`,
  );
  if (!claimed.length) return skippedRun(day, 'done');
  const job = { ...ctx, actor: JOB_ACTOR };
  const counts = counts0();
  for (const action of ['expire', 'archive'] as const) {
    // Keyset over (status, id), one status at a time: each chunk's query starts where the last one ended instead of
    // scanning again past every record already looked at (the archival's three statuses in one query had to sort all
    // remaining candidates for every chunk). A record that becomes due behind the cursor during the run (a concurrent
    // write) is moved by the next run, dated the day its move took effect, as after any downtime.
    for (const status of action === 'expire'
      ? (['published'] as const)
      : (['expired', 'repaired', 'revoked'] as const)) {
      let after: string | null = null;
      for (;;) {
        const t0 = performance.now();
        const due = await dueRecords(ctx, action, status, day, after);
        const t1 = performance.now();
        DAILY_JOB_TIMINGS.select += t1 - t0;
        if (due.length === 0) break;
        after = due[due.length - 1]!.id;
        const moves = due.map((r) => ({
          id: r.id,
          move: scheduledStatus(r, day).moves.find((m) => m.action === action)!,
        }));
        const reason =
          action === 'expire' ? '公示期满，自动停止公示' : `失信信息保存期满${RETENTION.years}年，自动归档`;
        counts[action === 'expire' ? 'expired' : 'archived'] += await transitionMany(
          job,
          action,
          moves.map((m) => m.id),
          reason,
          moves.map((m) => m.move.on),
        );
        DAILY_JOB_TIMINGS.move += performance.now() - t1;
      }
    }
  }
  counts.escalated = await escalateOverdueComplaints(job, day);
  const consequences = await openConsequences(job, day);
  Object.assign(counts, {
    rectificationsOpened: consequences.rectifications,
    accountabilityOpened: consequences.accountability,
    rectificationsEscalated: consequences.escalated,
    tasksCancelled: consequences.cancelled,
  });
  counts.digests = await sendDigests(job, day);
  await sendPendingEmails(ctx.db, mailerFromEnv());
  await ctx.db.execute(
    sql`update kernel.job_run set finished_at = now(), result = ${JSON.stringify(counts)}::jsonb where job = ${DAILY_JOB} and day = ${day}::date`,
  );
  return { day, skipped: false, skippedBecause: null, ...counts };
}

/** The driver client underneath drizzle (postgres.js or PGlite): one per opened database. */
function driverClient(db: KernelContext['db']): object {
  return ((db as unknown as { $client?: object }).$client ?? db) as object;
}

interface ReservedConnection {
  unsafe(query: string, params?: unknown[]): Promise<Record<string, unknown>[]>;
  release(): void;
}

/**
 * Runs `fn` while holding a session-level advisory lock, taken with pg_try_advisory_lock on a connection reserved for
 * the purpose (a pooled connection could be another one at unlock time) and released in `finally`, whatever `fn` does.
 * On PGlite (one session: no `reserve`) it just runs `fn`; the caller's in-process guard excludes instead.
 */
async function withSessionLock<T>(
  client: object,
  lockKey: number,
  fn: () => Promise<T>,
): Promise<{ acquired: true; value: T } | { acquired: false }> {
  const reserve = (client as { reserve?: () => Promise<ReservedConnection> }).reserve;
  if (typeof reserve !== 'function') return { acquired: true, value: await fn() };
  const connection = await reserve.call(client);
  try {
    const [got] = await connection.unsafe('select pg_try_advisory_lock($1::bigint) as ok', [lockKey]);
    if (!got?.['ok']) return { acquired: false };
    try {
      return { acquired: true, value: await fn() };
    } finally {
      await connection.unsafe('select pg_advisory_unlock($1::bigint)', [lockKey]).catch(() => undefined);
    }
  } finally {
    connection.release();
  }
}

/**
 * The next chunk of records in `status` the action is due for on `day`, after the record `after` in id order, with
 * what the schedule needs to date the move.
 */
async function dueRecords(
  ctx: KernelContext,
  action: 'expire' | 'archive',
  status: 'published' | 'expired' | 'repaired' | 'revoked',
  day: LegalDate,
  after: string | null,
): Promise<(ScheduleInput & { id: string })[]> {
  const condition =
    action === 'expire'
      ? sql`r.status = ${status} and r.publication_max_end <= ${day}::date`
      : sql`r.status = ${status} and r.decision_date <= ${archiveCutoff(day)}::date`;
  const list = await rows<{
    id: string;
    status: string;
    decision_date: string;
    max_end: string | null;
    last_move_on: string;
  }>(
    ctx.db,
    sql`
    select r.id::text, r.status, r.decision_date::text as decision_date, r.publication_max_end::text as max_end,
      coalesce((select max(coalesce(e.effective_date, (e.at at time zone 'Asia/Shanghai')::date)) from kernel.record_event e where e.record_id = r.id),
               (r.created_at at time zone 'Asia/Shanghai')::date)::text as last_move_on
    from kernel.current_record r
    where ${condition} and ${after ? sql`r.id > ${after}::uuid` : sql`true`} order by r.id limit ${CHUNK}`,
  );
  return list.map((r) => ({
    id: r.id,
    status: r.status as ScheduleInput['status'],
    decisionDate: r.decision_date,
    publicationMaxEnd: r.max_end,
    lastMoveOn: r.last_move_on,
  }));
}

/**
 * The latest decision date whose archival is due by `day`, by the schedule's own `archiveOn`. Not simply `day` minus
 * five years: 29 February 2024 archives on 28 February 2029 (addMonths clamps), one day later than 2029-02-28 − 5 years.
 */
export function archiveCutoff(day: LegalDate): LegalDate {
  let cutoff = addMonths(day, -RETENTION.years * 12);
  while (archiveOn(addDays(cutoff, 1)) <= day) cutoff = addDays(cutoff, 1);
  return cutoff;
}

/** The days the job has run for (the admin's view of catch-up). */
export async function jobRuns(ctx: KernelContext, limit = 30) {
  return rows<{ day: string; startedAt: string; finishedAt: string | null; result: unknown }>(
    ctx.db,
    sql`
    select day::text, to_json(started_at)#>>'{}' as "startedAt", to_json(finished_at)#>>'{}' as "finishedAt", result
    from kernel.job_run where job = ${DAILY_JOB} order by day desc limit ${limit}`,
  );
}
