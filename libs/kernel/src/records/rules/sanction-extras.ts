import type { RecordContent, LegalDate } from '@chengxin/contract';
import type { RowIssue } from '../../core';
import { SANCTION_LABELS, SANCTION_TYPES, type SanctionType } from '@chengxin/contract';
import type { AppliedRule } from './source';

/**
 * Two facts of a sanction record that have no column: they travel in the payload of the kernel's disciplinary type.
 * - `payload.decidedTogether`: the other (lighter) sanctions the same decision gave; only the heaviest runs.
 * - `payload.effectiveDateReason`: why the decision took effect after the day it was made. A sanction takes effect
 *   the day it is made (政务处分法 §8 ¶2, 条例 §46), so a later effective date without a reason is refused.
 */
export const EFFECTIVE_ON_DECISION: AppliedRule = {
  ruleId: 'sanction.effective-on-decision',
  summaryZh: '处分决定自作出之日起生效；生效日期晚于决定日期的，须说明理由',
  summaryEn: 'A sanction takes effect the day it is made; a later effective date needs a stated reason',
  source: {
    law: '《中华人民共和国公职人员政务处分法》第八条第二款；《行政机关公务员处分条例》第四十六条',
    article: '“自作出之日起生效”',
    confidence: 'law',
  },
};

const issue = (field: string, code: string, messageZh: string, messageEn: string): RowIssue => ({
  field,
  code,
  messageZh,
  messageEn,
});

export function sanctionExtras(
  content: RecordContent,
  effectiveDate: LegalDate,
): { issues: RowIssue[]; decidedTogether: SanctionType[] } {
  const issues: RowIssue[] = [];
  const reason = content.payload['effectiveDateReason'];
  if (reason !== undefined && (typeof reason !== 'string' || reason.trim().length === 0 || reason.length > 500)) {
    issues.push(
      issue(
        'payload.effectiveDateReason',
        'EFFECTIVE_DATE_REASON_INVALID',
        '生效日期推迟的理由应为1至500字的文字',
        'The reason for a later effective date must be text of 1–500 characters',
      ),
    );
  } else if (effectiveDate > content.decisionDate && reason === undefined) {
    issues.push(
      issue(
        'effectiveDate',
        'EFFECTIVE_AFTER_DECISION',
        `处分决定自作出之日起生效（${EFFECTIVE_ON_DECISION.source.law}）：生效日期${effectiveDate}晚于决定日期${content.decisionDate}，须填写理由（effectiveDateReason）`,
        `A sanction takes effect the day it is made: effective date ${effectiveDate} is after decision date ${content.decisionDate}; give payload.effectiveDateReason`,
      ),
    );
  }
  const raw = content.payload['decidedTogether'];
  if (raw === undefined) return { issues, decidedTogether: [] };
  if (
    !Array.isArray(raw) ||
    raw.length > 10 ||
    !raw.every((t) => (SANCTION_TYPES as readonly unknown[]).includes(t) && t !== 'dismissal')
  ) {
    issues.push(
      issue(
        'payload.decidedTogether',
        'DECIDED_TOGETHER_INVALID',
        `一并给予的处分应为处分种类列表（${SANCTION_TYPES.filter((t) => t !== 'dismissal')
          .map((t) => SANCTION_LABELS[t].zh)
          .join('、')}），最多10项`,
        'decidedTogether must be a list of at most 10 sanction types (not dismissal)',
      ),
    );
    return { issues, decidedTogether: [] };
  }
  return { issues, decidedTogether: raw as SanctionType[] };
}
