/**
 * Key rotation from the CLI (`chengxin keys rotate-data | rotate-signing`). See docs/SECURITY.md for the procedure.
 */
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { createCheckpoint, deriveSecrets, keyIdOf, publicKeyPem, rotateDataKey, systemActor } from '@chengxin/kernel';
import type { ServerConfig } from './config';
import type { System } from './system';

const stamp = () => new Date().toISOString().replace(/[:.]/g, '-');
const operator = systemActor('01900000-0000-7000-8000-00000000c11e', 'cli:keys');

/**
 * New data key: re-encrypts every ID number and recomputes lookup hashes in one transaction, then replaces the key
 * file (the old one kept beside it, to be destroyed once backups made under it have expired). With CHENGXIN_DATA_KEY
 * set, the new key is printed for the operator to put in the environment instead.
 */
export async function rotateDataKeyFile(system: System, config: ServerConfig, log: (l: string) => void): Promise<void> {
  const master = config.newDataKey ? Buffer.from(config.newDataKey, 'hex') : randomBytes(32);
  if (master.length !== 32) throw new Error('CHENGXIN_NEW_DATA_KEY must be 64 hex characters');
  const next = deriveSecrets(master, system.secrets.audit);
  const persons = await rotateDataKey(system.database.db, system.secrets, next, operator);
  if (config.dataKey) {
    log(`re-encrypted ${persons} ID number(s). Set CHENGXIN_DATA_KEY=${master.toString('hex')} before the next start.`);
    return;
  }
  if (existsSync(config.keyFile)) renameSync(config.keyFile, `${config.keyFile}.retired-${stamp()}`);
  writeFileSync(config.keyFile, master.toString('hex'), { mode: 0o600 });
  log(`re-encrypted ${persons} ID number(s) under a new data key in ${config.keyFile}`);
}

/**
 * New checkpoint signing key: the old public key moves to audit-trusted/ (its checkpoints stay valid), the new key
 * signs the current head at once.
 */
export async function rotateSigningKey(system: System, config: ServerConfig, log: (l: string) => void): Promise<void> {
  if (config.signingKeyPem)
    throw new Error(
      'the signing key comes from CHENGXIN_AUDIT_SIGNING_KEY: rotate it there, and add the old public key to keys/audit-trusted/',
    );
  const dir = dirname(config.keyFile);
  const old = system.secrets.audit.signingKey;
  mkdirSync(join(dir, 'audit-trusted'), { recursive: true });
  writeFileSync(join(dir, 'audit-trusted', `${keyIdOf(old)}.pem`), publicKeyPem(old));
  const signingKey = generateKeyPairSync('ed25519').privateKey;
  renameSync(join(dir, 'audit-signing.pem'), join(dir, `audit-signing.pem.retired-${stamp()}`));
  writeFileSync(join(dir, 'audit-signing.pem'), signingKey.export({ type: 'pkcs8', format: 'pem' }), { mode: 0o600 });
  const audit = { signingKey, trustedPublicKeys: [...system.secrets.audit.trustedPublicKeys, old] };
  const checkpoint = await createCheckpoint(system.database.db, audit);
  log(
    `new signing key ${keyIdOf(signingKey)}; retired ${keyIdOf(old)} (still trusted)${checkpoint ? `; signed #${checkpoint.seq}` : ''}`,
  );
}
