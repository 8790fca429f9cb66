import { generateKeyPairSync } from 'node:crypto';
import type { TestDatabase } from '@chengxin/db/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyAudit } from '../audit';
import { kernelContext, deriveSecrets, TEST_SECRETS } from '../core';
import { buildFixture, migratedTestDatabase, testAdmin, testContext, testEngines, type Fixture } from '../core/testing';
import { rotateDataKey } from './key-rotation';
import { findPersonByIdNumber, revealPersonIdNumber } from '../registry';

describe.each(testEngines())('data key rotation on %s', (engine) => {
  let database: TestDatabase;
  let f: Fixture;
  beforeAll(async () => {
    database = await migratedTestDatabase(engine);
    f = await buildFixture(testContext(database));
  }, 60_000);
  afterAll(async () => database?.dispose());

  it('re-encrypts every ID number under the new keys in one audited transaction', async () => {
    const next = deriveSecrets(Buffer.alloc(32, 9), {
      signingKey: generateKeyPairSync('ed25519').privateKey,
      trustedPublicKeys: [],
    });
    expect(await rotateDataKey(database.db, TEST_SECRETS, next, testAdmin)).toBe(2);
    const withNew = kernelContext(database.db, next, testAdmin);
    expect((await findPersonByIdNumber(withNew, f.officialIdNumber))?.id).toBe(f.official);
    expect((await revealPersonIdNumber(withNew, f.official, '核对')).idNumber).toBe(f.officialIdNumber);
    // The old keys no longer find anyone: the lookup hashes moved with the ciphertexts.
    expect(await findPersonByIdNumber(testContext(database), f.officialIdNumber)).toBeNull();
    // The audit MACs moved to the new data key too (audit/mac.ts): the old key no longer verifies them.
    expect((await verifyAudit(database.db, next.audit)).ok).toBe(true);
    expect((await verifyAudit(database.db, TEST_SECRETS.audit)).problems[0]).toMatchObject({ kind: 'mac' });
  });
});
