import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { rows } from '@chengxin/db';
import type { TestDatabase } from '@chengxin/db/testing';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { KernelContext } from '../core';
import { TEST_SECRETS } from '../core';
import { buildFixture, migratedTestDatabase, testContext, testEngines, type Fixture } from '../core/testing';
import { createDraft, transition } from '../records';
import { generateKeyPairSync } from 'node:crypto';
import { canonicalJson, entryHash, leafTextOf, sha256, type AuditEntry } from './chain';
import { checkpointSignatureValid, createCheckpoint, listCheckpoints, logOrigin, signatureLine } from './checkpoint';
import { appendLeaves, leafHashOf, foldRange } from './tree';
import { verifyAudit } from './verify';
import { publishCheckpoint, readCheckpoints } from './witness';
import { sealAuditMacs } from './mac';

/**
 * The attacks of a security review, each by an insider with SQL access but without the data key or the signing key.
 * Before entry MACs and anchors outside the database, every one of them left `audit verify` passing.
 */
const keys = TEST_SECRETS.audit;
const later = (minutes: number) => new Date(Date.now() + minutes * 60_000);

type Row = {
  seq: string | number;
  at: string;
  actor_id: string | null;
  actor_name: string | null;
  action: string;
  entity: string;
  entity_id: string;
  detail_digest: string;
  before_digest: string | null;
  after_digest: string | null;
  prev_hash: string | null;
  hash: string;
  leaf_index: string | number | null;
};
const asEntry = (r: Row, prevHash: string | null): AuditEntry => ({
  seq: Number(r.seq),
  at: r.at,
  actorId: r.actor_id,
  actorName: r.actor_name,
  action: r.action,
  entity: r.entity,
  entityId: r.entity_id,
  detailDigest: r.detail_digest,
  beforeDigest: r.before_digest,
  afterDigest: r.after_digest,
  prevHash,
});

describe.each(testEngines())('audit tampering by an insider without keys on %s', (engine) => {
  let database: TestDatabase;
  let ctx: KernelContext;
  let f: Fixture;
  let recordId: string;
  let snapshot: { log: string; checkpoints: string; record: string; versions: string; nodes: string; tree: string };
  // The tree head as it stood before the last 4 entries (what an insider could have kept to roll back to).
  let earlierTree: string;
  const one = async <T>(q: ReturnType<typeof sql>) => (await rows<T>(database.db, q))[0]!;

  beforeAll(async () => {
    database = await migratedTestDatabase(engine);
    ctx = testContext(database);
    f = await buildFixture(ctx);
    recordId = (
      await createDraft(ctx, {
        subject: { kind: 'org', orgId: f.hexiFinance },
        linkTo: [],
        payload: { penaltyCategories: ['warning'], penaltyContent: '警告' },
        typeKey: 'administrative_penalty',
        severity: 'ordinary',
        facts: '逾期未支付中小企业款项',
        legalBasis: '《保障中小企业款项支付条例》第八条',
        decisionNo: '津财罚〔2025〕9号',
        decisionDate: '2025-05-20',
        issuingAuthority: '天津市财政局',
        disclosureScope: 'public',
      })
    ).id;
    for (const step of ['submit', 'approve', 'publish'] as const) await transition(ctx, step, recordId);
    await createCheckpoint(database.db, keys);
    earlierTree = (await one<{ j: string }>(sql`select row_to_json(t)::text as j from kernel.audit_tree t`)).j;
    // Writes after the last checkpoint, none of them a record write: the tail an attacker would cut.
    for (let i = 0; i < 4; i++)
      await ctx.db.transaction((tx) =>
        import('../core').then((m) => m.audit(tx, ctx, 'user.login', 'app_user', `u${i}`, {})),
      );
    snapshot = {
      log: (
        await one<{ j: string }>(
          sql`select coalesce(json_agg(a order by seq), '[]')::text as j from kernel.audit_log a`,
        )
      ).j,
      checkpoints: (
        await one<{ j: string }>(sql`select coalesce(json_agg(c), '[]')::text as j from kernel.audit_checkpoint c`)
      ).j,
      record: (
        await one<{ j: string }>(
          sql`select row_to_json(r)::text as j from kernel.credit_record r where id = ${recordId}`,
        )
      ).j,
      versions: (
        await one<{ j: string }>(
          sql`select json_agg(v)::text as j from kernel.credit_record_version v where record_id = ${recordId}`,
        )
      ).j,
      nodes: (
        await one<{ j: string }>(
          sql`select coalesce(json_agg(json_build_object('level', level, 'idx', idx, 'hash', encode(hash, 'hex'))), '[]')::text as j from kernel.audit_tree_node`,
        )
      ).j,
      tree: (await one<{ j: string }>(sql`select row_to_json(t)::text as j from kernel.audit_tree t`)).j,
    };
  }, 60_000);
  afterAll(async () => database?.dispose());

  // Each attack starts from the same honest state.
  beforeEach(async () => {
    await database.db.execute(sql`delete from kernel.audit_log`);
    await database.db.execute(
      sql`insert into kernel.audit_log select * from json_populate_recordset(null::kernel.audit_log, ${snapshot.log}::json)`,
    );
    await database.db.execute(sql`delete from kernel.audit_checkpoint`);
    await database.db.execute(
      sql`insert into kernel.audit_checkpoint select * from json_populate_recordset(null::kernel.audit_checkpoint, ${snapshot.checkpoints}::json)`,
    );
    await database.db.execute(sql`delete from kernel.audit_tree_node`);
    await database.db.execute(
      sql`insert into kernel.audit_tree_node select level, idx, decode(hash, 'hex') from json_to_recordset(${snapshot.nodes}::json) as t(level smallint, idx bigint, hash text)`,
    );
    await restoreTree(snapshot.tree);
    await database.db.execute(sql`delete from kernel.credit_record_version where record_id = ${recordId}`);
    await database.db.execute(
      sql`insert into kernel.credit_record_version select * from json_populate_recordset(null::kernel.credit_record_version, ${snapshot.versions}::json)`,
    );
    await database.db.execute(
      sql`update kernel.credit_record r set status = s.status from json_populate_record(null::kernel.credit_record, ${snapshot.record}::json) s where r.id = s.id`,
    );
    expect((await verifyAudit(database.db, keys)).problems).toEqual([]);
  });

  const restoreTree = (json: string) =>
    database.db.execute(
      sql`update kernel.audit_tree t set size = s.size, root_hash = s.root_hash, at = s.at, legacy_head = s.legacy_head, mac = s.mac from json_populate_record(null::kernel.audit_tree, ${json}::json) s where t.id = s.id`,
    );
  const readLog = () =>
    rows<Row>(
      database.db,
      sql`select seq, to_json(at)#>>'{}' as at, actor_id, actor_name, action, entity, entity_id, detail_digest, before_digest, after_digest, prev_hash, hash, leaf_index from kernel.audit_log order by seq`,
    );
  const tamperedNote = (size: number, root: string, key = generateKeyPairSync('ed25519').privateKey) => {
    const text = `${logOrigin()}\n${size}\n${Buffer.from(root, 'hex').toString('base64')}\n`;
    return `${text}\n${signatureLine(logOrigin(), key, text)}`;
  };

  it('fails when a record is changed and one forged, correctly chained entry is appended for it', async () => {
    await database.db.execute(
      sql`update kernel.credit_record_version set facts = '（已删改）' where record_id = ${recordId}`,
    );
    const [head] = (await readLog()).filter((r) => r.entity === 'credit_record').slice(-1);
    const last = (await readLog()).slice(-1)[0]!;
    const digest = (await one<{ d: string }>(sql`select kernel.record_digest(${recordId}::uuid) as d`)).d;
    const forged: AuditEntry = {
      seq: Number(last.seq) + 1,
      at: new Date().toISOString(),
      actorId: null,
      actorName: 'officer',
      action: 'record.correct',
      entity: 'credit_record',
      entityId: recordId,
      detailDigest: sha256(canonicalJson({})),
      beforeDigest: head!.after_digest,
      afterDigest: digest,
      prevHash: null,
    };
    await database.db
      .execute(sql`insert into kernel.audit_log (seq, at, actor_name, action, entity, entity_id, detail, detail_digest, before_digest, after_digest, hash)
      values (${forged.seq}, ${forged.at}::timestamptz, 'officer', 'record.correct', 'credit_record', ${recordId}, '{}'::jsonb, ${forged.detailDigest}, ${forged.beforeDigest}, ${forged.afterDigest}, ${entryHash(forged)})`);
    const report = await verifyAudit(database.db, keys);
    expect(report.ok).toBe(false);
    // The entry's hash and the record state agree with the forgery; only the MAC gives it away.
    expect(report.problems.map((p) => p.kind)).toEqual(['mac']);
    expect(report.problems[0]).toMatchObject({ seq: forged.seq });
    // A MAC copied from another entry does not fit either.
    await database.db.execute(
      sql`update kernel.audit_log set mac = (select mac from kernel.audit_log where seq = 1) where seq = ${forged.seq}`,
    );
    expect((await verifyAudit(database.db, keys)).problems[0]).toMatchObject({ seq: forged.seq, kind: 'mac' });
  });

  it('fails when every checkpoint is deleted and the tree rebuilt without an entry', async () => {
    // Drop an embarrassing entry, renumber the leaves after it and rebuild every tree node and the head, then remove
    // the checkpoints that would disagree: the entries' own hashes and MACs still hold.
    await createCheckpoint(database.db, keys);
    const target = await one<{ seq: string; leaf_index: string }>(
      sql`select seq, leaf_index from kernel.audit_log where action = 'record.approve'`,
    );
    await database.db.execute(sql`delete from kernel.audit_checkpoint`);
    await database.db.execute(sql`delete from kernel.audit_log where seq = ${target.seq}`);
    await database.db.execute(
      sql`update kernel.audit_log set leaf_index = leaf_index + 1000000 where leaf_index > ${target.leaf_index}`,
    );
    await database.db.execute(
      sql`update kernel.audit_log set leaf_index = leaf_index - 1000001 where leaf_index > 1000000`,
    );
    const log = (await readLog()).sort((x, y) => Number(x.leaf_index) - Number(y.leaf_index));
    const grown = appendLeaves(
      0,
      new Map(),
      log.map((r) => leafHashOf(leafTextOf(asEntry(r, r.prev_hash)))),
    );
    await database.db.execute(sql`delete from kernel.audit_tree_node`);
    for (const n of grown.nodes)
      await database.db.execute(
        sql`insert into kernel.audit_tree_node (level, idx, hash) values (${n.level}, ${n.idx}, decode(${n.hash.toString('hex')}, 'hex'))`,
      );
    const root = foldRange(new Map(grown.nodes.map((n) => [`${n.level}:${n.idx}`, n.hash])), 0, grown.size);
    await database.db.execute(
      sql`update kernel.audit_tree set size = ${grown.size}, root_hash = ${root.toString('hex')}`,
    );
    const report = await verifyAudit(database.db, keys);
    expect(report.ok).toBe(false);
    expect(report.problems.map((p) => p.kind)).toEqual(['tree']);
    // Even judged without the MAC key, a log with no checkpoint older than the interval fails.
    const withoutMac = { signingKey: keys.signingKey, trustedPublicKeys: keys.trustedPublicKeys };
    expect((await verifyAudit(database.db, withoutMac, 20, { now: later(60) })).problems.map((p) => p.kind)).toContain(
      'checkpoint_missing',
    );
  });

  it('fails when only the checkpoints are deleted, once the checkpoint interval has passed', async () => {
    await database.db.execute(sql`delete from kernel.audit_checkpoint`);
    expect((await verifyAudit(database.db, keys)).ok).toBe(true); // inside the interval: the signer may not have run yet
    const report = await verifyAudit(database.db, keys, 20, { now: later(31) });
    expect(report.problems).toHaveLength(1);
    expect(report.problems[0]).toMatchObject({ leafIndex: 0, kind: 'checkpoint_missing' });
  });

  it('fails when the newest checkpoint is older than the interval allows', async () => {
    const report = await verifyAudit(database.db, keys, 20, { now: later(31) });
    const covered = (await one<{ s: string }>(sql`select max(seq) as s from kernel.audit_checkpoint`)).s;
    expect(report.problems).toEqual([
      expect.objectContaining({ leafIndex: Number(covered), kind: 'checkpoint_stale' }),
    ]);
    await createCheckpoint(database.db, keys);
    expect((await verifyAudit(database.db, keys, 20, { now: later(31) })).ok).toBe(true);
  });

  it('fails when the last 4 (non-record) entries are deleted and a checkpoint held outside the database covers them', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'chengxin-witness-'));
    try {
      const published = await createCheckpoint(database.db, keys);
      publishCheckpoint(dir, published!);
      // The insider cuts the tail, the tree above it and the database's own checkpoint of it, and puts back the tree
      // head he kept from before those entries: what the database still holds is consistent.
      const cut = published!.seq - 4;
      await database.db.execute(sql`delete from kernel.audit_log where leaf_index >= ${cut}`);
      await database.db.execute(sql`delete from kernel.audit_checkpoint where seq > ${cut}`);
      await database.db.execute(
        sql`delete from kernel.audit_tree_node where (idx + 1) * (1::bigint << level) > ${cut}`,
      );
      await restoreTree(earlierTree);
      expect((await verifyAudit(database.db, keys)).ok).toBe(true);
      const external = await readCheckpoints(dir);
      expect(external).toHaveLength(1);
      const report = await verifyAudit(database.db, keys, 20, { external });
      expect(report.problems).toEqual([expect.objectContaining({ seq: published!.seq, kind: 'truncated' })]);
      expect(report.externalCheckpoints).toBe(1);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('fails when the log was rewritten under a checkpoint held outside, and refuses a held copy with a forged signature', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'chengxin-witness-'));
    try {
      const published = await createCheckpoint(database.db, keys);
      publishCheckpoint(dir, published!);
      await database.db.execute(
        sql`update kernel.audit_log set actor_name = 'someone-else' where leaf_index = ${published!.seq - 1}`,
      );
      await database.db.execute(sql`delete from kernel.audit_checkpoint`);
      const report = await verifyAudit(database.db, keys, 20, { external: await readCheckpoints(dir) });
      expect(report.problems.map((p) => p.kind)).toContain('checkpoint_mismatch');
      const file = join(dir, 'forged.json');
      writeFileSync(file, JSON.stringify({ ...published!, seq: published!.seq + 100 }));
      const forged = await verifyAudit(database.db, keys, 20, { external: await readCheckpoints(file) });
      expect(forged.problems.map((p) => p.kind)).toContain('checkpoint_signature');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('seals a log from before MACs once, and never honours a later legacy mark', async () => {
    // As migration 0018 leaves an existing log: every entry marked legacy, no seal entry yet.
    await database.db.execute(sql`update kernel.audit_log set mac = 'legacy'`);
    expect((await verifyAudit(database.db, keys)).problems[0]).toMatchObject({ kind: 'mac' });
    expect(await sealAuditMacs(database.db, keys.macKey!)).toBeGreaterThan(5);
    expect((await verifyAudit(database.db, keys)).problems).toEqual([]);
    // An insider marks an entry legacy to get it MACed at the next start: it is not.
    await database.db.execute(sql`update kernel.audit_log set mac = 'legacy' where seq = 3`);
    expect(await sealAuditMacs(database.db, keys.macKey!)).toBe(0);
    expect((await verifyAudit(database.db, keys)).problems).toEqual([expect.objectContaining({ seq: 3, kind: 'mac' })]);
  });

  it('fails when the MAC of an honest entry is blanked (no silent re-sealing)', async () => {
    await database.db.execute(sql`update kernel.audit_log set mac = null where seq = 2`);
    expect((await verifyAudit(database.db, keys)).problems).toEqual([expect.objectContaining({ seq: 2, kind: 'mac' })]);
  });

  it('names a checkpoint re-signed with a key nobody trusts, in the database and held outside', async () => {
    const [newest] = await listCheckpoints(database.db, 1);
    // The insider rewrites the head (a different root) and signs it with his own key under the log's name.
    const forgedRoot = 'ab'.repeat(32);
    const note = tamperedNote(newest!.seq, forgedRoot);
    await database.db.execute(
      sql`update kernel.audit_checkpoint set head_hash = ${forgedRoot}, note = ${note} where seq = ${newest!.seq}`,
    );
    const report = await verifyAudit(database.db, keys);
    expect(report.problems.map((p) => p.kind)).toEqual(['checkpoint_signature', 'checkpoint_mismatch']);
    expect(report.problems[0]).toMatchObject({ seq: newest!.seq });
    expect(checkpointSignatureValid({ ...newest!, headHash: forgedRoot, note }, keys)).toBe(false);
  });

  it('names a log row deleted after it was placed in the tree, and an altered tree node', async () => {
    await createCheckpoint(database.db, keys);
    const victim = await one<{ leaf_index: string }>(
      sql`select leaf_index from kernel.audit_log where action = 'record.submit'`,
    );
    await database.db.execute(sql`delete from kernel.audit_log where leaf_index = ${victim.leaf_index}`);
    expect((await verifyAudit(database.db, keys)).problems).toEqual([
      expect.objectContaining({ kind: 'gap', leafIndex: Number(victim.leaf_index) }),
    ]);
  });

  it('names a tree node altered in SQL (proofs served from it would not verify)', async () => {
    await createCheckpoint(database.db, keys);
    await database.db.execute(
      sql`update kernel.audit_tree_node set hash = decode(${'cd'.repeat(32)}, 'hex') where level = 1 and idx = 1`,
    );
    expect((await verifyAudit(database.db, keys)).problems).toEqual([
      expect.objectContaining({ kind: 'tree', leafIndex: 2 }),
    ]);
  });

  it('names a single version row deleted in SQL, and a whole credit record deleted in SQL', async () => {
    await database.db.execute(
      sql`delete from kernel.credit_record_version where record_id = ${recordId} and version = (select max(version) from kernel.credit_record_version where record_id = ${recordId})`,
    );
    const one_ = await verifyAudit(database.db, keys);
    expect(one_.problems).toEqual([expect.objectContaining({ kind: 'record_state' })]);
    const events = (
      await one<{ j: string }>(
        sql`select json_agg(e)::text as j from kernel.record_event e where record_id = ${recordId}`,
      )
    ).j;
    await database.db.execute(sql`delete from kernel.record_event where record_id = ${recordId}`);
    await database.db.execute(sql`delete from kernel.credit_record_version where record_id = ${recordId}`);
    await database.db.execute(sql`delete from kernel.credit_record where id = ${recordId}`);
    const report = await verifyAudit(database.db, keys);
    expect(report.problems).toEqual([expect.objectContaining({ kind: 'record_state' })]);
    expect(report.problems[0]!.messageEn).toContain(`${recordId} is in the log but no longer in the database`);
    await database.db.execute(
      sql`insert into kernel.credit_record select * from json_populate_record(null::kernel.credit_record, ${snapshot.record}::json)`,
    );
    await database.db.execute(
      sql`insert into kernel.record_event select * from json_populate_recordset(null::kernel.record_event, ${events}::json)`,
    );
  });
});
