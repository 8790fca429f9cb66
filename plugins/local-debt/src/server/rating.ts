/**
 * The debt indicators, the composite risk score and the warning tier, as pure functions of one year's figures and the
 * agency's configuration, so the rating can be checked by hand.
 */
import type { PluginRule } from '@chengxin/plugin-sdk';
import {
  GRADE_LABELS,
  GRADES,
  INDICATOR_LABELS,
  INDICATORS,
  TIER_LABELS,
  type DebtConfig,
  type FigureInput,
  type Grade,
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
  creditRating: {
    id: 'local-debt.government_credit_rating',
    summaryZh:
      '按年度对各区政府评定信用等级（AAA、AA、A、B、C）：依债务风险得分对照分数线定级，逾期债务预警限定最高等级（黄色不高于A、橙色不高于B、红色为C）；评级方法为配置项，结果报送上一级政府',
    summaryEn:
      'A yearly credit grade per district (AAA … C) from the debt risk score against bounds, capped by the overdue warning; the method is a setting; the grade is published to the level above',
    source: {
      law: '天津市人民政府关于加强政务诚信建设的实施意见（津政发〔2017〕29号）三.5（建立政府信用评级制度）；国发〔2016〕76号',
      article: '三.5',
      confidence: '2nd',
    },
    setting: 'creditRating',
  },
  emergencyResponse: {
    id: 'local-debt.emergency_response',
    summaryZh: '地方政府性债务风险事件按Ⅰ至Ⅳ级分级响应，记录事件、处置措施及日期、处置终结情况',
    summaryEn:
      'A debt risk event is handled by its level (I–IV): the event, each measure with its date, and the closure are kept',
    source: {
      law: '国务院办公厅关于印发地方政府性债务风险应急处置预案的通知（国办函〔2016〕88号）；津政发〔2017〕29号 三.5',
      article: '预案第4、5部分（分级响应、应急处置）',
      confidence: '2nd',
    },
  },
  accountability: {
    id: 'local-debt.accountability',
    summaryZh:
      '地方政府债务逾期（违约）或进入红色预警，逾期债务记录经人工确认并审核通过后，即对记录所涉年度末在任的主要负责人启动问责任务（不待公示）',
    summaryEn:
      'Once the record of a default (or red tier) is confirmed and approved, accountability tasks open for the principal officials in post at that year end, without waiting for publication',
    source: {
      law: '国务院办公厅关于印发地方政府性债务风险应急处置预案的通知（国办函〔2016〕88号）；中华人民共和国预算法（2018）第三十五条第五款；津政发〔2017〕29号 三.5',
      article: '预案第7部分（责任追究）',
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

/**
 * The credit grade from a rating: the score against the bounds (strictly below a bound earns that grade), then the
 * warning cap (the worse of the two), with the reason in words.
 */
export function creditGrade(
  r: Pick<RatingOut, 'score' | 'tier' | 'tierZh'>,
  config: DebtConfig,
): { grade: Grade; explanation: string } {
  const b = config.creditRating.bounds;
  const byScore: Grade =
    r.score < b.AAA ? 'AAA' : r.score < b.AA ? 'AA' : r.score < b.A ? 'A' : r.score < b.B ? 'B' : 'C';
  const cap = r.tier === 'none' ? null : config.creditRating.tierCaps[r.tier];
  const grade = cap && GRADES.indexOf(cap) > GRADES.indexOf(byScore) ? cap : byScore;
  const band =
    byScore === 'AAA'
      ? `低于${b.AAA}分`
      : byScore === 'C'
        ? `不低于${b.B}分`
        : `${b[GRADES[GRADES.indexOf(byScore) - 1] as 'AAA' | 'AA' | 'A']}分（含）至${b[byScore as 'AA' | 'A' | 'B']}分`;
  const explanation =
    `风险得分${r.score}分（${band}）对应${byScore}` +
    (grade !== byScore ? `；${r.tierZh}，等级不高于${cap}，评为${grade}` : `；${r.tierZh}`) +
    `。${GRADE_LABELS[grade].meaningZh}。`;
  return { grade, explanation };
}
