import { addMonths, monthsBetween, type LegalDate, SANCTION_LABELS, type SanctionType } from '@chengxin/contract';
import { ruleMemo, type AppliedRule, type RuleSource } from './source';

/**
 * Civil-servant sanction rule sets (DOMAIN.md §2). Each record is judged by the set in force on its decision date.
 * Periods run from the day the decision takes effect (政务处分法 §8 ¶2).
 */
export interface SanctionRuleSet {
  id: 'cs-sanctions-2007' | 'gov-sanctions-2020';
  nameZh: string;
  effectiveFrom: LegalDate;
  effectiveTo: LegalDate | null;
  periods: Record<SanctionType, { months: number | null; source: RuleSource }>;
  /** Types that may be combined into one longer period when several are decided together. */
  combinableTypes: SanctionType[];
  combinationMaxMonths: number;
  combinationSource: RuleSource;
  /** A new sanction during a running one adds the unserved remainder (2007 §10); the 2020 law dropped this. */
  addsUnservedRemainder: boolean;
  remainderSource: RuleSource | null;
  liftingAutomatic: boolean;
  liftingSource: RuleSource;
}

const REG_2007 = '《行政机关公务员处分条例》（2007年国务院令第495号）';
const LAW_2020 = '《中华人民共和国公职人员政务处分法》（2020）';

const periods2007 = (article: string) =>
  ({
    warning: { months: 6, source: { law: REG_2007, article, confidence: 'law' } },
    demerit: { months: 12, source: { law: REG_2007, article, confidence: 'law' } },
    major_demerit: { months: 18, source: { law: REG_2007, article, confidence: 'law' } },
    demotion: { months: 24, source: { law: REG_2007, article, confidence: 'law' } },
    removal: { months: 24, source: { law: REG_2007, article, confidence: 'law' } },
    dismissal: { months: null, source: { law: REG_2007, article: '第六条', confidence: 'law' } },
  }) satisfies SanctionRuleSet['periods'];

export const SANCTION_RULE_SETS: SanctionRuleSet[] = [
  {
    id: 'cs-sanctions-2007',
    nameZh: '行政机关公务员处分条例（2007）',
    effectiveFrom: '2007-06-01',
    effectiveTo: '2020-06-30',
    periods: periods2007('第七条'),
    combinableTypes: ['warning', 'demerit', 'major_demerit', 'demotion', 'removal'],
    combinationMaxMonths: 48,
    combinationSource: { law: REG_2007, article: '第十条第一款、第三款', confidence: 'law' },
    addsUnservedRemainder: true,
    remainderSource: { law: REG_2007, article: '第十条第二款', confidence: 'law' },
    liftingAutomatic: false,
    liftingSource: { law: REG_2007, article: '第五章（处分的解除，须作出解除处分的决定）', confidence: 'law' },
  },
  {
    id: 'gov-sanctions-2020',
    nameZh: '公职人员政务处分法（2020）',
    effectiveFrom: '2020-07-01',
    effectiveTo: null,
    periods: {
      warning: { months: 6, source: { law: LAW_2020, article: '第八条', confidence: 'law' } },
      demerit: { months: 12, source: { law: LAW_2020, article: '第八条', confidence: 'law' } },
      major_demerit: { months: 18, source: { law: LAW_2020, article: '第八条', confidence: 'law' } },
      demotion: { months: 24, source: { law: LAW_2020, article: '第八条', confidence: 'law' } },
      removal: { months: 24, source: { law: LAW_2020, article: '第八条', confidence: 'law' } },
      dismissal: { months: null, source: { law: LAW_2020, article: '第七条', confidence: 'law' } },
    },
    combinableTypes: ['warning', 'demerit', 'major_demerit'],
    combinationMaxMonths: 48,
    combinationSource: { law: LAW_2020, article: '第十五条', confidence: 'law' },
    addsUnservedRemainder: false,
    remainderSource: null,
    liftingAutomatic: true,
    liftingSource: { law: LAW_2020, article: '第二十六条；《中华人民共和国公务员法》（2018）第六十五条', confidence: 'law' },
  },
];

export const SANCTION_SEVERITY_ORDER: SanctionType[] = ['warning', 'demerit', 'major_demerit', 'demotion', 'removal', 'dismissal'];

export function sanctionRuleSetFor(decisionDate: LegalDate): SanctionRuleSet {
  const set = [...SANCTION_RULE_SETS].reverse().find((s) => s.effectiveFrom <= decisionDate);
  // Decisions before 2007-06-01 are judged by the earliest set we hold; the UI shows which set was used.
  return set ?? SANCTION_RULE_SETS[0]!;
}

export interface SanctionInput {
  sanctionType: SanctionType;
  /** The day the decision takes effect; the period runs from it. */
  effectiveDate: LegalDate;
  decisionDate: LegalDate;
  /** Several offences of one type decided together: the decided period, checked against the allowed range. */
  combinedMonths?: number;
  /** Several offences decided together: how many of this type (≥ 2 allows `combinedMonths`). */
  offenceCount?: number;
  /** Sanctions of the same person still running on the effective date (for the 2007 remainder rule). */
  running?: { end: LegalDate }[];
}

export type SanctionPeriod =
  | { ok: true; ruleSetId: SanctionRuleSet['id']; start: LegalDate; end: LegalDate | null; months: number | null; rules: AppliedRule[] }
  | { ok: false; code: 'SANCTION_NOT_A_RECORD' | 'SANCTION_COMBINED_OUT_OF_RANGE' | 'SANCTION_NOT_COMBINABLE'; field: string; messageZh: string; messageEn: string };

/** The impact period of one sanction decision, with every rule applied and its source. */
export function sanctionPeriod(input: SanctionInput): SanctionPeriod {
  const set = sanctionRuleSetFor(input.decisionDate);
  const base = set.periods[input.sanctionType];
  const typeZh = SANCTION_LABELS[input.sanctionType].zh;
  if (base.months === null) {
    return {
      ok: false,
      code: 'SANCTION_NOT_A_RECORD',
      field: 'sanctionType',
      messageZh: '开除处分终止任职关系，依《天津市加强政务诚信建设实施方案》不作为政务失信记录',
      messageEn: 'Dismissal ends employment and is not a government dishonesty record under the Tianjin plan',
    };
  }
  const rules: AppliedRule[] = [periodRule(set, input.sanctionType)];
  let months = base.months;
  if (input.combinedMonths !== undefined) {
    const count = input.offenceCount ?? 0;
    if (!set.combinableTypes.includes(input.sanctionType) || count < 2) {
      return {
        ok: false,
        code: 'SANCTION_NOT_COMBINABLE',
        field: 'combinedMonths',
        messageZh: `${typeZh}不属于可合并确定处分期的情形（须同一种类处分两个以上，适用${set.combinationSource.article}）`,
        messageEn: `A combined period needs two or more sanctions of a combinable type (${set.combinationSource.article})`,
      };
    }
    const max = Math.min(base.months * count, set.combinationMaxMonths);
    if (input.combinedMonths < base.months || input.combinedMonths > max) {
      return {
        ok: false,
        code: 'SANCTION_COMBINED_OUT_OF_RANGE',
        field: 'combinedMonths',
        messageZh: `合并处分期应在${base.months}至${max}个月之间（一个处分期以上、多个处分期之和以下，最长${set.combinationMaxMonths}个月）`,
        messageEn: `The combined period must be between ${base.months} and ${max} months`,
      };
    }
    months = input.combinedMonths;
    rules.push(combinationRule(set, months));
  }
  if (set.addsUnservedRemainder && input.running && input.running.length > 0) {
    const remainder = Math.max(...input.running.map((r) => monthsBetween(input.effectiveDate, r.end)));
    if (remainder > 0) {
      months = Math.min(months + remainder, set.combinationMaxMonths);
      rules.push(remainderRule(set, remainder));
    }
  }
  rules.push(liftingRule(set));
  return { ok: true, ruleSetId: set.id, start: input.effectiveDate, end: addMonths(input.effectiveDate, months), months, rules };
}

const cached = ruleMemo<SanctionRuleSet>();

function periodRule(set: SanctionRuleSet, type: SanctionType): AppliedRule {
  const base = set.periods[type];
  return cached(set, `period.${type}`, () => ({
    ruleId: `${set.id}.period.${type}`,
    summaryZh: `${SANCTION_LABELS[type].zh}处分期${base.months}个月，自处分决定生效之日起计算`,
    summaryEn: `${SANCTION_LABELS[type].en}: ${base.months} months from the effective date`,
    source: base.source,
  }));
}

function combinationRule(set: SanctionRuleSet, months: number): AppliedRule {
  return cached(set, `combination.${months}`, () => ({
    ruleId: `${set.id}.combination.${months}`,
    summaryZh: `多个相同种类处分合并，处分期${months}个月（不超过${set.combinationMaxMonths}个月）`,
    summaryEn: `Several sanctions of one type combined: ${months} months (max ${set.combinationMaxMonths})`,
    source: set.combinationSource,
  }));
}

function remainderRule(set: SanctionRuleSet, remainder: number): AppliedRule {
  return cached(set, `remainder.${remainder}`, () => ({
    ruleId: `${set.id}.remainder.${remainder}`,
    summaryZh: `受处分期间受到新处分，处分期为原处分期尚未执行的${remainder}个月与新处分期之和（最长${set.combinationMaxMonths}个月）`,
    summaryEn: `New sanction during a running one: unserved ${remainder} months added (max ${set.combinationMaxMonths})`,
    source: set.remainderSource ?? set.combinationSource,
  }));
}

/** The rule behind a stored rule id (versions store ids; the text and source come from the rule table). */
export function sanctionRuleById(id: string): AppliedRule | null {
  const set = SANCTION_RULE_SETS.find((s) => id.startsWith(`${s.id}.`));
  if (!set) return null;
  const rest = id.slice(set.id.length + 1).split('.');
  if (rest[0] === 'period' && rest[1] && rest[1] in set.periods) return periodRule(set, rest[1] as SanctionType);
  if (rest[0] === 'lifting') return liftingRule(set);
  if (rest[0] === 'combination' && rest[1]) return combinationRule(set, Number(rest[1]));
  if (rest[0] === 'remainder' && rest[1]) return remainderRule(set, Number(rest[1]));
  return null;
}

function liftingRule(set: SanctionRuleSet): AppliedRule {
  return cached(set, 'lifting', () => ({
    ruleId: `${set.id}.lifting`,
    summaryZh: set.liftingAutomatic ? '处分期满自动解除' : '处分期满经决定解除',
    summaryEn: set.liftingAutomatic ? 'Lifted automatically when the period ends' : 'Lifted by a decision when the period ends',
    source: set.liftingSource,
  }));
}

/** Several offences of different types decided together: only the heaviest applies (2007 §10, 2020 §15). */
export function heaviestSanction(types: SanctionType[]): SanctionType {
  return types.reduce((a, b) => (SANCTION_SEVERITY_ORDER.indexOf(b) > SANCTION_SEVERITY_ORDER.indexOf(a) ? b : a));
}
