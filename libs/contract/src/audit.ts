import { z } from 'zod';
import { id, pageInput } from './common';

/** The audit log: verification reports, checkpoints, entries and the access log. */
export const auditProblemOut = z.object({
  seq: z.number().nullable(),
  kind: z.string(),
  messageZh: z.string(),
  messageEn: z.string(),
});
export const auditReportOut = z.object({
  ok: z.boolean(),
  entries: z.number(),
  checkpoints: z.number(),
  recordsChecked: z.number(),
  recordsWithoutDigest: z.number(),
  headSeq: z.number(),
  headHash: z.string(),
  problems: z.array(auditProblemOut),
});
export const checkpointOut = z.object({
  seq: z.number(),
  headHash: z.string(),
  at: z.string(),
  keyId: z.string(),
  publicKey: z.string(),
  signature: z.string(),
});
export const auditEntryOut = z.object({
  seq: z.number(),
  at: z.string(),
  actorId: z.string().nullable(),
  actorName: z.string().nullable(),
  action: z.string(),
  entity: z.string(),
  entityId: z.string(),
  detail: z.record(z.string(), z.unknown()),
  hash: z.string(),
  redacted: z.boolean(),
});
export const accessLogOut = z.object({
  id: z.number(),
  at: z.string(),
  actorId: z.string().nullable(),
  actorName: z.string(),
  action: z.string(),
  subjectKind: z.string(),
  subjectId: z.string(),
});

// ---- procedure inputs and outputs (named for the procedure they belong to) ----
export const auditVerifyInput = z.void();
export const auditCheckpointInput = z.void();
export const auditCheckpointsInput = z
  .object({ limit: z.number().int().min(1).max(1000).default(100), beforeSeq: z.number().int().positive().optional() })
  .default({ limit: 100 });
export const auditCheckpointsOutput = z.array(checkpointOut);
export const auditEntriesInput = pageInput.extend({
  entity: z.string().max(50).optional(),
  entityId: z.string().max(100).optional(),
});
export const auditAccessLogInput = pageInput.extend({
  subjectId: z.string().max(100).optional(),
  actorId: id.optional(),
});
