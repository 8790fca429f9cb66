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
import type { TenderInput } from '../contract';
import { biddingPlugin } from './plugin';
import { RULES } from './rules';
import { BREACH_TYPE, INTERFERENCE_TYPE } from './scan';

const TODAY = '2026-11-20';

async function refused(call: Promise<unknown>, appCode: string, field?: string) {
  const refusal = await refusalOf(call);
  expect(refusal, `expected ${appCode}`).not.toBeNull();
  expect(refusal!.appCode).toBe(appCode);
  if (field) expect(refusal!.field).toBe(field);
}

describe.each(testEngines())('bidding plugin on %s', (engine) => {
  let h: PluginHarness<typeof biddingPlugin.router>;
  const tenderIn = (over: Partial<TenderInput> = {}): TenderInput => ({
    orgId: h.fixture.hexiFinance,
    project: '河西区政务服务中心装修工程',
    mustTender: true,
    openRequired: true,
    method: 'open',
    invitedApproval: null,
    estimateFen: 880_000_000,
    agencyId: null,
    issueDate: '2026-09-11',
    bidDeadline: '2026-10-08',
    evaluationReportDate: null,
    publicityStart: null,
    publicityEnd: null,
    awardNoticeDate: null,
    contractDate: null,
    reportDate: null,
    ocid: null,
    ...over,
  });
  const officer = () => h.caller('officer', { scopeOrgId: h.fixture.hexi });
  const cityOfficer = () => h.caller('officer');
  const drafts = (typeKey: string, sourceLike: string) =>
    rows<{
      status: string;
      subject_kind: string;
      person_id: string | null;
      org_id: string;
      facts: string;
      payload: unknown;
      disclosure_scope: string;
    }>(
      h.database.db,
      sql`
    select r.status, r.subject_kind, r.person_id::text, r.org_id::text, r.facts, r.payload, r.disclosure_scope from kernel_api.record r
    where r.type_key = ${typeKey} and r.source_id like ${sourceLike}`,
    );

  beforeAll(async () => {
    process.env['CHENGXIN_TODAY'] = TODAY;
    h = await createPluginHarness(biddingPlugin, engine);
  });
  afterAll(async () => {
    delete process.env['CHENGXIN_TODAY'];
    await h.dispose();
  });

  it('refuses changes until enabled, then checks a tender through the API on exact dates', async () => {
    await refused(officer().plugin.tenders.create(tenderIn()), 'PLUGIN_DISABLED');
    await h.enable(null);
    const t = await officer().plugin.tenders.create(tenderIn());
    expect(t.checks.find((c) => c.ruleId === RULES.bidPeriod.id)).toMatchObject({
      state: 'ok',
      deadline: '2026-10-08',
    });
    const onHoliday = await officer().plugin.tenders.create(tenderIn({ bidDeadline: '2026-10-01' }));
    expect(onHoliday.breaches).toEqual([RULES.bidPeriod.id]);
    const later = await officer().plugin.tenders.recordDates({
      tenderId: t.id,
      evaluationReportDate: '2026-10-15',
      publicityStart: '2026-10-16',
      publicityEnd: '2026-10-19',
      awardNoticeDate: '2026-10-21',
    });
    expect(
      later.checks
        .filter((c) => c.ruleId === RULES.contract.id || c.ruleId === RULES.report.id)
        .map((c) => [c.ruleId, c.state, c.deadline]),
    ).toEqual([
      [RULES.contract.id, 'pending', '2026-11-20'],
      [RULES.report.id, 'breach', '2026-11-05'],
    ]);
  });

  it('refuses bad input naming the field, and writes nothing', async () => {
    const before = (await rows<{ n: number }>(h.database.db, sql`select count(*)::int as n from bidding.tender`))[0]!.n;
    await refused(
      officer().plugin.tenders.create(tenderIn({ bidDeadline: '2026-09-10' })),
      'INPUT_INVALID',
      'bidDeadline',
    );
    await refused(
      officer().plugin.tenders.create(tenderIn({ contractDate: '2026-10-20' })),
      'INPUT_INVALID',
      'awardNoticeDate',
    );
    await refused(
      officer().plugin.tenders.create(tenderIn({ issueDate: '2026-11-21', bidDeadline: '2026-12-21' })),
      'DATE_IN_FUTURE',
      'issueDate',
    );
    await refused(officer().plugin.tenders.create(tenderIn({ orgId: h.fixture.nankai })), 'OUT_OF_SCOPE');
    await refused(
      h.caller('viewer', { scopeOrgId: h.fixture.hexi }).plugin.tenders.create(tenderIn()),
      'PERMISSION_DENIED',
    );
    expect((await rows<{ n: number }>(h.database.db, sql`select count(*)::int as n from bidding.tender`))[0]!.n).toBe(
      before,
    );
    const t = await officer().plugin.tenders.create(tenderIn({ project: '日期顺序' }));
    await refused(
      officer().plugin.tenders.recordDates({ tenderId: t.id, publicityStart: '2026-10-10' }),
      'DATE_ORDER',
      'evaluationReportDate',
    );
    await refused(
      officer().plugin.tenders.addClarification({
        tenderId: t.id,
        issuedOn: '2026-10-09',
        affectsBids: true,
        summary: '修改',
      }),
      'CLARIFICATION_OUTSIDE_PERIOD',
      'issuedOn',
    );
    await refused(
      officer().plugin.tenders.recordIncident({
        tenderId: t.id,
        kind: 'result_changed',
        occurredOn: '2026-10-20',
        description: '改变结果',
        cause: null,
      }),
      'NO_AWARD_NOTICE',
      'kind',
    );
    await officer().plugin.tenders.recordDates({ tenderId: t.id, evaluationReportDate: '2026-10-12' });
    await refused(
      officer().plugin.tenders.recordDates({ tenderId: t.id, evaluationReportDate: '2026-10-13' }),
      'DATE_ALREADY_RECORDED',
      'evaluationReportDate',
    );
  });

  it('proposes a draft against the tenderer for each breach, once, and never publishes', async () => {
    const late = await officer().plugin.tenders.create(tenderIn({ project: '澄清过晚', method: 'invited' }));
    await officer().plugin.tenders.addClarification({
      tenderId: late.id,
      issuedOn: '2026-09-24',
      affectsBids: true,
      summary: '修改评分标准',
    });
    const t = await officer().plugin.tenders.recordDates({
      tenderId: late.id,
      evaluationReportDate: '2026-10-12',
      publicityStart: '2026-10-16',
      publicityEnd: '2026-10-18',
      awardNoticeDate: '2026-10-20',
    });
    await officer().plugin.tenders.recordIncident({
      tenderId: late.id,
      kind: 'conditions_added',
      occurredOn: '2026-10-25',
      description: '要求中标人降价',
      cause: null,
    });
    const withIncident = await officer().plugin.tenders.recordIncident({
      tenderId: late.id,
      kind: 'refused_to_sign',
      occurredOn: '2026-10-26',
      description: '拒签',
      cause: null,
    });
    expect(t.breaches).toEqual(
      expect.arrayContaining([RULES.clarification.id, RULES.publicity.id, RULES.invited.id, RULES.report.id]),
    );
    expect(withIncident.breaches).toEqual(
      expect.arrayContaining([RULES.conditionsAdded.id, RULES.refusedToSign.id, RULES.contract.id]),
    );
    const first = await h.scan(TODAY);
    expect(first.draftsCreated).toBeGreaterThan(0);
    expect(await h.scan(TODAY)).toMatchObject({ draftsCreated: 0, alreadyProposed: first.breaches });
    const mine = await drafts(BREACH_TYPE, `%${late.id}%`);
    const clarification = await drafts(BREACH_TYPE, `${RULES.clarification.id}:%`);
    expect(mine.length + clarification.length).toBeGreaterThanOrEqual(6);
    expect([...mine, ...clarification].every((d) => d.status === 'draft' && d.subject_kind === 'org')).toBe(true);
    expect(clarification[0]!.facts).toContain('距投标截止14日');
  });

  it("records an official's interference as a personal draft, routed to the discipline authority, shared within government only", async () => {
    const t = await officer().plugin.tenders.create(tenderIn({ project: '干预' }));
    const outsider = await h.caller('admin').kernel.persons.create({
      name: '南开某',
      idNumber: idNumberFor('120104', '1972-08-09', 33),
      tenure: { orgId: h.fixture.nankai, postTitle: '副区长', principal: false, startDate: '2020-01-01' },
    });
    await refused(
      officer().plugin.tenders.recordInterference({
        tenderId: t.id,
        personId: outsider.id,
        kind: 'named_winner',
        occurredOn: '2026-09-12',
        description: '指定中标人',
      }),
      'OUT_OF_SCOPE',
    );
    const out = await officer().plugin.tenders.recordInterference({
      tenderId: t.id,
      personId: h.fixture.clerk,
      kind: 'named_winner',
      occurredOn: '2026-09-12',
      description: '授意代理机构确定特定投标人中标',
    });
    expect(out.interferences).toEqual([expect.objectContaining({ personName: '李秀英', kind: 'named_winner' })]);
    await h.scan(TODAY);
    const [d] = await drafts(INTERFERENCE_TYPE, `${RULES.interference.id}:%`);
    // Filed under the official's own body on the day (the street office), not the tenderer's.
    expect(d).toMatchObject({
      status: 'draft',
      subject_kind: 'person',
      person_id: h.fixture.clerk,
      org_id: h.fixture.hexiStreet,
      disclosure_scope: 'government',
    });
    const payload = (typeof d!.payload === 'string' ? JSON.parse(d!.payload) : d!.payload) as {
      disciplineReferral: { to: string; article: string };
    };
    expect(payload.disciplineReferral).toEqual({
      to: '天津市纪委监委',
      article: '中华人民共和国招标投标法实施条例（2019年修订）第八十条',
    });
    // Completing the decision number keeps the evidence and the government-only disclosure (a correction names only what changes).
    const [rec] = await rows<{ id: string }>(
      h.database.db,
      sql`select id::text from kernel_api.record where type_key = ${INTERFERENCE_TYPE} and source_id like ${`${RULES.interference.id}:%`}`,
    );
    const corrected = (await officer().kernel.records.correct({
      recordId: rec!.id,
      expectedVersion: 1,
      reason: '填写认定文书',
      changes: { decisionNo: '津纪〔2026〕7号' },
    } as never)) as { current: { disclosureScope: string; payload: Record<string, unknown> } };
    expect(corrected.current).toMatchObject({
      disclosureScope: 'government',
      payload: { disciplineReferral: { to: '天津市纪委监委' } },
    });
  });

  it('registers, evaluates and discloses tendering agencies with their third-party reports', async () => {
    await refused(
      officer().plugin.agencies.register({
        name: '某代理公司',
        uscc: '91120104MA05KQ7R2B',
        qualification: '招标代理',
        qualificationValidUntil: null,
      }),
      'CITY_SCOPE_REQUIRED',
    );
    const a = await cityOfficer().plugin.agencies.register({
      name: '天津中天招标代理有限公司',
      uscc: '91120104MA05KQ7R2B',
      qualification: '工程招标代理',
      qualificationValidUntil: '2028-12-31',
    });
    await refused(
      cityOfficer().plugin.agencies.register({
        name: '重复',
        uscc: '91120104MA05KQ7R2B',
        qualification: '招标代理',
        qualificationValidUntil: null,
      }),
      'AGENCY_EXISTS',
      'uscc',
    );
    const withReport = await cityOfficer().plugin.agencies.attachReport({
      agencyId: a.id,
      issuer: '天津市信用评级有限公司',
      reportNo: '津信评〔2026〕11号',
      issuedOn: '2026-03-01',
      grade: 'AA',
      validUntil: '2027-02-28',
    });
    await cityOfficer().plugin.agencies.attachReport({
      agencyId: a.id,
      issuer: '某评级公司',
      reportNo: '旧-1',
      issuedOn: '2024-03-01',
      grade: 'A',
      validUntil: '2025-02-28',
    });
    await refused(
      cityOfficer().plugin.agencies.attachReport({
        agencyId: a.id,
        issuer: 'X',
        reportNo: 'Y',
        issuedOn: '2026-03-01',
        grade: 'A',
        validUntil: '2026-02-01',
      }),
      'INPUT_INVALID',
      'validUntil',
    );
    const reportId = withReport.reports[0]!.id;
    await refused(
      cityOfficer().plugin.agencies.evaluate({
        agencyId: a.id,
        year: 2025,
        evaluatedOn: '2026-03-15',
        scores: { qualification: 18, conduct: 27, violations: 27 },
        reportIds: [],
      }),
      'INDICATOR_MISSING',
      'scores.thirdParty',
    );
    await refused(
      cityOfficer().plugin.agencies.evaluate({
        agencyId: a.id,
        year: 2025,
        evaluatedOn: '2026-03-15',
        scores: { qualification: 21, conduct: 27, violations: 27, thirdParty: 18 },
        reportIds: [],
      }),
      'SCORE_OVER_MAX',
      'scores.qualification',
    );
    const evaluated = await cityOfficer().plugin.agencies.evaluate({
      agencyId: a.id,
      year: 2025,
      evaluatedOn: '2026-03-15',
      scores: { qualification: 18, conduct: 27, violations: 27, thirdParty: 18 },
      reportIds: [reportId],
    });
    expect(evaluated.evaluations[0]).toMatchObject({
      year: 2025,
      total: 90,
      grade: 'A',
      reportIds: [reportId],
      status: 'entered',
      publishedOn: null,
    });
    // Entered is not published: the public sees the qualification and reports, no evaluation yet.
    const before = await h.anonymous().plugin.agencies.disclosure({ q: '中天' });
    expect(before[0]).toMatchObject({ latestEvaluation: null, qualificationState: 'valid', supervision: [] });
    const evaluationId = evaluated.evaluations[0]!.id;
    await refused(
      cityOfficer().plugin.agencies.reviewEvaluation({ evaluationId, approve: true, note: null }),
      'PERMISSION_DENIED',
    );
    await refused(
      h.caller('reviewer').plugin.agencies.publishEvaluation({ evaluationId }),
      'EVALUATION_STATE',
      'evaluationId',
    );
    await refused(
      h.caller('reviewer').plugin.agencies.reviewEvaluation({ evaluationId, approve: false, note: null }),
      'NOTE_REQUIRED',
      'note',
    );
    // The reviewer returns it; the officer corrects the score with a reason; the reviewer approves and publishes.
    expect(
      await h
        .caller('reviewer')
        .plugin.agencies.reviewEvaluation({ evaluationId, approve: false, note: '违法违规记录得分有误' }),
    ).toMatchObject({
      status: 'returned',
      statusZh: '退回更正',
      reviewedOn: TODAY,
      reviewNote: '违法违规记录得分有误',
    });
    const corrected = await cityOfficer().plugin.agencies.correctEvaluation({
      evaluationId,
      scores: { qualification: 18, conduct: 27, violations: 20, thirdParty: 18 },
      reportIds: [reportId],
      reason: '2025年有一起投诉经查属实，扣7分',
    });
    expect(corrected).toMatchObject({
      status: 'entered',
      total: 83,
      grade: 'B',
      corrections: [{ on: TODAY, reason: '2025年有一起投诉经查属实，扣7分', before: { total: 90, grade: 'A' } }],
    });
    await refused(
      cityOfficer().plugin.agencies.correctEvaluation({
        evaluationId,
        scores: { qualification: 30 },
        reportIds: [],
        reason: 'x',
      }),
      'INDICATOR_MISSING',
    );
    expect(
      await h.caller('reviewer').plugin.agencies.reviewEvaluation({ evaluationId, approve: true, note: null }),
    ).toMatchObject({
      status: 'reviewed',
    });
    expect(await h.caller('reviewer').plugin.agencies.publishEvaluation({ evaluationId })).toMatchObject({
      status: 'published',
      statusZh: '已公布',
      publishedOn: TODAY,
    });
    expect(
      await h.auditCount(
        [
          'bidding.agency_evaluation.return',
          'bidding.agency_evaluation.correct',
          'bidding.agency_evaluation.approve',
          'bidding.agency_evaluation.publish',
        ],
        evaluationId,
      ),
    ).toBe(4);
    // Dynamic supervision: entered, then disclosed once published.
    const entry = await cityOfficer().plugin.agencies.recordSupervision({
      agencyId: a.id,
      kind: 'complaint',
      occurredOn: '2026-06-18',
      summary: '投诉其在某项目中泄露投标人名单',
      outcome: '经查属实，责令改正',
      documentNo: '津发改招投〔2026〕31号',
    });
    expect(entry).toMatchObject({ status: 'entered', kindZh: '投诉处理' });
    await refused(
      cityOfficer().plugin.agencies.recordSupervision({
        agencyId: a.id,
        kind: 'inspection',
        occurredOn: '2026-11-21',
        summary: '未来',
        outcome: null,
        documentNo: null,
      }),
      'DATE_IN_FUTURE',
      'occurredOn',
    );
    expect((await h.anonymous().plugin.agencies.disclosure({ q: '中天' }))[0]!.supervision).toEqual([]);
    await h.caller('reviewer').plugin.agencies.publishSupervision({ supervisionId: entry.id });
    await refused(
      h.caller('reviewer').plugin.agencies.publishSupervision({ supervisionId: entry.id }),
      'ALREADY_PUBLISHED',
    );
    // The public sees qualification and credit, the reports still valid today, supervision, and that the scheme is a setting.
    const anonymous = await h.anonymous().plugin.agencies.disclosure({ q: '中天' });
    expect(anonymous).toEqual([
      {
        name: '天津中天招标代理有限公司',
        uscc: '91120104MA05KQ7R2B',
        qualification: '工程招标代理',
        qualificationValidUntil: '2028-12-31',
        qualificationState: 'valid',
        latestEvaluation: { year: 2025, grade: 'B', total: 83, publishedOn: TODAY },
        validReports: [
          { issuer: '天津市信用评级有限公司', reportNo: '津信评〔2026〕11号', grade: 'AA', validUntil: '2027-02-28' },
        ],
        supervision: [
          {
            kind: 'complaint',
            kindZh: '投诉处理',
            occurredOn: '2026-06-18',
            summary: '投诉其在某项目中泄露投标人名单',
            outcome: '经查属实，责令改正',
            documentNo: '津发改招投〔2026〕31号',
          },
        ],
        indicatorSystemIsSetting: true,
      },
    ]);
    // Correcting a published evaluation takes it off the portal until it is reviewed and published again.
    await cityOfficer().plugin.agencies.correctEvaluation({
      evaluationId,
      scores: { qualification: 18, conduct: 27, violations: 27, thirdParty: 18 },
      reportIds: [reportId],
      reason: '投诉处理结果经复议撤销',
    });
    expect((await h.anonymous().plugin.agencies.disclosure({ q: '中天' }))[0]!.latestEvaluation).toBeNull();
    expect(
      (await cityOfficer().plugin.agencies.evaluations({ status: 'entered' })).map((e) => [
        e.agencyName,
        e.total,
        e.corrections.length,
      ]),
    ).toEqual([['天津中天招标代理有限公司', 90, 2]]);
  });

  it('imports OCDS tender and award sections idempotently, with clarifications from amendments', async () => {
    const release = (ocid: string, buyer: string, over: Record<string, unknown> = {}) => ({
      ocid,
      date: '2026-10-30T10:00:00+08:00',
      tag: ['award'],
      parties: [
        { id: 'B', name: '天津市河西区财政局', roles: ['buyer'], identifier: { scheme: 'CN-USCC', id: buyer } },
        {
          id: 'A',
          name: '天津中天招标代理有限公司',
          roles: ['procuringEntity'],
          identifier: { scheme: 'CN-USCC', id: '91120104MA05KQ7R2B' },
        },
      ],
      tender: {
        id: 'T1',
        title: '河西区排水管网改造工程',
        procurementMethod: 'open',
        openRequired: true,
        tenderPeriod: { startDate: '2026-09-11T09:00:00+08:00', endDate: '2026-10-08T09:30:00+08:00' },
        value: { amount: 12000000, currency: 'CNY' },
        amendments: [{ id: 'AM1', date: '2026-09-25', description: '调整工期要求' }],
      },
      awards: [{ id: 'AW1', date: '2026-10-20', status: 'active' }],
      ...over,
    });
    const pkg = {
      releases: [
        release('ocds-tj0001-ZB-1', usccFor('120103', 3)),
        release('ocds-tj0001-ZB-2', usccFor('120104', 5)),
        release('ocds-tj0001-ZB-3', usccFor('120103', 3), { awards: [{ id: 'x', date: '2026-10-01' }] }),
      ],
    };
    const first = await officer().plugin.tenders.importOcds({ package: pkg });
    expect(first).toMatchObject({ releases: 3, imported: 1, updated: 0 });
    expect(first.errors.map((e) => [e.index, e.field])).toEqual([
      [2, 'releases[2].awards[0].date'],
      [1, 'releases[1].parties'],
    ]);
    expect(
      await officer().plugin.tenders.importOcds({
        package: { releases: [release('ocds-tj0001-ZB-1', usccFor('120103', 3))] },
      }),
    ).toMatchObject({ imported: 0, updated: 0, unchanged: 1, errors: [] });
    const [t] = (await officer().plugin.tenders.list({ q: '排水管网', limit: 10 })).items;
    expect(t).toMatchObject({
      method: 'open',
      issueDate: '2026-09-11',
      bidDeadline: '2026-10-08',
      awardNoticeDate: '2026-10-20',
      estimateFen: 1_200_000_000,
      agencyName: '天津中天招标代理有限公司',
      ocid: 'ocds-tj0001-ZB-1',
    });
    expect(t!.clarifications).toHaveLength(1);
    // The amendment of 25 September was 13 days before the deadline of 8 October.
    expect(t!.checks.find((c) => c.ruleId === RULES.clarification.id)).toMatchObject({
      state: 'breach',
      deadline: '2026-09-23',
    });
  });

  it('contributes its indicator and lists its rules as calendar-day rules with sources', async () => {
    const values = await h.caller('viewer').kernel.plugins.indicatorValues({
      pluginId: 'bidding',
      indicator: 'bidding.tenders_compliant_rate',
      year: 2026,
      level: 'district',
    });
    expect(values.find((v) => v.orgId === h.fixture.hexi)!.sample).toBeGreaterThan(0);
    const rules = (await h.caller('viewer').kernel.rules.list()).pluginRules.filter((r) => r.pluginId === 'bidding');
    expect(rules.find((r) => r.ruleId === RULES.bidPeriod.id)).toMatchObject({
      counting: 'calendar',
      source: { law: '中华人民共和国招标投标法（2017年修正）', article: '第二十四条' },
    });
    expect(rules.filter((r) => r.counting === 'working')).toEqual([]);
    expect(rules.find((r) => r.ruleId === RULES.agencyEvaluation.id)).toMatchObject({
      setting: 'agencyIndicators, grades',
      source: { confidence: 'unconfirmed' },
    });
  });
});
