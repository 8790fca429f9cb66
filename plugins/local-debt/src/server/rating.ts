/**
 * The debt indicators, the composite risk score and the warning tier, as pure functions of one year's figures and the
 * agency's configuration, so the rating can be checked by hand.
 */
import type { PluginRule } from '@chengxin/plugin-sdk';
import { INDICATOR_LABELS, INDICATORS, TIER_LABELS, type DebtConfig, type FigureInput, type IndicatorKey, type RatingOut, type Tier } from '../contract';

export const RULES = {
  indicators: {
    id: 'local-debt.indicators',
    summaryZh: '债务率、新增债务率、偿债率、逾期债务率按权重合成风险得分（权重与上限为本单位配置）',
    summaryEn: 'Debt, new-debt, debt-service and overdue ratios combined with weights into a risk score (weights and limits are settings)',
    source: { law: '中华人民共和国预算法 / 预算法实施条例', article: '第三十五条 / 第四十七条', confidence: '2nd' },
    setting: 'weights, limits',
  },
  overdueTiers: {
    id: 'local-debt.overdue_tiers',
    summaryZh: '逾期债务率10%–20%为黄色、20%–50%为橙色、50%以上为红色预警（档次为本单位配置）',
    summaryEn: 'Overdue ratio 10–20 % yellow, 20–50 % orange, over 50 % red (tiers are settings)',
    source: { law: '地方政府债务风险预警（广东省做法）', article: '逾期债务率分档', confidence: '2nd' },
    setting: 'overdueTiers',
  },
  overdueRecord: {
    id: 'local-debt.overdue_debt_record',
    summaryZh: '地方政府逾期未偿还债务的，提出政务失信记录草稿，由录入员核实后提交',
    summaryEn: 'Overdue government debt proposes a draft dishonesty record for an officer to confirm',
    source: { law: '中华人民共和国预算法', article: '第三十五条', confidence: 'law' },
  },
} as const satisfies Record<string, PluginRule>;

type Figures = Pick<FigureInput, 'balanceFen' | 'capacityFen' | 'principalInterestDueFen' | 'overdueFen' | 'newDebtFen'>;

export function indicatorValues(f: Figures): Record<IndicatorKey, number> {
  return {
    debtRatio: f.balanceFen / f.capacityFen,
    newDebtRatio: f.newDebtFen / f.capacityFen,
    serviceRatio: f.principalInterestDueFen / f.capacityFen,
    overdueRatio: f.balanceFen > 0 ? f.overdueFen / f.balanceFen : 0,
  };
}

export function tierOf(overdueRatio: number, config: DebtConfig): Tier {
  const t = config.overdueTiers;
  return overdueRatio > t.red ? 'red' : overdueRatio >= t.orange ? 'orange' : overdueRatio >= t.yellow ? 'yellow' : 'none';
}

const round = (v: number, digits: number) => Math.round(v * 10 ** digits) / 10 ** digits;

/** Each indicator scores 0–100 in proportion to its limit (capped); the composite is their weighted sum. */
export function rate(f: Figures, config: DebtConfig): Pick<RatingOut, 'indicators' | 'score' | 'tier' | 'tierZh'> {
  const values = indicatorValues(f);
  const indicators = INDICATORS.map((key) => {
    const points = Math.min(values[key] / config.limits[key], 1) * 100;
    return { key, labelZh: INDICATOR_LABELS[key].zh, formulaZh: INDICATOR_LABELS[key].formulaZh, value: round(values[key], 4), limit: config.limits[key], weight: config.weights[key], points: round(points, 2) };
  });
  const score = round(indicators.reduce((s, i) => s + i.points * i.weight, 0), 2);
  const tier = tierOf(values.overdueRatio, config);
  return { indicators, score, tier, tierZh: TIER_LABELS[tier].zh };
}
