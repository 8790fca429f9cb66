/**
 * The Merkle audit log over real HTTP on both engines: inclusion and consistency proofs through the typed client and
 * REST, checked with the browser-safe verifier against the published keys; a witness run as a separate process
 * (`chengxin audit witness`) following the checkpoint feed, cosigning, and refusing a rewritten history; verification
 * requiring its cosignature; credit reports carrying proofs, checked offline (library and CLI) and named when altered.
 */
import { execFile } from 'node:child_process';
import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { rows } from '@chengxin/db';
import { testEngines } from '@chengxin/db/testing';
import {
  createCheckpoint,
  createDraft,
  leafTextOf,
  leafHashOf,
  logOrigin,
  parseWitnessKey,
  signatureLine,
  transition,
  TEST_SECRETS,
  verifyAudit,
  witnessVerifierKey,
} from '@chengxin/kernel';
import { testContext } from '@chengxin/kernel/testing';
import {
  fromHex,
  parseCheckpoint,
  parseVerifierKey,
  verifyConsistency,
  verifyInclusion,
  verifyNote,
  verifyReportOffline,
} from '@chengxin/contract/tlog';
import { createClient } from '@chengxin/client';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../testing';

const run = promisify(execFile);
const ROOT = fileURLToPath(new URL('../../../../', import.meta.url));
const cli = (...args: string[]) =>
  run('npx', ['tsx', 'apps/server/src/cli.ts', ...args], { cwd: ROOT, timeout: 120_000 }).then(
    (r) => ({ code: 0, out: r.stdout }),
    (e: { code: number; stdout: string; stderr: string }) => ({ code: e.code, out: `${e.stdout}${e.stderr}` }),
  );

const penalty = (orgId: string, no: string) => ({
  subject: { kind: 'org' as const, orgId },
  linkTo: [],
  payload: { penaltyCategories: ['warning'], penaltyContent: '警告' },
  typeKey: 'administrative_penalty',
  severity: 'ordinary' as const,
  facts: '逾期未支付中小企业款项',
  legalBasis: '《保障中小企业款项支付条例》第八条',
  decisionNo: no,
  decisionDate: '2025-05-20',
  issuingAuthority: '天津市财政局',
  disclosureScope: 'public' as const,
});

describe.each(testEngines())('the Merkle audit log over HTTP on %s', (engine) => {
  let t: TestServer;
  let logKey: string;
  const state = mkdtempSync(join(tmpdir(), 'chengxin-witness-'));
  const witnessPem = generateKeyPairSync('ed25519').privateKey;
  const witnessKey = witnessVerifierKey('witness.test', witnessPem);

  const publish = async (no: string) => {
    const ctx = testContext(t.database);
    const r = await createDraft(ctx, penalty(t.fixture.hexiFinance, no));
    for (const step of ['submit', 'approve', 'publish'] as const) await transition(ctx, step, r.id);
    return r.id;
  };

  beforeAll(async () => {
    t = await startTestServer(engine);
    writeFileSync(join(state, 'witness.pem'), witnessPem.export({ type: 'pkcs8', format: 'pem' }));
    process.env['CHENGXIN_WITNESS_KEYS'] = witnessKey;
    await publish('津财罚〔2025〕101号');
    await createCheckpoint(t.database.db, TEST_SECRETS.audit);
    logKey = (await createClient(t.url).kernel.audit.verifierKeys.query()).keys[0]!;
  }, 120_000);
  afterAll(async () => {
    delete process.env['CHENGXIN_WITNESS_KEYS'];
    rmSync(state, { recursive: true, force: true });
    await t?.close();
  });

  it('serves an inclusion proof (tRPC and REST) that verifies against the signed checkpoint and the published key', async () => {
    const api = createClient(t.url);
    const [entry] = await rows<Record<string, unknown>>(
      t.database.db,
      sql`select seq, to_json(at)#>>'{}' as at, actor_id::text, actor_name, action, entity, entity_id, detail_digest, before_digest, after_digest, prev_hash, leaf_index
      from kernel.audit_log where action = 'record.publish' order by seq desc limit 1`,
    );
    const leafIndex = Number(entry!['leaf_index']);
    const proof = await api.kernel.audit.inclusionProof.query({ leafIndex });
    const rest = (await (await fetch(`${t.url}/api/v1/audit/proofs/inclusion?leafIndex=${leafIndex}`)).json()) as {
      path: string[];
    };
    expect(rest.path).toEqual(proof.path);
    const note = await verifyNote(proof.checkpoint, [await parseVerifierKey(logKey)]);
    expect(note.verified).toEqual([logOrigin()]);
    const cp = parseCheckpoint(note.text);
    const leaf = leafHashOf(
      leafTextOf({
        seq: Number(entry!['seq']),
        at: String(entry!['at']),
        actorId: entry!['actor_id'] as string | null,
        actorName: entry!['actor_name'] as string | null,
        action: String(entry!['action']),
        entity: String(entry!['entity']),
        entityId: String(entry!['entity_id']),
        detailDigest: String(entry!['detail_digest']),
        beforeDigest: entry!['before_digest'] as string | null,
        afterDigest: entry!['after_digest'] as string | null,
        prevHash: entry!['prev_hash'] as string | null,
      }),
    );
    expect(await verifyInclusion(leafIndex, cp.size, leaf, proof.path.map(fromHex), cp.rootHash)).toBe(true);
    // A leaf past the tree is the caller's error, named, not a 500.
    const bad = await fetch(`${t.url}/api/v1/audit/proofs/inclusion?leafIndex=${cp.size + 5}`);
    expect(bad.status).toBe(400);
    expect(await bad.text()).toContain('AUDIT_SIZE_OUT_OF_RANGE');
  });

  it('a witness process cosigns, checks consistency with what it saw, and verification can require its cosignature', async () => {
    const first = await cli(
      'audit',
      'witness',
      '--log',
      t.url,
      '--log-key',
      logKey,
      '--state',
      state,
      '--name',
      'witness.test',
      '--once',
    );
    expect(first.out).toContain('cosigned size');
    const before = (await createClient(t.url).kernel.audit.checkpoints.query({ limit: 1 }))[0]!;
    await publish('津财罚〔2025〕102号');
    const after = await createCheckpoint(t.database.db, TEST_SECRETS.audit);
    const consistency = await createClient(t.url).kernel.audit.consistencyProof.query({ from: before.seq });
    expect(consistency.to).toBe(after!.seq);
    expect(
      await verifyConsistency(
        before.seq,
        after!.seq,
        consistency.path.map(fromHex),
        fromHex(before.headHash),
        fromHex(after!.headHash),
      ),
    ).toBe(true);
    const second = await cli(
      'audit',
      'witness',
      '--log',
      t.url,
      '--log-key',
      logKey,
      '--state',
      state,
      '--name',
      'witness.test',
      '--once',
    );
    expect(second.out).toContain(`cosigned size ${after!.seq}`);
    const cosigned = (await (await fetch(`${t.url}/api/v1/audit/checkpoints/${after!.seq}/cosigned`)).json()) as {
      note: string;
    };
    expect(cosigned.note).toContain('— witness.test ');
    const required = { requireWitnesses: [parseWitnessKey(witnessKey)] };
    expect((await verifyAudit(t.database.db, TEST_SECRETS.audit, 20, required)).problems).toEqual([]);
    const stranger = witnessVerifierKey('other.witness', generateKeyPairSync('ed25519').privateKey);
    expect(
      (
        await verifyAudit(t.database.db, TEST_SECRETS.audit, 20, { requireWitnesses: [parseWitnessKey(stranger)] })
      ).problems.map((p) => p.kind),
    ).toEqual(['witness_missing']);

    // The operator rewrites history: a new checkpoint whose tree does not extend the one the witness cosigned.
    await publish('津财罚〔2025〕103号');
    const next = await createCheckpoint(t.database.db, TEST_SECRETS.audit);
    const forgedRoot = 'ef'.repeat(32);
    const text = `${logOrigin()}\n${next!.seq}\n${Buffer.from(forgedRoot, 'hex').toString('base64')}\n`;
    await t.database.db.execute(
      sql`update kernel.audit_checkpoint set head_hash = ${forgedRoot}, note = ${`${text}\n${signatureLine(logOrigin(), TEST_SECRETS.audit.signingKey, text)}`} where seq = ${next!.seq}`,
    );
    const refused = await cli(
      'audit',
      'witness',
      '--log',
      t.url,
      '--log-key',
      logKey,
      '--state',
      state,
      '--name',
      'witness.test',
      '--once',
    );
    expect(refused.code).not.toBe(0);
    expect(refused.out).toContain('history rewritten');
    await t.database.db.execute(sql`delete from kernel.audit_checkpoint where seq = ${next!.seq}`);
    await createCheckpoint(t.database.db, TEST_SECRETS.audit);
  }, 300_000);

  it('a credit report carries proofs that verify offline, and names each alteration (library and CLI)', async () => {
    await createCheckpoint(t.database.db, TEST_SECRETS.audit);
    const report = await createClient(t.url).kernel.public.report.query({ orgId: t.fixture.hexiFinance });
    expect(report.records.length).toBeGreaterThan(1);
    expect(report.log?.proofs).toHaveLength(report.records.length);
    const keys = [logKey];
    expect(await verifyReportOffline(report, keys)).toMatchObject({ ok: true, proven: report.records.length });
    const clone = () => JSON.parse(JSON.stringify(report)) as typeof report;

    const altered = clone();
    altered.log!.proofs[0]!.entry.afterDigest = 'a'.repeat(64);
    expect((await verifyReportOffline(altered, keys)).problems.map((p) => p.code)).toEqual(['inclusion']);
    const unproven = clone();
    unproven.log!.proofs.pop();
    expect((await verifyReportOffline(unproven, keys)).problems.map((p) => p.code)).toEqual(['record_unproven']);
    const resigned = clone();
    const text = resigned.log!.checkpoint.slice(0, resigned.log!.checkpoint.lastIndexOf('\n\n') + 1);
    resigned.log!.checkpoint = `${text}\n${signatureLine(logOrigin(), generateKeyPairSync('ed25519').privateKey, text)}`;
    expect((await verifyReportOffline(resigned, keys)).problems.map((p) => p.code)).toEqual(['checkpoint_signature']);

    const dir = mkdtempSync(join(tmpdir(), 'chengxin-report-'));
    try {
      writeFileSync(join(dir, 'keys.txt'), `${logKey}\n`);
      writeFileSync(join(dir, 'report.json'), JSON.stringify(report));
      writeFileSync(join(dir, 'altered.json'), JSON.stringify(altered));
      const good = await cli('audit', 'verify-report', join(dir, 'report.json'), '--keys', join(dir, 'keys.txt'));
      expect(good.out).toContain('离线验证通过 verified offline');
      expect(good.code).toBe(0);
      const bad = await cli('audit', 'verify-report', join(dir, 'altered.json'), '--keys', join(dir, 'keys.txt'));
      expect(bad.code).toBe(2);
      expect(bad.out).toContain('inclusion');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 300_000);
});
