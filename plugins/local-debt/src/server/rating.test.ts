import { describe, expect, it } from 'vitest';
import { debtConfig } from '../contract';
import { indicatorValues, rate, tierOf } from './rating';

const defaults = debtConfig.parse({});
const figures = {
  balanceFen: 90_000,
  capacityFen: 100_000,
  principalInterestDueFen: 10_000,
  overdueFen: 9_000,
  newDebtFen: 5_000,
};

describe('local debt rating', () => {
  it('computes the four ratios', () => {
    // Corrected (issue 25, finding 18): new debt ÷ last year-end balance (was ÷ capacity, 0.05).
    expect(indicatorValues({ ...figures, priorBalanceFen: 80_000 })).toEqual({
      debtRatio: 0.9,
      newDebtRatio: 0.0625,
      serviceRatio: 0.1,
      overdueRatio: 0.1,
    });
    // Without last year's figures: the implied opening balance, 90,000 − 5,000.
    expect(indicatorValues(figures).newDebtRatio).toBeCloseTo(5_000 / 85_000, 10);
  });
  it("weights each indicator's share of its limit into a score (by hand: 0.4·75 + 0.2·31.25 + 0.2·50 + 0.2·20 = 50.25)", () => {
    expect(rate({ ...figures, priorBalanceFen: 80_000 }, defaults).score).toBe(50.25);
  });
  it('caps an indicator at its limit', () => {
    expect(
      rate({ ...figures, balanceFen: 500_000, overdueFen: 0 }, defaults).indicators.find((i) => i.key === 'debtRatio')!
        .points,
    ).toBe(100);
  });
  it('places the overdue ratio in tiers at the configured edges', () => {
    // Corrected (issue 25, finding 18): "50%以上" includes 50 %, so 0.5 is red (was orange).
    expect([0.0999, 0.1, 0.1999, 0.2, 0.4999, 0.5, 0.5001].map((r) => tierOf(r, defaults))).toEqual([
      'none',
      'yellow',
      'yellow',
      'orange',
      'orange',
      'red',
      'red',
    ]);
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
