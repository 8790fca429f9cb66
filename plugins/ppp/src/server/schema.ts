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

/** The plugin's own Postgres schema: its tables reference kernel ids (org units), never another plugin's tables. */
export const pppSchema = pgSchema('ppp');

const day = (name: string) => date(name, { mode: 'string' });
const money = (name: string) => bigint(name, { mode: 'number' });
const stamp = (name: string) => timestamp(name, { withTimezone: true, mode: 'string' });

export const project = pppSchema.table(
  'project',
  {
    id: uuid('id').primaryKey(),
    /** kernel_api.org_unit id of the implementing body (实施机构). */
    orgId: uuid('org_id').notNull(),
    name: text('name').notNull(),
    sector: text('sector').notNull(),
    partnerName: text('partner_name').notNull(),
    partnerUscc: text('partner_uscc').notNull(),
    phase: text('phase').notNull(),
    paymentMechanism: text('payment_mechanism').notNull(),
    startDate: day('start_date').notNull(),
    agreementDate: day('agreement_date'),
    termYears: integer('term_years').notNull(),
    /** OCDS riskAllocation: [{ id, category, allocation, description, mitigation }]. */
    risks: jsonb('risks')
      .notNull()
      .default(sql`'[]'::jsonb`),
    ocid: text('ocid'),
    createdAt: stamp('created_at').notNull().defaultNow(),
    createdBy: uuid('created_by'),
    updatedAt: stamp('updated_at').notNull().defaultNow(),
  },
  (t) => [
    index('project_org_idx').on(t.orgId, t.id),
    uniqueIndex('project_ocid_key')
      .on(t.ocid)
      .where(sql`ocid is not null`),
  ],
);

export const obligation = pppSchema.table(
  'obligation',
  {
    id: uuid('id').primaryKey(),
    projectId: uuid('project_id')
      .notNull()
      .references(() => project.id),
    kind: text('kind').notNull(),
    description: text('description').notNull(),
    dueDate: day('due_date').notNull(),
    amountFen: money('amount_fen'),
    sourceId: text('source_id'),
    /** The OCDS contract the obligation comes from: '' for the project agreement (and obligations entered by hand). */
    contractSourceId: text('contract_source_id').notNull().default(''),
    createdAt: stamp('created_at').notNull().defaultNow(),
    createdBy: uuid('created_by'),
  },
  (t) => [
    index('obligation_project_idx').on(t.projectId, t.dueDate),
    uniqueIndex('obligation_source_key')
      .on(t.projectId, t.contractSourceId, t.sourceId)
      .where(sql`source_id is not null`),
  ],
);

export const fulfilment = pppSchema.table(
  'fulfilment',
  {
    id: uuid('id').primaryKey(),
    obligationId: uuid('obligation_id')
      .notNull()
      .references(() => obligation.id),
    fulfilledOn: day('fulfilled_on').notNull(),
    amountFen: money('amount_fen'),
    note: text('note').notNull(),
    sourceId: text('source_id'),
    createdAt: stamp('created_at').notNull().defaultNow(),
    createdBy: uuid('created_by'),
  },
  (t) => [
    index('fulfilment_obligation_idx').on(t.obligationId, t.fulfilledOn),
    uniqueIndex('fulfilment_source_key')
      .on(t.obligationId, t.sourceId)
      .where(sql`source_id is not null`),
  ],
);

export const excuse = pppSchema.table(
  'excuse',
  {
    id: uuid('id').primaryKey(),
    obligationId: uuid('obligation_id')
      .notNull()
      .references(() => obligation.id),
    reason: text('reason').notNull(),
    explanation: text('explanation').notNull(),
    documentNo: text('document_no'),
    recordedOn: day('recorded_on').notNull(),
    createdBy: uuid('created_by'),
  },
  (t) => [index('excuse_obligation_idx').on(t.obligationId)],
);

export const agreementChange = pppSchema.table(
  'agreement_change',
  {
    id: uuid('id').primaryKey(),
    projectId: uuid('project_id')
      .notNull()
      .references(() => project.id),
    changedOn: day('changed_on').notNull(),
    description: text('description').notNull(),
    unilateral: boolean('unilateral').notNull(),
    reason: text('reason').notNull(),
    legalAuthority: text('legal_authority'),
    procedureRecord: text('procedure_record'),
    compensationFen: money('compensation_fen'),
    createdAt: stamp('created_at').notNull().defaultNow(),
    createdBy: uuid('created_by'),
  },
  (t) => [index('agreement_change_project_idx').on(t.projectId)],
);

export const evaluation = pppSchema.table(
  'evaluation',
  {
    id: uuid('id').primaryKey(),
    projectId: uuid('project_id')
      .notNull()
      .references(() => project.id),
    year: integer('year').notNull(),
    evaluatedOn: day('evaluated_on').notNull(),
    kind: text('kind').notNull(),
    score: numeric('score', { mode: 'number' }).notNull(),
    note: text('note'),
    createdBy: uuid('created_by'),
  },
  (t) => [uniqueIndex('evaluation_project_year_key').on(t.projectId, t.year, t.kind)],
);

/** OCDS performanceFailures. */
export const performanceFailure = pppSchema.table(
  'performance_failure',
  {
    id: uuid('id').primaryKey(),
    projectId: uuid('project_id')
      .notNull()
      .references(() => project.id),
    periodStart: day('period_start').notNull(),
    periodEnd: day('period_end').notNull(),
    category: text('category').notNull(),
    events: integer('events').notNull(),
    penaltyContracted: text('penalty_contracted'),
    penaltyImposed: text('penalty_imposed'),
    penaltyPaid: boolean('penalty_paid').notNull().default(false),
    sourceId: text('source_id'),
    /** The OCDS contract the failure was reported under: '' for the project agreement. */
    contractSourceId: text('contract_source_id').notNull().default(''),
    createdBy: uuid('created_by'),
  },
  (t) => [
    index('performance_failure_project_idx').on(t.projectId),
    uniqueIndex('performance_failure_source_key')
      .on(t.projectId, t.contractSourceId, t.sourceId)
      .where(sql`source_id is not null`),
  ],
);

/**
 * A project's contracts besides the project agreement (the agreement's own terms are on the project): supplementary
 * and related agreements of the same contracting process (OCDS contracts[1…]), each with its obligations
 * (obligation.contract_source_id) judged by the same rules. A cancelled one carries no obligations.
 */
export const projectContract = pppSchema.table(
  'project_contract',
  {
    id: uuid('id').primaryKey(),
    projectId: uuid('project_id')
      .notNull()
      .references(() => project.id),
    /** The contract's id in the source (OCDS contracts[].id). */
    sourceId: text('source_id').notNull(),
    title: text('title').notNull(),
    /** OCDS contract status: pending | active | cancelled | terminated. */
    status: text('status').notNull(),
    dateSigned: day('date_signed'),
    paymentMechanism: text('payment_mechanism'),
    termYears: integer('term_years'),
    createdBy: uuid('created_by'),
  },
  (t) => [uniqueIndex('project_contract_source_key').on(t.projectId, t.sourceId)],
);

/** A district's general public budget expenditure for a year: the denominator of fiscal affordability. */
export const budget = pppSchema.table(
  'budget',
  {
    id: uuid('id').primaryKey(),
    orgId: uuid('org_id').notNull(),
    year: integer('year').notNull(),
    generalExpenditureFen: money('general_expenditure_fen').notNull(),
    updatedAt: stamp('updated_at').notNull().defaultNow(),
    updatedBy: uuid('updated_by'),
  },
  (t) => [uniqueIndex('budget_org_year_key').on(t.orgId, t.year)],
);

/** 合同审查: the government's review of the agreement before it signs (津政发〔2017〕29号 三.2). */
export const contractReview = pppSchema.table(
  'contract_review',
  {
    id: uuid('id').primaryKey(),
    projectId: uuid('project_id')
      .notNull()
      .references(() => project.id),
    reviewedOn: day('reviewed_on').notNull(),
    /** The reviewing body or person (e.g. 区司法局合法性审查, 区财政局). */
    reviewer: text('reviewer').notNull(),
    /** approved | approved_with_changes | rejected */
    conclusion: text('conclusion').notNull(),
    findings: text('findings').notNull(),
    createdAt: stamp('created_at').notNull().defaultNow(),
    createdBy: uuid('created_by'),
  },
  (t) => [index('contract_review_project_idx').on(t.projectId, t.reviewedOn)],
);

/**
 * 实施成效: a year's assessed results of a project for the government side, which the daily scan turns into a
 * commendation (good) or dishonesty (failed) draft against the body and its principal official in post.
 */
export const performanceResult = pppSchema.table(
  'performance_result',
  {
    id: uuid('id').primaryKey(),
    projectId: uuid('project_id')
      .notNull()
      .references(() => project.id),
    year: integer('year').notNull(),
    assessedOn: day('assessed_on').notNull(),
    /** good | adequate | failed */
    result: text('result').notNull(),
    assessor: text('assessor').notNull(),
    summary: text('summary').notNull(),
    createdAt: stamp('created_at').notNull().defaultNow(),
    createdBy: uuid('created_by'),
  },
  (t) => [uniqueIndex('performance_result_project_year_key').on(t.projectId, t.year)],
);
