/**
 * The permission matrix, generated from the router: every procedure × every built-in role (each limited to 河西区) and
 * an anonymous caller × a subject inside and one outside 河西区. The expectation comes from the procedure's declared
 * permission and scope kind; a procedure without a declared permission, scope or sample input fails this test.
 */
import { migrate, rows, type EngineKind } from '@chengxin/db';
import { createTestDatabase, type TestDatabase } from '@chengxin/db/testing';
import {
  AppError,
  builtinRoles,
  configurePlugin,
  createApiToken,
  createCallerFactory,
  createDraft,
  createPerson,
  createUser,
  permissionCatalogue,
  permits,
  transition,
  type Actor,
  type ProcedureMeta,
} from '@chengxin/kernel';
import {
  createInspection,
  draftNotice,
  fileSelfCorrection,
  fileObjection,
  fileRepair,
  openConsequences,
  recordPersonalMatter,
  registerProposal,
  saveCourse,
  saveSource,
  submitComplaint,
  submitLeads,
} from '@chengxin/kernel';
import {
  buildFixture,
  callerContext,
  idNumberFor,
  testAdmin,
  testContext,
  testEngines,
  usccFor,
  type Fixture,
} from '@chengxin/kernel/testing';
import { TRPCError } from '@trpc/server';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appRouter } from '@chengxin/api';
import { MIGRATION_OWNERS } from './system';

type Side = 'in' | 'out';
interface World extends Fixture {
  nankaiPerson: string;
  record: Record<Side, string>;
  person: Record<Side, string>;
  org: Record<Side, string>;
  tenure: Record<Side, string>;
  user: Record<Side, string>;
  grant: Record<Side, string>;
  token: Record<Side, string>;
  published: Record<Side, string>;
  objection: Record<Side, string>;
  repair: Record<Side, string>;
  complaint: Record<Side, string>;
  receipt: string;
  rectification: Record<Side, string>;
  accountability: Record<Side, string>;
  inspection: Record<Side, string>;
  proposal: Record<Side, string>;
  contract: Record<Side, string>;
  arrears: Record<Side, string>;
  course: string;
  personalMatter: Record<Side, string>;
  reportingSource: Record<Side, string>;
  commendation: Record<Side, string>;
  pppProject: Record<Side, string>;
  pppObligation: Record<Side, string>;
  tender: Record<Side, string>;
  invPromise: Record<Side, string>;
  invMilestone: Record<Side, string>;
  invComplaint: Record<Side, string>;
  commitment: Record<Side, string>;
  debtEvent: Record<Side, string>;
  disclosure: Record<Side, string>;
  lead: Record<Side, string>;
  notice: Record<Side, string>;
  selfCorrection: Record<Side, string>;
}

let serial = 0;
/** A well-formed id that names nothing: the call passes authorization and then finds nothing. */
const NO_SUCH_ID = '01900000-0000-7000-8000-00000000dead';
const unique = () => `${Date.now().toString(36)}${++serial}`;
const content = (decisionNo: string) => ({
  typeKey: 'administrative_penalty',
  payload: { penaltyCategories: ['warning'], penaltyContent: '警告' },
  severity: 'ordinary' as const,
  facts: '未按规定履行合同付款义务',
  legalBasis: '《保障中小企业款项支付条例》第八条',
  decisionNo,
  decisionDate: '2025-06-30',
  issuingAuthority: '天津市财政局',
  disclosureScope: 'public' as const,
});

/** One input per procedure and side. Adding a procedure without a sample here fails the matrix. */
const SAMPLES: Record<string, (w: World, side: Side) => unknown> = {
  'kernel.auth.login': () => ({ username: 'nobody', password: 'wrong-password' }),
  'kernel.auth.logout': () => undefined,
  'kernel.auth.me': () => undefined,
  'kernel.auth.changePassword': () => ({ currentPassword: 'not-the-password', newPassword: 'another-password-1' }),
  'kernel.users.list': () => ({ q: '' }),
  'kernel.users.get': (w, s) => ({ id: w.user[s] }),
  'kernel.users.create': (w, s) => ({
    username: `u${unique()}`,
    displayName: '测试',
    password: 'a-long-password-1',
    orgId: w.org[s],
    grants: [],
  }),
  'kernel.users.update': (w, s) => ({ id: w.user[s], displayName: '改名' }),
  'kernel.users.resetPassword': (w, s) => ({ id: w.user[s], password: 'a-new-password-1' }),
  'kernel.users.revokeSessions': (w, s) => ({ id: w.user[s] }),
  'kernel.users.grant': (w, s) => ({ userId: w.user[s], grant: { role: 'viewer', scopeOrgId: w.org[s] } }),
  'kernel.users.revokeGrant': (w, s) => ({ grantId: w.grant[s] }),
  'kernel.roles.list': () => undefined,
  'kernel.roles.permissions': () => undefined,
  'kernel.roles.save': () => ({
    key: `r${unique()}`,
    nameZh: '测试角色',
    nameEn: 'Test role',
    permissions: ['kernel.orgs.read'],
  }),
  'kernel.tokens.list': () => undefined,
  'kernel.tokens.create': (w, s) => ({
    name: `系统${unique()}`,
    role: 'viewer',
    scopeOrgId: w.org[s],
    expiresAt: new Date(Date.now() + 86_400_000).toISOString(),
  }),
  'kernel.tokens.revoke': (w, s) => ({ id: w.token[s] }),
  'kernel.orgs.tree': (w, s) => ({ parentId: w.org[s] }),
  'kernel.orgs.get': (w, s) => ({ id: w.org[s] }),
  'kernel.orgs.search': () => ({ q: '天津' }),
  'kernel.orgs.create': (w, s) => ({
    parentId: w.org[s],
    name: `测试单位${unique()}`,
    uscc: usccFor('120103', 50_000 + ++serial),
    level: 'district',
    kind: 'department',
    areaCode: '120103',
  }),
  'kernel.persons.create': (w, s) => ({
    name: '测试人',
    idNumber: idNumberFor('120103', '1980-01-01', 100 + ++serial),
    tenure: { orgId: w.org[s], postTitle: '科员', startDate: '2020-01-01' },
  }),
  'kernel.persons.get': (w, s) => ({ id: w.person[s] }),
  'kernel.persons.search': () => ({ q: '' }),
  'kernel.persons.findByIdNumber': (w) => ({ idNumber: w.officialIdNumber }),
  'kernel.persons.revealIdNumber': (w, s) => ({ id: w.person[s], reason: '核查身份' }),
  'kernel.persons.appoint': (w, s) => ({
    personId: w.person[s],
    orgId: w.org[s],
    postTitle: `兼职${unique()}`,
    startDate: '2024-01-01',
  }),
  'kernel.persons.endTenure': (w, s) => ({ tenureId: w.tenure[s], endDate: '2026-01-01' }),
  'kernel.persons.duplicates': () => ({}),
  // Not a duplicate registration: allowed callers get a 400 after the permission check, which is what is tested.
  'kernel.persons.mergeDuplicate': (w, s) => ({ id: w.person[s], reason: '同一身份证号' }),
  'kernel.records.create': (w, s) => ({
    subject: { kind: 'org', orgId: w.org[s] },
    ...content(`测〔2025〕${++serial}号`),
  }),
  'kernel.records.correct': (w, s) => ({
    recordId: w.record[s],
    expectedVersion: 1,
    changes: { facts: '更正后的事实' },
    reason: '更正笔误',
  }),
  'kernel.records.submit': (w, s) => ({ recordId: w.record[s] }),
  'kernel.records.approve': (w, s) => ({ recordId: w.record[s] }),
  'kernel.records.reject': (w, s) => ({ recordId: w.record[s], reason: '材料不全' }),
  'kernel.records.publish': (w, s) => ({ recordId: w.record[s] }),
  'kernel.records.revoke': (w, s) => ({ recordId: w.record[s], reason: '原决定被撤销' }),
  'kernel.records.withdraw': (w, s) => ({ recordId: w.record[s], reason: '系误报，撤回草稿' }),
  'kernel.records.get': (w, s) => ({ id: w.record[s] }),
  'kernel.records.list': () => ({}),
  'kernel.records.changes': () => ({ since: '2020-01-01T00:00:00Z' }),
  'kernel.console.overview': () => ({ months: 12 }),
  'kernel.console.activity': () => ({ limit: 10 }),
  'kernel.console.submitMany': (w, s) => ({ recordIds: [w.record[s]] }),
  'kernel.console.reviewMany': (w, s) => ({ action: 'reject', recordIds: [w.record[s]], reason: '材料不全' }),
  'kernel.records.ingest': (w) => ({
    sourceSystem: 'matrix',
    records: [
      { sourceId: `m-${unique()}`, subject: { kind: 'org', orgId: w.hexiFinance }, ...content('测〔2025〕1号') },
    ],
  }),
  'kernel.files.get': (w, s) => ({ subject: { kind: 'person', personId: w.person[s] } }),
  'kernel.files.getConfidential': (w, s) => ({ subject: { kind: 'person', personId: w.person[s] } }),
  'kernel.files.export': (w, s) => ({ subject: { kind: 'person', personId: w.person[s] }, format: 'html' }),
  'kernel.files.exportConfidential': (w, s) => ({ subject: { kind: 'person', personId: w.person[s] }, format: 'html' }),
  'kernel.training.courses': () => undefined,
  'kernel.training.saveCourse': () => ({
    code: `M${unique()}`,
    title: '测试课程',
    hours: 2,
    organiser: '天津市发展和改革委员会',
    audience: 'optional',
  }),
  'kernel.training.sessions': (w) => ({ courseId: w.course }),
  'kernel.training.createSession': (w) => ({ courseId: w.course, startsOn: '2025-04-01', endsOn: '2025-04-01' }),
  'kernel.training.recordCompletion': (w, s) => ({
    personId: w.person[s],
    courseId: w.course,
    completedOn: '2025-04-01',
  }),
  'kernel.training.import': () => ({
    format: 'csv',
    contentBase64: Buffer.from('身份证号,课程编号,完成日期\n').toString('base64'),
    sourceSystem: 'matrix-register',
  }),
  'kernel.training.completions': (w, s) => ({ personId: w.person[s] }),
  'kernel.training.completionRate': (w, s) => ({ orgId: w.org[s], year: 2025 }),
  'kernel.commendations.eligibility': (w, s) => ({ personId: w.person[s], date: '2025-06-01' }),
  'kernel.commendations.override': (w, s) => ({ recordId: w.commendation[s], reason: '经集体研究同意例外批准表彰' }),
  'kernel.confidential.recordPersonalMatter': (w, s) => ({
    personId: w.person[s],
    year: 2010 + (++serial % 10),
    submittedOn: '2025-01-10',
    items: [],
  }),
  'kernel.confidential.checkPersonalMatter': (w, s) => ({
    id: w.personalMatter[s],
    checkResult: 'consistent',
    checkedOn: '2025-03-01',
  }),
  'kernel.confidential.personalMatters': (w, s) => ({ personId: w.person[s] }),
  'kernel.confidential.recordCleanGovernment': (w, s) => ({
    personId: w.person[s],
    kind: 'pledge',
    occurredOn: '2025-03-01',
    summary: '签订廉政承诺书',
    recordingOrgId: w.org[s],
  }),
  'kernel.confidential.cleanGovernment': (w, s) => ({ personId: w.person[s] }),
  'kernel.coverage.files': () => ({ year: 2025 }),
  'kernel.coverage.sources': () => undefined,
  'kernel.coverage.saveSource': (w, s) => ({
    code: `m${unique()}`,
    name: '测试报送单位',
    orgId: w.org[s],
    kind: 'penalty',
    frequency: 'monthly',
    activeFrom: '2025-01-01',
  }),
  'kernel.coverage.declareNil': (w, s) => ({
    sourceId: w.reportingSource[s],
    period: `2025-${String(1 + (++serial % 12)).padStart(2, '0')}`,
  }),
  'kernel.coverage.completeness': () => ({ from: '2025-01-01', to: '2025-03-31' }),
  'kernel.evaluation.schemes.indicators': () => undefined,
  'kernel.evaluation.schemes.template': () => ({ year: 2025, level: 'district' }),
  'kernel.evaluation.schemes.list': () => ({ year: 2025 }),
  'kernel.evaluation.schemes.get': () => ({ id: NO_SUCH_ID }),
  'kernel.evaluation.schemes.save': () => ({
    year: 2025,
    level: 'district',
    name: '矩阵测试方案',
    indicators: [{ key: 'kernel.dishonesty', weight: 1, scale: { kind: 'linear', best: 0, worst: 5 } }],
  }),
  'kernel.evaluation.runs.start': () => ({ schemeId: NO_SUCH_ID }),
  'kernel.evaluation.runs.list': () => ({}),
  'kernel.evaluation.runs.get': () => ({ id: NO_SUCH_ID }),
  'kernel.evaluation.runs.contributions': (w, s) => ({ runId: NO_SUCH_ID, orgId: w.org[s] }),
  'kernel.evaluation.runs.review': () => ({ runId: NO_SUCH_ID, note: '复核无误' }),
  'kernel.evaluation.runs.publish': () => ({ runId: NO_SUCH_ID }),
  'kernel.evaluation.runs.export': () => ({ runId: NO_SUCH_ID, format: 'csv' }),
  'kernel.evaluation.external.import': (w, s) => ({
    source: '矩阵测试机构',
    year: 2025,
    rows: [{ orgId: w.org[s], score: 80 }],
  }),
  'kernel.evaluation.external.list': () => ({ year: 2025 }),
  'kernel.evaluation.external.batches': () => ({}),
  'kernel.evaluation.external.release': () => ({ source: '矩阵测试机构', year: 2025, note: '核对无误' }),
  'kernel.evaluation.external.withdraw': () => ({ source: '矩阵测试机构', year: 2025, reason: '评价机构更正' }),
  'kernel.evaluation.use.areas': () => undefined,
  'kernel.evaluation.use.eligibility': (w, s) => ({ orgId: w.org[s], area: 'pilot', year: 2026 }),
  'kernel.evaluation.use.performanceExport': () => ({ year: 2025 }),
  'kernel.evaluation.thirdParty': () => ({}),
  'kernel.evaluation.published': () => ({ level: 'district' }),
  'kernel.leads.submit': (w, s) => ({
    source: 'matrix',
    sourceKind: 'news',
    leads: [{ sourceId: `m-${unique()}`, orgId: w.org[s], allegation: '媒体报道拖欠账款' }],
  }),
  'kernel.leads.import': () => ({
    format: 'csv',
    contentBase64: Buffer.from(`来源编号,涉及单位,反映问题\nm-${unique()},某单位,报道\n`).toString('base64'),
    source: 'matrix-import',
    sourceKind: 'news',
  }),
  'kernel.leads.list': () => ({}),
  'kernel.leads.get': (w, s) => ({ id: w.lead[s] }),
  'kernel.leads.figures': () => ({}),
  'kernel.leads.dismiss': (w, s) => ({ id: w.lead[s], reason: '经核实不属实' }),
  'kernel.leads.merge': (w, s) => ({ id: w.lead[s], intoId: w.lead[s] }),
  'kernel.leads.resolve': (w, s) => ({ id: w.lead[s], orgId: w.org[s] }),
  'kernel.leads.toRecord': (w, s) => {
    const { typeKey, ...rest } = content(`线〔2025〕${++serial}号`);
    return { id: w.lead[s], record: { typeKey, ...rest } };
  },
  'kernel.rollups.subtree': (w, s) => ({ orgId: w.org[s] }),
  'kernel.exchange.fields': () => ({ kind: 'records' }),
  'kernel.exchange.upload.begin': () => ({ filename: 'matrix.csv', format: 'csv', bytes: 10 }),
  'kernel.exchange.upload.part': () => ({
    uploadId: '01900000-0000-7000-8000-0000000000ee',
    seq: 0,
    dataBase64: 'YQ==',
  }),
  'kernel.exchange.upload.finish': () => ({ uploadId: '01900000-0000-7000-8000-0000000000ee', sha256: 'a'.repeat(64) }),
  'kernel.exchange.import.records': () => ({
    format: 'csv',
    contentBase64: Buffer.from('来源编号,记录类型\n').toString('base64'),
    sourceSystem: 'matrix-import',
    wait: true,
  }),
  'kernel.exchange.import.orgs': () => ({
    format: 'csv',
    contentBase64: Buffer.from('单位名称,统一社会信用代码\n').toString('base64'),
    sourceSystem: 'matrix-import',
    wait: true,
  }),
  'kernel.exchange.import.persons': () => ({
    format: 'csv',
    contentBase64: Buffer.from('姓名,公民身份号码\n').toString('base64'),
    sourceSystem: 'matrix-import',
    wait: true,
  }),
  'kernel.exchange.import.get': () => ({ importId: '01900000-0000-7000-8000-0000000000ef' }),
  'kernel.exchange.import.progress': () => ({ importId: '01900000-0000-7000-8000-0000000000ef' }),
  'kernel.exchange.import.errorReport': () => ({ importId: '01900000-0000-7000-8000-0000000000ef' }),
  'kernel.exchange.export.next': () => ({ channel: 'public', format: 'json', limit: 10 }),
  'kernel.exchange.export.get': () => ({ channel: 'public', batchNo: 1 }),
  'kernel.exchange.export.ack': () => ({ channel: 'public', batchNo: 999, sha256: '0'.repeat(64) }),
  'kernel.exchange.export.batches': () => ({ channel: 'public' }),
  'kernel.exchange.changes': () => ({ channel: 'government', limit: 5 }),
  'kernel.exchange.completeness': () => ({
    format: 'csv',
    contentBase64: Buffer.from('决定书文号\n').toString('base64'),
    from: '2025-01-01',
    to: '2025-03-31',
  }),
  'kernel.rules.list': () => undefined,
  'kernel.calendar.month': () => ({ year: 2026, month: 10 }),
  'kernel.calendar.years': () => ({ around: 2026 }),
  'kernel.calendar.deadline': () => ({ from: '2026-09-30', workingDays: 5 }),
  'kernel.calendar.setDays': () => ({ days: [{ date: '2027-02-09', kind: 'holiday', nameZh: '春节' }] }),
  'kernel.calendar.removeDay': () => ({ date: '2027-02-10' }),
  'kernel.calendar.markOfficial': () => ({ year: 2027, documentNo: '国办发明电〔2026〕5号' }),
  'kernel.objections.file': (w, s) => ({
    recordId: w.published[s],
    applicantKind: 'subject',
    applicantName: '河西区财政局',
    reasons: '处罚决定已被复议撤销',
  }),
  'kernel.objections.extend': (w, s) => ({ id: w.objection[s], reason: '需审计局核实' }),
  'kernel.objections.decide': (w, s) => ({ id: w.objection[s], outcome: 'upheld', reason: '经核实，信息无误' }),
  'kernel.objections.get': (w, s) => ({ id: w.objection[s] }),
  'kernel.objections.list': () => ({}),
  'kernel.objections.page': () => ({}),
  'kernel.repairs.file': (w, s) => ({
    recordId: w.published[s],
    applicantName: '河西区财政局',
    proof: '已支付全部欠款',
    promiseSigned: true,
  }),
  'kernel.repairs.decide': (w, s) => ({ id: w.repair[s], approve: false, reason: '证明材料不足' }),
  'kernel.repairs.breakPromise': (w, s) => ({ id: w.repair[s], reason: '再次拖欠' }),
  'kernel.repairs.get': (w, s) => ({ id: w.repair[s] }),
  'kernel.repairs.list': () => ({}),
  'kernel.repairs.page': () => ({}),
  'kernel.complaints.submit': (w) => ({
    category: 'payment',
    aboutOrgId: w.hexiFinance,
    content: `拖欠工程款${unique()}`,
    anonymous: true,
  }),
  'kernel.complaints.status': (w) => ({ receiptCode: w.receipt }),
  'kernel.complaints.list': () => ({}),
  'kernel.complaints.page': () => ({}),
  'kernel.complaints.get': (w, s) => ({ id: w.complaint[s] }),
  'kernel.complaints.triage': (w, s) => ({ id: w.complaint[s], decision: 'accept' }),
  'kernel.complaints.close': (w, s) => ({ id: w.complaint[s], outcome: '已督促付款', substantiated: true }),
  'kernel.complaints.toRecord': (w, s) => ({ id: w.complaint[s], record: content(`投诉〔2025〕${++serial}号`) }),
  // The world's complaints name their body: allowed callers get a 409 after the permission and scope checks.
  'kernel.complaints.resolveBody': (w, s) => ({ id: w.complaint[s], orgId: w.org[s] }),
  // No such attachment: allowed callers get a 404 after the checks.
  'kernel.complaints.attachment': (w, s) => ({
    complaintId: w.complaint[s],
    attachmentId: '01900000-0000-7000-8000-0000000a0001',
  }),
  'kernel.rectifications.list': () => ({}),
  'kernel.rectifications.page': () => ({}),
  'kernel.rectifications.get': (w, s) => ({ id: w.rectification[s] }),
  'kernel.rectifications.explain': (w, s) => ({
    id: w.rectification[s],
    explanation: '因预算执行审批流程过长导致逾期付款',
    plan: '压缩审批环节，建立付款台账，按月通报',
  }),
  'kernel.rectifications.complete': (w, s) => ({ id: w.rectification[s], evidence: '已付清全部欠款' }),
  'kernel.rectifications.verify': (w, s) => ({ id: w.rectification[s], accepted: true, note: '核验属实' }),
  'kernel.accountability.list': () => ({}),
  'kernel.accountability.close': (w, s) => ({ id: w.accountability[s], outcome: '诫勉谈话' }),
  'kernel.supervision.createInspection': (w, s) => ({
    title: '政务诚信专项督导',
    targetOrgId: w.org[s],
    dueOn: '2099-12-31',
  }),
  'kernel.supervision.addFinding': (w, s) => ({
    inspectionId: w.inspection[s],
    description: '合同付款台账缺失',
    opensRectification: true,
  }),
  'kernel.supervision.closeInspection': (w, s) => ({ id: w.inspection[s], summary: '督导结束' }),
  'kernel.supervision.inspections': () => ({}),
  'kernel.supervision.registerProposal': (w, s) => ({
    kind: 'npc_suggestion',
    code: `J${unique()}`,
    title: '关于加强政务诚信建设的建议',
    handlingOrgId: w.org[s],
    receivedOn: '2026-03-10',
  }),
  'kernel.supervision.answerProposal': (w, s) => ({ id: w.proposal[s], satisfaction: 'satisfied' }),
  'kernel.supervision.proposals': () => ({}),
  'kernel.notifications.list': () => ({}),
  'kernel.notifications.markRead': () => ({ ids: 'all' }),
  'kernel.eligibility.annualAssessment': (w, s) => ({ personId: w.person[s], year: 2025 }),
  'kernel.eligibility.annualAssessmentForOrg': (w, s) => ({ orgId: w.org[s], year: 2025 }),
  'kernel.eligibility.honours': (w, s) => ({ orgId: w.org[s], date: '2026-01-01' }),
  'kernel.eligibility.promotion': (w, s) => ({ personId: w.person[s], date: '2026-01-01' }),
  'kernel.jobs.runDaily': () => ({ day: '2026-12-01' }),
  'kernel.jobs.runs': () => undefined,
  'kernel.jobs.list': () => undefined,
  'kernel.jobs.retry': () => ({ kind: 'mail', id: '01900000-0000-7000-8000-00000000beef' }),
  'kernel.audit.verify': () => undefined,
  'kernel.audit.checkpoint': () => undefined,
  'kernel.audit.checkpoints': () => ({}),
  'kernel.audit.inclusionProof': () => ({ leafIndex: 0 }),
  'kernel.audit.consistencyProof': () => ({ from: 1 }),
  'kernel.audit.verifierKeys': () => undefined,
  'kernel.audit.cosign': () => ({ size: 1, line: '— witness AAAAAAAAAAAAAAAA' }),
  'kernel.audit.cosigned': () => ({ size: 1 }),
  'kernel.audit.entries': () => ({}),
  'kernel.audit.accessLog': () => ({}),
  'kernel.assessments.record': (w, s) => ({
    personId: w.person[s],
    year: 2023,
    grade: 'competent',
    assessingOrgId: w.org[s],
  }),
  'kernel.assessments.list': (w, s) => ({ personId: w.person[s] }),
  'kernel.plugins.list': () => undefined,
  'kernel.plugins.manifest': () => ({ pluginId: 'procurement' }),
  'kernel.plugins.settings': () => ({ pluginId: 'procurement' }),
  'kernel.plugins.effective': (w, s) => ({ pluginId: 'procurement', orgId: w.org[s] }),
  'kernel.plugins.configure': (w, s) => ({ pluginId: 'procurement', orgId: w.org[s], enabled: true, config: {} }),
  'kernel.plugins.configureDeployment': () => ({ pluginId: 'procurement', enabled: true, config: {} }),
  'kernel.plugins.runScan': () => ({ pluginId: 'local-debt' }),
  'kernel.plugins.scanSubtree': () => ({ pluginId: 'local-debt' }),
  'kernel.plugins.indicatorValues': () => ({ pluginId: 'local-debt', indicator: 'local-debt.risk_score', year: 2025 }),
  'procurement.contracts.create': (w, s) => contractInput(w.org[s]),
  'procurement.contracts.get': (w, s) => ({ id: w.contract[s] }),
  'procurement.contracts.list': () => ({}),
  'procurement.contracts.recordSigning': (w, s) => ({ contractId: w.contract[s], signingDate: '2026-03-10' }),
  'procurement.contracts.recordDelivery': (w, s) => ({ contractId: w.contract[s], deliveryDate: '2026-04-01' }),
  'procurement.contracts.recordAcceptance': (w, s) => ({
    contractId: w.contract[s],
    acceptanceDate: '2026-04-10',
    result: 'passed',
    reportNo: 'YS-1',
  }),
  'procurement.contracts.recordPayment': (w, s) => ({
    contractId: w.contract[s],
    paidOn: '2026-04-20',
    amountFen: 100,
    voucherNo: `V${unique()}`,
  }),
  'procurement.contracts.importOcds': () => ({ package: { releases: [] } }),
  'procurement.ocds.record': () => ({ ocid: 'ocds-tj0001-NONE' }),
  'procurement.ocds.releases': () => ({ limit: 5 }),
  'procurement.complaints.receive': (w, s) => ({
    contractId: w.contract[s],
    supplierName: '某公司',
    receivedOn: '2026-05-06',
    summary: '拖欠货款',
  }),
  'procurement.complaints.forward': (w, s) => ({
    complaintId: w.arrears[s],
    forwardedOn: '2026-05-08',
    forwardedTo: '区工信局',
  }),
  'procurement.complaints.extend': (w, s) => ({ complaintId: w.arrears[s], totalDays: 60, reason: '需核实' }),
  'procurement.complaints.handle': (w, s) => ({
    complaintId: w.arrears[s],
    handledOn: '2026-05-20',
    outcome: 'paid',
    note: '已付',
  }),
  'procurement.complaints.list': () => ({}),
  'procurement.reports.overdueList': () => ({ year: 2025 }),
  'localDebt.figures.save': (w, s) => ({
    orgId: w.org[s],
    year: 2024,
    balanceFen: 900,
    capacityFen: 1000,
    principalInterestDueFen: 100,
    overdueFen: 0,
    newDebtFen: 50,
  }),
  'localDebt.figures.list': () => ({}),
  'localDebt.ratings.get': (w, s) => ({ orgId: w.org[s], year: 2024 }),
  'localDebt.ratings.list': () => ({ year: 2024 }),
  'localDebt.creditRatings.list': () => ({ year: 2024 }),
  'localDebt.creditRatings.publish': (w, s) => ({ orgId: w.org[s], year: 2024 }),
  'localDebt.events.open': (w, s) => ({
    orgId: w.org[s],
    occurredOn: '2026-01-12',
    level: 'IV',
    title: '付息资金缺口',
    description: '库款不足',
  }),
  'localDebt.events.addMeasure': (w, s) => ({
    eventId: w.debtEvent[s],
    takenOn: '2026-01-13',
    measure: '启动应急响应',
  }),
  'localDebt.events.close': (w, s) => ({ eventId: w.debtEvent[s], closedOn: '2026-01-20', closure: '风险解除' }),
  'localDebt.events.list': () => ({}),
  'ppp.projects.create': (w, s) => pppProjectInput(w.org[s]),
  'ppp.projects.get': (w, s) => ({ id: w.pppProject[s] }),
  'ppp.projects.list': () => ({}),
  'ppp.projects.setPhase': (w, s) => ({ projectId: w.pppProject[s], phase: 'handover' }),
  'ppp.projects.recordChange': (w, s) => ({
    projectId: w.pppProject[s],
    changedOn: '2026-03-10',
    description: '调整服务范围',
    unilateral: false,
    reason: 'other',
  }),
  'ppp.projects.recordEvaluation': (w, s) => ({
    projectId: w.pppProject[s],
    year: 2025,
    evaluatedOn: '2025-12-20',
    kind: 'annual',
    score: 85,
  }),
  'ppp.projects.recordFailure': (w, s) => ({
    projectId: w.pppProject[s],
    periodStart: '2025-01-01',
    periodEnd: '2025-12-31',
    category: '水质',
    events: 1,
  }),
  'ppp.projects.importOcds': () => ({ package: { releases: [] } }),
  'ppp.reviews.record': (w, s) => ({
    projectId: w.pppProject[s],
    reviewedOn: '2026-01-05',
    reviewer: '区司法局',
    conclusion: 'approved',
    findings: '合同条款符合规定',
  }),
  'ppp.reviews.list': () => ({}),
  'ppp.results.record': (w, s) => ({
    projectId: w.pppProject[s],
    year: 2000 + (++serial % 90),
    assessedOn: '2026-03-10',
    result: 'good',
    assessor: '区财政局',
    summary: '按期达标',
  }),
  'ppp.results.list': () => ({}),
  'ppp.obligations.add': (w, s) => ({
    projectId: w.pppProject[s],
    kind: 'approval',
    description: '调价审批',
    dueDate: '2026-06-30',
  }),
  'ppp.obligations.fulfil': (w, s) => ({
    obligationId: w.pppObligation[s],
    fulfilledOn: '2026-03-01',
    amountFen: 100,
    note: '拨付',
  }),
  'ppp.obligations.excuse': (w, s) => ({
    obligationId: w.pppObligation[s],
    reason: 'force_majeure',
    explanation: '汛期',
  }),
  'ppp.budgets.save': (w, s) => ({ orgId: w.org[s], year: 2025, generalExpenditureFen: 100_000 }),
  'ppp.reports.affordability': () => ({ year: 2025 }),
  'bidding.tenders.create': (w, s) => tenderInput(w.org[s]),
  'bidding.tenders.get': (w, s) => ({ id: w.tender[s] }),
  'bidding.tenders.list': () => ({}),
  'bidding.tenders.recordDates': (w, s) => ({ tenderId: w.tender[s], evaluationReportDate: '2026-02-05' }),
  'bidding.tenders.addClarification': (w, s) => ({
    tenderId: w.tender[s],
    issuedOn: '2026-01-15',
    affectsBids: true,
    summary: '修改',
  }),
  'bidding.tenders.recordIncident': (w, s) => ({
    tenderId: w.tender[s],
    kind: 'conditions_added',
    occurredOn: '2026-02-20',
    description: '附加条件',
  }),
  'bidding.tenders.recordInterference': (w, s) => ({
    tenderId: w.tender[s],
    personId: w.person[s],
    kind: 'named_winner',
    occurredOn: '2026-01-20',
    description: '指定中标人',
  }),
  'bidding.tenders.importOcds': () => ({ package: { releases: [] } }),
  'bidding.agencies.register': () => ({
    name: `代理${unique()}`,
    uscc: '91120104MA05KQ7R2B',
    qualification: '招标代理',
  }),
  'bidding.agencies.list': () => ({}),
  'bidding.agencies.attachReport': (w) => ({
    agencyId: w.tender.in,
    issuer: '评级公司',
    reportNo: `R${unique()}`,
    issuedOn: '2026-03-01',
    grade: 'A',
    validUntil: '2027-03-01',
  }),
  'bidding.agencies.evaluate': (w) => ({ agencyId: w.tender.in, year: 2025, evaluatedOn: '2026-03-01', scores: {} }),
  'bidding.agencies.disclosure': () => ({}),
  'bidding.agencies.evaluations': () => ({}),
  'bidding.agencies.reviewEvaluation': () => ({ evaluationId: NO_SUCH_ID, approve: true, note: null }),
  'bidding.agencies.correctEvaluation': () => ({ evaluationId: NO_SUCH_ID, scores: {}, reportIds: [], reason: '更正' }),
  'bidding.agencies.publishEvaluation': () => ({ evaluationId: NO_SUCH_ID }),
  'bidding.agencies.recordSupervision': (w) => ({
    agencyId: w.tender.in,
    kind: 'inspection',
    occurredOn: '2026-03-01',
    summary: '抽查',
    outcome: null,
    documentNo: null,
  }),
  'bidding.agencies.supervision': () => ({}),
  'bidding.agencies.publishSupervision': () => ({ supervisionId: NO_SUCH_ID }),
  'bidding.ocds.record': () => ({ ocid: 'ocds-tj0001-NONE' }),
  'bidding.ocds.releases': () => ({ limit: 5 }),
  'ppp.ocds.record': () => ({ ocid: 'ocds-tj0001-NONE' }),
  'ppp.ocds.releases': () => ({ limit: 5 }),
  'investmentPromises.promises.register': (w, s) => investmentPromiseInput(w.org[s]),
  'investmentPromises.promises.get': (w, s) => ({ id: w.invPromise[s] }),
  'investmentPromises.promises.list': () => ({}),
  'investmentPromises.promises.recordEvidence': (w, s) => ({
    milestoneId: w.invMilestone[s],
    on: '2026-03-01',
    value: 100,
    note: '拨付凭证',
  }),
  'investmentPromises.promises.recordChange': (w, s) => ({
    promiseId: w.invPromise[s],
    changedOn: '2026-03-10',
    description: '经企业同意调整',
    agreed: true,
    reason: 'other',
  }),
  'investmentPromises.promises.excuse': (w, s) => ({
    promiseId: w.invPromise[s],
    reason: 'force_majeure',
    explanation: '汛期',
  }),
  'investmentPromises.complaints.receive': (w, s) => ({
    promiseId: w.invPromise[s],
    channel: 'hotline_12345',
    receivedOn: '2026-03-05',
    summary: '补贴未兑现',
  }),
  'investmentPromises.complaints.forward': (w, s) => ({
    complaintId: w.invComplaint[s],
    forwardedOn: '2026-03-06',
    forwardedTo: '区发展改革委',
  }),
  'investmentPromises.complaints.verify': (w, s) => ({
    complaintId: w.invComplaint[s],
    verifiedOn: '2026-03-20',
    outcome: 'fixed',
    note: '已整改',
  }),
  'investmentPromises.complaints.list': () => ({}),
  'townships.commitments.create': (w, s) => ({
    orgId: s === 'in' ? w.hexiStreet : w.nankai,
    year: 2025,
    area: 'employment',
    title: '新增就业岗位',
    target: 10,
    unit: '个',
    dueDate: '2025-12-15',
  }),
  'townships.commitments.get': (w, s) => ({ id: w.commitment[s] }),
  'townships.commitments.list': () => ({}),
  'townships.commitments.performance': () => ({ year: 2025 }),
  'townships.commitments.performanceExport': () => ({ year: 2025 }),
  'townships.disclosures.create': (w, s) => ({
    orgId: s === 'in' ? w.hexiStreet : w.nankai,
    year: 2026,
    quarter: 1,
    kind: 'public_service_fund',
    title: '养老服务补贴',
    amountFen: 100_000,
    description: '按季度发放',
  }),
  'townships.disclosures.correct': (w, s) => ({
    disclosureId: w.disclosure[s],
    quarter: 1,
    kind: 'public_service_fund',
    title: '养老服务补贴',
    amountFen: 100_000,
    description: '按季度发放',
  }),
  'townships.disclosures.review': (w, s) => ({ disclosureId: w.disclosure[s], approve: true, note: null }),
  'townships.disclosures.publish': (w, s) => ({ disclosureId: w.disclosure[s] }),
  'townships.disclosures.list': () => ({}),
  'townships.commitments.publish': (w, s) => ({ commitmentId: w.commitment[s] }),
  'townships.commitments.reportProgress': (w, s) => ({
    commitmentId: w.commitment[s],
    quarter: 1 + (++serial % 4),
    reportedOn: '2025-12-31',
    value: 1,
    evidence: '台账',
  }),
  'townships.commitments.recordChange': (w, s) => ({
    commitmentId: w.commitment[s],
    changedOn: '2025-05-01',
    description: '经居民代表会议同意调整',
    agreed: true,
    reason: 'other',
  }),
  'townships.commitments.assess': (w, s) => ({ commitmentId: w.commitment[s], assessedOn: '2026-01-10', note: null }),
  'townships.public.board': () => ({ year: 2025 }),
  'townships.public.rate': (w, s) => ({
    commitmentId: w.commitment[s],
    mobile: `139${String(10_000_000 + ++serial)}`,
    fulfilment: 5,
    satisfaction: 4,
  }),
  'townships.public.requestCode': (w, s) => ({
    commitmentId: w.commitment[s],
    mobile: `139${String(10_000_000 + ++serial)}`,
  }),
  'townships.public.candidates': () => ({ year: 2025 }),
  'kernel.public.search': () => ({ q: '河西' }),
  'kernel.public.districts': () => undefined,
  'kernel.public.recordTypes': () => undefined,
  'kernel.public.body': (w, s) => ({ orgId: w.org[s] }),
  'kernel.public.person': (w, s) => ({ personId: w.person[s] }),
  'kernel.public.report': (w, s) => ({ orgId: w.org[s] }),
  'kernel.public.reportFile': (w, s) => ({ orgId: w.org[s], format: 'html' }),
  'kernel.public.verifyReport': () => ({
    uscc: '111201030000000300',
    reportNo: 'XYBG-20260101-1-ABCDEF12',
    verificationCode: '0000-0000-0000-0000',
  }),
  'kernel.public.complain': (w) => ({
    category: 'payment',
    aboutOrgId: w.hexiFinance,
    content: `拖欠工程款${unique()}`,
    anonymous: true,
    attachments: [
      {
        filename: 'a.pdf',
        contentType: 'application/pdf',
        dataBase64: Buffer.from('%PDF-1.4 test').toString('base64'),
      },
    ],
  }),
  'kernel.notices.draft': (w, s) => ({
    issuerOrgId: s === 'in' ? w.hexi : w.city,
    targetOrgId: s === 'in' ? w.hexiFinance : w.nankai,
    title: '关于拖欠账款问题的通报',
    recordIds: [w.published[s]],
    facts: '拖欠中小企业账款',
    rectificationDemand: '限期清偿',
    rectificationDue: '2099-12-31',
  }),
  'kernel.notices.update': (w, s) => ({ id: w.notice[s], title: '修改后的标题' }),
  'kernel.notices.submit': (w, s) => ({ id: w.notice[s] }),
  'kernel.notices.review': (w, s) => ({ id: w.notice[s], approve: false, note: '请补充' }),
  'kernel.notices.publish': (w, s) => ({ id: w.notice[s] }),
  'kernel.notices.withdraw': (w, s) => ({ id: w.notice[s], reason: '依据记录已撤销' }),
  'kernel.notices.get': (w, s) => ({ id: w.notice[s] }),
  'kernel.notices.list': () => ({}),
  'kernel.notices.published': () => ({}),
  'kernel.selfCorrections.file': (w, s) => ({
    recordId: w.published[s],
    applicantName: '河西区财政局',
    evidence: [{ kind: 'loss_recovered', description: '已付清欠款' }],
  }),
  'kernel.selfCorrections.decide': (w, s) => ({
    id: w.selfCorrection[s],
    grant: false,
    reason: '证明材料不足以认定主动挽回损失',
  }),
  'kernel.selfCorrections.get': (w, s) => ({ id: w.selfCorrection[s] }),
  'kernel.selfCorrections.list': () => ({}),
  'kernel.public.openData.fields': () => undefined,
  'kernel.public.openData.records': () => ({ format: 'json', limit: 10 }),
  'kernel.public.openData.changes': () => ({ since: '2026-01-01T00:00:00Z', limit: 10 }),
  'kernel.public.dishonestyList': () => ({}),
  'kernel.public.dishonestyFeed': () => ({ format: 'atom' }),
};

const investmentPromiseInput = (orgId: string) => ({
  orgId,
  kind: 'agreement',
  category: 'subsidy',
  title: '设备补贴',
  beneficiaryName: '某科技公司',
  beneficiaryUscc: '91120103MA05XK8T4H',
  madeOn: '2026-01-15',
  basisKind: 'law',
  legalBasis: '《中小企业促进法》第十条',
  milestones: [{ title: '补贴', dueDate: '2026-06-30', amountFen: 1_000_000 }],
});

const contractInput = (buyerOrgId: string) => ({
  buyerOrgId,
  title: '办公设备采购',
  supplierName: '某公司',
  supplierUscc: '91120103MA05XK8T4H',
  supplierSme: true,
  amountFen: 1_000_000,
  awardNoticeDate: '2026-03-02',
});

const pppProjectInput = (orgId: string) => ({
  orgId,
  name: '污水处理PPP项目',
  sector: '市政公用',
  partnerName: '某环境公司',
  partnerUscc: '91120103MA05XK8T4H',
  phase: 'execution',
  paymentMechanism: 'viability_gap',
  startDate: '2019-05-06',
  agreementDate: '2020-01-15',
  termYears: 20,
});
const tenderInput = (orgId: string) => ({
  orgId,
  project: '办公楼维修工程',
  mustTender: true,
  openRequired: true,
  method: 'open',
  issueDate: '2026-01-10',
  bidDeadline: '2026-01-30',
});

// The built-in roles with what the installed plugins add to them (the server's MIGRATION_OWNERS installed them).
const ROLE_TABLE = builtinRoles();
const ROLES = Object.keys(ROLE_TABLE);
const DENIALS = new Set(['PERMISSION_DENIED', 'OUT_OF_SCOPE', 'CITY_SCOPE_REQUIRED', 'CSRF_FAILED']);

function expectedAllowed(meta: ProcedureMeta, role: string | null, side: Side): boolean {
  if (meta.permission === 'public') return true;
  if (role === null) return false;
  if (meta.permission === 'authenticated') return true;
  if (!permits(ROLE_TABLE[role]!.permissions, meta.permission)) return false;
  if (meta.scope === 'city') return false; // every matrix user is limited to 河西区
  return meta.scope !== 'subject' || side === 'in';
}

/** Whether an error is an access refusal (as opposed to bad input, not found, a conflict …). */
function isDenial(error: unknown): boolean {
  if (!(error instanceof TRPCError)) return false;
  if (error.cause instanceof AppError) return DENIALS.has(error.cause.appCode);
  return error.code === 'UNAUTHORIZED' || error.code === 'FORBIDDEN';
}

const procedures = Object.entries(
  (appRouter._def as unknown as { procedures: Record<string, { _def: { meta?: ProcedureMeta; type: string } }> })
    .procedures,
);

/** A run id for seeded evaluation evidence (contributions carry no foreign key to a run). */
const MATRIX_RUN = '01900000-0000-7000-8000-0000000e7a10';
/** Samples that read seeded foreign rows where the access sample would find none. */
const OUTPUT_SAMPLES: Record<string, (w: World, side: Side) => unknown> = {
  'kernel.evaluation.runs.contributions': (w, s) => ({ runId: MATRIX_RUN, orgId: s === 'in' ? w.hexi : w.nankai }),
};
/** Ids, names and codes of things outside 河西区: none may appear in a 河西区 caller's answer. */
const foreign: string[] = [];
let mover = '';
let moverRecord = '';

describe.each(testEngines())('permission matrix on %s', (engine: EngineKind) => {
  let database: TestDatabase;
  let world: World;
  const actors = new Map<string, Actor>();
  const call = createCallerFactory(appRouter);
  const caller = (actor: Actor | null) =>
    call(callerContext(database.db, actor, 'matrix')) as unknown as Record<string, unknown>;

  beforeAll(async () => {
    database = await createTestDatabase(engine);
    await migrate(database, MIGRATION_OWNERS);
    const ctx = testContext(database);
    const f = await buildFixture(ctx);
    const hexiPath = (
      await rows<{ path: string }>(database.db, sql`select path from kernel.org_unit where id = ${f.hexi}`)
    )[0]!.path;
    const nankaiPerson = (
      await createPerson(ctx, {
        name: '王南开',
        idNumber: idNumberFor('120104', '1982-03-15', 17),
        tenure: { orgId: f.nankai, postTitle: '科长', principal: false, startDate: '2018-01-01' },
      })
    ).id;
    const record = async (orgId: string, no: string) =>
      (
        await transition(
          ctx,
          'submit',
          (await createDraft(ctx, { subject: { kind: 'org', orgId }, linkTo: [], ...content(no) })).id,
        )
      ).id;
    const user = async (orgId: string) =>
      createUser(ctx, {
        username: `u${unique()}`,
        displayName: '被管理者',
        password: 'a-long-password-1',
        orgId,
        grants: [{ role: 'viewer', scopeOrgId: orgId, plugins: null }],
      });
    const inUser = await user(f.hexiStreet);
    const outUser = await user(f.nankai);
    const token = async (scopeOrgId: string) =>
      (
        await createApiToken(ctx, {
          name: `系统${unique()}`,
          role: 'viewer',
          scopeOrgId,
          plugins: null,
          expiresAt: new Date(Date.now() + 86_400_000).toISOString(),
        })
      ).info.id;
    const published = async (orgId: string, no: string) => {
      const id = (await createDraft(ctx, { subject: { kind: 'org', orgId }, linkTo: [], ...content(no) })).id;
      for (const a of ['submit', 'approve', 'publish'] as const) await transition(ctx, a, id);
      return id;
    };
    const pub = {
      in: await published(f.hexiFinance, '河西〔2025〕2号'),
      out: await published(f.nankai, '南开〔2025〕2号'),
    };
    const forObjection = {
      in: await published(f.hexiFinance, '河西〔2025〕3号'),
      out: await published(f.nankai, '南开〔2025〕3号'),
    };
    const objection = {
      in: (
        await fileObjection(ctx, {
          recordId: forObjection.in,
          applicantKind: 'subject',
          applicantName: '甲',
          reasons: '有误',
          evidence: [],
        })
      ).id,
      out: (
        await fileObjection(ctx, {
          recordId: forObjection.out,
          applicantKind: 'subject',
          applicantName: '乙',
          reasons: '有误',
          evidence: [],
        })
      ).id,
    };
    const forRepair = {
      in: await published(f.hexiFinance, '河西〔2025〕4号'),
      out: await published(f.nankai, '南开〔2025〕4号'),
    };
    const repair = {
      in: (await fileRepair(ctx, { recordId: forRepair.in, applicantName: '甲', proof: '已履行', promiseSigned: true }))
        .id,
      out: (
        await fileRepair(ctx, { recordId: forRepair.out, applicantName: '乙', proof: '已履行', promiseSigned: true })
      ).id,
    };
    const complain = async (orgId: string) =>
      submitComplaint(ctx, {
        category: 'payment',
        aboutOrgId: orgId,
        content: `拖欠款项${unique()}`,
        anonymous: false,
        complainantName: '王某',
      });
    const [cIn, cOut] = [await complain(f.hexiFinance), await complain(f.nankai)];
    const complaintId = async (code: string) =>
      (await rows<{ id: string }>(database.db, sql`select id from kernel.complaint where receipt_code = ${code}`))[0]!
        .id;
    const complaint = { in: await complaintId(cIn.receiptCode), out: await complaintId(cOut.receiptCode) };
    await openConsequences(ctx, ctx.today());
    const firstOf = async (table: string, orgId: string) =>
      (
        await rows<{ id: string }>(
          database.db,
          sql`select x.id::text from ${sql.raw(table)} x where x.record_id in (select id from kernel.credit_record where org_id = ${orgId}) order by x.id limit 1`,
        )
      )[0]!.id;
    const rectification = {
      in: await firstOf('kernel.rectification', f.hexiFinance),
      out: await firstOf('kernel.rectification', f.nankai),
    };
    // A principal official in 南开, so its records open accountability tasks too.
    await createPerson(ctx, {
      name: '南开区长',
      idNumber: idNumberFor('120104', '1970-06-01', 21),
      tenure: { orgId: f.nankai, postTitle: '区长', principal: true, startDate: '2015-01-01' },
    });
    await openConsequences(ctx, ctx.today());
    const accountability = {
      in: await firstOf('kernel.accountability_task', f.hexiFinance),
      out: await firstOf('kernel.accountability_task', f.nankai),
    };
    const inspection = {
      in: (await createInspection(ctx, { title: '督导', targetOrgId: f.hexiFinance, dueOn: '2099-12-31' })).id,
      out: (await createInspection(ctx, { title: '督导', targetOrgId: f.nankai, dueOn: '2099-12-31' })).id,
    };
    const proposal = {
      in: (
        await registerProposal(ctx, {
          kind: 'cppcc_proposal',
          code: `P${unique()}`,
          title: '提案',
          handlingOrgId: f.hexiFinance,
          receivedOn: '2026-03-01',
        })
      ).id,
      out: (
        await registerProposal(ctx, {
          kind: 'cppcc_proposal',
          code: `P${unique()}`,
          title: '提案',
          handlingOrgId: f.nankai,
          receivedOn: '2026-03-01',
        })
      ).id,
    };
    for (const pluginId of ['procurement', 'local-debt', 'ppp', 'bidding', 'investment-promises', 'townships'])
      await configurePlugin(ctx, { pluginId, orgId: null, enabled: true, config: {} });
    const admin = caller(testAdmin) as unknown as {
      procurement: {
        contracts: { create(i: unknown): Promise<{ id: string }>; recordSigning(i: unknown): Promise<unknown> };
        complaints: { receive(i: unknown): Promise<{ id: string }> };
      };
    };
    const contractIn = async (orgId: string) => {
      const c = await admin.procurement.contracts.create(contractInput(orgId));
      await admin.procurement.contracts.recordSigning({ contractId: c.id, signingDate: '2026-03-05' });
      return c.id;
    };
    const contract = { in: await contractIn(f.hexiFinance), out: await contractIn(f.nankai) };
    const arrearsFor = async (contractId: string) =>
      (
        await admin.procurement.complaints.receive({
          contractId,
          supplierName: '某公司',
          receivedOn: '2026-05-06',
          summary: '拖欠货款',
        })
      ).id;
    const arrears = { in: await arrearsFor(contract.in), out: await arrearsFor(contract.out) };
    const course = (
      await saveCourse(ctx, {
        code: 'M-COURSE',
        title: '矩阵课程',
        hours: 2,
        organiser: '天津市发展和改革委员会',
        audience: 'all',
      })
    ).id;
    const matter = async (personId: string) =>
      (
        await recordPersonalMatter(ctx, {
          personId,
          year: 2024,
          submittedOn: '2025-01-10',
          items: [],
          checkResult: 'not_checked',
        })
      ).id;
    const personalMatter = { in: await matter(f.official), out: await matter(nankaiPerson) };
    const source = async (orgId: string) =>
      (
        await saveSource(ctx, {
          code: `src-${unique()}`,
          name: '报送单位',
          orgId,
          kind: 'penalty',
          frequency: 'monthly',
          activeFrom: '2025-01-01',
        })
      ).id;
    const reportingSource = { in: await source(f.hexiFinance), out: await source(f.nankai) };
    const honour = async (personId: string) =>
      (
        await transition(
          ctx,
          'submit',
          (
            await createDraft(ctx, {
              subject: { kind: 'person', personId },
              linkTo: [],
              ...content(`奖〔2025〕${unique()}号`),
              typeKey: 'commendation',
              severity: 'minor',
            })
          ).id,
        )
      ).id;
    const commendation = { in: await honour(f.official), out: await honour(nankaiPerson) };
    const plugins = caller(testAdmin) as unknown as {
      ppp: {
        projects: { create(i: unknown): Promise<{ id: string }> };
        obligations: { add(i: unknown): Promise<{ obligations: { id: string }[] }> };
      };
      bidding: { tenders: { create(i: unknown): Promise<{ id: string }> } };
      investmentPromises: {
        promises: { register(i: unknown): Promise<{ id: string; progress: { milestones: { id: string }[] } }> };
        complaints: { receive(i: unknown): Promise<{ id: string }> };
      };
    };
    const pppIn = async (orgId: string) => {
      const p = await plugins.ppp.projects.create(pppProjectInput(orgId));
      const o = await plugins.ppp.obligations.add({
        projectId: p.id,
        kind: 'payment',
        description: '可用性付费',
        dueDate: '2026-03-02',
        amountFen: 1_000_000,
      });
      return { project: p.id, obligation: o.obligations[0]!.id };
    };
    const [pppInside, pppOutside] = [await pppIn(f.hexiFinance), await pppIn(f.nankai)];
    const tender = {
      in: (await plugins.bidding.tenders.create(tenderInput(f.hexiFinance))).id,
      out: (await plugins.bidding.tenders.create(tenderInput(f.nankai))).id,
    };
    const invIn = async (orgId: string) => {
      const p = await plugins.investmentPromises.promises.register(investmentPromiseInput(orgId));
      const c = await plugins.investmentPromises.complaints.receive({
        promiseId: p.id,
        channel: 'hotline_12345',
        receivedOn: '2026-03-05',
        summary: '补贴未兑现',
      });
      return { promise: p.id, milestone: p.progress.milestones[0]!.id, complaint: c.id };
    };
    const [invInside, invOutside] = [await invIn(f.hexiFinance), await invIn(f.nankai)];
    // Commitments written directly: the matrix has no street under 南开区, and the 'out' side only needs a body outside 河西区.
    const commitmentAt = async (orgId: string) => {
      const id = (
        await rows<{ id: string }>(
          database.db,
          sql`insert into townships.commitment (id, org_id, year, area, title, published_on) values (gen_random_uuid(), ${orgId}, 2025, 'employment', '新增就业岗位', '2025-01-20') returning id::text`,
        )
      )[0]!.id;
      await database.db.execute(
        sql`insert into townships.milestone (id, promise_id, seq, title, due_date, target, unit) values (gen_random_uuid(), ${id}, 1, '新增就业岗位', '2025-12-15', 10, '个')`,
      );
      return id;
    };
    const commitment = { in: await commitmentAt(f.hexiStreet), out: await commitmentAt(f.nankai) };
    const debtEventAt = async (orgId: string) =>
      (
        await rows<{ id: string }>(
          database.db,
          sql`insert into local_debt.risk_event (id, org_id, occurred_on, level, title, description) values (gen_random_uuid(), ${orgId}, '2026-01-12', 'IV', '付息资金缺口', '库款不足') returning id::text`,
        )
      )[0]!.id;
    const debtEvent = { in: await debtEventAt(f.hexi), out: await debtEventAt(f.nankai) };
    const disclosureAt = async (orgId: string) =>
      (
        await rows<{ id: string }>(
          database.db,
          sql`insert into townships.disclosure (id, org_id, year, quarter, kind, title, amount_fen, description, status) values (gen_random_uuid(), ${orgId}, 2026, 1, 'public_service_fund', '养老服务补贴', 100000, '按季度发放', 'entered') returning id::text`,
        )
      )[0]!.id;
    const disclosure = { in: await disclosureAt(f.hexiStreet), out: await disclosureAt(f.nankai) };
    const [leadIn, leadOut] = (
      await submitLeads(ctx, {
        source: '矩阵监测',
        sourceKind: 'court',
        leads: [
          { sourceId: 'L-in', orgId: f.hexiFinance, allegation: '未履行生效判决', documents: [] },
          { sourceId: 'L-out', orgId: f.nankai, allegation: '未履行生效判决', documents: [] },
        ],
      })
    ).ids;
    const noticeOn = async (issuerOrgId: string, targetOrgId: string, recordId: string) =>
      (
        await draftNotice(ctx, {
          issuerOrgId,
          targetOrgId,
          title: '通报',
          recordIds: [recordId],
          facts: '拖欠账款',
          rectificationDemand: '限期清偿',
          rectificationDue: '2099-12-31',
        })
      ).id;
    // A notice rests on records published today (the matrix runs on today's date).
    const currentRecord = async (orgId: string) => {
      const id = (
        await createDraft(ctx, {
          subject: { kind: 'org', orgId },
          linkTo: [],
          ...content(`通报依据〔2026〕${unique()}号`),
          decisionDate: ctx.today(),
        })
      ).id;
      for (const a of ['submit', 'approve', 'publish'] as const) await transition(ctx, a, id);
      return id;
    };
    const notice = {
      in: await noticeOn(f.hexi, f.hexiFinance, await currentRecord(f.hexiFinance)),
      out: await noticeOn(f.city, f.nankai, await currentRecord(f.nankai)),
    };
    const correctionOn = async (recordId: string) =>
      (
        await fileSelfCorrection(ctx, {
          recordId,
          applicantName: '申请单位',
          evidence: [{ kind: 'loss_recovered', description: '已付清欠款', documents: [] }],
        })
      ).id;
    const selfCorrection = { in: await correctionOn(forRepair.in), out: await correctionOn(forRepair.out) };
    const tenureOf = async (personId: string) =>
      (await rows<{ id: string }>(database.db, sql`select id from kernel.tenure where person_id = ${personId}`))[0]!.id;
    world = {
      ...f,
      nankaiPerson,
      record: { in: await record(f.hexiFinance, '河西〔2025〕1号'), out: await record(f.nankai, '南开〔2025〕1号') },
      person: { in: f.official, out: nankaiPerson },
      org: { in: f.hexiFinance, out: f.nankai },
      tenure: { in: await tenureOf(f.clerk), out: await tenureOf(nankaiPerson) },
      user: { in: inUser.id, out: outUser.id },
      grant: { in: inUser.grants[0]!.id, out: outUser.grants[0]!.id },
      token: { in: await token(f.hexi), out: await token(f.nankai) },
      published: pub,
      objection,
      repair,
      complaint,
      receipt: cIn.receiptCode,
      rectification,
      accountability,
      inspection,
      proposal,
      contract,
      arrears,
      course,
      personalMatter,
      reportingSource,
      commendation,
      pppProject: { in: pppInside.project, out: pppOutside.project },
      pppObligation: { in: pppInside.obligation, out: pppOutside.obligation },
      tender,
      invPromise: { in: invInside.promise, out: invOutside.promise },
      invMilestone: { in: invInside.milestone, out: invOutside.milestone },
      invComplaint: { in: invInside.complaint, out: invOutside.complaint },
      commitment,
      debtEvent,
      disclosure,
      lead: { in: leadIn!, out: leadOut! },
      notice,
      selfCorrection,
    };
    // Someone who once served in 河西区 and now works in 南开区, with a record made there: reachable from 河西区, but
    // the record is 南开区's business.
    mover = (
      await createPerson(ctx, {
        name: '调任人员',
        idNumber: idNumberFor('120104', '1985-02-02', 33),
        tenure: { orgId: f.nankai, postTitle: '科员', principal: false, startDate: '2023-01-01' },
      })
    ).id;
    const kernelApi = (
      caller(testAdmin) as unknown as {
        kernel: {
          persons: {
            appoint(i: unknown): Promise<{ tenures: { id: string; orgId: string }[] }>;
            endTenure(i: unknown): Promise<unknown>;
          };
        };
      }
    ).kernel.persons;
    const appointed = await kernelApi.appoint({
      personId: mover,
      orgId: f.hexiFinance,
      postTitle: '借调',
      startDate: '2020-01-01',
    });
    await kernelApi.endTenure({
      tenureId: appointed.tenures.find((t) => t.orgId === f.hexiFinance)!.id,
      endDate: '2022-12-31',
    });
    moverRecord = (
      await transition(
        ctx,
        'submit',
        (
          await createDraft(ctx, {
            subject: { kind: 'person', personId: mover, orgId: f.nankai },
            linkTo: [],
            ...content(`南开〔2025〕${unique()}号`),
          })
        ).id,
      )
    ).id;
    // Evaluation evidence about both districts under one run: a 河西区 caller may read only its own (output scope).
    await database.db
      .execute(sql`insert into kernel.evaluation_contribution (run_id, indicator, org_id, entity, entity_id, amount)
      values (${MATRIX_RUN}, 'kernel.dishonesty', ${f.hexi}, 'record', ${world.record.in}, 1), (${MATRIX_RUN}, 'kernel.dishonesty', ${f.nankai}, 'record', ${world.record.out}, 1)`);
    foreign.push(
      f.nankai,
      nankaiPerson,
      '南开〔2025〕',
      cOut.receiptCode,
      '天津市南开区人民政府',
      '王南开',
      ...Object.values(world).flatMap((v) =>
        v && typeof v === 'object' && 'out' in v ? [(v as Record<Side, string>).out] : [],
      ),
    );
    for (const role of ROLES) {
      actors.set(role, {
        id: `01900000-0000-7000-8000-0000000000${String(ROLES.indexOf(role) + 10)}`,
        username: `hexi.${role}`,
        kind: 'user',
        orgId: f.hexi,
        grants: [
          {
            role,
            permissions: [...ROLE_TABLE[role]!.permissions],
            scopeOrgId: f.hexi,
            scopePath: hexiPath,
            plugins: null,
          },
        ],
      });
    }
  }, 120_000);
  afterAll(async () => database?.dispose());

  // Output scope: every read that a 河西区 caller may make answers nothing about bodies outside 河西区, even though
  // foreign rows that would match were seeded (a record, person, complaint, contract, … of 南开区 for each kind).
  const reads = procedures.filter(
    ([, p]) => p._def.type === 'query' && ['list', 'subject'].includes(p._def.meta!.scope),
  );
  it.each(reads.map(([path]) => path))('%s: a 河西区 caller reads no row outside 河西区', async (path) => {
    const leaks: string[] = [];
    for (const role of ROLES) {
      for (const side of ['in', 'out'] as const) {
        const fn = path
          .split('.')
          .reduce<unknown>((o, key) => (o as Record<string, unknown>)[key], caller(actors.get(role)!)) as (
          input: unknown,
        ) => Promise<unknown>;
        const input = (OUTPUT_SAMPLES[path] ?? SAMPLES[path]!)(world, side);
        const output = await fn(input).catch(() => null);
        if (output === null) continue;
        const text = JSON.stringify(output);
        for (const marker of foreign) if (text.includes(marker)) leaks.push(`${role}/${side}: ${marker}`);
      }
    }
    expect(leaks).toEqual([]);
  });

  it("a person's file read from 河西区 (an ended post there) shows no record made in another district", async () => {
    for (const role of ['reviewer', 'personnel', 'viewer'] as const) {
      const files = (
        caller(actors.get(role)!) as unknown as {
          kernel: { files: { get(i: unknown): Promise<unknown>; export(i: unknown): Promise<{ content: string }> } };
        }
      ).kernel.files;
      const file = JSON.stringify(await files.get({ subject: { kind: 'person', personId: mover } }));
      expect(file).toContain('调任人员');
      expect(file).not.toContain(moverRecord);
      expect(file).not.toContain('南开〔2025〕');
      expect(
        (await files.export({ subject: { kind: 'person', personId: mover }, format: 'html' })).content,
      ).not.toContain('南开〔2025〕');
    }
  });

  it('finds every procedure of the router, each with a declared permission from the catalogue, a scope kind and a sample', () => {
    const catalogue = new Set(permissionCatalogue().map((p) => p.name));
    expect(procedures.length).toBeGreaterThan(40);
    for (const [path, proc] of procedures) {
      const meta = proc._def.meta;
      expect(meta?.permission, `${path} declares no permission`).toBeTruthy();
      expect(
        ['public', 'authenticated'].includes(meta!.permission) || catalogue.has(meta!.permission),
        `${path}: ${meta!.permission} is not in the catalogue`,
      ).toBe(true);
      expect(['subject', 'list', 'global', 'city'], `${path} declares no scope kind`).toContain(meta!.scope);
      expect(SAMPLES[path], `${path} has no sample input in the matrix`).toBeTypeOf('function');
    }
  });

  it.each(procedures.map(([path]) => path))('%s: allowed exactly where the role and the scope say', async (path) => {
    const proc = procedures.find(([p]) => p === path)![1];
    const meta = proc._def.meta!;
    const outcomes: string[] = [];
    for (const role of [null, ...ROLES]) {
      for (const side of ['in', 'out'] as const) {
        const [before] = await rows<{ audit: number; access: number }>(
          database.db,
          sql`select (select count(*)::int from kernel.audit_log) as audit, (select count(*)::int from kernel.access_log) as access`,
        );
        const fn = path
          .split('.')
          .reduce<unknown>(
            (o, key) => (o as Record<string, unknown>)[key],
            caller(role ? actors.get(role)! : null),
          ) as (input: unknown) => Promise<unknown>;
        const error = await fn(SAMPLES[path]!(world, side)).then(
          () => null,
          (e: unknown) => e,
        );
        const allowed = !isDenial(error);
        const expected = expectedAllowed(meta, role, side);
        if (allowed !== expected)
          outcomes.push(
            `${role ?? 'anonymous'}/${side}: expected ${expected ? 'allow' : 'deny'}, got ${error instanceof Error ? `${error.message}` : 'success'}`,
          );
        if (!allowed) {
          const [after] = await rows<{ audit: number; access: number }>(
            database.db,
            sql`select (select count(*)::int from kernel.audit_log) as audit, (select count(*)::int from kernel.access_log) as access`,
          );
          if (after!.audit !== before!.audit || after!.access !== before!.access)
            outcomes.push(`${role ?? 'anonymous'}/${side}: refused but wrote something`);
        }
      }
    }
    expect(outcomes).toEqual([]);
  });
});
