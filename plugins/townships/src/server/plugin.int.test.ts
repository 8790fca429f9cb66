import { rows, sql } from '@chengxin/plugin-sdk';
import {
  createPluginHarness,
  expectRefusal,
  idNumberFor,
  testEngines,
  type PluginHarness,
} from '@chengxin/plugin-sdk/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CommitmentInput } from '../contract';
import { townshipsPlugin } from './plugin';
import { RULES } from './rules';
import { BROKEN_TYPE } from './scan';
import { consoleSmsSender, useSmsSender } from './sms';

const TODAY = '2026-11-20';

const refused = expectRefusal;

describe.each(testEngines())('townships plugin on %s', (engine) => {
  let h: PluginHarness<typeof townshipsPlugin.router>;
  let head: string;
  const commitmentIn = (over: Partial<CommitmentInput> = {}): CommitmentInput => ({
    orgId: h.fixture.hexiStreet,
    year: 2025,
    area: 'employment',
    title: '新增就业岗位200个',
    target: 200,
    unit: '个',
    dueDate: '2025-12-15',
    ...over,
  });
  const officer = () => h.caller('officer', { scopeOrgId: h.fixture.hexi });
  const reviewer = () => h.caller('reviewer', { scopeOrgId: h.fixture.hexi });
  const draftsOf = (sourceLike: string) =>
    rows<{ subject_kind: string; person_id: string | null; status: string; facts: string }>(
      h.database.db,
      sql`
    select r.subject_kind, r.person_id::text, r.status, r.facts from kernel_api.record r
    where r.type_key = ${BROKEN_TYPE} and r.source_id like ${sourceLike} order by r.subject_kind`,
    );
  const quarterly = async (id: string, values: number[]) => {
    for (const [i, value] of values.entries()) {
      await officer().plugin.commitments.reportProgress({
        commitmentId: id,
        quarter: i + 1,
        reportedOn: ['2025-03-31', '2025-06-30', '2025-09-30', '2025-12-10'][i]!,
        value,
        evidence: `第${i + 1}季度台账`,
      });
    }
  };

  // The SMS gateway of the tests: codes kept by number, read back as a resident reads the message.
  const sms = new Map<string, string>();
  const codeFor = async (commitmentId: string, mobile: string) => {
    await h.anonymous().plugin.public.requestCode({ commitmentId, mobile });
    return /验证码为(\d{6})/.exec(sms.get(mobile)!)![1]!;
  };

  beforeAll(async () => {
    useSmsSender({
      send: async (mobile, text) => {
        sms.set(mobile, text);
      },
    });
    process.env['CHENGXIN_TODAY'] = TODAY;
    h = await createPluginHarness(townshipsPlugin, engine);
    head = (
      await h.caller('admin').kernel.persons.create({
        name: '赵主任',
        idNumber: idNumberFor('120103', '1976-04-05', 61),
        tenure: {
          orgId: h.fixture.hexiStreet,
          postTitle: '街道办事处主任',
          principal: true,
          startDate: '2021-01-01',
        },
      })
    ).id;
  });
  afterAll(async () => {
    useSmsSender(consoleSmsSender);
    delete process.env['CHENGXIN_TODAY'];
    await h.dispose();
  });

  it('registers a commitment of a street office in one audited write, reports quarterly progress and grades the year', async () => {
    await refused(officer().plugin.commitments.create(commitmentIn()), 'PLUGIN_DISABLED');
    await h.enable(null);
    const c = await officer().plugin.commitments.create(commitmentIn());
    expect(c).toMatchObject({
      orgName: '天津市河西区友谊路街道办事处',
      target: 200,
      unit: '个',
      publishedOn: null,
      progress: { status: 'broken', percent: 0 },
    });
    expect(await h.auditCount(['townships.commitment.create'], c.id)).toBe(1);
    await quarterly(c.id, [40, 90, 150, 210]);
    const out = await officer().plugin.commitments.get({ id: c.id });
    expect(out.progress).toMatchObject({ status: 'kept', onTime: true, percent: 100 });
    expect(out.quarters.map((q) => [q.quarter, q.value])).toEqual([
      [1, 40],
      [2, 90],
      [3, 150],
      [4, 210],
    ]);
    await refused(
      officer().plugin.commitments.assess({ commitmentId: c.id, assessedOn: '2026-01-10', note: null }),
      'PERMISSION_DENIED',
    );
    expect(
      (await reviewer().plugin.commitments.assess({ commitmentId: c.id, assessedOn: '2026-01-10', note: null }))
        .assessment,
    ).toMatchObject({ grade: 'fully', percent: 100 });
    await refused(
      reviewer().plugin.commitments.assess({ commitmentId: c.id, assessedOn: '2026-01-11', note: null }),
      'ALREADY_ASSESSED',
      'commitmentId',
    );
  });

  it('refuses bad input naming the field, and writes nothing', async () => {
    const count = async () =>
      (
        await rows<{ n: number }>(
          h.database.db,
          sql`select ((select count(*) from townships.commitment) + (select count(*) from townships.evidence))::int as n`,
        )
      )[0]!.n;
    const before = await count();
    await refused(
      officer().plugin.commitments.create(commitmentIn({ dueDate: '2026-01-15' })),
      'INPUT_INVALID',
      'dueDate',
    );
    await refused(officer().plugin.commitments.create(commitmentIn({ target: 0 })), 'INPUT_INVALID', 'target');
    await refused(
      officer().plugin.commitments.create(commitmentIn({ orgId: h.fixture.hexiFinance })),
      'NOT_A_TOWNSHIP',
      'orgId',
    );
    await refused(officer().plugin.commitments.create(commitmentIn({ orgId: h.fixture.nankai })), 'OUT_OF_SCOPE');
    const c = await officer().plugin.commitments.create(
      commitmentIn({ area: 'parking', title: '新增停车泊位', target: 300 }),
    );
    await refused(
      officer().plugin.commitments.reportProgress({
        commitmentId: c.id,
        quarter: 3,
        reportedOn: '2025-06-30',
        value: 10,
        evidence: '台账',
      }),
      'REPORT_BEFORE_QUARTER',
      'reportedOn',
    );
    await refused(
      officer().plugin.commitments.reportProgress({
        commitmentId: c.id,
        quarter: 1,
        reportedOn: '2026-11-21',
        value: 10,
        evidence: '台账',
      }),
      'DATE_IN_FUTURE',
      'reportedOn',
    );
    await officer().plugin.commitments.reportProgress({
      commitmentId: c.id,
      quarter: 1,
      reportedOn: '2025-03-31',
      value: 10,
      evidence: '台账',
    });
    await refused(
      officer().plugin.commitments.reportProgress({
        commitmentId: c.id,
        quarter: 1,
        reportedOn: '2025-04-01',
        value: 20,
        evidence: '台账',
      }),
      'QUARTER_REPORTED',
      'quarter',
    );
    await refused(
      reviewer().plugin.commitments.assess({
        commitmentId: (await officer().plugin.commitments.create(commitmentIn({ year: 2026, dueDate: '2026-12-15' })))
          .id,
        assessedOn: TODAY,
        note: null,
      }),
      'ASSESSMENT_TOO_EARLY',
      'assessedOn',
    );
    expect(await count()).toBe(before + 3);
  });

  it('grades partly and not kept by the configured floor, and proposes a draft against the street and its head in post, once', async () => {
    const partly = await officer().plugin.commitments.create(
      commitmentIn({ area: 'elderly_care', title: '日间照料中心床位', target: 100, unit: '张' }),
    );
    await quarterly(partly.id, [20, 40, 60, 70]);
    const not = await officer().plugin.commitments.create(
      commitmentIn({ area: 'safety', title: '安装烟感报警器', target: 1000, unit: '户' }),
    );
    await quarterly(not.id, [100, 200, 300, 400]);
    expect((await officer().plugin.commitments.get({ id: partly.id })).progress).toMatchObject({
      status: 'partly_kept',
      percent: 70,
    });
    expect((await officer().plugin.commitments.get({ id: not.id })).progress).toMatchObject({
      status: 'broken',
      percent: 40,
      brokenOn: '2025-12-15',
    });
    // Issue 25, finding 20: by default a commitment not kept feeds the performance assessment, not credit records.
    expect((await h.scan(TODAY)).draftsCreated).toBe(0);
    expect(await draftsOf(`${RULES.notKept.id}:${not.id}%`)).toEqual([]);
    const perf = await reviewer().plugin.commitments.performance({ year: 2025 });
    expect(perf).toMatchObject({ year: 2025, asOf: '2025-12-31' });
    expect(perf.rows.find((r) => r.orgId === h.fixture.hexiStreet)).toMatchObject({
      orgName: '天津市河西区友谊路街道办事处',
      fully: 1,
      partly: 1,
      notKept: 2,
    }); // with the parking commitment above
    // Drafts only where the deployment turns them on (a local choice).
    await h.enable(null, { breachDrafts: true });
    const first = await h.scan(TODAY);
    const drafts = await draftsOf(`${RULES.notKept.id}:${not.id}%`);
    expect(drafts.map((d) => [d.subject_kind, d.person_id, d.status])).toEqual([
      ['org', null, 'draft'],
      ['person', head, 'draft'],
    ]);
    expect(drafts[0]!.facts).toContain('实际完成400户（40%），低于部分兑现标准60%（配置项）');
    expect(await draftsOf(`%:${partly.id}%`)).toEqual([]);
    expect((await h.scan(TODAY)).draftsCreated).toBe(0);
    expect(first.draftsCreated).toBeGreaterThanOrEqual(2);
    // A floor of 75 % set above the street makes the same 70 % a commitment not kept.
    await h.enable(h.fixture.hexi, { partlyKeptFromPct: 75 });
    expect((await officer().plugin.commitments.get({ id: partly.id })).progress.status).toBe('broken');
    await h.enable(h.fixture.hexi, {});
  });

  it('accepts a lawful change, treats a new official as no reason (§31) and proposes the unlawful change', async () => {
    const c = await officer().plugin.commitments.create(
      commitmentIn({ area: 'housing', title: '老旧小区改造', target: 3, unit: '个小区' }),
    );
    const lawful = await officer().plugin.commitments.recordChange({
      commitmentId: c.id,
      changedOn: '2025-07-01',
      description: '纳入旧城改造',
      agreed: false,
      reason: 'public_interest',
      legalAuthority: '《城乡规划法》第五十条',
      procedureRecord: '居民代表会议',
      compensationFen: 0,
    });
    expect(lawful.progress).toMatchObject({ status: 'changed_lawfully' });
    const d = await officer().plugin.commitments.create(
      commitmentIn({ area: 'transport', title: '新开社区公交线路', target: 2, unit: '条' }),
    );
    const bad = await officer().plugin.commitments.recordChange({
      commitmentId: d.id,
      changedOn: '2025-08-01',
      description: '新任主任决定暂缓',
      agreed: false,
      reason: 'official_change',
      legalAuthority: null,
      procedureRecord: null,
      compensationFen: null,
    });
    // Corrected (issue 25, finding 20): §31's compensation protects market entities; a commitment to residents is not
    // unlawfully changed for want of it (this test listed 'compensationFen' among the defects).
    expect(bad.progress).toMatchObject({
      status: 'broken',
      brokenOn: '2025-08-01',
      changes: [{ lawful: false, missing: ['reason', 'legalAuthority', 'procedureRecord'] }],
    });
    const e = await officer().plugin.commitments.create(
      commitmentIn({ area: 'property', title: '新增口袋公园', target: 2, unit: '个' }),
    );
    const noCompensation = await officer().plugin.commitments.recordChange({
      commitmentId: e.id,
      changedOn: '2025-07-15',
      description: '地块用于防汛工程',
      agreed: false,
      reason: 'public_interest',
      legalAuthority: '《防洪法》第二十九条',
      procedureRecord: '街道党工委会议纪要',
      compensationFen: null,
    });
    expect(noCompensation.progress).toMatchObject({
      status: 'changed_lawfully',
      changes: [{ lawful: true, missing: [] }],
    });
    await h.scan(TODAY);
    expect((await draftsOf(`${RULES.notKept.id}:${bad.progress.changes[0]!.id}%`)).map((x) => x.subject_kind)).toEqual([
      'org',
      'person',
    ]);
    expect(await draftsOf(`%:${c.id}%`)).toEqual([]);
  });

  it('shows the public board (published only, no evidence text), takes one rating per person per commitment, and ranks candidates with criteria', async () => {
    const c = await officer().plugin.commitments.create(
      commitmentIn({ area: 'convenience', title: '便民服务事项办结', target: 100, unit: '件' }),
    );
    await quarterly(c.id, [30, 60, 90, 120]);
    const anon = h.anonymous();
    await refused(
      anon.plugin.public.rate({ commitmentId: c.id, mobile: '13800000001', fulfilment: 5, satisfaction: 5 }),
      'COMMITMENT_NOT_PUBLISHED',
      'commitmentId',
    );
    await officer().plugin.commitments.publish({ commitmentId: c.id });
    await refused(officer().plugin.commitments.publish({ commitmentId: c.id }), 'ALREADY_PUBLISHED');
    await refused(
      anon.plugin.public.rate({ commitmentId: c.id, mobile: '12345', fulfilment: 5, satisfaction: 5 }),
      'INPUT_INVALID',
      'mobile',
    );
    for (const [i, mobile] of ['13800000001', '13900000002', '15000000003'].entries()) {
      expect(
        await anon.plugin.public.rate({
          commitmentId: c.id,
          mobile,
          fulfilment: 5,
          satisfaction: 4 + (i % 2),
          code: await codeFor(c.id, mobile),
        }),
      ).toEqual({ ok: true, count: i + 1, verified: true });
    }
    // The same person again: nothing changes, and the answer does not tell whether that number had rated.
    expect(
      await anon.plugin.public.rate({ commitmentId: c.id, mobile: ' 13800000001 ', fulfilment: 1, satisfaction: 1 }),
    ).toEqual({ ok: true, count: 3, verified: true });
    const [mine] = await rows<{ n: number; f: number }>(
      h.database.db,
      sql`select count(*)::int as n, min(fulfilment)::int as f from townships.rating where commitment_id = ${c.id}`,
    );
    expect(mine).toEqual({ n: 3, f: 5 });
    const [stored] = await rows<{ keys: string }>(
      h.database.db,
      sql`select string_agg(rater_key, ',') as keys from townships.rating where commitment_id = ${c.id}`,
    );
    expect(stored!.keys).not.toContain('13800000001');
    const board = await anon.plugin.public.board({ year: 2025 });
    const street = board.items.find((x) => x.orgId === h.fixture.hexiStreet)!;
    expect(street.commitments.map((x) => x.id)).toEqual([c.id]);
    expect(street.commitments[0]).toMatchObject({
      percent: 100,
      status: 'kept',
      ratings: { count: 3, satisfaction: 4.3, fulfilment: 5 },
      quarters: [
        { quarter: 1, value: 30 },
        { quarter: 2, value: 60 },
        { quarter: 3, value: 90 },
        { quarter: 4, value: 120 },
      ],
    });
    expect(JSON.stringify(board)).not.toContain('台账');
    // Found by part of its name and by its district; another district's filter leaves it out.
    const named = await anon.plugin.public.board({ year: 2025, q: '友谊路' });
    expect(named.items.map((x) => x.orgId)).toContain(h.fixture.hexiStreet);
    expect((await anon.plugin.public.board({ year: 2025, q: '不存在的街道名' })).items).toEqual([]);
    expect(
      (await anon.plugin.public.board({ year: 2025, districtId: h.fixture.hexi })).items.map((x) => x.orgId),
    ).toEqual([h.fixture.hexiStreet]);
    expect((await anon.plugin.public.board({ year: 2025, districtId: h.fixture.nankai })).items).toEqual([]);
    const ranked = await anon.plugin.public.candidates({ year: 2025 });
    expect(ranked).toMatchObject({
      criteriaAreSettings: true,
      criteria: [
        { key: 'fullyKeptPct', threshold: 80 },
        { key: 'noneNotKept' },
        { key: 'satisfaction', threshold: 4 },
        { key: 'noDishonestyRecord' },
      ],
    });
    expect(ranked.items[0]).toMatchObject({
      rank: 1,
      orgId: h.fixture.hexiStreet,
      commitments: 1,
      fullyKeptPct: 100,
      satisfaction: 4.3,
      ratings: 3,
      eligible: true,
      failed: [],
    });
  });

  it('computes the indicators for the evaluation', async () => {
    const kept = await h.caller('admin').kernel.plugins.indicatorValues({
      pluginId: 'townships',
      indicator: 'townships.commitments_kept_rate',
      year: 2025,
    });
    expect(kept.find((v) => v.orgId === h.fixture.hexi)).toMatchObject({ value: 100, sample: 1 });
    const sat = await h.caller('admin').kernel.plugins.indicatorValues({
      pluginId: 'townships',
      indicator: 'townships.public_satisfaction',
      year: 2025,
    });
    expect(sat.find((v) => v.orgId === h.fixture.hexi)).toMatchObject({ value: 4.3, sample: 3 });
  });
  it('keeps made-up numbers out of the published figures: unverified, over the daily cap or from one address too often', async () => {
    // Before: 12 made-up numbers moved a street's satisfaction from 4.8 to 3.0 and its candidate rank from 1 to 32.
    const c = await officer().plugin.commitments.create(
      commitmentIn({ area: 'schooling', title: '校外托管服务', target: 10, unit: '所' }),
    );
    await quarterly(c.id, [3, 6, 9, 12]);
    await officer().plugin.commitments.publish({ commitmentId: c.id });
    const anon = h.anonymous();
    const shown = async () =>
      (await anon.plugin.public.board({ year: 2025 })).items
        .find((x) => x.orgId === h.fixture.hexiStreet)!
        .commitments.find((x) => x.id === c.id)!.ratings;
    const before = await anon.plugin.public.candidates({ year: 2025 });
    for (let i = 0; i < 12; i++)
      expect(
        await anon.plugin.public.rate({
          commitmentId: c.id,
          mobile: `1370000${String(i).padStart(4, '0')}`,
          fulfilment: 1,
          satisfaction: 1,
        }),
      ).toMatchObject({ ok: true, verified: false, count: 0 });
    expect(await shown()).toEqual({ count: 0, fulfilment: null, satisfaction: null });
    expect(
      (await anon.plugin.public.candidates({ year: 2025 })).items.map((x) => [x.orgId, x.satisfaction, x.rank]),
    ).toEqual(before.items.map((x) => [x.orgId, x.satisfaction, x.rank]));
    // A wrong code is refused naming the field, and a code works once.
    await refused(
      anon.plugin.public.rate({
        commitmentId: c.id,
        mobile: '13600000001',
        fulfilment: 5,
        satisfaction: 5,
        code: '000000',
      }),
      'RATING_CODE_WRONG',
      'code',
    );
    // Same address, same day: the flagged rating is kept for review but not published.
    const [flags] = await rows<{ flagged: number }>(
      h.database.db,
      sql`select count(*) filter (where flag = 'same_address')::int as flagged from townships.rating where commitment_id = ${c.id}`,
    );
    expect(flags!.flagged).toBe(9);
    const flagged = await anon.plugin.public.rate({
      commitmentId: c.id,
      mobile: '13600000002',
      fulfilment: 5,
      satisfaction: 5,
      code: await codeFor(c.id, '13600000002'),
    });
    expect(flagged).toMatchObject({ verified: true, count: 0 });
    // A daily cap per commitment: past it, verified ratings are held back too.
    await h.caller('admin').kernel.plugins.configure({
      pluginId: 'townships',
      orgId: h.fixture.city,
      enabled: true,
      config: { dailyRatingCap: 1, sameAddressDailyMax: 1000 },
    });
    const first = await anon.plugin.public.rate({
      commitmentId: c.id,
      mobile: '13600000003',
      fulfilment: 4,
      satisfaction: 4,
      code: await codeFor(c.id, '13600000003'),
    });
    expect(first).toMatchObject({ verified: true, count: 1 });
    const capped = await anon.plugin.public.rate({
      commitmentId: c.id,
      mobile: '13600000004',
      fulfilment: 1,
      satisfaction: 1,
      code: await codeFor(c.id, '13600000004'),
    });
    expect(capped).toMatchObject({ verified: true, count: 1 });
    expect(
      (
        await rows<{ flag: string | null }>(
          h.database.db,
          sql`select flag from townships.rating where commitment_id = ${c.id} and verified order by created_at`,
        )
      ).map((r) => r.flag),
    ).toEqual(['same_address', null, 'daily_cap']);
    await h
      .caller('admin')
      .kernel.plugins.configure({ pluginId: 'townships', orgId: h.fixture.city, enabled: true, config: {} });
  });
});
