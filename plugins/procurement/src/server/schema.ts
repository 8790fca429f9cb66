import { sql } from 'drizzle-orm';
import {
  bigint,
  boolean,
  date,
  index,
  integer,
  jsonb,
  pgSchema,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';

/** The plugin's own schema; its tables reference kernel ids (org units) but never another plugin's tables. */
export const procurement = pgSchema('procurement');

const day = (name: string) => date(name, { mode: 'string' });
const money = (name: string) => bigint(name, { mode: 'number' });
const stamp = (name: string) => timestamp(name, { withTimezone: true, mode: 'string' });

export const contract = procurement.table(
  'contract',
  {
    id: uuid('id').primaryKey(),
    /** kernel_api.org_unit id of the buyer (a government body). */
    buyerOrgId: uuid('buyer_org_id').notNull(),
    title: text('title').notNull(),
    supplierName: text('supplier_name').notNull(),
    supplierUscc: text('supplier_uscc').notNull(),
    supplierSme: boolean('supplier_sme').notNull(),
    amountFen: money('amount_fen').notNull(),
    /** Null when the source did not give it (an OCDS award without a date): the signing rule is then unknown. */
    awardNoticeDate: day('award_notice_date'),
    signingDate: day('signing_date'),
    acceptanceDeadline: day('acceptance_deadline'),
    acceptanceDate: day('acceptance_date'),
    acceptanceResult: text('acceptance_result'),
    acceptanceReportNo: text('acceptance_report_no'),
    deliveryDate: day('delivery_date'),
    paymentTermDays: integer('payment_term_days').notNull(),
    lateInterestPpmPerDay: integer('late_interest_ppm_per_day'),
    /** OCDS contracting-process id, for idempotent imports. */
    ocid: text('ocid'),
    createdAt: stamp('created_at').notNull().defaultNow(),
    createdBy: uuid('created_by'),
    updatedAt: stamp('updated_at').notNull().defaultNow(),
    // Buyer duties (政府采购法实施条例 §43, §50; 政府采购法 §46 ¶2) and the plan's responsible official.
    evaluationReportDate: day('evaluation_report_date'),
    supplierConfirmedOn: day('supplier_confirmed_on'),
    contractPublishedOn: day('contract_published_on'),
    resultChangedOn: day('result_changed_on'),
    responsiblePersonId: uuid('responsible_person_id'),
    /** OCDS: the contract's id within its process and the award it belongs to (a process may hold many contracts). */
    ocdsContractId: text('ocds_contract_id'),
    ocdsAwardId: text('ocds_award_id'),
    /** OCDS contract status (pending · active · cancelled · terminated); a cancelled contract is judged by no rule. */
    status: text('status').notNull().default('active'),
    /** Rule inputs the source could not carry (an import without an implementation section: 'payments'): judged "unknown". */
    unknownFacts: jsonb('unknown_facts')
      .$type<string[]>()
      .notNull()
      .default(sql`'[]'::jsonb`),
  },
  (t) => [
    index('contract_buyer_idx').on(t.buyerOrgId, t.id),
    uniqueIndex('contract_ocds_key')
      .on(t.ocid, t.ocdsContractId)
      .where(sql`ocid is not null`),
    index('contract_updated_idx').on(t.updatedAt, t.id),
  ],
);

export const payment = procurement.table(
  'payment',
  {
    id: uuid('id').primaryKey(),
    contractId: uuid('contract_id')
      .notNull()
      .references(() => contract.id),
    paidOn: day('paid_on').notNull(),
    amountFen: money('amount_fen').notNull(),
    voucherNo: text('voucher_no').notNull(),
    /** OCDS transaction id when imported. */
    sourceId: text('source_id'),
    createdAt: stamp('created_at').notNull().defaultNow(),
    createdBy: uuid('created_by'),
    updatedAt: stamp('updated_at').notNull().defaultNow(),
  },
  (t) => [
    index('payment_contract_idx').on(t.contractId, t.paidOn),
    uniqueIndex('payment_source_key')
      .on(t.contractId, t.sourceId)
      .where(sql`source_id is not null`),
  ],
);

export const arrearsComplaint = procurement.table(
  'arrears_complaint',
  {
    id: uuid('id').primaryKey(),
    contractId: uuid('contract_id')
      .notNull()
      .references(() => contract.id),
    supplierName: text('supplier_name').notNull(),
    summary: text('summary').notNull(),
    receivedOn: day('received_on').notNull(),
    forwardDue: day('forward_due').notNull(),
    forwardedOn: day('forwarded_on'),
    forwardedTo: text('forwarded_to'),
    handleDays: integer('handle_days').notNull().default(30),
    extensionReason: text('extension_reason'),
    handledOn: day('handled_on'),
    outcome: text('outcome'),
    note: text('note'),
    provisional: boolean('provisional').notNull().default(false),
    createdAt: stamp('created_at').notNull().defaultNow(),
    /** §25 ¶1: formal acceptance, from which forwarding is counted (null in rows written before: = received_on). */
    acceptedOn: day('accepted_on'),
  },
  (t) => [index('arrears_complaint_contract_idx').on(t.contractId)],
);
