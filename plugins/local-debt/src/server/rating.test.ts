import { describe, expect, it } from 'vitest';
import { debtConfig } from '../contract';
import { creditGrade, indicatorValues, rate, tierOf } from './rating';

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

describe('creditGrade', () => {
  const cfg = debtConfig.parse({});
  it('grades the score against the bounds and caps it by the warning', () => {
    expect(creditGrade({ score: 29.99, tier: 'none', tierZh: '无预警' }, cfg)).toEqual({
      grade: 'AAA',
      explanation: '风险得分29.99分（低于30分）对应AAA；无预警。债务风险低，按期偿还，无逾期预警。',
    });
    expect(creditGrade({ score: 30, tier: 'none', tierZh: '无预警' }, cfg).grade).toBe('AA');
    expect(creditGrade({ score: 49.56, tier: 'yellow', tierZh: '黄色预警' }, cfg)).toEqual({
      grade: 'A',
      explanation: '风险得分49.56分（45分（含）至60分）对应A；黄色预警。债务风险可控，个别指标偏高或有黄色预警。',
    });
    expect(creditGrade({ score: 20, tier: 'orange', tierZh: '橙色预警' }, cfg)).toEqual({
      grade: 'B',
      explanation:
        '风险得分20分（低于30分）对应AAA；橙色预警，等级不高于B，评为B。债务风险较高或有橙色预警，须制定化解计划。',
    });
    expect(creditGrade({ score: 40, tier: 'red', tierZh: '红色预警' }, cfg).grade).toBe('C');
    expect(creditGrade({ score: 80, tier: 'yellow', tierZh: '黄色预警' }, cfg).grade).toBe('C');
  });
});
