import { sql } from 'drizzle-orm';
import { bigint, bigserial, boolean, customType, date, index, integer, jsonb, numeric, pgSchema, primaryKey, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';

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
    /** Character unigrams and bigrams of name and short name (lower case, no spaces), kept by a trigger: index-backed substring search of any length. */
    searchTerms: text('search_terms').array().notNull().default(sql`'{}'::text[]`),
    createdAt: createdAt(),
    createdBy: uuid('created_by'),
  },
  (t) => [
    uniqueIndex('org_unit_uscc_key').on(t.uscc),
    index('org_unit_search_idx').using('gin', t.searchTerms),
    /** Public search: exact and prefix matches of the lower-cased name walk this index in byte order (stopping at the page). */
    index('org_unit_lower_name_idx').on(sql`lower(${t.name}) collate "C"`, t.id),
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
    /** Character unigrams and bigrams of the name, kept by a trigger (public search of persons with public records). */
    searchTerms: text('search_terms').array().notNull().default(sql`'{}'::text[]`),
    createdAt: createdAt(),
    createdBy: uuid('created_by'),
  },
  (t) => [uniqueIndex('person_id_number_hash_key').on(t.idNumberHash), index('person_name_idx').on(t.name), index('person_search_idx').using('gin', t.searchTerms)],
);

export const post = kernel.table(
  'post',
  {
    id: uuid('id').primaryKey(),
    orgId: uuid('org_id').notNull().references(() => orgUnit.id),
    title: text('title').notNull(),
    /** 主要负责人: held accountable for the body's records. */
    principal: boolean('principal').notNull().default(false),
    /** 领导职务: leading cadres have their own training requirement and report personal matters. */
    leading: boolean('leading').notNull().default(false),
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
    /** kernel.records.changes: integrators poll what changed since a moment. */
    index('credit_record_updated_idx').on(t.updatedAt, t.id),
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
  (t) => [primaryKey({ columns: [t.recordId, t.version] }), index('credit_record_version_created_idx').on(t.createdAt)],
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
    /** The day the move took legal effect when it differs from the day it was recorded (a job catching up). */
    effectiveDate: legalDate('effective_date'),
  },
  (t) => [index('record_event_record_idx').on(t.recordId, t.id), index('record_event_at_idx').on(t.at)],
);

export const appUser = kernel.table('app_user', {
  id: uuid('id').primaryKey(),
  username: text('username').notNull().unique(),
  displayName: text('display_name').notNull(),
  passwordHash: text('password_hash').notNull(),
  /** The body the user belongs to (user management is scoped by it); null = city level. What they may do is in grants. */
  orgId: uuid('org_id').references(() => orgUnit.id),
  disabled: boolean('disabled').notNull().default(false),
  /** Where inbox messages are also sent when SMTP is configured. */
  email: text('email'),
  /** Consecutive failed logins, and the lock they lead to (login throttling). */
  failedLogins: integer('failed_logins').notNull().default(0),
  lockedUntil: timestamp('locked_until', { withTimezone: true, mode: 'string' }),
  passwordChangedAt: timestamp('password_changed_at', { withTimezone: true, mode: 'string' }).notNull().defaultNow(),
  createdAt: createdAt(),
});

/** A role is a named set of permissions (or patterns `owner.*`, `*`); data, so administrators can define their own. */
export const role = kernel.table('role', {
  key: text('key').primaryKey(),
  nameZh: text('name_zh').notNull(),
  nameEn: text('name_en').notNull(),
  permissions: text('permissions').array().notNull(),
  builtin: boolean('builtin').notNull().default(false),
  createdAt: createdAt(),
});

/** What a user may do: a role within an org subtree (null = whole city), optionally only in some plugins. */
export const userGrant = kernel.table(
  'user_grant',
  {
    id: uuid('id').primaryKey(),
    userId: uuid('user_id').notNull().references(() => appUser.id),
    roleKey: text('role_key').notNull().references(() => role.key),
    scopeOrgId: uuid('scope_org_id').references(() => orgUnit.id),
    plugins: text('plugins').array(),
    createdAt: createdAt(),
    createdBy: uuid('created_by'),
  },
  (t) => [index('user_grant_user_idx').on(t.userId)],
);

export const session = kernel.table(
  'session',
  {
    id: uuid('id').primaryKey(),
    tokenHash: text('token_hash').notNull().unique(),
    /** Hash of the session's CSRF token: cookie-authenticated mutations must echo the token in a header. */
    csrfHash: text('csrf_hash'),
    userId: uuid('user_id').notNull().references(() => appUser.id),
    createdAt: createdAt(),
    lastSeenAt: timestamp('last_seen_at', { withTimezone: true, mode: 'string' }).notNull().defaultNow(),
    expiresAt: timestamp('expires_at', { withTimezone: true, mode: 'string' }).notNull(),
    revokedAt: timestamp('revoked_at', { withTimezone: true, mode: 'string' }),
  },
  (t) => [index('session_user_idx').on(t.userId)],
);

/** Integrator tokens: one external system, one role and scope, an expiry, a rate limit; only the hash is stored. */
export const apiToken = kernel.table('api_token', {
  id: uuid('id').primaryKey(),
  name: text('name').notNull(),
  /** The first characters of the token, shown in lists so an administrator can tell tokens apart. */
  prefix: text('prefix').notNull(),
  tokenHash: text('token_hash').notNull().unique(),
  roleKey: text('role_key').notNull().references(() => role.key),
  scopeOrgId: uuid('scope_org_id').references(() => orgUnit.id),
  plugins: text('plugins').array(),
  ratePerMinute: integer('rate_per_minute').notNull(),
  expiresAt: timestamp('expires_at', { withTimezone: true, mode: 'string' }).notNull(),
  revokedAt: timestamp('revoked_at', { withTimezone: true, mode: 'string' }),
  lastUsedAt: timestamp('last_used_at', { withTimezone: true, mode: 'string' }),
  createdAt: createdAt(),
  createdBy: uuid('created_by'),
});

/**
 * Append-only, hash-chained log of every write, in the write's own transaction. `seq` is assigned under a lock, so
 * the chain follows commit order. The hash covers a digest of `detail`, not the detail itself, so a detail can be
 * redacted (retention) without breaking the chain.
 */
export const auditLog = kernel.table(
  'audit_log',
  {
    seq: bigint('seq', { mode: 'number' }).primaryKey(),
    at: timestamp('at', { withTimezone: true, mode: 'string' }).notNull(),
    actorId: uuid('actor_id'),
    actorName: text('actor_name'),
    action: text('action').notNull(),
    entity: text('entity').notNull(),
    entityId: text('entity_id').notNull(),
    detail: jsonb('detail').notNull().default({}),
    detailDigest: text('detail_digest').notNull(),
    beforeDigest: text('before_digest'),
    afterDigest: text('after_digest'),
    prevHash: text('prev_hash').notNull(),
    hash: text('hash').notNull(),
    redactedAt: timestamp('redacted_at', { withTimezone: true, mode: 'string' }),
    /** HMAC of `hash` under a key derived from the data key (not in the database): SQL alone cannot forge an entry. */
    mac: text('mac'),
  },
  (t) => [index('audit_log_entity_idx').on(t.entity, t.entityId, t.seq)],
);

/** Signed chain heads (Ed25519), published so outsiders can keep copies and later prove the log was not rewritten. */
export const auditCheckpoint = kernel.table('audit_checkpoint', {
  seq: bigint('seq', { mode: 'number' }).primaryKey(),
  headHash: text('head_hash').notNull(),
  at: timestamp('at', { withTimezone: true, mode: 'string' }).notNull(),
  keyId: text('key_id').notNull(),
  publicKey: text('public_key').notNull(),
  signature: text('signature').notNull(),
});

/** Who opened whose integrity file or personal data; kept at least 5 years (Shenzhen regulation §44). */
export const accessLog = kernel.table(
  'access_log',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    at: timestamp('at', { withTimezone: true, mode: 'string' }).notNull().defaultNow(),
    actorId: uuid('actor_id'),
    actorName: text('actor_name').notNull(),
    action: text('action').notNull(),
    subjectKind: text('subject_kind').notNull(),
    subjectId: text('subject_id').notNull(),
  },
  (t) => [index('access_log_subject_idx').on(t.subjectKind, t.subjectId, t.id), index('access_log_actor_idx').on(t.actorId, t.id)],
);

/** Administrators' calendar entries: the next year's official arrangement before the data package has it, or local days. */
export const calendarDay = kernel.table('calendar_day', {
  date: legalDate('date').primaryKey(),
  kind: text('kind').notNull(),
  nameZh: text('name_zh').notNull(),
  note: text('note'),
  createdAt: createdAt(),
  createdBy: uuid('created_by'),
});

/** One row per scheduled job and day it ran for: a second run for the same day does nothing. */
export const jobRun = kernel.table(
  'job_run',
  {
    job: text('job').notNull(),
    day: legalDate('day').notNull(),
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
    recordId: uuid('record_id').notNull().references(() => creditRecord.id),
    applicantKind: text('applicant_kind').notNull(),
    applicantName: text('applicant_name').notNull(),
    /** Never shown publicly. */
    applicantContact: text('applicant_contact'),
    reasons: text('reasons').notNull(),
    evidence: jsonb('evidence').notNull().default([]),
    status: text('status').notNull(),
    filedOn: legalDate('filed_on').notNull(),
    markDue: legalDate('mark_due').notNull(),
    markedOn: legalDate('marked_on'),
    decideDue: legalDate('decide_due').notNull(),
    /** A deadline was counted through a year whose official holiday arrangement was not loaded: it may still move. */
    provisional: boolean('provisional').notNull().default(false),
    extensionReason: text('extension_reason'),
    outcome: text('outcome'),
    outcomeReason: text('outcome_reason'),
    decidedOn: legalDate('decided_on'),
    decidedBy: uuid('decided_by'),
    rules: jsonb('rules').notNull().default([]),
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
    recordId: uuid('record_id').notNull().references(() => creditRecord.id),
    applicantName: text('applicant_name').notNull(),
    proof: text('proof').notNull(),
    promiseSigned: boolean('promise_signed').notNull(),
    status: text('status').notNull(),
    filedOn: legalDate('filed_on').notNull(),
    decideDue: legalDate('decide_due').notNull(),
    /** The deadline was counted through a year whose official holiday arrangement was not loaded: it may still move. */
    provisional: boolean('provisional').notNull().default(false),
    /** Set on a decision, and when the daily job cancels an application its record no longer needs (status 'cancelled'). */
    decidedOn: legalDate('decided_on'),
    decidedBy: uuid('decided_by'),
    decisionReason: text('decision_reason'),
    promiseBrokenOn: legalDate('promise_broken_on'),
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
    filedOn: legalDate('filed_on').notNull(),
    triageDue: legalDate('triage_due').notNull(),
    handleDue: legalDate('handle_due').notNull(),
    /** A deadline was counted through a year whose official holiday arrangement was not loaded: it may still move. */
    provisional: boolean('provisional').notNull().default(false),
    triagedOn: legalDate('triaged_on'),
    triageNote: text('triage_note'),
    duplicateOf: uuid('duplicate_of'),
    escalatedOn: legalDate('escalated_on'),
    escalatedToOrgId: uuid('escalated_to_org_id').references(() => orgUnit.id),
    closedOn: legalDate('closed_on'),
    outcome: text('outcome'),
    substantiated: boolean('substantiated'),
    recordId: uuid('record_id').references(() => creditRecord.id),
    createdAt: createdAt(),
  },
  (t) => [index('complaint_open_idx').on(t.status, t.handleDue), index('complaint_key_idx').on(t.contentKey)],
);

const bytea = customType<{ data: Buffer; driverData: Buffer }>({ dataType: () => 'bytea' });

/** Files sent with a public complaint (type and size checked on the way in; never served publicly). */
export const complaintAttachment = kernel.table(
  'complaint_attachment',
  {
    id: uuid('id').primaryKey(),
    complaintId: uuid('complaint_id').notNull().references(() => complaint.id),
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
    recordId: uuid('record_id').unique().references(() => creditRecord.id),
    findingId: uuid('finding_id'),
    orgId: uuid('org_id').notNull().references(() => orgUnit.id),
    status: text('status').notNull(),
    requiredOn: legalDate('required_on').notNull(),
    explanationDue: legalDate('explanation_due').notNull(),
    /** A deadline was counted through a year whose official holiday arrangement was not loaded: it may still move. */
    provisional: boolean('provisional').notNull().default(false),
    explanation: text('explanation'),
    plan: text('plan'),
    explainedOn: legalDate('explained_on'),
    completionDue: legalDate('completion_due'),
    evidence: text('evidence'),
    completedOn: legalDate('completed_on'),
    verifiedOn: legalDate('verified_on'),
    verificationNote: text('verification_note'),
    /** 主动自新: losses recovered or harm stopped, which allows a lighter consequence. */
    mitigation: text('mitigation'),
    escalatedOn: legalDate('escalated_on'),
    /** Closed by the daily job when its record was revoked or repaired (status 'cancelled'), with the reason. */
    cancelledOn: legalDate('cancelled_on'),
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
    recordId: uuid('record_id').notNull().references(() => creditRecord.id),
    personId: uuid('person_id').notNull().references(() => person.id),
    tenureId: uuid('tenure_id').notNull().references(() => tenure.id),
    /** open | closed (by a reviewer, with the outcome) | cancelled (by the daily job when the record was revoked or repaired; the reason is the outcome). */
    status: text('status').notNull(),
    openedOn: legalDate('opened_on').notNull(),
    closedOn: legalDate('closed_on'),
    outcome: text('outcome'),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('accountability_task_key').on(t.recordId, t.tenureId)],
);

/** 专项督导: an upper level inspects a body; findings may open records or rectifications. */
export const inspection = kernel.table('inspection', {
  id: uuid('id').primaryKey(),
  title: text('title').notNull(),
  targetOrgId: uuid('target_org_id').notNull().references(() => orgUnit.id),
  issuedOn: legalDate('issued_on').notNull(),
  dueOn: legalDate('due_on').notNull(),
  status: text('status').notNull(),
  closedOn: legalDate('closed_on'),
  summary: text('summary'),
  createdAt: createdAt(),
  createdBy: uuid('created_by'),
});

export const inspectionFinding = kernel.table('inspection_finding', {
  id: uuid('id').primaryKey(),
  inspectionId: uuid('inspection_id').notNull().references(() => inspection.id),
  description: text('description').notNull(),
  recordId: uuid('record_id').references(() => creditRecord.id),
  rectificationId: uuid('rectification_id'),
  foundOn: legalDate('found_on').notNull(),
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
    handlingOrgId: uuid('handling_org_id').notNull().references(() => orgUnit.id),
    receivedOn: legalDate('received_on').notNull(),
    dueOn: legalDate('due_on').notNull(),
    answeredOn: legalDate('answered_on'),
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
    userId: uuid('user_id').notNull().references(() => appUser.id),
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
    index('notification_outbox_idx').on(t.createdAt).where(sql`emailed_at is null and email_failed_at is null`),
  ],
);

/**
 * Whether a plugin is enabled, and its configuration, for the whole deployment (org_id null) or for an agency's
 * subtree (the nearest setting up the tree wins). Changed through the API and audited; disabling never drops data.
 */
export const pluginSetting = kernel.table(
  'plugin_setting',
  {
    id: uuid('id').primaryKey(),
    pluginId: text('plugin_id').notNull(),
    orgId: uuid('org_id').references(() => orgUnit.id),
    enabled: boolean('enabled').notNull(),
    config: jsonb('config').notNull().default({}),
    updatedAt: timestamp('updated_at', { withTimezone: true, mode: 'string' }).notNull().defaultNow(),
    updatedBy: uuid('updated_by'),
  },
  (t) => [
    uniqueIndex('plugin_setting_org_key').on(t.pluginId, t.orgId),
    uniqueIndex('plugin_setting_deployment_key').on(t.pluginId).where(sql`org_id is null`),
  ],
);

/** A civil servant's annual assessment result (年度考核结果), one per person and year, entered by the HR department. */
export const assessmentResult = kernel.table(
  'assessment_result',
  {
    id: uuid('id').primaryKey(),
    personId: uuid('person_id').notNull().references(() => person.id),
    year: integer('year').notNull(),
    /** excellent | competent | basically_competent | incompetent | ungraded (不定等次). */
    grade: text('grade').notNull(),
    assessingOrgId: uuid('assessing_org_id').notNull().references(() => orgUnit.id),
    note: text('note'),
    createdAt: createdAt(),
    createdBy: uuid('created_by'),
  },
  (t) => [uniqueIndex('assessment_result_person_year_key').on(t.personId, t.year)],
);

/** An integrity-training course (诚信教育课程): who must take it, and how many class hours it gives. */
export const trainingCourse = kernel.table(
  'training_course',
  {
    id: uuid('id').primaryKey(),
    code: text('code').notNull(),
    title: text('title').notNull(),
    hours: numeric('hours', { precision: 5, scale: 1, mode: 'number' }).notNull(),
    organiser: text('organiser').notNull(),
    organiserOrgId: uuid('organiser_org_id').references(() => orgUnit.id),
    /** all | leading | new_entrant | optional: whom the course is mandatory for. */
    audience: text('audience').notNull(),
    createdAt: createdAt(),
    createdBy: uuid('created_by'),
  },
  (t) => [uniqueIndex('training_course_code_key').on(t.code)],
);

export const trainingSession = kernel.table(
  'training_session',
  {
    id: uuid('id').primaryKey(),
    courseId: uuid('course_id').notNull().references(() => trainingCourse.id),
    startsOn: legalDate('starts_on').notNull(),
    endsOn: legalDate('ends_on').notNull(),
    place: text('place'),
    createdAt: createdAt(),
    createdBy: uuid('created_by'),
  },
  (t) => [index('training_session_course_idx').on(t.courseId, t.startsOn)],
);

/** A person's completion of a course: entered, or imported from a training register (idempotent by person, course, day). */
export const trainingCompletion = kernel.table(
  'training_completion',
  {
    id: uuid('id').primaryKey(),
    personId: uuid('person_id').notNull().references(() => person.id),
    courseId: uuid('course_id').notNull().references(() => trainingCourse.id),
    sessionId: uuid('session_id').references(() => trainingSession.id),
    completedOn: legalDate('completed_on').notNull(),
    hours: numeric('hours', { precision: 5, scale: 1, mode: 'number' }).notNull(),
    /** `manual`, or the register it was imported from. */
    sourceSystem: text('source_system').notNull(),
    createdAt: createdAt(),
    createdBy: uuid('created_by'),
  },
  (t) => [uniqueIndex('training_completion_key').on(t.personId, t.courseId, t.completedOn), index('training_completion_day_idx').on(t.completedOn)],
);

/**
 * A reasoned decision to grant an honour despite an effective dishonesty record (守信激励 is barred otherwise): who,
 * when, why, and which records stood in the way. One per commendation record; the audit chain holds its entry.
 */
export const honourOverride = kernel.table('honour_override', {
  recordId: uuid('record_id').primaryKey().references(() => creditRecord.id),
  reason: text('reason').notNull(),
  blockingRecordIds: jsonb('blocking_record_ids').notNull(),
  createdAt: createdAt(),
  createdBy: uuid('created_by'),
});

/** 个人有关事项报告: a leading cadre's yearly report and the check of it. Confidential: a dedicated permission reads it. */
export const personalMatterReport = kernel.table(
  'personal_matter_report',
  {
    id: uuid('id').primaryKey(),
    personId: uuid('person_id').notNull().references(() => person.id),
    year: integer('year').notNull(),
    submittedOn: legalDate('submitted_on').notNull(),
    /** [{ category, summary }] — what was reported, in the reporting form's categories. */
    items: jsonb('items').notNull(),
    /** not_checked | consistent | omission | concealment (未核查 / 一致 / 漏报 / 隐瞒不报). */
    checkResult: text('check_result').notNull(),
    checkedOn: legalDate('checked_on'),
    handling: text('handling'),
    createdAt: createdAt(),
    createdBy: uuid('created_by'),
  },
  (t) => [uniqueIndex('personal_matter_report_person_year_key').on(t.personId, t.year)],
);

/** 廉政记录: integrity talks, inquiry letters, admonishments, pledges, gift registrations. Confidential like the above. */
export const cleanGovernmentRecord = kernel.table(
  'clean_government_record',
  {
    id: uuid('id').primaryKey(),
    personId: uuid('person_id').notNull().references(() => person.id),
    kind: text('kind').notNull(),
    occurredOn: legalDate('occurred_on').notNull(),
    summary: text('summary').notNull(),
    recordingOrgId: uuid('recording_org_id').notNull().references(() => orgUnit.id),
    createdAt: createdAt(),
    createdBy: uuid('created_by'),
  },
  (t) => [index('clean_government_record_person_idx').on(t.personId, t.occurredOn)],
);

/**
 * A department that must report records to the credit office (courts' liaison, discipline office, penalty-issuing
 * agencies) and its reporting calendar: the records it reports carry its code as their source system.
 */
export const reportingSource = kernel.table(
  'reporting_source',
  {
    id: uuid('id').primaryKey(),
    code: text('code').notNull(),
    name: text('name').notNull(),
    orgId: uuid('org_id').notNull().references(() => orgUnit.id),
    /** court | discipline | penalty | other. */
    kind: text('kind').notNull(),
    /** monthly | quarterly. */
    frequency: text('frequency').notNull(),
    /** Working days after a period's end by which its records (or a nil report) are due. */
    dueWorkingDays: integer('due_working_days').notNull(),
    activeFrom: legalDate('active_from').notNull(),
    createdAt: createdAt(),
    createdBy: uuid('created_by'),
  },
  (t) => [uniqueIndex('reporting_source_code_key').on(t.code)],
);

/** 零报告: a source declaring it had nothing to report for a period, which is reporting too. */
export const reportingNil = kernel.table(
  'reporting_nil',
  {
    id: uuid('id').primaryKey(),
    sourceId: uuid('source_id').notNull().references(() => reportingSource.id),
    period: text('period').notNull(),
    declaredOn: legalDate('declared_on').notNull(),
    note: text('note'),
    createdAt: createdAt(),
    createdBy: uuid('created_by'),
  },
  (t) => [uniqueIndex('reporting_nil_key').on(t.sourceId, t.period)],
);

/**
 * 政务诚信状况评价: a scheme is one version of a year's indicator system for one level (indicators, weights, scales and
 * parameters as data); saving changes makes a new version, and runs keep pointing at the version they used.
 */
export const evaluationScheme = kernel.table(
  'evaluation_scheme',
  {
    id: uuid('id').primaryKey(),
    year: integer('year').notNull(),
    level: text('level').notNull(),
    /** '' = every kind of body at the level. */
    kind: text('kind').notNull().default(''),
    version: integer('version').notNull(),
    name: text('name').notNull(),
    minSample: integer('min_sample').notNull(),
    indicators: jsonb('indicators').notNull(),
    note: text('note'),
    createdAt: createdAt(),
    createdBy: uuid('created_by'),
  },
  (t) => [uniqueIndex('evaluation_scheme_version_key').on(t.year, t.level, t.kind, t.version)],
);

/** One scoring of every body of a level for a year: computed → reviewed (by someone else) → published (→ superseded). */
export const evaluationRun = kernel.table(
  'evaluation_run',
  {
    id: uuid('id').primaryKey(),
    schemeId: uuid('scheme_id').notNull().references(() => evaluationScheme.id),
    year: integer('year').notNull(),
    level: text('level').notNull(),
    kind: text('kind').notNull().default(''),
    status: text('status').notNull(),
    /** SHA-256 over every contribution and indicator value: equal digests, equal inputs. */
    inputsDigest: text('inputs_digest').notNull(),
    previousRunId: uuid('previous_run_id'),
    computedAt: createdAt(),
    computedBy: uuid('computed_by'),
    reviewedAt: timestamp('reviewed_at', { withTimezone: true, mode: 'string' }),
    reviewedBy: uuid('reviewed_by'),
    reviewNote: text('review_note'),
    publishedAt: timestamp('published_at', { withTimezone: true, mode: 'string' }),
    publishedBy: uuid('published_by'),
  },
  (t) => [index('evaluation_run_year_idx').on(t.year, t.level, t.status)],
);

export const evaluationScore = kernel.table(
  'evaluation_score',
  {
    runId: uuid('run_id').notNull().references(() => evaluationRun.id),
    orgId: uuid('org_id').notNull().references(() => orgUnit.id),
    score: numeric('score', { precision: 6, scale: 2, mode: 'number' }),
    rank: integer('rank'),
    status: text('status').notNull(),
    sample: integer('sample').notNull(),
    previousScore: numeric('previous_score', { precision: 6, scale: 2, mode: 'number' }),
    previousRank: integer('previous_rank'),
    /** Per indicator: value, sample, score, weight, contribution to the total, evidence. */
    breakdown: jsonb('breakdown').notNull(),
  },
  (t) => [primaryKey({ columns: [t.runId, t.orgId] })],
);

/** What made each kernel indicator's value: every record or process counted, with its amount. */
export const evaluationContribution = kernel.table(
  'evaluation_contribution',
  {
    runId: uuid('run_id').notNull(),
    indicator: text('indicator').notNull(),
    orgId: uuid('org_id').notNull(),
    entity: text('entity').notNull(),
    entityId: uuid('entity_id').notNull(),
    amount: numeric('amount', { mode: 'number' }).notNull(),
  },
  (t) => [index('evaluation_contribution_idx').on(t.runId, t.orgId, t.indicator, t.entityId)],
);

/** Third-party evaluations (a rating agency, a university) imported as their own source and shown beside ours. */
export const evaluationExternal = kernel.table(
  'evaluation_external',
  {
    id: uuid('id').primaryKey(),
    source: text('source').notNull(),
    year: integer('year').notNull(),
    orgId: uuid('org_id').notNull().references(() => orgUnit.id),
    score: numeric('score', { precision: 6, scale: 2, mode: 'number' }),
    grade: text('grade'),
    note: text('note'),
    importedAt: createdAt(),
    importedBy: uuid('imported_by'),
  },
  (t) => [uniqueIndex('evaluation_external_key').on(t.source, t.year, t.orgId)],
);

/**
 * Idempotency keys of the REST face (Idempotency-Key header on create and ingest): the first request's hash and its
 * response, written in the same transaction as the records it created, so a retry replays the response and never
 * writes twice, and the same key with another body is refused. Keyed per caller (the API token or user).
 */
export const idempotencyKey = kernel.table(
  'idempotency_key',
  {
    actorId: uuid('actor_id').notNull(),
    key: text('key').notNull(),
    /** The REST operation the key was first used for. */
    operation: text('operation').notNull(),
    /** SHA-256 of the operation and the canonical JSON of the body. */
    requestHash: text('request_hash').notNull(),
    status: integer('status').notNull(),
    /** The response body exactly as first sent (text, not jsonb, so a replay is byte-identical). */
    response: text('response').notNull(),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.actorId, t.key] }), index('idempotency_key_created_idx').on(t.createdAt)],
);

// ---- exchange (import, platform export, changed-since feed) ------------------------------------------------------

/** A file uploaded in parts (each part under the server's body limit), read back part by part by an import. */
export const exchangeUpload = kernel.table('exchange_upload', {
  id: uuid('id').primaryKey(),
  ownerId: uuid('owner_id'),
  filename: text('filename').notNull(),
  format: text('format').notNull(),
  bytes: bigint('bytes', { mode: 'number' }).notNull().default(0),
  parts: integer('parts').notNull().default(0),
  /** SHA-256 of the whole file, checked when the uploader finishes it. */
  sha256: text('sha256'),
  finishedAt: timestamp('finished_at', { withTimezone: true, mode: 'string' }),
  createdAt: createdAt(),
});

export const exchangeUploadPart = kernel.table(
  'exchange_upload_part',
  {
    uploadId: uuid('upload_id').notNull().references(() => exchangeUpload.id, { onDelete: 'cascade' }),
    seq: integer('seq').notNull(),
    /** The part's bytes, base64. */
    data: text('data').notNull(),
  },
  (t) => [primaryKey({ columns: [t.uploadId, t.seq] })],
);

/** One import run: what it reads, how far it got, what it wrote and how many rows it refused. */
export const exchangeImport = kernel.table(
  'exchange_import',
  {
    id: uuid('id').primaryKey(),
    ownerId: uuid('owner_id'),
    kind: text('kind').notNull(),
    mode: text('mode').notNull(),
    format: text('format').notNull(),
    sourceSystem: text('source_system').notNull(),
    filename: text('filename').notNull(),
    uploadId: uuid('upload_id'),
    mapping: jsonb('mapping').notNull().default({}),
    status: text('status').notNull(),
    rowsRead: integer('rows_read').notNull().default(0),
    created: integer('created').notNull().default(0),
    updated: integer('updated').notNull().default(0),
    unchanged: integer('unchanged').notNull().default(0),
    rejectedRows: integer('rejected_rows').notNull().default(0),
    issueCount: integer('issue_count').notNull().default(0),
    message: text('message'),
    startedAt: createdAt(),
    finishedAt: timestamp('finished_at', { withTimezone: true, mode: 'string' }),
  },
  (t) => [index('exchange_import_owner_idx').on(t.ownerId, t.startedAt)],
);

/** Row-level problems of an import: the file's line, the column as headed in the file, both languages, a code. */
export const exchangeImportIssue = kernel.table(
  'exchange_import_issue',
  {
    importId: uuid('import_id').notNull().references(() => exchangeImport.id, { onDelete: 'cascade' }),
    n: integer('n').notNull(),
    line: integer('line').notNull(),
    column: text('column').notNull(),
    code: text('code').notNull(),
    messageZh: text('message_zh').notNull(),
    messageEn: text('message_en').notNull(),
  },
  (t) => [primaryKey({ columns: [t.importId, t.n] })],
);

/** What each outgoing channel last carried for a record (the hash of its disclosed fields, or a withdrawal). */
export const exchangeState = kernel.table(
  'exchange_state',
  {
    channel: text('channel').notNull(),
    recordId: uuid('record_id').notNull(),
    hash: text('hash').notNull(),
    withdrawn: boolean('withdrawn').notNull().default(false),
  },
  (t) => [primaryKey({ columns: [t.channel, t.recordId] })],
);

/** The change log per channel (ADD / MOD / DEL with the disclosed fields): the changed-since feed and the batches read it. */
export const exchangeChange = kernel.table(
  'exchange_change',
  {
    seq: bigserial('seq', { mode: 'number' }).primaryKey(),
    channel: text('channel').notNull(),
    recordId: uuid('record_id').notNull(),
    op: text('op').notNull(),
    item: jsonb('item').notNull(),
    at: timestamp('at', { withTimezone: true, mode: 'string' }).notNull().defaultNow(),
  },
  (t) => [index('exchange_change_channel_idx').on(t.channel, t.seq)],
);

/** A numbered batch sent to a platform: a fixed range of the change log, its checksums, and when it was acknowledged. */
export const exchangeBatch = kernel.table(
  'exchange_batch',
  {
    channel: text('channel').notNull(),
    batchNo: integer('batch_no').notNull(),
    fromSeq: bigint('from_seq', { mode: 'number' }).notNull(),
    toSeq: bigint('to_seq', { mode: 'number' }).notNull(),
    itemCount: integer('item_count').notNull(),
    sha256Json: text('sha256_json').notNull(),
    sha256Csv: text('sha256_csv').notNull(),
    createdAt: createdAt(),
    createdBy: uuid('created_by'),
    servedCount: integer('served_count').notNull().default(1),
    ackedAt: timestamp('acked_at', { withTimezone: true, mode: 'string' }),
    ackedBy: uuid('acked_by'),
  },
  (t) => [primaryKey({ columns: [t.channel, t.batchNo] })],
);
