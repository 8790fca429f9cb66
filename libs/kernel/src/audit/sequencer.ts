import { rows, type Db } from '@chengxin/db';
import { leafTextOf } from './chain';
import { sql } from 'drizzle-orm';
import { currentAuditMacKey, entryMac } from './mac';
import { appendLeaves, borderKeys, foldRange, leafHashOf, readNodes } from './tree';

/**
 * The sequencer: gives committed audit entries their place in the Merkle tree, in batches, one sequencer at a time
 * (an advisory lock across processes on PostgreSQL; in process on PGlite, where an advisory lock excludes nothing).
 *
 * Order. An entry is invisible until its writer commits; the sequencer takes the entries visible to it and not yet
 * placed (a partial index holds exactly those), in insertion order, and appends them after every entry placed before.
 * An entry committed late is therefore placed after the entries a reader has already seen: a poller following the
 * tree order (leaf index) never skips a write that committed after a later one. Two writes of the same row are
 * ordered by the row lock, and the later writer draws its insertion id after the earlier one committed, so they are
 * placed in commit order too. (Ordering by transaction id instead would not: a transaction that got its id early and
 * then waited on a row lock would be placed before the write it waited for.)
 */
const SEQUENCER_LOCK = 0x63_78_73_71; // "cxsq"
const inProcess = new WeakMap<Db, Promise<unknown>>();

export interface SequenceResult {
  /** Entries placed in this run. */
  sequenced: number;
  /** The tree's size and root after it. */
  size: number;
  rootHash: string;
}

type Pending = {
  seq: string | number;
  at: string;
  actor_id: string | null;
  actor_name: string | null;
  action: string;
  entity: string;
  entity_id: string;
  detail_digest: string;
  before_digest: string | null;
  after_digest: string | null;
  prev_hash: string | null;
};

/** One batch (at most `batch` entries). Returns the tree after it; `sequenced: 0` when nothing was waiting. */
export function sequenceBatch(db: Db, batch = 20_000): Promise<SequenceResult> {
  const run = (inProcess.get(db) ?? Promise.resolve()).then(() =>
    db.transaction(async (tx) => {
      await tx.execute(sql`select pg_advisory_xact_lock(${SEQUENCER_LOCK})`);
      const [tree] = await rows<{ size: string | number; root_hash: string }>(
        tx,
        sql`select size, root_hash from kernel.audit_tree where id = 1 for update`,
      );
      const size = Number(tree?.size ?? 0);
      const pending = await rows<Pending>(
        tx,
        sql`select seq, to_json(at)#>>'{}' as at, actor_id, actor_name, action, entity, entity_id, detail_digest, before_digest, after_digest, prev_hash
        from kernel.audit_log where leaf_index is null order by seq limit ${batch}`,
      );
      if (pending.length === 0) return { sequenced: 0, size, rootHash: tree?.root_hash ?? '' };
      const leaves = pending.map((r) =>
        leafHashOf(
          leafTextOf({
            seq: Number(r.seq),
            at: r.at,
            actorId: r.actor_id,
            actorName: r.actor_name,
            action: r.action,
            entity: r.entity,
            entityId: r.entity_id,
            detailDigest: r.detail_digest,
            beforeDigest: r.before_digest,
            afterDigest: r.after_digest,
            prevHash: r.prev_hash,
          }),
        ),
      );
      const border = await readNodes(tx, borderKeys(size));
      const grown = appendLeaves(size, border, leaves);
      // Level 0 goes beside the entry (the update that places it), levels 1 and up to the node table.
      const interior = grown.nodes.filter((n) => n.level > 0);
      for (let i = 0; i < interior.length; i += 50_000) {
        const chunk = interior.slice(i, i + 50_000);
        await tx.execute(sql`insert into kernel.audit_tree_node (level, idx, hash)
          select level, idx, decode(hash, 'hex') from unnest(${sql.param(chunk.map((n) => n.level))}::smallint[], ${sql.param(chunk.map((n) => n.idx))}::bigint[], ${sql.param(chunk.map((n) => n.hash.toString('hex')))}::text[]) as t(level, idx, hash)`);
      }
      await tx.execute(sql`update kernel.audit_log a set leaf_index = t.leaf_index, leaf_hash = decode(t.leaf_hash, 'hex')
        from unnest(${sql.param(pending.map((r) => Number(r.seq)))}::bigint[], ${sql.param(pending.map((_, i) => size + i))}::bigint[], ${sql.param(leaves.map((h) => h.toString('hex')))}::text[]) as t(seq, leaf_index, leaf_hash)
        where a.seq = t.seq`);
      const known = new Map([...border, ...grown.nodes.map((n) => [`${n.level}:${n.idx}`, n.hash] as const)]);
      const root = foldRange(known, 0, grown.size).toString('hex');
      await tx.execute(
        sql`update kernel.audit_tree set size = ${grown.size}, root_hash = ${root}, at = now(), mac = ${treeMac(currentAuditMacKey(), grown.size, root)} where id = 1`,
      );
      return { sequenced: pending.length, size: grown.size, rootHash: root };
    }),
  );
  inProcess.set(
    db,
    run.catch(() => undefined),
  );
  return run;
}

/** Places everything waiting now (batch after batch). Tests and the CLI call it; the server runs it on a timer. */
export async function sequenceAudit(db: Db, batch = 20_000): Promise<SequenceResult> {
  let total = 0;
  for (;;) {
    const r = await sequenceBatch(db, batch);
    total += r.sequenced;
    if (r.sequenced < batch) return { ...r, sequenced: total };
  }
}

/** The tree as the sequencer left it. */
export async function treeHead(
  db: Db,
): Promise<{ size: number; rootHash: string; at: string; legacyHead: { seq: number } | null }> {
  const [t] = await rows<{ size: string | number; root_hash: string; at: string; legacy_head: unknown }>(
    db,
    sql`select size, root_hash, to_json(at)#>>'{}' as at, legacy_head from kernel.audit_tree where id = 1`,
  );
  const legacy = typeof t?.legacy_head === 'string' ? JSON.parse(t.legacy_head) : t?.legacy_head;
  return {
    size: Number(t?.size ?? 0),
    rootHash: t?.root_hash ?? '',
    at: t?.at ?? new Date().toISOString(),
    legacyHead:
      legacy && typeof legacy === 'object' && 'seq' in legacy
        ? { seq: Number((legacy as { seq: unknown }).seq) }
        : null,
  };
}

/** The MAC the sequencer puts on the tree head it leaves (audit/mac.ts key). */
export const treeMac = (key: Buffer, size: number, root: string) => entryMac(key, `tree:${size}:${root}`);
