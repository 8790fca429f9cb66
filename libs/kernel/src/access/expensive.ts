import { positiveSetting } from './policy';

/**
 * Procedures that cost seconds of CPU each (PDF and spreadsheet rendering, whole evaluation runs): a signed-in user
 * could send 20 PDF exports in one batched request. Each user (or token) gets `perMinute` of them across all,
 * whatever their role; public ones are already limited per client address.
 */
export const EXPENSIVE_PROCEDURES = new Set([
  'kernel.files.export',
  'kernel.files.exportConfidential',
  'kernel.evaluation.runs.export',
  'kernel.evaluation.runs.start',
  'kernel.exchange.export.next',
  'kernel.exchange.export.get',
  'kernel.exchange.data',
  'kernel.plugins.scanSubtree',
]);

export const EXPENSIVE_PER_MINUTE = positiveSetting('CHENGXIN_EXPENSIVE_PER_MINUTE', 10);

/** Calls in one tRPC batch request (clients send at most 10). */
export const MAX_BATCH = positiveSetting('CHENGXIN_MAX_BATCH', 20);
