import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rows } from '@chengxin/db';
import { sql } from 'drizzle-orm';
import { AppError } from '../core';
import { buildFixture, migratedTestDatabase, testContext, testEngines, type Fixture } from '../core/testing';
import type { TestDatabase } from '@chengxin/db/testing';
import type { KernelContext } from '../core';
import { correct, createDraft, getRecordDetail, listRecords, transition, transitionMany } from './records';
import { integrityFile } from '../file';

const sanction = (personId: string, decisionDate = '2025-08-31') => ({
  subject: { kind: 'person' as const, personId },
  typeKey: 'disciplinary_sanction',
  severity: 'ordinary' as const,
  facts: '违反中央八项规定精神，违规收受礼金',
  legalBasis: '《中华人民共和国公职人员政务处分法》第三十四条',
  decisionNo: '河西纪〔2025〕12号',
  decisionDate,
  issuingAuthority: '天津市河西区监察委员会',
  disclosureScope: 'government' as const,
  sanctionType: 'major_demerit' as const,
  payload: {},
  linkTo: [],
});

async function count(db: TestDatabase, table: string): Promise<number> {
  const [r] = await rows<{ n: number }>(db.db, sql.raw(`select count(*)::int as n from kernel.${table}`));
  return Number(r!.n);
}

describe.each(testEngines())('records on %s', (engine) => {
  let database: TestDatabase;
  let ctx: KernelContext;
  let f: Fixture;

  beforeAll(async () => {
    database = await migratedTestDatabase(engine);
    ctx = testContext(database);
    f = await buildFixture(ctx);
  });
  afterAll(async () => database?.dispose());

  it('computes an 18-month impact period for 记大过, with the rule and its source, and the body the person served in', async () => {
    const r = await createDraft(ctx, sanction(f.official));
    expect(r.status).toBe('draft');
    expect(r.orgId).toBe(f.hexiFinance);
    // Corrected (issue 25, finding 10): a 2025 decision falls under 58号令 (3 months to 3 years), not 527号's 12 months.
    expect(r.current).toMatchObject({
      impactStart: '2025-08-31',
      impactEnd: '2027-02-28',
      publicationStart: '2025-08-31',
      publicationMinEnd: '2025-11-30',
      publicationMaxEnd: '2028-08-31',
    });
    expect(r.current.rules.map((x) => x.ruleId)).toContain('gov-sanctions-2020.period.major_demerit');
    expect(r.current.rules[0]!.source.law).toContain('政务处分法');
  });

  it('moves through the lifecycle with an event and an audit entry for every transition', async () => {
    const r = await createDraft(ctx, sanction(f.official, '2026-01-15'));
    const auditBefore = await count(database, 'audit_log');
    for (const action of ['submit', 'approve', 'publish'] as const) await transition(ctx, action, r.id);
    const detail = await getRecordDetail(database.db, r.id);
    expect(detail.status).toBe('published');
    expect(detail.events.map((e) => `${e.fromStatus}>${e.toStatus}`)).toEqual([
      'draft>submitted',
      'submitted>approved',
      'approved>published',
    ]);
    expect(await count(database, 'audit_log')).toBe(auditBefore + 3);
  });

  it('refuses an illegal transition with CONFLICT naming the current state, and writes nothing', async () => {
    const r = await createDraft(ctx, sanction(f.official, '2026-02-01'));
    const auditBefore = await count(database, 'audit_log');
    const error = await transition(ctx, 'publish', r.id).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AppError);
    expect(error).toMatchObject({
      kind: 'CONFLICT',
      appCode: 'RECORD_ILLEGAL_TRANSITION',
      messageZh: expect.stringContaining('草稿'),
    });
    expect((await getRecordDetail(database.db, r.id)).status).toBe('draft');
    expect(await count(database, 'audit_log')).toBe(auditBefore);
  });

  it('requires a reason to reject or revoke', async () => {
    const r = await createDraft(ctx, sanction(f.official, '2026-02-02'));
    await transition(ctx, 'submit', r.id);
    await expect(transition(ctx, 'reject', r.id, '  ')).rejects.toMatchObject({
      appCode: 'REASON_REQUIRED',
      field: 'reason',
    });
    const back = await transition(ctx, 'reject', r.id, '事实描述不完整');
    expect(back.status).toBe('draft');
  });

  it('corrects by adding a version, keeping the old one, and recomputes the period', async () => {
    const r = await createDraft(ctx, sanction(f.official, '2026-03-10'));
    const fixed = await correct(ctx, {
      recordId: r.id,
      expectedVersion: 1,
      changes: { sanctionType: 'warning' },
      reason: '处分种类录入错误',
    });
    expect(fixed.current).toMatchObject({
      version: 2,
      sanctionType: 'warning',
      impactEnd: '2026-09-10',
      reason: '处分种类录入错误',
    });
    const detail = await getRecordDetail(database.db, r.id);
    expect(detail.versions.map((v) => [v.version, v.sanctionType])).toEqual([
      [1, 'major_demerit'],
      [2, 'warning'],
    ]);
    await expect(
      correct(ctx, { recordId: r.id, expectedVersion: 1, changes: { facts: 'x' }, reason: 'stale' }),
    ).rejects.toMatchObject({ appCode: 'RECORD_VERSION_CONFLICT' });
  });

  it('rejects bad content naming the field: dismissal, missing sanction type, future decision date, wrong subject', async () => {
    const before = await count(database, 'credit_record');
    await expect(createDraft(ctx, { ...sanction(f.official), sanctionType: 'dismissal' })).rejects.toMatchObject({
      appCode: 'SANCTION_NOT_A_RECORD',
      field: 'sanctionType',
    });
    const { sanctionType: _omit, ...noType } = sanction(f.official);
    await expect(createDraft(ctx, noType)).rejects.toMatchObject({
      appCode: 'SANCTION_TYPE_REQUIRED',
      field: 'sanctionType',
    });
    await expect(createDraft(ctx, sanction(f.official, '2099-01-01'))).rejects.toMatchObject({
      appCode: 'DECISION_DATE_IN_FUTURE',
      field: 'decisionDate',
    });
    await expect(
      createDraft(ctx, { ...sanction(f.official), subject: { kind: 'org', orgId: f.hexi } }),
    ).rejects.toMatchObject({ appCode: 'RECORD_SUBJECT_NOT_ALLOWED', field: 'subject.kind' });
    expect(await count(database, 'credit_record')).toBe(before);
  });

  it('applies the 2007 remainder rule to a sanction decided during a running one', async () => {
    const first = await createDraft(ctx, { ...sanction(f.clerk, '2016-03-01'), sanctionType: 'demerit' });
    for (const a of ['submit', 'approve', 'publish'] as const) await transition(ctx, a, first.id);
    const second = await createDraft(ctx, { ...sanction(f.clerk, '2016-09-01'), sanctionType: 'warning' });
    // 6 months (warning) + 6 unserved months of the demerit running to 2017-03-01
    expect(second.current).toMatchObject({ impactStart: '2016-09-01', impactEnd: '2017-09-01' });
    // Corrected (issue 25, finding 3): the remainder is added exactly, one rule (no longer `remainder.<months>`).
    expect(second.current.rules.map((r) => r.ruleId)).toContain('cs-sanctions-2007.remainder');
  });

  it('moves many records at once, all or nothing', async () => {
    const a = await createDraft(ctx, sanction(f.clerk, '2026-05-01'));
    const b = await createDraft(ctx, sanction(f.clerk, '2026-05-02'));
    expect(await transitionMany(ctx, 'submit', [a.id, b.id])).toBe(2);
    const c = await createDraft(ctx, sanction(f.clerk, '2026-05-03'));
    const error = await transitionMany(ctx, 'approve', [a.id, b.id, c.id]).catch((e: unknown) => e);
    expect(error).toMatchObject({
      kind: 'CONFLICT',
      appCode: 'RECORD_ILLEGAL_TRANSITION',
      issues: [{ messageEn: expect.stringContaining(c.id) }],
    });
    expect((await getRecordDetail(database.db, a.id)).status).toBe('submitted');
    expect(await transitionMany(ctx, 'approve', [a.id, b.id])).toBe(2);
    expect((await getRecordDetail(database.db, b.id)).events.map((e) => e.action)).toEqual(['submit', 'approve']);
  });

  it('lists with filters and cursor pagination, and by org subtree', async () => {
    const page1 = await listRecords(database.db, { limit: 2, subtree: true, orgId: f.hexi });
    expect(page1.items).toHaveLength(2);
    expect(page1.nextCursor).not.toBeNull();
    const page2 = await listRecords(database.db, { limit: 2, subtree: true, orgId: f.hexi, cursor: page1.nextCursor! });
    expect(page2.items[0]!.id < page1.items[1]!.id).toBe(true);
    const nankai = await listRecords(database.db, { limit: 50, subtree: true, orgId: f.nankai });
    expect(nankai.items).toHaveLength(0);
    const drafts = await listRecords(database.db, { limit: 200, subtree: false, status: ['draft'] });
    expect(drafts.items.every((r) => r.status === 'draft')).toBe(true);
  });

  it('searches by body, person, decision number or facts, filters by source, sorts by a column and counts the total', async () => {
    const a = await createDraft(ctx, { ...sanction(f.clerk, '2024-02-01'), decisionNo: '津检索〔2024〕1号' });
    const b = await createDraft(ctx, { ...sanction(f.clerk, '2024-01-15'), decisionNo: '津检索〔2024〕2号' });
    const found = await listRecords(database.db, { limit: 1, subtree: false, q: '津检索' });
    // The total counts every match; the first page holds one, the next page the other.
    expect(found.total).toBe(2);
    const next = await listRecords(database.db, { limit: 1, subtree: false, q: '津检索', cursor: found.nextCursor! });
    expect(next.total).toBeUndefined();
    expect([found.items[0]!.id, next.items[0]!.id].sort()).toEqual([a.id, b.id].sort());
    // Sorted by decision date, either way, paging with the sort.
    const asc = await listRecords(database.db, { limit: 1, subtree: false, q: '津检索', sort: 'decisionDate' });
    expect(asc.items.map((r) => r.id)).toEqual([b.id]);
    const asc2 = await listRecords(database.db, {
      limit: 1,
      subtree: false,
      q: '津检索',
      sort: 'decisionDate',
      cursor: asc.nextCursor!,
    });
    expect(asc2.items.map((r) => r.id)).toEqual([a.id]);
    expect(asc2.nextCursor).toBeNull();
    const desc = await listRecords(database.db, { limit: 5, subtree: false, q: '津检索', sort: '-decisionDate' });
    expect(desc.items.map((r) => r.id)).toEqual([a.id, b.id]);
    // By the person's name, and by source: both were entered here, none imported.
    const byName = await listRecords(database.db, { limit: 200, subtree: false, q: '津检索', source: 'manual' });
    expect(byName.total).toBe(2);
    expect((await listRecords(database.db, { limit: 5, subtree: false, q: '津检索', source: 'imported' })).total).toBe(
      0,
    );
    const person = (await getRecordDetail(database.db, a.id)).personName!;
    const mine = await listRecords(database.db, { limit: 200, subtree: false, q: person });
    expect(mine.items.map((r) => r.id)).toEqual(expect.arrayContaining([a.id, b.id]));
    expect((await listRecords(database.db, { limit: 5, subtree: false, q: '没有这样的文字' })).total).toBe(0);
  });

  it('the integrity file shows the standing as of a date', async () => {
    const file = await integrityFile(database.db, { kind: 'person', personId: f.official }, '2026-06-01');
    expect(file.subject.kind).toBe('person');
    expect(file.standing.hasEffectiveDishonesty).toBe(true);
    expect(file.standing.effective.map((e) => e.until)).toContain('2027-07-15');
    const later = await integrityFile(database.db, { kind: 'person', personId: f.official }, '2028-01-01');
    expect(later.standing.hasEffectiveDishonesty).toBe(false);
    const other = await integrityFile(database.db, { kind: 'org', orgId: f.nankai }, '2026-06-01');
    expect(other.standing).toMatchObject({ hasEffectiveDishonesty: false, summaryZh: '无有效失信记录' });
  });
});
