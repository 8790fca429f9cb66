import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rows } from '@chengxin/db';
import type { TestDatabase } from '@chengxin/db/testing';
import { sql } from 'drizzle-orm';
import type { KernelContext } from '../core';
import { buildFixture, migratedTestDatabase, testContext, testEngines, usccFor } from '../core/testing';
import { ingest } from './ingest';
import { transitionMany } from './records';
import { recordDigestSql, VERSIONS_DIGEST_AGG } from './state-digest';

const row = (sourceId: string, extra: Record<string, unknown> = {}) => ({
  sourceId,
  subject: { kind: 'org', uscc: usccFor('120103', 2) },
  typeKey: 'administrative_penalty',
  severity: 'ordinary',
  facts: '未按规定处置危险废物\t含制表符\\与反斜杠\n及换行',
  legalBasis: '《中华人民共和国固体废物污染环境防治法》第一百一十二条',
  decisionNo: `津环罚〔2026〕${sourceId}号`,
  decisionDate: '2026-05-20',
  issuingAuthority: '天津市生态环境局',
  payload: { penaltyCategories: ['warning'], penaltyContent: '给予警告' },
  ...extra,
});

describe.each(testEngines())('set-wise record digests on %s', (engine) => {
  let database: TestDatabase;
  let ctx: KernelContext;

  beforeAll(async () => {
    database = await migratedTestDatabase(engine);
    ctx = testContext(database);
    await buildFixture(ctx);
  });
  afterAll(async () => database?.dispose());

  it('equal kernel.record_digest for records of every shape, and after a move equal the digest of the moved record', async () => {
    // One version, several versions with a reason, optional fields set and unset, a payload, text needing COPY escapes.
    await ingest(
      ctx,
      [row('D1'), row('D2', { issuingAuthorityUscc: usccFor('120000', 9), disclosureScope: 'government' })],
      {
        sourceSystem: 'digest',
      },
    );
    // The ingest computes each new record's digest from the rows it inserted: it must be the function's.
    const ingested = await rows<{ after: string; now: string }>(
      database.db,
      sql`select a.after_digest as after, kernel.record_digest(a.entity_id::uuid) as now from kernel.audit_log a where a.action = 'record.ingest'`,
    );
    expect(ingested).toHaveLength(2);
    for (const e of ingested) expect(e.after).toBe(e.now);
    await ingest(
      ctx,
      [
        row('D1', { facts: '更正后的事实' }),
        row('D3', {
          severity: 'serious',
          payload: { penaltyCategories: ['warning'], penaltyContent: '给予警告', sector: 'food_drug' },
        }),
      ],
      {
        sourceSystem: 'digest',
      },
    );
    const compare = () =>
      rows<{ id: string; fn: string | null; set: string | null }>(
        database.db,
        sql`select r.id::text, kernel.record_digest(r.id) as fn,
          ${recordDigestSql('r', sql`r.status`, sql`(select ${VERSIONS_DIGEST_AGG} from kernel.credit_record_version v where v.record_id = r.id)`)} as set
        from kernel.credit_record r`,
      );
    const before = await compare();
    expect(before.length).toBeGreaterThanOrEqual(3);
    for (const r of before) expect(r.set, r.id).toBe(r.fn);
    // transitionMany computes the digest after the move from the row before it: the audit entry must match the state.
    const ids = before.map((r) => r.id);
    await transitionMany(ctx, 'approve', ids);
    const entries = await rows<{ id: string; before: string; after: string; now: string }>(
      database.db,
      sql`select a.entity_id as id, a.before_digest as before, a.after_digest as after, kernel.record_digest(a.entity_id::uuid) as now
        from kernel.audit_log a where a.action = 'record.approve'`,
    );
    expect(entries).toHaveLength(ids.length);
    for (const e of entries) {
      expect(e.after, e.id).toBe(e.now);
      expect(e.before, e.id).toBe(before.find((b) => b.id === e.id)!.fn);
    }
  });
});
