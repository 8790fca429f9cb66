import { createHash, createPublicKey, sign, verify, type KeyObject } from 'node:crypto';
import { rows, type Queryable } from '@chengxin/db';
import { sql } from 'drizzle-orm';

/** The key that signs checkpoints, and the public keys whose earlier signatures are still trusted (after rotation). */
export interface AuditKeys {
  signingKey: KeyObject;
  trustedPublicKeys: KeyObject[];
  /** HMAC key for entry MACs (derived from the data key, audit/mac.ts); without it MACs are not checked. */
  macKey?: Buffer;
}

export interface Checkpoint {
  seq: number;
  headHash: string;
  at: string;
  keyId: string;
  publicKey: string;
  signature: string;
}

export const publicKeyPem = (key: KeyObject) =>
  (key.type === 'private' ? createPublicKey(key) : key).export({ type: 'spki', format: 'pem' }).toString();
export const keyIdOf = (key: KeyObject) => createHash('sha256').update(publicKeyPem(key)).digest('hex').slice(0, 16);

/** The exact bytes signed: anyone holding a copy of a checkpoint and the public key can check it. */
export const checkpointMessage = (seq: number, headHash: string, at: string) =>
  Buffer.from(`chengxin-audit-checkpoint:v1:${seq}:${headHash}:${new Date(at).toISOString()}`);

/** Signs the current chain head unless it is already signed. Not itself audited: it records the chain, it does not change it. */
export async function createCheckpoint(db: Queryable, keys: AuditKeys): Promise<Checkpoint | null> {
  const [head] = await rows<{ seq: string | number; hash: string }>(
    db,
    sql`select seq, hash from kernel.audit_log order by seq desc limit 1`,
  );
  if (!head) return null;
  const seq = Number(head.seq);
  const [done] = await rows<{ seq: string }>(db, sql`select seq from kernel.audit_checkpoint where seq = ${seq}`);
  if (done) return null;
  const at = new Date().toISOString();
  const checkpoint: Checkpoint = {
    seq,
    headHash: head.hash,
    at,
    keyId: keyIdOf(keys.signingKey),
    publicKey: publicKeyPem(keys.signingKey),
    signature: sign(null, checkpointMessage(seq, head.hash, at), keys.signingKey).toString('base64'),
  };
  await db.execute(sql`insert into kernel.audit_checkpoint (seq, head_hash, at, key_id, public_key, signature)
    values (${seq}, ${checkpoint.headHash}, ${at}::timestamptz, ${checkpoint.keyId}, ${checkpoint.publicKey}, ${checkpoint.signature}) on conflict (seq) do nothing`);
  return checkpoint;
}

export async function listCheckpoints(db: Queryable, limit: number, beforeSeq?: number): Promise<Checkpoint[]> {
  const list = await rows<{
    seq: string | number;
    head_hash: string;
    at: string;
    key_id: string;
    public_key: string;
    signature: string;
  }>(
    db,
    sql`
    select seq, head_hash, to_json(at)#>>'{}' as at, key_id, public_key, signature from kernel.audit_checkpoint
    ${beforeSeq ? sql`where seq < ${beforeSeq}` : sql``} order by seq desc limit ${limit}`,
  );
  return list.map((c) => ({
    seq: Number(c.seq),
    headHash: c.head_hash,
    at: new Date(c.at).toISOString(),
    keyId: c.key_id,
    publicKey: c.public_key,
    signature: c.signature,
  }));
}

/** A checkpoint is good when its signature verifies under a key we trust (not merely the key stored beside it). */
export function checkpointSignatureValid(c: Checkpoint, keys: AuditKeys): boolean {
  const trusted = [keys.signingKey, ...keys.trustedPublicKeys].map((k) => publicKeyPem(k));
  if (!trusted.includes(c.publicKey)) return false;
  return verify(
    null,
    checkpointMessage(c.seq, c.headHash, c.at),
    createPublicKey(c.publicKey),
    Buffer.from(c.signature, 'base64'),
  );
}
