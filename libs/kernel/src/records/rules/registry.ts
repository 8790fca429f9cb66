import { publicationRuleById } from './publication';
import { sanctionRuleById } from './sanctions';
import type { AppliedRule } from './source';

/**
 * Versions store the ids of the rules applied to them; the wording and the legal source are read from the rule
 * table, so a million records do not each carry a copy of the same text.
 */
export function ruleById(id: string): AppliedRule {
  return (
    sanctionRuleById(id) ??
    publicationRuleById(id) ?? {
      ruleId: id,
      summaryZh: '该规则已不在当前规则表中',
      summaryEn: 'This rule is no longer in the rule table',
      source: { law: '—', article: '—', confidence: 'unconfirmed' },
    }
  );
}

export function rulesFromStored(stored: unknown): AppliedRule[] {
  const list = typeof stored === 'string' ? (JSON.parse(stored) as unknown) : stored;
  if (!Array.isArray(list)) return [];
  // Rows written before ids were stored hold whole rule objects; read both shapes.
  return list.map((r) => (typeof r === 'string' ? ruleById(r) : (r as AppliedRule)));
}
