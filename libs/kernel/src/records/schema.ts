import {
  bigserial,
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
import { createdAt, kernel, dateColumn } from '../core/schema';
import { orgUnit, person } from '../registry/schema';

// Tables of the records domain (one migration ledger for the whole kernel: see ../schema.ts).
/** A record's identity and lifecycle. Its content lives in versions; nothing is edited in place. */
export const creditRecord = kernel.table(
  'credit_record',
  {
    id: uuid('id').primaryKey(),
    subjectKind: text('subject_kind').notNull(),
    /** The body: the subject itself, or for a person the body the person served in when the act occurred. */
    orgId: uuid('org_id')
      .notNull()
      .references(() => orgUnit.id),
    personId: uuid('person_id').references(() => person.id),
    typeKey: text('type_key').notNull(),
    polarity: text('polarity').notNull(),
    status: text('status').notNull(),
    disputed: boolean('disputed').notNull().default(false),
    currentVersion: integer('current_version').notNull(),
    sourceSystem: text('source_system').notNull(),
    sourceId: text('source_id').notNull(),
    createdAt: createdAt(),
    createdBy: uuid('created_by'),
    updatedAt: timestamp('updated_at', { withTimezone: true, mode: 'string' }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('credit_record_source_key').on(t.sourceSystem, t.sourceId),
    index('credit_record_org_idx').on(t.orgId, t.status),
    index('credit_record_person_idx').on(t.personId),
    index('credit_record_status_idx').on(t.status, t.id),
    index('credit_record_type_idx').on(t.typeKey, t.id),
    /** kernel.records.changes: integrators poll what changed since a moment. */
    index('credit_record_updated_idx').on(t.updatedAt, t.id),
  ],
);

export const creditRecordVersion = kernel.table(
  'credit_record_version',
  {
    recordId: uuid('record_id')
      .notNull()
      .references(() => creditRecord.id),
    version: integer('version').notNull(),
    severity: text('severity').notNull(),
    facts: text('facts').notNull(),
    legalBasis: text('legal_basis').notNull(),
    decisionNo: text('decision_no').notNull(),
    decisionDate: dateColumn('decision_date').notNull(),
    effectiveDate: dateColumn('effective_date').notNull(),
    issuingAuthority: text('issuing_authority').notNull(),
    issuingAuthorityUscc: text('issuing_authority_uscc'),
    disclosureScope: text('disclosure_scope').notNull(),
    sanctionType: text('sanction_type'),
    /** Sanction impact period (in effect on every date from start up to, not including, end). */
    impactStart: dateColumn('impact_start'),
    impactEnd: dateColumn('impact_end'),
    publicationStart: dateColumn('publication_start'),
    publicationMinEnd: dateColumn('publication_min_end'),
    publicationMaxEnd: dateColumn('publication_max_end'),
    payload: jsonb('payload').notNull().default({}),
    /** Ids of the rules applied (their text and legal source live in the rule table). */
    rules: jsonb('rules').notNull().default([]),
    contentHash: text('content_hash').notNull(),
    reason: text('reason'),
    createdAt: createdAt(),
    createdBy: uuid('created_by'),
  },
  (t) => [primaryKey({ columns: [t.recordId, t.version] }), index('credit_record_version_created_idx').on(t.createdAt)],
);

export const recordLink = kernel.table(
  'record_link',
  {
    fromRecordId: uuid('from_record_id')
      .notNull()
      .references(() => creditRecord.id),
    toRecordId: uuid('to_record_id')
      .notNull()
      .references(() => creditRecord.id),
    kind: text('kind').notNull(),
    createdAt: createdAt(),
    createdBy: uuid('created_by'),
  },
  (t) => [
    primaryKey({ columns: [t.fromRecordId, t.toRecordId, t.kind] }),
    index('record_link_to_idx').on(t.toRecordId),
  ],
);

/** Every lifecycle transition: who, when, why. */
export const recordEvent = kernel.table(
  'record_event',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    recordId: uuid('record_id')
      .notNull()
      .references(() => creditRecord.id),
    action: text('action').notNull(),
    fromStatus: text('from_status'),
    toStatus: text('to_status').notNull(),
    version: integer('version').notNull(),
    reason: text('reason'),
    actorId: uuid('actor_id'),
    at: timestamp('at', { withTimezone: true, mode: 'string' }).notNull().defaultNow(),
    /** The day the move took legal effect when it differs from the day it was recorded (a job catching up). */
    effectiveDate: dateColumn('effective_date'),
  },
  (t) => [index('record_event_record_idx').on(t.recordId, t.id), index('record_event_at_idx').on(t.at)],
);
