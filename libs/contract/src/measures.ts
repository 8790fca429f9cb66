import { z } from 'zod';
import { bilingual, id, legalDate, text } from './common';

/**
 * Measures against dishonesty beyond the record itself: 公开通报批评 (public criticism notices, plan 二.4) and
 * 自我纠错、主动自新 (self-correction, plan 二.5), which may lighten or waive those measures.
 */

export const NOTICE_STATUSES = ['draft', 'submitted', 'approved', 'published', 'withdrawn'] as const;
export type NoticeStatus = (typeof NOTICE_STATUSES)[number];
export const NOTICE_STATUS_LABELS: Record<NoticeStatus, string> = {
  draft: '草稿',
  submitted: '待复核',
  approved: '已复核待发布',
  published: '已发布',
  withdrawn: '已撤回',
};

export const noticeDraftInput = z.object({
  /** The authority above the criticised body: its government, or a department directly under that government. */
  issuerOrgId: id,
  targetOrgId: id,
  title: text(200),
  /** 文号 of the notice, when it has one. */
  documentNo: z.string().trim().max(100).optional(),
  /** Published dishonesty records of the criticised body the notice rests on. */
  recordIds: z.array(id).min(1, bilingual('至少选择一条失信记录', 'name at least one record')).max(20),
  facts: text(5000),
  rectificationDemand: text(2000),
  rectificationDue: legalDate,
});
export const noticeUpdateInput = noticeDraftInput
  .omit({ issuerOrgId: true, targetOrgId: true })
  .partial()
  .extend({ id });
export const noticeIdInput = z.object({ id });
export const noticeReviewInput = z.object({
  id,
  approve: z.boolean(),
  note: text(1000),
});
export const noticeWithdrawInput = z.object({
  id,
  reason: z
    .string()
    .trim()
    .min(5, bilingual('撤回理由不少于5个字', 'the reason needs at least 5 characters'))
    .max(1000),
});
export const noticesListInput = z.object({
  status: z.enum(NOTICE_STATUSES).optional(),
  targetOrgId: id.optional(),
  /** Only notices whose records were revoked or whose publication a self-correction waived, awaiting withdrawal. */
  flaggedOnly: z.boolean().default(false),
  limit: z.number().int().min(1).max(200).default(50),
});

export const noticeRecordOut = z.object({
  id,
  decisionNo: z.string(),
  typeKey: z.string(),
  status: z.string(),
  decisionDate: z.string(),
});
export const noticeOut = z.object({
  id,
  issuerOrgId: id,
  issuerName: z.string(),
  targetOrgId: id,
  targetName: z.string(),
  title: z.string(),
  documentNo: z.string().nullable(),
  facts: z.string(),
  rectificationDemand: z.string(),
  rectificationDue: z.string(),
  status: z.enum(NOTICE_STATUSES),
  statusZh: z.string(),
  records: z.array(noticeRecordOut),
  draftedOn: z.string(),
  draftedBy: id.nullable(),
  submittedOn: z.string().nullable(),
  reviewedOn: z.string().nullable(),
  reviewedBy: id.nullable(),
  reviewNote: z.string().nullable(),
  publishedOn: z.string().nullable(),
  withdrawnOn: z.string().nullable(),
  withdrawReason: z.string().nullable(),
  /** The rectification the notice opened or joined on publication. */
  rectificationId: id.nullable(),
  /** Why the notice must be withdrawn (a record it rests on was revoked, or a self-correction waived the notice); null otherwise. */
  flagZh: z.string().nullable(),
  /** Shown on the portal: published, not withdrawn, not flagged, no self-correction keeping it internal. */
  onPortal: z.boolean(),
});
export const noticesListOutput = z.array(noticeOut);

/** What the public sees of a notice: no people, no internal notes, free text masked. */
export const publicNoticeOut = z.object({
  id,
  title: z.string(),
  documentNo: z.string().nullable(),
  issuerName: z.string(),
  targetOrgId: id,
  targetName: z.string(),
  facts: z.string(),
  rectificationDemand: z.string(),
  rectificationDue: z.string(),
  publishedOn: z.string(),
  records: z.array(z.object({ decisionNo: z.string(), typeZh: z.string(), decisionDate: z.string() })),
});
export const noticesPublishedInput = z.object({
  targetOrgId: id.optional(),
  /** Bodies under this one (a district and what lies below it). */
  underOrgId: id.optional(),
  q: z.string().trim().max(50).optional(),
  limit: z.number().int().min(1).max(100).default(20),
  offset: z.number().int().min(0).max(10_000).default(0),
});
export const noticesPublishedOutput = z.object({ items: z.array(publicNoticeOut), total: z.number().int() });

// ---- self-correction ----

export const SELF_CORRECTION_EVIDENCE = ['loss_recovered', 'harm_prevented', 'effect_removed'] as const;
export const SELF_CORRECTION_EVIDENCE_LABELS: Record<(typeof SELF_CORRECTION_EVIDENCE)[number], string> = {
  loss_recovered: '主动挽回损失',
  harm_prevented: '有效阻止危害结果发生',
  effect_removed: '消除不良影响',
};
export const MEASURES = ['honours', 'notice', 'evaluation', 'accountability'] as const;
export type Measure = (typeof MEASURES)[number];
export const MEASURE_LABELS: Record<Measure, string> = {
  honours: '评优评先限制',
  notice: '公开通报批评',
  evaluation: '政务诚信评价扣分',
  accountability: '主要负责人问责',
};
export const MEASURE_EFFECTS = ['waived', 'lightened'] as const;
export type MeasureEffect = (typeof MEASURE_EFFECTS)[number];
export const MEASURE_EFFECT_LABELS: Record<MeasureEffect, string> = { waived: '免于实施', lightened: '从轻实施' };

export const selfCorrectionEvidenceItem = z.object({
  kind: z.enum(SELF_CORRECTION_EVIDENCE),
  description: text(2000),
  /** 证明材料 (document names). */
  documents: z.array(text(200)).max(20).default([]),
});
export const selfCorrectionFileInput = z.object({
  recordId: id,
  applicantName: text(100),
  evidence: z
    .array(selfCorrectionEvidenceItem)
    .min(1, bilingual('至少提供一项证明', 'give at least one piece of evidence'))
    .max(10),
});
export const selfCorrectionDecideInput = z
  .object({
    id,
    grant: z.boolean(),
    measures: z
      .array(z.object({ measure: z.enum(MEASURES), effect: z.enum(MEASURE_EFFECTS) }))
      .max(MEASURES.length)
      .default([]),
    reason: z
      .string()
      .trim()
      .min(10, bilingual('决定理由不少于10个字', 'the reason needs at least 10 characters'))
      .max(2000),
  })
  .superRefine((v, ctx) => {
    if (v.grant && v.measures.length === 0)
      ctx.addIssue({
        code: 'custom',
        path: ['measures'],
        message: '准予从轻或免于惩戒的，须写明涉及的惩戒措施',
        params: { en: 'a granted self-correction names the measures it lightens or waives' },
      });
    if (!v.grant && v.measures.length > 0)
      ctx.addIssue({
        code: 'custom',
        path: ['measures'],
        message: '不予认定的，不得列出减免措施',
        params: { en: 'a refusal names no measures' },
      });
    if (new Set(v.measures.map((m) => m.measure)).size !== v.measures.length)
      ctx.addIssue({
        code: 'custom',
        path: ['measures'],
        message: '每项惩戒措施只能选择一次',
        params: { en: 'each measure at most once' },
      });
  });
export const selfCorrectionIdInput = z.object({ id });
export const selfCorrectionsListInput = z.object({
  status: z.enum(['under_review', 'decided']).optional(),
  recordId: id.optional(),
  orgId: id.optional(),
  limit: z.number().int().min(1).max(200).default(50),
});
export const selfCorrectionMeasureOut = z.object({
  measure: z.enum(MEASURES),
  effect: z.enum(MEASURE_EFFECTS),
  /** "免于公开通报批评，依据…" — as every eligibility answer cites it. */
  textZh: z.string(),
});
export const selfCorrectionOut = z.object({
  id,
  recordId: id,
  recordDecisionNo: z.string(),
  orgId: id,
  orgName: z.string(),
  personName: z.string().nullable(),
  applicantName: z.string(),
  evidence: z.array(
    z.object({ kind: z.enum(SELF_CORRECTION_EVIDENCE), description: z.string(), documents: z.array(z.string()) }),
  ),
  status: z.enum(['under_review', 'decided']),
  filedOn: z.string(),
  decideDue: z.string(),
  provisional: z.boolean(),
  granted: z.boolean().nullable(),
  measures: z.array(selfCorrectionMeasureOut),
  reason: z.string().nullable(),
  decidedOn: z.string().nullable(),
  overdue: z.boolean(),
  workingDaysLate: z.number(),
  rule: z.object({ ruleId: z.string(), law: z.string(), article: z.string(), confidence: z.string() }),
});
export const selfCorrectionsListOutput = z.array(selfCorrectionOut);

/** A self-correction decision as each eligibility answer and the file cite it. */
export const mitigationOut = z.object({
  selfCorrectionId: id,
  recordId: id,
  measure: z.enum(MEASURES),
  effect: z.enum(MEASURE_EFFECTS),
  decidedOn: z.string(),
  /** Whether it changed this answer (a statutory bar such as a sanction period is never lifted by it). */
  applied: z.boolean(),
  textZh: z.string(),
});
