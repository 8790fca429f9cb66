import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { addDays, addMonths, isLegalDate, monthsBetween, shanghaiDate } from './dates';

describe('legal dates', () => {
  it('adds months keeping the day, or the last day of a shorter month (民法典 §202 convention)', () => {
    expect(addMonths('2025-08-31', 18)).toBe('2027-02-28');
    expect(addMonths('2024-01-31', 1)).toBe('2024-02-29');
    expect(addMonths('2025-03-15', 6)).toBe('2025-09-15');
    expect(addMonths('2025-11-30', 3)).toBe('2026-02-28');
    expect(addMonths('2023-12-31', 12)).toBe('2024-12-31');
  });

  it('rejects impossible dates', () => {
    expect(isLegalDate('2025-02-29')).toBe(false);
    expect(isLegalDate('2024-02-29')).toBe(true);
    expect(isLegalDate('2025-13-01')).toBe(false);
    expect(isLegalDate('2025-1-01')).toBe(false);
  });

  it('adds days across month and year ends', () => {
    expect(addDays('2025-12-31', 1)).toBe('2026-01-01');
    expect(addDays('2024-03-01', -1)).toBe('2024-02-29');
  });

  it('converts instants to the Shanghai calendar date, not UTC', () => {
    expect(shanghaiDate(new Date('2025-12-31T16:30:00Z'))).toBe('2026-01-01');
    expect(shanghaiDate(new Date('2025-12-31T15:59:59Z'))).toBe('2025-12-31');
  });

  it('month arithmetic is monotonic and counts back to the months added', () => {
    const date = fc
      .record({
        y: fc.integer({ min: 2000, max: 2040 }),
        m: fc.integer({ min: 1, max: 12 }),
        d: fc.integer({ min: 1, max: 31 }),
      })
      .map(({ y, m, d }) => `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`)
      .filter(isLegalDate);
    fc.assert(
      fc.property(date, fc.integer({ min: 0, max: 60 }), (start, n) => {
        const end = addMonths(start, n);
        expect(end >= start).toBe(true);
        expect(addMonths(start, n + 1) > end).toBe(true);
        expect(monthsBetween(start, end)).toBe(n);
      }),
    );
  });
});
