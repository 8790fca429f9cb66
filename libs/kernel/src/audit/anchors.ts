import type { AuditProblem } from './verify';
import { checkpointSignatureValid, type AuditKeys, type Checkpoint } from './checkpoint';

/**
 * What anchors the log outside the database. The chain and its checkpoints both live in tables an insider can edit;
 * what he cannot edit are copies held elsewhere (a published checkpoint file, a witness, the public feed fetched by a
 * third party) and the clock: checkpoints are made every CHENGXIN_CHECKPOINT_MINUTES, so an entry older than that
 * allowance which no checkpoint covers means checkpoints were deleted (or the signer stopped).
 */
export interface AnchorOptions {
  /** Checkpoints held outside the database, compared against the log (audit/witness.ts reads them). */
  external?: readonly Checkpoint[];
  /** The time to judge staleness at (tests move it; default now). */
  now?: Date;
  /** How old the oldest entry not covered by a checkpoint may be (default 2 × CHENGXIN_CHECKPOINT_MINUTES, 2 × 15). */
  maxUncoveredMinutes?: number;
}

export const defaultUncoveredMinutes = () => 2 * (Number(process.env['CHENGXIN_CHECKPOINT_MINUTES'] ?? 15) || 15);

/** `hashes`/`ages`: each entry's hash and time by seq, as read by the verifier; `trusted`: database checkpoints with good signatures. */
export function checkAnchors(
  hashes: ReadonlyMap<number, string>,
  ages: ReadonlyMap<number, string>,
  headSeq: number,
  trusted: readonly Checkpoint[],
  keys: AuditKeys,
  options: AnchorOptions,
): { problems: AuditProblem[]; external: number } {
  const problems: AuditProblem[] = [];
  let covered = trusted.reduce((m, c) => (hashes.get(c.seq) === c.headHash ? Math.max(m, c.seq) : m), 0);
  const external = options.external ?? [];
  for (const c of external) {
    if (!checkpointSignatureValid(c, keys)) {
      problems.push({
        seq: c.seq,
        kind: 'checkpoint_signature',
        messageZh: `外部保存的第${c.seq}条检查点签名无效或不是受信任的密钥所签`,
        messageEn: `The checkpoint held outside the database at ${c.seq} has an invalid or untrusted signature`,
      });
      continue;
    }
    if (c.seq > headSeq) {
      problems.push({
        seq: c.seq,
        kind: 'truncated',
        messageZh: `审计日志只到第${headSeq}条，但外部保存的已签名检查点记载到第${c.seq}条：日志被截断`,
        messageEn: `The log ends at entry ${headSeq} but a signed checkpoint held outside the database covers entry ${c.seq}: the log was truncated`,
      });
    } else if (hashes.get(c.seq) !== c.headHash) {
      problems.push({
        seq: c.seq,
        kind: 'checkpoint_mismatch',
        messageZh: `第${c.seq}条审计记录与外部保存的已签名检查点不符（日志被改写）`,
        messageEn: `Entry ${c.seq} does not match the signed checkpoint held outside the database (log rewritten)`,
      });
    } else covered = Math.max(covered, c.seq);
  }
  const firstUncovered = covered + 1;
  const at = ages.get(firstUncovered);
  if (firstUncovered <= headSeq && at) {
    const allowance = options.maxUncoveredMinutes ?? defaultUncoveredMinutes();
    const ageMinutes = ((options.now ?? new Date()).getTime() - new Date(at).getTime()) / 60_000;
    if (ageMinutes > allowance) {
      problems.push(
        covered === 0 && trusted.length === 0
          ? {
              seq: firstUncovered,
              kind: 'checkpoint_missing',
              messageZh: `审计日志有记录但没有任何已签名检查点（第${firstUncovered}条已超过${allowance}分钟）：检查点被删除或签名服务未运行`,
              messageEn: `The log has entries but no signed checkpoint (entry ${firstUncovered} is older than ${allowance} minutes): checkpoints were deleted or the signer is not running`,
            }
          : {
              seq: firstUncovered,
              kind: 'checkpoint_stale',
              messageZh: `第${firstUncovered}条起的审计记录超过${allowance}分钟仍未被已签名检查点覆盖：检查点被删除或签名服务未运行`,
              messageEn: `Entries from ${firstUncovered} on are older than ${allowance} minutes and no signed checkpoint covers them: checkpoints were deleted or the signer is not running`,
            },
      );
    }
  }
  return { problems, external: external.length };
}
