import { describe, expect, it } from 'vitest';
import { periodOf, periodsBetween } from './reporting';

describe('reporting periods', () => {
  it('cuts months at their true ends, February of a leap year included', () => {
    expect(periodsBetween('monthly', '2028-01-15', '2028-03-01', '2020-01-01')).toEqual([
      { key: '2028-01', start: '2028-01-01', end: '2028-01-31' },
      { key: '2028-02', start: '2028-02-01', end: '2028-02-29' },
      { key: '2028-03', start: '2028-03-01', end: '2028-03-31' },
    ]);
    expect(periodOf('2027-02')).toEqual({ key: '2027-02', start: '2027-02-01', end: '2027-02-28' });
  });

  it('cuts quarters and starts no earlier than the source became active', () => {
    expect(
      periodsBetween('quarterly', '2025-01-01', '2025-12-31', '2025-05-20').map((p) => [p.key, p.start, p.end]),
    ).toEqual([
      ['2025-Q2', '2025-04-01', '2025-06-30'],
      ['2025-Q3', '2025-07-01', '2025-09-30'],
      ['2025-Q4', '2025-10-01', '2025-12-31'],
    ]);
    expect(periodOf('2026-Q4')).toEqual({ key: '2026-Q4', start: '2026-10-01', end: '2026-12-31' });
  });
});
