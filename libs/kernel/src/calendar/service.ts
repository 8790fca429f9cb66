import { rows, type Queryable } from '@chengxin/db';
import { sql } from 'drizzle-orm';
import { WorkingCalendar, type CalendarDay, type CalendarOverride } from './working-days';
import { OFFICIAL_YEARS } from './official-data';
import { audit, write, type KernelContext, notFound } from '../core';
import { addDays, daysInMonth, formatLegalDate, type LegalDate } from '@chengxin/contract';
import { PROCESS_RULES } from '../processes';
import { enteredYears } from './years';

/** The calendar with every administrator override applied (a small table, read per use so edits apply at once). */
export async function loadCalendar(db: Queryable): Promise<WorkingCalendar> {
  const overrides = await rows<CalendarOverride>(
    db,
    sql`select date::text as date, kind, name_zh as "nameZh" from kernel.calendar_day`,
  );
  return new WorkingCalendar(overrides, (await enteredYears(db)).keys());
}

export async function calendarMonth(db: Queryable, year: number, month: number): Promise<CalendarDay[]> {
  const cal = await loadCalendar(db);
  const days: CalendarDay[] = [];
  for (let d = formatLegalDate(year, month, 1), i = 0; i < daysInMonth(year, month); i++, d = addDays(d, 1))
    days.push(cal.day(d));
  return days;
}

/** Which years have the official arrangement, which only overrides, and which fall back to the statute. */
export async function calendarYears(
  db: Queryable,
  around: number,
): Promise<{ year: number; basis: 'official' | 'override' | 'provisional'; overrides: number; documentNo?: string }[]> {
  const counts = new Map(
    (
      await rows<{ year: number; n: number }>(
        db,
        sql`select extract(year from date)::int as year, count(*)::int as n from kernel.calendar_day group by 1`,
      )
    ).map((r) => [Number(r.year), Number(r.n)]),
  );
  const entered = await enteredYears(db);
  return [around - 1, around, around + 1].map((year) => ({
    year,
    overrides: counts.get(year) ?? 0,
    basis: OFFICIAL_YEARS.has(year) || entered.has(year) ? 'official' : counts.get(year) ? 'override' : 'provisional',
    // An entered year names the notice it was entered from.
    ...(entered.has(year) ? { documentNo: entered.get(year)! } : {}),
  }));
}

/** Enters days (e.g. next year's arrangement as published in November), replacing entries for the same dates. */
export async function setCalendarDays(ctx: KernelContext, days: CalendarOverride[], note: string | null) {
  await write(ctx, async (tx) => {
    for (const d of days) {
      await tx.execute(sql`insert into kernel.calendar_day (date, kind, name_zh, note, created_by) values (${d.date}::date, ${d.kind}, ${d.nameZh}, ${note}, ${ctx.actor?.id ?? null}::uuid)
        on conflict (date) do update set kind = excluded.kind, name_zh = excluded.name_zh, note = excluded.note, created_by = excluded.created_by, created_at = now()`);
    }
    await audit(tx, ctx, 'calendar.set', 'calendar_day', days.map((d) => d.date).sort()[0] ?? '-', { days, note });
  });
  return { saved: days.length };
}

export async function removeCalendarDay(ctx: KernelContext, date: LegalDate) {
  await write(ctx, async (tx) => {
    const done = await rows<{ date: string }>(
      tx,
      sql`delete from kernel.calendar_day where date = ${date}::date returning date::text`,
    );
    if (!done.length) throw notFound('calendar_day', '日历调整', date);
    await audit(tx, ctx, 'calendar.remove', 'calendar_day', date, {});
  });
  return { ok: true as const };
}

/** How late a case is: open past its deadline, or closed after it, in working days. */
export function lateness(
  cal: WorkingCalendar,
  due: LegalDate,
  closedOn: LegalDate | null,
  today: LegalDate,
): { overdue: boolean; workingDaysLate: number } {
  const end = closedOn ?? today;
  const late = end > due ? cal.workingDaysBetween(due, end) : 0;
  return { overdue: late > 0, workingDaysLate: late };
}

/** The revocation's reason, stating when the source decision was revoked, the deadline to reflect it, and any delay. */
export async function revocationReason(
  db: Queryable,
  reason: string,
  sourceRevokedOn: LegalDate,
  today: LegalDate,
): Promise<string> {
  const cal = await loadCalendar(db);
  const due = cal.addWorkingDays(sourceRevokedOn, PROCESS_RULES.revocationReflect.workingDays).date;
  const { workingDaysLate } = lateness(cal, due, today, today);
  return `${reason}（原决定于${sourceRevokedOn}撤销，应于${due}前反映${workingDaysLate ? `，逾期${workingDaysLate}个工作日` : '，未逾期'}；规则${PROCESS_RULES.revocationReflect.id}）`;
}

/** Adds `overdue` and `workingDaysLate` to each case of a list, from the deadline each one is running against. */
export async function withLateness<T extends object>(
  db: Queryable,
  today: LegalDate,
  list: T[],
  deadline: (x: T) => { due: LegalDate | null; closedOn: LegalDate | null },
) {
  const cal = await loadCalendar(db);
  return list.map((x) => {
    const { due, closedOn } = deadline(x);
    return { ...x, ...(due ? lateness(cal, due, closedOn, today) : { overdue: false, workingDaysLate: 0 }) };
  });
}
