/**
 * The browser-safe part of the SDK, for a plugin's `src/contract.ts` (schemas, labels, forms): nothing here reaches
 * Node or the database, so the admin console can import the same definitions it renders forms from.
 */
import { z } from 'zod';
import type { PluginLabel } from '@chengxin/kernel';

export { legalDate, id, pageInput, page, appliedRuleOut } from '@chengxin/kernel/contract';
export { SEVERITIES, SEVERITY_LABELS, type Severity } from '@chengxin/kernel/labels';
export { z };
export type { PluginLabel, PluginForm, PluginNavEntry } from '@chengxin/kernel';

export const label = (zh: string, en: string): PluginLabel => ({ zh, en });

/** A bilingual refinement message: Chinese for UI users, English (in params) for integrators. */
export const bilingual = (zh: string, en: string) => ({ message: zh, params: { en } });

/** Money in fen (分): a non-negative whole number. */
export const fen = z.number().int(bilingual('金额须为整数（分）', 'amount must be whole fen')).min(0, bilingual('金额不能为负数', 'amount cannot be negative')).max(Number.MAX_SAFE_INTEGER);
