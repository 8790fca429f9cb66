import {
  bigint,
  index,
  integer,
  jsonb,
  primaryKey,
  smallint,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { sql } from 'drizzle-orm';
import { bytea, kernel } from '../core/schema';

// Tables of the audit domain (one migration ledger for the whole kernel: see ../schema.ts).
/**
 * Append-only log of every write, in the write's own transaction. Writers take no lock: `seq` is an insertion id from
 * a sequence (unique, not gap-free, not in commit order). The sequencer (audit/sequencer.ts) later gives each
 * committed entry its `leaf_index` in the Merkle tree (RFC 9162), in the order entries became visible, so the tree
 * order never skips an entry committed late. The entry hash covers a digest of `detail`, not the detail itself, so a
 * detail can be redacted (retention) without breaking the tree. `prev_hash` is set only on entries of the former hash
 * chain (before the Merkle log), which became the first leaves.
 */
export const auditLog = kernel.table(
  'audit_log',
  {
    seq: bigint('seq', { mode: 'number' }).primaryKey().generatedByDefaultAsIdentity(),
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
    prevHash: text('prev_hash'),
    hash: text('hash').notNull(),
    redactedAt: timestamp('redacted_at', { withTimezone: true, mode: 'string' }),
    /** HMAC of `hash` under a key derived from the data key (not in the database): SQL alone cannot forge an entry. */
    mac: text('mac'),
    /** Position in the Merkle tree, assigned by the sequencer after commit; null while the entry waits. */
    leafIndex: bigint('leaf_index', { mode: 'number' }),
    /** The Merkle leaf hash, set with `leaf_index` (the tree's level 0 lives here, not in audit_tree_node). */
    leafHash: bytea('leaf_hash'),
  },
  (t) => [
    index('audit_log_entity_idx').on(t.entity, t.entityId, t.seq),
    uniqueIndex('audit_log_leaf_idx').on(t.leafIndex),
    // The sequencer's queue: only waiting entries are in this index, so finding them costs nothing as the log grows.
    index('audit_log_pending_idx')
      .on(t.seq)
      .where(sql`leaf_index is null`),
  ],
);

/**
 * Hashes of the tree's complete subtrees: (level, index) covers leaves [index·2^level, (index+1)·2^level), levels 1
 * and up (level 0 is audit_log.leaf_hash). Written once by the sequencer, never updated: a proof reads O(log n).
 */
export const auditTreeNode = kernel.table(
  'audit_tree_node',
  {
    level: smallint('level').notNull(),
    idx: bigint('idx', { mode: 'number' }).notNull(),
    hash: bytea('hash').notNull(),
  },
  (t) => [primaryKey({ columns: [t.level, t.idx] })],
);

/** The tree's current size and root (one row), moved forward by the sequencer in the same transaction as its nodes. */
export const auditTree = kernel.table('audit_tree', {
  id: integer('id').primaryKey(),
  size: bigint('size', { mode: 'number' }).notNull(),
  rootHash: text('root_hash').notNull(),
  at: timestamp('at', { withTimezone: true, mode: 'string' }).notNull(),
  /** The former hash chain's last entry (seq and hash), when the log was migrated from it; recorded in checkpoints. */
  legacyHead: jsonb('legacy_head'),
  /** HMAC of size and root under the data-derived key: a tree rebuilt in SQL (an entry dropped, leaves renumbered) is named. */
  mac: text('mac'),
});

/**
 * Signed checkpoints. Since the Merkle log: `seq` is the tree size, `head_hash` the root (hex), `note` the C2SP signed
 * note (origin, size, base64 root, signature lines). Older rows (note null) are signed heads of the former hash chain:
 * `seq` is the chain's entry and they still verify against the migrated leaves.
 */
export const auditCheckpoint = kernel.table('audit_checkpoint', {
  seq: bigint('seq', { mode: 'number' }).primaryKey(),
  headHash: text('head_hash').notNull(),
  at: timestamp('at', { withTimezone: true, mode: 'string' }).notNull(),
  keyId: text('key_id').notNull(),
  publicKey: text('public_key').notNull(),
  signature: text('signature').notNull(),
  note: text('note'),
});

/** Witness cosignatures received or made for checkpoints (one per witness and size). */
export const auditCosignature = kernel.table(
  'audit_cosignature',
  {
    size: bigint('size', { mode: 'number' }).notNull(),
    witness: text('witness').notNull(),
    line: text('line').notNull(),
    at: timestamp('at', { withTimezone: true, mode: 'string' }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.size, t.witness] })],
);
