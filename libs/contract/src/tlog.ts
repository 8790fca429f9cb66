/**
 * Verifying the audit log without trusting the server: RFC 9162 §2.1 Merkle proofs and C2SP signed notes
 * (checkpoints and witness cosignatures). Browser-safe: only WebCrypto (`globalThis.crypto.subtle`, SHA-256 and
 * Ed25519), no Node imports, so the same code runs in the portal's 报告验证 page, the CLI and the server's tests.
 *
 * Tree hashing (RFC 9162 §2.1.1): leaf = SHA-256(0x00 ‖ leaf data), node = SHA-256(0x01 ‖ left ‖ right), the empty
 * tree's root = SHA-256(""). Leaf data is the UTF-8 JSON array `auditLeafData` builds from an entry's fields.
 */

const subtle = () => globalThis.crypto.subtle;
const utf8 = new TextEncoder();

export type Bytes = Uint8Array<ArrayBuffer>;

export const toHex = (b: Uint8Array) => Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('');
export function fromHex(hex: string): Bytes {
  if (!/^([0-9a-f]{2})*$/i.test(hex)) throw new Error('not hex');
  const out = new Uint8Array(hex.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = parseInt(hex.slice(2 * i, 2 * i + 2), 16);
  return out;
}
export function toBase64(b: Uint8Array): string {
  let s = '';
  for (const x of b) s += String.fromCharCode(x);
  return btoa(s);
}
export function fromBase64(text: string): Bytes {
  const s = atob(text);
  const out = new Uint8Array(s.length);
  for (let i = 0; i < s.length; i++) out[i] = s.charCodeAt(i);
  return out;
}
const concat = (...parts: Uint8Array[]): Bytes => {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
};
const equal = (a: Uint8Array, b: Uint8Array) => a.length === b.length && a.every((x, i) => x === b[i]);

export const sha256 = async (data: Uint8Array): Promise<Bytes> =>
  new Uint8Array(await subtle().digest('SHA-256', data as Bytes));
export const leafHash = (data: Uint8Array) => sha256(concat(new Uint8Array([0]), data));
export const nodeHash = (left: Uint8Array, right: Uint8Array) => sha256(concat(new Uint8Array([1]), left, right));

/**
 * The fields of one audit entry that its leaf covers: the fields the former chain hashed, with the actor as a digest
 * (SHA-256 hex of the JSON [actorId, actorName]) so a public proof names no official.
 */
export interface AuditLeafFields {
  seq: number;
  /** ISO 8601 UTC with milliseconds. */
  at: string;
  actorDigest: string;
  action: string;
  entity: string;
  entityId: string;
  detailDigest: string;
  beforeDigest: string | null;
  afterDigest: string | null;
  /** Only on entries of the former hash chain (the first leaves); null since the Merkle log. */
  prevHash: string | null;
}

/** The leaf's data (UTF-8 of this JSON text); the leaf hash is SHA-256(0x00 ‖ data). */
export const auditLeafText = (e: AuditLeafFields) =>
  JSON.stringify([
    'chengxin-audit-leaf/v1',
    e.seq,
    new Date(e.at).toISOString(),
    e.actorDigest,
    e.action,
    e.entity,
    e.entityId,
    e.detailDigest,
    e.beforeDigest,
    e.afterDigest,
    e.prevHash,
  ]);
export const auditLeafData = (e: AuditLeafFields): Bytes => utf8.encode(auditLeafText(e)) as Bytes;

const odd = (n: number) => n % 2 === 1;
const half = (n: number) => Math.floor(n / 2);

/** RFC 9162 §2.1.3.2: does `proof` show the leaf at `index` in the tree of `size` leaves with this root? */
export async function verifyInclusion(
  index: number,
  size: number,
  leaf: Uint8Array,
  proof: readonly Uint8Array[],
  root: Uint8Array,
): Promise<boolean> {
  if (!(index >= 0 && index < size)) return false;
  let fn = index;
  let sn = size - 1;
  let r: Uint8Array = leaf;
  for (const p of proof) {
    if (sn === 0) return false;
    if (odd(fn) || fn === sn) {
      r = await nodeHash(p, r);
      if (!odd(fn))
        while (!odd(fn) && fn !== 0) {
          fn = half(fn);
          sn = half(sn);
        }
    } else r = await nodeHash(r, p);
    fn = half(fn);
    sn = half(sn);
  }
  return sn === 0 && equal(r, root);
}

/** RFC 9162 §2.1.4.2: does `proof` show that the tree of size1 (root1) is a prefix of the tree of size2 (root2)? */
export async function verifyConsistency(
  size1: number,
  size2: number,
  proof: readonly Uint8Array[],
  root1: Uint8Array,
  root2: Uint8Array,
): Promise<boolean> {
  if (size1 > size2 || size1 < 0) return false;
  if (size1 === size2) return proof.length === 0 && equal(root1, root2);
  if (size1 === 0) return proof.length === 0;
  if (proof.length === 0) return false;
  // RFC 9162: when size1 is a power of two its root is a node of the larger tree and the proof omits it.
  const path = isPowerOfTwo(size1) ? [root1, ...proof] : [...proof];
  let fn = size1 - 1;
  let sn = size2 - 1;
  while (odd(fn)) {
    fn = half(fn);
    sn = half(sn);
  }
  let fr: Uint8Array = path[0]!;
  let sr: Uint8Array = path[0]!;
  for (const c of path.slice(1)) {
    if (sn === 0) return false;
    if (odd(fn) || fn === sn) {
      fr = await nodeHash(c, fr);
      sr = await nodeHash(c, sr);
      if (!odd(fn))
        while (!odd(fn) && fn !== 0) {
          fn = half(fn);
          sn = half(sn);
        }
    } else sr = await nodeHash(sr, c);
    fn = half(fn);
    sn = half(sn);
  }
  return equal(fr, root1) && equal(sr, root2) && sn === 0;
}

export const isPowerOfTwo = (n: number) => n > 0 && 2 ** Math.round(Math.log2(n)) === n;

// ---- C2SP signed notes (checkpoints, cosignatures) ----

/** A checkpoint's body (C2SP tlog-checkpoint): origin, size, base64 root, optional extension lines. */
export interface CheckpointBody {
  origin: string;
  size: number;
  rootHash: Bytes;
  extensions: string[];
}

export const checkpointText = (c: { origin: string; size: number; rootHash: Uint8Array; extensions?: string[] }) =>
  `${c.origin}\n${c.size}\n${toBase64(c.rootHash)}\n${(c.extensions ?? []).map((e) => `${e}\n`).join('')}`;

export interface SignedNote {
  text: string;
  signatures: { name: string; keyHash: Bytes; signature: Bytes }[];
}

/** Splits a signed note into its text (through the last newline before the blank line) and its signature lines. */
export function parseNote(note: string): SignedNote {
  const at = note.lastIndexOf('\n\n');
  if (at < 0) throw new Error('signed note: no blank line before the signatures');
  const text = note.slice(0, at + 1);
  const signatures = note
    .slice(at + 2)
    .split('\n')
    .filter((l) => l.length > 0)
    .map((line) => {
      const m = /^— (\S+) (\S+)$/.exec(line);
      if (!m) throw new Error(`signed note: bad signature line "${line.slice(0, 60)}"`);
      const raw = fromBase64(m[2]!);
      if (raw.length < 5) throw new Error('signed note: signature too short');
      return { name: m[1]!, keyHash: raw.slice(0, 4), signature: raw.slice(4) };
    });
  return { text, signatures };
}

export function parseCheckpoint(text: string): CheckpointBody {
  const lines = text.split('\n');
  if (lines.length < 4 || lines[lines.length - 1] !== '') throw new Error('checkpoint: needs origin, size, root');
  const size = Number(lines[1]);
  if (!/^(0|[1-9][0-9]*)$/.test(lines[1]!) || !Number.isSafeInteger(size)) throw new Error('checkpoint: bad size');
  const rootHash = fromBase64(lines[2]!);
  if (rootHash.length !== 32) throw new Error('checkpoint: root hash is not 32 bytes');
  return { origin: lines[0]!, size, rootHash, extensions: lines.slice(3, -1) };
}

/** A verifier key (C2SP vkey): `<name>+<hex key hash>+<base64(type ‖ public key)>`; type 0x01 Ed25519, 0x04 cosignature/v1. */
export interface VerifierKey {
  name: string;
  type: number;
  keyHash: Bytes;
  publicKey: Bytes;
}

export async function keyHashOf(name: string, type: number, publicKey: Uint8Array): Promise<Bytes> {
  return (await sha256(concat(utf8.encode(`${name}\n`), new Uint8Array([type]), publicKey))).slice(0, 4);
}

export async function makeVerifierKey(name: string, type: number, publicKey: Uint8Array): Promise<string> {
  return `${name}+${toHex(await keyHashOf(name, type, publicKey))}+${toBase64(concat(new Uint8Array([type]), publicKey))}`;
}

export async function parseVerifierKey(vkey: string): Promise<VerifierKey> {
  const m = /^([^+\s]+)\+([0-9a-f]{8})\+([A-Za-z0-9+/=]+)$/.exec(vkey.trim());
  if (!m) throw new Error('verifier key: expected <name>+<hex hash>+<base64 key>');
  const raw = fromBase64(m[3]!);
  const key: VerifierKey = { name: m[1]!, type: raw[0]!, keyHash: fromHex(m[2]!), publicKey: raw.slice(1) };
  if (key.publicKey.length !== 32) throw new Error('verifier key: not an Ed25519 key');
  if (!equal(await keyHashOf(key.name, key.type, key.publicKey), key.keyHash))
    throw new Error('verifier key: the key hash does not match the key');
  return key;
}

const ed25519Verify = async (publicKey: Uint8Array, signature: Uint8Array, message: Uint8Array) => {
  const key = await subtle().importKey('raw', publicKey as Bytes, { name: 'Ed25519' }, false, ['verify']);
  return subtle().verify({ name: 'Ed25519' }, key, signature as Bytes, message as Bytes);
};

/** The message a witness signs (C2SP tlog-cosignature, cosignature/v1): a timestamp line, then the checkpoint body. */
export const cosignedMessage = (timestamp: number, checkpointBody: string) =>
  utf8.encode(`cosignature/v1\ntime ${timestamp}\n${checkpointBody}`) as Bytes;

/**
 * Which of `keys` signed the note validly. A line whose name and key hash match a key but whose signature fails makes
 * the note invalid (a forgery attempt), lines of unknown keys are ignored (C2SP signed-note).
 */
export async function verifyNote(
  note: string,
  keys: readonly VerifierKey[],
): Promise<{ text: string; verified: string[]; forged: string[]; cosignedAt: Record<string, number> }> {
  const parsed = parseNote(note);
  const verified: string[] = [];
  const forged: string[] = [];
  const cosignedAt: Record<string, number> = {};
  for (const s of parsed.signatures) {
    const key = keys.find((k) => k.name === s.name && equal(k.keyHash, s.keyHash));
    if (!key) continue;
    let ok = false;
    if (key.type === 1 && s.signature.length === 64)
      ok = await ed25519Verify(key.publicKey, s.signature, utf8.encode(parsed.text));
    else if (key.type === 4 && s.signature.length === 72) {
      const view = new DataView(s.signature.buffer, s.signature.byteOffset, 8);
      const timestamp = Number(view.getBigUint64(0));
      ok = await ed25519Verify(key.publicKey, s.signature.slice(8), cosignedMessage(timestamp, parsed.text));
      if (ok) cosignedAt[key.name] = timestamp;
    }
    (ok ? verified : forged).push(s.name);
  }
  return { text: parsed.text, verified, forged, cosignedAt };
}

/** What a credit report carries for each record it shows: its latest log entry, where it sits, and the path up. */
export interface RecordProof {
  recordId: string;
  entry: AuditLeafFields;
  leafIndex: number;
  /** Hex hashes, leaf to root (RFC 9162 inclusion path). */
  path: string[];
}

/** Hex digest of a record's state as the report shows it is compared with `entry.afterDigest` by the caller. */
export async function verifyRecordProof(
  proof: RecordProof,
  checkpoint: CheckpointBody,
): Promise<{ ok: boolean; reason?: string }> {
  if (proof.entry.entity !== 'credit_record' || proof.entry.entityId !== proof.recordId)
    return { ok: false, reason: 'entry_mismatch' };
  const leaf = await leafHash(auditLeafData(proof.entry));
  const ok = await verifyInclusion(
    proof.leafIndex,
    checkpoint.size,
    leaf,
    proof.path.map((h) => fromHex(h)),
    checkpoint.rootHash,
  );
  return ok ? { ok } : { ok, reason: 'inclusion' };
}

/** The part of a credit report the offline verifier reads (the report JSON the portal and the API deliver). */
export interface ReportForVerification {
  reportNo: string;
  records: { id: string; decisionNo?: string }[];
  checkpoint: { seq: number; headHash: string };
  log?: { checkpoint: string; proofs: RecordProof[] } | null;
}

export interface OfflineProblem {
  code:
    | 'no_log_proofs'
    | 'checkpoint_unparsable'
    | 'checkpoint_signature'
    | 'checkpoint_mismatch'
    | 'record_unproven'
    | 'entry_mismatch'
    | 'inclusion';
  recordId?: string;
  messageZh: string;
  messageEn: string;
}

/**
 * Checks a credit report from the report and the published verifier keys only (no server, no database): the
 * checkpoint it carries is signed by a published key and is the one the report names; every record it lists has the
 * inclusion proof of its latest log entry in that checkpoint's tree, and each proof verifies. What this shows: the
 * listed records, in the state their entries digest, were in the signed log when the report was issued. Whether the
 * database still matches is the online verifier's question (report number and code).
 */
export async function verifyReportOffline(
  report: ReportForVerification,
  verifierKeys: readonly string[],
): Promise<{ ok: boolean; problems: OfflineProblem[]; treeSize: number | null; proven: number }> {
  const problems: OfflineProblem[] = [];
  if (!report.log)
    return {
      ok: false,
      problems: [
        {
          code: 'no_log_proofs',
          messageZh: '报告未附日志包含证明（早于默克尔日志的报告只能在线验证）',
          messageEn: 'The report carries no log proofs (reports from before the Merkle log verify online only)',
        },
      ],
      treeSize: null,
      proven: 0,
    };
  let body: CheckpointBody;
  let keys: VerifierKey[];
  try {
    keys = await Promise.all(verifierKeys.map(parseVerifierKey));
    const checked = await verifyNote(report.log.checkpoint, keys);
    body = parseCheckpoint(checked.text);
    if (!checked.verified.includes(body.origin) || checked.forged.length)
      problems.push({
        code: 'checkpoint_signature',
        messageZh: '报告所附检查点不是由公布的日志密钥签名的（伪造或被重新签名）',
        messageEn: 'The checkpoint in the report is not signed by a published log key (forged or re-signed)',
      });
  } catch (e) {
    return {
      ok: false,
      problems: [
        {
          code: 'checkpoint_unparsable',
          messageZh: '报告所附检查点或公钥格式不正确',
          messageEn: `The checkpoint or a key cannot be read: ${e instanceof Error ? e.message : String(e)}`,
        },
      ],
      treeSize: null,
      proven: 0,
    };
  }
  if (body.size !== report.checkpoint.seq || toHex(body.rootHash) !== report.checkpoint.headHash)
    problems.push({
      code: 'checkpoint_mismatch',
      messageZh: '报告所列检查点与所附签名检查点不一致',
      messageEn: 'The checkpoint the report names is not the signed checkpoint it carries',
    });
  let proven = 0;
  const byRecord = new Map(report.log.proofs.map((p) => [p.recordId, p]));
  for (const r of report.records) {
    const proof = byRecord.get(r.id);
    if (!proof) {
      problems.push({
        code: 'record_unproven',
        recordId: r.id,
        messageZh: `记录${r.decisionNo ?? r.id}没有日志包含证明`,
        messageEn: `Record ${r.decisionNo ?? r.id} has no log inclusion proof`,
      });
      continue;
    }
    const checked = await verifyRecordProof(proof, body);
    if (checked.ok) proven++;
    else
      problems.push(
        checked.reason === 'entry_mismatch'
          ? {
              code: 'entry_mismatch',
              recordId: r.id,
              messageZh: `记录${r.decisionNo ?? r.id}所附的日志条目不是该记录的`,
              messageEn: `The log entry attached to record ${r.decisionNo ?? r.id} is not about that record`,
            }
          : {
              code: 'inclusion',
              recordId: r.id,
              messageZh: `记录${r.decisionNo ?? r.id}的日志条目不在签名检查点的日志树中（报告或条目被改动）`,
              messageEn: `The log entry of record ${r.decisionNo ?? r.id} is not in the signed checkpoint's tree (report or entry altered)`,
            },
      );
  }
  return { ok: problems.length === 0, problems, treeSize: body.size, proven };
}
