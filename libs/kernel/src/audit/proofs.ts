import { rows, type Queryable } from '@chengxin/db';
import type { AuditLeafFields } from '@chengxin/contract/tlog';
import { sql } from 'drizzle-orm';
import { consistencyProof, inclusionProof } from './tree';
import { actorDigest } from './chain';

/**
 * Public proofs over the log. An inclusion proof shows an entry at its leaf in a signed checkpoint's tree; a
 * consistency proof shows an older checkpoint's tree is a prefix of a newer one's (nothing was rewritten in between).
 * Both read O(log n) stored nodes (tree.ts), so they cost the same at ten entries and ten million.
 */
export class ProofError extends Error {
  constructor(
    readonly code: 'entry_not_found' | 'entry_not_sequenced' | 'no_checkpoint' | 'size_out_of_range',
    readonly messageZh: string,
    message: string,
  ) {
    super(message);
  }
}

type EntryRow = {
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
  leaf_index: string | number | null;
};
const ENTRY_COLUMNS = sql`seq, to_json(at)#>>'{}' as at, actor_id::text, actor_name, action, entity, entity_id, detail_digest, before_digest, after_digest, prev_hash, leaf_index`;

export const leafFields = (r: EntryRow): AuditLeafFields => ({
  seq: Number(r.seq),
  at: new Date(r.at).toISOString(),
  actorDigest: actorDigest(r.actor_id, r.actor_name),
  action: r.action,
  entity: r.entity,
  entityId: r.entity_id,
  detailDigest: r.detail_digest,
  beforeDigest: r.before_digest,
  afterDigest: r.after_digest,
  prevHash: r.prev_hash,
});

export interface InclusionProof {
  entry: AuditLeafFields;
  leafIndex: number;
  treeSize: number;
  /** Hex hashes, leaf to root. */
  path: string[];
  /** The signed checkpoint (C2SP note) of `treeSize`. */
  checkpoint: string;
}

/** The newest signed checkpoint of the Merkle log (size and note), or the one of exactly `size`. */
export async function checkpointNote(db: Queryable, size?: number): Promise<{ size: number; note: string }> {
  const [c] = await rows<{ seq: string | number; note: string }>(
    db,
    sql`select seq, note from kernel.audit_checkpoint where note is not null ${size === undefined ? sql`` : sql`and seq = ${size}`} order by seq desc limit 1`,
  );
  if (!c)
    throw new ProofError(
      'no_checkpoint',
      size === undefined ? '尚无已签名检查点' : `没有树大小为${size}的已签名检查点`,
      size === undefined ? 'no signed checkpoint yet' : `no signed checkpoint of size ${size}`,
    );
  return { size: Number(c.seq), note: c.note };
}

/** Inclusion of the entry `seq` in the checkpoint of `treeSize` (default the newest). */
export async function proveEntry(db: Queryable, seq: number, treeSize?: number): Promise<InclusionProof> {
  const [r] = await rows<EntryRow>(db, sql`select ${ENTRY_COLUMNS} from kernel.audit_log where seq = ${seq}`);
  if (!r) throw new ProofError('entry_not_found', `审计记录${seq}不存在`, `audit entry ${seq} does not exist`);
  return proveRow(db, r, treeSize);
}

/** Inclusion of the latest entry (in log order) about one entity, e.g. a credit record's current state. */
export async function proveLatest(
  db: Queryable,
  entity: string,
  entityId: string,
  treeSize?: number,
): Promise<InclusionProof> {
  const cp = await checkpointNote(db, treeSize);
  const [r] = await rows<EntryRow>(
    db,
    sql`select ${ENTRY_COLUMNS} from kernel.audit_log where entity = ${entity} and entity_id = ${entityId} and leaf_index < ${cp.size} order by leaf_index desc limit 1`,
  );
  if (!r)
    throw new ProofError(
      'entry_not_found',
      '该对象在检查点覆盖的日志中没有记录',
      `no entry about ${entity} ${entityId}`,
    );
  return proveRow(db, r, cp.size, cp.note);
}

async function proveRow(db: Queryable, r: EntryRow, treeSize?: number, note?: string): Promise<InclusionProof> {
  if (r.leaf_index === null)
    throw new ProofError(
      'entry_not_sequenced',
      `审计记录${r.seq}尚未排入日志树（几秒后重试）`,
      `audit entry ${r.seq} is not in the tree yet (retry in a few seconds)`,
    );
  const leafIndex = Number(r.leaf_index);
  const cp = note && treeSize !== undefined ? { size: treeSize, note } : await checkpointNote(db, treeSize);
  if (leafIndex >= cp.size)
    throw new ProofError(
      'size_out_of_range',
      `审计记录${r.seq}晚于该检查点`,
      `audit entry ${r.seq} is after the checkpoint of size ${cp.size}`,
    );
  const path = await inclusionProof(db, leafIndex, cp.size);
  return {
    entry: leafFields(r),
    leafIndex,
    treeSize: cp.size,
    path: path.map((h) => h.toString('hex')),
    checkpoint: cp.note,
  };
}

export interface ConsistencyProofOut {
  from: number;
  to: number;
  path: string[];
  fromCheckpoint: string | null;
  toCheckpoint: string;
}

/** The tree of size `from` is a prefix of the tree of size `to` (default the newest checkpoint). */
export async function proveConsistency(db: Queryable, from: number, to?: number): Promise<ConsistencyProofOut> {
  const target = await checkpointNote(db, to);
  if (from > target.size)
    throw new ProofError(
      'size_out_of_range',
      `起始树大小${from}大于目标检查点${target.size}`,
      `size ${from} is larger than the checkpoint of size ${target.size}`,
    );
  const [older] = await rows<{ note: string }>(
    db,
    sql`select note from kernel.audit_checkpoint where seq = ${from} and note is not null`,
  );
  const path = await consistencyProof(db, from, target.size);
  return {
    from,
    to: target.size,
    path: path.map((h) => h.toString('hex')),
    fromCheckpoint: older?.note ?? null,
    toCheckpoint: target.note,
  };
}
