import { settingValue } from '@chengxin/contract/settings';
import type { SanctionType } from '@chengxin/contract';
import type { AppliedRule, RuleSource } from '../../records';

/**
 * Consequences for annual assessment, honours and promotion, as a rule table. The next-year rule is marked [?] in
 * docs/DOMAIN.md, so it is configuration (off unless CHENGXIN_ASSESSMENT_NEXT_YEAR_RULE=on).
 */
// The plan's year is sure, its day is not: rules from it apply from 1 January 2017.
const TIANJIN_PLAN: RuleSource = {
  law: '天津市人民政府关于加强政务诚信建设的实施意见（津政发〔2017〕29号）',
  article: '失信惩戒：公务员有政务失信记录的，年度考核不得评为优秀（实施方案自身的规定，与考核规定并列适用）',
  confidence: '2nd',
};
const OLD_ASSESSMENT: RuleSource = {
  law: '公务员考核规定（试行）（2007）（原文未能读到；据组织人事部门公开解读，二手）',
  article: '受警告处分当年不得评为优秀；受记过以上处分期间不定等次',
  confidence: '2nd',
};
// The 2020 revision keys on the year the sanction is imposed; its text was not available to us (LawRefBook holds no
// 公务员考核规定), so the rule rests on published summaries of its 第二十五条 (2nd).
const ASSESSMENT_2020: RuleSource = {
  law: '公务员考核规定（2020年12月修订，中共中央组织部、人力资源社会保障部）（原文未能读到；据公开解读，二手）',
  article: '第二十五条（受处分当年的考核等次；解除处分当年及以后不受影响）',
  confidence: '2nd',
};

/**
 * Each rule applies from its effective date (and until its end, when a later rule replaces it): an assessment year,
 * honours date or promotion date is judged by the rules in force then.
 */
export const ASSESSMENT_RULES = {
  dishonesty: {
    effectiveFrom: '2017-01-01',
    effectiveTo: null,
    ruleId: 'assessment.dishonesty-not-excellent',
    summaryZh: '有效期内有政务失信记录的，当年年度考核不得评为优秀',
    summaryEn: 'A government-dishonesty record in effect during the year: not 优秀 that year',
    source: TIANJIN_PLAN,
  },
  warning: {
    effectiveFrom: '2007-06-01',
    effectiveTo: null,
    ruleId: 'assessment.warning-not-excellent',
    summaryZh: '受警告处分的，给予处分当年年度考核不得评为优秀',
    summaryEn: 'A warning imposed in the year: not 优秀 that year',
    source: { ...ASSESSMENT_2020, article: '第二十五条（受警告处分的当年不得确定为优秀等次）；2007年试行规定同' },
  },
  /** Until the 2020 revision (applied to assessment years ending after 2020-12-28): the whole period barred a grade. */
  demeritOrHeavier: {
    effectiveFrom: '2007-06-01',
    effectiveTo: '2020-12-28',
    ruleId: 'assessment.demerit-no-grade',
    summaryZh: '受记过、记大过、降级、撤职处分期间参加年度考核的，只写评语，不定等次',
    summaryEn: 'A demerit or heavier sanction in effect during the year: assessed without a grade',
    source: OLD_ASSESSMENT,
  },
  demeritOrHeavierImposed: {
    effectiveFrom: '2020-12-28',
    effectiveTo: null,
    ruleId: 'assessment.demerit-no-grade-year-imposed',
    summaryZh: '受记过、记大过、降级、撤职处分的，给予处分当年年度考核不定等次；解除处分当年及以后不受影响',
    summaryEn:
      'A demerit or heavier sanction imposed in the year: no grade that year; the year it is lifted and later are unaffected',
    source: ASSESSMENT_2020,
  },
  heavyNextYear: {
    effectiveFrom: null,
    effectiveTo: null,
    ruleId: 'assessment.heavy-next-year',
    summaryZh: '受记大过、降级、撤职处分的，当年及次年不定等次（配置项，默认不启用）',
    summaryEn: 'Major demerit, demotion or removal: no grade that year and the next (setting, off by default)',
    source: { law: '二手资料摘要（待核实）', article: '—', confidence: 'unconfirmed' },
  },
  honours: {
    effectiveFrom: '2017-01-01',
    effectiveTo: null,
    ruleId: 'honours.dishonesty',
    summaryZh: '有效期内有政务失信记录的单位，不得参加荣誉评选',
    summaryEn: 'A body with a government-dishonesty record in effect may not be put forward for honours',
    source: { ...TIANJIN_PLAN, article: '失信惩戒：有政务失信记录的单位不得参加荣誉评选' },
  },
  promotion: {
    effectiveFrom: '2006-01-01',
    effectiveTo: null,
    ruleId: 'promotion.sanction-period',
    summaryZh: '公务员在受处分期间不得晋升职务、职级和级别',
    summaryEn: 'No promotion of post, rank or grade during a sanction period',
    source: {
      law: '中华人民共和国公务员法（2005年施行；2018年修订第六十四条）',
      article: '第六十四条',
      confidence: 'law',
    },
  },
} as const satisfies Record<string, AppliedRule & { effectiveFrom: string | null; effectiveTo: string | null }>;

/** Whether a rule is in force at some time in [from, to). */
/** The rule in force on the last day of the assessment year: a year is assessed at its end, under the rule then. */
export const inForceAtYearEnd = (rule: { effectiveFrom: string | null; effectiveTo: string | null }, year: number) =>
  inForce(rule, `${year}-12-31`, `${year + 1}-01-01`);

export const inForce = (rule: { effectiveFrom: string | null; effectiveTo: string | null }, from: string, to: string) =>
  (!rule.effectiveFrom || rule.effectiveFrom < to) && (!rule.effectiveTo || rule.effectiveTo > from);

export const HEAVY_NEXT_YEAR_ON = () => settingValue('CHENGXIN_ASSESSMENT_NEXT_YEAR_RULE') === 'on';
export const NO_GRADE_SANCTIONS: readonly SanctionType[] = ['demerit', 'major_demerit', 'demotion', 'removal'];
export const HEAVY_SANCTIONS: readonly SanctionType[] = ['major_demerit', 'demotion', 'removal'];
export const GRADES = ['excellent', 'competent', 'basically_competent', 'incompetent'] as const;
export const GRADE_LABELS: Record<(typeof GRADES)[number] | 'ungraded', string> = {
  excellent: '优秀',
  competent: '称职',
  basically_competent: '基本称职',
  incompetent: '不称职',
  ungraded: '不定等次',
};
