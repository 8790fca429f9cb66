import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rows } from '@chengxin/db';
import type { TestDatabase } from '@chengxin/db/testing';
import { sql } from 'drizzle-orm';
import type { KernelContext } from '../core';
import { buildFixture, migratedTestDatabase, testContext, testEngines, usccFor, type Fixture } from '../core/testing';
import { ingest } from './ingest';
import { getRecordDetail } from './records';

const penalty = (sourceId: string, uscc: string, extra: Record<string, unknown> = {}) => ({
  sourceId,
  subject: { kind: 'org', uscc },
  typeKey: 'administrative_penalty',
  severity: 'ordinary',
  facts: '未按规定处置危险废物',
  legalBasis: '《中华人民共和国固体废物污染环境防治法》第一百一十二条',
  decisionNo: `津环罚〔2026〕${sourceId}号`,
  decisionDate: '2026-05-20',
  issuingAuthority: '天津市生态环境局',
  payload: { penaltyCategories: ['warning'], penaltyContent: '给予警告' },
  ...extra,
});

async function recordCount(db: TestDatabase): Promise<number> {
  const [r] = await rows<{ n: number }>(db.db, sql`select count(*)::int as n from kernel.credit_record`);
  return Number(r!.n);
}

describe.each(testEngines())('bulk ingest on %s', (engine) => {
  let database: TestDatabase;
  let ctx: KernelContext;
  let f: Fixture;
  const hexiUscc = usccFor('120103', 2);

  beforeAll(async () => {
    database = await migratedTestDatabase(engine);
    ctx = testContext(database);
    f = await buildFixture(ctx);
  });
  afterAll(async () => database?.dispose());

  it('stores the same source record once, however often it is sent', async () => {
    const batch = [penalty('A1', hexiUscc), penalty('A2', hexiUscc), penalty('A1', hexiUscc)];
    const first = await ingest(ctx, batch, { sourceSystem: 'eco' });
    expect(first).toMatchObject({ created: 2, updated: 0, unchanged: 0 });
    const again = await ingest(ctx, batch, { sourceSystem: 'eco' });
    expect(again).toMatchObject({ created: 0, updated: 0, unchanged: 2 });
    expect(await recordCount(database)).toBe(2);
    const detail = await getRecordDetail(database.db, first.ids[0]!);
    expect(detail).toMatchObject({ status: 'submitted', orgId: f.hexi, sourceSystem: 'eco' });
    expect(detail.current.publicationMaxEnd).toBe('2027-05-20');
  });

  it('turns changed content from the source into a new version with its own audit entry', async () => {
    const r = await ingest(ctx, [penalty('A1', hexiUscc, { facts: '未按规定处置危险废物（更正）' })], {
      sourceSystem: 'eco',
    });
    expect(r).toMatchObject({ created: 0, updated: 1 });
    const detail = await getRecordDetail(database.db, r.ids[0]!);
    expect(detail.versions.map((v) => v.version)).toEqual([1, 2]);
    expect(detail.current.facts).toContain('更正');
    const [audit] = await rows<{ n: number }>(
      database.db,
      sql`select count(*)::int as n from kernel.audit_log where entity_id = ${r.ids[0]!} and action = 'record.correct'`,
    );
    expect(Number(audit!.n)).toBe(1);
  });

  it('resolves people by ID number and the body they served in on the decision date', async () => {
    const r = await ingest(
      ctx,
      [
        {
          sourceId: 'P1',
          subject: { kind: 'person', idNumber: f.officialIdNumber },
          typeKey: 'disciplinary_sanction',
          sanctionType: 'warning',
          severity: 'minor',
          facts: '工作失职',
          legalBasis: '《中华人民共和国公职人员政务处分法》第三十九条',
          decisionNo: '河西监〔2026〕3号',
          decisionDate: '2026-04-01',
          issuingAuthority: '天津市河西区监察委员会',
        },
      ],
      { sourceSystem: 'discipline' },
    );
    const detail = await getRecordDetail(database.db, r.ids[0]!);
    expect(detail).toMatchObject({ personId: f.official, orgId: f.hexiFinance });
    expect(detail.current.impactEnd).toBe('2026-10-01');
  });

  it('rejects a batch with bad rows, writes nothing, and reports every bad row with its index and field', async () => {
    const before = await recordCount(database);
    const batch = [
      penalty('B1', hexiUscc),
      penalty('B2', '91350100M000100Y4'), // malformed credit code
      penalty('B3', hexiUscc, { decisionDate: '2026-02-30' }),
      penalty('B4', usccFor('120105', 999)), // well-formed but unknown body
      penalty('B5', hexiUscc, { typeKey: 'disciplinary_sanction' }), // a body cannot receive a sanction
    ];
    const error = await ingest(ctx, batch, { sourceSystem: 'eco' }).catch((e: unknown) => e);
    expect(error).toMatchObject({ kind: 'BAD_REQUEST', appCode: 'BATCH_REJECTED' });
    const issues = (error as { issues: { index: number; field: string; code: string }[] }).issues;
    expect(issues.map((i) => [i.index, i.field])).toEqual([
      [1, 'subject.uscc'],
      [2, 'decisionDate'],
      [3, 'subject.uscc'],
      [4, 'subject.kind'],
    ]);
    expect(issues[0]!.code).toBe('USCC_MALFORMED');
    expect(await recordCount(database)).toBe(before);
  });

  it('applies the submit checks to rows that enter submitted: the batch is refused as a whole, naming row and field', async () => {
    const before = await recordCount(database);
    const batch = [
      penalty('S1', hexiUscc),
      penalty('S2', hexiUscc, { decisionNo: '待认定（规则提出）' }),
      penalty('S3', hexiUscc, {
        payload: {
          penaltyCategories: ['warning'],
          penaltyContent: '给予警告',
          proposedBy: { ruleId: 'r1', unconfirmed: ['decisionDate'], proposed: { decisionDate: '2026-05-20' } },
        },
      }),
      penalty('S4', hexiUscc, { payload: { penaltyCategories: ['fine'], penaltyContent: '罚款' } }),
      penalty('S5', hexiUscc, { payload: {} }),
    ];
    for (const initialStatus of [undefined, 'submitted'] as const) {
      const error = await ingest(ctx, batch, { sourceSystem: 'checks', initialStatus }).catch((e: unknown) => e);
      expect(error).toMatchObject({ kind: 'BAD_REQUEST', appCode: 'BATCH_REJECTED', field: 'records.1.decisionNo' });
      const issues = (error as { issues: { index: number; field: string; code: string }[] }).issues;
      expect(issues.map((i) => [i.index, i.field, i.code])).toEqual([
        [1, 'decisionNo', 'DECISION_NO_PLACEHOLDER'],
        [2, 'decisionDate', 'DECISION_DATE_UNCONFIRMED'],
        [3, 'payload.fineFen', 'PUBLICATION_FIELD_REQUIRED'],
        [4, 'payload.penaltyCategories', 'PUBLICATION_FIELD_REQUIRED'],
        [4, 'payload.penaltyContent', 'PUBLICATION_FIELD_REQUIRED'],
      ]);
      expect(await recordCount(database)).toBe(before);
    }
    // As drafts the same rows are stored: a person completes them and submit checks them then.
    const drafts = await ingest(ctx, batch, { sourceSystem: 'checks', initialStatus: 'draft' });
    expect(drafts.created).toBe(5);
    // A correction from the source that would leave a submitted record unready is refused the same way.
    await ingest(ctx, [penalty('S6', hexiUscc)], { sourceSystem: 'checks' });
    const corrected = await ingest(ctx, [penalty('S6', hexiUscc, { decisionNo: '待认定' })], {
      sourceSystem: 'checks',
    }).catch((e: unknown) => e);
    expect(corrected).toMatchObject({ appCode: 'BATCH_REJECTED', field: 'records.0.decisionNo' });
  });

  it('ingests thousands of rows in chunks inside one transaction', async () => {
    const batch = Array.from({ length: 4500 }, (_, i) => penalty(`C${i}`, hexiUscc));
    const r = await ingest(ctx, batch, { sourceSystem: 'bulk', chunkSize: 1000 });
    expect(r.created).toBe(4500);
    const [n] = await rows<{ n: number }>(
      database.db,
      sql`select count(*)::int as n from kernel.credit_record_version v join kernel.credit_record r on r.id = v.record_id where r.source_system = 'bulk'`,
    );
    expect(Number(n!.n)).toBe(4500);
  });
});
