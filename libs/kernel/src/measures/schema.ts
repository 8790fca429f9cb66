import { sql } from 'drizzle-orm';
import { boolean, index, jsonb, primaryKey, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { createdAt, kernel, dateColumn } from '../core/schema';
import { orgUnit } from '../registry/schema';
import { creditRecord } from '../records/schema';

// Tables of the measures domain (one migration ledger for the whole kernel: see ../schema.ts).

/**
 * 公开通报批评 (津政发〔2017〕29号 二.4): issued by the authority above the criticised body, resting on its published
 * dishonesty records; drafted, reviewed by a second person, published on the portal, withdrawn only with a reason.
 */
export const criticismNotice = kernel.table(
  'criticism_notice',
  {
    id: uuid('id').primaryKey(),
    issuerOrgId: uuid('issuer_org_id')
      .notNull()
      .references(() => orgUnit.id),
    targetOrgId: uuid('target_org_id')
      .notNull()
      .references(() => orgUnit.id),
    title: text('title').notNull(),
    documentNo: text('document_no'),
    facts: text('facts').notNull(),
    rectificationDemand: text('rectification_demand').notNull(),
    rectificationDue: dateColumn('rectification_due').notNull(),
    /** draft | submitted | approved | published | withdrawn */
    status: text('status').notNull(),
    draftedOn: dateColumn('drafted_on').notNull(),
    draftedBy: uuid('drafted_by'),
    submittedOn: dateColumn('submitted_on'),
    reviewedOn: dateColumn('reviewed_on'),
    reviewedBy: uuid('reviewed_by'),
    reviewNote: text('review_note'),
    publishedOn: dateColumn('published_on'),
    withdrawnOn: dateColumn('withdrawn_on'),
    withdrawReason: text('withdraw_reason'),
    /** The rectification opened or joined on publication. */
    rectificationId: uuid('rectification_id'),
    createdAt: createdAt(),
  },
  (t) => [
    index('criticism_notice_target_idx').on(t.targetOrgId, t.status),
    index('criticism_notice_status_idx').on(t.status),
  ],
);

export const criticismNoticeRecord = kernel.table(
  'criticism_notice_record',
  {
    noticeId: uuid('notice_id')
      .notNull()
      .references(() => criticismNotice.id),
    recordId: uuid('record_id')
      .notNull()
      .references(() => creditRecord.id),
  },
  (t) => [primaryKey({ columns: [t.noticeId, t.recordId] }), index('criticism_notice_record_idx').on(t.recordId)],
);

/**
 * 自我纠错、主动自新 (津政发〔2017〕29号 二.5): an application with evidence on a dishonesty record; a reviewer's decision
 * naming which measures are lightened or waived. The record itself is never changed.
 */
export const selfCorrection = kernel.table(
  'self_correction',
  {
    id: uuid('id').primaryKey(),
    recordId: uuid('record_id')
      .notNull()
      .references(() => creditRecord.id),
    applicantName: text('applicant_name').notNull(),
    /** [{ kind, description, documents }] */
    evidence: jsonb('evidence').notNull(),
    /** under_review | decided */
    status: text('status').notNull(),
    filedOn: dateColumn('filed_on').notNull(),
    filedBy: uuid('filed_by'),
    decideDue: dateColumn('decide_due').notNull(),
    provisional: boolean('provisional').notNull().default(false),
    granted: boolean('granted'),
    /** [{ measure, effect }] — only when granted. */
    measures: jsonb('measures').notNull().default([]),
    reason: text('reason'),
    decidedOn: dateColumn('decided_on'),
    decidedBy: uuid('decided_by'),
    createdAt: createdAt(),
  },
  (t) => [
    index('self_correction_record_idx').on(t.recordId),
    uniqueIndex('self_correction_open_key')
      .on(t.recordId)
      .where(sql`status = 'under_review'`),
  ],
);
