import { settingValue } from '@chengxin/contract/settings';
import { createHash, createPublicKey, sign, verify, type KeyObject } from 'node:crypto';
import { rows, type Queryable } from '@chengxin/db';
import { cosignedMessage } from '@chengxin/contract/tlog';
import { sql } from 'drizzle-orm';
import { rawPublicKey } from './checkpoint';

/**
 * Witness cosignatures (C2SP tlog-cosignature, cosignature/v1): a witness that checked a checkpoint is consistent
 * with every earlier one it saw signs "cosignature/v1\ntime <t>\n" + the checkpoint body with its own Ed25519 key.
 * The line is "— <witness name> <base64(key hash ‖ 8-byte time ‖ signature)>"; its key hash uses type 0x04.
 * The log keeps the cosignatures it receives (kernel.audit_cosignature) and serves them with the checkpoint, so a
 * verifier can require one: a log that shows one history to the witness and another to a reader is caught.
 */
export interface WitnessKey {
  name: string;
  keyHash: Buffer;
  publicKey: KeyObject;
}

const ED25519_SPKI_PREFIX = Buffer.from('302a300506032b6570032100', 'hex');
export const publicKeyFromRaw = (raw: Buffer) =>
  createPublicKey({ key: Buffer.concat([ED25519_SPKI_PREFIX, raw]), format: 'der', type: 'spki' });

export const cosignKeyHash = (name: string, raw: Buffer) =>
  createHash('sha256')
    .update(`${name}\n`)
    .update(Buffer.from([4]))
    .update(raw)
    .digest()
    .subarray(0, 4);

/** The witness's verifier key (C2SP vkey, type 0x04). */
export const witnessVerifierKey = (name: string, key: KeyObject) => {
  const raw = rawPublicKey(key);
  return `${name}+${cosignKeyHash(name, raw).toString('hex')}+${Buffer.concat([Buffer.from([4]), raw]).toString('base64')}`;
};

/** Parses a C2SP verifier key of a witness (type 0x04); throws with a reason. */
export function parseWitnessKey(vkey: string): WitnessKey {
  const m = /^([^+\s]+)\+([0-9a-f]{8})\+([A-Za-z0-9+/=]+)$/.exec(vkey.trim());
  if (!m) throw new Error(`witness key "${vkey.slice(0, 40)}": expected <name>+<hex hash>+<base64 key>`);
  const raw = Buffer.from(m[3]!, 'base64');
  if (raw.length !== 33 || raw[0] !== 4) throw new Error(`witness key ${m[1]}: not a cosignature/v1 Ed25519 key`);
  const keyHash = cosignKeyHash(m[1]!, raw.subarray(1));
  if (keyHash.toString('hex') !== m[2]) throw new Error(`witness key ${m[1]}: the key hash does not match the key`);
  return { name: m[1]!, keyHash, publicKey: publicKeyFromRaw(raw.subarray(1)) };
}

/** Witnesses whose cosignatures the log accepts: CHENGXIN_WITNESS_KEYS, verifier keys separated by commas or spaces. */
export const configuredWitnesses = (): WitnessKey[] =>
  (settingValue('CHENGXIN_WITNESS_KEYS') ?? '')
    .split(/[\s,]+/)
    .filter(Boolean)
    .map(parseWitnessKey);

export function cosignatureLine(
  name: string,
  key: KeyObject,
  checkpointBody: string,
  time = Math.floor(Date.now() / 1000),
) {
  const stamp = Buffer.alloc(8);
  stamp.writeBigUInt64BE(BigInt(time));
  const sig = sign(null, Buffer.from(cosignedMessage(time, checkpointBody)), key);
  return `— ${name} ${Buffer.concat([cosignKeyHash(name, rawPublicKey(key)), stamp, sig]).toString('base64')}`;
}

/** Whether `line` is a valid cosignature of `checkpointBody` by `witness`. */
export function cosignatureValid(line: string, witness: WitnessKey, checkpointBody: string): boolean {
  const m = /^— (\S+) ([A-Za-z0-9+/=]+)$/.exec(line.trim());
  if (!m || m[1] !== witness.name) return false;
  const raw = Buffer.from(m[2]!, 'base64');
  if (raw.length !== 4 + 8 + 64 || !raw.subarray(0, 4).equals(witness.keyHash)) return false;
  const time = Number(raw.readBigUInt64BE(4));
  return verify(null, Buffer.from(cosignedMessage(time, checkpointBody)), witness.publicKey, raw.subarray(12));
}

/** The checkpoint body (the signed text) of a stored note. */
export const noteBody = (note: string) => note.slice(0, note.lastIndexOf('\n\n') + 1);

/** Stores a cosignature the log received, when it verifies under a configured witness key. */
export async function acceptCosignature(
  db: Queryable,
  size: number,
  line: string,
  witnesses = configuredWitnesses(),
): Promise<boolean> {
  const [cp] = await rows<{ note: string | null }>(
    db,
    sql`select note from kernel.audit_checkpoint where seq = ${size}`,
  );
  if (!cp?.note) return false;
  const body = noteBody(cp.note);
  const witness = witnesses.find((w) => cosignatureValid(line, w, body));
  if (!witness) return false;
  await db.execute(sql`insert into kernel.audit_cosignature (size, witness, line, at) values (${size}, ${witness.name}, ${line.trim()}, now())
    on conflict (size, witness) do update set line = excluded.line, at = excluded.at`);
  return true;
}

/** The checkpoint of `size` with every cosignature the log holds appended (a C2SP note with several signatures). */
export async function cosignedNote(db: Queryable, size: number): Promise<string | null> {
  const [cp] = await rows<{ note: string | null }>(
    db,
    sql`select note from kernel.audit_checkpoint where seq = ${size}`,
  );
  if (!cp?.note) return null;
  const lines = await rows<{ line: string }>(
    db,
    sql`select line from kernel.audit_cosignature where size = ${size} order by witness`,
  );
  return cp.note + lines.map((l) => `${l.line}\n`).join('');
}
