import { sql } from 'drizzle-orm';
import {
  bigint,
  boolean,
  date,
  index,
  integer,
  jsonb,
  numeric,
  pgSchema,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';

/** The plugin's own Postgres schema: its tables reference kernel ids (org units, persons), never another plugin's tables. */
export const biddingSchema = pgSchema('bidding');

const day = (name: string) => date(name, { mode: 'string' });
const stamp = (name: string) => timestamp(name, { withTimezone: true, mode: 'string' });

/** A tendering agency (招标代理机构): a private firm, city-wide, not a kernel body. */
export const agency = biddingSchema.table(
  'agency',
  {
    id: uuid('id').primaryKey(),
    name: text('name').notNull(),
    uscc: text('uscc').notNull(),
    qualification: text('qualification').notNull(),
    qualificationValidUntil: day('qualification_valid_until'),
    createdAt: stamp('created_at').notNull().defaultNow(),
    createdBy: uuid('created_by'),
  },
  (t) => [uniqueIndex('agency_uscc_key').on(t.uscc)],
);

export const agencyReport = biddingSchema.table(
  'agency_report',
  {
    id: uuid('id').primaryKey(),
    agencyId: uuid('agency_id')
      .notNull()
      .references(() => agency.id),
    issuer: text('issuer').notNull(),
    reportNo: text('report_no').notNull(),
    issuedOn: day('issued_on').notNull(),
    grade: text('grade').notNull(),
    validUntil: day('valid_until').notNull(),
    createdBy: uuid('created_by'),
  },
  (t) => [uniqueIndex('agency_report_no_key').on(t.agencyId, t.issuer, t.reportNo)],
);

/** One year's credit evaluation of an agency, with the indicator system as it was applied (a snapshot). */
export const agencyEvaluation = biddingSchema.table(
  'agency_evaluation',
  {
    id: uuid('id').primaryKey(),
    agencyId: uuid('agency_id')
      .notNull()
      .references(() => agency.id),
    year: integer('year').notNull(),
    evaluatedOn: day('evaluated_on').notNull(),
    total: numeric('total', { mode: 'number' }).notNull(),
    grade: text('grade').notNull(),
    breakdown: jsonb('breakdown').notNull(),
    reportIds: jsonb('report_ids')
      .notNull()
      .default(sql`'[]'::jsonb`),
    createdBy: uuid('created_by'),
    /**
     * entered → reviewed (a second person) → published; returned: sent back for correction. Evaluations made before
     * the review step existed were published as entered, hence the default.
     */
    status: text('status').notNull().default('published'),
    reviewedBy: uuid('reviewed_by'),
    reviewedOn: day('reviewed_on'),
    reviewNote: text('review_note'),
    publishedOn: day('published_on'),
    publishedBy: uuid('published_by'),
    /** Each correction: { on, by, reason, before: { total, grade, breakdown } } (the audit log keeps them too). */
    corrections: jsonb('corrections')
      .notNull()
      .default(sql`'[]'::jsonb`),
  },
  (t) => [uniqueIndex('agency_evaluation_year_key').on(t.agencyId, t.year)],
);

/** 动态监管: an inspection, complaint finding, penalty or qualification change of an agency, disclosed once published. */
export const agencySupervision = biddingSchema.table(
  'agency_supervision',
  {
    id: uuid('id').primaryKey(),
    agencyId: uuid('agency_id')
      .notNull()
      .references(() => agency.id),
    kind: text('kind').notNull(),
    occurredOn: day('occurred_on').notNull(),
    summary: text('summary').notNull(),
    outcome: text('outcome'),
    documentNo: text('document_no'),
    /** entered | published */
    status: text('status').notNull(),
    publishedOn: day('published_on'),
    publishedBy: uuid('published_by'),
    createdAt: stamp('created_at').notNull().defaultNow(),
    createdBy: uuid('created_by'),
  },
  (t) => [index('agency_supervision_agency_idx').on(t.agencyId, t.occurredOn)],
);

export const tender = biddingSchema.table(
  'tender',
  {
    id: uuid('id').primaryKey(),
    /** kernel_api.org_unit id of the tenderer (a government body). */
    orgId: uuid('org_id').notNull(),
    project: text('project').notNull(),
    mustTender: boolean('must_tender').notNull(),
    openRequired: boolean('open_required').notNull(),
    method: text('method').notNull(),
    invitedApproval: text('invited_approval'),
    estimateFen: bigint('estimate_fen', { mode: 'number' }),
    agencyId: uuid('agency_id').references(() => agency.id),
    issueDate: day('issue_date').notNull(),
    bidDeadline: day('bid_deadline').notNull(),
    evaluationReportDate: day('evaluation_report_date'),
    publicityStart: day('publicity_start'),
    publicityEnd: day('publicity_end'),
    awardNoticeDate: day('award_notice_date'),
    contractDate: day('contract_date'),
    reportDate: day('report_date'),
    ocid: text('ocid'),
    createdAt: stamp('created_at').notNull().defaultNow(),
    createdBy: uuid('created_by'),
    updatedAt: stamp('updated_at').notNull().defaultNow(),
    /** Rule inputs the source could not carry (OCDS has no field for the written report or the must-tender status): judged "unknown". */
    unknownFacts: jsonb('unknown_facts')
      .$type<string[]>()
      .notNull()
      .default(sql`'[]'::jsonb`),
  },
  (t) => [
    index('tender_org_idx').on(t.orgId, t.id),
    uniqueIndex('tender_ocid_key')
      .on(t.ocid)
      .where(sql`ocid is not null`),
    index('tender_updated_idx').on(t.updatedAt, t.id),
  ],
);

export const clarification = biddingSchema.table(
  'clarification',
  {
    id: uuid('id').primaryKey(),
    tenderId: uuid('tender_id')
      .notNull()
      .references(() => tender.id),
    issuedOn: day('issued_on').notNull(),
    affectsBids: boolean('affects_bids').notNull(),
    summary: text('summary').notNull(),
    sourceId: text('source_id'),
    createdBy: uuid('created_by'),
  },
  (t) => [
    index('clarification_tender_idx').on(t.tenderId),
    uniqueIndex('clarification_source_key')
      .on(t.tenderId, t.sourceId)
      .where(sql`source_id is not null`),
  ],
);

export const incident = biddingSchema.table(
  'incident',
  {
    id: uuid('id').primaryKey(),
    tenderId: uuid('tender_id')
      .notNull()
      .references(() => tender.id),
    kind: text('kind').notNull(),
    occurredOn: day('occurred_on').notNull(),
    description: text('description').notNull(),
    cause: text('cause'),
    createdBy: uuid('created_by'),
  },
  (t) => [index('incident_tender_idx').on(t.tenderId)],
);

/** An official's interference (条例 §80): a personal record for the official, the sanction referred to discipline. */
export const interference = biddingSchema.table(
  'interference',
  {
    id: uuid('id').primaryKey(),
    tenderId: uuid('tender_id')
      .notNull()
      .references(() => tender.id),
    /** kernel_api.person id. */
    personId: uuid('person_id').notNull(),
    kind: text('kind').notNull(),
    occurredOn: day('occurred_on').notNull(),
    description: text('description').notNull(),
    createdBy: uuid('created_by'),
  },
  (t) => [index('interference_tender_idx').on(t.tenderId)],
);

/**
 * A lot (标段/标包) of a tender divided into lots (OCDS lots extension): each lot has its own award notice and contract,
 * so the 30-day contract clock (招标投标法 §46) runs per lot. A tender without lots has none.
 */
export const lot = biddingSchema.table(
  'lot',
  {
    id: uuid('id').primaryKey(),
    tenderId: uuid('tender_id')
      .notNull()
      .references(() => tender.id),
    /** The lot's id in the source (OCDS tender.lots[].id), unique within its tender. */
    sourceId: text('source_id').notNull(),
    title: text('title').notNull(),
    /** active | cancelled (a lot cancelled or unsuccessful starts no clock). */
    status: text('status').notNull(),
    estimateFen: bigint('estimate_fen', { mode: 'number' }),
    awardNoticeDate: day('award_notice_date'),
    contractDate: day('contract_date'),
    createdBy: uuid('created_by'),
  },
  (t) => [uniqueIndex('lot_source_key').on(t.tenderId, t.sourceId)],
);
