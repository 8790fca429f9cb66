/**
 * `chengxin audit …` tools around the Merkle log (besides `audit verify` and `audit checkpoint` in cli.ts):
 *
 *   audit sequence                         place every committed entry in the tree now (the server does it continuously)
 *   audit prove --seq <n> [--size <s>]     inclusion proof of entry n in the checkpoint of size s (default the newest)
 *   audit consistency --from <a> [--to <b>] consistency proof between two checkpoints
 *   audit keys                             the verifier keys to publish (log signer; witnesses configured)
 */
import {
  configuredWitnesses,
  logOrigin,
  proveConsistency,
  proveEntry,
  ProofError,
  sequenceAudit,
  trustedKeys,
  verifierKey,
  witnessVerifierKey,
} from '@chengxin/kernel';
import type { System } from './system';

const USAGE =
  'use: chengxin audit verify … | audit checkpoint … | audit sequence | audit prove --seq <n> [--size <s>] | audit consistency --from <a> [--to <b>] | audit keys | audit witness … | audit verify-report <file> --keys <file|URL>';

const flag = (args: string[], name: string) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
};
const num = (args: string[], name: string) => {
  const v = flag(args, name);
  if (v === undefined) return undefined;
  if (!/^\d+$/.test(v)) throw new Error(`${name}: expected a whole number, got "${v}"`);
  return Number(v);
};

export async function auditToolCommand(system: System, args: string[], log: (line: string) => void): Promise<number> {
  const db = system.database.db;
  const [sub] = args;
  try {
    if (sub === 'sequence') {
      const r = await sequenceAudit(db);
      log(`placed ${r.sequenced} entr${r.sequenced === 1 ? 'y' : 'ies'}; tree size ${r.size}, root ${r.rootHash}`);
      return 0;
    }
    if (sub === 'prove') {
      const seq = num(args, '--seq');
      if (seq === undefined) throw new Error(USAGE);
      await sequenceAudit(db);
      log(JSON.stringify(await proveEntry(db, seq, num(args, '--size')), null, 2));
      return 0;
    }
    if (sub === 'consistency') {
      const from = num(args, '--from');
      if (from === undefined) throw new Error(USAGE);
      log(JSON.stringify(await proveConsistency(db, from, num(args, '--to')), null, 2));
      return 0;
    }
    if (sub === 'keys') {
      log(`origin ${logOrigin()}`);
      for (const k of trustedKeys(system.secrets.audit)) log(`log key     ${verifierKey(logOrigin(), k)}`);
      for (const w of configuredWitnesses()) log(`witness key ${witnessVerifierKey(w.name, w.publicKey)}`);
      return 0;
    }
  } catch (e) {
    if (e instanceof ProofError) {
      log(`✗ ${e.messageZh} / ${e.message}`);
      return 2;
    }
    throw e;
  }
  throw new Error(USAGE);
}
