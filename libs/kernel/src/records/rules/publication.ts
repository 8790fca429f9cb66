import { addMonths, type LegalDate, SEVERITY_LABELS, type Severity } from '@chengxin/contract';
import { ruleMemo, type AppliedRule, type RuleSource } from './source';

/**
 * Publication windows by severity (DOMAIN.md §3), counted from the decision date of the document that found the
 * dishonesty. Repair may end publication early only after the minimum; publication stops at the maximum.
 * These values are only confirmed in secondary copies: they are defaults that a deployment may override.
 */
export interface PublicationRuleSet {
  id: string;
  nameZh: string;
  effectiveFrom: LegalDate;
  bySeverity: Record<Severity, { minMonths: number; maxMonths: number; mayOmit: boolean }>;
  source: RuleSource;
}

export const PUBLICATION_RULE_SETS: PublicationRuleSet[] = [
  {
    id: 'publication-2019',
    nameZh: '行政处罚信息信用修复（发改办财金〔2019〕527号）',
    effectiveFrom: '2019-07-01',
    bySeverity: {
      minor: { minMonths: 0, maxMonths: 3, mayOmit: true },
      ordinary: { minMonths: 3, maxMonths: 12, mayOmit: false },
      serious: { minMonths: 6, maxMonths: 36, mayOmit: false },
    },
    source: { law: '《国家发展改革委办公厅关于进一步完善“信用中国”网站及地方信用门户网站行政处罚信息信用修复机制的通知》（发改办财金〔2019〕527号）', article: '第二条', confidence: '2nd' },
  },
  {
    id: 'publication-2026',
    nameZh: '失信信息公示期限（国办发〔2025〕22号；《信用修复管理办法》）',
    effectiveFrom: '2026-04-01',
    bySeverity: {
      minor: { minMonths: 0, maxMonths: 3, mayOmit: true },
      ordinary: { minMonths: 3, maxMonths: 12, mayOmit: false },
      serious: { minMonths: 12, maxMonths: 36, mayOmit: false },
    },
    source: { law: '国办发〔2025〕22号；国家发展改革委令第36号《信用修复管理办法》（2026年4月1日施行）', article: '公示期限条款', confidence: '2nd' },
  },
];

export function publicationRuleSetFor(decisionDate: LegalDate, sets: PublicationRuleSet[] = PUBLICATION_RULE_SETS): PublicationRuleSet {
  return [...sets].reverse().find((s) => s.effectiveFrom <= decisionDate) ?? sets[0]!;
}

export interface PublicationWindow {
  ruleSetId: string;
  start: LegalDate;
  /** Repair may end publication from this date on. */
  minEnd: LegalDate;
  /** Publication ends automatically on this date (exclusive: published on every date before it). */
  maxEnd: LegalDate;
  rule: AppliedRule;
}

export function publicationWindow(severity: Severity, decisionDate: LegalDate, sets?: PublicationRuleSet[]): PublicationWindow {
  const set = publicationRuleSetFor(decisionDate, sets);
  const r = set.bySeverity[severity];
  return {
    ruleSetId: set.id,
    start: decisionDate,
    minEnd: addMonths(decisionDate, r.minMonths),
    maxEnd: addMonths(decisionDate, r.maxMonths),
    rule: cachedRule(set, severity),
  };
}

/** The rule behind a stored rule id such as `publication-2026.serious`. */
export function publicationRuleById(id: string): AppliedRule | null {
  const set = PUBLICATION_RULE_SETS.find((s) => id.startsWith(`${s.id}.`));
  const severity = set && id.slice(set.id.length + 1);
  return set && severity && severity in set.bySeverity ? cachedRule(set, severity as Severity) : null;
}

const cached = ruleMemo<PublicationRuleSet>();

function cachedRule(set: PublicationRuleSet, severity: Severity): AppliedRule {
  return cached(set, severity, () => {
    const r = set.bySeverity[severity];
    return {
      ruleId: `${set.id}.${severity}`,
      summaryZh: `${SEVERITY_LABELS[severity].zh}失信信息公示期${r.minMonths}至${r.maxMonths}个月，自认定失信行为的决定作出之日起计算${r.mayOmit ? '（可不予公示）' : ''}`,
      summaryEn: `${SEVERITY_LABELS[severity].en}: published ${r.minMonths}–${r.maxMonths} months from the decision date${r.mayOmit ? ' (may be omitted)' : ''}`,
      source: set.source,
    };
  });
}
