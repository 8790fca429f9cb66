/**
 * The debt indicators, the composite risk score and the warning tier, as pure functions of one year's figures and the
 * agency's configuration, so the rating can be checked by hand.
 */
import type { PluginRule } from '@chengxin/plugin-sdk';
import {
  INDICATOR_LABELS,
  INDICATORS,
  TIER_LABELS,
  type DebtConfig,
  type FigureInput,
  type IndicatorKey,
  type RatingOut,
  type Tier,
} from '../contract';

export const RULES = {
  indicators: {
    id: 'local-debt.indicators',
    summaryZh:
      '债务率、新增债务率（当年新增债务额 ÷ 上年末债务余额）、偿债率、逾期债务率按权重合成风险得分（权重与上限为本单位配置）',
    summaryEn:
      'Debt, new-debt (new debt ÷ last year-end balance), debt-service and overdue ratios combined with weights into a risk score (weights and limits are settings)',
    // §35 ¶5 only sets up the warning mechanism; the indicators and their formulas come from the Ministry's practice.
    source: {
      law: '中华人民共和国预算法（2018）第三十五条第五款（建立地方政府债务风险评估和预警机制）；指标口径据财政部地方政府债务风险评估做法（二手）',
      article: '第三十五条第五款',
      confidence: '2nd',
    },
    setting: 'weights, limits',
  },
  overdueTiers: {
    id: 'local-debt.overdue_tiers',
    summaryZh: '逾期债务率10%（含）至20%为黄色、20%（含）至50%为橙色、50%以上（含50%）为红色预警（档次为本单位配置）',
    summaryEn:
      'Overdue ratio from 10 % yellow, from 20 % orange, from 50 % (inclusive: 以上 includes the number) red (tiers are settings)',
    source: { law: '地方政府债务风险预警（广东省做法）', article: '逾期债务率分档', confidence: '2nd' },
    setting: 'overdueTiers',
  },
  overdueRecord: {
    id: 'local-debt.overdue_debt_record',
    summaryZh: '地方政府逾期未偿还债务的，提出政务失信记录草稿，由录入员核实后提交',
    summaryEn: 'Overdue government debt proposes a draft dishonesty record for an officer to confirm',
    // The record rests on the plan; 预算法 §35 sets up warning and accountability, not credit records.
    source: {
      law: '天津市人民政府关于加强政务诚信建设的实施意见（津政发〔2017〕29号）',
      article: '加强地方政府债务领域政务诚信建设（逾期债务记入政务失信记录）',
      confidence: '2nd',
    },
  },
} as const satisfies Record<string, PluginRule>;

type Figures = Pick<
  FigureInput,
  'balanceFen' | 'capacityFen' | 'principalInterestDueFen' | 'overdueFen' | 'newDebtFen'
> & {
  /** Last year-end's debt balance, the base of the new-debt ratio; when the year is missing, balance − new debt. */
  priorBalanceFen?: number | null;
};

export function indicatorValues(f: Figures): Record<IndicatorKey, number> {
  const prior = f.priorBalanceFen ?? Math.max(f.balanceFen - f.newDebtFen, 0);
  return {
    debtRatio: f.balanceFen / f.capacityFen,
    newDebtRatio: prior > 0 ? f.newDebtFen / prior : 0,
    serviceRatio: f.principalInterestDueFen / f.capacityFen,
    overdueRatio: f.balanceFen > 0 ? f.overdueFen / f.balanceFen : 0,
  };
}

export function tierOf(overdueRatio: number, config: DebtConfig): Tier {
  const t = config.overdueTiers;
  // "50%以上" includes 50 % (以上 includes the number itself).
  return overdueRatio >= t.red
    ? 'red'
    : overdueRatio >= t.orange
      ? 'orange'
      : overdueRatio >= t.yellow
        ? 'yellow'
        : 'none';
}

const round = (v: number, digits: number) => Math.round(v * 10 ** digits) / 10 ** digits;

/** Each indicator scores 0–100 in proportion to its limit (capped); the composite is their weighted sum. */
export function rate(f: Figures, config: DebtConfig): Pick<RatingOut, 'indicators' | 'score' | 'tier' | 'tierZh'> {
  const values = indicatorValues(f);
  const indicators = INDICATORS.map((key) => {
    const points = Math.min(values[key] / config.limits[key], 1) * 100;
    return {
      key,
      labelZh: INDICATOR_LABELS[key].zh,
      formulaZh: INDICATOR_LABELS[key].formulaZh,
      value: round(values[key], 4),
      limit: config.limits[key],
      weight: config.weights[key],
      points: round(points, 2),
    };
  });
  const score = round(
    indicators.reduce((s, i) => s + i.points * i.weight, 0),
    2,
  );
  const tier = tierOf(values.overdueRatio, config);
  return { indicators, score, tier, tierZh: TIER_LABELS[tier].zh };
}
