import { WorkingCalendar } from '@chengxin/kernel';
import { describe, expect, it } from 'vitest';
import { daysBetween, deadlineState, isBreach, perOrg, periodEnd, periodEndFlagged } from './deadlines';

const cal = new WorkingCalendar();

describe('the SDK deadline arithmetic (民法典 §201, §203)', () => {
  it('counts a calendar-day period from the next day and moves a last day off to the next working day', () => {
    expect(periodEnd(cal, '2026-01-10', 20)).toBe('2026-01-30');
    expect(periodEnd(cal, '2026-09-11', 20)).toBe('2026-10-08');
    expect(periodEnd(cal, '2028-02-09', 20)).toBe('2028-02-29');
    expect(periodEnd(cal, '2026-01-31', 0)).toBe('2026-02-02');
  });
  it('counts whole days across month ends and leap days', () => {
    expect(daysBetween('2024-02-28', '2024-03-01')).toBe(2);
    expect(daysBetween('2025-02-28', '2025-03-01')).toBe(1);
    expect(daysBetween('2026-03-31', '2026-03-16')).toBe(-15);
  });
  it('reads a deadline as on time, late, overdue or pending, on the deadline itself too', () => {
    expect(deadlineState('2026-03-02', '2026-03-02', '2026-12-01')).toBe('ok');
    expect(deadlineState('2026-03-02', '2026-03-03', '2026-12-01')).toBe('late');
    expect(deadlineState('2026-03-02', null, '2026-03-02')).toBe('pending');
    expect(deadlineState('2026-03-02', null, '2026-03-03')).toBe('breach');
    expect(['ok', 'late', 'breach', 'pending', 'not_applicable'].map((s) => isBreach(s as never))).toEqual([
      false,
      true,
      true,
      false,
      false,
    ]);
  });
  it('looks a body up once per scan', async () => {
    let calls = 0;
    const cfg = perOrg(async (orgId) => {
      calls += 1;
      return orgId.length;
    });
    expect([await cfg('a'), await cfg('a'), await cfg('bb')]).toEqual([1, 1, 2]);
    expect(calls).toBe(2);
  });
});

describe('calendar-day periods carry the provisional flag (issue 25, finding 15)', () => {
  it('is provisional when the days from the nominal end on lie in a year without a published arrangement', () => {
    expect(periodEndFlagged(cal, '2026-01-10', 20)).toEqual({ date: '2026-01-30', provisional: false });
    // 20 days after 11 Sep 2027 is Sat 2 Oct: the National Day holiday and its days in lieu (4–5 Oct) push it to 6 Oct.
    expect(periodEndFlagged(cal, '2027-09-12', 20)).toEqual({ date: '2027-10-06', provisional: true });
    expect(periodEndFlagged(new WorkingCalendar([], [2027]), '2027-09-12', 20)).toEqual({
      date: '2027-10-04',
      provisional: false,
    });
  });
});
