import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rows } from '@chengxin/db';
import type { TestDatabase } from '@chengxin/db/testing';
import { sql } from 'drizzle-orm';
import type { KernelContext } from '../core';
import { buildFixture, migratedTestDatabase, testContext, testEngines, type Fixture } from '../core/testing';
import { correct, createDraft } from './records';

// kernel.current_record (migration 0018) is the one reader of "a record with its current version".
const penalty = (orgId: string, decisionNo: string) => ({
  subject: { kind: 'org' as const, orgId },
  typeKey: 'administrative_penalty',
  severity: 'ordinary' as const,
  facts: '未按规定处置危险废物',
  legalBasis: '《中华人民共和国固体废物污染环境防治法》第一百一十二条',
  decisionNo,
  decisionDate: '2026-05-20',
  issuingAuthority: '天津市生态环境局',
  disclosureScope: 'public' as const,
  payload: {},
  linkTo: [],
});

describe.each(testEngines())('kernel.current_record on %s', (engine) => {
  let database: TestDatabase;
  let ctx: KernelContext;
  let f: Fixture;

  beforeAll(async () => {
    database = await migratedTestDatabase(engine);
    ctx = testContext(database);
    f = await buildFixture(ctx);
  });
  afterAll(async () => database?.dispose());

  it('returns exactly one row per record, carrying its current version', async () => {
    const once = await createDraft(ctx, penalty(f.hexiFinance, '津环罚〔2026〕901号'));
    const thrice = await createDraft(ctx, penalty(f.hexiFinance, '津环罚〔2026〕902号'));
    await correct(ctx, {
      recordId: thrice.id,
      expectedVersion: 1,
      changes: { facts: '第二版事实' },
      reason: '事实补正',
    });
    await correct(ctx, {
      recordId: thrice.id,
      expectedVersion: 2,
      changes: { facts: '第三版事实', severity: 'serious' },
      reason: '再次补正',
    });

    const [counts] = await rows<{ records: number; rows: number; ids: number; versions: number }>(
      database.db,
      sql`select
      (select count(*)::int from kernel.credit_record) as records, (select count(*)::int from kernel.current_record) as rows,
      (select count(distinct id)::int from kernel.current_record) as ids, (select count(*)::int from kernel.credit_record_version) as versions`,
    );
    expect(counts!.rows).toBe(counts!.records);
    expect(counts!.ids).toBe(counts!.records);
    expect(counts!.versions).toBeGreaterThan(counts!.records);

    const list = await rows<{
      id: string;
      current_version: number;
      version: number;
      facts: string;
      severity: string;
      reason: string | null;
      version_created_at: string;
      created_at: string;
    }>(
      database.db,
      sql`select id::text, current_version, version, facts, severity, reason, to_json(version_created_at)#>>'{}' as version_created_at,
        to_json(created_at)#>>'{}' as created_at from kernel.current_record where id = any(${sql.param([once.id, thrice.id])}::uuid[])`,
    );
    const byId = new Map(list.map((r) => [r.id, r]));
    expect(byId.get(once.id)).toMatchObject({
      current_version: 1,
      version: 1,
      facts: '未按规定处置危险废物',
      reason: null,
    });
    expect(byId.get(thrice.id)).toMatchObject({
      current_version: 3,
      version: 3,
      facts: '第三版事实',
      severity: 'serious',
      reason: '再次补正',
    });
    // The version's own creation instant, not the record's (both tables have created_at; the view renames the version's).
    const [v3] = await rows<{ at: string }>(
      database.db,
      sql`select to_json(created_at)#>>'{}' as at from kernel.credit_record_version where record_id = ${thrice.id} and version = 3`,
    );
    expect(byId.get(thrice.id)!.version_created_at).toBe(v3!.at);
  });

  it('has explicit, unique column names and is a plain view the planner inlines', async () => {
    const cols = await rows<{ column_name: string }>(
      database.db,
      sql`select column_name from information_schema.columns
      where table_schema = 'kernel' and table_name = 'current_record' order by ordinal_position`,
    );
    const names = cols.map((c) => c.column_name);
    expect(new Set(names).size).toBe(names.length);
    expect(names).toEqual(
      expect.arrayContaining([
        'id',
        'status',
        'current_version',
        'created_at',
        'version',
        'severity',
        'content_hash',
        'version_created_at',
        'version_created_by',
      ]),
    );
    expect(names).not.toContain('record_id');
    // A view PostgreSQL cannot flatten would show as a Subquery Scan; an inlined one plans as the join itself.
    const plan = await rows<Record<string, string>>(
      database.db,
      sql`explain select r.id from kernel.current_record r where r.status = 'published'`,
    );
    const text = plan.map((p) => Object.values(p).join(' ')).join('\n');
    expect(text).not.toMatch(/Subquery Scan/);
    expect(text).toMatch(/credit_record_version/);
  });
});
