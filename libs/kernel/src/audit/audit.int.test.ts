import { generateKeyPairSync } from 'node:crypto';
import { rows } from '@chengxin/db';
import type { TestDatabase } from '@chengxin/db/testing';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { KernelContext } from '../core';
import { TEST_SECRETS } from '../core';
import { createDraft, transition } from '../records';
import { buildFixture, migratedTestDatabase, testContext, testEngines, type Fixture } from '../core/testing';
import { createCheckpoint, listCheckpoints } from './checkpoint';
import { redactAuditDetails, verifyAudit } from './verify';

const keys = TEST_SECRETS.audit;
const draft = (ctx: KernelContext, orgId: string, no: string) =>
  createDraft(ctx, {
    subject: { kind: 'org', orgId },
    linkTo: [],
    payload: { penaltyCategories: ['warning'], penaltyContent: '警告' },
    typeKey: 'administrative_penalty',
    severity: 'ordinary',
    facts: '逾期未支付中小企业款项',
    legalBasis: '《保障中小企业款项支付条例》第八条',
    decisionNo: no,
    decisionDate: '2025-05-20',
    issuingAuthority: '天津市财政局',
    disclosureScope: 'public',
  });

describe.each(testEngines())('tamper-evident audit log on %s', (engine) => {
  let database: TestDatabase;
  let ctx: KernelContext;
  let f: Fixture;
  let recordId: string;
  const one = async <T>(q: ReturnType<typeof sql>) => (await rows<T>(database.db, q))[0]!;

  beforeAll(async () => {
    database = await migratedTestDatabase(engine);
    ctx = testContext(database);
    f = await buildFixture(ctx);
    recordId = (await draft(ctx, f.hexiFinance, '津财罚〔2025〕1号')).id;
    await transition(ctx, 'submit', recordId);
    await transition(ctx, 'approve', recordId);
    await transition(ctx, 'publish', recordId);
  }, 60_000);
  afterAll(async () => database?.dispose());

  it('chains every write, in order, with the record state digested, and verifies clean', async () => {
    const report = await verifyAudit(database.db, keys);
    expect(report.problems).toEqual([]);
    expect(report.ok).toBe(true);
    expect(report.entries).toBeGreaterThan(8);
    expect(report.recordsChecked).toBe(1);
    const entries = await rows<{ action: string; before_digest: string | null; after_digest: string | null }>(
      database.db,
      sql`
      select action, before_digest, after_digest from kernel.audit_log where entity = 'credit_record' order by seq`,
    );
    expect(entries.map((e) => e.action)).toEqual([
      'record.create',
      'record.submit',
      'record.approve',
      'record.publish',
    ]);
    // Each transition's "before" is the previous write's "after".
    for (let i = 1; i < entries.length; i++) expect(entries[i]!.before_digest).toBe(entries[i - 1]!.after_digest);
  });

  it('keeps one linear chain under concurrent writers', async () => {
    await Promise.all(Array.from({ length: 8 }, (_, i) => draft(ctx, f.nankai, `南开罚〔2025〕${i + 10}号`)));
    const report = await verifyAudit(database.db, keys);
    expect(report.ok).toBe(true);
    expect(report.recordsChecked).toBe(9);
  });

  it('signs checkpoints that verify, and detects one signed by a key nobody trusts', async () => {
    const checkpoint = await createCheckpoint(database.db, keys);
    expect(checkpoint).not.toBeNull();
    expect(await createCheckpoint(database.db, keys)).toBeNull(); // the head is already signed
    expect((await listCheckpoints(database.db, 10))[0]).toMatchObject({
      seq: checkpoint!.seq,
      headHash: checkpoint!.headHash,
    });
    expect((await verifyAudit(database.db, keys)).checkpoints).toBe(1);
    const stranger = { signingKey: generateKeyPairSync('ed25519').privateKey, trustedPublicKeys: [] };
    const report = await verifyAudit(database.db, stranger);
    expect(report.problems[0]).toMatchObject({ seq: checkpoint!.seq, kind: 'checkpoint_signature' });
  });

  it('names the entry whose detail was changed in SQL', async () => {
    const target = await one<{ seq: string; detail: unknown }>(
      sql`select seq, detail::text as detail from kernel.audit_log where action = 'record.approve'`,
    );
    await database.db.execute(
      sql`update kernel.audit_log set detail = '{"from":"draft","to":"approved"}'::jsonb where seq = ${target.seq}`,
    );
    const report = await verifyAudit(database.db, keys);
    expect(report.ok).toBe(false);
    expect(report.problems[0]).toMatchObject({ seq: Number(target.seq), kind: 'detail' });
    await database.db.execute(
      sql`update kernel.audit_log set detail = ${target.detail}::jsonb where seq = ${target.seq}`,
    );
    expect((await verifyAudit(database.db, keys)).ok).toBe(true);
  });

  it('names the entry whose actor was changed in SQL', async () => {
    const target = await one<{ seq: string; actor_name: string }>(
      sql`select seq, actor_name from kernel.audit_log where action = 'record.publish'`,
    );
    await database.db.execute(sql`update kernel.audit_log set actor_name = 'someone-else' where seq = ${target.seq}`);
    expect((await verifyAudit(database.db, keys)).problems[0]).toMatchObject({ seq: Number(target.seq), kind: 'hash' });
    await database.db.execute(
      sql`update kernel.audit_log set actor_name = ${target.actor_name} where seq = ${target.seq}`,
    );
  });

  it('detects a deleted entry, and a truncated log against the signed checkpoint', async () => {
    const row = await one<Record<string, unknown>>(
      sql`select row_to_json(a)::text as j, leaf_index from kernel.audit_log a where seq = 3`,
    );
    await database.db.execute(sql`delete from kernel.audit_log where seq = 3`);
    expect((await verifyAudit(database.db, keys)).problems[0]).toMatchObject({
      leafIndex: Number(row['leaf_index']),
      kind: 'gap',
    });
    await database.db.execute(
      sql`insert into kernel.audit_log select * from json_populate_record(null::kernel.audit_log, ${String(row['j'])}::json)`,
    );
    expect((await verifyAudit(database.db, keys)).ok).toBe(true);

    const [head] = await listCheckpoints(database.db, 1);
    const tail = await rows<Record<string, unknown>>(
      database.db,
      sql`select row_to_json(a)::text as j from kernel.audit_log a where leaf_index >= ${head!.seq - 2} order by seq`,
    );
    await database.db.execute(sql`delete from kernel.audit_log where leaf_index >= ${head!.seq - 2}`);
    const report = await verifyAudit(database.db, keys);
    expect(report.problems.map((p) => p.kind)).toContain('truncated');
    for (const r of tail)
      await database.db.execute(
        sql`insert into kernel.audit_log select * from json_populate_record(null::kernel.audit_log, ${String(r['j'])}::json)`,
      );
    expect((await verifyAudit(database.db, keys)).ok).toBe(true);
  });

  it('detects a record changed outside the services, naming the audit entry it no longer matches', async () => {
    const latest = await one<{ seq: string }>(
      sql`select max(seq) as seq from kernel.audit_log where entity = 'credit_record' and entity_id = ${recordId}`,
    );
    await database.db.execute(
      sql`update kernel.credit_record_version set facts = '（已删改）' where record_id = ${recordId}`,
    );
    const report = await verifyAudit(database.db, keys);
    expect(report.problems).toHaveLength(1);
    expect(report.problems[0]).toMatchObject({ seq: Number(latest.seq), kind: 'record_state' });
    expect(report.problems[0]!.messageZh).toContain(recordId);
    await database.db.execute(
      sql`update kernel.credit_record_version set facts = '逾期未支付中小企业款项' where record_id = ${recordId}`,
    );
    await database.db.execute(sql`update kernel.credit_record set status = 'revoked' where id = ${recordId}`);
    expect((await verifyAudit(database.db, keys)).problems[0]).toMatchObject({
      seq: Number(latest.seq),
      kind: 'record_state',
    });
    await database.db.execute(sql`update kernel.credit_record set status = 'published' where id = ${recordId}`);
    expect((await verifyAudit(database.db, keys)).ok).toBe(true);
  });

  it("lets a subject's details be redacted (retention) while the chain still verifies", async () => {
    expect(await redactAuditDetails(database.db, null, 'credit_record', recordId)).toBe(4);
    const detail = await one<{ n: number }>(
      sql`select count(*)::int as n from kernel.audit_log where entity_id = ${recordId} and action <> 'audit.redact' and detail <> '{}'::jsonb`,
    );
    expect(detail.n).toBe(0);
    expect((await verifyAudit(database.db, keys)).ok).toBe(true);
  });

  it('catches a detail blanked by hand (marked redacted without a redaction entry) and a record inserted outside the services', async () => {
    const target = await one<{ seq: string; detail: string }>(
      sql`select seq, detail::text as detail from kernel.audit_log where action = 'org.create' order by seq limit 1`,
    );
    await database.db.execute(
      sql`update kernel.audit_log set detail = '{}'::jsonb, redacted_at = now() where seq = ${target.seq}`,
    );
    expect((await verifyAudit(database.db, keys)).problems[0]).toMatchObject({
      seq: Number(target.seq),
      kind: 'detail',
    });
    await database.db.execute(
      sql`update kernel.audit_log set detail = ${target.detail}::jsonb, redacted_at = null where seq = ${target.seq}`,
    );
    expect((await verifyAudit(database.db, keys)).ok).toBe(true);
    const forged = '01900000-0000-7000-8000-0000000f0001';
    await database.db
      .execute(sql`insert into kernel.credit_record (id, subject_kind, org_id, type_key, polarity, status, current_version, source_system, source_id)
      values (${forged}, 'org', ${f.nankai}, 'administrative_penalty', 'dishonesty', 'published', 1, 'forged', 'x')`);
    const report = await verifyAudit(database.db, keys);
    expect(report.problems.find((p) => p.messageEn.includes(forged))).toMatchObject({
      kind: 'record_state',
      seq: null,
    });
  });
});
