import { createHash } from 'node:crypto';
import { verifyConsistency, verifyInclusion } from '@chengxin/contract/tlog';
import { describe, expect, it } from 'vitest';
import {
  appendLeaves,
  consistencyRanges,
  EMPTY_ROOT,
  foldRange,
  inclusionRanges,
  leafHashOf,
  nodeHashOf,
} from './tree';

/** RFC 9162 §2.1.1 MTH, written out recursively: the reference the stored-node folds must agree with. */
function mth(leaves: readonly Buffer[]): Buffer {
  if (leaves.length === 0) return EMPTY_ROOT;
  if (leaves.length === 1) return leaves[0]!;
  let k = 1;
  while (k * 2 < leaves.length) k *= 2;
  return nodeHashOf(mth(leaves.slice(0, k)), mth(leaves.slice(k)));
}

const leaves = Array.from({ length: 70 }, (_, i) => leafHashOf(`entry ${i}`));
const grown = appendLeaves(0, new Map(), leaves);
const nodes = new Map(grown.nodes.map((n) => [`${n.level}:${n.idx}`, n.hash] as const));
const fold = (ranges: [number, number][]) => ranges.map(([s, e]) => foldRange(nodes, s, e));

describe('the audit tree (RFC 9162)', () => {
  it('hashes leaves and nodes with the 0x00 / 0x01 prefixes', () => {
    expect(leafHashOf('').toString('hex')).toBe(
      createHash('sha256')
        .update(Buffer.from([0]))
        .digest('hex'),
    );
    expect(EMPTY_ROOT.toString('hex')).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
  });

  it('gives the RFC root at every size from the stored complete subtrees, also when appended in batches', () => {
    const border = new Map<string, Buffer>();
    let size = 0;
    for (const batch of [3, 1, 9, 16, 41]) {
      const step = appendLeaves(size, border, leaves.slice(size, size + batch));
      for (const n of step.nodes) border.set(`${n.level}:${n.idx}`, n.hash);
      size = step.size;
    }
    for (let n = 0; n <= 70; n++) {
      expect(foldRange(nodes, 0, n).equals(mth(leaves.slice(0, n)))).toBe(true);
      expect(foldRange(border, 0, n).equals(mth(leaves.slice(0, n)))).toBe(true);
    }
  });

  it('proves every leaf in every tree size, and the browser-safe verifier accepts exactly those proofs', async () => {
    for (let size = 1; size <= 33; size++) {
      const root = mth(leaves.slice(0, size));
      for (let m = 0; m < size; m++) {
        const path = fold(inclusionRanges(m, size));
        expect(await verifyInclusion(m, size, leaves[m]!, path, root)).toBe(true);
        expect(await verifyInclusion(m, size, leaves[(m + 1) % 70]!, path, root)).toBe(false);
        if (path.length) {
          const bent = path.map((h, i) => (i === path.length - 1 ? leafHashOf('bent') : h));
          expect(await verifyInclusion(m, size, leaves[m]!, bent, root)).toBe(false);
        }
      }
    }
  });

  it('proves consistency between every pair of sizes, and rejects a rewritten history', async () => {
    const forged = [...leaves];
    forged[2] = leafHashOf('rewritten');
    for (let n = 1; n <= 33; n++)
      for (let m = 1; m <= n; m++) {
        const proof = fold(consistencyRanges(m, n));
        const r1 = mth(leaves.slice(0, m));
        const r2 = mth(leaves.slice(0, n));
        expect(await verifyConsistency(m, n, proof, r1, r2)).toBe(true);
        if (m > 2) expect(await verifyConsistency(m, n, proof, mth(forged.slice(0, m)), r2)).toBe(false);
      }
  });
});
