import { rows, sql } from '@chengxin/plugin-sdk';
import {
  createPluginHarness,
  idNumberFor,
  refusalOf,
  testEngines,
  usccFor,
  type PluginHarness,
} from '@chengxin/plugin-sdk/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ProjectInput } from '../contract';
import { pppPlugin } from './plugin';
import { RULES } from './rules';
import { BREACH_TYPE } from './scan';

const TODAY = '2026-11-20';

async function refused(call: Promise<unknown>, appCode: string, field?: string) {
  const refusal = await refusalOf(call);
  expect(refusal, `expected ${appCode}`).not.toBeNull();
  expect(refusal!.appCode).toBe(appCode);
  if (field) expect(refusal!.field).toBe(field);
}

describe.each(testEngines())('ppp plugin on %s', (engine) => {
  let h: PluginHarness<typeof pppPlugin.router>;
  const projectIn = (over: Partial<ProjectInput> = {}): ProjectInput => ({
    orgId: h.fixture.hexiFinance,
    name: '河西区污水处理厂提标改造PPP项目',
    sector: '市政公用',
    partnerName: '天津城投环境发展有限公司',
    partnerUscc: '91120103MA05XK8T4H',
    phase: 'execution',
    paymentMechanism: 'viability_gap',
    startDate: '2019-05-06',
    agreementDate: '2020-01-15',
    termYears: 20,
    risks: [{ category: '建设风险', allocation: 'private', description: '工期延误', mitigation: null }],
    ocid: null,
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
      id: string;
    }>(
      h.database.db,
      sql`
    select r.id::text, r.status, r.subject_kind, r.person_id::text, r.severity, r.facts from kernel_api.record r
    where r.type_key = ${BREACH_TYPE} and r.source_id like ${sourceLike} order by r.subject_kind`,
    );

  beforeAll(async () => {
    process.env['CHENGXIN_TODAY'] = TODAY;
    h = await createPluginHarness(pppPlugin, engine);
  });
  afterAll(async () => {
    delete process.env['CHENGXIN_TODAY'];
    await h.dispose();
  });

  it('refuses changes until enabled, then registers a project in one audited write', async () => {
    await refused(officer().plugin.projects.create(projectIn()), 'PLUGIN_DISABLED');
    await h.enable(null);
    const p = await officer().plugin.projects.create(projectIn());
    expect(p).toMatchObject({
      orgName: '天津市河西区财政局',
      regime: 'ppp_2014',
      newFiscalDutyFlag: false,
      risks: [{ id: '1', allocation: 'private' }],
      // Signed on 2020-01-15 with no contract review on file: the list flags it (合同审查, plan 三.2).
      reviewState: 'unreviewed',
      flags: [RULES.contractReview.id],
    });
    expect(await h.auditCount(['ppp.project.create'], p.id)).toBe(1);
    expect((await officer().plugin.projects.setPhase({ projectId: p.id, phase: 'handover' })).phase).toBe('handover');
    await refused(
      officer().plugin.projects.setPhase({ projectId: p.id, phase: 'execution' }),
      'PHASE_NOT_LATER',
      'phase',
    );
  });

  it('refuses bad input naming the field and writes nothing', async () => {
    const before = (await rows<{ n: number }>(h.database.db, sql`select count(*)::int as n from ppp.project`))[0]!.n;
    await refused(officer().plugin.projects.create(projectIn({ partnerUscc: 'ABC' })), 'INPUT_INVALID', 'partnerUscc');
    await refused(
      officer().plugin.projects.create(projectIn({ agreementDate: '2019-01-01' })),
      'INPUT_INVALID',
      'agreementDate',
    );
    await refused(
      officer().plugin.projects.create(projectIn({ startDate: '2026-12-01', agreementDate: null })),
      'DATE_IN_FUTURE',
      'startDate',
    );
    await refused(officer().plugin.projects.create(projectIn({ orgId: h.fixture.nankai })), 'OUT_OF_SCOPE');
    expect((await rows<{ n: number }>(h.database.db, sql`select count(*)::int as n from ppp.project`))[0]!.n).toBe(
      before,
    );
    const p = await officer().plugin.projects.create(projectIn());
    await refused(
      officer().plugin.obligations.add({
        projectId: p.id,
        kind: 'payment',
        description: '可用性付费',
        dueDate: '2026-03-02',
        amountFen: null,
      }),
      'INPUT_INVALID',
      'amountFen',
    );
    await refused(
      officer().plugin.obligations.add({
        projectId: p.id,
        kind: 'approval',
        description: '调价审批',
        dueDate: '2019-12-31',
        amountFen: null,
      }),
      'DUE_BEFORE_AGREEMENT',
      'dueDate',
    );
    const withDuty = await officer().plugin.obligations.add({
      projectId: p.id,
      kind: 'payment',
      description: '可用性付费',
      dueDate: '2026-03-02',
      amountFen: 1_000_000,
    });
    const ob = withDuty.obligations[0]!;
    await refused(
      officer().plugin.obligations.fulfil({
        obligationId: ob.id,
        fulfilledOn: '2026-03-02',
        amountFen: 1_000_001,
        note: '拨付',
      }),
      'PAYMENT_EXCEEDS_AMOUNT',
      'amountFen',
    );
    await refused(
      officer().plugin.obligations.fulfil({
        obligationId: ob.id,
        fulfilledOn: '2026-03-02',
        amountFen: null,
        note: '拨付',
      }),
      'AMOUNT_REQUIRED',
      'amountFen',
    );
    expect((await officer().plugin.projects.get({ id: p.id })).obligations[0]!.fulfilments).toEqual([]);
  });

  it('computes each obligation on exact dates: grace 30 days across National Day, partly paid, paid late', async () => {
    const p = await officer().plugin.projects.create(projectIn({ name: '按期与逾期' }));
    let out = await officer().plugin.obligations.add({
      projectId: p.id,
      kind: 'payment',
      description: '第6年度可用性付费',
      dueDate: '2026-09-01',
      amountFen: 1_000_000,
    });
    const ob = out.obligations[0]!;
    expect(ob).toMatchObject({ deadline: '2026-10-08', state: 'breach', daysLate: 43, outstandingFen: 1_000_000 });
    out = await officer().plugin.obligations.fulfil({
      obligationId: ob.id,
      fulfilledOn: '2026-10-08',
      amountFen: 400_000,
      note: '第一笔',
    });
    expect(out.obligations[0]).toMatchObject({ state: 'breach', outstandingFen: 600_000 });
    out = await officer().plugin.obligations.fulfil({
      obligationId: ob.id,
      fulfilledOn: '2026-10-09',
      amountFen: 600_000,
      note: '第二笔',
    });
    expect(out.obligations[0]).toMatchObject({ state: 'late', metOn: '2026-10-09', daysLate: 1, outstandingFen: 0 });
    expect(out.flags).toEqual([RULES.obligationOverdue.id, RULES.contractReview.id]);
    // A configured grace of 0 days (set above the body) makes the same payment due on 1 September.
    await h.enable(h.fixture.hexi, { graceDays: 0 });
    expect((await officer().plugin.projects.get({ id: p.id })).obligations[0]).toMatchObject({
      deadline: '2026-09-01',
      daysLate: 38,
    });
    await h.enable(h.fixture.hexi, {});
  });

  it('refuses restructuring, a new term or a change of official as a reason, citing the rule; keeps other reasons for the officer', async () => {
    const p = await officer().plugin.projects.create(projectIn({ name: '理由' }));
    const ob = (
      await officer().plugin.obligations.add({
        projectId: p.id,
        kind: 'land_delivery',
        description: '项目用地交付',
        dueDate: '2026-04-30',
        amountFen: null,
      })
    ).obligations[0]!;
    for (const reason of ['restructuring', 'official_change', 'government_term_change'] as const) {
      const refusal = await officer()
        .plugin.obligations.excuse({ obligationId: ob.id, reason, explanation: '新任领导重新研究', documentNo: null })
        .then(
          () => null,
          (e: { cause: { appCode: string; field: string; messageZh: string } }) => e.cause,
        );
      expect(refusal).toMatchObject({ appCode: 'EXCUSE_NOT_ACCEPTED', field: 'reason' });
      expect(refusal!.messageZh).toContain('优化营商环境条例（2019）第三十一条');
    }
    const kept = await officer().plugin.obligations.excuse({
      obligationId: ob.id,
      reason: 'force_majeure',
      explanation: '汛期无法进场',
      documentNo: '河西防汛〔2026〕3号',
    });
    expect(kept.obligations[0]!.excuses).toEqual([
      { reason: 'force_majeure', explanation: '汛期无法进场', documentNo: '河西防汛〔2026〕3号', recordedOn: TODAY },
    ]);
  });

  it('proposes drafts for the body and the principal official in post on the due date (not the successor), linked, once', async () => {
    const p = await officer().plugin.projects.create(projectIn({ name: '逾期未付' }));
    const ob = (
      await officer().plugin.obligations.add({
        projectId: p.id,
        kind: 'payment',
        description: '第6年度可用性付费',
        dueDate: '2026-03-02',
        amountFen: 5_000_000,
      })
    ).obligations[0]!;
    // A new principal took office after the due date: the draft names the one in post on 2 March.
    await h.caller('admin').kernel.persons.create({
      name: '王新任',
      idNumber: idNumberFor('120103', '1975-02-03', 51),
      tenure: { orgId: h.fixture.hexiFinance, postTitle: '党组书记', principal: true, startDate: '2026-06-01' },
    });
    const first = await h.scan(TODAY);
    expect(first.draftsCreated).toBeGreaterThan(0);
    const drafts = await draftsOf(`${RULES.obligationOverdue.id}:${ob.id}%`);
    expect(drafts.map((d) => [d.subject_kind, d.person_id, d.status, d.severity])).toEqual([
      ['org', null, 'draft', 'serious'],
      ['person', h.fixture.official, 'draft', 'serious'],
    ]);
    expect(drafts[1]!.facts).toContain('张建国（局长，履行期限届满时在任的主要负责人）');
    expect(await h.linkCount(drafts[1]!.id, drafts[0]!.id)).toBeGreaterThan(0);
    const second = await h.scan(TODAY);
    expect(second).toMatchObject({ draftsCreated: 0, alreadyProposed: first.breaches });
  });

  it("a confirmed draft is reviewed and published through the kernel, and stands in the body's integrity file", async () => {
    const [draft] = await draftsOf(`${RULES.obligationOverdue.id}:%`);
    const id = draft!.id;
    const hexiOfficer = officer();
    const corrected = (await hexiOfficer.kernel.records.correct({
      recordId: id,
      expectedVersion: 1,
      reason: '核实后填写认定文书',
      changes: { decisionNo: '津财〔2026〕88号' },
      confirm: ['decisionDate'],
    } as never)) as { current: { version: number } };
    expect(corrected.current.version).toBe(2);
    await hexiOfficer.kernel.records.submit({ recordId: id });
    const reviewer = h.caller('reviewer', { scopeOrgId: h.fixture.hexi });
    await reviewer.kernel.records.approve({ recordId: id });
    const published = (await reviewer.kernel.records.publish({ recordId: id })) as {
      status: string;
      current: { disclosureScope: string };
    };
    expect(published).toMatchObject({ status: 'published', current: { disclosureScope: 'public' } });
    const file = (await h
      .caller('viewer')
      .kernel.files.get({ subject: { kind: 'org', orgId: h.fixture.hexiFinance } } as never)) as {
      standing: { hasEffectiveDishonesty: boolean; effective: { recordId: string; typeKey: string }[] };
    };
    expect(file.standing.hasEffectiveDishonesty).toBe(true);
    expect(file.standing.effective).toContainEqual(expect.objectContaining({ recordId: id, typeKey: BREACH_TYPE }));
  });

  it('proposes a draft for an unlawful unilateral change and none for a lawful one', async () => {
    const p = await officer().plugin.projects.create(projectIn({ name: '单方变更' }));
    await refused(
      officer().plugin.projects.recordChange({
        projectId: p.id,
        changedOn: '2019-12-01',
        description: '取消调价',
        unilateral: true,
        reason: 'other',
        legalAuthority: null,
        procedureRecord: null,
        compensationFen: null,
      }),
      'CHANGE_BEFORE_AGREEMENT',
      'changedOn',
    );
    const bad = await officer().plugin.projects.recordChange({
      projectId: p.id,
      changedOn: '2026-05-08',
      description: '新任领导取消约定的调价',
      unilateral: true,
      reason: 'official_change',
      legalAuthority: '区政府决定',
      procedureRecord: '常务会',
      compensationFen: 0,
    });
    expect(bad.changes[0]).toMatchObject({ lawful: false, missing: ['reason'] });
    const good = await officer().plugin.projects.recordChange({
      projectId: p.id,
      changedOn: '2026-06-08',
      description: '规划调整缩减服务范围',
      unilateral: true,
      reason: 'public_interest',
      legalAuthority: '特许经营管理办法第三十八条',
      procedureRecord: '听证、常务会议纪要',
      compensationFen: 50_000_000,
    });
    expect(good.changes[1]).toMatchObject({ lawful: true, missing: [] });
    await h.scan(TODAY);
    expect(await draftsOf(`${RULES.unilateralChange.id}:${bad.changes[0]!.id}`)).toHaveLength(1);
    expect(await draftsOf(`${RULES.unilateralChange.id}:${good.changes[1]!.id}`)).toHaveLength(0);
  });

  it('reports fiscal affordability per district against the configurable cap, and flags new-mechanism projects with fiscal duties', async () => {
    const admin = h.caller('admin');
    await refused(
      officer().plugin.budgets.save({ orgId: h.fixture.hexi, year: 2026, generalExpenditureFen: 0 }),
      'INPUT_INVALID',
      'generalExpenditureFen',
    );
    await officer().plugin.budgets.save({ orgId: h.fixture.hexi, year: 2026, generalExpenditureFen: 100_000_000 });
    const concession = await officer().plugin.projects.create(
      projectIn({
        name: '新机制停车',
        paymentMechanism: 'user_pays',
        startDate: '2024-03-01',
        agreementDate: '2024-09-01',
        termYears: 30,
      }),
    );
    expect(concession).toMatchObject({ regime: 'concession_2023', newFiscalDutyFlag: false });
    const flagged = await officer().plugin.obligations.add({
      projectId: concession.id,
      kind: 'payment',
      description: '运营补贴',
      dueDate: '2027-03-01',
      amountFen: 3_000_000,
    });
    expect(flagged.flags).toContain(RULES.newMechanism.id);
    const report = await admin.plugin.reports.affordability({ year: 2026 });
    const hexi = report.districts.find((d) => d.orgId === h.fixture.hexi)!;
    // 2026 payment duties of pre-2023 projects in 河西区: 1,000,000 + 1,000,000 + 5,000,000 fen = 7 % of 100,000,000.
    expect(hexi).toMatchObject({ spendingFen: 7_000_000, ratioPct: 7, overCap: false, overGovernmentPaysCap: true });
    expect(hexi.flaggedConcessions).toEqual([
      { projectId: concession.id, name: '新机制停车', fiscalDutyFen: 3_000_000 },
    ]);
    expect(report).toMatchObject({ capPct: 10, capIsSetting: true });
    await h.enable(null, { affordabilityCapPct: 6 });
    expect(
      (await admin.plugin.reports.affordability({ year: 2026 })).districts.find((d) => d.orgId === h.fixture.hexi)!
        .overCap,
    ).toBe(true);
    await h.enable(null, {});
    const values = await h.caller('viewer').kernel.plugins.indicatorValues({
      pluginId: 'ppp',
      indicator: 'ppp.affordability_ratio',
      year: 2026,
      level: 'district',
    });
    expect(values.find((v) => v.orgId === h.fixture.hexi)).toMatchObject({ value: 7 });
  });

  it('records evaluations and performance failures, and imports OCDS PPP releases idempotently', async () => {
    const p = await officer().plugin.projects.create(projectIn({ name: '绩效' }));
    await officer().plugin.projects.recordEvaluation({
      projectId: p.id,
      year: 2025,
      evaluatedOn: '2025-12-20',
      kind: 'annual',
      score: 86.5,
      note: null,
    });
    await refused(
      officer().plugin.projects.recordEvaluation({
        projectId: p.id,
        year: 2025,
        evaluatedOn: '2025-12-21',
        kind: 'annual',
        score: 80,
        note: null,
      }),
      'EVALUATION_EXISTS',
      'year',
    );
    await refused(
      officer().plugin.projects.recordFailure({
        projectId: p.id,
        periodStart: '2025-12-31',
        periodEnd: '2025-01-01',
        category: '水质',
        events: 2,
        penaltyContracted: null,
        penaltyImposed: null,
        penaltyPaid: false,
      }),
      'INPUT_INVALID',
      'periodEnd',
    );
    const withFailure = await officer().plugin.projects.recordFailure({
      projectId: p.id,
      periodStart: '2025-01-01',
      periodEnd: '2025-12-31',
      category: '出水水质超标',
      events: 3,
      penaltyContracted: '每次扣减1%',
      penaltyImposed: '扣减3%',
      penaltyPaid: true,
    });
    expect(withFailure.evaluations).toEqual([expect.objectContaining({ year: 2025, score: 86.5 })]);
    expect(withFailure.failures).toEqual([
      expect.objectContaining({ category: '出水水质超标', events: 3, penaltyPaid: true }),
    ]);

    const release = (ocid: string, buyer: string) => ({
      ocid,
      date: '2026-01-10T09:00:00+08:00',
      tag: ['contract'],
      parties: [
        { id: 'B', name: '天津市河西区财政局', roles: ['buyer'], identifier: { scheme: 'CN-USCC', id: buyer } },
        {
          id: 'P',
          name: '天津泰达环保有限公司',
          roles: ['privateParty'],
          identifier: { scheme: 'CN-USCC', id: '91120116MA06J2K47F' },
        },
      ],
      planning: { project: { title: '河西区垃圾转运站PPP项目', sector: '生态环保' } },
      tender: { tenderPeriod: { startDate: '2021-04-01' } },
      contracts: [
        {
          id: 'C1',
          status: 'active',
          dateSigned: '2022-01-05',
          paymentMechanism: 'government_pays',
          period: { durationInDays: 5479 },
          riskAllocation: [{ id: 'R1', category: 'construction', allocation: 'private', description: '建设风险' }],
          milestones: [
            {
              id: 'M1',
              code: 'payment',
              title: '2025年度付费',
              dueDate: '2025-12-31',
              value: { amount: 120000, currency: 'CNY' },
              dateMet: '2026-01-05',
            },
            { id: 'M2', code: 'approval', title: '调价审批', dueDate: '2026-06-30' },
          ],
          implementation: {
            performanceFailures: [
              {
                id: 'F1',
                period: { startDate: '2025-01-01', endDate: '2025-12-31' },
                category: '转运不及时',
                events: 4,
                penaltyImposed: '扣款',
                penaltyPaid: false,
              },
            ],
          },
        },
      ],
    });
    const pkg = {
      releases: [
        release('ocds-tj0001-PPP-1', usccFor('120103', 3)),
        release('ocds-tj0001-PPP-2', usccFor('120104', 5)),
        { ocid: 'ocds-tj0001-PPP-3', parties: [] },
      ],
    };
    const first = await officer().plugin.projects.importOcds({ package: pkg });
    // A process without a contract yet (PPP-3) is pending, not an error.
    expect(first).toMatchObject({ releases: 3, processes: 3, imported: 1, updated: 0, pending: 1 });
    expect(first.errors.map((e) => [e.index, e.field])).toEqual([[1, 'releases[1].parties']]);
    expect(
      await officer().plugin.projects.importOcds({
        package: { releases: [release('ocds-tj0001-PPP-1', usccFor('120103', 3))] },
      }),
    ).toMatchObject({ imported: 0, updated: 0, unchanged: 1, errors: [] });
    // Implementation milestones are named where they are: contracts[0].implementation.milestones[i].
    const bad = release('ocds-tj0001-PPP-4', usccFor('120103', 3));
    bad.contracts[0]!.implementation = {
      milestones: [
        { id: 'M9', code: 'payment', title: '付费', dueDate: '2026-13-01', value: { amount: 1, currency: 'CNY' } },
      ],
    } as never;
    expect(
      (await officer().plugin.projects.importOcds({ package: { releases: [bad] } })).errors.map((e) => e.field),
    ).toEqual(['releases[0].contracts[0].implementation.milestones[0].dueDate']);
    const imported = (await officer().plugin.projects.list({ limit: 200, q: '垃圾转运站' })).items;
    expect(imported).toHaveLength(1);
    expect(imported[0]).toMatchObject({
      termYears: 15,
      paymentMechanism: 'government_pays',
      regime: 'ppp_2014',
      phase: 'execution',
      risks: [{ id: 'R1', allocation: 'private' }],
      failures: [expect.objectContaining({ events: 4 })],
    });
    // 2025-12-31 + 30 days = 2026-01-30: paid 5 January, on time; the approval is still within its grace.
    expect(imported[0]!.obligations.map((o) => [o.kind, o.state, o.deadline])).toEqual([
      ['payment', 'ok', '2026-01-30'],
      ['approval', 'breach', '2026-07-30'],
    ]);
  });

  it('contributes its indicators and serves its manifest and rules with their day counting', async () => {
    const values = await h.caller('viewer').kernel.plugins.indicatorValues({
      pluginId: 'ppp',
      indicator: 'ppp.obligations_on_time_rate',
      year: 2026,
      level: 'district',
    });
    const hexi = values.find((v) => v.orgId === h.fixture.hexi)!;
    expect(hexi.sample).toBeGreaterThan(0);
    expect(hexi.value).toBeLessThan(100);
    const manifest = await officer().kernel.plugins.manifest({ pluginId: 'ppp' });
    expect(manifest.nav.map((n) => n.key)).toEqual(['projects', 'reviews', 'results', 'affordability']);
    const rules = await h.caller('viewer').kernel.rules.list();
    expect(rules.pluginRules.find((r) => r.ruleId === RULES.obligationOverdue.id)).toMatchObject({
      counting: 'calendar',
      setting: 'graceDays, seriousAfterDaysLate',
    });
    expect(rules.pluginRules.find((r) => r.ruleId === RULES.affordability.id)?.source.confidence).toBe('2nd');
  });
});
