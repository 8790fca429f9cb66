import { rows, sql } from '@chengxin/plugin-sdk';
import { createPluginHarness, expectRefusal, testEngines, type PluginHarness } from '@chengxin/plugin-sdk/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { PromiseInput } from '../contract';
import { investmentPromisesPlugin } from './plugin';
import { RULES } from './rules';
import { BREACH_TYPE } from './scan';

const TODAY = '2026-11-20';

const refused = expectRefusal;

describe.each(testEngines())('investment-promises plugin on %s', (engine) => {
  let h: PluginHarness<typeof investmentPromisesPlugin.router>;
  const promiseIn = (over: Partial<PromiseInput> = {}): PromiseInput => ({
    orgId: h.fixture.hexiFinance,
    responsiblePersonId: null,
    kind: 'agreement',
    category: 'subsidy',
    title: '河西区智能制造项目设备补贴',
    beneficiaryName: '天津智能装备制造有限公司',
    beneficiaryUscc: '91120103MA05XK8T4H',
    selective: true,
    madeOn: '2026-01-15',
    basisKind: 'administrative_regulation',
    legalBasis: '《中小企业促进法》第十条',
    documentNo: '河西招商〔2026〕3号',
    milestones: [
      { title: '首期补贴', dueDate: '2026-03-31', target: null, unit: null, amountFen: 1_000_000 },
      { title: '二期补贴', dueDate: '2026-09-30', target: null, unit: null, amountFen: 1_000_000 },
    ],
    ...over,
  });
  const officer = () => h.caller('officer', { scopeOrgId: h.fixture.hexi });
  const draftsOf = (sourceLike: string) =>
    rows<{
      status: string;
      subject_kind: string;
      person_id: string | null;
      severity: string;
      facts: string;
      payload: { ruleId: string };
    }>(
      h.database.db,
      sql`
    select r.status, r.subject_kind, r.person_id::text, r.severity, r.facts, r.payload from kernel_api.record r
    where r.type_key = ${BREACH_TYPE} and r.source_id like ${sourceLike} order by r.subject_kind`,
    );

  beforeAll(async () => {
    process.env['CHENGXIN_TODAY'] = TODAY;
    h = await createPluginHarness(investmentPromisesPlugin, engine);
  });
  afterAll(async () => {
    delete process.env['CHENGXIN_TODAY'];
    await h.dispose();
  });

  it('refuses until enabled, then registers a promise with its milestones in one audited write and follows its progress', async () => {
    await refused(officer().plugin.promises.register(promiseIn()), 'PLUGIN_DISABLED');
    await h.enable(null);
    const p = await officer().plugin.promises.register(promiseIn());
    expect(p).toMatchObject({
      orgName: '天津市河西区财政局',
      amountFen: 2_000_000,
      fairCompetition: { unlawful: false },
      progress: { status: 'broken', percent: 0, brokenOn: '2026-03-31' },
    });
    expect(await h.auditCount(['investment-promises.promise.register'], p.id)).toBe(1);
    const [m1, m2] = p.progress.milestones;
    let out = await officer().plugin.promises.recordEvidence({
      milestoneId: m1!.id,
      on: '2026-03-31',
      value: 1_000_000,
      note: '拨付凭证1',
    });
    expect(out.progress).toMatchObject({ status: 'partly_kept', percent: 50, outstandingFen: 1_000_000 });
    out = await officer().plugin.promises.recordEvidence({
      milestoneId: m2!.id,
      on: '2026-09-30',
      value: 1_000_000,
      note: '拨付凭证2',
    });
    expect(out.progress).toMatchObject({ status: 'kept', onTime: true, percent: 100 });
    expect((await officer().plugin.promises.list({ status: 'kept' })).items.map((x) => x.id)).toEqual([p.id]);
  });

  it('refuses bad input naming the field, and writes nothing', async () => {
    const count = async () =>
      (
        await rows<{ n: number }>(
          h.database.db,
          sql`select ((select count(*) from investment_promises.promise) + (select count(*) from investment_promises.evidence))::int as n`,
        )
      )[0]!.n;
    const before = await count();
    await refused(
      officer().plugin.promises.register(promiseIn({ beneficiaryUscc: 'ABC' })),
      'INPUT_INVALID',
      'beneficiaryUscc',
    );
    await refused(
      officer().plugin.promises.register(promiseIn({ basisKind: 'law', legalBasis: null })),
      'INPUT_INVALID',
      'legalBasis',
    );
    await refused(
      officer().plugin.promises.register(
        promiseIn({ milestones: [{ title: '补贴', dueDate: '2025-12-31', target: null, unit: null, amountFen: 1 }] }),
      ),
      'INPUT_INVALID',
      'milestones.0.dueDate',
    );
    await refused(
      officer().plugin.promises.register(
        promiseIn({
          madeOn: '2026-11-21',
          milestones: [{ title: '补贴', dueDate: '2026-12-31', target: null, unit: null, amountFen: 1 }],
        }),
      ),
      'DATE_IN_FUTURE',
      'madeOn',
    );
    await refused(officer().plugin.promises.register(promiseIn({ orgId: h.fixture.nankai })), 'OUT_OF_SCOPE');
    await refused(
      h.caller('viewer', { scopeOrgId: h.fixture.hexi }).plugin.promises.register(promiseIn()),
      'PERMISSION_DENIED',
    );
    const p = await officer().plugin.promises.register(promiseIn());
    const m = p.progress.milestones[0]!;
    await refused(
      officer().plugin.promises.recordEvidence({ milestoneId: m.id, on: '2026-03-01', value: 1_000_001, note: '超额' }),
      'AMOUNT_EXCEEDS_PROMISE',
      'value',
    );
    await refused(
      officer().plugin.promises.recordEvidence({ milestoneId: m.id, on: '2026-03-01', value: null, note: '无金额' }),
      'VALUE_REQUIRED',
      'value',
    );
    await refused(
      officer().plugin.promises.recordEvidence({ milestoneId: m.id, on: '2026-01-01', value: 100, note: '早于承诺' }),
      'EVIDENCE_BEFORE_PROMISE',
      'on',
    );
    await refused(
      officer().plugin.promises.recordChange({
        promiseId: p.id,
        changedOn: '2026-01-01',
        description: '变更',
        agreed: false,
        reason: 'public_interest',
        legalAuthority: 'x',
        procedureRecord: 'y',
        compensationFen: 0,
      }),
      'CHANGE_BEFORE_PROMISE',
      'changedOn',
    );
    expect(await count()).toBe(before + 1);
  });

  // Corrected (issue 25, finding 21): making an unlawful promise is itself a ground of liability (外商投资法实施条例
  // §41(四)); this test expected no draft at all. Still no breach for its milestones.
  it('flags a tax rebate to one firm on a meeting minute as unlawful from the start: no breach, one draft against the body that made it', async () => {
    const p = await officer().plugin.promises.register(
      promiseIn({ category: 'tax', title: '税收返还', basisKind: 'normative_document', legalBasis: '区招商会议纪要' }),
    );
    expect(p.fairCompetition).toMatchObject({ unlawful: true, article: '公平竞争审查条例第十条第（一）项' });
    expect((await officer().plugin.promises.list({ unlawfulOnly: true })).items.map((x) => x.id)).toEqual([p.id]);
    await h.scan(TODAY);
    expect(await draftsOf(`%:${p.progress.milestones[0]!.id}%`)).toEqual([]);
    const made = await draftsOf(`${RULES.unlawfulPromise.id}:unlawful:${p.id}%`);
    expect(made.map((d) => [d.subject_kind, d.status, d.payload.ruleId])).toEqual([
      ['org', 'draft', RULES.unlawfulPromise.id],
    ]);
    expect(made[0]!.facts).toContain('自始违法');
    // A promise of 2023 is judged by 国发〔2016〕34号: a local regulation is a sufficient basis there.
    const old = await officer().plugin.promises.register(
      promiseIn({
        category: 'land',
        title: '用地优惠',
        madeOn: '2023-06-01',
        basisKind: 'local_regulation',
        legalBasis: '《天津市促进企业发展条例》第十二条',
      }),
    );
    expect(old.fairCompetition.unlawful).toBe(false);
  });

  it('refuses a new term, reorganisation or a new official as a reason (§31), keeps other reasons for the officer', async () => {
    const p = await officer().plugin.promises.register(promiseIn({ title: '理由' }));
    for (const reason of ['restructuring', 'official_change', 'government_term_change', 'division_change'] as const) {
      const refusal = await officer()
        .plugin.promises.excuse({ promiseId: p.id, reason, explanation: '新任领导另有安排' })
        .then(
          () => null,
          (e: { cause?: { appCode?: string; field?: string; messageZh?: string } }) => e.cause,
        );
      expect(refusal).toMatchObject({ appCode: 'EXCUSE_NOT_ACCEPTED', field: 'reason' });
      expect(refusal!.messageZh).toContain('优化营商环境条例（2019）第三十一条');
    }
    expect(
      (await officer().plugin.promises.excuse({ promiseId: p.id, reason: 'force_majeure', explanation: '汛期' }))
        .excuses,
    ).toMatchObject([{ reason: 'force_majeure' }]);
  });

  it('tells a lawful change from an unlawful one, and proposes drafts for arrears, broken promises and unlawful changes — body and official in post, once', async () => {
    const lawful = await officer().plugin.promises.register(
      promiseIn({
        category: 'land',
        title: '用地交付',
        basisKind: 'law',
        legalBasis: '《土地管理法》第五十四条',
        milestones: [{ title: '交付净地', dueDate: '2026-12-31', target: null, unit: null, amountFen: null }],
      }),
    );
    const ch = await officer().plugin.promises.recordChange({
      promiseId: lawful.id,
      changedOn: '2026-06-01',
      description: '收回地块另行安排',
      agreed: false,
      reason: 'public_interest',
      legalAuthority: '《土地管理法》第五十八条',
      procedureRecord: '听证',
      compensationFen: 500_000,
    });
    expect(ch.progress).toMatchObject({ status: 'changed_lawfully', changes: [{ lawful: true, missing: [] }] });
    const unlawful = await officer().plugin.promises.register(
      promiseIn({
        category: 'service',
        title: '人才公寓',
        milestones: [{ title: '交付', dueDate: '2026-12-31', target: null, unit: null, amountFen: null }],
      }),
    );
    const bad = await officer().plugin.promises.recordChange({
      promiseId: unlawful.id,
      changedOn: '2026-05-08',
      description: '新任局长取消',
      agreed: false,
      reason: 'official_change',
      legalAuthority: null,
      procedureRecord: null,
      compensationFen: null,
    });
    expect(bad.progress).toMatchObject({
      status: 'broken',
      brokenOn: '2026-05-08',
      changes: [{ lawful: false, missing: ['reason', 'legalAuthority', 'procedureRecord', 'compensationFen'] }],
    });
    const unpaid = await officer().plugin.promises.register(
      promiseIn({
        title: '欠付补贴',
        milestones: [{ title: '补贴', dueDate: '2026-03-31', target: null, unit: null, amountFen: 3_000_000 }],
      }),
    );
    const undelivered = await officer().plugin.promises.register(
      promiseIn({
        category: 'approval',
        title: '审批',
        milestones: [{ title: '办结环评审批', dueDate: '2026-04-30', target: null, unit: null, amountFen: null }],
      }),
    );
    const first = await h.scan(TODAY);
    expect(first.draftsCreated).toBeGreaterThan(0);
    const arrears = await draftsOf(`${RULES.arrears.id}:${unpaid.progress.milestones[0]!.id}%`);
    expect(arrears.map((d) => [d.subject_kind, d.person_id, d.status])).toEqual([
      ['org', null, 'draft'],
      ['person', h.fixture.official, 'draft'],
    ]);
    expect(arrears[0]!.facts).toContain('未付30,000.00元');
    expect((await draftsOf(`${RULES.promiseBroken.id}:${undelivered.id}%`)).map((d) => d.subject_kind)).toEqual([
      'org',
      'person',
    ]);
    expect((await draftsOf(`${RULES.lawfulChange.id}:${bad.progress.changes[0]!.id}%`))[0]!.facts).toContain(
      '理由为“相关责任人更替”，所持理由依法不予接受、无法定权限依据、未经法定程序、未依法补偿',
    );
    expect(await draftsOf(`%:${lawful.id}%`)).toEqual([]);
    const again = await h.scan(TODAY);
    expect(again.draftsCreated).toBe(0);
    expect(again.alreadyProposed).toBe(first.draftsCreated + first.alreadyProposed);
  });

  it('forwards an enterprise complaint on a working-day clock; a confirmed one the body refuses to fix proposes a draft', async () => {
    const p = await officer().plugin.promises.register(promiseIn({ title: '投诉' }));
    const c = await officer().plugin.complaints.receive({
      promiseId: p.id,
      channel: 'hotline_12345',
      receivedOn: '2026-09-29',
      summary: '补贴未兑现',
      ticketNo: '12345-1',
    });
    expect(c).toMatchObject({ forwardDue: '2026-10-09', forwardState: 'breach', verifyState: 'not_applicable' });
    await refused(
      officer().plugin.complaints.verify({
        complaintId: c.id,
        verifiedOn: '2026-10-20',
        outcome: 'refused',
        note: '属实',
      }),
      'NOT_FORWARDED',
      'complaintId',
    );
    await refused(
      officer().plugin.complaints.forward({
        complaintId: c.id,
        forwardedOn: '2026-09-28',
        forwardedTo: '河西区发展改革委',
      }),
      'FORWARDED_BEFORE_RECEIPT',
      'forwardedOn',
    );
    const f = await officer().plugin.complaints.forward({
      complaintId: c.id,
      forwardedOn: '2026-10-09',
      forwardedTo: '河西区发展改革委',
    });
    // 20 working days from Friday 9 October (Saturday 10 October is a working day in the 2026 arrangement).
    expect(f).toMatchObject({ forwardState: 'ok', verifyDue: '2026-11-05', verifyState: 'breach' });
    const v = await officer().plugin.complaints.verify({
      complaintId: c.id,
      verifiedOn: '2026-10-20',
      outcome: 'refused',
      note: '属实，拒不整改',
    });
    expect(v).toMatchObject({ outcome: 'refused', verifyState: 'ok' });
    await h.scan(TODAY);
    expect((await draftsOf(`${RULES.refusedToFix.id}:${c.id}%`)).map((d) => d.subject_kind)).toEqual(['org', 'person']);
    expect((await officer().plugin.complaints.list({ open: false })).items.map((x) => x.id)).toContain(c.id);
  });

  it('computes the indicators for the evaluation', async () => {
    const kernel = h.caller('admin').kernel.plugins;
    const onTime = await kernel.indicatorValues({
      pluginId: 'investment-promises',
      indicator: 'investment-promises.kept_on_time_rate',
      year: 2026,
    });
    const hexi = onTime.find((v) => v.orgId === h.fixture.hexi)!;
    expect(hexi.value).toBeGreaterThan(0);
    expect(hexi.value).toBeLessThan(100);
    const unlawfulCount = await kernel.indicatorValues({
      pluginId: 'investment-promises',
      indicator: 'investment-promises.unlawful_promises',
      year: 2026,
    });
    expect(unlawfulCount.find((v) => v.orgId === h.fixture.hexi)).toMatchObject({ value: 1 });
    const overdue = await kernel.indicatorValues({
      pluginId: 'investment-promises',
      indicator: 'investment-promises.overdue_amount',
      year: 2026,
    });
    expect(overdue.find((v) => v.orgId === h.fixture.hexi)!.value).toBeGreaterThanOrEqual(30_000);
  });
});
