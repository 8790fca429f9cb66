/**
 * Leads from monitoring (线索, plan 一.4: 政务诚信大数据监测、网络抓取、委托第三方): what outside sources say about a
 * body, taken in by API or file, and the triage queue that dismisses, merges or turns a lead into a draft record.
 * Browser-safe.
 */
import { z } from 'zod';
import { id, legalDate, page, text } from './common';
import { recordCreateInput } from './records';

export const LEAD_SOURCE_KINDS = ['court', 'news', 'third_party', 'other'] as const;
export const LEAD_SOURCE_KIND_LABELS: Record<(typeof LEAD_SOURCE_KINDS)[number], { zh: string; en: string }> = {
  court: { zh: '裁判文书/被执行人名单', en: 'Court judgments and enforcement lists' },
  news: { zh: '新闻舆情监测', en: 'News monitoring' },
  third_party: { zh: '第三方机构发现', en: "A third party's findings" },
  other: { zh: '其他来源', en: 'Other' },
};
export const LEAD_STATUSES = ['new', 'dismissed', 'merged', 'converted'] as const;
export const LEAD_STATUS_LABELS: Record<(typeof LEAD_STATUSES)[number], { zh: string; en: string }> = {
  new: { zh: '待研判', en: 'To triage' },
  dismissed: { zh: '已排除', en: 'Dismissed' },
  merged: { zh: '已合并', en: 'Merged' },
  converted: { zh: '已转为记录草稿', en: 'Turned into a draft record' },
};

const httpLink = z
  .string()
  .trim()
  .max(2000)
  .regex(/^https?:\/\/\S+$/, { message: '链接须以 http:// 或 https:// 开头 / must be an http(s) link' });
export const leadDocument = z
  .object({ title: text(200), link: httpLink.optional(), note: z.string().trim().max(1000).optional() })
  .strict();

/** One lead as a source sends it: the body by id, by 统一社会信用代码 or, until resolved, by name as written. */
export const leadRow = z
  .object({
    sourceId: text(200),
    link: httpLink.optional(),
    documents: z.array(leadDocument).max(20).default([]),
    orgId: id.optional(),
    uscc: z.string().trim().length(18).optional(),
    orgText: z.string().trim().max(200).optional(),
    allegation: text(4000),
    occurredOn: legalDate.optional(),
  })
  .strict();
export const leadsSubmitInput = z
  .object({
    /** The feed's own name (e.g. 中国裁判文书网监测, 天津日报舆情); with sourceId it makes a lead unique. */
    source: text(100),
    sourceKind: z.enum(LEAD_SOURCE_KINDS),
    leads: z.array(leadRow).min(1).max(1000),
  })
  .strict();
export const leadsSubmitOut = z.object({
  received: z.number(),
  created: z.number(),
  /** Already held (same source and source id): left as they are. */
  unchanged: z.number(),
  ids: z.array(z.string()),
});

export const LEAD_COLUMNS = {
  sourceId: '来源编号',
  link: '链接',
  uscc: '统一社会信用代码',
  orgText: '涉及单位',
  allegation: '反映问题',
  occurredOn: '发生日期',
  document: '附件名称',
} as const;
export const leadsImportInput = z
  .object({
    format: z.enum(['csv', 'xlsx']),
    contentBase64: z.string().min(1).max(8_000_000),
    source: text(100),
    sourceKind: z.enum(LEAD_SOURCE_KINDS),
    /** Which column holds what, when the file's headings differ from the defaults (LEAD_COLUMNS). */
    columns: z
      .object({
        sourceId: text(50),
        link: text(50),
        uscc: text(50),
        orgText: text(50),
        allegation: text(50),
        occurredOn: text(50),
        document: text(50),
      })
      .partial()
      .default({}),
  })
  .strict();
export const leadsImportOut = leadsSubmitOut.extend({ rows: z.number() });

export const leadOut = z.object({
  id: z.string(),
  source: z.string(),
  sourceId: z.string(),
  sourceKind: z.enum(LEAD_SOURCE_KINDS),
  link: z.string().nullable(),
  documents: z.array(z.object({ title: z.string(), link: z.string().optional(), note: z.string().optional() })),
  orgId: z.string().nullable(),
  orgName: z.string().nullable(),
  orgText: z.string(),
  allegation: z.string(),
  occurredOn: z.string().nullable(),
  receivedAt: z.string(),
  status: z.enum(LEAD_STATUSES),
  dismissReason: z.string().nullable(),
  mergedInto: z.string().nullable(),
  recordId: z.string().nullable(),
  triagedAt: z.string().nullable(),
  /** Leads merged into this one. */
  duplicates: z.number(),
});
export const leadsListInput = z
  .object({
    status: z.enum(LEAD_STATUSES).optional(),
    source: z.string().max(100).optional(),
    /** Only leads whose body is not yet resolved. */
    unresolved: z.boolean().optional(),
    cursor: z.string().max(200).optional(),
    limit: z.number().int().min(1).max(200).default(50),
  })
  .strict();
export const leadsListOut = page(leadOut);
export const leadsGetInput = z.object({ id }).strict();
export const leadsDismissInput = z.object({ id, reason: z.string().trim().min(2).max(2000) }).strict();
export const leadsMergeInput = z.object({ id, intoId: id }).strict();
export const leadsResolveInput = z.object({ id, orgId: id }).strict();
export const leadsToRecordInput = z
  .object({ id, record: recordCreateInput.omit({ subject: true, source: true, linkTo: true }) })
  .strict();
export const leadsToRecordOut = z.object({ lead: leadOut, recordId: z.string() });
export const leadsFiguresInput = z.object({ from: legalDate.optional(), to: legalDate.optional() }).strict();
export const leadFigureOut = z.object({
  source: z.string(),
  sourceKind: z.enum(LEAD_SOURCE_KINDS),
  received: z.number(),
  open: z.number(),
  dismissed: z.number(),
  merged: z.number(),
  converted: z.number(),
  /** Of the drafts made from this source's leads, how many were approved or later (not revoked). */
  standing: z.number(),
});
export const leadsFiguresOut = z.array(leadFigureOut);
