import { rows } from '@chengxin/db';
import type { TestDatabase } from '@chengxin/db/testing';
import { sql } from 'drizzle-orm';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyAudit } from '../audit';
import type { KernelContext } from '../core';
import { addDays, type LegalDate } from '@chengxin/contract';
import type { RecordStatus } from '@chengxin/contract';
import { archiveOn, scheduledStatus, type ScheduleInput, ingest } from '../records';
import { TEST_SECRETS } from '../core';
import { buildFixture, migratedTestDatabase, testContext, testEngines, type Fixture } from '../core/testing';
import { archiveCutoff, DAILY_JOB, DAILY_JOB_LOCK, runDailyJob } from './daily-job';
import { integrityFile } from '../file';

/** Records dated relative to the day they are entered (C), so the test never depends on the wall clock. */
const PLAN: {
  key: string;
  severity: 'minor' | 'ordinary' | 'serious';
  decidedDaysBefore: number;
  status: 'published' | 'draft';
}[] = [
  // Corrected (issue 25, finding 10): decisions of 2023-05-01 to 2026-03-31 are published up to 3 years (58号令), so the
  // record that ends soon is decided about three years back (was 360 days, under the 2019 values).
  { key: 'ordinary-ends-soon', severity: 'ordinary', decidedDaysBefore: 1090, status: 'published' },
  { key: 'minor-ends-soon', severity: 'minor', decidedDaysBefore: 85, status: 'published' },
  { key: 'old-archives-soon', severity: 'ordinary', decidedDaysBefore: 5 * 365 - 10, status: 'published' },
  { key: 'serious-stays', severity: 'serious', decidedDaysBefore: 200, status: 'published' },
  { key: 'draft-untouched', severity: 'ordinary', decidedDaysBefore: 400, status: 'draft' },
];

describe.each(testEngines())('daily job: publication expiry and archival on %s', (engine) => {
  let database: TestDatabase;
  let ctx: KernelContext;
  let f: Fixture;
  let created: LegalDate;
  const initial = new Map<string, ScheduleInput>();

  const state = async () =>
    new Map(
      (
        await rows<{ id: string; status: RecordStatus; moves: string | null }>(
          database.db,
          sql`
    select r.id::text, r.status, (select string_agg(e.action || '@' || e.effective_date::text, ',' order by e.id) from kernel.record_event e where e.record_id = r.id) as moves
    from kernel.credit_record r`,
        )
      ).map((r) => [r.id, r]),
    );

  const expectAgreement = async (day: LegalDate) => {
    const now = await state();
    for (const [id, input] of initial) {
      const expected = scheduledStatus(input, day);
      expect(now.get(id)!.status, `${id} on ${day}`).toBe(expected.status);
      expect(now.get(id)!.moves ?? '').toBe(expected.moves.map((m) => `${m.action}@${m.on}`).join(','));
    }
  };

  beforeAll(async () => {
    database = await migratedTestDatabase(engine);
    ctx = testContext(database);
    f = await buildFixture(ctx);
    created = ctx.today();
    for (const p of PLAN) {
      const decisionDate = addDays(created, -p.decidedDaysBefore);
      await ingest(
        ctx,
        [
          {
            sourceId: p.key,
            subject: { kind: 'org', orgId: f.hexiFinance },
            typeKey: 'administrative_penalty',
            severity: p.severity,
            facts: '未按合同约定支付中小企业款项',
            legalBasis: '《保障中小企业款项支付条例》第八条',
            decisionNo: `津财罚〔${decisionDate.slice(0, 4)}〕${p.key}`,
            decisionDate,
            issuingAuthority: '天津市财政局',
            payload: { penaltyCategories: ['warning'], penaltyContent: '给予警告' },
          },
        ],
        { sourceSystem: 'plan', initialStatus: p.status },
      );
    }
    const list = await rows<{ id: string; status: RecordStatus; decision_date: string; max_end: string | null }>(
      database.db,
      sql`
      select r.id::text, r.status, r.decision_date::text, r.publication_max_end::text as max_end
      from kernel.current_record r`,
    );
    for (const r of list)
      initial.set(r.id, {
        status: r.status,
        decisionDate: r.decision_date,
        publicationMaxEnd: r.max_end,
        lastMoveOn: created,
      });
  }, 60_000);
  afterAll(async () => database?.dispose());

  it('moves each record on its day, dated the day it took effect, in agreement with the pure schedule', async () => {
    for (const day of [created, addDays(created, 3), addDays(created, 8)]) {
      expect((await runDailyJob(ctx, day)).skipped).toBe(false);
      await expectAgreement(day);
    }
    const now = await state();
    expect([...now.values()].filter((r) => r.status === 'expired').length).toBe(3);
  });

  it('catches up after downtime in one run, and a second run of the same day does nothing', async () => {
    const later = addDays(created, 60);
    const result = await runDailyJob(ctx, later);
    expect(result).toMatchObject({ skipped: false, archived: 1 });
    await expectAgreement(later);
    expect(await runDailyJob(ctx, later)).toMatchObject({ skipped: true });
    expect(await runDailyJob(ctx, later, { force: true })).toMatchObject({ skipped: false, expired: 0, archived: 0 });
    await expectAgreement(later);
  });

  it('the integrity file\'s "status as of D" agrees with the schedule on every day', async () => {
    for (let i = 0; i <= 60; i += 3) {
      const day = addDays(created, i);
      const file = await integrityFile(database.db, { kind: 'org', orgId: f.hexiFinance }, day);
      for (const record of file.groups.flatMap((g) => g.records)) {
        expect(record.statusAsOf, `${record.sourceId} on ${day}`).toBe(
          scheduledStatus(initial.get(record.id)!, day).status,
        );
      }
    }
  });

  it("leaves an audit trail under the job's own name that verifies", async () => {
    const [entry] = await rows<{ actor_name: string; n: number }>(
      database.db,
      sql`select actor_name, count(*)::int as n from kernel.audit_log where action in ('record.expire', 'record.archive') group by actor_name`,
    );
    expect(entry).toMatchObject({ actor_name: 'job:records.schedule', n: 4 });
    expect((await verifyAudit(database.db, TEST_SECRETS.audit)).ok).toBe(true);
  });
});

describe.each(testEngines())('daily job: one run at a time, and the leap day, on %s', (engine) => {
  let database: TestDatabase;
  let ctx: KernelContext;
  let f: Fixture;
  const at = (day: LegalDate): KernelContext => ({ ...ctx, today: () => day });
  const heldLocks = async () =>
    (
      await rows<{ n: number }>(
        database.db,
        sql`select count(*)::int as n from pg_locks where locktype = 'advisory' and objid = ${DAILY_JOB_LOCK}`,
      )
    )[0]!.n;

  beforeAll(async () => {
    database = await migratedTestDatabase(engine);
    ctx = testContext(database);
    f = await buildFixture(ctx);
  }, 60_000);
  afterAll(async () => database?.dispose());

  it('of two runs started together, one runs and the other returns at once as running', async () => {
    const [a, b] = await Promise.all([runDailyJob(ctx, '2026-01-05'), runDailyJob(ctx, '2026-01-06')]);
    expect(a).toMatchObject({ skipped: false, skippedBecause: null });
    expect(b).toMatchObject({ skipped: true, skippedBecause: 'running' });
    const days = await rows<{ day: string }>(database.db, sql`select day::text from kernel.job_run order by day`);
    expect(days.map((d) => d.day)).toEqual(['2026-01-05']);
    expect(await runDailyJob(ctx, '2026-01-06')).toMatchObject({ skipped: false });
  });

  it('while another holder has the job (a session on PostgreSQL; a run in this process on PGlite), a run returns at once and claims nothing', async () => {
    if (engine === 'postgres') {
      await database.withConnection(async (other) => {
        await other.execute(sql`select pg_advisory_lock(${DAILY_JOB_LOCK})`);
        try {
          expect(await runDailyJob(ctx, '2026-01-07')).toMatchObject({ skipped: true, skippedBecause: 'running' });
        } finally {
          await other.execute(sql`select pg_advisory_unlock(${DAILY_JOB_LOCK})`);
        }
      });
    } else {
      // PGlite is one session (an advisory lock there is re-entrant): another context on the same database is excluded in process.
      const other = testContext(database);
      const [a, b] = await Promise.all([runDailyJob(other, '2026-01-09'), runDailyJob(ctx, '2026-01-07')]);
      expect(a).toMatchObject({ skipped: false });
      expect(b).toMatchObject({ skipped: true, skippedBecause: 'running' });
    }
    const [claimed] = await rows<{ n: number }>(
      database.db,
      sql`select count(*)::int as n from kernel.job_run where day = '2026-01-07'`,
    );
    expect(claimed!.n).toBe(0);
    expect(await runDailyJob(ctx, '2026-01-07')).toMatchObject({ skipped: false });
    expect(await heldLocks()).toBe(0);
  });

  it('a failed run releases the lock, and its unfinished day is taken again at once', async () => {
    await expect(runDailyJob(ctx, 'not-a-day')).rejects.toThrow();
    expect(await heldLocks()).toBe(0);
    // A run that crashed after claiming its day: under the lock nobody else can be running it, so it runs again now.
    await database.db.execute(sql`insert into kernel.job_run (job, day) values (${DAILY_JOB}, '2026-01-08')`);
    expect(await runDailyJob(ctx, '2026-01-08')).toMatchObject({ skipped: false });
    expect(await runDailyJob(ctx, '2026-01-08')).toMatchObject({ skipped: true, skippedBecause: 'done' });
  });

  it('archives a record decided on 29 February on the day the schedule says (28 February five years on)', async () => {
    const [id] = (
      await ingest(
        at('2024-03-01'),
        [
          {
            sourceId: 'leap-day',
            subject: { kind: 'org', orgId: f.hexiFinance },
            typeKey: 'administrative_penalty',
            severity: 'ordinary',
            facts: '未按合同约定支付中小企业款项',
            legalBasis: '《保障中小企业款项支付条例》第八条',
            decisionNo: '津财罚〔2024〕229号',
            decisionDate: '2024-02-29',
            issuingAuthority: '天津市财政局',
            payload: { penaltyCategories: ['warning'], penaltyContent: '给予警告' },
          },
        ],
        { sourceSystem: 'leap', initialStatus: 'published' },
      )
    ).ids;
    const input: ScheduleInput = {
      status: 'published',
      decisionDate: '2024-02-29',
      publicationMaxEnd: '2025-02-28',
      lastMoveOn: '2024-03-01',
    };
    expect(scheduledStatus(input, '2029-02-28').moves).toEqual([
      { action: 'expire', on: '2025-02-28' },
      { action: 'archive', on: '2029-02-28' },
    ]);
    const status = async () =>
      (await rows<{ status: string }>(database.db, sql`select status from kernel.credit_record where id = ${id!}`))[0]!
        .status;
    await runDailyJob(ctx, '2029-02-27');
    expect(await status()).toBe('expired');
    expect(await runDailyJob(ctx, '2029-02-28')).toMatchObject({ archived: 1 });
    expect(await status()).toBe('archived');
    const [archived] = await rows<{ day: string }>(
      database.db,
      sql`select effective_date::text as day from kernel.record_event where record_id = ${id!} and action = 'archive'`,
    );
    expect(archived!.day).toBe('2029-02-28');
  });

  it('selects for archival exactly the decisions the schedule archives by the day', () => {
    // Days around each decision's archival day, where the two could disagree (month ends, 29 February).
    const decisions = fc.integer({ min: 0, max: 12 * 366 }).map((n) => addDays('2016-01-01', n));
    fc.assert(
      fc.property(decisions, fc.integer({ min: -3, max: 3 }), (decision, delta) => {
        const day = addDays(archiveOn(decision), delta);
        return decision <= archiveCutoff(day) === archiveOn(decision) <= day;
      }),
      { numRuns: 2000 },
    );
    expect(archiveCutoff('2029-02-28')).toBe('2024-02-29');
    expect(archiveCutoff('2029-03-01')).toBe('2024-03-01');
  });
});
