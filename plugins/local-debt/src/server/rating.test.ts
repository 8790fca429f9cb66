import { describe, expect, it } from 'vitest';
import { debtConfig } from '../contract';
import { indicatorValues, rate, tierOf } from './rating';

const defaults = debtConfig.parse({});
const figures = { balanceFen: 90_000, capacityFen: 100_000, principalInterestDueFen: 10_000, overdueFen: 9_000, newDebtFen: 5_000 };

describe('local debt rating', () => {
  it('computes the four ratios', () => {
    expect(indicatorValues(figures)).toEqual({ debtRatio: 0.9, newDebtRatio: 0.05, serviceRatio: 0.1, overdueRatio: 0.1 });
  });
  it('weights each indicator\'s share of its limit into a score (by hand: 0.4·75 + 0.2·25 + 0.2·50 + 0.2·20 = 49)', () => {
    expect(rate(figures, defaults).score).toBe(49);
  });
  it('caps an indicator at its limit', () => {
    expect(rate({ ...figures, balanceFen: 500_000, overdueFen: 0 }, defaults).indicators.find((i) => i.key === 'debtRatio')!.points).toBe(100);
  });
  it('places the overdue ratio in tiers at the configured edges', () => {
    expect([0.0999, 0.1, 0.1999, 0.2, 0.5, 0.5001].map((r) => tierOf(r, defaults))).toEqual(['none', 'yellow', 'yellow', 'orange', 'orange', 'red']);
    const stricter = debtConfig.parse({ overdueTiers: { yellow: 0.05, orange: 0.1, red: 0.3 } });
    expect(tierOf(0.06, stricter)).toBe('yellow');
  });
  it('refuses weights that do not add up to 1, naming the setting', () => {
    const r = debtConfig.safeParse({ weights: { debtRatio: 0.5 } });
    expect(r.success).toBe(false);
    expect(r.error!.issues[0]!.path).toEqual(['weights']);
  });
  it('has a zero overdue ratio when there is no debt', () => {
    expect(indicatorValues({ ...figures, balanceFen: 0, overdueFen: 0, newDebtFen: 0 }).overdueRatio).toBe(0);
  });
});
