import { createHash } from 'node:crypto';
import { rows, type Queryable } from '@chengxin/db';
import { sql } from 'drizzle-orm';

/**
 * The Merkle tree over the audit log (RFC 9162 §2.1), stored as the hashes of its complete subtrees
 * (kernel.audit_tree_node: level, index). Any range's hash, inclusion path or consistency proof is a fold over
 * O(log n) stored nodes, fetched in one query. The verifying side is browser-safe and lives in @chengxin/contract/tlog.
 */
export const leafHashOf = (data: Buffer | string) =>
  createHash('sha256')
    .update(Buffer.from([0]))
    .update(data)
    .digest();
export const nodeHashOf = (left: Buffer, right: Buffer) =>
  createHash('sha256')
    .update(Buffer.from([1]))
    .update(left)
    .update(right)
    .digest();
export const EMPTY_ROOT = createHash('sha256').digest();

/** A complete subtree: leaves [idx·2^level, (idx+1)·2^level). */
export interface NodeKey {
  level: number;
  idx: number;
}
const key = (n: NodeKey) => `${n.level}:${n.idx}`;

/** Largest power of two strictly below n (n ≥ 2). */
export function splitPoint(n: number): number {
  let k = 1;
  while (k * 2 < n) k *= 2;
  return k;
}

/** [start, end) as maximal aligned complete subtrees, left to right; its RFC 9162 hash is their right fold. */
export function rangeNodes(start: number, end: number): NodeKey[] {
  const out: NodeKey[] = [];
  let at = start;
  while (at < end) {
    let level = 0;
    // Grow while aligned and inside the range.
    while (at % 2 ** (level + 1) === 0 && at + 2 ** (level + 1) <= end) level++;
    out.push({ level, idx: at / 2 ** level });
    at += 2 ** level;
  }
  return out;
}

/** A hash to compute: the fold of a range's nodes. */
type Range = [start: number, end: number];

/** RFC 9162 §2.1.3.1 PATH(m, D[lo:hi]) as ranges, leaf to root. */
export function inclusionRanges(m: number, size: number): Range[] {
  const out: Range[] = [];
  const walk = (lo: number, hi: number) => {
    if (hi - lo <= 1) return;
    const k = splitPoint(hi - lo);
    if (m - lo < k) {
      walk(lo, lo + k);
      out.push([lo + k, hi]);
    } else {
      walk(lo + k, hi);
      out.push([lo, lo + k]);
    }
  };
  walk(0, size);
  return out;
}

/** RFC 9162 §2.1.4.1 PROOF(m, D[n]) = SUBPROOF(m, D[n], true) as ranges. */
export function consistencyRanges(m: number, n: number): Range[] {
  const out: Range[] = [];
  const sub = (m: number, lo: number, hi: number, b: boolean) => {
    if (m === hi - lo) {
      if (!b) out.push([lo, hi]);
      return;
    }
    const k = splitPoint(hi - lo);
    if (m <= k) {
      sub(m, lo, lo + k, b);
      out.push([lo + k, hi]);
    } else {
      sub(m - k, lo + k, hi, false);
      out.push([lo, lo + k]);
    }
  };
  if (m > 0 && m < n) sub(m, 0, n, true);
  return out;
}

/** Reads the stored nodes, one query. A missing node means the tree table was damaged: the caller names it. */
export async function readNodes(db: Queryable, keys: readonly NodeKey[]): Promise<Map<string, Buffer>> {
  const unique = [...new Map(keys.map((k) => [key(k), k])).values()];
  if (unique.length === 0) return new Map();
  const leaves = unique.filter((k) => k.level === 0).map((k) => k.idx);
  // Level 0 is the entries' leaf_hash; the node table may also hold it (a tree built synthetically, the benchmark).
  const found = await rows<{ level: number; idx: string | number; hash: Buffer | Uint8Array }>(
    db,
    sql`select n.level, n.idx, n.hash from unnest(${sql.param(unique.map((k) => k.level))}::smallint[], ${sql.param(unique.map((k) => k.idx))}::bigint[]) as t(level, idx)
      join kernel.audit_tree_node n on n.level = t.level and n.idx = t.idx
      union all
      select 0::smallint, a.leaf_index, a.leaf_hash from kernel.audit_log a
      where a.leaf_index = any(${sql.param(leaves)}::bigint[]) and a.leaf_hash is not null`,
  );
  return new Map(found.map((r) => [`${r.level}:${Number(r.idx)}`, Buffer.from(r.hash)]));
}

export class MissingNodeError extends Error {
  constructor(readonly node: NodeKey) {
    super(`audit tree node ${node.level}:${node.idx} is missing`);
  }
}

export function foldRange(nodes: ReadonlyMap<string, Buffer>, start: number, end: number): Buffer {
  if (end <= start) return EMPTY_ROOT;
  const parts = rangeNodes(start, end).map((k) => {
    const h = nodes.get(key(k));
    if (!h) throw new MissingNodeError(k);
    return h;
  });
  let r = parts[parts.length - 1]!;
  for (let i = parts.length - 2; i >= 0; i--) r = nodeHashOf(parts[i]!, r);
  return r;
}

async function hashRanges(db: Queryable, ranges: readonly Range[]): Promise<Buffer[]> {
  const nodes = await readNodes(
    db,
    ranges.flatMap(([s, e]) => rangeNodes(s, e)),
  );
  return ranges.map(([s, e]) => foldRange(nodes, s, e));
}

export async function rootAt(db: Queryable, size: number): Promise<Buffer> {
  return (await hashRanges(db, [[0, size]]))[0]!;
}

export async function inclusionProof(db: Queryable, index: number, size: number): Promise<Buffer[]> {
  if (!(index >= 0 && index < size)) throw new RangeError(`leaf ${index} is not in a tree of ${size}`);
  return hashRanges(db, inclusionRanges(index, size));
}

export async function consistencyProof(db: Queryable, size1: number, size2: number): Promise<Buffer[]> {
  if (!(size1 >= 0 && size1 <= size2)) throw new RangeError(`no consistency proof from ${size1} to ${size2}`);
  return hashRanges(db, consistencyRanges(size1, size2));
}

/**
 * Appends leaves to a tree of `size`: returns every new complete-subtree node (level 0 included) and the new root.
 * Needs only the right border of the old tree (≤ log n nodes), read by the caller with `borderNodes`.
 */
export function appendLeaves(
  size: number,
  border: ReadonlyMap<string, Buffer>,
  leaves: readonly Buffer[],
): { nodes: { level: number; idx: number; hash: Buffer }[]; size: number } {
  const nodes: { level: number; idx: number; hash: Buffer }[] = [];
  const known = new Map(border);
  let n = size;
  for (const leaf of leaves) {
    let level = 0;
    let idx = n;
    let hash = leaf;
    nodes.push({ level, idx, hash });
    known.set(key({ level, idx }), hash);
    while (idx % 2 === 1) {
      const left = known.get(key({ level, idx: idx - 1 }));
      if (!left) throw new MissingNodeError({ level, idx: idx - 1 });
      hash = nodeHashOf(left, hash);
      level++;
      idx = (idx - 1) / 2;
      nodes.push({ level, idx, hash });
      known.set(key({ level, idx }), hash);
    }
    n++;
  }
  return { nodes, size: n };
}

/** The complete subtrees on the right border of a tree of `size` (what appending needs). */
export const borderKeys = (size: number) => rangeNodes(0, size);
