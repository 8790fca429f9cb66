import { z } from 'zod';
import * as c from '../contract';
import { kernelContext } from '../context';
import { AppError } from '../errors';
import { SANCTION_TYPES } from '../labels';
import { recordTypes } from '../record-types';
import { PUBLICATION_RULE_SETS } from '../rules/publication';
import { SANCTION_RULE_SETS } from '../rules/sanctions';
import { actorForToken, createUser, login, logout } from '../services/auth';
import { integrityFile } from '../services/files';
import { ingest } from '../services/ingest';
import { createOrg, getOrg, orgChildren, searchOrgs } from '../services/orgs';
import { appoint, createPerson, endTenure, findPersonByIdNumber, getPerson, searchPersons } from '../services/persons';
import { correct, createDraft, getRecordDetail, listRecords, transition } from '../services/records';
import { procedure, router, type TrpcContext } from './trpc';

const k = (ctx: TrpcContext) => kernelContext(ctx.db, ctx.secrets, ctx.actor);

const authRouter = router({
  login: procedure.meta({ permission: 'public', summary: '登录' }).input(c.loginInput).output(z.object({ user: c.userOut, expiresAt: z.string() }))
    .mutation(async ({ ctx, input }) => {
      const result = await login(k(ctx), input.username, input.password);
      ctx.http.setSessionCookie(result.token, result.expiresAt);
      return { user: result.user, expiresAt: result.expiresAt };
    }),
  logout: procedure.meta({ permission: 'authenticated', summary: '退出登录' }).input(z.void()).output(z.object({ ok: z.literal(true) }))
    .mutation(async ({ ctx }) => {
      if (ctx.sessionToken) await logout(k(ctx), ctx.sessionToken);
      ctx.http.clearSessionCookie();
      return { ok: true as const };
    }),
  me: procedure.meta({ permission: 'public', summary: '当前用户' }).input(z.void()).output(c.userOut.nullable())
    .query(async ({ ctx }) => (ctx.sessionToken ? await actorForToken(ctx.db, ctx.sessionToken) : null)),
});

const usersRouter = router({
  create: procedure.meta({ permission: 'kernel.users.manage', summary: '新建用户' }).input(c.userCreateInput).output(c.userOut)
    .mutation(({ ctx, input }) => createUser(k(ctx), input)),
});

const orgsRouter = router({
  tree: procedure.meta({ permission: 'kernel.orgs.read', summary: '单位树的一层（不传上级则为根）' })
    .input(z.object({ parentId: c.id.nullable().default(null) })).output(z.array(c.orgUnitOut))
    .query(({ ctx, input }) => orgChildren(ctx.db, input.parentId)),
  get: procedure.meta({ permission: 'kernel.orgs.read', summary: '单位详情' }).input(z.object({ id: c.id })).output(c.orgUnitOut)
    .query(({ ctx, input }) => getOrg(ctx.db, input.id)),
  search: procedure.meta({ permission: 'kernel.orgs.read', summary: '按名称或统一社会信用代码查找单位' }).input(c.orgSearchInput).output(c.page(c.orgUnitOut))
    .query(({ ctx, input }) => searchOrgs(ctx.db, input)),
  create: procedure.meta({ permission: 'kernel.orgs.write', summary: '新建单位' }).input(c.orgCreateInput).output(c.orgCreateOutput)
    .mutation(({ ctx, input }) => createOrg(k(ctx), input)),
});

const personsRouter = router({
  create: procedure.meta({ permission: 'kernel.persons.write', summary: '登记公务员' }).input(c.personCreateInput).output(c.personOut)
    .mutation(({ ctx, input }) => createPerson(k(ctx), input)),
  get: procedure.meta({ permission: 'kernel.persons.read', summary: '人员详情（身份证号已脱敏）' }).input(z.object({ id: c.id })).output(c.personOut)
    .query(({ ctx, input }) => getPerson(ctx.db, input.id)),
  search: procedure.meta({ permission: 'kernel.persons.read', summary: '按姓名查找人员' }).input(c.personSearchInput).output(c.page(c.personSummaryOut))
    .query(({ ctx, input }) => searchPersons(ctx.db, input)),
  // A lookup by ID number is a POST (mutation) so the number never appears in a URL or an access log.
  findByIdNumber: procedure.meta({ permission: 'kernel.persons.read', summary: '按身份证号精确查找（号码在请求体中）' })
    .input(z.object({ idNumber: z.string().trim().min(1).max(30) })).output(c.personOut.nullable())
    .mutation(({ ctx, input }) => findPersonByIdNumber(k(ctx), input.idNumber)),
  appoint: procedure.meta({ permission: 'kernel.persons.write', summary: '任职' }).input(c.appointInput).output(c.personOut)
    .mutation(({ ctx, input }) => appoint(k(ctx), input)),
  endTenure: procedure.meta({ permission: 'kernel.persons.write', summary: '离任' }).input(c.endTenureInput).output(c.personOut)
    .mutation(({ ctx, input }) => endTenure(k(ctx), input)),
});

const recordsRouter = router({
  create: procedure.meta({ permission: 'kernel.records.write', summary: '新建信用记录草稿' }).input(c.recordCreateInput).output(c.recordOut)
    .mutation(({ ctx, input }) => createDraft(k(ctx), input)),
  correct: procedure.meta({ permission: 'kernel.records.write', summary: '更正（生成新版本）' }).input(c.recordCorrectInput).output(c.recordOut)
    .mutation(({ ctx, input }) => correct(k(ctx), input)),
  submit: procedure.meta({ permission: 'kernel.records.write', summary: '提交审核' }).input(c.transitionInput).output(c.recordOut)
    .mutation(({ ctx, input }) => transition(k(ctx), 'submit', input.recordId, input.reason)),
  approve: procedure.meta({ permission: 'kernel.records.review', summary: '审核通过' }).input(c.transitionInput).output(c.recordOut)
    .mutation(({ ctx, input }) => transition(k(ctx), 'approve', input.recordId, input.reason)),
  reject: procedure.meta({ permission: 'kernel.records.review', summary: '退回（须填写理由）' }).input(c.reasonedTransitionInput).output(c.recordOut)
    .mutation(({ ctx, input }) => transition(k(ctx), 'reject', input.recordId, input.reason)),
  publish: procedure.meta({ permission: 'kernel.records.review', summary: '公示' }).input(c.transitionInput).output(c.recordOut)
    .mutation(({ ctx, input }) => transition(k(ctx), 'publish', input.recordId, input.reason)),
  revoke: procedure.meta({ permission: 'kernel.records.review', summary: '撤销（原决定被撤销时，须填写理由）' }).input(c.reasonedTransitionInput).output(c.recordOut)
    .mutation(({ ctx, input }) => transition(k(ctx), 'revoke', input.recordId, input.reason)),
  get: procedure.meta({ permission: 'kernel.records.read', summary: '记录详情，含版本历史和流转记录' }).input(z.object({ id: c.id })).output(c.recordDetailOut)
    .query(({ ctx, input }) => getRecordDetail(ctx.db, input.id)),
  list: procedure.meta({ permission: 'kernel.records.read', summary: '记录列表（筛选、游标分页）' }).input(c.recordListInput).output(c.page(c.recordOut))
    .query(({ ctx, input }) => listRecords(ctx.db, input)),
  ingest: procedure.meta({ permission: 'kernel.records.ingest', summary: '批量报送（幂等；任一行有误则整批不写入）' }).input(c.ingestInput).output(c.ingestOutput)
    .mutation(({ ctx, input }) => ingest(k(ctx), input.records, { sourceSystem: input.sourceSystem, initialStatus: input.initialStatus })),
});

const filesRouter = router({
  get: procedure.meta({ permission: 'kernel.files.read', summary: '诚信档案（可指定截至日期）' }).input(c.fileInput).output(c.integrityFileOut)
    .query(({ ctx, input }) => integrityFile(ctx.db, input.subject.kind === 'org' ? { kind: 'org', orgId: input.subject.orgId } : { kind: 'person', personId: input.subject.personId }, input.asOf ?? k(ctx).today())),
});

const ruleSourceOut = c.appliedRuleOut.shape.source;
const rulesRouter = router({
  list: procedure.meta({ permission: 'kernel.rules.read', summary: '规则表（处分期、公示期限，含法律依据）' }).input(z.void())
    .output(z.object({
      sanctions: z.array(z.object({ id: z.string(), nameZh: z.string(), effectiveFrom: z.string(), effectiveTo: z.string().nullable(), periods: z.array(z.object({ sanctionType: z.enum(SANCTION_TYPES), months: z.number().nullable(), source: ruleSourceOut })), combinationMaxMonths: z.number(), combinationSource: ruleSourceOut, addsUnservedRemainder: z.boolean(), liftingAutomatic: z.boolean(), liftingSource: ruleSourceOut })),
      publication: z.array(z.object({ id: z.string(), nameZh: z.string(), effectiveFrom: z.string(), bySeverity: z.record(z.string(), z.object({ minMonths: z.number(), maxMonths: z.number(), mayOmit: z.boolean() })), source: ruleSourceOut })),
      recordTypes: z.array(z.object({ key: z.string(), owner: z.string(), labelZh: z.string(), labelEn: z.string(), subjects: z.array(z.string()), polarity: z.string(), sanction: z.boolean() })),
    }))
    .query(() => ({
      sanctions: SANCTION_RULE_SETS.map((s) => ({ ...s, periods: SANCTION_TYPES.map((t) => ({ sanctionType: t, ...s.periods[t] })) })),
      publication: PUBLICATION_RULE_SETS,
      recordTypes: recordTypes(),
    })),
});

export const kernelRouter = router({
  auth: authRouter,
  users: usersRouter,
  orgs: orgsRouter,
  persons: personsRouter,
  records: recordsRouter,
  files: filesRouter,
  rules: rulesRouter,
});

export type KernelRouter = typeof kernelRouter;
export { AppError };
