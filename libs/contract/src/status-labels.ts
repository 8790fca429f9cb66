/**
 * Chinese (and English) labels of the process enumerations the consoles show: objection, repair, complaint and
 * rectification states and outcomes, plugin check states, audit actions. One map per enumeration, keyed by the code
 * the API returns; a code missing here is a bug the no-machine-strings browser walk finds.
 */
import { label } from './labels';

export const OBJECTION_STATUS_LABELS = label<'under_review' | 'extended' | 'decided'>({
  under_review: { zh: '审查中', en: 'Under review' },
  extended: { zh: '已延期', en: 'Extended' },
  decided: { zh: '已作出决定', en: 'Decided' },
});
export const OBJECTION_OUTCOME_LABELS = label<'upheld' | 'corrected' | 'revoked'>({
  upheld: { zh: '维持原记录', en: 'Upheld' },
  corrected: { zh: '更正记录', en: 'Corrected' },
  revoked: { zh: '撤销记录', en: 'Revoked' },
});
export const REPAIR_STATUS_LABELS = label<'under_review' | 'approved' | 'rejected' | 'promise_broken' | 'cancelled'>({
  under_review: { zh: '审查中', en: 'Under review' },
  approved: { zh: '准予修复', en: 'Approved' },
  rejected: { zh: '不予修复', en: 'Rejected' },
  promise_broken: { zh: '违反信用承诺', en: 'Promise broken' },
  cancelled: { zh: '已撤回', en: 'Cancelled' },
});
export const COMPLAINT_STATUS_LABELS = label<'received' | 'accepted' | 'not_ours' | 'duplicate' | 'closed'>({
  received: { zh: '已登记', en: 'Received' },
  accepted: { zh: '已受理', en: 'Accepted' },
  not_ours: { zh: '非本部门职责', en: 'Not ours' },
  duplicate: { zh: '重复投诉', en: 'Duplicate' },
  closed: { zh: '已办结', en: 'Closed' },
});
export const RECTIFICATION_STATUS_LABELS = label<
  'awaiting_explanation' | 'in_progress' | 'completed' | 'verified' | 'cancelled'
>({
  awaiting_explanation: { zh: '待书面说明', en: 'Awaiting explanation' },
  in_progress: { zh: '整改中', en: 'In progress' },
  completed: { zh: '已整改，待核查', en: 'Completed' },
  verified: { zh: '已整改并经核查', en: 'Verified' },
  cancelled: { zh: '已终止', en: 'Cancelled' },
});
/** Verification checks (report verification, audit chain): passed / failed. */
export const CHECK_RESULT_LABELS = label<'passed' | 'failed'>({
  passed: { zh: '通过', en: 'Passed' },
  failed: { zh: '未通过', en: 'Failed' },
});
