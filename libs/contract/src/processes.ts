import { z } from 'zod';
import { id, legalDate, text } from './common';
import { recordContent, recordCreateInput, typeKey } from './records';

/** Due process: objections, repairs, complaints, rectification, accountability, supervision, notifications. */
export const evidenceItem = z.object({ name: text(200), description: z.string().trim().max(2000).default('') });
export const OBJECTION_CONCERNS = ['collection', 'sharing', 'use', 'publication'] as const;
export const OBJECTION_CONCERN_LABELS: Record<(typeof OBJECTION_CONCERNS)[number], string> = {
  collection: '信息归集有误',
  sharing: '信息共享、报送有误',
  use: '信息使用有误',
  publication: '公示信息有误',
};
export const objectionFileInput = z.object({
  recordId: id,
  applicantKind: z.enum(['subject', 'agent']),
  applicantName: text(100),
  applicantContact: z.string().trim().max(200).optional(),
  reasons: text(5000),
  evidence: z.array(evidenceItem).max(50).default([]),
  /** Where the error lies; by default sharing for an exchanged item, publication for a published record, else collection. */
  concerns: z.enum(OBJECTION_CONCERNS).optional(),
  /** An exported or shared item of the record (a change-log entry of a 双公示 / sharing channel). */
  exchangeItem: z
    .object({ channel: z.enum(['public', 'government']), seq: z.number().int().min(1).max(Number.MAX_SAFE_INTEGER) })
    .optional(),
});
export const objectionDecideInput = z.object({
  id,
  outcome: z.enum(['upheld', 'corrected', 'revoked']),
  reason: text(2000),
  expectedVersion: z.number().int().min(1).optional(),
  changes: recordContent.partial().optional(),
});
export const objectionOut = z.object({
  /** The record's type (lists and exports). */
  recordTypeKey: z.string().optional(),
  /** The decision number of the record's current version (lists and exports). */
  recordDecisionNo: z.string().nullable().optional(),
  id,
  recordId: id,
  applicantKind: z.string(),
  applicantName: z.string(),
  reasons: z.string(),
  evidence: z.array(z.object({ name: z.string(), description: z.string() })),
  status: z.enum(['under_review', 'extended', 'decided']),
  concerns: z.enum(OBJECTION_CONCERNS),
  /** The exported or shared item named, with the batch that carried it (null when not yet sent in a batch). */
  exchangeItem: z.object({ channel: z.string(), seq: z.number(), batchNo: z.number().nullable() }).nullable(),
  filedOn: z.string(),
  markDue: z.string(),
  markedOn: z.string().nullable(),
  decideDue: z.string(),
  /** A deadline was counted through a year whose official holiday arrangement was not loaded: it may still move. */
  provisional: z.boolean(),
  extensionReason: z.string().nullable(),
  outcome: z.enum(['upheld', 'corrected', 'revoked']).nullable(),
  outcomeReason: z.string().nullable(),
  decidedOn: z.string().nullable(),
  orgId: id,
  orgName: z.string(),
  overdue: z.boolean(),
  workingDaysLate: z.number(),
});
export const repairFileInput = z.object({
  recordId: id,
  applicantName: text(100),
  proof: text(5000),
  promiseSigned: z.literal(true, { message: '须签署信用承诺书' }),
});
export const repairOut = z.object({
  /** The record's type (lists and exports). */
  recordTypeKey: z.string().optional(),
  /** The decision number of the record's current version (lists and exports). */
  recordDecisionNo: z.string().nullable().optional(),
  /** cancelled: closed by the daily job because the record was revoked or is no longer published (the reason is decisionReason). */
  id,
  recordId: id,
  applicantName: z.string(),
  proof: z.string(),
  promiseSigned: z.boolean(),
  status: z.enum(['under_review', 'approved', 'rejected', 'promise_broken', 'cancelled']),
  filedOn: z.string(),
  decideDue: z.string(),
  provisional: z.boolean(),
  decidedOn: z.string().nullable(),
  decisionReason: z.string().nullable(),
  promiseBrokenOn: z.string().nullable(),
  orgId: id,
  orgName: z.string(),
  overdue: z.boolean(),
  workingDaysLate: z.number(),
});
export const COMPLAINT_CATEGORIES = ['promise', 'contract', 'procurement', 'service', 'payment', 'other'] as const;
export const complaintSubmitInput = z.object({
  category: z.enum(COMPLAINT_CATEGORIES),
  aboutOrgId: id.optional(),
  aboutPersonId: id.optional(),
  aboutText: z.string().trim().max(200).optional(),
  content: text(5000),
  anonymous: z.boolean().default(false),
  complainantName: z.string().trim().max(50).optional(),
  complainantContact: z.string().trim().max(100).optional(),
});
export const complaintTriageInput = z.object({
  id,
  decision: z.enum(['accept', 'not_ours', 'duplicate']),
  note: z.string().trim().max(1000).optional(),
  duplicateOfReceipt: z.string().trim().max(30).optional(),
});
export const complaintCloseInput = z.object({ id, outcome: text(2000), substantiated: z.boolean() });
export const complaintOut = z.object({
  id,
  receiptCode: z.string(),
  category: z.string(),
  aboutOrgId: id.nullable(),
  aboutPersonId: id.nullable(),
  aboutText: z.string().nullable(),
  content: z.string(),
  anonymous: z.boolean(),
  complainantName: z.string().nullable(),
  status: z.enum(['received', 'accepted', 'not_ours', 'duplicate', 'closed']),
  handlingOrgId: id.nullable(),
  handlingOrgName: z.string().nullable(),
  filedOn: z.string(),
  triageDue: z.string(),
  handleDue: z.string(),
  provisional: z.boolean(),
  triagedOn: z.string().nullable(),
  triageNote: z.string().nullable(),
  escalatedOn: z.string().nullable(),
  escalatedToOrgId: id.nullable(),
  closedOn: z.string().nullable(),
  outcome: z.string().nullable(),
  substantiated: z.boolean().nullable(),
  recordId: id.nullable(),
  /** Named only in free text (the portal's fallback): a handler must resolve it to a body (待确定被投诉单位). */
  bodyUnresolved: z.boolean(),
  /** The files sent with it (images re-encoded on the way in); their bytes only through `kernel.complaints.attachment`. */
  attachments: z.array(z.object({ id, filename: z.string(), contentType: z.string(), size: z.number().int() })),
  overdue: z.boolean(),
  workingDaysLate: z.number(),
});
export const complaintStatusOut = z.object({
  receiptCode: z.string(),
  status: z.string(),
  statusZh: z.string(),
  filedOn: z.string(),
  handleDue: z.string(),
  provisional: z.boolean(),
  note: z.string().nullable(),
  escalated: z.boolean(),
  closedOn: z.string().nullable(),
  outcome: z.string().nullable(),
});
export const rectificationOut = z.object({
  /** The decision number of the record's current version (lists and exports). */
  recordDecisionNo: z.string().nullable().optional(),
  id,
  recordId: id.nullable(),
  findingId: id.nullable(),
  orgId: id,
  orgName: z.string(),
  status: z.enum(['awaiting_explanation', 'in_progress', 'completed', 'verified', 'cancelled']),
  requiredOn: z.string(),
  explanationDue: z.string(),
  provisional: z.boolean(),
  explanation: z.string().nullable(),
  plan: z.string().nullable(),
  explainedOn: z.string().nullable(),
  completionDue: z.string().nullable(),
  evidence: z.string().nullable(),
  completedOn: z.string().nullable(),
  verifiedOn: z.string().nullable(),
  verificationNote: z.string().nullable(),
  /** A free-text 主动自新 note kept from before self-correction became its own process (read only; it never changed a measure). */
  mitigation: z.string().nullable(),
  escalatedOn: z.string().nullable(),
  cancelledOn: z.string().nullable(),
  cancelReason: z.string().nullable(),
  overdue: z.boolean(),
  workingDaysLate: z.number(),
});
export const accountabilityOut = z.object({
  id,
  recordId: id,
  personId: id,
  personName: z.string(),
  orgName: z.string(),
  postTitle: z.string(),
  status: z.enum(['open', 'closed', 'cancelled']),
  openedOn: z.string(),
  closedOn: z.string().nullable(),
  outcome: z.string().nullable(),
});
export const inspectionCreateInput = z.object({ title: text(200), targetOrgId: id, dueOn: legalDate });
export const inspectionFindingInput = z.object({
  inspectionId: id,
  description: text(5000),
  opensRectification: z.boolean().default(false),
  /** When the finding is itself a dishonesty record of the body: its content, entered as a draft linked to the finding. */
  record: recordContent.extend({ typeKey }).optional(),
});
export const inspectionOut = z.object({
  id,
  title: z.string(),
  targetOrgId: id,
  targetOrgName: z.string(),
  issuedOn: z.string(),
  dueOn: z.string(),
  status: z.enum(['open', 'closed']),
  closedOn: z.string().nullable(),
  summary: z.string().nullable(),
  findings: z.array(
    z.object({
      id,
      description: z.string(),
      recordId: id.nullable(),
      rectificationId: id.nullable(),
      foundOn: z.string(),
    }),
  ),
});
export const proposalRegisterInput = z.object({
  kind: z.enum(['npc_suggestion', 'cppcc_proposal']),
  code: text(50),
  title: text(300),
  handlingOrgId: id,
  receivedOn: legalDate,
  dueOn: legalDate.optional(),
});
export const proposalOut = z.object({
  id,
  kind: z.enum(['npc_suggestion', 'cppcc_proposal']),
  code: z.string(),
  title: z.string(),
  handlingOrgId: id,
  handlingOrgName: z.string(),
  receivedOn: z.string(),
  dueOn: z.string(),
  answeredOn: z.string().nullable(),
  satisfaction: z.enum(['satisfied', 'basically_satisfied', 'unsatisfied']).nullable(),
  onTime: z.boolean().nullable(),
  overdue: z.boolean(),
});
export const notificationOut = z.object({
  id,
  kind: z.string(),
  titleZh: z.string(),
  bodyZh: z.string(),
  entity: z.string().nullable(),
  entityId: z.string().nullable(),
  createdAt: z.string(),
  readAt: z.string().nullable(),
});

// ---- procedure inputs and outputs (named for the procedure they belong to) ----
export const objectionsExtendInput = z.object({ id: id, reason: z.string().trim().min(2).max(1000) });
export const objectionsGetInput = z.object({ id: id });
export const objectionsListInput = z.object({
  status: z.enum(['open', 'decided']).optional(),
  overdueOnly: z.boolean().optional(),
  recordId: id.optional(),
  limit: z.number().int().min(1).max(200).default(50),
});
export const objectionsListOutput = z.array(objectionOut);
export const repairsDecideInput = z.object({
  id: id,
  approve: z.boolean(),
  reason: z.string().trim().min(2).max(1000),
});
export const repairsBreakPromiseInput = z.object({ id: id, reason: z.string().trim().min(2).max(1000) });
export const repairsGetInput = z.object({ id: id });
export const repairsListInput = z.object({
  status: z.enum(['open', 'decided']).optional(),
  limit: z.number().int().min(1).max(200).default(50),
});
export const repairsListOutput = z.array(repairOut);
export const complaintsSubmitOutput = z.object({
  receiptCode: z.string(),
  filedOn: z.string(),
  triageDue: z.string(),
  handleDue: z.string(),
  provisional: z.boolean(),
});
export const complaintsStatusInput = z.object({ receiptCode: z.string().trim().min(8).max(30) });
export const complaintsListInput = z.object({
  status: z.enum(['open', 'closed']).optional(),
  overdueOnly: z.boolean().optional(),
  /** Only complaints whose body was given as free text and is not yet resolved (待确定被投诉单位). */
  bodyUnresolved: z.boolean().optional(),
  limit: z.number().int().min(1).max(200).default(50),
});
export const complaintsListOutput = z.array(complaintOut);
export const complaintsGetInput = z.object({ id: id });
export const complaintsToRecordInput = z.object({
  id: id,
  record: recordCreateInput.omit({ subject: true, source: true, linkTo: true }),
});
/** 确定被投诉单位: the body from the org tree a free-text complaint is about; the complaint then goes to it. */
export const complaintsResolveBodyInput = z.object({
  id: id,
  orgId: id,
  note: z.string().trim().max(500).optional(),
});
export const complaintsAttachmentInput = z.object({ complaintId: id, attachmentId: id });
/** One attachment's bytes (base64), for the console's authenticated download route. */
export const complaintsAttachmentOutput = z.object({
  filename: z.string(),
  contentType: z.enum(['image/jpeg', 'image/png', 'application/pdf']),
  dataBase64: z.string(),
});
export const complaintsToRecordOutput = z.object({ complaint: complaintOut, recordId: id });
export const rectificationsListInput = z.object({
  status: z.enum(['open', 'closed']).optional(),
  limit: z.number().int().min(1).max(200).default(50),
});
export const rectificationsListOutput = z.array(rectificationOut);
export const rectificationsGetInput = z.object({ id: id });
export const rectificationsExplainInput = z.object({
  id: id,
  explanation: z.string().trim().min(10).max(10_000),
  plan: z.string().trim().min(10).max(10_000),
  completionDue: legalDate.optional(),
  /** No longer taken: refused with MITIGATION_MOVED (self-correction is kernel.selfCorrections.file). Kept so old callers get that answer, not silence. */
  mitigation: z.string().trim().max(2000).optional(),
});
export const rectificationsCompleteInput = z.object({ id: id, evidence: z.string().trim().min(2).max(10_000) });
export const rectificationsVerifyInput = z.object({
  id: id,
  accepted: z.boolean(),
  note: z.string().trim().min(2).max(2000),
});
export const accountabilityListInput = z.object({
  status: z.enum(['open', 'closed']).optional(),
  limit: z.number().int().min(1).max(200).default(50),
});
export const accountabilityListOutput = z.array(accountabilityOut);
export const accountabilityCloseInput = z.object({ id: id, outcome: z.string().trim().min(2).max(2000) });
export const supervisionCloseInspectionInput = z.object({ id: id, summary: z.string().trim().min(2).max(5000) });
export const supervisionInspectionsInput = z.object({ limit: z.number().int().min(1).max(100).default(20) });
export const supervisionInspectionsOutput = z.array(inspectionOut);
export const supervisionAnswerProposalInput = z.object({
  id: id,
  satisfaction: z.enum(['satisfied', 'basically_satisfied', 'unsatisfied']),
});
export const supervisionProposalsInput = z.object({ limit: z.number().int().min(1).max(500).default(100) });
export const supervisionProposalsOutput = z.object({
  items: z.array(proposalOut),
  answered: z.number(),
  onTime: z.number(),
  overdue: z.number(),
  satisfied: z.number(),
});
export const notificationsListInput = z
  .object({ unreadOnly: z.boolean().default(false), limit: z.number().int().min(1).max(200).default(50) })
  .default({ unreadOnly: false, limit: 50 });
export const notificationsListOutput = z.array(notificationOut);
export const notificationsMarkReadInput = z.object({ ids: z.union([z.array(id).max(500), z.literal('all')]) });
export const notificationsMarkReadOutput = z.object({ marked: z.number() });
export const jobsRunDailyInput = z
  .object({ day: legalDate.optional(), force: z.boolean().default(false) })
  .default({ force: false });
export const jobsRunDailyOutput = z.object({
  day: z.string(),
  skipped: z.boolean(),
  skippedBecause: z.enum(['done', 'running']).nullable(),
  expired: z.number(),
  archived: z.number(),
  escalated: z.number(),
  rectificationsOpened: z.number(),
  accountabilityOpened: z.number(),
  rectificationsEscalated: z.number(),
  tasksCancelled: z.number(),
  digests: z.number(),
});
/**
 * Background jobs (the queue: pg-boss, on PostgreSQL and in-process on PGlite). Each kind is one job definition in
 * apps/server/src/jobs; the states are the queue's own.
 */
export const BACKGROUND_JOB_KINDS = ['daily', 'plugin-scans', 'checkpoint', 'mail', 'export'] as const;
export type BackgroundJobKind = (typeof BACKGROUND_JOB_KINDS)[number];
export const BACKGROUND_JOB_STATES = ['created', 'retry', 'active', 'completed', 'cancelled', 'failed'] as const;
export type BackgroundJobState = (typeof BACKGROUND_JOB_STATES)[number];
export const jobsListInput = z
  .object({
    kind: z.enum(BACKGROUND_JOB_KINDS).optional(),
    state: z.enum(BACKGROUND_JOB_STATES).optional(),
    limit: z.number().int().min(1).max(200).default(50),
  })
  .default({ limit: 50 });
export const backgroundJob = z.object({
  id: z.string(),
  kind: z.enum(BACKGROUND_JOB_KINDS),
  state: z.enum(BACKGROUND_JOB_STATES),
  /** Attempts made so far (1 = the first run). */
  attempts: z.number().int(),
  /** Attempts allowed in all (the first run plus the retries). */
  maxAttempts: z.number().int(),
  createdAt: z.string(),
  startedAt: z.string().nullable(),
  completedAt: z.string().nullable(),
  /** When a job waiting for its next attempt (retry) may run again. */
  runAfter: z.string().nullable(),
  /** The last failure's message (a failed job, or a job waiting to be retried). */
  error: z.string().nullable(),
});
export const jobsListOutput = z.object({ enabled: z.boolean(), items: z.array(backgroundJob) });
export const jobsRetryInput = z.object({ kind: z.enum(BACKGROUND_JOB_KINDS), id: z.uuid() });
export const jobsRetryOutput = z.object({ id: z.string(), state: z.enum(BACKGROUND_JOB_STATES) });
export const jobsRunsInput = z.void();
export const jobsRunsOutput = z.array(
  z.object({ day: z.string(), startedAt: z.string(), finishedAt: z.string().nullable(), result: z.unknown() }),
);

// ---- the console's case lists: search, filters, a column order, keyset pages and the total (`*.page`) ----
/** Filters every case list takes; `filedFrom`/`filedTo` bound the day it was filed (a rectification: required). */
const caseListFilters = {
  /** The keyset cursor of the previous page (`nextCursor`), for the same filters and order. */
  cursor: z.string().max(2000).optional(),
  limit: z.number().int().min(1).max(200).default(50),
  /** Words that must each appear in the body's name, the decision number or the case's text. */
  q: z.string().trim().min(1).max(100).optional(),
  /** The body (the record's; a complaint: the handling body), with its subtree when `subtree`. */
  orgId: id.optional(),
  subtree: z.boolean().default(false),
  filedFrom: legalDate.optional(),
  filedTo: legalDate.optional(),
};
const casePageOut = <T extends z.ZodType>(item: T) =>
  z.object({ items: z.array(item), nextCursor: z.string().nullable(), total: z.number().int().optional() });
/** Column orders; the default is the queue's own (open first, by deadline). The id breaks ties. */
const sorts = <const K extends string>(...keys: K[]) => z.enum(keys.flatMap((k) => [k, `-${k}`]) as [K | `-${K}`]);

export const OBJECTION_STATES = ['under_review', 'extended', 'decided'] as const;
export const objectionsPageInput = objectionsListInput.omit({ limit: true }).extend({
  ...caseListFilters,
  states: z.array(z.enum(OBJECTION_STATES)).max(3).optional(),
  typeKey: typeKey.optional(),
  /** Filed here, or received through the data exchange (naming an exchanged item). */
  channel: z.enum(['direct', 'exchange']).optional(),
  sort: sorts('filedOn', 'decideDue', 'org').optional(),
});
export const objectionsPageOutput = casePageOut(objectionOut);

export const REPAIR_STATES = ['under_review', 'approved', 'rejected', 'promise_broken', 'cancelled'] as const;
export const repairsPageInput = repairsListInput.omit({ limit: true }).extend({
  ...caseListFilters,
  states: z.array(z.enum(REPAIR_STATES)).max(5).optional(),
  typeKey: typeKey.optional(),
  sort: sorts('filedOn', 'decideDue', 'org').optional(),
});
export const repairsPageOutput = casePageOut(repairOut);

export const COMPLAINT_STATES = ['received', 'accepted', 'not_ours', 'duplicate', 'closed'] as const;
export const complaintsPageInput = complaintsListInput.omit({ limit: true }).extend({
  ...caseListFilters,
  states: z.array(z.enum(COMPLAINT_STATES)).max(5).optional(),
  category: z.enum(COMPLAINT_CATEGORIES).optional(),
  /** Anonymous reports, or named ones. */
  anonymous: z.boolean().optional(),
  sort: sorts('filedOn', 'handleDue', 'org').optional(),
});
export const complaintsPageOutput = casePageOut(complaintOut);

export const RECTIFICATION_STATES = [
  'awaiting_explanation',
  'in_progress',
  'completed',
  'verified',
  'cancelled',
] as const;
export const rectificationsPageInput = rectificationsListInput.omit({ limit: true }).extend({
  ...caseListFilters,
  states: z.array(z.enum(RECTIFICATION_STATES)).max(5).optional(),
  /** Required for a dishonesty record, or for a supervision finding. */
  origin: z.enum(['record', 'finding']).optional(),
  overdueOnly: z.boolean().optional(),
  sort: sorts('requiredOn', 'explanationDue', 'org').optional(),
});
export const rectificationsPageOutput = casePageOut(rectificationOut);
