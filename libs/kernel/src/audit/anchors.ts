import { settingValue } from '@chengxin/contract/settings';
import type { AuditProblem } from './verify';
import type { WitnessKey } from './cosign';
import { checkpointSignatureValid, type AuditKeys, type Checkpoint } from './checkpoint';

/**
 * What anchors the log outside the database. The log, its tree and its checkpoints all live in tables an insider can
 * edit; what he cannot edit are copies held elsewhere (a published checkpoint file, a witness, the public feed fetched
 * by a third party) and the clock: checkpoints are made every CHENGXIN_CHECKPOINT_MINUTES, so an entry older than that
 * allowance which no checkpoint covers means checkpoints were deleted (or the signer or the sequencer stopped).
 */
export interface AnchorOptions {
  /** Checkpoints held outside the database, compared against the log (audit/witness.ts reads them). */
  external?: readonly Checkpoint[];
  /** The time to judge staleness at (tests move it; default now). */
  now?: Date;
  /** How old the oldest entry not covered by a checkpoint may be (default 2 × CHENGXIN_CHECKPOINT_MINUTES, 2 × 15). */
  maxUncoveredMinutes?: number;
  /** Witnesses that must have cosigned a checkpoint the log still matches (audit verify --require-witness). */
  requireWitnesses?: readonly WitnessKey[];
}

export const defaultUncoveredMinutes = () => 2 * (Number(settingValue('CHENGXIN_CHECKPOINT_MINUTES') ?? 15) || 15);

/** The log as the verifier recomputed it. */
export interface RecomputedLog {
  /** Leaves in the tree. */
  size: number;
  /** The head a checkpoint names, recomputed (tree root at its size; former chain: the entry hash). */
  headAt: (c: Checkpoint) => string | undefined;
  /** Time of the first leaf no good database checkpoint covers, and of the oldest entry still waiting for the sequencer. */
  oldestUncoveredAt: string | null;
  oldestPendingAt: string | null;
}

/** `trusted`: database checkpoints with good signatures. */
export function checkAnchors(
  log: RecomputedLog,
  trusted: readonly Checkpoint[],
  keys: AuditKeys,
  options: AnchorOptions,
): { problems: AuditProblem[]; external: number } {
  const problems: AuditProblem[] = [];
  let covered = trusted.reduce((m, c) => (log.headAt(c) === c.headHash ? Math.max(m, c.seq) : m), 0);
  const external = options.external ?? [];
  for (const c of external) {
    if (!checkpointSignatureValid(c, keys)) {
      problems.push({
        seq: c.seq,
        kind: 'checkpoint_signature',
        messageZh: `外部保存的树大小${c.seq}处的检查点签名无效或不是受信任的密钥所签`,
        messageEn: `The checkpoint held outside the database at size ${c.seq} has an invalid or untrusted signature`,
      });
      continue;
    }
    if (c.seq > log.size) {
      problems.push({
        seq: c.seq,
        kind: 'truncated',
        messageZh: `审计日志只有${log.size}条，但外部保存的已签名检查点记载到第${c.seq}条：日志被截断`,
        messageEn: `The log holds ${log.size} entries but a signed checkpoint held outside the database covers ${c.seq}: the log was truncated`,
      });
    } else if (log.headAt(c) !== c.headHash) {
      problems.push({
        seq: c.seq,
        kind: 'checkpoint_mismatch',
        messageZh: `审计日志与外部保存的树大小${c.seq}处的已签名检查点不符（日志被改写）`,
        messageEn: `The log does not match the signed checkpoint at size ${c.seq} held outside the database (log rewritten)`,
      });
    } else covered = Math.max(covered, c.seq);
  }
  const allowance = options.maxUncoveredMinutes ?? defaultUncoveredMinutes();
  const olderThanAllowance = (at: string | null) =>
    at !== null && ((options.now ?? new Date()).getTime() - new Date(at).getTime()) / 60_000 > allowance;
  // The first uncovered leaf is `covered` (0-based); entries still waiting for the sequencer are uncovered too.
  const uncoveredAt = covered < log.size ? log.oldestUncoveredAt : log.oldestPendingAt;
  if (olderThanAllowance(uncoveredAt) || olderThanAllowance(log.oldestPendingAt)) {
    problems.push(
      covered === 0 && trusted.length === 0
        ? {
            seq: null,
            leafIndex: 0,
            kind: 'checkpoint_missing',
            messageZh: `审计日志有记录但没有任何已签名检查点（最早的记录已超过${allowance}分钟）：检查点被删除或签名服务未运行`,
            messageEn: `The log has entries but no signed checkpoint (the oldest is older than ${allowance} minutes): checkpoints were deleted or the signer is not running`,
          }
        : {
            seq: null,
            leafIndex: covered,
            kind: 'checkpoint_stale',
            messageZh: `第${covered}号叶子起的审计记录超过${allowance}分钟仍未被已签名检查点覆盖：检查点被删除或签名服务未运行`,
            messageEn: `Entries from leaf ${covered} on are older than ${allowance} minutes and no signed checkpoint covers them: checkpoints were deleted or the signer is not running`,
          },
    );
  }
  return { problems, external: external.length };
}
