import { addMonths, type LegalDate, SANCTION_LABELS, type SanctionType } from '@chengxin/contract';
import { READINGS, readingValue } from './readings';
import { ruleMemo, type AppliedRule, type RuleSource } from './source';

/**
 * Civil-servant sanction rule sets (docs/DOMAIN.md). Each record is judged by the set in force on its decision date;
 * lifting by the set in force when the period ends. Periods run from the day the decision takes effect, which is the
 * day it is made (政务处分法 §8 ¶2, 条例 §46).
 */
export interface SanctionRuleSet {
  id: 'cs-sanctions-2007' | 'cs-sanctions-2019' | 'gov-sanctions-2020';
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
const CSL_2018 = '《中华人民共和国公务员法》（2018年修订，2019年6月1日施行）';

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
    effectiveTo: '2019-05-31',
    periods: periods2007('第七条'),
    combinableTypes: ['warning', 'demerit', 'major_demerit', 'demotion', 'removal'],
    combinationMaxMonths: 48,
    combinationSource: { law: REG_2007, article: '第十条第一款、第三款', confidence: 'law' },
    addsUnservedRemainder: true,
    remainderSource: { law: REG_2007, article: '第十条第二款', confidence: 'law' },
    liftingAutomatic: false,
    liftingSource: {
      law: REG_2007,
      article: '第九条第二款（期满后应当解除处分，须作出解除处分的决定）；第四十六条（解除处分决定自作出之日起生效）',
      confidence: 'law',
    },
  },
  {
    // The 2018 Civil Servant Law made lifting automatic from 2019-06-01; the 2007 regulation's other rules (combining,
    // the unserved remainder) stayed in force until the 2020 law replaced them.
    id: 'cs-sanctions-2019',
    nameZh: '行政机关公务员处分条例（2007）与公务员法（2018）',
    effectiveFrom: '2019-06-01',
    effectiveTo: '2020-06-30',
    periods: periods2007('第七条（公务员法第六十四条第二款同）'),
    combinableTypes: ['warning', 'demerit', 'major_demerit', 'demotion', 'removal'],
    combinationMaxMonths: 48,
    combinationSource: { law: REG_2007, article: '第十条第一款、第三款', confidence: 'law' },
    addsUnservedRemainder: true,
    remainderSource: { law: REG_2007, article: '第十条第二款', confidence: 'law' },
    liftingAutomatic: true,
    liftingSource: {
      law: CSL_2018,
      article:
        '第六十五条第一款（期满后自动解除，须有悔改表现且未再发生违纪违法行为）；第一百一十三条（2019年6月1日施行）',
      confidence: 'law',
    },
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
    // 第十五条 "撤职以下多个相同政务处分": 以下 includes the named term (民法典 §1259), so demotion and removal combine too.
    combinableTypes: ['warning', 'demerit', 'major_demerit', 'demotion', 'removal'],
    combinationMaxMonths: 48,
    combinationSource: {
      law: LAW_2020,
      article: '第十五条（“撤职以下”含撤职，民法典第一千二百五十九条）',
      confidence: 'law',
    },
    addsUnservedRemainder: false,
    remainderSource: null,
    liftingAutomatic: true,
    liftingSource: {
      law: LAW_2020,
      article:
        '第二十六条第二款（期满后自动解除，须有悔改表现且未再发生违法行为）；《中华人民共和国公务员法》（2018）第六十五条',
      confidence: 'law',
    },
  },
];

export const SANCTION_SEVERITY_ORDER: SanctionType[] = [
  'warning',
  'demerit',
  'major_demerit',
  'demotion',
  'removal',
  'dismissal',
];

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
  /** The decision's number: records of one person with the same number were decided together (§15 / 条例 §10 ¶1). */
  decisionNo?: string;
  /** Several offences of one type decided together: the decided period, checked against the allowed range. */
  combinedMonths?: number;
  /** Several offences decided together: how many of this type (≥ 2 allows `combinedMonths`). */
  offenceCount?: number;
  /** Other sanctions the same decision found due for other offences: only the heaviest is executed. */
  decidedTogether?: SanctionType[];
  /** Sanctions of the same person still running on the effective date (for the 2007 remainder rule). */
  running?: { end: LegalDate; decisionNo?: string; decisionDate?: LegalDate; sanctionType?: SanctionType }[];
}

type Refusal =
  | 'SANCTION_NOT_A_RECORD'
  | 'SANCTION_COMBINED_OUT_OF_RANGE'
  | 'SANCTION_NOT_COMBINABLE'
  | 'SANCTION_NOT_HEAVIEST'
  | 'SANCTION_SAME_DECISION';
export type SanctionPeriod =
  | {
      ok: true;
      ruleSetId: SanctionRuleSet['id'];
      start: LegalDate;
      end: LegalDate | null;
      months: number | null;
      rules: AppliedRule[];
    }
  | { ok: false; code: Refusal; field: string; messageZh: string; messageEn: string };

const refuse = (code: Refusal, field: string, messageZh: string, messageEn: string): SanctionPeriod => ({
  ok: false,
  code,
  field,
  messageZh,
  messageEn,
});

/** The impact period of one sanction decision, with every rule applied and its source. */
export function sanctionPeriod(input: SanctionInput): SanctionPeriod {
  const set = sanctionRuleSetFor(input.decisionDate);
  const base = set.periods[input.sanctionType];
  const typeZh = SANCTION_LABELS[input.sanctionType].zh;
  if (base.months === null) {
    if (readingValue('dismissalInFile') === 'included') {
      return {
        ok: true,
        ruleSetId: set.id,
        start: input.effectiveDate,
        end: null,
        months: null,
        rules: [periodRule(set, input.sanctionType), dismissalRule()],
      };
    }
    return refuse(
      'SANCTION_NOT_A_RECORD',
      'sanctionType',
      '开除处分终止任职关系，依《天津市加强政务诚信建设实施方案》“开除以下处分”的默认解读不作为政务失信记录（可在设置中改为包含）',
      'Dismissal ends employment and is not a record under the default reading of the Tianjin plan ("below dismissal"); a setting can include it',
    );
  }
  // 政务处分法 §15 / 条例 §10 ¶1: of different sanctions decided together only the heaviest is executed. The record is
  // that one; the lighter ones are named in it, so the file explains why they do not run.
  const together = (input.decidedTogether ?? []).filter((t) => t !== input.sanctionType);
  if (together.length > 0) {
    const heaviest = heaviestSanction([input.sanctionType, ...together]);
    if (heaviest !== input.sanctionType) {
      return refuse(
        'SANCTION_NOT_HEAVIEST',
        'sanctionType',
        `同一决定给予两种以上处分的，只执行其中最重的处分（${set.combinationSource.law}）：本记录应为“${SANCTION_LABELS[heaviest].zh}”，较轻的处分列入“一并给予的处分”`,
        `Of sanctions decided together only the heaviest is executed: record ${SANCTION_LABELS[heaviest].en} and list the lighter ones as decided together`,
      );
    }
  }
  // One decision = same number and same date (a number reused in another year is another decision).
  const sameDecision = input.decisionNo
    ? (input.running ?? []).filter((r) => r.decisionNo === input.decisionNo && r.decisionDate === input.decisionDate)
    : [];
  if (sameDecision.length > 0) {
    return refuse(
      'SANCTION_SAME_DECISION',
      'decisionNo',
      `此人已有同一决定（${input.decisionNo}）的处分记录：一并作出的处分只执行最重的一种（同种多个的合并处分期），请更正原记录，不要另建记录`,
      `This person already has a sanction from decision ${input.decisionNo}: sanctions decided together are one record (the heaviest, or one combined period); correct that record instead`,
    );
  }
  const rules: AppliedRule[] = [periodRule(set, input.sanctionType)];
  if (together.length > 0) rules.push(concurrenceRule(set, input.sanctionType, together));
  let months = base.months;
  if (input.combinedMonths !== undefined) {
    const count = input.offenceCount ?? 0;
    if (!set.combinableTypes.includes(input.sanctionType) || count < 2) {
      return refuse(
        'SANCTION_NOT_COMBINABLE',
        'combinedMonths',
        `${typeZh}不属于可合并确定处分期的情形（须同一种类处分两个以上，适用${set.combinationSource.article}）`,
        `A combined period needs two or more sanctions of a combinable type (${set.combinationSource.article})`,
      );
    }
    const max = Math.min(base.months * count, set.combinationMaxMonths);
    if (input.combinedMonths < base.months || input.combinedMonths > max) {
      return refuse(
        'SANCTION_COMBINED_OUT_OF_RANGE',
        'combinedMonths',
        `合并处分期应在${base.months}至${max}个月之间（一个处分期以上、多个处分期之和以下，最长${set.combinationMaxMonths}个月）`,
        `The combined period must be between ${base.months} and ${max} months`,
      );
    }
    months = input.combinedMonths;
    rules.push(combinationRule(set, months));
  }
  let end = addMonths(input.effectiveDate, months);
  if (set.addsUnservedRemainder && input.running && input.running.length > 0) {
    // 条例 §10 ¶2: the unserved part of the running period is added exactly, day for day: the new period starts where
    // the latest running one ends. The whole never exceeds 48 months from the new decision's effective date.
    const latest = input.running.map((r) => r.end).reduce((a, b) => (b > a ? b : a));
    if (latest > input.effectiveDate) {
      const cap = addMonths(input.effectiveDate, set.combinationMaxMonths);
      const withRemainder = addMonths(latest, months);
      end = withRemainder < cap ? withRemainder : cap;
      rules.push(remainderRule(set));
    }
  }
  rules.push(liftingRule(sanctionRuleSetFor(end)));
  return { ok: true, ruleSetId: set.id, start: input.effectiveDate, end, months, rules };
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

function remainderRule(set: SanctionRuleSet): AppliedRule {
  return cached(set, 'remainder', () => ({
    ruleId: `${set.id}.remainder`,
    summaryZh: `受处分期间受到新处分，处分期为原处分期尚未执行的期限与新处分期之和（新处分期自原处分期届满之日起接续计算，按日精确，最长${set.combinationMaxMonths}个月）`,
    summaryEn: `New sanction during a running one: the unserved remainder is added exactly (the new period runs on from the running one's end; max ${set.combinationMaxMonths} months)`,
    source: set.remainderSource ?? set.combinationSource,
  }));
}

function concurrenceRule(set: SanctionRuleSet, executed: SanctionType, lighter: SanctionType[]): AppliedRule {
  const key = [...new Set(lighter)].sort().join('+');
  return cached(set, `concurrence.${executed}.${key}`, () => ({
    ruleId: `${set.id}.concurrence.${executed}.${key}`,
    summaryZh: `同一决定给予两种以上处分，执行其中最重的${SANCTION_LABELS[executed].zh}；一并给予的${[...new Set(lighter)].map((t) => SANCTION_LABELS[t].zh).join('、')}不另执行`,
    summaryEn: `Several sanctions decided together: only ${SANCTION_LABELS[executed].en} (the heaviest) is executed; ${[...new Set(lighter)].map((t) => SANCTION_LABELS[t].en).join(', ')} are not`,
    source:
      set.id === 'gov-sanctions-2020'
        ? { law: LAW_2020, article: '第十五条', confidence: 'law' }
        : { law: REG_2007, article: '第十条第一款', confidence: 'law' },
  }));
}

function dismissalRule(): AppliedRule {
  const r = READINGS.dismissalInFile;
  return { ruleId: r.id, summaryZh: r.options[1].labelZh, summaryEn: r.options[1].labelEn, source: r.source };
}

/** The rule behind a stored rule id (versions store ids; the text and source come from the rule table). */
export function sanctionRuleById(id: string): AppliedRule | null {
  if (id === READINGS.dismissalInFile.id) return dismissalRule();
  const set = SANCTION_RULE_SETS.find((s) => id.startsWith(`${s.id}.`));
  if (!set) return null;
  const rest = id.slice(set.id.length + 1).split('.');
  if (rest[0] === 'period' && rest[1] && rest[1] in set.periods) return periodRule(set, rest[1] as SanctionType);
  if (rest[0] === 'lifting') return liftingRule(set);
  if (rest[0] === 'combination' && rest[1]) return combinationRule(set, Number(rest[1]));
  // Older versions stored the remainder in whole months (`remainder.N`); the rule text is the same exact rule now.
  if (rest[0] === 'remainder') return remainderRule(set);
  if (rest[0] === 'concurrence' && rest[1] && rest[2])
    return concurrenceRule(set, rest[1] as SanctionType, rest[2].split('+') as SanctionType[]);
  return null;
}

function liftingRule(set: SanctionRuleSet): AppliedRule {
  return cached(set, 'lifting', () => ({
    ruleId: `${set.id}.lifting`,
    summaryZh: set.liftingAutomatic ? '处分期满自动解除' : '处分期满经决定解除',
    summaryEn: set.liftingAutomatic
      ? 'Lifted automatically when the period ends'
      : 'Lifted by a decision when the period ends',
    source: set.liftingSource,
  }));
}

/** Several offences of different types decided together: only the heaviest applies (条例 §10 ¶1, 政务处分法 §15). */
export function heaviestSanction(types: SanctionType[]): SanctionType {
  return types.reduce((a, b) => (SANCTION_SEVERITY_ORDER.indexOf(b) > SANCTION_SEVERITY_ORDER.indexOf(a) ? b : a));
}
