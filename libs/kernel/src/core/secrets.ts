import {
  createCipheriv,
  createDecipheriv,
  createHmac,
  createPrivateKey,
  createPublicKey,
  generateKeyPairSync,
  randomBytes,
  type KeyObject,
} from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { AuditKeys } from '../audit';
import { useAuditMacKey } from '../audit';
import { maskIdNumber } from './identifiers';

/**
 * Keys that protect personal data at rest: one to encrypt ID numbers (AES-256-GCM), one to hash them for exact-match
 * lookup (HMAC-SHA256), so the database alone never yields a readable ID number.
 */
export interface Secrets {
  encryptionKey: Buffer;
  lookupKey: Buffer;
  /** Ed25519 key that signs audit checkpoints, and retired public keys still trusted for older checkpoints. */
  audit: AuditKeys;
}

/** Keys given by the configuration (CHENGXIN_DATA_KEY and CHENGXIN_AUDIT_SIGNING_KEY), else read from the key folder. */
export interface KeyOptions {
  /** The data key, 64 hex characters = 32 bytes (both ID-number keys and the audit MAC key derive from it). */
  dataKey?: string | undefined;
  /** The checkpoint signing key, Ed25519 PKCS#8 PEM (`\n` may stand for line breaks). */
  signingKeyPem?: string | undefined;
}

/** Keys from the configured data key or a generated key file. */
export function loadSecrets(keyFile: string, keys: KeyOptions = {}): Secrets {
  const fromEnv = keys.dataKey;
  let master: Buffer;
  if (fromEnv) {
    if (!/^[0-9a-fA-F]{64}$/.test(fromEnv)) throw new Error('CHENGXIN_DATA_KEY must be 64 hex characters');
    master = Buffer.from(fromEnv, 'hex');
  } else if (existsSync(keyFile)) {
    master = Buffer.from(readFileSync(keyFile, 'utf8').trim(), 'hex');
  } else {
    master = randomBytes(32);
    mkdirSync(dirname(keyFile), { recursive: true });
    writeFileSync(keyFile, master.toString('hex'), { mode: 0o600 });
  }
  return deriveSecrets(master, loadAuditKeys(dirname(keyFile), keys.signingKeyPem));
}

/**
 * The checkpoint signing key from CHENGXIN_AUDIT_SIGNING_KEY (PKCS#8 PEM) or `<keys>/audit-signing.pem` (generated on
 * first start, mode 0600). Public keys in `<keys>/audit-trusted/*.pem` are retired keys whose checkpoints stay valid.
 */
export function loadAuditKeys(keyDir: string, signingKeyPem?: string): AuditKeys {
  const file = join(keyDir, 'audit-signing.pem');
  let signingKey: KeyObject;
  const fromEnv = signingKeyPem;
  if (fromEnv) signingKey = createPrivateKey(fromEnv.replace(/\\n/g, '\n'));
  else if (existsSync(file)) signingKey = createPrivateKey(readFileSync(file, 'utf8'));
  else {
    signingKey = generateKeyPairSync('ed25519').privateKey;
    mkdirSync(keyDir, { recursive: true });
    writeFileSync(file, signingKey.export({ type: 'pkcs8', format: 'pem' }), { mode: 0o600 });
  }
  if (signingKey.asymmetricKeyType !== 'ed25519') throw new Error('the audit signing key must be an Ed25519 key');
  const trustedDir = join(keyDir, 'audit-trusted');
  const trustedPublicKeys = existsSync(trustedDir)
    ? readdirSync(trustedDir)
        .filter((f) => f.endsWith('.pem'))
        .map((f) => createPublicKey(readFileSync(join(trustedDir, f), 'utf8')))
    : [];
  return { signingKey, trustedPublicKeys };
}

export function deriveSecrets(master: Buffer, audit: AuditKeys): Secrets {
  const derive = (label: string) => createHmac('sha256', master).update(label).digest();
  // The audit MAC key derives from the data key too: it never sits in the database (audit/mac.ts). New entries in this
  // process are MACed under the key derived last.
  const macKey = derive('chengxin/audit/mac');
  useAuditMacKey(macKey);
  return {
    encryptionKey: derive('chengxin/id-number/encrypt'),
    lookupKey: derive('chengxin/id-number/lookup'),
    audit: { ...audit, macKey },
  };
}

/** Fixed data keys (and a per-process signing key) for tests only. */
export const TEST_SECRETS: Secrets = deriveSecrets(Buffer.alloc(32, 7), {
  signingKey: generateKeyPairSync('ed25519').privateKey,
  trustedPublicKeys: [],
});

export interface ProtectedIdNumber {
  hash: string;
  cipher: string;
  masked: string;
}

export function idNumberHash(secrets: Secrets, idNumber: string): string {
  return createHmac('sha256', secrets.lookupKey).update(idNumber).digest('base64url');
}

export function protectIdNumber(secrets: Secrets, idNumber: string): ProtectedIdNumber {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', secrets.encryptionKey, iv);
  const body = Buffer.concat([cipher.update(idNumber, 'utf8'), cipher.final()]);
  const sealed = Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64url');
  return { hash: idNumberHash(secrets, idNumber), cipher: sealed, masked: maskIdNumber(idNumber) };
}

export function revealIdNumber(secrets: Secrets, sealed: string): string {
  const raw = Buffer.from(sealed, 'base64url');
  const decipher = createDecipheriv('aes-256-gcm', secrets.encryptionKey, raw.subarray(0, 12));
  decipher.setAuthTag(raw.subarray(12, 28));
  return Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString('utf8');
}
