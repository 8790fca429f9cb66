import { sql } from 'drizzle-orm';
import {
  bigint,
  boolean,
  index,
  integer,
  jsonb,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { bytea, createdAt, kernel, dateColumn } from '../core/schema';
import { orgUnit, person, tenure } from '../registry/schema';
import { creditRecord } from '../records/schema';
import { appUser } from '../access/schema';

// Tables of the processes domain (one migration ledger for the whole kernel: see ../schema.ts).
/** One row per scheduled job and day it ran for: a second run for the same day does nothing. */
export const jobRun = kernel.table(
  'job_run',
  {
    job: text('job').notNull(),
    day: dateColumn('day').notNull(),
    startedAt: timestamp('started_at', { withTimezone: true, mode: 'string' }).notNull().defaultNow(),
    finishedAt: timestamp('finished_at', { withTimezone: true, mode: 'string' }),
    result: jsonb('result').notNull().default({}),
  },
  (t) => [primaryKey({ columns: [t.job, t.day] })],
);

/** 异议: a subject (or its agent) disputes a published record; deadlines in working days. */
export const objection = kernel.table(
  'objection',
  {
    id: uuid('id').primaryKey(),
    recordId: uuid('record_id')
      .notNull()
      .references(() => creditRecord.id),
    applicantKind: text('applicant_kind').notNull(),
    applicantName: text('applicant_name').notNull(),
    /** Never shown publicly. */
    applicantContact: text('applicant_contact'),
    reasons: text('reasons').notNull(),
    evidence: jsonb('evidence').notNull().default([]),
    status: text('status').notNull(),
    filedOn: dateColumn('filed_on').notNull(),
    markDue: dateColumn('mark_due').notNull(),
    markedOn: dateColumn('marked_on'),
    decideDue: dateColumn('decide_due').notNull(),
    /** A deadline was counted through a year whose official holiday arrangement was not loaded: it may still move. */
    provisional: boolean('provisional').notNull().default(false),
    extensionReason: text('extension_reason'),
    outcome: text('outcome'),
    outcomeReason: text('outcome_reason'),
    decidedOn: dateColumn('decided_on'),
    decidedBy: uuid('decided_by'),
    rules: jsonb('rules').notNull().default([]),
    /** What the error lies in: collection | sharing | use | publication (regional credit regulations allow all four). */
    concerns: text('concerns').notNull().default('publication'),
    /** An exported or shared item the objection names: the channel and change-log entry (and its batch, if sent in one). */
    exchangeChannel: text('exchange_channel'),
    exchangeSeq: bigint('exchange_seq', { mode: 'number' }),
    exchangeBatchNo: integer('exchange_batch_no'),
    createdAt: createdAt(),
    createdBy: uuid('created_by'),
  },
  (t) => [index('objection_record_idx').on(t.recordId), index('objection_open_idx').on(t.status, t.decideDue)],
);

/** 信用修复: after the minimum publication period, with proof and a credit promise; approval ends publication early. */
export const repair = kernel.table(
  'repair',
  {
    id: uuid('id').primaryKey(),
    recordId: uuid('record_id')
      .notNull()
      .references(() => creditRecord.id),
    applicantName: text('applicant_name').notNull(),
    proof: text('proof').notNull(),
    promiseSigned: boolean('promise_signed').notNull(),
    status: text('status').notNull(),
    filedOn: dateColumn('filed_on').notNull(),
    decideDue: dateColumn('decide_due').notNull(),
    /** The deadline was counted through a year whose official holiday arrangement was not loaded: it may still move. */
    provisional: boolean('provisional').notNull().default(false),
    /** Set on a decision, and when the daily job cancels an application its record no longer needs (status 'cancelled'). */
    decidedOn: dateColumn('decided_on'),
    decidedBy: uuid('decided_by'),
    decisionReason: text('decision_reason'),
    promiseBrokenOn: dateColumn('promise_broken_on'),
    rules: jsonb('rules').notNull().default([]),
    createdAt: createdAt(),
    createdBy: uuid('created_by'),
  },
  (t) => [index('repair_record_idx').on(t.recordId), index('repair_open_idx').on(t.status, t.decideDue)],
);

/** 投诉举报: anyone may report government dishonesty; followed by receipt code; personal data never public. */
export const complaint = kernel.table(
  'complaint',
  {
    id: uuid('id').primaryKey(),
    receiptCode: text('receipt_code').notNull().unique(),
    category: text('category').notNull(),
    aboutOrgId: uuid('about_org_id').references(() => orgUnit.id),
    aboutPersonId: uuid('about_person_id').references(() => person.id),
    aboutText: text('about_text'),
    content: text('content').notNull(),
    anonymous: boolean('anonymous').notNull(),
    complainantName: text('complainant_name'),
    complainantContact: text('complainant_contact'),
    /** Normalised content hash: the same report sent twice is found as a duplicate. */
    contentKey: text('content_key').notNull(),
    status: text('status').notNull(),
    /** The body handling it (the one complained about, or the city credit office), and where it was escalated to. */
    handlingOrgId: uuid('handling_org_id').references(() => orgUnit.id),
    filedOn: dateColumn('filed_on').notNull(),
    triageDue: dateColumn('triage_due').notNull(),
    handleDue: dateColumn('handle_due').notNull(),
    /** A deadline was counted through a year whose official holiday arrangement was not loaded: it may still move. */
    provisional: boolean('provisional').notNull().default(false),
    triagedOn: dateColumn('triaged_on'),
    triageNote: text('triage_note'),
    duplicateOf: uuid('duplicate_of'),
    escalatedOn: dateColumn('escalated_on'),
    escalatedToOrgId: uuid('escalated_to_org_id').references(() => orgUnit.id),
    closedOn: dateColumn('closed_on'),
    outcome: text('outcome'),
    substantiated: boolean('substantiated'),
    recordId: uuid('record_id').references(() => creditRecord.id),
    createdAt: createdAt(),
  },
  (t) => [index('complaint_open_idx').on(t.status, t.handleDue), index('complaint_key_idx').on(t.contentKey)],
);

/** Files sent with a public complaint (type and size checked on the way in; never served publicly). */
export const complaintAttachment = kernel.table(
  'complaint_attachment',
  {
    id: uuid('id').primaryKey(),
    complaintId: uuid('complaint_id')
      .notNull()
      .references(() => complaint.id),
    filename: text('filename').notNull(),
    contentType: text('content_type').notNull(),
    size: integer('size').notNull(),
    sha256: text('sha256').notNull(),
    content: bytea('content').notNull(),
    createdAt: createdAt(),
  },
  (t) => [index('complaint_attachment_complaint_idx').on(t.complaintId)],
);

/** 限期整改: a body with a dishonesty record explains in writing, plans, completes with evidence, and is verified. */
export const rectification = kernel.table(
  'rectification',
  {
    id: uuid('id').primaryKey(),
    /** The dishonesty record that requires it, or (for an inspection finding) none. */
    recordId: uuid('record_id')
      .unique()
      .references(() => creditRecord.id),
    findingId: uuid('finding_id'),
    orgId: uuid('org_id')
      .notNull()
      .references(() => orgUnit.id),
    status: text('status').notNull(),
    requiredOn: dateColumn('required_on').notNull(),
    explanationDue: dateColumn('explanation_due').notNull(),
    /** A deadline was counted through a year whose official holiday arrangement was not loaded: it may still move. */
    provisional: boolean('provisional').notNull().default(false),
    explanation: text('explanation'),
    plan: text('plan'),
    explainedOn: dateColumn('explained_on'),
    completionDue: dateColumn('completion_due'),
    evidence: text('evidence'),
    completedOn: dateColumn('completed_on'),
    verifiedOn: dateColumn('verified_on'),
    verificationNote: text('verification_note'),
    /** 主动自新: losses recovered or harm stopped, which allows a lighter consequence. */
    mitigation: text('mitigation'),
    escalatedOn: dateColumn('escalated_on'),
    /** Closed by the daily job when its record was revoked or repaired (status 'cancelled'), with the reason. */
    cancelledOn: dateColumn('cancelled_on'),
    cancelReason: text('cancel_reason'),
    createdAt: createdAt(),
  },
  (t) => [index('rectification_open_idx').on(t.status, t.explanationDue)],
);

/** 主要负责人问责: a body's record opens a task for each principal official in post when the act was decided. */
export const accountabilityTask = kernel.table(
  'accountability_task',
  {
    id: uuid('id').primaryKey(),
    recordId: uuid('record_id')
      .notNull()
      .references(() => creditRecord.id),
    personId: uuid('person_id')
      .notNull()
      .references(() => person.id),
    tenureId: uuid('tenure_id')
      .notNull()
      .references(() => tenure.id),
    /** open | closed (by a reviewer, with the outcome) | cancelled (by the daily job when the record was revoked or repaired; the reason is the outcome). */
    status: text('status').notNull(),
    openedOn: dateColumn('opened_on').notNull(),
    closedOn: dateColumn('closed_on'),
    outcome: text('outcome'),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('accountability_task_key').on(t.recordId, t.tenureId)],
);

/** 专项督导: an upper level inspects a body; findings may open records or rectifications. */
export const inspection = kernel.table('inspection', {
  id: uuid('id').primaryKey(),
  title: text('title').notNull(),
  targetOrgId: uuid('target_org_id')
    .notNull()
    .references(() => orgUnit.id),
  issuedOn: dateColumn('issued_on').notNull(),
  dueOn: dateColumn('due_on').notNull(),
  status: text('status').notNull(),
  closedOn: dateColumn('closed_on'),
  summary: text('summary'),
  createdAt: createdAt(),
  createdBy: uuid('created_by'),
});

export const inspectionFinding = kernel.table('inspection_finding', {
  id: uuid('id').primaryKey(),
  inspectionId: uuid('inspection_id')
    .notNull()
    .references(() => inspection.id),
  description: text('description').notNull(),
  recordId: uuid('record_id').references(() => creditRecord.id),
  rectificationId: uuid('rectification_id'),
  foundOn: dateColumn('found_on').notNull(),
  createdAt: createdAt(),
});

/** 人大代表建议 / 政协委员提案 handled by a body: received, due, answered, satisfaction — evaluation inputs. */
export const proposal = kernel.table(
  'proposal',
  {
    id: uuid('id').primaryKey(),
    kind: text('kind').notNull(),
    code: text('code').notNull(),
    title: text('title').notNull(),
    handlingOrgId: uuid('handling_org_id')
      .notNull()
      .references(() => orgUnit.id),
    receivedOn: dateColumn('received_on').notNull(),
    dueOn: dateColumn('due_on').notNull(),
    answeredOn: dateColumn('answered_on'),
    satisfaction: text('satisfaction'),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('proposal_code_key').on(t.kind, t.code)],
);

/** The in-app inbox: deadlines, outcomes and a daily digest of what is overdue, per user. */
export const notification = kernel.table(
  'notification',
  {
    id: uuid('id').primaryKey(),
    userId: uuid('user_id')
      .notNull()
      .references(() => appUser.id),
    kind: text('kind').notNull(),
    titleZh: text('title_zh').notNull(),
    bodyZh: text('body_zh').notNull(),
    entity: text('entity'),
    entityId: text('entity_id'),
    /** One digest per user and day. */
    dedupeKey: text('dedupe_key'),
    createdAt: createdAt(),
    readAt: timestamp('read_at', { withTimezone: true, mode: 'string' }),
    /** Set once the message went out by email (only when SMTP is configured and the user has an address). */
    emailedAt: timestamp('emailed_at', { withTimezone: true, mode: 'string' }),
    /** Email attempts so far (counted when a sender claims the message), the last failure, and when to try next. */
    emailAttempts: integer('email_attempts').notNull().default(0),
    emailLastError: text('email_last_error'),
    /** Not before this instant: a sender's claim (a lease) or the backoff after a failure. */
    emailNextAt: timestamp('email_next_at', { withTimezone: true, mode: 'string' }),
    /** Given up after the maximum number of attempts; the message stays in the inbox. */
    emailFailedAt: timestamp('email_failed_at', { withTimezone: true, mode: 'string' }),
  },
  (t) => [
    index('notification_user_idx').on(t.userId, t.readAt),
    uniqueIndex('notification_dedupe_key').on(t.dedupeKey),
    index('notification_outbox_idx')
      .on(t.createdAt)
      .where(sql`emailed_at is null and email_failed_at is null`),
  ],
);
