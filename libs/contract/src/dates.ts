/**
 * Legal dates: `YYYY-MM-DD` strings of the Asia/Shanghai calendar. Decisions, effective dates and deadlines are
 * calendar dates, never a JS Date at midnight (which shifts a day across time zones).
 */
import { settingValue } from './settings';

export type LegalDate = string;

const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;

export function isLegalDate(value: string): boolean {
  const m = DATE_RE.exec(value);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  return mo >= 1 && mo <= 12 && d >= 1 && d <= daysInMonth(y, mo);
}

export function parseLegalDate(value: LegalDate): { year: number; month: number; day: number } {
  if (!isLegalDate(value)) throw new RangeError(`not a calendar date: ${value}`);
  const [year, month, day] = value.split('-').map(Number) as [number, number, number];
  return { year, month, day };
}

export function formatLegalDate(year: number, month: number, day: number): LegalDate {
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

export function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/**
 * The date N months after `start`, by the convention after 民法典 §202: the same day-of-month N months later, or the
 * last day of that month when it has no such day (2025-08-31 + 18 months → 2027-02-28). A period that starts on
 * `start` and lasts N months is in effect on every date before the returned date.
 */
export function addMonths(start: LegalDate, months: number): LegalDate {
  const { year, month, day } = parseLegalDate(start);
  const index = year * 12 + (month - 1) + months;
  const y = Math.floor(index / 12);
  const m = (index % 12) + 1;
  return formatLegalDate(y, m, Math.min(day, daysInMonth(y, m)));
}

export function addDays(start: LegalDate, days: number): LegalDate {
  const { year, month, day } = parseLegalDate(start);
  const t = new Date(Date.UTC(year, month - 1, day + days));
  return formatLegalDate(t.getUTCFullYear(), t.getUTCMonth() + 1, t.getUTCDate());
}

/** Whole months between two dates, rounded down (used to report the unserved remainder of a sanction). */
export function monthsBetween(from: LegalDate, to: LegalDate): number {
  if (to <= from) return 0;
  const a = parseLegalDate(from);
  const b = parseLegalDate(to);
  let months = (b.year - a.year) * 12 + (b.month - a.month);
  if (addMonths(from, months) > to) months -= 1;
  return months;
}

export function compareDates(a: LegalDate, b: LegalDate): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export function maxDate(a: LegalDate, b: LegalDate): LegalDate {
  return a >= b ? a : b;
}

const SHANGHAI = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'Asia/Shanghai',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});

/** The Asia/Shanghai calendar date of an instant. */
export function shanghaiDate(instant: Date = new Date()): LegalDate {
  return SHANGHAI.format(instant);
}

const SHANGHAI_TIME = new Intl.DateTimeFormat('sv-SE', {
  timeZone: 'Asia/Shanghai',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hour12: false,
});

/** An instant as people read it: `2026-12-07 21:53:02（北京时间）` — one wording on pages and printed documents. */
export function beijingTime(instant: string | Date): string {
  const d = typeof instant === 'string' ? new Date(instant) : instant;
  return Number.isNaN(d.getTime()) ? String(instant) : `${SHANGHAI_TIME.format(d)}（北京时间）`;
}

/** Today in Shanghai; `CHENGXIN_TODAY` pins it (demo data, reproducible runs). */
export function today(): LegalDate {
  // A setting (installed by the server's configuration module; never in a browser, where nothing pins the day).
  const pinned = settingValue('CHENGXIN_TODAY');
  if (pinned && isLegalDate(pinned)) return pinned;
  return shanghaiDate();
}
