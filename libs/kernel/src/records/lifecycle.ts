import type { RecordStatus } from '@chengxin/contract';

/**
 * The record lifecycle as data: draft → submitted → approved → published → expired/repaired → archived, plus
 * revoked when the source decision is revoked, and withdrawn when a draft is discarded (a rule's false positive, a
 * record entered twice: kept with its reason in the history, never public). Anything else is refused with the current
 * state named.
 */
export const TRANSITIONS = {
  submit: { from: ['draft'], to: 'submitted', reasonRequired: false, zh: '提交审核' },
  reject: { from: ['submitted'], to: 'draft', reasonRequired: true, zh: '退回修改' },
  approve: { from: ['submitted'], to: 'approved', reasonRequired: false, zh: '审核通过' },
  publish: { from: ['approved'], to: 'published', reasonRequired: false, zh: '公示' },
  expire: { from: ['published'], to: 'expired', reasonRequired: false, zh: '公示期满' },
  repair: { from: ['published'], to: 'repaired', reasonRequired: true, zh: '信用修复' },
  revoke: { from: ['approved', 'published', 'expired', 'repaired'], to: 'revoked', reasonRequired: true, zh: '撤销' },
  restore: { from: ['repaired'], to: 'published', reasonRequired: true, zh: '违反信用承诺，恢复公示' },
  archive: { from: ['expired', 'repaired', 'revoked'], to: 'archived', reasonRequired: false, zh: '归档' },
  withdraw: { from: ['draft'], to: 'withdrawn', reasonRequired: true, zh: '撤回草稿' },
} as const satisfies Record<
  string,
  { from: readonly RecordStatus[]; to: RecordStatus; reasonRequired: boolean; zh: string }
>;

export type TransitionAction = keyof typeof TRANSITIONS;

/** Versions may be added (corrections) until a record is archived. */
export const CORRECTABLE: readonly RecordStatus[] = [
  'draft',
  'submitted',
  'approved',
  'published',
  'expired',
  'repaired',
  'revoked',
];
