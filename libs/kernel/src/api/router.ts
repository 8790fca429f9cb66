import { z } from 'zod';
import { permissionCatalogue } from '../access/permissions';
import { SECURITY_POLICY } from '../access/policy';
import { createCheckpoint, listCheckpoints } from '../audit/checkpoint';
import { verifyAudit } from '../audit/verify';
import * as c from '../contract';
import { kernelContext } from '../context';
import { AppError, badInput, tooManyRequests } from '../errors';
import { SANCTION_TYPES } from '../labels';
import { recordTypes } from '../record-types';
import { ASSESSMENT_RULES } from '../rules/assessment';
import { PROCESS_RULES } from '../rules/processes';
import { PUBLICATION_RULE_SETS } from '../rules/publication';
import { SANCTION_RULE_SETS } from '../rules/sanctions';
import { listAccessLog, listAuditEntries } from '../services/access-log';
import { changePassword, login, loginThrottled, logout } from '../services/auth';
import { loginGuardFor } from '../access/login-guard';
import { calendarMonth, calendarYears, loadCalendar, removeCalendarDay, revocationReason, setCalendarDays } from '../services/calendar';
import { ingest } from '../services/ingest';
import { listRecordChanges } from '../services/record-changes';
import { closeComplaint, complaintStatus, complaintToRecord, getComplaint, listComplaints, submitComplaint, triageComplaint } from '../services/complaints';
import { jobRuns, runDailyJob } from '../services/daily-job';
import { listNotifications, markRead } from '../services/notifications';
import { addFinding, answerProposal, closeInspection, createInspection, listInspections, listProposals, registerProposal } from '../services/supervision';
import { closeAccountability, completeRectification, explainRectification, getRectification, listAccountability, listRectifications, verifyRectification } from '../services/rectifications';
import { annualAssessment, annualAssessmentForOrg, honoursEligibility, promotionEligibility } from '../services/eligibility';
import { decideObjection, extendObjection, fileObjection, getObjection, listObjections } from '../services/objections';
import { breakRepairPromise, decideRepair, fileRepair, getRepair, listRepairs } from '../services/repairs';
import { createOrg, getOrg, orgChildren, searchOrgs } from '../services/orgs';
import { appoint, createPerson, endTenure, findPersonByIdNumber, getPerson, revealPersonIdNumber, searchPersons } from '../services/persons';
import { correct, createDraft, getRecordDetail, listRecords, transition } from '../services/records';
import {
  addGrant, createApiToken, createUser, getUser, listApiTokens, listRoles, listUsers, resetPassword, revokeApiToken, revokeGrant, revokeSessions, saveRole, updateUser,
} from '../services/users';
import { installedPlugins } from '../plugins/registry';
import { listAssessments, recordAssessment } from '../services/assessments';
import { commendationsRouter, confidentialRouter, coverageRouter, filesRouter, trainingRouter } from './integrity-router';
import { pluginsRouter } from './plugins-router';
import { publicRouter } from './public-router';
import { exchangeRouter } from './exchange-router';
import { consoleRouter } from './console-router';
import { FILE_RULES } from '../rules/file-rules';
import { indicatorCatalogue } from '../evaluation/schemes';
import { evaluationRouter, rollupsRouter } from './evaluation-router';
import { procedure, refs, router, type RawInput, type TrpcContext } from './trpc';
import type { Scope } from '../access/scope';

const k = (ctx: TrpcContext & { scope: Scope }) => kernelContext(ctx.db, ctx.secrets, ctx.actor, ctx.scope);
const ok = z.object({ ok: z.literal(true) });

const authRouter = router({
  login: procedure.meta({ permission: 'public', scope: 'global', summary: '登录' }).input(c.loginInput).output(z.object({ user: c.meOut, expiresAt: z.string(), csrfToken: z.string() }))
    .mutation(async ({ ctx, input }) => {
      const take = ctx.limiter.take(`login:${ctx.clientIp}`, SECURITY_POLICY.loginPerIpPerMinute);
      if (!take.ok) throw tooManyRequests('LOGIN_THROTTLED', `登录尝试过于频繁，请${take.retryAfterSeconds}秒后再试`, `Too many login attempts; retry after ${take.retryAfterSeconds} s`, take.retryAfterSeconds, 'username');
      const guard = loginGuardFor(ctx.limiter);
      const wait = guard.blockedFor(ctx.clientIp, input.username);
      if (wait > 0) throw loginThrottled(wait);
      const result = await login(k(ctx), input.username, input.password, input.newPassword).catch((e: unknown) => {
        if (e instanceof AppError && e.appCode === 'LOGIN_FAILED') guard.fail(ctx.clientIp, input.username);
        throw e;
      });
      guard.succeed(ctx.clientIp, input.username);
      ctx.http.setSessionCookie(result.token, result.csrfToken, result.expiresAt);
      return { user: result.user, expiresAt: result.expiresAt, csrfToken: result.csrfToken };
    }),
  logout: procedure.meta({ permission: 'authenticated', scope: 'global', summary: '退出登录' }).input(z.void()).output(ok)
    .mutation(async ({ ctx }) => {
      if (ctx.auth.via === 'cookie' && ctx.auth.token) await logout(k(ctx), ctx.auth.token);
      ctx.http.clearSessionCookie();
      return { ok: true as const };
    }),
  me: procedure.meta({ permission: 'public', scope: 'global', summary: '当前用户及其授权' }).input(z.void()).output(c.meOut.nullable())
    .query(({ ctx }) => ctx.actor),
  changePassword: procedure.meta({ permission: 'authenticated', scope: 'global', summary: '修改本人密码（其他会话随之失效）' }).input(c.passwordChangeInput).output(ok)
    .mutation(async ({ ctx, input }) => {
      if (ctx.actor?.kind !== 'user') throw new AppError('BAD_REQUEST', 'NOT_A_USER', '接口令牌没有密码', 'API tokens have no password');
      await changePassword(k(ctx), input.currentPassword, input.newPassword, ctx.auth.via === 'cookie' ? ctx.auth.token : null);
      return { ok: true as const };
    }),
});

const usersRouter = router({
  list: procedure.meta({ permission: 'kernel.users.manage', scope: 'list', summary: '用户列表（本人管辖范围内）' })
    .input(c.pageInput.extend({ q: z.string().trim().max(50).default('') })).output(c.page(c.userOut))
    .query(({ ctx, input }) => listUsers(ctx.db, input, ctx.scope)),
  get: procedure.meta({ permission: 'kernel.users.manage', scope: 'subject', subjects: (i) => refs(['user', i?.id]), summary: '用户详情' })
    .input(z.object({ id: c.id })).output(c.userOut).query(({ ctx, input }) => getUser(ctx.db, input.id)),
  create: procedure.meta({ permission: 'kernel.users.manage', scope: 'subject', subjects: (i) => refs(['org', i?.orgId]), summary: '新建用户并授权' })
    .input(c.userCreateInput).output(c.userOut).mutation(({ ctx, input }) => createUser(k(ctx), input)),
  update: procedure.meta({ permission: 'kernel.users.manage', scope: 'subject', subjects: (i) => refs(['user', i?.id], ['org', i?.orgId]), summary: '修改用户（姓名、单位、停用、解锁）' })
    .input(c.userUpdateInput).output(c.userOut).mutation(({ ctx, input }) => updateUser(k(ctx), input)),
  resetPassword: procedure.meta({ permission: 'kernel.users.manage', scope: 'subject', subjects: (i) => refs(['user', i?.id]), summary: '重置密码（该用户所有会话失效）' })
    .input(z.object({ id: c.id, password: c.userCreateInput.shape.password })).output(ok).mutation(({ ctx, input }) => resetPassword(k(ctx), input.id, input.password)),
  revokeSessions: procedure.meta({ permission: 'kernel.users.manage', scope: 'subject', subjects: (i) => refs(['user', i?.id]), summary: '强制下线' })
    .input(z.object({ id: c.id })).output(z.object({ revoked: z.number() })).mutation(({ ctx, input }) => revokeSessions(k(ctx), input.id)),
  grant: procedure.meta({ permission: 'kernel.users.manage', scope: 'subject', subjects: (i) => refs(['user', i?.userId], ['org', i?.grant?.scopeOrgId]), summary: '授权（角色 + 单位范围 + 插件范围）' })
    .input(z.object({ userId: c.id, grant: c.grantInput })).output(c.userOut).mutation(({ ctx, input }) => addGrant(k(ctx), input.userId, input.grant)),
  revokeGrant: procedure.meta({ permission: 'kernel.users.manage', scope: 'subject', subjects: (i) => refs(['grant', i?.grantId]), summary: '撤销授权' })
    .input(z.object({ grantId: c.id })).output(c.userOut).mutation(({ ctx, input }) => revokeGrant(k(ctx), input.grantId)),
});

const rolesRouter = router({
  list: procedure.meta({ permission: 'kernel.users.manage', scope: 'global', summary: '角色列表' }).input(z.void()).output(z.array(c.roleOut))
    .query(({ ctx }) => listRoles(ctx.db)),
  permissions: procedure.meta({ permission: 'kernel.users.manage', scope: 'global', summary: '权限目录' }).input(z.void())
    .output(z.array(z.object({ name: z.string(), zh: z.string(), en: z.string() }))).query(() => permissionCatalogue()),
  save: procedure.meta({ permission: 'kernel.roles.manage', scope: 'city', summary: '新建或修改自定义角色' }).input(c.roleSaveInput).output(c.roleOut)
    .mutation(({ ctx, input }) => saveRole(k(ctx), input)),
});

const tokensRouter = router({
  list: procedure.meta({ permission: 'kernel.tokens.manage', scope: 'list', summary: '接口令牌列表（不含令牌本身）' }).input(z.void()).output(z.array(c.tokenOut))
    .query(({ ctx }) => listApiTokens(ctx.db, ctx.scope)),
  create: procedure.meta({ permission: 'kernel.tokens.manage', scope: 'subject', subjects: (i) => refs(['org', i?.scopeOrgId]), summary: '为外部系统签发接口令牌（令牌只显示这一次）' })
    .input(c.tokenCreateInput).output(z.object({ token: z.string(), info: c.tokenOut })).mutation(({ ctx, input }) => createApiToken(k(ctx), input)),
  revoke: procedure.meta({ permission: 'kernel.tokens.manage', scope: 'subject', subjects: (i) => refs(['token', i?.id]), summary: '吊销接口令牌' })
    .input(z.object({ id: c.id })).output(c.tokenOut).mutation(({ ctx, input }) => revokeApiToken(k(ctx), input.id)),
});

const orgsRouter = router({
  tree: procedure.meta({ permission: 'kernel.orgs.read', scope: 'subject', subjects: (i) => refs(['org', i?.parentId]), summary: '单位树的一层（不传上级则为本人可见的根）' })
    .input(z.object({ parentId: c.id.nullable().default(null) })).output(z.array(c.orgUnitOut))
    .query(({ ctx, input }) => orgChildren(ctx.db, input.parentId, ctx.scope)),
  get: procedure.meta({ permission: 'kernel.orgs.read', scope: 'subject', subjects: (i) => refs(['org', i?.id]), summary: '单位详情' }).input(z.object({ id: c.id })).output(c.orgUnitOut)
    .query(({ ctx, input }) => getOrg(ctx.db, input.id)),
  search: procedure.meta({ permission: 'kernel.orgs.read', scope: 'list', summary: '按名称或统一社会信用代码查找单位' }).input(c.orgSearchInput).output(c.page(c.orgUnitOut))
    .query(({ ctx, input }) => searchOrgs(ctx.db, input, ctx.scope)),
  create: procedure.meta({ permission: 'kernel.orgs.write', scope: 'subject', subjects: (i) => refs(['org', i?.parentId]), summary: '新建单位' }).input(c.orgCreateInput).output(c.orgCreateOutput)
    .mutation(({ ctx, input }) => {
      // A top-level body is city-wide data.
      if (input.parentId === null && ctx.scope.roots !== null) throw new AppError('FORBIDDEN', 'CITY_SCOPE_REQUIRED', '只有全市范围的管理员可以新建顶级单位', 'Only a city-wide grant may create a top-level body', 'parentId');
      return createOrg(k(ctx), input);
    }),
});

const personsRouter = router({
  create: procedure.meta({ permission: 'kernel.persons.write', scope: 'subject', subjects: (i) => refs(['org', i?.tenure?.orgId]), summary: '登记公务员' })
    .input(c.personCreateInput).output(c.personOut)
    .mutation(({ ctx, input }) => {
      if (!input.tenure && ctx.scope.roots !== null) throw new AppError('BAD_REQUEST', 'TENURE_REQUIRED', '请填写任职单位（您只能登记本辖区的人员）', 'Give the tenure: you may only register persons in your scope', 'tenure.orgId');
      return createPerson(k(ctx), input);
    }),
  get: procedure.meta({ permission: 'kernel.persons.read', scope: 'subject', subjects: (i) => refs(['person', i?.id]), accessLog: 'person.read', summary: '人员详情（身份证号已脱敏）' })
    .input(z.object({ id: c.id })).output(c.personOut).query(({ ctx, input }) => getPerson(ctx.db, input.id)),
  search: procedure.meta({ permission: 'kernel.persons.read', scope: 'list', summary: '按姓名查找人员' }).input(c.personSearchInput).output(c.page(c.personSummaryOut))
    .query(({ ctx, input }) => searchPersons(ctx.db, input, ctx.scope)),
  // A lookup by ID number is a POST (mutation) so the number never appears in a URL or an access log.
  findByIdNumber: procedure.meta({ permission: 'kernel.persons.read', scope: 'list', summary: '按身份证号精确查找（号码在请求体中）' })
    .input(z.object({ idNumber: z.string().trim().min(1).max(30) })).output(c.personOut.nullable())
    .mutation(({ ctx, input }) => findPersonByIdNumber(k(ctx), input.idNumber)),
  revealIdNumber: procedure.meta({ permission: 'kernel.persons.reveal', scope: 'subject', subjects: (i) => refs(['person', i?.id]), summary: '查看完整身份证号（须说明理由，记入审计）' })
    .input(z.object({ id: c.id, reason: z.string().trim().min(2).max(500) })).output(z.object({ idNumber: z.string() }))
    .mutation(({ ctx, input }) => revealPersonIdNumber(k(ctx), input.id, input.reason)),
  appoint: procedure.meta({ permission: 'kernel.persons.write', scope: 'subject', subjects: (i) => refs(['person', i?.personId], ['org', i?.orgId]), summary: '任职' }).input(c.appointInput).output(c.personOut)
    .mutation(({ ctx, input }) => appoint(k(ctx), input)),
  endTenure: procedure.meta({ permission: 'kernel.persons.write', scope: 'subject', subjects: (i) => refs(['tenure', i?.tenureId]), summary: '离任' }).input(c.endTenureInput).output(c.personOut)
    .mutation(({ ctx, input }) => endTenure(k(ctx), input)),
});

const recordSubject = (i: RawInput) => refs([i?.subject?.kind === 'person' ? 'person' : 'org', i?.subject?.kind === 'person' ? i?.subject?.personId : i?.subject?.orgId], ['org', i?.subject?.kind === 'person' ? i?.subject?.orgId : undefined]);
const oneRecord = { scope: 'subject' as const, subjects: (i: RawInput) => refs(['record', i?.recordId]) };

const recordsRouter = router({
  create: procedure.meta({ permission: 'kernel.records.write', scope: 'subject', subjects: recordSubject, summary: '新建信用记录草稿' }).input(c.recordCreateInput).output(c.recordOut)
    .mutation(({ ctx, input }) => createDraft(k(ctx), input)),
  correct: procedure.meta({ permission: 'kernel.records.write', ...oneRecord, summary: '更正（生成新版本）' }).input(c.recordCorrectInput).output(c.recordOut)
    .mutation(({ ctx, input }) => correct(k(ctx), input)),
  submit: procedure.meta({ permission: 'kernel.records.write', ...oneRecord, summary: '提交审核' }).input(c.transitionInput).output(c.recordOut)
    .mutation(({ ctx, input }) => transition(k(ctx), 'submit', input.recordId, input.reason)),
  approve: procedure.meta({ permission: 'kernel.records.review', ...oneRecord, summary: '审核通过' }).input(c.transitionInput).output(c.recordOut)
    .mutation(({ ctx, input }) => transition(k(ctx), 'approve', input.recordId, input.reason)),
  reject: procedure.meta({ permission: 'kernel.records.review', ...oneRecord, summary: '退回（须填写理由）' }).input(c.reasonedTransitionInput).output(c.recordOut)
    .mutation(({ ctx, input }) => transition(k(ctx), 'reject', input.recordId, input.reason)),
  publish: procedure.meta({ permission: 'kernel.records.review', ...oneRecord, summary: '公示' }).input(c.transitionInput).output(c.recordOut)
    .mutation(({ ctx, input }) => transition(k(ctx), 'publish', input.recordId, input.reason)),
  revoke: procedure.meta({ permission: 'kernel.records.review', ...oneRecord, summary: '撤销（原决定被撤销时，须填写理由；可注明原决定撤销日期，系统记录是否在时限内反映）' })
    .input(c.reasonedTransitionInput.extend({ sourceRevokedOn: c.legalDate.optional() })).output(c.recordOut)
    .mutation(async ({ ctx, input }) => transition(k(ctx), 'revoke', input.recordId, input.sourceRevokedOn ? await revocationReason(ctx.db, input.reason, input.sourceRevokedOn, k(ctx).today()) : input.reason)),
  get: procedure.meta({ permission: 'kernel.records.read', scope: 'subject', subjects: (i) => refs(['record', i?.id]), summary: '记录详情，含版本历史和流转记录' }).input(z.object({ id: c.id })).output(c.recordDetailOut)
    .query(({ ctx, input }) => getRecordDetail(ctx.db, input.id)),
  list: procedure.meta({ permission: 'kernel.records.read', scope: 'list', summary: '记录列表（筛选、游标分页）' }).input(c.recordListInput).output(c.page(c.recordOut))
    .query(({ ctx, input }) => listRecords(ctx.db, input, ctx.scope)),
  ingest: procedure.meta({ permission: 'kernel.records.ingest', scope: 'list', summary: '批量报送（幂等；任一行有误或超出管辖范围则整批不写入）' }).input(c.ingestInput).output(c.ingestOutput)
    .mutation(({ ctx, input }) => ingest(k(ctx), input.records, { sourceSystem: input.sourceSystem, initialStatus: input.initialStatus })),
  changes: procedure.meta({ permission: 'kernel.records.read', scope: 'list', summary: '某时刻之后有变动的记录（新版本、流转、异议标注），按变动时间升序，供外部系统轮询' })
    .input(c.recordChangesInput).output(c.page(c.recordOut))
    .query(({ ctx, input }) => listRecordChanges(ctx.db, input, ctx.scope)),
});


const ruleSourceOut = c.appliedRuleOut.shape.source;
const rulesRouter = router({
  list: procedure.meta({ permission: 'kernel.rules.read', scope: 'global', summary: '规则表（处分期、公示期限，含法律依据）' }).input(z.void())
    .output(z.object({
      sanctions: z.array(z.object({ id: z.string(), nameZh: z.string(), effectiveFrom: z.string(), effectiveTo: z.string().nullable(), periods: z.array(z.object({ sanctionType: z.enum(SANCTION_TYPES), months: z.number().nullable(), source: ruleSourceOut })), combinationMaxMonths: z.number(), combinationSource: ruleSourceOut, addsUnservedRemainder: z.boolean(), liftingAutomatic: z.boolean(), liftingSource: ruleSourceOut })),
      publication: z.array(z.object({ id: z.string(), nameZh: z.string(), effectiveFrom: z.string(), bySeverity: z.record(z.string(), z.object({ minMonths: z.number(), maxMonths: z.number(), mayOmit: z.boolean() })), source: ruleSourceOut })),
      recordTypes: z.array(z.object({ key: z.string(), owner: z.string(), labelZh: z.string(), labelEn: z.string(), subjects: z.array(z.string()), polarity: z.string(), sanction: z.boolean() })),
      processes: z.array(z.object({ id: z.string(), workingDays: z.number(), setting: z.string(), summaryZh: z.string(), summaryEn: z.string(), source: ruleSourceOut })),
      consequences: z.array(c.appliedRuleOut.extend({ effectiveFrom: z.string().nullable(), effectiveTo: z.string().nullable() })),
      pluginRules: z.array(c.appliedRuleOut.extend({ pluginId: z.string(), setting: z.string().nullable(), counting: z.enum(['calendar', 'working']).nullable() })),
      file: z.array(c.appliedRuleOut.extend({ value: z.number().nullable(), setting: z.string().nullable() })),
      evaluation: z.array(c.appliedRuleOut.extend({ owner: z.string(), params: z.record(z.string(), z.object({ default: z.number(), labelZh: z.string() })) })),
    }))
    .query(() => ({
      sanctions: SANCTION_RULE_SETS.map((s) => ({ ...s, periods: SANCTION_TYPES.map((t) => ({ sanctionType: t, ...s.periods[t] })) })),
      publication: PUBLICATION_RULE_SETS,
      recordTypes: recordTypes(),
      processes: Object.values(PROCESS_RULES),
      consequences: Object.values(ASSESSMENT_RULES),
      file: Object.values(FILE_RULES),
      // Indicators, not weights: weights and scales are each year's scheme (data), never code.
      evaluation: indicatorCatalogue().map((i) => ({ ruleId: i.key, summaryZh: `${i.labelZh}：${i.descriptionZh}`, summaryEn: i.labelEn, source: i.source, owner: i.owner, params: i.params })),
      pluginRules: installedPlugins().flatMap((p) => p.rules.map((r) => ({ ruleId: r.id, summaryZh: r.summaryZh, summaryEn: r.summaryEn, source: r.source, pluginId: p.id, setting: r.setting ?? null, counting: r.counting ?? null }))),
    })),
});

const calendarDayOut = z.object({ date: z.string(), working: z.boolean(), kind: z.enum(['workday', 'weekend', 'holiday', 'adjusted_workday']), nameZh: z.string().nullable(), basis: z.enum(['override', 'official', 'provisional']) });
const calendarRouter = router({
  month: procedure.meta({ permission: 'kernel.calendar.read', scope: 'global', summary: '某月每一天是否工作日（含节假日、调休及其依据）' })
    .input(z.object({ year: z.number().int().min(2000).max(2100), month: z.number().int().min(1).max(12) })).output(z.array(calendarDayOut))
    .query(({ ctx, input }) => calendarMonth(ctx.db, input.year, input.month)),
  years: procedure.meta({ permission: 'kernel.calendar.read', scope: 'global', summary: '哪些年份已有国务院放假安排，哪些仅按法定节假日推算' })
    .input(z.object({ around: z.number().int().min(2000).max(2100) })).output(z.array(z.object({ year: z.number(), basis: z.enum(['official', 'override', 'provisional']), overrides: z.number() })))
    .query(({ ctx, input }) => calendarYears(ctx.db, input.around)),
  deadline: procedure.meta({ permission: 'kernel.calendar.read', scope: 'global', summary: '期限：自某日起第N个工作日（当日不计）' })
    .input(z.object({ from: c.legalDate, workingDays: z.number().int().min(0).max(365) })).output(z.object({ date: z.string(), provisional: z.boolean() }))
    .query(async ({ ctx, input }) => (await loadCalendar(ctx.db)).addWorkingDays(input.from, input.workingDays)),
  setDays: procedure.meta({ permission: 'kernel.calendar.manage', scope: 'city', summary: '录入节假日或调休上班日（如次年放假安排）' })
    .input(z.object({ days: z.array(z.object({ date: c.legalDate, kind: z.enum(['holiday', 'workday']), nameZh: z.string().trim().min(1).max(50) })).min(1).max(400), note: z.string().trim().max(500).nullable().default(null) }))
    .output(z.object({ saved: z.number() })).mutation(({ ctx, input }) => setCalendarDays(k(ctx), input.days, input.note)),
  removeDay: procedure.meta({ permission: 'kernel.calendar.manage', scope: 'city', summary: '删除一条日历调整' })
    .input(z.object({ date: c.legalDate })).output(ok).mutation(({ ctx, input }) => removeCalendarDay(k(ctx), input.date)),
});

const objectionsRouter = router({
  file: procedure.meta({ permission: 'kernel.objections.file', scope: 'subject', subjects: (i) => refs(['record', i?.recordId]), summary: '登记异议（记录即时标注“异议处理中”）' })
    .input(c.objectionFileInput).output(c.objectionOut).mutation(({ ctx, input }) => fileObjection(k(ctx), input)),
  extend: procedure.meta({ permission: 'kernel.objections.decide', scope: 'subject', subjects: (i) => refs(['objection', i?.id]), summary: '延长处理期限（需其他单位核实，须说明理由，限一次）' })
    .input(z.object({ id: c.id, reason: z.string().trim().min(2).max(1000) })).output(c.objectionOut).mutation(({ ctx, input }) => extendObjection(k(ctx), input.id, input.reason)),
  decide: procedure.meta({ permission: 'kernel.objections.decide', scope: 'subject', subjects: (i) => refs(['objection', i?.id]), summary: '作出异议处理决定：维持、更正（生成新版本）或撤销' })
    .input(c.objectionDecideInput).output(c.objectionOut).mutation(({ ctx, input }) => decideObjection(k(ctx), input)),
  get: procedure.meta({ permission: 'kernel.objections.read', scope: 'subject', subjects: (i) => refs(['objection', i?.id]), summary: '异议详情（含期限和是否逾期）' })
    .input(z.object({ id: c.id })).output(c.objectionOut).query(({ ctx, input }) => getObjection(ctx.db, k(ctx), input.id)),
  list: procedure.meta({ permission: 'kernel.objections.read', scope: 'list', summary: '异议队列（未结在前，按期限排序）' })
    .input(z.object({ status: z.enum(['open', 'decided']).optional(), overdueOnly: z.boolean().optional(), recordId: c.id.optional(), limit: z.number().int().min(1).max(200).default(50) }))
    .output(z.array(c.objectionOut)).query(({ ctx, input }) => listObjections(k(ctx), input, ctx.scope)),
});

const repairsRouter = router({
  file: procedure.meta({ permission: 'kernel.repairs.file', scope: 'subject', subjects: (i) => refs(['record', i?.recordId]), summary: '登记信用修复申请（最短公示期满后，附履行证明和信用承诺书）' })
    .input(c.repairFileInput).output(c.repairOut).mutation(({ ctx, input }) => fileRepair(k(ctx), input)),
  decide: procedure.meta({ permission: 'kernel.repairs.decide', scope: 'subject', subjects: (i) => refs(['repair', i?.id]), summary: '批准（提前停止公示）或驳回信用修复' })
    .input(z.object({ id: c.id, approve: z.boolean(), reason: z.string().trim().min(2).max(1000) })).output(c.repairOut)
    .mutation(({ ctx, input }) => decideRepair(k(ctx), input.id, input.approve, input.reason)),
  breakPromise: procedure.meta({ permission: 'kernel.repairs.decide', scope: 'subject', subjects: (i) => refs(['repair', i?.id]), summary: '认定违反信用承诺，恢复公示至原最长期限' })
    .input(z.object({ id: c.id, reason: z.string().trim().min(2).max(1000) })).output(c.repairOut)
    .mutation(({ ctx, input }) => breakRepairPromise(k(ctx), input.id, input.reason)),
  get: procedure.meta({ permission: 'kernel.repairs.read', scope: 'subject', subjects: (i) => refs(['repair', i?.id]), summary: '信用修复申请详情' })
    .input(z.object({ id: c.id })).output(c.repairOut).query(({ ctx, input }) => getRepair(k(ctx), input.id)),
  list: procedure.meta({ permission: 'kernel.repairs.read', scope: 'list', summary: '信用修复队列' })
    .input(z.object({ status: z.enum(['open', 'decided']).optional(), limit: z.number().int().min(1).max(200).default(50) })).output(z.array(c.repairOut))
    .query(({ ctx, input }) => listRepairs(k(ctx), input, ctx.scope)),
});

const complaintsRouter = router({
  // Public on purpose: anyone may report (rate-limited per address), and follow the case by its receipt code.
  submit: procedure.meta({ permission: 'public', scope: 'global', summary: '提交投诉举报（可匿名），返回回执码' })
    .input(c.complaintSubmitInput).output(z.object({ receiptCode: z.string(), filedOn: z.string(), triageDue: z.string(), handleDue: z.string(), provisional: z.boolean() }))
    .mutation(({ ctx, input }) => {
      const take = ctx.limiter.take(`complaint:${ctx.clientIp}`, 10);
      if (!take.ok) throw tooManyRequests('COMPLAINT_THROTTLED', `提交过于频繁，请${take.retryAfterSeconds}秒后再试`, `Too many reports; retry after ${take.retryAfterSeconds} s`, take.retryAfterSeconds);
      return submitComplaint(k(ctx), input);
    }),
  status: procedure.meta({ permission: 'public', scope: 'global', summary: '凭回执码查询办理进度（不含个人信息）' })
    .input(z.object({ receiptCode: z.string().trim().min(8).max(30) })).output(c.complaintStatusOut)
    .query(({ ctx, input }) => {
      // Receipt codes are short: lookups per address are limited so they cannot be enumerated.
      const take = ctx.limiter.take(`complaint-status:${ctx.clientIp}`, 20);
      if (!take.ok) throw tooManyRequests('LOOKUP_THROTTLED', `查询过于频繁，请${take.retryAfterSeconds}秒后再试`, `Too many lookups; retry after ${take.retryAfterSeconds} s`, take.retryAfterSeconds, 'receiptCode');
      return complaintStatus(ctx.db, input.receiptCode);
    }),
  list: procedure.meta({ permission: 'kernel.complaints.read', scope: 'list', summary: '投诉举报队列（本单位办理或被督办的）' })
    .input(z.object({ status: z.enum(['open', 'closed']).optional(), overdueOnly: z.boolean().optional(), limit: z.number().int().min(1).max(200).default(50) }))
    .output(z.array(c.complaintOut)).query(({ ctx, input }) => listComplaints(k(ctx), input, ctx.scope)),
  get: procedure.meta({ permission: 'kernel.complaints.read', scope: 'subject', subjects: (i) => refs(['complaint', i?.id]), summary: '投诉举报详情' })
    .input(z.object({ id: c.id })).output(c.complaintOut).query(({ ctx, input }) => getComplaint(k(ctx), input.id)),
  triage: procedure.meta({ permission: 'kernel.complaints.handle', scope: 'subject', subjects: (i) => refs(['complaint', i?.id]), summary: '受理、不属职责（写明有权单位）或重复' })
    .input(c.complaintTriageInput).output(c.complaintOut).mutation(({ ctx, input }) => triageComplaint(k(ctx), input)),
  close: procedure.meta({ permission: 'kernel.complaints.handle', scope: 'subject', subjects: (i) => refs(['complaint', i?.id]), summary: '办结（写明结果，是否属实）' })
    .input(c.complaintCloseInput).output(c.complaintOut).mutation(({ ctx, input }) => closeComplaint(k(ctx), input)),
  toRecord: procedure.meta({ permission: 'kernel.records.write', scope: 'subject', subjects: (i) => refs(['complaint', i?.id]), summary: '由已受理的投诉生成信用记录草稿（互相关联）' })
    .input(z.object({ id: c.id, record: c.recordCreateInput.omit({ subject: true, source: true, linkTo: true }) }))
    .output(z.object({ complaint: c.complaintOut, recordId: c.id })).mutation(({ ctx, input }) => complaintToRecord(k(ctx), input.id, input.record)),
});

const rectificationsRouter = router({
  list: procedure.meta({ permission: 'kernel.rectifications.read', scope: 'list', summary: '限期整改队列（逾期在前）' })
    .input(z.object({ status: z.enum(['open', 'closed']).optional(), limit: z.number().int().min(1).max(200).default(50) })).output(z.array(c.rectificationOut))
    .query(({ ctx, input }) => listRectifications(k(ctx), input, ctx.scope)),
  get: procedure.meta({ permission: 'kernel.rectifications.read', scope: 'subject', subjects: (i) => refs(['rectification', i?.id]), summary: '整改详情' })
    .input(z.object({ id: c.id })).output(c.rectificationOut).query(({ ctx, input }) => getRectification(k(ctx), input.id)),
  explain: procedure.meta({ permission: 'kernel.rectifications.file', scope: 'subject', subjects: (i) => refs(['rectification', i?.id]), summary: '提交书面说明和整改方案（可说明主动自新情况）' })
    .input(z.object({ id: c.id, explanation: z.string().trim().min(10).max(10_000), plan: z.string().trim().min(10).max(10_000), completionDue: c.legalDate.optional(), mitigation: z.string().trim().max(2000).optional() }))
    .output(c.rectificationOut).mutation(({ ctx, input }) => explainRectification(k(ctx), input)),
  complete: procedure.meta({ permission: 'kernel.rectifications.file', scope: 'subject', subjects: (i) => refs(['rectification', i?.id]), summary: '报送整改完成情况和证明材料' })
    .input(z.object({ id: c.id, evidence: z.string().trim().min(2).max(10_000) })).output(c.rectificationOut)
    .mutation(({ ctx, input }) => completeRectification(k(ctx), input.id, input.evidence)),
  verify: procedure.meta({ permission: 'kernel.rectifications.verify', scope: 'subject', subjects: (i) => refs(['rectification', i?.id]), summary: '核验整改（通过或退回）' })
    .input(z.object({ id: c.id, accepted: z.boolean(), note: z.string().trim().min(2).max(2000) })).output(c.rectificationOut)
    .mutation(({ ctx, input }) => verifyRectification(k(ctx), input.id, input.accepted, input.note)),
});

const accountabilityRouter = router({
  list: procedure.meta({ permission: 'kernel.rectifications.read', scope: 'list', summary: '主要负责人问责任务' })
    .input(z.object({ status: z.enum(['open', 'closed']).optional(), limit: z.number().int().min(1).max(200).default(50) })).output(z.array(c.accountabilityOut))
    .query(({ ctx, input }) => listAccountability(k(ctx), input, ctx.scope)),
  close: procedure.meta({ permission: 'kernel.rectifications.verify', scope: 'subject', subjects: (i) => refs(['accountability', i?.id]), summary: '办结问责任务（写明处理结果）' })
    .input(z.object({ id: c.id, outcome: z.string().trim().min(2).max(2000) })).output(ok).mutation(({ ctx, input }) => closeAccountability(k(ctx), input.id, input.outcome)),
});

const supervisionRouter = router({
  createInspection: procedure.meta({ permission: 'kernel.supervision.manage', scope: 'subject', subjects: (i) => refs(['org', i?.targetOrgId]), summary: '下达专项督导任务' })
    .input(c.inspectionCreateInput).output(c.inspectionOut).mutation(({ ctx, input }) => createInspection(k(ctx), input)),
  addFinding: procedure.meta({ permission: 'kernel.supervision.manage', scope: 'subject', subjects: (i) => refs(['inspection', i?.inspectionId]), summary: '登记督导发现的问题（可生成失信记录草稿和/或限期整改）' })
    .input(c.inspectionFindingInput).output(c.inspectionOut).mutation(({ ctx, input }) => addFinding(k(ctx), input)),
  closeInspection: procedure.meta({ permission: 'kernel.supervision.manage', scope: 'subject', subjects: (i) => refs(['inspection', i?.id]), summary: '结束督导任务' })
    .input(z.object({ id: c.id, summary: z.string().trim().min(2).max(5000) })).output(c.inspectionOut).mutation(({ ctx, input }) => closeInspection(k(ctx), input.id, input.summary)),
  inspections: procedure.meta({ permission: 'kernel.supervision.read', scope: 'list', summary: '专项督导任务列表' })
    .input(z.object({ limit: z.number().int().min(1).max(100).default(20) })).output(z.array(c.inspectionOut))
    .query(({ ctx, input }) => listInspections(k(ctx), ctx.scope, input.limit)),
  registerProposal: procedure.meta({ permission: 'kernel.supervision.manage', scope: 'subject', subjects: (i) => refs(['org', i?.handlingOrgId]), summary: '登记人大代表建议或政协委员提案（默认三个月内办结）' })
    .input(c.proposalRegisterInput).output(c.proposalOut).mutation(({ ctx, input }) => registerProposal(k(ctx), input)),
  answerProposal: procedure.meta({ permission: 'kernel.supervision.manage', scope: 'subject', subjects: (i) => refs(['proposal', i?.id]), summary: '登记答复及代表委员满意度' })
    .input(z.object({ id: c.id, satisfaction: z.enum(['satisfied', 'basically_satisfied', 'unsatisfied']) })).output(c.proposalOut)
    .mutation(({ ctx, input }) => answerProposal(k(ctx), input.id, input.satisfaction)),
  proposals: procedure.meta({ permission: 'kernel.supervision.read', scope: 'list', summary: '建议提案办理情况（按时办结率、满意度）' })
    .input(z.object({ limit: z.number().int().min(1).max(500).default(100) }))
    .output(z.object({ items: z.array(c.proposalOut), answered: z.number(), onTime: z.number(), overdue: z.number(), satisfied: z.number() }))
    .query(({ ctx, input }) => listProposals(k(ctx), ctx.scope, input.limit)),
});

// The caller's own inbox: nothing here is scoped beyond "mine".
const notificationsRouter = router({
  list: procedure.meta({ permission: 'authenticated', scope: 'global', summary: '我的消息（期限提醒、办理结果、逾期汇总）' })
    .input(z.object({ unreadOnly: z.boolean().default(false), limit: z.number().int().min(1).max(200).default(50) }).default({ unreadOnly: false, limit: 50 }))
    .output(z.array(c.notificationOut)).query(({ ctx, input }) => listNotifications(ctx.db, ctx.actor!.id, input.unreadOnly, input.limit)),
  markRead: procedure.meta({ permission: 'authenticated', scope: 'global', summary: '标为已读' })
    .input(z.object({ ids: z.union([z.array(c.id).max(500), z.literal('all')]) })).output(z.object({ marked: z.number() }))
    .mutation(async ({ ctx, input }) => ({ marked: await markRead(ctx.db, ctx.actor!.id, input.ids) })),
});

const reasonOut = c.appliedRuleOut.extend({ recordId: c.id, describedZh: z.string(), from: z.string(), until: z.string().nullable() });
const assessmentOut = z.object({ personId: c.id, year: z.number(), mayBeExcellent: z.boolean(), mayBeGraded: z.boolean(), allowedGrades: z.array(z.string()), summaryZh: z.string(), summaryEn: z.string(), reasons: z.array(reasonOut) });
const eligibilityRouter = router({
  annualAssessment: procedure.meta({ permission: 'kernel.eligibility.read', scope: 'subject', subjects: (i) => refs(['person', i?.personId]), summary: '该公务员本年度能否评为优秀、能否确定等次（附依据）' })
    .input(z.object({ personId: c.id, year: z.number().int().min(2000).max(2100) })).output(assessmentOut)
    .query(({ ctx, input }) => annualAssessment(ctx.db, input.personId, input.year)),
  annualAssessmentForOrg: procedure.meta({ permission: 'kernel.eligibility.read', scope: 'subject', subjects: (i) => refs(['org', i?.orgId]), summary: '一个单位（可含下级）全体人员的年度考核资格清单' })
    .input(z.object({ orgId: c.id, year: z.number().int().min(2000).max(2100), subtree: z.boolean().default(false) }))
    .output(z.array(assessmentOut.extend({ name: z.string(), orgName: z.string(), postTitle: z.string() })))
    .query(({ ctx, input }) => annualAssessmentForOrg(ctx.db, input.orgId, input.year, input.subtree)),
  honours: procedure.meta({ permission: 'kernel.eligibility.read', scope: 'subject', subjects: (i) => refs(['org', i?.orgId]), summary: '单位在某日能否参加荣誉评选' })
    .input(z.object({ orgId: c.id, date: c.legalDate })).output(z.object({ orgId: c.id, date: z.string(), eligible: z.boolean(), summaryZh: z.string(), reasons: z.array(reasonOut) }))
    .query(({ ctx, input }) => honoursEligibility(ctx.db, input.orgId, input.date)),
  promotion: procedure.meta({ permission: 'kernel.eligibility.read', scope: 'subject', subjects: (i) => refs(['person', i?.personId]), summary: '公务员在某日能否晋升（处分期内不得晋升）' })
    .input(z.object({ personId: c.id, date: c.legalDate })).output(z.object({ personId: c.id, date: z.string(), eligible: z.boolean(), summaryZh: z.string(), reasons: z.array(reasonOut) }))
    .query(({ ctx, input }) => promotionEligibility(ctx.db, input.personId, input.date)),
});

const assessmentsRouter = router({
  record: procedure.meta({ permission: 'kernel.assessments.write', scope: 'subject', subjects: (i) => refs(['person', i?.personId], ['org', i?.assessingOrgId]), summary: '录入年度考核结果（不符合条件的“优秀”被拒绝并说明理由）' })
    .input(c.assessmentRecordInput).output(c.assessmentOut)
    .mutation(({ ctx, input }) => recordAssessment(k(ctx), input)),
  list: procedure.meta({ permission: 'kernel.files.read', scope: 'subject', subjects: (i) => refs(['person', i?.personId]), summary: '某人历年考核结果' })
    .input(z.object({ personId: c.id })).output(z.array(c.assessmentOut))
    .query(({ ctx, input }) => listAssessments(ctx.db, input.personId)),
});

const jobsRouter = router({
  runDaily: procedure.meta({ permission: 'kernel.jobs.run', scope: 'city', summary: '运行每日任务（到期停止公示、五年归档；可补跑，重复运行无副作用）' })
    .input(z.object({ day: c.legalDate.optional(), force: z.boolean().default(false) }).default({ force: false }))
    .output(z.object({
      day: z.string(), skipped: z.boolean(), skippedBecause: z.enum(['done', 'running']).nullable(), expired: z.number(), archived: z.number(), escalated: z.number(),
      rectificationsOpened: z.number(), accountabilityOpened: z.number(), rectificationsEscalated: z.number(), tasksCancelled: z.number(), digests: z.number(),
    }))
    .mutation(({ ctx, input }) => {
      // A run for a future day would expire, archive and escalate ahead of time, dated days that have not come.
      const today = k(ctx).today();
      const day = input.day ?? today;
      if (day > today) throw badInput('JOB_DAY_IN_FUTURE', 'day', `不能为将来的日期运行每日任务：${day}晚于今天（${today}）`, `The daily job cannot run for a future day: ${day} is after today (${today})`);
      return runDailyJob(k(ctx), day, { force: input.force });
    }),
  runs: procedure.meta({ permission: 'kernel.jobs.run', scope: 'city', summary: '每日任务的运行记录' }).input(z.void())
    .output(z.array(z.object({ day: z.string(), startedAt: z.string(), finishedAt: z.string().nullable(), result: z.unknown() })))
    .query(({ ctx }) => jobRuns(k(ctx))),
});

const auditRouter = router({
  verify: procedure.meta({ permission: 'kernel.audit.verify', scope: 'city', summary: '校验整条审计链、检查点签名和记录数据' }).input(z.void()).output(c.auditReportOut)
    .mutation(({ ctx }) => verifyAudit(ctx.db, ctx.secrets.audit)),
  checkpoint: procedure.meta({ permission: 'kernel.audit.verify', scope: 'city', summary: '立即签署当前链头' }).input(z.void()).output(c.checkpointOut.nullable())
    .mutation(({ ctx }) => createCheckpoint(ctx.db, ctx.secrets.audit)),
  // Public on purpose: outsiders keep copies of the signed heads, so the log cannot be rewritten unnoticed.
  checkpoints: procedure.meta({ permission: 'public', scope: 'global', summary: '已签名的审计检查点（公开，供外部留存）' })
    .input(z.object({ limit: z.number().int().min(1).max(1000).default(100), beforeSeq: z.number().int().positive().optional() }).default({ limit: 100 })).output(z.array(c.checkpointOut))
    .query(({ ctx, input }) => listCheckpoints(ctx.db, input.limit, input.beforeSeq)),
  entries: procedure.meta({ permission: 'kernel.audit.read', scope: 'city', summary: '审计日志' })
    .input(c.pageInput.extend({ entity: z.string().max(50).optional(), entityId: z.string().max(100).optional() })).output(c.page(c.auditEntryOut))
    .query(({ ctx, input }) => listAuditEntries(ctx.db, input)),
  accessLog: procedure.meta({ permission: 'kernel.audit.read', scope: 'city', summary: '查询日志（谁查看了谁的档案）' })
    .input(c.pageInput.extend({ subjectId: z.string().max(100).optional(), actorId: c.id.optional() })).output(c.page(c.accessLogOut))
    .query(({ ctx, input }) => listAccessLog(ctx.db, input)),
});

export const kernelRouter = router({
  auth: authRouter,
  users: usersRouter,
  roles: rolesRouter,
  tokens: tokensRouter,
  orgs: orgsRouter,
  persons: personsRouter,
  records: recordsRouter,
  files: filesRouter,
  rules: rulesRouter,
  calendar: calendarRouter,
  objections: objectionsRouter,
  complaints: complaintsRouter,
  rectifications: rectificationsRouter,
  accountability: accountabilityRouter,
  supervision: supervisionRouter,
  notifications: notificationsRouter,
  repairs: repairsRouter,
  eligibility: eligibilityRouter,
  assessments: assessmentsRouter,
  training: trainingRouter,
  commendations: commendationsRouter,
  confidential: confidentialRouter,
  coverage: coverageRouter,
  jobs: jobsRouter,
  audit: auditRouter,
  plugins: pluginsRouter,
  evaluation: evaluationRouter,
  rollups: rollupsRouter,
  public: publicRouter,
  exchange: exchangeRouter,
  console: consoleRouter,
});

export type KernelRouter = typeof kernelRouter;
export { AppError };
