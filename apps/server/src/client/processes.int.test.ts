/**
 * Due process end to end over HTTP: objections, credit repair and eligibility, with exact working-day deadlines and
 * the overdue paths. The server's clock is moved with CHENGXIN_TODAY (read on every call), as a clock-skew test too.
 */
import { rows } from '@chengxin/db';
import { testEngines } from '@chengxin/db/testing';
import { startTestServer, TEST_PASSWORD, type TestServer } from '../testing';
import { sql } from 'drizzle-orm';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createClient, TRPCClientError } from '@chengxin/client';

/** A record's content without its subject (the process supplies the subject). */
const contentOf = ({ subject: _subject, ...rest }: ReturnType<typeof penalty>) => rest;

async function failure(p: Promise<unknown>) {
  const e = await p.then(
    () => null,
    (error: unknown) => error,
  );
  expect(e, 'expected the call to fail').toBeInstanceOf(TRPCClientError);
  return (e as { data: { httpStatus: number; appCode: string; field: string | null; messageZh: string } }).data;
}

const penalty = (
  orgId: string,
  no: string,
  decisionDate: string,
  severity: 'minor' | 'ordinary' | 'serious' = 'ordinary',
) => ({
  subject: { kind: 'org' as const, orgId },
  typeKey: 'administrative_penalty',
  payload: { penaltyCategories: ['warning'], penaltyContent: '警告' },
  severity,
  facts: '拖欠中小企业账款',
  legalBasis: '《保障中小企业款项支付条例》第八条',
  decisionNo: no,
  decisionDate,
  issuingAuthority: '天津市财政局',
  disclosureScope: 'public' as const,
});

describe.each(testEngines())('due process over HTTP on %s', (engine) => {
  let t: TestServer;
  const clients = new Map<string, ReturnType<typeof createClient>>();
  const as = (user: string) =>
    clients.get(user) ?? clients.set(user, createClient(t.url, { username: user, password: TEST_PASSWORD })).get(user)!;
  const setToday = (day: string) => {
    process.env['CHENGXIN_TODAY'] = day;
  };
  const publish = async (input: ReturnType<typeof penalty>) => {
    const draft = await as('officer').kernel.records.create.mutate(input);
    await as('officer').kernel.records.submit.mutate({ recordId: draft.id });
    await as('reviewer').kernel.records.approve.mutate({ recordId: draft.id });
    return as('reviewer').kernel.records.publish.mutate({ recordId: draft.id });
  };

  beforeAll(async () => {
    t = await startTestServer(engine);
  }, 120_000);
  afterEach(() => {
    delete process.env['CHENGXIN_TODAY'];
  });
  afterAll(async () => t?.close());

  it('objection: marked at once, decided within 5 working days across the Spring Festival, extended once, overdue when late', async () => {
    const record = await publish(penalty(t.fixture.hexiFinance, '河西财罚〔2025〕10号', '2025-11-20'));
    setToday('2026-02-12'); // Thursday before the 2026 Spring Festival (15–23 Feb off, Sat 14 Feb worked)
    const filed = await as('officer').kernel.objections.file.mutate({
      recordId: record.id,
      applicantKind: 'agent',
      applicantName: '北京某律师事务所',
      applicantContact: '13800000000',
      reasons: '该款项已于决定前付清',
      evidence: [{ name: '银行回单', description: '2025-11-18 付款' }],
    });
    expect(filed).toMatchObject({
      status: 'under_review',
      filedOn: '2026-02-12',
      markedOn: '2026-02-12',
      markDue: '2026-02-13',
      decideDue: '2026-02-26',
      overdue: false,
    });
    expect((await as('viewer').kernel.records.get.query({ id: record.id })).disputed).toBe(true);
    expect(
      await failure(
        as('officer').kernel.objections.file.mutate({
          recordId: record.id,
          applicantKind: 'subject',
          applicantName: '再次',
          reasons: '重复',
        }),
      ),
    ).toMatchObject({ httpStatus: 409, appCode: 'OBJECTION_OPEN' });
    const extended = await as('reviewer').kernel.objections.extend.mutate({
      id: filed.id,
      reason: '需税务部门核实付款',
    });
    expect(extended).toMatchObject({ status: 'extended', decideDue: '2026-03-04' });
    expect(
      await failure(as('reviewer').kernel.objections.extend.mutate({ id: filed.id, reason: '再延' })),
    ).toMatchObject({ appCode: 'OBJECTION_ALREADY_EXTENDED' });
    setToday('2026-03-06');
    expect(await as('reviewer').kernel.objections.get.query({ id: filed.id })).toMatchObject({
      overdue: true,
      workingDaysLate: 2,
    });
    expect((await as('reviewer').kernel.objections.list.query({ overdueOnly: true })).map((o) => o.id)).toContain(
      filed.id,
    );
    const decided = await as('reviewer').kernel.objections.decide.mutate({
      id: filed.id,
      outcome: 'revoked',
      reason: '款项已在决定前付清，处罚决定已撤销',
    });
    expect(decided).toMatchObject({
      status: 'decided',
      outcome: 'revoked',
      decidedOn: '2026-03-06',
      overdue: true,
      workingDaysLate: 2,
    });
    const after = await as('viewer').kernel.records.get.query({ id: record.id });
    expect(after).toMatchObject({ status: 'revoked', disputed: false });
    // The applicant's contact is never echoed back.
    expect(JSON.stringify(decided)).not.toContain('13800000000');
  });

  it('objection: a correction becomes a new version in the same decision; objections only on published records', async () => {
    const record = await publish(penalty(t.fixture.hexiFinance, '河西财罚〔2025〕11号', '2025-10-09'));
    const filed = await as('officer').kernel.objections.file.mutate({
      recordId: record.id,
      applicantKind: 'subject',
      applicantName: '天津市河西区财政局',
      reasons: '文号有误',
    });
    const decided = await as('reviewer').kernel.objections.decide.mutate({
      id: filed.id,
      outcome: 'corrected',
      reason: '文号笔误，予以更正',
      expectedVersion: 1,
      changes: { decisionNo: '河西财罚〔2025〕12号' },
    });
    expect(decided.outcome).toBe('corrected');
    const detail = await as('viewer').kernel.records.get.query({ id: record.id });
    expect(detail).toMatchObject({
      status: 'published',
      disputed: false,
      current: { version: 2, decisionNo: '河西财罚〔2025〕12号' },
    });
    const draft = await as('officer').kernel.records.create.mutate(
      penalty(t.fixture.hexiFinance, '河西财罚〔2025〕13号', '2025-10-09'),
    );
    expect(
      await failure(
        as('officer').kernel.objections.file.mutate({
          recordId: draft.id,
          applicantKind: 'subject',
          applicantName: '甲',
          reasons: '未公示',
        }),
      ),
    ).toMatchObject({ httpStatus: 409, appCode: 'OBJECTION_RECORD_STATE' });
    const nankai = await publish(penalty(t.fixture.nankai, '南开财罚〔2025〕1号', '2025-10-09'));
    expect(
      await failure(
        as('hexi.officer').kernel.objections.file.mutate({
          recordId: nankai.id,
          applicantKind: 'subject',
          applicantName: '甲',
          reasons: '越权',
        }),
      ),
    ).toMatchObject({ httpStatus: 403, appCode: 'OUT_OF_SCOPE' });
  });

  it('credit repair: refused before the minimum period (naming the date), approved after it (publication ends), a broken promise restores it', async () => {
    const record = await publish(penalty(t.fixture.hexiFinance, '河西财罚〔2026〕1号', '2026-05-10'));
    expect(record.current.publicationMinEnd).toBe('2026-08-10');
    setToday('2026-08-09');
    const early = await failure(
      as('officer').kernel.repairs.file.mutate({
        recordId: record.id,
        applicantName: '天津市河西区财政局',
        proof: '已全额支付',
        promiseSigned: true,
      }),
    );
    expect(early).toMatchObject({
      httpStatus: 409,
      appCode: 'REPAIR_TOO_EARLY',
      messageZh: expect.stringContaining('2026-08-10'),
    });
    setToday('2026-09-30'); // Wednesday before National Day: 1–7 Oct off
    const filed = await as('officer').kernel.repairs.file.mutate({
      recordId: record.id,
      applicantName: '天津市河西区财政局',
      proof: '已全额支付并取得企业确认',
      promiseSigned: true,
    });
    expect(filed).toMatchObject({ status: 'under_review', decideDue: '2026-10-10' });
    setToday('2026-10-12');
    expect(await as('reviewer').kernel.repairs.get.query({ id: filed.id })).toMatchObject({
      overdue: true,
      workingDaysLate: 1,
    });
    const approved = await as('reviewer').kernel.repairs.decide.mutate({
      id: filed.id,
      approve: true,
      reason: '已履行义务并提交信用承诺书',
    });
    expect(approved).toMatchObject({ status: 'approved', decidedOn: '2026-10-12' });
    expect((await as('viewer').kernel.records.get.query({ id: record.id })).status).toBe('repaired');
    const file = await as('viewer').kernel.files.get.query({
      subject: { kind: 'org', orgId: t.fixture.hexiFinance },
      asOf: '2026-10-13',
    });
    expect(file.groups.find((g) => g.status === 'repaired')!.records.find((r) => r.id === record.id)).toMatchObject({
      effective: false,
    });
    setToday('2026-11-02');
    const broken = await as('reviewer').kernel.repairs.breakPromise.mutate({
      id: filed.id,
      reason: '再次拖欠同一企业款项',
    });
    expect(broken).toMatchObject({ status: 'promise_broken', promiseBrokenOn: '2026-11-02' });
    const restored = await as('viewer').kernel.records.get.query({ id: record.id });
    expect(restored).toMatchObject({ status: 'published', current: { publicationMaxEnd: '2027-05-10' } });
    const sanction = await as('officer').kernel.records.create.mutate({
      ...penalty(t.fixture.hexiFinance, '河西监〔2025〕1号', '2025-01-10'),
      subject: { kind: 'person', personId: t.fixture.official },
      typeKey: 'disciplinary_sanction',
      sanctionType: 'warning',
    });
    await as('officer').kernel.records.submit.mutate({ recordId: sanction.id });
    await as('reviewer').kernel.records.approve.mutate({ recordId: sanction.id });
    await as('reviewer').kernel.records.publish.mutate({ recordId: sanction.id });
    expect(
      await failure(
        as('officer').kernel.repairs.file.mutate({
          recordId: sanction.id,
          applicantName: '张建国',
          proof: '—',
          promiseSigned: true,
        }),
      ),
    ).toMatchObject({ appCode: 'REPAIR_NOT_ALLOWED' });
    expect(
      await failure(
        as('officer').kernel.repairs.file.mutate({
          recordId: record.id,
          applicantName: '甲',
          proof: '—',
          promiseSigned: false as never,
        }),
      ),
    ).toMatchObject({ httpStatus: 400, field: 'promiseSigned' });
  });

  it('eligibility: 优秀 and grading per year with the records and rules behind the answer; honours; promotion', async () => {
    // 记过 (demerit) effective 2024-03-01 for 12 months: no grade in 2024, the year it was imposed (考核规定 2020); in 2025
    // it is lifted, so a grade is given, but the plan's bar (a record in effect during 2025) still rules out 优秀; free in 2026.
    // Corrected (issue 25, finding 8): this test asserted no grade in 2025 (the old "period overlaps the year" rule).
    const demerit = await as('officer').kernel.records.create.mutate({
      ...penalty(t.fixture.hexiStreet, '河西监〔2024〕7号', '2024-03-01'),
      subject: { kind: 'person', personId: t.fixture.clerk },
      typeKey: 'disciplinary_sanction',
      sanctionType: 'demerit',
    });
    for (const step of ['submit', 'approve', 'publish'] as const)
      await (step === 'submit' ? as('officer') : as('reviewer')).kernel.records[step].mutate({ recordId: demerit.id });
    const y2024 = await as('viewer').kernel.eligibility.annualAssessment.query({
      personId: t.fixture.clerk,
      year: 2024,
    });
    expect(y2024).toMatchObject({ mayBeExcellent: false, mayBeGraded: false, allowedGrades: ['不定等次'] });
    expect(y2024.reasons.map((r) => r.ruleId)).toEqual([
      'assessment.dishonesty-not-excellent',
      'assessment.demerit-no-grade-year-imposed',
    ]);
    expect(y2024.bySource).toEqual([
      { source: 'assessment-rules', labelZh: expect.any(String), mayBeExcellent: true, mayBeGraded: false },
      { source: 'plan', labelZh: expect.any(String), mayBeExcellent: false, mayBeGraded: true },
    ]);
    expect(y2024.reasons[0]).toMatchObject({
      recordId: demerit.id,
      describedZh: '纪律处分（记过），2024-03-01至2025-03-01',
      source: { law: expect.stringContaining('津政发〔2017〕29号') },
    });
    const y2025 = await as('viewer').kernel.eligibility.annualAssessment.query({
      personId: t.fixture.clerk,
      year: 2025,
    });
    expect(y2025).toMatchObject({
      mayBeExcellent: false,
      mayBeGraded: true,
      allowedGrades: ['称职', '基本称职', '不称职'],
    });
    expect(y2025.reasons.map((r) => r.ruleId)).toEqual(['assessment.dishonesty-not-excellent']);
    expect(
      await as('viewer').kernel.eligibility.annualAssessment.query({ personId: t.fixture.clerk, year: 2026 }),
    ).toMatchObject({
      mayBeExcellent: true,
      mayBeGraded: true,
      allowedGrades: ['优秀', '称职', '基本称职', '不称职'],
      reasons: [],
    });
    const batch = await as('viewer').kernel.eligibility.annualAssessmentForOrg.query({
      orgId: t.fixture.hexi,
      year: 2024,
      subtree: true,
    });
    expect(batch.find((p) => p.personId === t.fixture.clerk)).toMatchObject({ name: '李秀英', mayBeGraded: false });
    expect(
      await as('viewer').kernel.eligibility.promotion.query({ personId: t.fixture.clerk, date: '2025-02-28' }),
    ).toMatchObject({ eligible: false });
    expect(
      await as('viewer').kernel.eligibility.promotion.query({ personId: t.fixture.clerk, date: '2025-03-01' }),
    ).toMatchObject({ eligible: true });
    const honours = await as('viewer').kernel.eligibility.honours.query({
      orgId: t.fixture.hexiFinance,
      date: '2026-01-05',
    });
    expect(honours.eligible).toBe(false);
    expect(honours.reasons[0]!.ruleId).toBe('honours.dishonesty');
    expect(
      (await as('viewer').kernel.eligibility.honours.query({ orgId: t.fixture.hexiStreet, date: '2026-01-05' }))
        .eligible,
    ).toBe(true);
  });

  it('kernel.rules.list shows the corrected rule sets with their sources, confidence marks and the open readings (issue 25)', async () => {
    const rules = await as('viewer').kernel.rules.list.query();
    expect(rules.sanctions.map((r) => [r.id, r.effectiveFrom, r.effectiveTo, r.liftingAutomatic])).toEqual([
      ['cs-sanctions-2007', '2007-06-01', '2019-05-31', false],
      ['cs-sanctions-2019', '2019-06-01', '2020-06-30', true],
      ['gov-sanctions-2020', '2020-07-01', null, true],
    ]);
    expect(rules.sanctions[0]!.liftingSource.article).toContain('第九条第二款');
    expect(rules.publication.map((p) => [p.id, p.effectiveFrom, p.minorTierIsLocal])).toEqual([
      ['publication-2019', '2019-07-01', true],
      ['publication-2023', '2023-05-01', true],
      ['publication-2026', '2026-04-01', false],
    ]);
    expect(rules.readings.map((r) => [r.setting, r.defaultValue])).toEqual([
      ['CHENGXIN_DISMISSAL_RECORD', 'excluded'],
      ['CHENGXIN_PERSON_HONOURS_BAR', 'on'],
      ['CHENGXIN_MINOR_PUBLISHED', 'off'],
      ['CHENGXIN_PERSON_DEFAULT_DISCLOSURE', 'government'],
    ]);
    expect(rules.retention[0]!.source.confidence).toBe('2nd');
    expect(rules.consequences.find((c) => c.ruleId === 'assessment.demerit-no-grade-year-imposed')).toMatchObject({
      effectiveFrom: '2020-12-28',
      source: { confidence: '2nd' },
    });
    expect(rules.file.find((f) => f.ruleId === 'honours.person-dishonesty')!.source.confidence).toBe('local');
    expect(rules.sanctionRules.map((r) => r.ruleId)).toEqual([
      'sanction.effective-on-decision',
      'sanction.lifting-withheld',
      'disclosure.person-default-government',
    ]);
    // 评价结果应用: the three policy areas, each with the plan's article and its settings with labelled defaults.
    expect(
      rules.policyUse.map((r) => [r.ruleId, r.labelZh, r.source.confidence, r.settings.map((x) => x.env)]),
    ).toEqual([
      [
        'evaluation.use.pilot',
        '改革试点遴选',
        'local',
        ['CHENGXIN_POLICY_PILOT_MIN_SCORE', 'CHENGXIN_POLICY_PILOT_MAX_RANK', 'CHENGXIN_POLICY_PILOT_RESULT_LAG'],
      ],
      [
        'evaluation.use.investment',
        '项目投资支持',
        'local',
        [
          'CHENGXIN_POLICY_INVESTMENT_MIN_SCORE',
          'CHENGXIN_POLICY_INVESTMENT_MAX_RANK',
          'CHENGXIN_POLICY_INVESTMENT_RESULT_LAG',
        ],
      ],
      [
        'evaluation.use.social',
        '社会管理重点关注',
        'local',
        [
          'CHENGXIN_POLICY_SOCIAL_MAX_SCORE',
          'CHENGXIN_POLICY_SOCIAL_BOTTOM_RANKS',
          'CHENGXIN_POLICY_SOCIAL_RESULT_LAG',
        ],
      ],
    ]);
    expect(rules.policyUse[0]).toMatchObject({
      summaryZh: expect.stringContaining('得分不低于85分且名次在前5名'),
      source: { law: expect.stringContaining('津政发〔2017〕29号'), article: expect.stringContaining('二.4') },
    });
    expect(rules.policyUse[0]!.settings[0]).toEqual({
      env: 'CHENGXIN_POLICY_PILOT_MIN_SCORE',
      value: 85,
      fallback: 85,
      labelZh: '最低得分',
    });
  });

  it('complaints: anonymous report with a receipt code, duplicates refused, triage, a linked draft record, outcome; overdue ones escalate', async () => {
    const publicClient = createClient(t.url);
    setToday('2026-09-28'); // Monday before National Day
    const named = await publicClient.kernel.complaints.submit.mutate({
      category: 'payment',
      aboutOrgId: t.fixture.hexiFinance,
      content: '河西区财政局拖欠我公司工程款已逾一年',
      complainantName: '王经理',
      complainantContact: '13900000000',
    });
    expect(named).toMatchObject({
      receiptCode: expect.stringMatching(/^TS20260928[2-9A-Z]{6}$/),
      filedOn: '2026-09-28',
      triageDue: '2026-10-08',
      handleDue: '2026-10-21',
    });
    expect(await publicClient.kernel.complaints.status.query({ receiptCode: named.receiptCode })).toMatchObject({
      status: 'received',
      statusZh: '已收到，待受理',
      escalated: false,
    });
    expect(
      await failure(
        publicClient.kernel.complaints.submit.mutate({
          category: 'payment',
          aboutOrgId: t.fixture.hexiFinance,
          content: '河西区财政局拖欠我公司工程款已逾一年 ',
        }),
      ),
    ).toMatchObject({ httpStatus: 409, appCode: 'COMPLAINT_DUPLICATE' });
    const queue = await as('hexi.reviewer').kernel.complaints.list.query({ status: 'open' });
    const mine = queue.find((c) => c.receiptCode === named.receiptCode)!;
    expect(mine).toMatchObject({ complainantName: '王经理', handlingOrgId: t.fixture.hexiFinance });
    expect(JSON.stringify(queue)).not.toContain('13900000000');
    expect(
      await failure(as('hexi.reviewer').kernel.complaints.triage.mutate({ id: mine.id, decision: 'not_ours' })),
    ).toMatchObject({ field: 'note' });
    await as('hexi.reviewer').kernel.complaints.triage.mutate({ id: mine.id, decision: 'accept' });
    const { recordId } = await as('hexi.officer').kernel.complaints.toRecord.mutate({
      id: mine.id,
      record: contentOf(penalty(t.fixture.hexiFinance, '河西财罚〔2026〕20号', '2026-09-25')),
    });
    const record = await as('viewer').kernel.records.get.query({ id: recordId });
    expect(record).toMatchObject({
      status: 'draft',
      orgId: t.fixture.hexiFinance,
      current: { payload: { complaintId: mine.id } },
    });
    setToday('2026-10-20');
    await as('hexi.reviewer').kernel.complaints.close.mutate({
      id: mine.id,
      outcome: '经查属实，已责令限期支付并记入失信记录',
      substantiated: true,
    });
    expect(await publicClient.kernel.complaints.status.query({ receiptCode: named.receiptCode })).toMatchObject({
      status: 'closed',
      closedOn: '2026-10-20',
      outcome: expect.stringContaining('属实'),
    });

    setToday('2026-10-09');
    const forgotten = await publicClient.kernel.complaints.submit.mutate({
      category: 'promise',
      aboutOrgId: t.fixture.hexiStreet,
      content: '街道承诺的停车位至今未兑现',
      anonymous: true,
    });
    expect(forgotten.handleDue).toBe('2026-11-03');
    setToday('2026-11-05');
    const run = await as('admin').kernel.jobs.runDaily.mutate({ day: '2026-11-05' });
    expect(run.escalated).toBe(1);
    expect(await publicClient.kernel.complaints.status.query({ receiptCode: forgotten.receiptCode })).toMatchObject({
      status: 'received',
      escalated: true,
    });
    const overdue = await as('hexi.reviewer').kernel.complaints.list.query({ overdueOnly: true });
    // Never triaged: late on the triage deadline (Tue 13 Oct, counting the adjusted working Saturday 10 Oct), by 17 working days.
    expect(overdue.find((c) => c.receiptCode === forgotten.receiptCode)).toMatchObject({
      triageDue: '2026-10-13',
      escalatedToOrgId: t.fixture.hexi,
      overdue: true,
      workingDaysLate: 17,
      anonymous: true,
      complainantName: null,
    });
    expect(
      await failure(publicClient.kernel.complaints.status.query({ receiptCode: 'TS20260101ZZZZZZ' })),
    ).toMatchObject({ httpStatus: 404, appCode: 'RECEIPT_NOT_FOUND' });
  });

  it('rectification and accountability: opened by the daily job, explained, completed, sent back, verified; overdue ones escalate', async () => {
    setToday('2026-06-20');
    const record = await publish(penalty(t.fixture.hexiFinance, '河西财罚〔2026〕30号', '2026-06-01'));
    // The job runs for today only: a day after today is refused.
    expect(await failure(as('admin').kernel.jobs.runDaily.mutate({ day: '2026-07-01' }))).toMatchObject({
      httpStatus: 400,
      appCode: 'JOB_DAY_IN_FUTURE',
      field: 'day',
    });
    setToday('2026-07-01');
    const run = await as('admin').kernel.jobs.runDaily.mutate({ day: '2026-07-01' });
    expect(run.rectificationsOpened).toBeGreaterThanOrEqual(1);
    expect(run.accountabilityOpened).toBeGreaterThanOrEqual(1);
    const rect = (await as('hexi.officer').kernel.rectifications.list.query({ status: 'open' })).find(
      (r) => r.recordId === record.id,
    )!;
    expect(rect).toMatchObject({
      status: 'awaiting_explanation',
      requiredOn: '2026-07-01',
      explanationDue: '2026-07-15',
    });
    setToday('2026-07-10');
    // The free-text 主动自新 note is no longer taken: it is a self-correction application with a decision.
    const moved = await as('hexi.officer')
      .kernel.rectifications.explain.mutate({
        id: rect.id,
        explanation: '预算执行审批环节过多，导致逾期付款',
        plan: '建立付款台账，压缩审批环节，每月通报进度',
        mitigation: '已于决定后十日内付清全部欠款及利息',
      })
      .then(
        () => null,
        (e: { data?: { appCode?: string; field?: string } }) => e.data,
      );
    expect(moved).toMatchObject({ appCode: 'MITIGATION_MOVED', field: 'mitigation' });
    const explained = await as('hexi.officer').kernel.rectifications.explain.mutate({
      id: rect.id,
      explanation: '预算执行审批环节过多，导致逾期付款',
      plan: '建立付款台账，压缩审批环节，每月通报进度',
    });
    expect(explained).toMatchObject({
      status: 'in_progress',
      explainedOn: '2026-07-10',
      completionDue: '2026-09-04',
      mitigation: null,
    });
    const applied = await as('hexi.officer').kernel.selfCorrections.file.mutate({
      recordId: record.id,
      applicantName: '河西区财政局',
      evidence: [{ kind: 'loss_recovered', description: '已于决定后十日内付清全部欠款及利息' }],
    });
    expect(applied).toMatchObject({ status: 'under_review', filedOn: '2026-07-10', decideDue: '2026-07-31' });
    const decided = await as('hexi.reviewer').kernel.selfCorrections.decide.mutate({
      id: applied.id,
      grant: true,
      measures: [{ measure: 'accountability', effect: 'lightened' }],
      reason: '主动挽回全部损失，问责从轻处理',
    });
    expect(decided.measures[0]!.textZh).toContain('从轻实施主要负责人问责');
    await as('hexi.officer').kernel.rectifications.complete.mutate({ id: rect.id, evidence: '付款凭证及台账' });
    const sentBack = await as('hexi.reviewer').kernel.rectifications.verify.mutate({
      id: rect.id,
      accepted: false,
      note: '台账未覆盖全部项目',
    });
    expect(sentBack).toMatchObject({ status: 'in_progress', completedOn: null });
    await as('hexi.officer').kernel.rectifications.complete.mutate({ id: rect.id, evidence: '补充全部项目台账' });
    expect(
      await as('hexi.reviewer').kernel.rectifications.verify.mutate({ id: rect.id, accepted: true, note: '核验属实' }),
    ).toMatchObject({ status: 'verified', verifiedOn: '2026-07-10' });
    expect(
      await failure(as('hexi.officer').kernel.rectifications.complete.mutate({ id: rect.id, evidence: '再次' })),
    ).toMatchObject({ httpStatus: 409, appCode: 'RECTIFICATION_ILLEGAL_STEP' });

    const task = (await as('hexi.reviewer').kernel.accountability.list.query({ status: 'open' })).find(
      (a) => a.recordId === record.id,
    )!;
    expect(task).toMatchObject({ personName: '张建国', postTitle: '局长', openedOn: '2026-07-01' });
    await as('hexi.reviewer').kernel.accountability.close.mutate({ id: task.id, outcome: '对主要负责人诫勉谈话' });

    const ignored = (await as('hexi.officer').kernel.rectifications.list.query({ status: 'open' })).find(
      (r) => r.status === 'awaiting_explanation' && r.recordId !== record.id,
    );
    if (ignored) {
      setToday('2026-12-01');
      expect(
        (await as('admin').kernel.jobs.runDaily.mutate({ day: '2026-12-01' })).rectificationsEscalated,
      ).toBeGreaterThanOrEqual(1);
      expect(await as('hexi.officer').kernel.rectifications.get.query({ id: ignored.id })).toMatchObject({
        escalatedOn: '2026-12-01',
        overdue: true,
      });
    }
    expect(ignored, 'an earlier published record of the body is left unexplained').toBeDefined();
  });

  it("supervision: an inspection's finding opens a draft record and a rectification; proposals answered on time or late", async () => {
    setToday('2026-03-02');
    const inspection = await as('reviewer').kernel.supervision.createInspection.mutate({
      title: '2026年政务诚信专项督导',
      targetOrgId: t.fixture.hexiFinance,
      dueOn: '2026-04-30',
    });
    const withFinding = await as('reviewer').kernel.supervision.addFinding.mutate({
      inspectionId: inspection.id,
      description: '政府采购合同逾期付款未纳入失信记录',
      opensRectification: true,
      record: { ...contentOf(penalty(t.fixture.hexiFinance, '督导〔2026〕1号', '2026-03-02')), payload: {} },
    });
    const finding = withFinding.findings[0]!;
    expect(finding).toMatchObject({
      recordId: expect.any(String),
      rectificationId: expect.any(String),
      foundOn: '2026-03-02',
    });
    expect(await as('viewer').kernel.records.get.query({ id: finding.recordId! })).toMatchObject({
      status: 'draft',
      current: { payload: { inspectionFindingId: finding.id } },
    });
    expect(await as('hexi.officer').kernel.rectifications.get.query({ id: finding.rectificationId! })).toMatchObject({
      findingId: finding.id,
      recordId: null,
      status: 'awaiting_explanation',
    });
    expect(
      await as('reviewer').kernel.supervision.closeInspection.mutate({
        id: inspection.id,
        summary: '发现问题1项，已责令整改',
      }),
    ).toMatchObject({ status: 'closed' });
    expect(
      await failure(
        as('reviewer').kernel.supervision.addFinding.mutate({ inspectionId: inspection.id, description: '迟到的发现' }),
      ),
    ).toMatchObject({ appCode: 'INSPECTION_CLOSED' });

    const late = await as('reviewer').kernel.supervision.registerProposal.mutate({
      kind: 'npc_suggestion',
      code: '第0123号',
      title: '关于及时支付中小企业账款的建议',
      handlingOrgId: t.fixture.hexiFinance,
      receivedOn: '2026-03-10',
    });
    expect(late.dueOn).toBe('2026-06-10');
    const onTime = await as('reviewer').kernel.supervision.registerProposal.mutate({
      kind: 'cppcc_proposal',
      code: '第0456号',
      title: '关于政务诚信评价结果公开的提案',
      handlingOrgId: t.fixture.hexiFinance,
      receivedOn: '2026-03-10',
      dueOn: '2026-05-31',
    });
    setToday('2026-05-20');
    await as('reviewer').kernel.supervision.answerProposal.mutate({ id: onTime.id, satisfaction: 'satisfied' });
    setToday('2026-06-12');
    expect(
      await as('reviewer').kernel.supervision.answerProposal.mutate({
        id: late.id,
        satisfaction: 'basically_satisfied',
      }),
    ).toMatchObject({ answeredOn: '2026-06-12', onTime: false, overdue: true });
    const stats = await as('hexi.viewer').kernel.supervision.proposals.query({});
    expect(stats).toMatchObject({ answered: 2, onTime: 1, satisfied: 1 });
  });

  it('notifications: the filer hears the outcome; the daily digest lists what is overdue; read marks', async () => {
    const mine = await as('officer').kernel.notifications.list.query({});
    expect(mine.map((n) => n.titleZh)).toEqual(expect.arrayContaining(['异议处理结果', '信用修复审核结果']));
    expect(
      mine
        .filter((n) => n.titleZh === '异议处理结果')
        .map((n) => n.bodyZh)
        .join('|'),
    ).toMatch(/撤销记录.*\|.*予以更正|予以更正.*\|.*撤销记录/);
    const digests = (await as('hexi.reviewer').kernel.notifications.list.query({})).filter((n) => n.kind === 'digest');
    expect(digests.length).toBeGreaterThanOrEqual(1);
    expect(digests.map((d) => d.bodyZh).join('')).toMatch(/逾期/);
    expect(
      (await as('hexi.reviewer').kernel.notifications.markRead.mutate({ ids: 'all' })).marked,
    ).toBeGreaterThanOrEqual(1);
    expect(await as('hexi.reviewer').kernel.notifications.list.query({ unreadOnly: true })).toEqual([]);
  });

  it('a revoked source decision: withdrawn at once, and whether it was reflected within 1 working day is on the record', async () => {
    const record = await publish(penalty(t.fixture.hexiFinance, '河西财罚〔2026〕40号', '2026-04-01'));
    setToday('2026-10-09'); // the source decision was revoked on Wed 30 Sep; 1 working day later is Thu 8 Oct (National Day week off)
    const revoked = await as('reviewer').kernel.records.revoke.mutate({
      recordId: record.id,
      reason: '行政复议决定撤销原处罚',
      sourceRevokedOn: '2026-09-30',
    });
    expect(revoked.status).toBe('revoked');
    const events = (await as('viewer').kernel.records.get.query({ id: record.id })).events;
    expect(events.at(-1)!.reason).toBe(
      '行政复议决定撤销原处罚（原决定于2026-09-30撤销，应于2026-10-08前反映，逾期1个工作日；规则revocation.reflect）',
    );
  });

  it('every process step is audited and the chain verifies', async () => {
    const [n] = await rows<{ n: number }>(
      t.database.db,
      sql`select count(*)::int as n from kernel.audit_log where entity in ('objection', 'repair')`,
    );
    expect(n!.n).toBeGreaterThanOrEqual(8);
    expect((await as('auditor').kernel.auth.me.query())!.username).toBe('auditor');
    const report = await createClient(t.url, {
      username: 'admin',
      password: TEST_PASSWORD,
    }).kernel.audit.verify.mutate();
    expect(report.problems).toEqual([]);
  });
});
