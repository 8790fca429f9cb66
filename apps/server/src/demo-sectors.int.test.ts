/**
 * The demo data with every installed plugin (as `chengxin start` seeds it), on both engines: each sector step of the
 * plan in its states — an overdue-debt default approved and its 责任追究 tasks beside the district's open 应急处置
 * event, debt credit grades published and not, PPP contract reviews in every state and results of every kind, tendering
 * agencies' evaluations in every review state, township boards in every disclosure state.
 */
import { migrate, rows } from '@chengxin/db';
import { createTestDatabase, testEngines, type TestDatabase } from '@chengxin/db/testing';
import { seedDemo } from '@chengxin/demo';
import { TEST_SECRETS } from '@chengxin/kernel';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MIGRATION_OWNERS } from './system';

describe.each(testEngines())('demo data of the sectors on %s', (engine) => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase(engine);
    await migrate(database, MIGRATION_OWNERS);
    await seedDemo(database.db, TEST_SECRETS, { records: 300, persons: 600 });
  }, 600_000);
  afterAll(async () => database?.dispose());

  it('shows each sector step of the plan in its states: debt default → 责任追究, 应急处置, PPP reviews, agencies, township boards', async () => {
    const q = async <T>(query: ReturnType<typeof sql>) => rows<T>(database.db, query);
    // An overdue-debt default confirmed and approved: accountability tasks opened for the officials in post.
    const defaults = await q<{ status: string; tasks: number; open_event: boolean }>(
      sql`select r.status, (select count(*)::int from kernel.accountability_task a where a.record_id = r.id) as tasks,
        exists (select 1 from local_debt.risk_event e where e.org_id = r.org_id and e.closed_on is null) as open_event
      from kernel.current_record r where r.type_key = 'local-debt.overdue_debt' and r.status <> 'draft'`,
    );
    expect(defaults).toHaveLength(1);
    expect(defaults[0]).toMatchObject({ status: 'approved', open_event: true });
    expect(defaults[0]!.tasks).toBeGreaterThan(0);
    const [drafts] = await q<{ n: number }>(
      sql`select count(*)::int as n from kernel.current_record where type_key = 'local-debt.overdue_debt' and status = 'draft'`,
    );
    expect(drafts!.n).toBeGreaterThan(0);
    const events = await q<{ open: boolean; measures: number }>(
      sql`select closed_on is null as open, jsonb_array_length(measures)::int as measures from local_debt.risk_event order by 1`,
    );
    expect(new Set(events.map((e) => e.open))).toEqual(new Set([true, false]));
    expect(events.every((e) => e.measures > 0)).toBe(true);
    const [ratings] = await q<{ published: number; districts: number }>(
      sql`select (select count(*)::int from local_debt.credit_rating) as published,
        (select count(distinct org_id)::int from local_debt.debt_figure) as districts`,
    );
    expect(ratings!.published).toBeGreaterThan(0);
    expect(ratings!.published).toBeLessThan(ratings!.districts);
    // PPP: every state of the review before signing, and results of every kind.
    const reviews = await q<{ state: string }>(
      sql`select case when p.agreement_date is null then 'not_signed'
        when not exists (select 1 from ppp.contract_review r where r.project_id = p.id) then 'unreviewed'
        when not exists (select 1 from ppp.contract_review r where r.project_id = p.id and r.reviewed_on <= p.agreement_date) then 'reviewed_after_signing'
        when (select r.conclusion from ppp.contract_review r where r.project_id = p.id and r.reviewed_on <= p.agreement_date order by r.reviewed_on desc, r.id desc limit 1) = 'rejected' then 'signed_despite_rejection'
        else 'reviewed' end as state from ppp.project p group by 1 order by 1`,
    );
    expect(reviews.map((r) => r.state)).toEqual(
      expect.arrayContaining(['reviewed', 'reviewed_after_signing', 'signed_despite_rejection', 'unreviewed']),
    );
    const results = await q<{ rating: string }>(
      sql`select distinct result as rating from ppp.performance_result order by 1`,
    );
    expect(results.map((r) => r.rating)).toEqual(['adequate', 'failed', 'good']);
    // Tendering agencies: evaluations in every review state; township boards in every disclosure state.
    const agencies = await q<{ status: string }>(sql`select distinct status from bidding.agency_evaluation order by 1`);
    expect(agencies.map((a) => a.status)).toEqual(['entered', 'published', 'returned', 'reviewed']);
    const boards = await q<{ status: string }>(sql`select distinct status from townships.disclosure order by 1`);
    expect(boards.map((b) => b.status)).toEqual(['entered', 'published', 'returned', 'reviewed']);
  });
});
