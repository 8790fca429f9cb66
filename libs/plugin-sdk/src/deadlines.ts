/**
 * The deadline arithmetic every sector rule needs, in one place so all plugins count days the same way: calendar-day
 * periods after 民法典 §201 and §203, working-day periods on the official calendar, and the state of a deadline.
 */
import { addDays, type LegalDate, type ScanReport } from '@chengxin/kernel';

/** What the rules need of the working-day calendar (`loadCalendar(db)` gives the official one; tests use `new WorkingCalendar()`). */
export interface DayCalendar {
  onOrAfterWorkingDay(date: LegalDate): LegalDate;
  addWorkingDays(from: LegalDate, n: number): { date: LegalDate; provisional: boolean };
  /** Whether the day's working status may still change (its year has no published arrangement yet). */
  isProvisional?(date: LegalDate): boolean;
}

/**
 * The last day of a period of `days` calendar days after `from`: counting starts the next day (民法典 §201), and a
 * period whose last day is a day off ends on the first working day after it (§203).
 */
export function periodEnd(cal: DayCalendar, from: LegalDate, days: number): LegalDate {
  return cal.onOrAfterWorkingDay(addDays(from, days));
}

/**
 * `periodEnd` with the calendar's provisional flag: the end moves only when the nominal last day or the days after it
 * are days off, so it is provisional when any day from the nominal end to the answer lies in a year without a
 * published arrangement.
 */
export function periodEndFlagged(
  cal: DayCalendar,
  from: LegalDate,
  days: number,
): { date: LegalDate; provisional: boolean } {
  const nominal = addDays(from, days);
  const date = cal.onOrAfterWorkingDay(nominal);
  let provisional = false;
  for (let d = nominal; d <= date && !provisional; d = addDays(d, 1)) provisional = cal.isProvisional?.(d) ?? false;
  return { date, provisional };
}

/** Whole calendar days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: LegalDate, to: LegalDate): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

/** `unknown`: the rule's input is not in the data (an imported process whose source cannot carry it): never a breach. */
export const DEADLINE_STATES = ['ok', 'pending', 'late', 'breach', 'not_applicable', 'unknown'] as const;
export type DeadlineState = (typeof DEADLINE_STATES)[number];

/** A deadline's state on `today`: done by it (ok), done after it (late), open and past it (breach), open and not yet due (pending). */
export function deadlineState(
  deadline: LegalDate,
  doneOn: LegalDate | null,
  today: LegalDate,
): Exclude<DeadlineState, 'not_applicable' | 'unknown'> {
  if (doneOn) return doneOn <= deadline ? 'ok' : 'late';
  return today > deadline ? 'breach' : 'pending';
}

/** Whether a state counts as a breach of its rule (missed, whether done late or still open). */
export const isBreach = (state: DeadlineState) => state === 'breach' || state === 'late';

/** Caches a per-body lookup (configuration, say) for the length of one scan or request. */
export function perOrg<T>(fn: (orgId: string) => Promise<T>): (orgId: string) => Promise<T> {
  const cache = new Map<string, Promise<T>>();
  return (orgId) => {
    if (!cache.has(orgId)) cache.set(orgId, fn(orgId));
    return cache.get(orgId)!;
  };
}

/** A fresh scan report, and the tally of one proposal (created or already there). */
export const emptyReport = (): ScanReport => ({ scanned: 0, breaches: 0, draftsCreated: 0, alreadyProposed: 0 });
export function tally(report: ScanReport, created: boolean): void {
  report.breaches += 1;
  if (created) report.draftsCreated += 1;
  else report.alreadyProposed += 1;
}
