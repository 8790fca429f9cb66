/**
 * What a record must have before a person sends it on (submit) and before a reviewer moves it towards the public
 * (approve, publish): nothing a rule proposed is left unconfirmed, and the fields the record's type needs for
 * publication are there. "Nothing a rule proposes reaches the public without a person confirming it."
 */
import {
  PENALTY_CATEGORY_LABELS,
  PLACEHOLDER_DECISION_NO,
  PROPOSED_FIELDS,
  penaltyPayload,
  type PenaltyCategory,
  type ProposedField,
} from '@chengxin/contract';
import type { RowIssue } from '../../core';

const issue = (field: string, code: string, messageZh: string, messageEn: string): RowIssue => ({
  field,
  code,
  messageZh,
  messageEn,
});

/** The rule's proposal a draft carries in `payload.proposedBy` (written by the plugin runtime). */
interface Proposal {
  ruleId?: string;
  summaryZh?: string;
  proposed?: Partial<Record<ProposedField, string>>;
  unconfirmed?: ProposedField[];
}

export function proposalOf(payload: Record<string, unknown>): Proposal | null {
  const p = payload['proposedBy'];
  return p && typeof p === 'object' && !Array.isArray(p) ? (p as Proposal) : null;
}

/**
 * A correction keeps the rule's proposal (it is the kernel's, not the payload writer's) and takes off the list of
 * unconfirmed fields each one the correction changes or names in `confirm`.
 */
export function carryProposal(
  before: Record<string, unknown>,
  after: Record<string, unknown>,
  changed: readonly string[],
  confirm: readonly ProposedField[] = [],
): Record<string, unknown> {
  const old = proposalOf(before);
  if (!old) return after;
  const incoming = proposalOf(after) ?? {};
  const confirmed = new Set<string>([...confirm, ...changed]);
  const unconfirmed = (old.unconfirmed ?? []).filter((f) => !confirmed.has(f));
  return {
    ...after,
    proposedBy: { ...old, ...incoming, proposed: old.proposed, unconfirmed },
  };
}

const FIELD_ZH: Record<ProposedField, string> = { decisionNo: '决定文号', decisionDate: '决定日期' };

/** Rule-proposed values still unconfirmed, and placeholder decision numbers (however they were written). */
export function unconfirmedIssues(c: { decisionNo: string; payload: Record<string, unknown> }): RowIssue[] {
  const proposal = proposalOf(c.payload);
  const open = new Set(proposal?.unconfirmed?.filter((f) => (PROPOSED_FIELDS as readonly string[]).includes(f)) ?? []);
  const out: RowIssue[] = [];
  if (PLACEHOLDER_DECISION_NO.test(c.decisionNo) || open.has('decisionNo'))
    out.push(
      issue(
        'decisionNo',
        'DECISION_NO_PLACEHOLDER',
        `决定文号“${c.decisionNo}”是规则提出的占位内容，请填写实际的决定书文号后再提交`,
        'The decision number is a placeholder a rule wrote: enter the real decision number first',
      ),
    );
  if (open.has('decisionDate'))
    out.push(
      issue(
        'decisionDate',
        'DECISION_DATE_UNCONFIRMED',
        `${FIELD_ZH.decisionDate}“${proposal?.proposed?.decisionDate ?? ''}”是规则推定的，请核实并填写（或确认）实际决定日期后再提交`,
        'The decision date was inferred by a rule: enter or confirm the real decision date first',
      ),
    );
  return out;
}

/** Penalty categories that name a figure or a licence the national disclosure fields then require. */
const CATEGORY_NEEDS: Partial<Record<PenaltyCategory, { field: string; zh: string; en: string }>> = {
  fine: { field: 'fineFen', zh: '罚款金额', en: 'fine amount' },
  confiscation: { field: 'confiscationFen', zh: '没收违法所得、没收非法财物的金额', en: 'confiscated amount' },
  licence_suspension: { field: 'licence', zh: '暂扣或吊销证照名称及编号', en: 'licence name and number' },
  licence_revocation: { field: 'licence', zh: '暂扣或吊销证照名称及编号', en: 'licence name and number' },
};

/**
 * The fields a type needs before publication. Administrative penalties: the national 行政处罚 disclosure fields —
 * 处罚类别 and 处罚内容 always; the amount or licence a category names.
 */
export function publicationFieldIssues(typeKey: string, payload: Record<string, unknown>): RowIssue[] {
  if (typeKey !== 'administrative_penalty') return [];
  const parsed = penaltyPayload.safeParse(payload);
  const p = parsed.success ? parsed.data : {};
  const out: RowIssue[] = [];
  const need = (field: string, zh: string, en: string) =>
    out.push(
      issue(
        `payload.${field}`,
        'PUBLICATION_FIELD_REQUIRED',
        `行政处罚记录公示须填写“${zh}”`,
        `An administrative penalty needs its ${en} before it is submitted`,
      ),
    );
  if (!p.penaltyCategories?.length) need('penaltyCategories', '处罚类别', 'penalty category');
  if (!p.penaltyContent) need('penaltyContent', '处罚内容', 'penalty content');
  const seen = new Set<string>();
  for (const c of p.penaltyCategories ?? []) {
    const n = CATEGORY_NEEDS[c];
    if (!n || seen.has(n.field)) continue;
    seen.add(n.field);
    const v = (p as Record<string, unknown>)[n.field];
    if (v === undefined || v === null || v === '')
      need(n.field, `${n.zh}（处罚类别含“${PENALTY_CATEGORY_LABELS[c].zh}”）`, n.en);
  }
  return out;
}

/**
 * Everything that stops a record being submitted: the one check `kernel.records.submit` applies and the bulk ingest
 * applies to every row that enters (or, corrected from its source, stays) past draft.
 */
export function submitIssues(c: { typeKey: string; decisionNo: string; payload: Record<string, unknown> }): RowIssue[] {
  return [...unconfirmedIssues(c), ...publicationFieldIssues(c.typeKey, c.payload)];
}
