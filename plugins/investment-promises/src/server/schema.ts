import { boolean, index, pgSchema, text, uuid } from 'drizzle-orm/pg-core';
import { dateColumn, instantColumn, promiseTables } from '@chengxin/plugin-sdk';

/** The plugin's own Postgres schema: its tables reference kernel ids (org units, persons), never another plugin's tables. */
export const investmentSchema = pgSchema('investment_promises');

/** A policy promise or investment agreement to an enterprise; its milestones, evidence and changes are the SDK's tables. */
export const promise = investmentSchema.table(
  'promise',
  {
    id: uuid('id').primaryKey(),
    orgId: uuid('org_id').notNull(),
    responsiblePersonId: uuid('responsible_person_id'),
    kind: text('kind').notNull(),
    category: text('category').notNull(),
    title: text('title').notNull(),
    beneficiaryName: text('beneficiary_name').notNull(),
    beneficiaryUscc: text('beneficiary_uscc').notNull(),
    selective: boolean('selective').notNull(),
    madeOn: dateColumn('made_on').notNull(),
    basisKind: text('basis_kind').notNull(),
    legalBasis: text('legal_basis'),
    documentNo: text('document_no'),
    /** 公平竞争审查条例 §10: flagged at registration when a preference to this business lacks a law, regulation or State Council approval. */
    unlawfulFromStart: boolean('unlawful_from_start').notNull(),
    createdAt: instantColumn('created_at').notNull().defaultNow(),
    createdBy: uuid('created_by'),
  },
  (t) => [index('promise_org_idx').on(t.orgId, t.id)],
);

export const { milestone, evidence, change } = promiseTables(investmentSchema);

/** Reasons the body gave for not keeping a promise (shown beside the draft; §31 reasons are refused before this). */
export const excuse = investmentSchema.table(
  'excuse',
  {
    id: uuid('id').primaryKey(),
    promiseId: uuid('promise_id').notNull(),
    reason: text('reason').notNull(),
    explanation: text('explanation').notNull(),
    recordedOn: dateColumn('recorded_on').notNull(),
    createdBy: uuid('created_by'),
  },
  (t) => [index('excuse_promise_idx').on(t.promiseId)],
);

/** An enterprise complaint about an unkept promise, forwarded to the superior department to verify. */
export const complaint = investmentSchema.table(
  'complaint',
  {
    id: uuid('id').primaryKey(),
    promiseId: uuid('promise_id').notNull(),
    channel: text('channel').notNull(),
    ticketNo: text('ticket_no'),
    receivedOn: dateColumn('received_on').notNull(),
    summary: text('summary').notNull(),
    forwardedOn: dateColumn('forwarded_on'),
    forwardedTo: text('forwarded_to'),
    verifiedOn: dateColumn('verified_on'),
    outcome: text('outcome'),
    note: text('note'),
    createdAt: instantColumn('created_at').notNull().defaultNow(),
    createdBy: uuid('created_by'),
  },
  (t) => [index('complaint_promise_idx').on(t.promiseId)],
);
