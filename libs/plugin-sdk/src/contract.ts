/**
 * The browser-safe part of the SDK, for a plugin's `src/contract.ts` (schemas, labels, forms): nothing here reaches
 * Node or the database, so the admin console can import the same definitions it renders forms from.
 */
import { z } from 'zod';
import type { PluginLabel } from '@chengxin/kernel';

export { legalDate, id, pageInput, page, appliedRuleOut } from '@chengxin/contract';
export { SEVERITIES, SEVERITY_LABELS, type Severity } from '@chengxin/contract';
export { z };
export type { PluginLabel, PluginForm, PluginNavEntry } from '@chengxin/kernel';

export const label = (zh: string, en: string): PluginLabel => ({ zh, en });

/** A bilingual refinement message: Chinese for UI users, English (in params) for integrators. */
export const bilingual = (zh: string, en: string) => ({ message: zh, params: { en } });

/** Money in fen (分): a non-negative whole number. */
/** Yuan with two decimals, for the facts of a draft and for display. */
export const yuan = (amountFen: number) =>
  (amountFen / 100).toLocaleString('zh-CN', { minimumFractionDigits: 2, maximumFractionDigits: 2 });

export const fen = z
  .number()
  .int(bilingual('金额须为整数（分）', 'amount must be whole fen'))
  .min(0, bilingual('金额不能为负数', 'amount cannot be negative'))
  .max(Number.MAX_SAFE_INTEGER);

/** A required, trimmed text of at most `max` characters. */
export const text = (max: number) => z.string().trim().min(1, bilingual('不能为空', 'required')).max(max);

/** 统一社会信用代码 (GB 32100-2015): 18 characters of the code's charset (the check character is the kernel's to verify). */
export const uscc = z
  .string()
  .trim()
  .regex(
    /^[0-9A-HJ-NPQRTUWXY]{2}\d{6}[0-9A-HJ-NPQRTUWXY]{10}$/,
    bilingual('统一社会信用代码格式不正确', 'malformed unified social credit code'),
  );

/** The states of a deadline, with their labels (the server computes them with `deadlineState`). */
export const DEADLINE_STATE_LABELS = {
  ok: label('按时', 'On time'),
  pending: label('未到期', 'Not yet due'),
  late: label('逾期完成', 'Done late'),
  breach: label('逾期未完成', 'Overdue'),
  not_applicable: label('不适用', 'Not applicable'),
  unknown: label('无法判断（缺少数据）', 'Unknown (data missing)'),
} as const;
export const deadlineStateSchema = z.enum(['ok', 'pending', 'late', 'breach', 'not_applicable', 'unknown']);

/** The promise primitive's shapes (status, milestones, changes, the §31 reasons); its logic is server-side in the SDK. */
export * from './promise-shapes';
export { ocdsImportInput, ocdsImportOut, ocdsRecordInput, ocdsPackageInput, ocdsPackageOut } from './ocds-contract';
