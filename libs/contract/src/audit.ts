import { z } from 'zod';
import { id, legalDate, pageInput } from './common';

/** The audit log: verification reports, checkpoints, entries and the access log. */
export const auditProblemOut = z.object({
  seq: z.number().nullable(),
  leafIndex: z.number().nullable().optional(),
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
  pending: z.number(),
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
  /** C2SP signed note (origin, tree size, base64 root, signature lines); null on checkpoints of the former chain. */
  note: z.string().nullable().optional(),
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
/** Filters of both logs: words in the actor's name, the object's id or the action; the day range (Beijing time). */
const logFilters = {
  q: z.string().trim().min(1).max(100).optional(),
  actions: z.array(z.string().max(60)).max(50).optional(),
  from: legalDate.optional(),
  to: legalDate.optional(),
};
export const auditEntriesInput = pageInput.extend({
  entity: z.string().max(50).optional(),
  entityId: z.string().max(100).optional(),
  ...logFilters,
});
export const auditEntriesOutput = z.object({
  items: z.array(auditEntryOut),
  nextCursor: z.string().nullable(),
  /** On the first page (no cursor): how many entries the filters match. */
  total: z.number().int().optional(),
});
export const auditAccessLogInput = pageInput.extend({
  subjectId: z.string().max(100).optional(),
  actorId: id.optional(),
  subjectKind: z.enum(['org', 'person']).optional(),
  ...logFilters,
});
export const auditAccessLogOutput = z.object({
  items: z.array(accessLogOut),
  nextCursor: z.string().nullable(),
  total: z.number().int().optional(),
});

// ---- Merkle log proofs (public: anyone may check the log against checkpoints they hold) ----
const hex32 = z.string().regex(/^[0-9a-f]{64}$/);
export const auditInclusionProofInput = z.object({
  leafIndex: z.number().int().min(0),
  /** The checkpoint's tree size to prove against (default: the newest signed checkpoint). */
  treeSize: z.number().int().positive().optional(),
});
export const auditInclusionProofOutput = z.object({
  leafIndex: z.number(),
  treeSize: z.number(),
  /** Hex hashes, leaf to root (RFC 9162 inclusion path). */
  path: z.array(hex32),
  /** The C2SP signed checkpoint of treeSize. */
  checkpoint: z.string(),
});
export const auditConsistencyProofInput = z.object({
  from: z.number().int().min(0),
  to: z.number().int().positive().optional(),
});
export const auditConsistencyProofOutput = z.object({
  from: z.number(),
  to: z.number(),
  path: z.array(hex32),
  fromCheckpoint: z.string().nullable(),
  toCheckpoint: z.string(),
});
export const auditVerifierKeysInput = z.object({}).strict().optional();
export const auditVerifierKeysOutput = z.object({
  /** The log's origin line, also the checkpoint signer's key name. */
  origin: z.string(),
  /** C2SP verifier keys (name+hash+base64 key) of the checkpoint signer, current and still trusted. */
  keys: z.array(z.string()),
  /** Verifier keys of the witnesses whose cosignatures this log collects. */
  witnesses: z.array(z.string()),
});
export const auditCosignInput = z.object({
  /** A witness's cosignature line ("— <name> <base64>") for the checkpoint of this size. */
  size: z.number().int().positive(),
  line: z.string().min(10).max(400),
});
export const auditCosignOutput = z.object({ accepted: z.boolean() });
export const auditCosignaturesInput = z.object({ size: z.number().int().positive() });
export const auditCosignaturesOutput = z.object({ size: z.number(), note: z.string() });
