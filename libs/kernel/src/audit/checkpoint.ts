import { settingValue } from '@chengxin/contract/settings';
import { createHash, createPublicKey, sign, verify, type KeyObject } from 'node:crypto';
import { rows, type Db, type Queryable } from '@chengxin/db';
import { checkpointText } from '@chengxin/contract/tlog';
import { sql } from 'drizzle-orm';
import { sequenceAudit, treeHead } from './sequencer';
import { MissingNodeError, rootAt } from './tree';

/** The key that signs checkpoints, and the public keys whose earlier signatures are still trusted (after rotation). */
export interface AuditKeys {
  signingKey: KeyObject;
  trustedPublicKeys: KeyObject[];
  /** HMAC key for entry MACs (derived from the data key, audit/mac.ts); without it MACs are not checked. */
  macKey?: Buffer;
}

/**
 * A signed checkpoint. Since the Merkle log: `seq` is the tree size, `headHash` the root (hex) and `note` the C2SP
 * signed note that carries both (what outsiders keep and witnesses cosign). Checkpoints of the former hash chain have
 * no note: `seq` is the chain entry they signed, which is also the tree size after it (its entries became the first
 * leaves in order).
 */
export interface Checkpoint {
  seq: number;
  headHash: string;
  at: string;
  keyId: string;
  publicKey: string;
  signature: string;
  note?: string | null;
}

/** The log's origin line (C2SP tlog-checkpoint): names this log, and is the checkpoint signer's key name. */
export const logOrigin = () => settingValue('CHENGXIN_LOG_ORIGIN') ?? 'chengxin.local/audit-log';

export const publicKeyPem = (key: KeyObject) =>
  (key.type === 'private' ? createPublicKey(key) : key).export({ type: 'spki', format: 'pem' }).toString();
export const keyIdOf = (key: KeyObject) => createHash('sha256').update(publicKeyPem(key)).digest('hex').slice(0, 16);

/** The 32 raw bytes of an Ed25519 public key. */
export const rawPublicKey = (key: KeyObject): Buffer =>
  Buffer.from((key.type === 'private' ? createPublicKey(key) : key).export({ format: 'jwk' }).x as string, 'base64url');

/** C2SP signed-note key hash: the first 4 bytes of SHA-256(name ‖ "\n" ‖ type ‖ public key). Type 1: Ed25519. */
export const noteKeyHash = (name: string, type: number, key: KeyObject) =>
  createHash('sha256')
    .update(`${name}\n`)
    .update(Buffer.from([type]))
    .update(rawPublicKey(key))
    .digest()
    .subarray(0, 4);

/** The verifier key string (C2SP vkey) that outsiders and the offline report verifier are given. */
export const verifierKey = (name: string, key: KeyObject, type = 1) =>
  `${name}+${noteKeyHash(name, type, key).toString('hex')}+${Buffer.concat([Buffer.from([type]), rawPublicKey(key)]).toString('base64')}`;

/** A signature line for `text` (C2SP signed note): "— <name> <base64(key hash ‖ signature)>". */
export const signatureLine = (name: string, key: KeyObject, text: string) =>
  `— ${name} ${Buffer.concat([noteKeyHash(name, 1, key), sign(null, Buffer.from(text), key)]).toString('base64')}\n`;

/** The exact bytes a checkpoint of the former hash chain signed. */
export const checkpointMessage = (seq: number, headHash: string, at: string) =>
  Buffer.from(`chengxin-audit-checkpoint:v1:${seq}:${headHash}:${new Date(at).toISOString()}`);

/** Extension line recording the former hash chain's last entry (seq and hash), carried by every later checkpoint. */
export const legacyChainLine = (seq: number, hash: string) => `chengxin-legacy-chain ${seq} ${hash}`;

/**
 * Places what is waiting (the sequencer) and signs the tree unless that size is already signed. Not itself audited: it
 * records the log, it does not change it.
 */
export async function createCheckpoint(db: Db, keys: AuditKeys): Promise<Checkpoint | null> {
  await sequenceAudit(db);
  const head = await treeHead(db);
  if (head.size === 0) return null;
  const [done] = await rows<{ seq: string }>(db, sql`select seq from kernel.audit_checkpoint where seq = ${head.size}`);
  if (done) return null;
  const extensions: string[] = [];
  if (head.legacyHead && head.legacyHead.seq <= head.size) {
    const [last] = await rows<{ hash: string }>(
      db,
      sql`select hash from kernel.audit_log where seq = ${head.legacyHead.seq}`,
    );
    if (last) extensions.push(legacyChainLine(head.legacyHead.seq, last.hash));
  }
  const origin = logOrigin();
  const text = checkpointText({
    origin,
    size: head.size,
    rootHash: Buffer.from(head.rootHash, 'hex'),
    extensions,
  });
  const line = signatureLine(origin, keys.signingKey, text);
  const at = new Date().toISOString();
  const checkpoint: Checkpoint = {
    seq: head.size,
    headHash: head.rootHash,
    at,
    keyId: keyIdOf(keys.signingKey),
    publicKey: publicKeyPem(keys.signingKey),
    signature: line.trim().split(' ')[2]!,
    note: `${text}\n${line}`,
  };
  await db.execute(sql`insert into kernel.audit_checkpoint (seq, head_hash, at, key_id, public_key, signature, note)
    values (${checkpoint.seq}, ${checkpoint.headHash}, ${at}::timestamptz, ${checkpoint.keyId}, ${checkpoint.publicKey}, ${checkpoint.signature}, ${checkpoint.note}) on conflict (seq) do nothing`);
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
    note: string | null;
  }>(
    db,
    sql`
    select seq, head_hash, to_json(at)#>>'{}' as at, key_id, public_key, signature, note from kernel.audit_checkpoint
    ${beforeSeq ? sql`where seq < ${beforeSeq}` : sql``} order by seq desc limit ${limit}`,
  );
  return list.map((c) => ({
    seq: Number(c.seq),
    headHash: c.head_hash,
    at: new Date(c.at).toISOString(),
    keyId: c.key_id,
    publicKey: c.public_key,
    signature: c.signature,
    note: c.note,
  }));
}

export const trustedKeys = (keys: AuditKeys) => [keys.signingKey, ...keys.trustedPublicKeys];

/** Splits a note into its signed text and signature lines (name, key hash, signature). */
export function splitNote(note: string): { text: string; lines: { name: string; keyHash: Buffer; sig: Buffer }[] } {
  const at = note.lastIndexOf('\n\n');
  if (at < 0) return { text: note, lines: [] };
  return {
    text: note.slice(0, at + 1),
    lines: note
      .slice(at + 2)
      .split('\n')
      .flatMap((l) => {
        const m = /^— (\S+) ([A-Za-z0-9+/=]+)$/.exec(l);
        if (!m) return [];
        const raw = Buffer.from(m[2]!, 'base64');
        return [{ name: m[1]!, keyHash: raw.subarray(0, 4), sig: raw.subarray(4) }];
      }),
  };
}

/**
 * A checkpoint is good when its signature verifies under a key we trust (not merely the key stored beside it) and, for
 * a note, when the note's size and root are the row's.
 */
export function checkpointSignatureValid(c: Checkpoint, keys: AuditKeys): boolean {
  if (!c.note) {
    const trusted = trustedKeys(keys).map((k) => publicKeyPem(k));
    if (!trusted.includes(c.publicKey)) return false;
    return verify(
      null,
      checkpointMessage(c.seq, c.headHash, c.at),
      createPublicKey(c.publicKey),
      Buffer.from(c.signature, 'base64'),
    );
  }
  const { text, lines } = splitNote(c.note);
  const body = text.split('\n');
  if (body[1] !== String(c.seq) || Buffer.from(body[2] ?? '', 'base64').toString('hex') !== c.headHash) return false;
  const origin = body[0]!;
  return lines.some(
    (l) =>
      l.name === origin &&
      trustedKeys(keys).some(
        (k) => noteKeyHash(origin, 1, k).equals(l.keyHash) && verify(null, Buffer.from(text), k, l.sig),
      ),
  );
}

/** Whether the log still holds what a checkpoint signed: the tree's root at its size (former chain: the entry's hash). */
export async function checkpointInLog(db: Queryable, c: Checkpoint): Promise<boolean> {
  if (!c.note) {
    const [e] = await rows<{ hash: string }>(db, sql`select hash from kernel.audit_log where seq = ${c.seq}`);
    return e?.hash === c.headHash;
  }
  const head = await treeHead(db);
  if (c.seq > head.size) return false;
  try {
    return (await rootAt(db, c.seq)).toString('hex') === c.headHash;
  } catch (e) {
    if (e instanceof MissingNodeError) return false;
    throw e;
  }
}
