import { setting } from '../core/settings';
import type { RuleSource } from '../records';

/**
 * Deadlines of the due-process procedures, in working days. Tianjin's own numbers are not confirmed (docs/DOMAIN.md
 * marks them unconfirmed), so each is configuration with a labelled default, and names where the default comes from.
 */

export interface ProcessRule {
  id: string;
  workingDays: number;
  /** The environment variable that overrides the default. */
  setting: string;
  summaryZh: string;
  summaryEn: string;
  source: RuleSource;
}

const TIANJIN: RuleSource = {
  law: '天津市社会信用条例（2021）',
  article: '异议处理条款（天数未核实，取默认值）',
  confidence: 'unconfirmed',
};

const rule = (
  id: string,
  env: string,
  fallback: number,
  zh: (n: number) => string,
  en: (n: number) => string,
  source: RuleSource,
): ProcessRule => {
  const n = setting(env, fallback);
  return { id, workingDays: n, setting: env, summaryZh: zh(n), summaryEn: en(n), source };
};

export const PROCESS_RULES = {
  objectionMark: rule(
    'objection.mark',
    'CHENGXIN_OBJECTION_MARK_WD',
    1,
    (n) => `收到异议申请后${n}个工作日内对该信息作“异议处理中”标注`,
    (n) => `Mark the record as disputed within ${n} working day(s) of the objection`,
    TIANJIN,
  ),
  objectionDecide: rule(
    'objection.decide',
    'CHENGXIN_OBJECTION_DECIDE_WD',
    5,
    (n) => `收到异议申请后${n}个工作日内作出处理决定`,
    (n) => `Decide within ${n} working days of the objection`,
    TIANJIN,
  ),
  objectionExtension: rule(
    'objection.extension',
    'CHENGXIN_OBJECTION_EXTENSION_WD',
    5,
    (n) => `需其他单位核实的，可延长${n}个工作日，并说明理由`,
    (n) => `Extendable by ${n} working days when another agency must verify, with the reason`,
    TIANJIN,
  ),
  repairDecide: rule(
    'repair.decide',
    'CHENGXIN_REPAIR_DECIDE_WD',
    3,
    (n) => `收到信用修复申请后${n}个工作日内作出决定`,
    (n) => `Decide a credit repair within ${n} working days`,
    { law: '深圳经济特区社会信用条例（参照；天津未核实）', article: '信用修复办理期限', confidence: 'unconfirmed' },
  ),
  complaintTriage: rule(
    'complaint.triage',
    'CHENGXIN_COMPLAINT_TRIAGE_WD',
    3,
    (n) => `收到投诉举报后${n}个工作日内决定是否受理（不属本单位职责的告知有权处理的单位）`,
    (n) => `Accept, refer or mark duplicate within ${n} working days`,
    {
      law: '政务诚信投诉举报处理（天津期限未核实，参照12345热线通行做法取默认值）',
      article: '受理期限',
      confidence: 'unconfirmed',
    },
  ),
  complaintHandle: rule(
    'complaint.handle',
    'CHENGXIN_COMPLAINT_HANDLE_WD',
    15,
    (n) => `受理后${n}个工作日内办结；逾期未办结的，提交上一级单位督办`,
    (n) => `Close within ${n} working days; overdue complaints escalate to the level above`,
    {
      law: '政务诚信投诉举报处理（天津期限未核实，参照12345热线通行做法取默认值）',
      article: '办结期限',
      confidence: 'unconfirmed',
    },
  ),
  rectificationExplain: rule(
    'rectification.explain',
    'CHENGXIN_RECTIFICATION_EXPLAIN_WD',
    10,
    (n) => `有政务失信记录的单位，应在${n}个工作日内作出书面说明并提交整改方案`,
    (n) => `A body with a dishonesty record files a written explanation and a plan within ${n} working days`,
    {
      law: '天津市人民政府关于加强政务诚信建设的实施意见（津政发〔2017〕29号）',
      article: '失信惩戒：书面说明、限期整改（期限未规定，取默认值）',
      confidence: 'unconfirmed',
    },
  ),
  rectificationComplete: rule(
    'rectification.complete',
    'CHENGXIN_RECTIFICATION_COMPLETE_WD',
    40,
    (n) => `整改方案提交后${n}个工作日内完成整改（方案可另定期限）`,
    (n) => `Complete within ${n} working days of the plan unless the plan sets a date`,
    {
      law: '天津市人民政府关于加强政务诚信建设的实施意见（津政发〔2017〕29号）',
      article: '限期整改（期限未规定，取默认值）',
      confidence: 'unconfirmed',
    },
  ),
  rectificationCompleteMax: rule(
    'rectification.complete-max',
    'CHENGXIN_RECTIFICATION_COMPLETE_MAX_WD',
    120,
    (n) => `整改方案自定的完成期限不得晚于提交方案后第${n}个工作日`,
    (n) => `A completion date set by the plan may be at most ${n} working days after the plan`,
    {
      law: '天津市人民政府关于加强政务诚信建设的实施意见（津政发〔2017〕29号）',
      article: '限期整改（期限未规定，取默认值：默认期限的三倍）',
      confidence: 'unconfirmed',
    },
  ),
  revocationReflect: rule(
    'revocation.reflect',
    'CHENGXIN_REVOCATION_REFLECT_WD',
    1,
    (n) => `原决定被撤销的，${n}个工作日内在系统中反映并撤下公示`,
    (n) => `A revoked source decision is reflected (and withdrawn from public view) within ${n} working day(s)`,
    {
      law: '河南省社会信用条例（1个工作日）；山东省社会信用条例（3个工作日）；行政处罚法第四十八条（3日内撤回公示）',
      article: '撤销信息的反映时限（天津取较严者）',
      confidence: 'law',
    },
  ),
} as const;

/**
 * Handling time of a complaint by category, in working days (default from complaint.handle; each category can be set
 * with CHENGXIN_COMPLAINT_HANDLE_WD_<CATEGORY>, e.g. _PAYMENT=10): payment arrears hurt firms fastest.
 */
export const COMPLAINT_CATEGORY_DEFAULTS: Record<string, number> = {
  payment: 10,
  service: 10,
  promise: 15,
  contract: 15,
  procurement: 15,
  other: 15,
};
export function complaintHandleDays(category: string): number {
  const fallback = COMPLAINT_CATEGORY_DEFAULTS[category] ?? PROCESS_RULES.complaintHandle.workingDays;
  return setting(`CHENGXIN_COMPLAINT_HANDLE_WD_${category.toUpperCase()}`, fallback);
}

/** 人大代表建议、政协委员提案 are answered within three months of assignment (default when no due date is given). */
export const PROPOSAL_RULE = {
  id: 'proposal.three-months',
  months: setting('CHENGXIN_PROPOSAL_MONTHS', 3),
  source: {
    law: '全国人民代表大会代表建议、批评和意见办理办法；政协全国委员会提案工作条例（地方参照）',
    article: '交办之日起三个月内办结（天津地方规定未核实）',
    confidence: '2nd',
  } satisfies RuleSource,
};

/** Repair only after the minimum publication period; publication stops, sharing stops, the record stays marked. */
export const REPAIR_RULE = {
  id: 'repair.after-minimum',
  summaryZh: '最短公示期满后方可申请信用修复；修复后停止公示和共享，记录保留并标注',
  summaryEn:
    'Repair may be applied for only after the minimum publication period; publication and sharing stop, the record stays, marked',
  source: {
    law: '国办发〔2025〕22号；国家发展改革委令第36号《信用修复管理办法》（2026年4月1日施行）',
    article: '信用修复条款',
    confidence: '2nd',
  } satisfies RuleSource,
};
