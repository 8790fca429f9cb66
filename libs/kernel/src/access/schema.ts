import {
  bigserial,
  boolean,
  doublePrecision,
  index,
  integer,
  primaryKey,
  text,
  timestamp,
  uuid,
} from 'drizzle-orm/pg-core';
import { createdAt, kernel } from '../core/schema';
import { orgUnit } from '../registry/schema';

// Tables of the access domain (one migration ledger for the whole kernel: see ../schema.ts).
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
    userId: uuid('user_id')
      .notNull()
      .references(() => appUser.id),
    roleKey: text('role_key')
      .notNull()
      .references(() => role.key),
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
    userId: uuid('user_id')
      .notNull()
      .references(() => appUser.id),
    createdAt: createdAt(),
    lastSeenAt: timestamp('last_seen_at', { withTimezone: true, mode: 'string' }).notNull().defaultNow(),
    expiresAt: timestamp('expires_at', { withTimezone: true, mode: 'string' }).notNull(),
    revokedAt: timestamp('revoked_at', { withTimezone: true, mode: 'string' }),
  },
  (t) => [index('session_user_idx').on(t.userId)],
);

/**
 * Rate-limit and login-throttle counts shared by every server process (access/limiter.ts): one row per key, `value`
 * an arrival time (ms since 1970) or a count, `expires_at` (ms) when the row no longer counts. Unlogged (the migration
 * says so): nothing here needs to survive a crash.
 */
export const rateLimit = kernel.table(
  'rate_limit',
  {
    key: text('key').primaryKey(),
    value: doublePrecision('value').notNull(),
    expiresAt: doublePrecision('expires_at').notNull(),
  },
  (t) => [index('rate_limit_expires_idx').on(t.expiresAt)],
);

/** Integrator tokens: one external system, one role and scope, an expiry, a rate limit; only the hash is stored. */
export const apiToken = kernel.table('api_token', {
  id: uuid('id').primaryKey(),
  name: text('name').notNull(),
  /** The first characters of the token, shown in lists so an administrator can tell tokens apart. */
  prefix: text('prefix').notNull(),
  tokenHash: text('token_hash').notNull().unique(),
  roleKey: text('role_key')
    .notNull()
    .references(() => role.key),
  scopeOrgId: uuid('scope_org_id').references(() => orgUnit.id),
  plugins: text('plugins').array(),
  ratePerMinute: integer('rate_per_minute').notNull(),
  expiresAt: timestamp('expires_at', { withTimezone: true, mode: 'string' }).notNull(),
  revokedAt: timestamp('revoked_at', { withTimezone: true, mode: 'string' }),
  lastUsedAt: timestamp('last_used_at', { withTimezone: true, mode: 'string' }),
  createdAt: createdAt(),
  createdBy: uuid('created_by'),
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
  (t) => [
    index('access_log_subject_idx').on(t.subjectKind, t.subjectId, t.id),
    index('access_log_actor_idx').on(t.actorId, t.id),
  ],
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
