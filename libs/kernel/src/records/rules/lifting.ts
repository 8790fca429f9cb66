import type { LegalDate } from '@chengxin/contract';
import type { AppliedRule } from './source';

/**
 * Lifting needs a clean period: a sanction is lifted when its period ends only if the person "在处分期内…没有再发生
 * 应当给予政务处分的违法行为" (政务处分法 §26 ¶2; 公务员法 2018 §65 ¶1; 条例 2007 §9 ¶2). A new sanction taking effect
 * inside the period shows the condition failed, so the old sanction is not lifted at its end: it stays in effect until
 * the new one is lifted (the first day the person has again served a period without a further violation). Chains
 * follow: a third sanction inside the second's period holds both.
 */
export const LIFTING_WITHHELD: AppliedRule = {
  ruleId: 'sanction.lifting-withheld',
  summaryZh: '处分期内又受到新的处分（再次发生违法违纪行为），原处分期满不自动解除，与新处分同时解除',
  summaryEn:
    'A new sanction during the period: the old one is not lifted when its period ends, but together with the new one',
  source: {
    law: '《中华人民共和国公职人员政务处分法》第二十六条第二款；《中华人民共和国公务员法》（2018）第六十五条第一款；《行政机关公务员处分条例》第九条第二款',
    article: '“没有再发生违法（违纪）行为的，处分期满后（自动）解除”',
    confidence: 'law',
  },
};

export interface SanctionSpan {
  id: string;
  start: LegalDate;
  /** End of the period (exclusive); null = no end. */
  end: LegalDate | null;
}

/**
 * For each sanction of one person, the day it is actually lifted (exclusive end of its effect) and, when that is later
 * than the period's end, the sanction that held it. Pure; sanctions taking effect on the same day were decided
 * together and do not hold each other.
 */
export function liftingDates(list: SanctionSpan[]): Map<string, { until: LegalDate | null; heldBy: string | null }> {
  const sorted = [...list].sort((a, b) => (a.start < b.start ? 1 : a.start > b.start ? -1 : 0));
  const out = new Map<string, { until: LegalDate | null; heldBy: string | null }>();
  // Latest first: a later sanction's own lifting day is known before the earlier ones that it may hold.
  for (const s of sorted) {
    let until = s.end;
    let heldBy: string | null = null;
    for (const t of sorted) {
      if (t.id === s.id || !(t.start > s.start) || (s.end !== null && !(t.start < s.end))) continue;
      const tUntil = out.get(t.id)!.until;
      if (until !== null && (tUntil === null || tUntil > until)) {
        until = tUntil;
        heldBy = t.id;
      }
    }
    out.set(s.id, { until, heldBy });
  }
  return out;
}
