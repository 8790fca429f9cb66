import chineseDays from 'chinese-days';
import { addDays, formatLegalDate, type LegalDate } from '@chengxin/contract';
import type { RuleSource } from '../records';

/**
 * For a year whose official arrangement is not published yet: the statutory holidays themselves, without the
 * adjusted working weekends the State Council adds each November. Lunar dates (春节, 端午, 中秋) and 清明 (a solar term)
 * are computed, and a holiday falling on a Saturday or Sunday is made up on the next working day (第六条). Deadlines in
 * such a year are marked provisional.
 */
export const STATUTORY_SOURCE: RuleSource = {
  law: '全国年节及纪念日放假办法（2024年修订，国务院令第795号）',
  article: '第二条（全体公民放假的节日）；第六条（适逢周六、周日的，在工作日补假）',
  confidence: 'law',
};

const { getSolarDateFromLunar, getSolarTermDate } = chineseDays as unknown as {
  getSolarDateFromLunar: (lunar: string) => { date: string };
  getSolarTermDate: (year: number, month: number, term: string) => string;
};

const lunar = (year: number, month: number, day: number) =>
  getSolarDateFromLunar(formatLegalDate(year, month, day)).date;

export function statutoryHolidays(year: number): Map<LegalDate, string> {
  const days = new Map<LegalDate, string>();
  const add = (date: LegalDate, name: string) => days.set(date, name);
  add(formatLegalDate(year, 1, 1), '元旦');
  const springFestival = lunar(year, 1, 1);
  add(addDays(springFestival, -1), '春节'); // 除夕
  for (let i = 0; i < 3; i++) add(addDays(springFestival, i), '春节');
  add(getSolarTermDate(year, 4, 'pure_brightness'), '清明节');
  add(formatLegalDate(year, 5, 1), '劳动节');
  add(formatLegalDate(year, 5, 2), '劳动节');
  add(lunar(year, 5, 5), '端午节');
  add(lunar(year, 8, 15), '中秋节');
  for (let d = 1; d <= 3; d++) add(formatLegalDate(year, 10, d), '国庆节');
  // 第六条: each holiday on a weekend gives one day off on the next working day after the holiday (in date order, so a
  // holiday block on Sat+Sun gives the following Monday and Tuesday).
  for (const [date, name] of [...days].sort(([a], [b]) => (a < b ? -1 : 1))) {
    if (!isWeekendDay(date)) continue;
    let d = addDays(date, 1);
    while (isWeekendDay(d) || days.has(d)) d = addDays(d, 1);
    days.set(d, `${name}（补假）`);
  }
  return days;
}

function isWeekendDay(date: LegalDate): boolean {
  const dow = new Date(`${date}T00:00:00Z`).getUTCDay();
  return dow === 0 || dow === 6;
}
