import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDays } from '@chengxin/contract';
import { WorkingCalendar } from './working-days';

const cal = new WorkingCalendar();

describe('working-day calendar (official arrangement)', () => {
  it('knows the 2026 Spring Festival: nine days off and the adjusted working Saturdays', () => {
    for (let d = '2026-02-15'; d <= '2026-02-23'; d = addDays(d, 1))
      expect(cal.day(d)).toMatchObject({ working: false, kind: 'holiday', nameZh: '春节', basis: 'official' });
    expect(cal.day('2026-02-14')).toMatchObject({ working: true, kind: 'adjusted_workday' });
    expect(cal.day('2026-02-28')).toMatchObject({ working: true, kind: 'adjusted_workday' });
  });

  it('counts working days from the day after filing, skipping the Spring Festival', () => {
    // Filed on Friday 13 Feb 2026: Sat 14 (adjusted working day) is day 1, then the holiday until 23 Feb.
    expect(cal.addWorkingDays('2026-02-13', 1)).toEqual({ date: '2026-02-14', provisional: false });
    expect(cal.addWorkingDays('2026-02-13', 2)).toEqual({ date: '2026-02-24', provisional: false });
    expect(cal.addWorkingDays('2026-02-13', 5)).toEqual({ date: '2026-02-27', provisional: false });
  });

  it('skips the National Day week and counts its adjusted Saturday', () => {
    // Filed 30 Sep 2026 (Wed): 1–7 Oct off; Sat 10 Oct is a working day.
    expect(cal.day('2026-10-01').kind).toBe('holiday');
    expect(cal.day('2026-10-10')).toMatchObject({ working: true, kind: 'adjusted_workday' });
    expect(cal.addWorkingDays('2026-09-30', 1).date).toBe(cal.onOrAfterWorkingDay('2026-10-01'));
    expect(cal.addWorkingDays('2026-09-30', 3).date).toBe('2026-10-10');
    expect(cal.addWorkingDays('2026-09-30', 4).date).toBe('2026-10-12');
  });

  it('moves a deadline that falls on a day off to the next working day', () => {
    expect(cal.onOrAfterWorkingDay('2026-10-03')).toBe('2026-10-08');
    expect(cal.onOrAfterWorkingDay('2026-10-09')).toBe('2026-10-09');
  });
});

describe('a year without a published arrangement (2027 here)', () => {
  it('falls back to the statutory holidays, computed from the lunar calendar, and marks deadlines provisional', () => {
    expect(cal.yearBasis(2027)).toBe('provisional');
    // 春节 2027: 除夕 5 Feb, 初一 6 Feb to 初三 8 Feb.
    for (const d of ['2027-02-05', '2027-02-06', '2027-02-07', '2027-02-08'])
      expect(cal.day(d)).toMatchObject({ working: false, nameZh: '春节', basis: 'provisional' });
    // Corrected (issue 25, finding 14): 放假办法 §6 — 初一 and 初二 fall on Sat/Sun, so 9 and 10 Feb are days off in
    // lieu; this test asserted 9 Feb was a working day.
    expect(cal.day('2027-02-09')).toMatchObject({ working: false, nameZh: '春节（补假）', basis: 'provisional' });
    expect(cal.day('2027-02-10')).toMatchObject({ working: false, nameZh: '春节（补假）' });
    expect(cal.day('2027-02-11')).toMatchObject({ working: true, basis: 'provisional' });
    expect(cal.day('2027-04-05').nameZh).toBe('清明节');
    expect(cal.day('2027-06-09').nameZh).toBe('端午节');
    expect(cal.day('2027-09-15').nameZh).toBe('中秋节');
    // Across the year end: filed Thu 31 Dec 2026; 1 Jan 2027 is a holiday, 2–3 Jan a weekend.
    expect(cal.addWorkingDays('2026-12-31', 1)).toEqual({ date: '2027-01-04', provisional: true });
  });

  it("lets an administrator's overrides win (the arrangement published in November, or a local one)", () => {
    const announced = new WorkingCalendar([
      { date: '2027-02-09', kind: 'holiday', nameZh: '春节' },
      { date: '2027-02-20', kind: 'workday', nameZh: '春节调休上班' },
    ]);
    expect(announced.day('2027-02-09')).toMatchObject({ working: false, basis: 'override' });
    expect(announced.day('2027-02-20')).toMatchObject({ working: true, kind: 'adjusted_workday', basis: 'override' });
    expect(announced.addWorkingDays('2027-02-04', 1).date).toBe('2027-02-11');
  });

  it('makes up every weekend holiday of 2027 on the next working day (放假办法 §6): six days in all', () => {
    const lieu = [];
    for (let d = '2027-01-01'; d <= '2027-12-31'; d = addDays(d, 1))
      if (cal.day(d).nameZh?.endsWith('（补假）')) lieu.push(`${d} ${cal.day(d).nameZh}`);
    expect(lieu).toEqual([
      '2027-02-09 春节（补假）',
      '2027-02-10 春节（补假）',
      '2027-05-03 劳动节（补假）',
      '2027-05-04 劳动节（补假）',
      '2027-10-04 国庆节（补假）',
      '2027-10-05 国庆节（补假）',
    ]);
    // A provisional deadline no longer comes out early: 5 working days from Thu 30 Sep 2027 end on Tue 12 Oct, not Fri 8 Oct.
    expect(cal.addWorkingDays('2027-09-30', 5)).toEqual({ date: '2027-10-12', provisional: true });
    expect(cal.addWorkingDays('2027-04-29', 2)).toEqual({ date: '2027-05-05', provisional: true }); // Fri 30 Apr, then Wed 5 May
  });

  it('a year entered in full from the notice is official: days without an override are no longer provisional', () => {
    const entered = new WorkingCalendar(
      [
        { date: '2027-10-01', kind: 'holiday', nameZh: '国庆节' },
        { date: '2027-10-04', kind: 'holiday', nameZh: '国庆节' },
      ],
      [2027],
    );
    expect(entered.yearBasis(2027)).toBe('official');
    expect(entered.day('2027-10-05')).toMatchObject({ working: true, basis: 'official' });
    expect(entered.addWorkingDays('2027-09-30', 1)).toEqual({ date: '2027-10-05', provisional: false });
    expect(entered.isProvisional('2027-06-09')).toBe(false);
    expect(cal.isProvisional('2027-06-09')).toBe(true);
  });
});

describe('working-day arithmetic properties', () => {
  const dates = fc.integer({ min: 0, max: 3 * 365 }).map((n) => addDays('2024-01-01', n));
  it('the Nth working day after D is a working day, after D, with exactly N working days in between', () => {
    fc.assert(
      fc.property(dates, fc.integer({ min: 1, max: 30 }), (from, n) => {
        const { date } = cal.addWorkingDays(from, n);
        return date > from && cal.isWorkingDay(date) && cal.workingDaysBetween(from, date) === n;
      }),
    );
  });
});
