import { addDays, parseLegalDate, type LegalDate } from '@chengxin/contract';
import { OFFICIAL_YEARS, officialDay } from './official-data';
import { statutoryHolidays } from './statutory';

/** An administrator's entry for a day: a year the data package does not know yet, or a local arrangement. */
export interface CalendarOverride {
  date: LegalDate;
  kind: 'holiday' | 'workday';
  nameZh: string;
}

export type DayKind = 'workday' | 'weekend' | 'holiday' | 'adjusted_workday';

export interface CalendarDay {
  date: LegalDate;
  working: boolean;
  kind: DayKind;
  nameZh: string | null;
  /** Where the answer comes from: an override, the official arrangement, or the statute alone (provisional). */
  basis: 'override' | 'official' | 'provisional';
}

/**
 * Working days in Asia/Shanghai calendar dates: an administrator's override first, then the State Council's published
 * arrangement, else the statutory holidays (and the answer is marked provisional). Pure: the overrides are passed in.
 */
export class WorkingCalendar {
  private readonly overrides: Map<LegalDate, CalendarOverride>;
  private readonly statutory = new Map<number, Map<LegalDate, string>>();
  /** Years whose whole arrangement an administrator entered from the State Council notice (rules: calendar-years.ts). */
  private readonly entered: ReadonlySet<number>;

  constructor(overrides: readonly CalendarOverride[] = [], enteredYears: Iterable<number> = []) {
    this.overrides = new Map(overrides.map((o) => [o.date, o]));
    this.entered = new Set(enteredYears);
  }

  yearBasis(year: number): 'official' | 'provisional' {
    return OFFICIAL_YEARS.has(year) || this.entered.has(year) ? 'official' : 'provisional';
  }

  /** Whether the answer for this day may still change (no published arrangement for its year yet). */
  isProvisional(date: LegalDate): boolean {
    return this.day(date).basis === 'provisional';
  }

  day(date: LegalDate): CalendarDay {
    const override = this.overrides.get(date);
    if (override)
      return {
        date,
        working: override.kind === 'workday',
        kind: override.kind === 'workday' ? (isWeekend(date) ? 'adjusted_workday' : 'workday') : 'holiday',
        nameZh: override.nameZh,
        basis: 'override',
      };
    const { year } = parseLegalDate(date);
    if (OFFICIAL_YEARS.has(year)) {
      const official = officialDay(date);
      if (official)
        return {
          date,
          working: official.kind === 'adjusted_workday',
          kind: official.kind,
          nameZh: official.nameZh,
          basis: 'official',
        };
      return weekday(date, 'official');
    }
    // A year entered in full from the notice: its holidays and adjusted days are the overrides; the rest is ordinary.
    if (this.entered.has(year)) return weekday(date, 'official');
    let holidays = this.statutory.get(year);
    if (!holidays) this.statutory.set(year, (holidays = statutoryHolidays(year)));
    const name = holidays.get(date);
    if (name) return { date, working: false, kind: 'holiday', nameZh: name, basis: 'provisional' };
    return weekday(date, 'provisional');
  }

  isWorkingDay(date: LegalDate): boolean {
    return this.day(date).working;
  }

  /**
   * The Nth working day after `from` (the day of filing is not counted). `provisional` is true when any day counted
   * falls in a year without a published arrangement, so the deadline may still move.
   */
  addWorkingDays(from: LegalDate, n: number): { date: LegalDate; provisional: boolean } {
    if (!Number.isInteger(n) || n < 0) throw new Error(`working days must be a whole number ≥ 0, got ${n}`);
    let date = from;
    let provisional = false;
    for (let counted = 0; counted < n;) {
      date = addDays(date, 1);
      const d = this.day(date);
      provisional ||= d.basis === 'provisional';
      if (d.working) counted++;
    }
    return { date, provisional };
  }

  /** A deadline that falls on a day off moves to the next working day. */
  onOrAfterWorkingDay(date: LegalDate): LegalDate {
    let d = date;
    while (!this.isWorkingDay(d)) d = addDays(d, 1);
    return d;
  }

  /** Working days after `from` up to and including `to` (0 when `to` is not after `from`): how overdue a case is. */
  workingDaysBetween(from: LegalDate, to: LegalDate): number {
    let n = 0;
    for (let d = addDays(from, 1); d <= to; d = addDays(d, 1)) if (this.isWorkingDay(d)) n++;
    return n;
  }
}

function isWeekend(date: LegalDate): boolean {
  const { year, month, day } = parseLegalDate(date);
  const dow = new Date(Date.UTC(year, month - 1, day)).getUTCDay();
  return dow === 0 || dow === 6;
}

function weekday(date: LegalDate, basis: 'official' | 'provisional'): CalendarDay {
  return isWeekend(date)
    ? { date, working: false, kind: 'weekend', nameZh: null, basis }
    : { date, working: true, kind: 'workday', nameZh: null, basis };
}
