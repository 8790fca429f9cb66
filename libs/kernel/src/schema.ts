import { sql } from 'drizzle-orm';
import { bigserial, boolean, date, index, integer, jsonb, pgSchema, primaryKey, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';

/** Every kernel table lives in the `kernel` Postgres schema, beside its own migration ledger. */
export const kernel = pgSchema('kernel');

const createdAt = () => timestamp('created_at', { withTimezone: true, mode: 'string' }).notNull().defaultNow();
const legalDate = (name: string) => date(name, { mode: 'string' });

export const orgUnit = kernel.table(
  'org_unit',
  {
    id: uuid('id').primaryKey(),
    parentId: uuid('parent_id'),
    /** Ancestor ids joined by '/', ending with this id: subtree = `path like '<path>/%'`, one index, no recursion. */
    path: text('path').notNull(),
    depth: integer('depth').notNull(),
    name: text('name').notNull(),
    shortName: text('short_name'),
    uscc: text('uscc').notNull(),
    usccWarning: text('uscc_warning'),
    level: text('level').notNull(),
    kind: text('kind').notNull(),
    areaCode: text('area_code').notNull(),
    sortOrder: integer('sort_order').notNull().default(0),
    createdAt: createdAt(),
    createdBy: uuid('created_by'),
  },
  (t) => [
    uniqueIndex('org_unit_uscc_key').on(t.uscc),
    index('org_unit_parent_idx').on(t.parentId, t.sortOrder),
    index('org_unit_path_idx').on(sql`${t.path} text_pattern_ops`),
    index('org_unit_name_idx').on(t.name),
  ],
);

export const person = kernel.table(
  'person',
  {
    id: uuid('id').primaryKey(),
    name: text('name').notNull(),
    gender: text('gender').notNull(),
    birthDate: legalDate('birth_date').notNull(),
    /** Keyed hash of the ID number: exact-match lookup without storing it readable. */
    idNumberHash: text('id_number_hash').notNull(),
    /** AES-256-GCM ciphertext of the ID number; only the reveal path decrypts it. */
    idNumberCipher: text('id_number_cipher').notNull(),
    idNumberMasked: text('id_number_masked').notNull(),
    createdAt: createdAt(),
    createdBy: uuid('created_by'),
  },
  (t) => [uniqueIndex('person_id_number_hash_key').on(t.idNumberHash), index('person_name_idx').on(t.name)],
);

export const post = kernel.table(
  'post',
  {
    id: uuid('id').primaryKey(),
    orgId: uuid('org_id').notNull().references(() => orgUnit.id),
    title: text('title').notNull(),
    /** 主要负责人: held accountable for the body's records. */
    principal: boolean('principal').notNull().default(false),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('post_org_title_key').on(t.orgId, t.title)],
);

export const tenure = kernel.table(
  'tenure',
  {
    id: uuid('id').primaryKey(),
    personId: uuid('person_id').notNull().references(() => person.id),
    postId: uuid('post_id').notNull().references(() => post.id),
    orgId: uuid('org_id').notNull().references(() => orgUnit.id),
    startDate: legalDate('start_date').notNull(),
    endDate: legalDate('end_date'),
    createdAt: createdAt(),
  },
  (t) => [index('tenure_person_idx').on(t.personId, t.startDate), index('tenure_org_idx').on(t.orgId, t.startDate)],
);

/** A record's identity and lifecycle. Its content lives in versions; nothing is edited in place. */
export const creditRecord = kernel.table(
  'credit_record',
  {
    id: uuid('id').primaryKey(),
    subjectKind: text('subject_kind').notNull(),
    /** The body: the subject itself, or for a person the body the person served in when the act occurred. */
    orgId: uuid('org_id').notNull().references(() => orgUnit.id),
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
  ],
);

export const creditRecordVersion = kernel.table(
  'credit_record_version',
  {
    recordId: uuid('record_id').notNull().references(() => creditRecord.id),
    version: integer('version').notNull(),
    severity: text('severity').notNull(),
    facts: text('facts').notNull(),
    legalBasis: text('legal_basis').notNull(),
    decisionNo: text('decision_no').notNull(),
    decisionDate: legalDate('decision_date').notNull(),
    effectiveDate: legalDate('effective_date').notNull(),
    issuingAuthority: text('issuing_authority').notNull(),
    issuingAuthorityUscc: text('issuing_authority_uscc'),
    disclosureScope: text('disclosure_scope').notNull(),
    sanctionType: text('sanction_type'),
    /** Sanction impact period (in effect on every date from start up to, not including, end). */
    impactStart: legalDate('impact_start'),
    impactEnd: legalDate('impact_end'),
    publicationStart: legalDate('publication_start'),
    publicationMinEnd: legalDate('publication_min_end'),
    publicationMaxEnd: legalDate('publication_max_end'),
    payload: jsonb('payload').notNull().default({}),
    /** Ids of the rules applied (their text and legal source live in the rule table). */
    rules: jsonb('rules').notNull().default([]),
    contentHash: text('content_hash').notNull(),
    reason: text('reason'),
    createdAt: createdAt(),
    createdBy: uuid('created_by'),
  },
  (t) => [primaryKey({ columns: [t.recordId, t.version] })],
);

export const recordLink = kernel.table(
  'record_link',
  {
    fromRecordId: uuid('from_record_id').notNull().references(() => creditRecord.id),
    toRecordId: uuid('to_record_id').notNull().references(() => creditRecord.id),
    kind: text('kind').notNull(),
    createdAt: createdAt(),
    createdBy: uuid('created_by'),
  },
  (t) => [primaryKey({ columns: [t.fromRecordId, t.toRecordId, t.kind] }), index('record_link_to_idx').on(t.toRecordId)],
);

/** Every lifecycle transition: who, when, why. */
export const recordEvent = kernel.table(
  'record_event',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    recordId: uuid('record_id').notNull().references(() => creditRecord.id),
    action: text('action').notNull(),
    fromStatus: text('from_status'),
    toStatus: text('to_status').notNull(),
    version: integer('version').notNull(),
    reason: text('reason'),
    actorId: uuid('actor_id'),
    at: timestamp('at', { withTimezone: true, mode: 'string' }).notNull().defaultNow(),
  },
  (t) => [index('record_event_record_idx').on(t.recordId, t.id)],
);

export const appUser = kernel.table('app_user', {
  id: uuid('id').primaryKey(),
  username: text('username').notNull().unique(),
  displayName: text('display_name').notNull(),
  passwordHash: text('password_hash').notNull(),
  roles: text('roles').array().notNull(),
  /** Root of the org subtree this user works in; null = whole city. */
  orgId: uuid('org_id').references(() => orgUnit.id),
  disabled: boolean('disabled').notNull().default(false),
  createdAt: createdAt(),
});

export const session = kernel.table(
  'session',
  {
    id: uuid('id').primaryKey(),
    tokenHash: text('token_hash').notNull().unique(),
    userId: uuid('user_id').notNull().references(() => appUser.id),
    createdAt: createdAt(),
    expiresAt: timestamp('expires_at', { withTimezone: true, mode: 'string' }).notNull(),
    revokedAt: timestamp('revoked_at', { withTimezone: true, mode: 'string' }),
  },
  (t) => [index('session_user_idx').on(t.userId)],
);

/** Append-only log of every write, in the write's own transaction (hash chaining comes with the trust issue). */
export const auditLog = kernel.table(
  'audit_log',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    at: timestamp('at', { withTimezone: true, mode: 'string' }).notNull().defaultNow(),
    actorId: uuid('actor_id'),
    action: text('action').notNull(),
    entity: text('entity').notNull(),
    entityId: text('entity_id').notNull(),
    detail: jsonb('detail').notNull().default({}),
  },
  (t) => [index('audit_log_entity_idx').on(t.entity, t.entityId)],
);
