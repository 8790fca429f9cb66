import { readFileSync } from 'node:fs';
import { rows, sql } from '@chengxin/plugin-sdk';
import { createPluginHarness, refusalOf, testEngines, type PluginHarness } from '@chengxin/plugin-sdk/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ContractCreateInput } from '../contract';
import { procurementPlugin } from './plugin';
import { RULES } from './rules';
import { BREACH_TYPE } from './scan';

const fixture = (name: string) =>
  JSON.parse(readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8')) as Record<string, unknown>;
const TODAY = '2026-11-20';

/** Expects a call to fail with this app code on this field. */
async function refused(call: Promise<unknown>, appCode: string, field?: string) {
  const refusal = await refusalOf(call);
  expect(refusal, `expected ${appCode}`).not.toBeNull();
  expect(refusal!.appCode).toBe(appCode);
  if (field) expect(refusal!.field).toBe(field);
}

describe.each(testEngines())('procurement plugin on %s', (engine) => {
  let h: PluginHarness<typeof procurementPlugin.router>;
  const contract = (over: Partial<ContractCreateInput> = {}): ContractCreateInput => ({
    buyerOrgId: h.fixture.hexiFinance,
    title: '办公设备采购',
    supplierName: '天津市惠民办公设备有限公司',
    supplierUscc: '91120103MA05XK8T4H',
    supplierSme: true,
    amountFen: 1_000_000,
    awardNoticeDate: '2026-03-02',
    signingDate: '2026-03-16',
    acceptanceDeadline: null,
    deliveryDate: '2026-09-01',
    paymentTermDays: 30,
    lateInterestPpmPerDay: null,
    ocid: null,
    evaluationReportDate: null,
    supplierConfirmedOn: null,
    resultChangedOn: null,
    responsiblePersonId: null,
    ...over,
  });

  beforeAll(async () => {
    process.env['CHENGXIN_TODAY'] = TODAY;
    h = await createPluginHarness(procurementPlugin, engine);
  });
  afterAll(async () => {
    delete process.env['CHENGXIN_TODAY'];
    await h.dispose();
  });

  it('refuses changes while the plugin is disabled, and keeps its data readable after disabling', async () => {
    const officer = h.caller('officer', { scopeOrgId: h.fixture.hexi });
    await refused(officer.plugin.contracts.create(contract()), 'PLUGIN_DISABLED');
    await h.enable(null);
    const created = await officer.plugin.contracts.create(contract());
    await h.enable(h.fixture.hexi, {}, false);
    await refused(
      officer.plugin.contracts.recordPayment({
        contractId: created.id,
        paidOn: '2026-10-08',
        amountFen: 1,
        voucherNo: 'V1',
      }),
      'PLUGIN_DISABLED',
    );
    expect((await officer.plugin.contracts.get({ id: created.id })).id).toBe(created.id);
    // Enabled for the deployment, disabled for 河西区: 南开区 still works.
    const nankai = h.caller('officer', { scopeOrgId: h.fixture.nankai });
    await expect(nankai.plugin.contracts.create(contract({ buyerOrgId: h.fixture.nankai }))).resolves.toMatchObject({
      buyerName: '天津市南开区人民政府',
    });
    await h.enable(h.fixture.hexi, {}, true);
    expect(await h.auditCount(['plugin.configure', 'plugin.disable'])).toBe(3);
  });

  it('computes every deadline of a contract on exact dates, through the API', async () => {
    const officer = h.caller('officer', { scopeOrgId: h.fixture.hexi });
    const c = await officer.plugin.contracts.create(contract());
    expect(c.compliance.payment).toMatchObject({ due: '2026-10-08', state: 'breach', daysLate: 43 });
    const paid = await officer.plugin.contracts.recordPayment({
      contractId: c.id,
      paidOn: '2026-10-09',
      amountFen: 1_000_000,
      voucherNo: '付-001',
    });
    expect(paid.compliance.payment).toMatchObject({ state: 'late', daysLate: 1, interestFen: 500, outstandingFen: 0 });
    expect(paid.compliance.breaches).toEqual([RULES.payment.id]);
  });

  it('refuses bad input with the path of the field and writes nothing', async () => {
    const officer = h.caller('officer', { scopeOrgId: h.fixture.hexi });
    const before = await rows<{ n: number }>(h.database.db, sql`select count(*)::int as n from procurement.contract`);
    // Corrected (issue 25, finding 16): a term over 60 days is recorded and flagged (judged by 60), not refused; only an
    // implausible one is, and the message cites §9 (this test expected 61 to be refused).
    await refused(
      officer.plugin.contracts.create(contract({ paymentTermDays: 366 })),
      'INPUT_INVALID',
      'paymentTermDays',
    );
    const tooLong = await officer.plugin.contracts.create(contract({ paymentTermDays: 366 })).then(
      () => null,
      (e: { cause?: { issues?: { message: string }[] } }) => e.cause,
    );
    expect(tooLong!.issues![0]!.message).toContain('保障中小企业款项支付条例第九条第一款');
    await refused(officer.plugin.contracts.create(contract({ amountFen: -5 })), 'INPUT_INVALID', 'amountFen');
    await refused(
      officer.plugin.contracts.create(contract({ signingDate: '2026-03-01' })),
      'INPUT_INVALID',
      'signingDate',
    );
    await refused(
      officer.plugin.contracts.create(
        contract({ awardNoticeDate: '2026-12-01', signingDate: null, deliveryDate: null }),
      ),
      'DATE_IN_FUTURE',
      'awardNoticeDate',
    );
    const c = await officer.plugin.contracts.create(contract({ deliveryDate: null }));
    await refused(
      officer.plugin.contracts.recordAcceptance({
        contractId: c.id,
        acceptanceDate: '2026-03-10',
        result: 'passed',
        reportNo: 'YS-1',
      }),
      'ACCEPTANCE_BEFORE_SIGNING',
      'acceptanceDate',
    );
    await refused(
      officer.plugin.contracts.recordPayment({
        contractId: c.id,
        paidOn: '2026-06-01',
        amountFen: 2_000_000,
        voucherNo: 'X',
      }),
      'PAYMENT_EXCEEDS_AMOUNT',
      'amountFen',
    );
    const after = await rows<{ n: number }>(h.database.db, sql`select count(*)::int as n from procurement.contract`);
    expect(after[0]!.n).toBe(before[0]!.n + 1);
    expect((await officer.plugin.contracts.get({ id: c.id })).payments).toEqual([]);
  });

  it('never lets concurrent payments exceed the contract amount', async () => {
    const officer = h.caller('officer', { scopeOrgId: h.fixture.hexi });
    const c = await officer.plugin.contracts.create(contract({ deliveryDate: null }));
    const results = await Promise.allSettled(
      Array.from({ length: 6 }, (_, i) =>
        officer.plugin.contracts.recordPayment({
          contractId: c.id,
          paidOn: '2026-06-01',
          amountFen: 300_000,
          voucherNo: `并发-${i}`,
        }),
      ),
    );
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(3);
    expect((await officer.plugin.contracts.get({ id: c.id })).compliance.payment.paidFen).toBe(900_000);
    await refused(
      officer.plugin.contracts.recordSigning({ contractId: c.id, signingDate: '2026-06-02' }),
      'SIGNING_AFTER_PAYMENT',
      'signingDate',
    );
  });

  it("keeps each body's contracts within scope", async () => {
    const nankaiOfficer = h.caller('officer', { scopeOrgId: h.fixture.nankai });
    const hexi = await h.caller('officer', { scopeOrgId: h.fixture.hexi }).plugin.contracts.create(contract());
    await refused(nankaiOfficer.plugin.contracts.get({ id: hexi.id }), 'OUT_OF_SCOPE');
    await refused(
      nankaiOfficer.plugin.contracts.recordPayment({
        contractId: hexi.id,
        paidOn: '2026-10-01',
        amountFen: 1,
        voucherNo: 'X',
      }),
      'OUT_OF_SCOPE',
    );
    await refused(nankaiOfficer.plugin.contracts.create(contract()), 'OUT_OF_SCOPE');
    const list = await nankaiOfficer.plugin.contracts.list({ limit: 200 });
    expect(list.items.every((c) => c.buyerOrgId === h.fixture.nankai)).toBe(true);
    await refused(
      h.caller('viewer', { scopeOrgId: h.fixture.hexi }).plugin.contracts.create(contract()),
      'PERMISSION_DENIED',
    );
  });

  it('the scan checks a buyer that switched the plugin off, too', async () => {
    const c = await h
      .caller('officer', { scopeOrgId: h.fixture.hexi })
      .plugin.contracts.create(contract({ title: '停用后仍检查' }));
    await h.enable(h.fixture.hexiFinance, {}, false);
    await h.scan(TODAY);
    const [draft] = await rows<{ n: number }>(
      h.database.db,
      sql`select count(*)::int as n from kernel_api.record where source_id = ${`${RULES.payment.id}:${c.id}`}`,
    );
    expect(draft!.n).toBe(1);
    await h.enable(h.fixture.hexiFinance, {}, true);
  });

  it('re-proposes a waiting draft when the breach grows serious, as a new version', async () => {
    const c = await h
      .caller('officer', { scopeOrgId: h.fixture.hexi })
      .plugin.contracts.create(contract({ title: '逾期加重', deliveryDate: '2026-07-01' }));
    const draftOf = async () =>
      (
        await rows<{ severity: string; version: number }>(
          h.database.db,
          sql`
      select r.severity, r.version from kernel_api.record r
      where r.source_id = ${`${RULES.payment.id}:${c.id}`}`,
        )
      )[0]!;
    await h.scan('2026-09-01');
    expect(await draftOf()).toEqual({ severity: 'ordinary', version: 1 });
    await h.scan('2026-11-20');
    expect(await draftOf()).toEqual({ severity: 'serious', version: 2 });
    await h.scan('2026-11-20');
    expect((await draftOf()).version).toBe(2);
  });

  it('the scan proposes each breach once as a draft with evidence and legal source, and never publishes', async () => {
    const first = await h.scan(TODAY);
    expect(first.breaches).toBeGreaterThan(0);
    expect(first.draftsCreated + first.alreadyProposed).toBe(first.breaches);
    const second = await h.scan(TODAY);
    expect(second).toMatchObject({ draftsCreated: 0, alreadyProposed: first.breaches, breaches: first.breaches });
    const drafts = await rows<{ status: string; legal_basis: string; payload: unknown; source_system: string }>(
      h.database.db,
      sql`
      select r.status, r.legal_basis, r.payload, r.source_system from kernel_api.record r
      where r.type_key = ${BREACH_TYPE}`,
    );
    expect(drafts.length).toBe(first.breaches);
    expect(drafts.every((d) => d.status === 'draft' && d.source_system === 'procurement.rules')).toBe(true);
    const payment = drafts.find((d) => d.legal_basis.includes('保障中小企业款项支付条例'))!;
    const payload = (typeof payment.payload === 'string' ? JSON.parse(payment.payload) : payment.payload) as Record<
      string,
      unknown
    >;
    expect(payload).toMatchObject({ $v: 2, ruleId: RULES.payment.id, proposedBy: { ruleId: RULES.payment.id } });
    // An officer reads the draft through the kernel like any other record.
    const list = await h
      .caller('officer', { scopeOrgId: h.fixture.hexi })
      .kernel.records.list({ limit: 200, typeKey: BREACH_TYPE } as never);
    expect(list.items.length).toBeGreaterThan(0);
  });

  it('a proposed draft is not submitted until a person confirms the decision number and date; a false one is withdrawn', async () => {
    await h.scan(TODAY);
    const officer = h.caller('officer', { scopeOrgId: h.fixture.hexi });
    const drafts = (await officer.kernel.records.list({ limit: 200, typeKey: BREACH_TYPE, status: ['draft'] } as never))
      .items;
    expect(drafts.length).toBeGreaterThan(1);
    const [draft, falsePositive] = drafts as [(typeof drafts)[number], (typeof drafts)[number]];
    // No rule id in the placeholder; the rule's values are marked unconfirmed in the payload.
    expect(draft.current.decisionNo).toBe('待认定（规则提出，须填写决定书文号）');
    expect(draft.current.payload['proposedBy']).toMatchObject({
      proposed: { decisionNo: draft.current.decisionNo, decisionDate: draft.current.decisionDate },
      unconfirmed: ['decisionNo', 'decisionDate'],
    });
    await refused(officer.kernel.records.submit({ recordId: draft.id }), 'DECISION_NO_PLACEHOLDER', 'decisionNo');
    // The number entered; the date is still the rule's.
    const numbered = await officer.kernel.records.correct({
      recordId: draft.id,
      expectedVersion: draft.current.version,
      reason: '填写认定决定书文号',
      changes: { decisionNo: '津河西财采〔2026〕8号' },
    });
    await refused(officer.kernel.records.submit({ recordId: draft.id }), 'DECISION_DATE_UNCONFIRMED', 'decisionDate');
    // Confirming the date as it is (or changing it) clears it; the proposal itself stays on the record.
    const confirmed = await officer.kernel.records.correct({
      recordId: draft.id,
      expectedVersion: numbered.current.version,
      reason: '核实决定日期',
      changes: {},
      confirm: ['decisionDate'],
    });
    expect(confirmed.current.payload['proposedBy']).toMatchObject({
      proposed: { decisionNo: '待认定（规则提出，须填写决定书文号）' },
      unconfirmed: [],
    });
    await expect(officer.kernel.records.submit({ recordId: draft.id })).resolves.toMatchObject({ status: 'submitted' });

    // A false positive: withdrawn with a reason (required), kept with its history, never submitted or public.
    await refused(
      officer.kernel.records.withdraw({ recordId: falsePositive.id, reason: ' ' }),
      'INPUT_INVALID',
      'reason',
    );
    const withdrawn = await officer.kernel.records.withdraw({
      recordId: falsePositive.id,
      reason: '经核实合同已按期付款，系数据录入延迟所致',
    });
    expect(withdrawn.status).toBe('withdrawn');
    const detail = await officer.kernel.records.get({ id: falsePositive.id });
    expect(detail.events.at(-1)).toMatchObject({ action: 'withdraw', fromStatus: 'draft', toStatus: 'withdrawn' });
    await refused(officer.kernel.records.submit({ recordId: falsePositive.id }), 'RECORD_ILLEGAL_TRANSITION', 'status');
    expect(await h.auditCount(['record.withdraw'])).toBe(1);
    // The rescan does not propose the same breach again.
    expect((await h.scan(TODAY)).draftsCreated).toBe(0);
  });

  it('upcasts a version-1 payload on read, leaving the stored version as written', async () => {
    const [draft] = await rows<{ id: string }>(
      h.database.db,
      sql`select id::text from kernel_api.record where type_key = ${BREACH_TYPE} limit 1`,
    );
    await h.storePayload(draft!.id, {
      contract: '0190aaaa-0000-7000-8000-000000000001',
      rule: 'procurement.signing_30_days',
    });
    const read = (await h.caller('admin').kernel.records.get({ id: draft!.id } as never)) as {
      current: { payload: Record<string, unknown> };
    };
    expect(read.current.payload).toMatchObject({
      $v: 2,
      contractId: '0190aaaa-0000-7000-8000-000000000001',
      ruleId: 'procurement.signing_30_days',
      outstandingFen: 0,
    });
  });

  it('refuses a payload that fails the plugin schema, naming the field', async () => {
    const officer = h.caller('officer', { scopeOrgId: h.fixture.hexi });
    await refused(
      officer.kernel.records.create({
        typeKey: BREACH_TYPE,
        subject: { kind: 'org', orgId: h.fixture.hexiFinance },
        severity: 'ordinary',
        facts: '逾期付款',
        legalBasis: '保障中小企业款项支付条例第九条',
        decisionNo: '津财〔2026〕1号',
        decisionDate: '2026-11-01',
        issuingAuthority: '天津市财政局',
        payload: { contractId: 'not-a-uuid', ruleId: 'x', due: null, outstandingFen: -1, daysLate: 0, interestFen: 0 },
      } as never),
      'PAYLOAD_INVALID',
      'payload.contractId',
    );
  });

  it('imports OCDS releases, idempotently by ocid, and reports per-release errors with the field path', async () => {
    const officer = h.caller('officer', { scopeOrgId: h.fixture.hexi });
    const good = await officer.plugin.contracts.importOcds({ package: fixture('ocds-release-package.json') });
    expect(good).toEqual({
      releases: 2,
      processes: 2,
      imported: 2,
      updated: 0,
      unchanged: 0,
      pending: 0,
      errors: [],
      notices: [],
    });
    const again = await officer.plugin.contracts.importOcds({ package: fixture('ocds-release-package.json') });
    expect(again).toEqual({
      releases: 2,
      processes: 2,
      imported: 0,
      updated: 0,
      unchanged: 2,
      pending: 0,
      errors: [],
      notices: [],
    });
    // A later release that leaves out the signing keeps what is recorded; one the payments exceed is refused whole.
    const pkg = fixture('ocds-release-package.json') as { releases: { contracts: Record<string, unknown>[] }[] };
    delete pkg.releases[0]!.contracts[0]!['dateSigned'];
    (pkg.releases[1]!.contracts[0]!['value'] as { amount: number }).amount = 100;
    pkg.releases[1]!.contracts[0]!['implementation'] = {
      transactions: [{ id: 'T-X', date: '2026-03-01', value: { amount: 200, currency: 'CNY' } }],
    };
    const partial = await officer.plugin.contracts.importOcds({ package: pkg });
    expect(partial).toMatchObject({ updated: 0, unchanged: 1 });
    expect(partial.errors.map((e) => e.field)).toEqual(['releases[1].contracts[0].implementation.transactions']);
    await refused(
      officer.plugin.contracts.create(contract({ ocid: 'ocds-tj0001-HXCZ-2026-001' })),
      'OCID_TAKEN',
      'ocid',
    );
    const list = await officer.plugin.contracts.list({ limit: 200, q: '预算管理一体化' });
    expect(list.items[0]!.signingDate).toBe('2026-04-20');
    expect(list.items).toHaveLength(1);
    expect(list.items[0]).toMatchObject({
      ocid: 'ocds-tj0001-HXCZ-2026-001',
      amountFen: 86_000_000,
      awardNoticeDate: '2026-04-03',
      acceptanceDate: '2026-06-12',
      acceptanceResult: 'passed',
    });
    expect(list.items[0]!.payments).toHaveLength(2);
    // Accepted 12 June on time: due 12 July (Sunday) → 13 July; 500,000 yuan paid 10 July, the rest 20 August.
    expect(list.items[0]!.compliance.payment).toMatchObject({
      clockBasis: 'acceptance',
      due: '2026-07-13',
      state: 'late',
      daysLate: 38,
    });

    const bad = await officer.plugin.contracts.importOcds({ package: fixture('ocds-bad-package.json') });
    expect(bad.imported).toBe(1);
    const fields = bad.errors.map((e) => e.field);
    expect(fields).toContain('releases[0].ocid');
    expect(fields).toContain('releases[1].awards[0].date');
    expect(bad.errors.find((e) => e.index === 3)?.messageZh).toContain('不是本辖区内已登记的单位');
    const [badDate] = await rows<{ n: number }>(
      h.database.db,
      sql`select count(*)::int as n from procurement.contract where ocid = 'ocds-tj0001-BAD-DATE'`,
    );
    expect(badDate!.n).toBe(0);
  });

  it('handles arrears complaints on working-day clocks', async () => {
    const officer = h.caller('officer', { scopeOrgId: h.fixture.hexi });
    const c = await officer.plugin.contracts.create(contract());
    const x = await officer.plugin.complaints.receive({
      contractId: c.id,
      supplierName: '天津市惠民办公设备有限公司',
      receivedOn: '2026-09-28',
      summary: '货款逾期未付',
    });
    expect(x).toMatchObject({
      forwardDue: '2026-10-16',
      handleDue: '2026-10-28',
      forwardOverdue: true,
      provisional: false,
    });
    const fwd = await officer.plugin.complaints.forward({
      complaintId: x.id,
      forwardedOn: '2026-10-16',
      forwardedTo: '天津市河西区工业和信息化局',
    });
    expect(fwd).toMatchObject({ forwardOverdue: false, handleDue: '2026-11-16', handleOverdue: true });
    await refused(
      officer.plugin.complaints.extend({ complaintId: x.id, totalDays: 91, reason: '情况复杂' }),
      'INPUT_INVALID',
      'totalDays',
    );
    // 16 November has passed: the deadline can no longer be extended.
    await refused(
      officer.plugin.complaints.extend({ complaintId: x.id, totalDays: 60, reason: '需核实付款凭证' }),
      'COMPLAINT_OVERDUE',
      'totalDays',
    );
    const y = await officer.plugin.complaints.receive({
      contractId: c.id,
      supplierName: '天津市惠民办公设备有限公司',
      receivedOn: '2026-11-02',
      summary: '验收款未付',
    });
    await officer.plugin.complaints.forward({
      complaintId: y.id,
      forwardedOn: '2026-11-03',
      forwardedTo: '天津市河西区工业和信息化局',
    });
    const ext = await officer.plugin.complaints.extend({ complaintId: y.id, totalDays: 60, reason: '需核实付款凭证' });
    expect(ext).toMatchObject({ handleDue: '2027-01-04', handleOverdue: false });
    await refused(
      officer.plugin.complaints.handle({ complaintId: x.id, handledOn: '2026-10-01', outcome: 'paid', note: '已付清' }),
      'HANDLED_BEFORE_FORWARD',
      'handledOn',
    );
    expect(
      await officer.plugin.complaints.handle({
        complaintId: x.id,
        handledOn: '2026-11-18',
        outcome: 'paid',
        note: '已付清',
      }),
    ).toMatchObject({ outcome: 'paid' });
  });

  it('issue 25, findings 16–17: forwarding runs from formal acceptance; a changed result proposes drafts for the body and the responsible official', async () => {
    const officer = h.caller('officer', { scopeOrgId: h.fixture.hexi });
    const c = await officer.plugin.contracts.create(
      contract({ title: '信息化设备采购', responsiblePersonId: h.fixture.official, resultChangedOn: '2026-03-05' }),
    );
    expect(c.compliance.breaches).toContain(RULES.resultChanged.id);
    const x = await officer.plugin.complaints.receive({
      contractId: c.id,
      supplierName: '天津市惠民办公设备有限公司',
      receivedOn: '2026-09-25',
      acceptedOn: '2026-09-28',
      summary: '货款逾期未付',
    });
    expect(x).toMatchObject({ receivedOn: '2026-09-25', acceptedOn: '2026-09-28', forwardDue: '2026-10-16' });
    await refused(
      officer.plugin.complaints.receive({
        contractId: c.id,
        supplierName: '某公司',
        receivedOn: '2026-09-25',
        acceptedOn: '2026-09-24',
        summary: '货款',
      }),
      'ACCEPTED_BEFORE_RECEIVED',
      'acceptedOn',
    );
    await h.scan(TODAY);
    const drafts = await rows<{ subject_kind: string; person_id: string | null; facts: string }>(
      h.database.db,
      sql`
      select r.subject_kind, r.person_id::text, r.facts from kernel_api.record r
      where r.type_key = ${BREACH_TYPE} and r.source_id like ${`${RULES.resultChanged.id}:${c.id}%`} order by r.subject_kind`,
    );
    expect(drafts.map((d) => [d.subject_kind, d.person_id])).toEqual([
      ['org', null],
      ['person', h.fixture.official],
    ]);
    expect(drafts[1]!.facts).toContain('第四十六条第二款');
  });

  it("lists last year's overdue contracts per body, to be published by 31 March", async () => {
    const report = await h.caller('viewer').plugin.reports.overdueList({ year: 2026 });
    expect(report.publishBy).toBe('2027-03-31');
    expect(report.totals.contracts).toBeGreaterThan(0);
    expect(report.bodies.reduce((s, b) => s + b.overdueFen, 0)).toBe(report.totals.overdueFen);
  });

  it('contributes its indicator and serves its manifest as JSON Schema', async () => {
    const values = await h.caller('viewer').kernel.plugins.indicatorValues({
      pluginId: 'procurement',
      indicator: 'procurement.sme_payment_on_time_rate',
      year: 2026,
      level: 'district',
    });
    const hexi = values.find((v) => v.orgId === h.fixture.hexi)!;
    expect(hexi.sample).toBeGreaterThan(0);
    expect(hexi.value).toBeGreaterThanOrEqual(0);
    const manifest = await h
      .caller('officer', { scopeOrgId: h.fixture.hexi })
      .kernel.plugins.manifest({ pluginId: 'procurement' });
    expect(manifest.setting.enabled).toBe(true);
    expect(manifest.nav.map((n) => n.key)).toEqual(['contracts', 'complaints', 'overdue']);
    const form = manifest.forms['contract']!.schema as {
      properties: Record<string, { maximum?: number }>;
      required: string[];
    };
    expect(form.properties['paymentTermDays']!.maximum).toBe(365); // corrected (finding 16): over 60 is recorded and flagged
    expect(form.required).toContain('buyerOrgId');
    const rules = await h.caller('viewer').kernel.rules.list();
    expect(rules.pluginRules.find((r) => r.ruleId === RULES.signing.id)?.source).toMatchObject({
      law: '中华人民共和国政府采购法',
      article: '第四十六条第一款',
    });
  });
});
