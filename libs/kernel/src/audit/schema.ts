import { bigint, index, jsonb, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { kernel } from '../core/schema';

// Tables of the audit domain (one migration ledger for the whole kernel: see ../schema.ts).
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
