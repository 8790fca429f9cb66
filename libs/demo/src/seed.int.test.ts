import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rows } from '@chengxin/db';
import type { TestDatabase } from '@chengxin/db/testing';
import { sql } from 'drizzle-orm';
import {
  checkIdNumber,
  checkUscc,
  revealIdNumber,
  TEST_SECRETS,
  kernelContext,
  completeness,
  dishonestyList,
} from '@chengxin/kernel';
import { migratedTestDatabase, testEngines } from '@chengxin/kernel/testing';
import { isDatabaseEmpty, seedDemo } from '.';
import { addDays, shanghaiDate } from '@chengxin/contract';

describe.each(testEngines())('demo data on %s', (engine) => {
  let database: TestDatabase;
  let summary: Awaited<ReturnType<typeof seedDemo>>;
  beforeAll(async () => {
    database = await migratedTestDatabase(engine);
    expect(await isDatabaseEmpty(database.db)).toBe(true);
    summary = await seedDemo(database.db, TEST_SECRETS, { records: 400, persons: 1200 });
  });
  afterAll(async () => database?.dispose());

  it("has Tianjin's 16 districts, each with streets or townships and departments", async () => {
    const districts = await rows<{ name: string; area_code: string; streets: number; depts: number }>(
      database.db,
      sql`
      select d.name, d.area_code,
        (select count(*)::int from kernel.org_unit s where s.parent_id = d.id and s.level = 'street') as streets,
        (select count(*)::int from kernel.org_unit s where s.parent_id = d.id and s.kind = 'department') as depts
      from kernel.org_unit d where d.level = 'district' and d.kind = 'government' order by d.area_code`,
    );
    expect(districts).toHaveLength(16);
    expect(districts[2]).toMatchObject({ name: '天津市河西区人民政府', area_code: '120103' });
    for (const d of districts) expect(d.streets > 0 && d.depts > 0).toBe(true);
    expect(await isDatabaseEmpty(database.db)).toBe(false);
  });

  it('gives every body a valid credit code and every person a valid, protected ID number', async () => {
    const codes = await rows<{ uscc: string }>(database.db, sql`select uscc from kernel.org_unit`);
    expect(
      codes.every((c) => {
        const r = checkUscc(c.uscc);
        return r.ok && !r.warning;
      }),
    ).toBe(true);
    const people = await rows<{ c: string; m: string }>(
      database.db,
      sql`select id_number_cipher as c, id_number_masked as m from kernel.person limit 200`,
    );
    for (const p of people) {
      const id = revealIdNumber(TEST_SECRETS, p.c);
      expect(checkIdNumber(id).ok).toBe(true);
      expect(p.m).toBe(`${id.slice(0, 4)}**********${id.slice(14)}`);
    }
  });

  it('has records in every lifecycle state, over every kernel type and severity', async () => {
    const states = await rows<{ status: string }>(
      database.db,
      sql`select distinct status from kernel.credit_record order by 1`,
    );
    expect(states.map((s) => s.status)).toEqual([
      'approved',
      'archived',
      'draft',
      'expired',
      'published',
      'repaired',
      'revoked',
      'submitted',
    ]);
    const types = await rows<{ type_key: string }>(
      database.db,
      sql`select distinct type_key from kernel.credit_record order by 1`,
    );
    expect(types.map((t) => t.type_key)).toEqual([
      'accountability',
      'administrative_penalty',
      'commendation',
      'disciplinary_sanction',
      'judicial_judgment',
    ]);
    const severities = await rows<{ severity: string }>(
      database.db,
      sql`select distinct severity from kernel.credit_record_version order by 1`,
    );
    expect(severities.map((s) => s.severity)).toEqual(['minor', 'ordinary', 'serious']);
    expect(Object.values(summary.records).reduce((a, b) => a + b, 0)).toBe(400);
  });

  it('fills the whole file: training every year served, three years of assessments, honours, confidential sections, reporting', async () => {
    const thisYear = Number(shanghaiDate().slice(0, 4));
    // Every civil servant, in each of the last three years they served, has an assessment result and a training record.
    const gaps = await rows<{ n: number }>(
      database.db,
      sql`
      with served as (select t.person_id, y from kernel.tenure t, generate_series(${thisYear - 3}::int, ${thisYear - 1}::int) y where extract(year from t.start_date) <= y group by t.person_id, y)
      select count(*) filter (where not exists (select 1 from kernel.training_completion c where c.person_id = s.person_id and extract(year from c.completed_on) = s.y))::int as n
      from served s
      union all select count(*) filter (where not exists (select 1 from kernel.assessment_result a where a.person_id = s.person_id and a.year = s.y))::int from served s`,
    );
    expect(gaps.map((g) => g.n)).toEqual([0, 0]);
    const [honours] = await rows<{ published: number; overridden: number; waiting: number }>(
      database.db,
      sql`select
      count(*) filter (where status = 'published')::int as published, (select count(*)::int from kernel.honour_override) as overridden,
      count(*) filter (where status = 'submitted')::int as waiting from kernel.credit_record where polarity = 'commendation'`,
    );
    expect(honours).toMatchObject({ overridden: 1, waiting: 1 });
    expect(honours!.published).toBeGreaterThan(50);
    const [confidential] = await rows<{ reports: number; clean: number }>(
      database.db,
      sql`select (select count(*)::int from kernel.personal_matter_report) as reports, (select count(*)::int from kernel.clean_government_record) as clean`,
    );
    expect(confidential!.reports).toBeGreaterThan(100);
    expect(confidential!.clean).toBeGreaterThan(100);
    const report = await completeness(kernelContext(database.db, TEST_SECRETS), {
      from: addDays(shanghaiDate(), -200),
      to: shanghaiDate(),
    });
    const states = new Set(report.rows.map((r) => r.state));
    expect(states.has('on_time') && (states.has('late') || states.has('silent'))).toBe(true);
  });

  it('has leads in every triage state, third-party lists in every release state and a dishonesty list', async () => {
    const leads = await rows<{ status: string; unresolved: number; n: number }>(
      database.db,
      sql`select status, count(*) filter (where org_id is null)::int as unresolved, count(*)::int as n from kernel.lead group by status order by status`,
    );
    expect(leads.map((l) => l.status)).toEqual(['converted', 'dismissed', 'merged', 'new']);
    expect(leads.find((l) => l.status === 'new')!.unresolved).toBe(1);
    const drafts = await rows<{ status: string }>(
      database.db,
      sql`select status from kernel.credit_record where source_system = 'kernel.leads'`,
    );
    expect(drafts).toEqual([{ status: 'draft' }]);
    const lists = await rows<{ status: string }>(
      database.db,
      sql`select status from kernel.evaluation_external_release order by status`,
    );
    expect(lists.map((l) => l.status)).toEqual(['imported', 'released', 'withdrawn']);
    const ctx = kernelContext(database.db, TEST_SECRETS);
    const list = await dishonestyList(database.db, { page: 1, pageSize: 5 }, ctx.today());
    expect(list.total).toBeGreaterThan(0);
    expect(list.items.every((e) => e.changedAt >= list.items.at(-1)!.changedAt)).toBe(true);
  });

  it('has criticism notices in every state, self-corrections granted, refused and under review, an objection before publication', async () => {
    const notices = await rows<{ status: string }>(
      database.db,
      sql`select distinct status from kernel.criticism_notice order by 1`,
    );
    expect(notices.map((n) => n.status)).toEqual(['approved', 'draft', 'published', 'submitted', 'withdrawn']);
    const [flagged] = await rows<{ n: number }>(
      database.db,
      sql`select count(*)::int as n from kernel.criticism_notice n where n.status = 'published' and exists (
        select 1 from kernel.criticism_notice_record nr join kernel.record_event e on e.record_id = nr.record_id
        where nr.notice_id = n.id and e.to_status = 'revoked')`,
    );
    expect(flagged!.n).toBe(1);
    const corrections = await rows<{ status: string; granted: boolean | null }>(
      database.db,
      sql`select distinct status, granted from kernel.self_correction order by 1, 2`,
    );
    expect(corrections).toEqual([
      { status: 'decided', granted: false },
      { status: 'decided', granted: true },
      { status: 'under_review', granted: null },
    ]);
    const [beforePublication] = await rows<{ n: number }>(
      database.db,
      sql`select count(*)::int as n from kernel.objection o join kernel.credit_record r on r.id = o.record_id
      where o.concerns = 'collection' and r.status = 'approved'`,
    );
    expect(beforePublication!.n).toBe(1);
  });

  it('has an objection to an item already shared with the government platform in an export batch', async () => {
    const shared = await rows<{ concerns: string; channel: string; batch: number; status: string }>(
      database.db,
      sql`select o.concerns, o.exchange_channel as channel, o.exchange_batch_no::int as batch, o.status
      from kernel.objection o where o.exchange_seq is not null`,
    );
    expect(shared).toEqual([{ concerns: 'sharing', channel: 'government', batch: 1, status: 'under_review' }]);
  });

  it('is deterministic: the same names and codes on every run', async () => {
    const again = await migratedTestDatabase(engine);
    try {
      await seedDemo(again.db, TEST_SECRETS, { records: 10, persons: 50 });
      const a = await rows<{ name: string; uscc: string }>(
        database.db,
        sql`select name, uscc from kernel.org_unit order by uscc limit 20`,
      );
      const b = await rows<{ name: string; uscc: string }>(
        again.db,
        sql`select name, uscc from kernel.org_unit order by uscc limit 20`,
      );
      expect(b).toEqual(a);
    } finally {
      await again.dispose();
    }
  });
});
