/** Input and output schemas of `kernel.exchange.*` (browser-safe: the admin's import wizard uses them too). */
import { z } from 'zod';
import { legalDate } from './common';

const text = (max: number) => z.string().trim().min(1).max(max);
export const importFormat = z.enum(['csv', 'xlsx', 'json', 'jsonl']);
export const channel = z.enum(['public', 'government']);
export const batchFormat = z.enum(['json', 'csv']);

/** The file: a finished staged upload, or (small files, under the body limit) inline base64. */
const fileRef = {
  format: importFormat,
  uploadId: z.uuid().optional(),
  contentBase64: z.string().min(1).max(6_000_000).optional(),
  filename: z.string().trim().max(200).default('upload'),
  /** Field key → the heading in the file; fields not named use the default headings. */
  mapping: z.record(z.string().max(50), z.string().max(100)).default({}),
};

export const uploadBeginInput = z.object({ filename: text(200), format: importFormat, bytes: z.number().int().min(1) });
export const uploadBeginOut = z.object({ uploadId: z.uuid(), partBytes: z.number().int() });
export const uploadPartInput = z.object({
  uploadId: z.uuid(),
  seq: z.number().int().min(0).max(100_000),
  dataBase64: z.string().min(1).max(6_000_000),
});
export const uploadPartOut = z.object({ uploadId: z.uuid(), received: z.number().int() });
export const uploadFinishInput = z.object({ uploadId: z.uuid(), sha256: z.string().regex(/^[0-9a-fA-F]{64}$/) });
export const uploadFinishOut = z.object({
  uploadId: z.uuid(),
  bytes: z.number(),
  parts: z.number().int(),
  sha256: z.string(),
});

export const importStartInput = z.object({
  ...fileRef,
  mode: z.enum(['batch', 'row']).default('batch'),
  sourceSystem: text(100),
  /** Records: the state new records enter unless the file has a 状态 column (approved / published: reviewers only). */
  initialStatus: z.enum(['draft', 'submitted', 'approved', 'published']).default('submitted'),
  /** Wait for the end and answer with the outcome (small files); otherwise answer at once and follow `progress`. */
  wait: z.boolean().default(false),
});

export const importProgressOut = z.object({
  importId: z.uuid(),
  kind: z.enum(['records', 'orgs', 'persons']),
  mode: z.enum(['batch', 'row']),
  status: z.enum(['running', 'done', 'rejected', 'failed']),
  rowsRead: z.number().int(),
  created: z.number().int(),
  updated: z.number().int(),
  unchanged: z.number().int(),
  rejectedRows: z.number().int(),
  issueCount: z.number().int(),
  message: z.string().nullable(),
});

export const importIssueOut = z.object({
  line: z.number().int(),
  column: z.string(),
  code: z.string(),
  messageZh: z.string(),
  messageEn: z.string(),
});
export const importIssuesOut = z.object({ items: z.array(importIssueOut), nextCursor: z.string().nullable() });
export const errorReportOut = z.object({ filename: z.string(), contentType: z.string(), content: z.string() });

export const fieldsOut = z.array(
  z.object({ key: z.string(), zh: z.string(), en: z.string(), headings: z.array(z.string()), required: z.boolean() }),
);

const disclosureData = z.record(z.string(), z.string());
export const changeItemOut = z.object({
  seq: z.number().int(),
  op: z.enum(['ADD', 'MOD', 'DEL']),
  recordId: z.uuid(),
  version: z.number().int().nullable(),
  at: z.string(),
  data: disclosureData.nullable(),
});
export const changesInput = z.object({
  channel,
  cursor: z.string().max(30).optional(),
  since: z.iso.datetime({ offset: true }).optional(),
  limit: z.number().int().min(1).max(1000).default(200),
});
export const changesOut = z.object({
  items: z.array(changeItemOut),
  nextCursor: z.string().nullable(),
  hasMore: z.boolean(),
});

export const batchOut = z.object({
  channel,
  batchNo: z.number().int(),
  fromSeq: z.number().int(),
  toSeq: z.number().int(),
  itemCount: z.number().int(),
  createdAt: z.string(),
  sha256Json: z.string(),
  sha256Csv: z.string(),
  acknowledged: z.boolean(),
  servedCount: z.number().int(),
});
export const servedBatchOut = z.object({
  batch: batchOut,
  format: batchFormat,
  payload: z.string(),
  sha256: z.string(),
});
export const nextBatchInput = z.object({
  channel,
  format: batchFormat.default('json'),
  limit: z.number().int().min(1).max(5000).default(1000),
});
export const getBatchInput = z.object({
  channel,
  batchNo: z.number().int().min(1).max(2_147_483_647),
  format: batchFormat.default('json'),
});
export const ackInput = z.object({
  channel,
  batchNo: z.number().int().min(1).max(2_147_483_647),
  sha256: z.string().regex(/^[0-9a-fA-F]{64}$/),
});

export const completenessInput = z.object({
  ...fileRef,
  from: legalDate.optional(),
  to: legalDate.optional(),
  typeKey: z.string().max(100).optional(),
  issuingAuthority: z.string().trim().max(200).optional(),
});
export const completenessOut = z.object({
  feedRows: z.number().int(),
  matched: z.number().int(),
  missingCount: z.number().int(),
  differentCount: z.number().int(),
  extraCount: z.number().int(),
  missing: z.array(
    z.object({
      line: z.number().int(),
      decisionNo: z.string(),
      subject: z.string(),
      decisionDate: z.string().nullable(),
    }),
  ),
  different: z.array(
    z.object({
      line: z.number().int(),
      recordId: z.uuid(),
      decisionNo: z.string(),
      fields: z.array(z.object({ field: z.string(), feed: z.string(), ours: z.string() })),
    }),
  ),
  extra: z.array(
    z.object({
      recordId: z.uuid(),
      decisionNo: z.string(),
      subject: z.string(),
      decisionDate: z.string(),
      status: z.string(),
    }),
  ),
  issues: z.array(importIssueOut),
});

// ---- procedure inputs and outputs (named for the procedure they belong to) ----
export const exchangeFieldsInput = z.object({ kind: z.enum(['records', 'orgs', 'persons']) });
export const exchangeGetInput = z.object({ importId: z.uuid() });
export const exchangeProgressInput = z.object({ importId: z.uuid() });
export const exchangeErrorReportInput = z.object({ importId: z.uuid() });
export const exchangeBatchesInput = z.object({ channel: channel });
export const exchangeBatchesOutput = z.array(batchOut);
