/**
 * The promise primitive's browser-safe shapes: a government body's promise to a beneficiary, its milestones (due dates
 * with a measurable target or an amount), evidence of fulfilment, lawful or unlawful changes, and the computed status
 * and progress (percent and milestones, after Decidim's accountability tracker). Plugins specialise these shapes; the
 * logic that reads them is in `promises.ts` (server side).
 */
import { z } from 'zod';
import { legalDate } from '@chengxin/contract';
import type { PluginLabel } from '@chengxin/kernel';

const label = (zh: string, en: string): PluginLabel => ({ zh, en });
const bilingual = (zh: string, en: string) => ({ message: zh, params: { en } });
const fenAmount = z
  .number()
  .int(bilingual('金额须为整数（分）', 'amount must be whole fen'))
  .min(0, bilingual('金额不能为负数', 'amount cannot be negative'))
  .max(Number.MAX_SAFE_INTEGER);
const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max)
    .nullable()
    .default(null)
    .transform((v) => (v ? v : null));

/** pending (not yet due, or in progress), kept, partly kept, changed lawfully, broken. */
export const PROMISE_STATUSES = ['pending', 'kept', 'partly_kept', 'changed_lawfully', 'broken'] as const;
export type PromiseStatus = (typeof PROMISE_STATUSES)[number];
export const PROMISE_STATUS_LABELS: Record<PromiseStatus, PluginLabel> = {
  pending: label('履行中', 'Pending'),
  kept: label('已兑现', 'Kept'),
  partly_kept: label('部分兑现', 'Partly kept'),
  changed_lawfully: label('依法变更', 'Changed lawfully'),
  broken: label('未兑现（失信）', 'Broken'),
};

/** Reasons a body may give for changing or not keeping a promise; the first three are never accepted (优化营商环境条例 §31). */
export const CHANGE_REASONS = [
  'restructuring',
  'official_change',
  'government_term_change',
  'division_change',
  'public_interest',
  'law_change',
  'force_majeure',
  'beneficiary_default',
  'other',
] as const;
export type ChangeReason = (typeof CHANGE_REASONS)[number];
export const CHANGE_REASON_LABELS: Record<ChangeReason, PluginLabel> = {
  restructuring: label('机构或者职能调整', 'Restructuring'),
  official_change: label('相关责任人更替', 'Change of the official in charge'),
  government_term_change: label('政府换届', 'New government term'),
  division_change: label('行政区划调整', 'Change of administrative division'),
  public_interest: label('国家利益、社会公共利益需要', 'State or public interest'),
  law_change: label('法律政策变化', 'Change of law'),
  force_majeure: label('不可抗力', 'Force majeure'),
  beneficiary_default: label('承诺对象违约', 'Default of the beneficiary'),
  other: label('其他', 'Other'),
};
/** 优化营商环境条例 (2019) §31: a change of division, a new term, reorganisation or a change of the official in charge is no reason. */
export const NO_EXCUSE_REASONS: readonly ChangeReason[] = [
  'restructuring',
  'official_change',
  'government_term_change',
  'division_change',
];

/** A milestone: a due date and either a measurable target (with its unit), an amount in fen, or neither (done / not done). */
export const milestoneShape = z.object({
  title: z.string().trim().min(1, bilingual('不能为空', 'required')).max(300),
  dueDate: legalDate,
  target: z.number().positive(bilingual('目标值须大于零', 'the target must be positive')).nullable().default(null),
  unit: z.string().trim().max(20).nullable().default(null),
  amountFen: fenAmount.nullable().default(null),
});

/**
 * A change of a promise: lawful only with the recorded legal authority, the procedure followed and the compensation
 * (0 when the beneficiary lost nothing, but stated), for an acceptable reason — or by agreement with the beneficiary.
 */
export const changeShape = z.object({
  changedOn: legalDate,
  description: z.string().trim().min(1, bilingual('不能为空', 'required')).max(2000),
  /** Agreed with the beneficiary (not a unilateral change by the government). */
  agreed: z.boolean().default(false),
  reason: z.enum(CHANGE_REASONS),
  legalAuthority: optionalText(500),
  procedureRecord: optionalText(500),
  compensationFen: fenAmount.nullable().default(null),
});
export type ChangeShape = z.infer<typeof changeShape>;

export const MILESTONE_STATES = ['ok', 'pending', 'late', 'breach'] as const;
export const milestoneProgressOut = z.object({
  id: z.string(),
  title: z.string(),
  dueDate: z.string(),
  deadline: z.string(),
  target: z.number().nullable(),
  unit: z.string().nullable(),
  amountFen: z.number().nullable(),
  achieved: z.number(),
  percent: z.number(),
  metOn: z.string().nullable(),
  state: z.enum(MILESTONE_STATES),
  daysLate: z.number(),
});
export const changeOut = z.object({
  id: z.string(),
  changedOn: z.string(),
  description: z.string(),
  agreed: z.boolean(),
  reason: z.enum(CHANGE_REASONS),
  legalAuthority: z.string().nullable(),
  procedureRecord: z.string().nullable(),
  compensationFen: z.number().nullable(),
  lawful: z.boolean(),
  missing: z.array(z.string()),
});
/** What the primitive computes for a promise on a day: status, overall percent, on time or not, milestones, changes. */
export const promiseProgressOut = z.object({
  status: z.enum(PROMISE_STATUSES),
  percent: z.number(),
  onTime: z.boolean(),
  dueDate: z.string().nullable(),
  brokenOn: z.string().nullable(),
  outstandingFen: z.number(),
  milestones: z.array(milestoneProgressOut),
  changes: z.array(changeOut),
});
export type PromiseProgress = z.infer<typeof promiseProgressOut>;
export type MilestoneProgress = z.infer<typeof milestoneProgressOut>;
