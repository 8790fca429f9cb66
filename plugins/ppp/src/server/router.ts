import {
  orgInScope,
  ocdsFeedProcedures,
  pluginRouter,
  procedureFor,
  rows,
  services,
  settingFor,
  sql,
  type Queryable,
} from '@chengxin/plugin-sdk';
import { id, z } from '@chengxin/plugin-sdk/contract';
import * as c from '../contract';
import { PLUGIN_ID, type PppConfig } from '../contract';
import { affordabilityReport, saveBudget } from './affordability';
import { addObligation, fulfil, recordExcuse } from './obligations';
import { importOcds } from './ocds';
import { publication } from './publish';
import { recordChange, recordEvaluation, recordFailure } from './performance';
import { createProject, getProject, listProjects, setPhase } from './projects';
import { listResults, recordResult } from './results';
import { listReviewStates, recordReview } from './review';

const procedure = procedureFor(PLUGIN_ID);
const projectRef = (i: { projectId?: unknown } | undefined) => [{ kind: 'ppp.project' as const, id: i?.projectId }];
const obligationRef = (i: { obligationId?: unknown } | undefined) => [
  { kind: 'ppp.obligation' as const, id: i?.obligationId },
];
const write = (summary: string) =>
  procedure.meta({ permission: 'ppp.projects.write', scope: 'subject', subjects: projectRef, summary });

export const pppRouter = pluginRouter({
  projects: pluginRouter({
    create: procedure
      .meta({
        permission: 'ppp.projects.write',
        scope: 'subject',
        subjects: (i) => [{ kind: 'org', id: i?.orgId }],
        summary: '登记PPP项目（实施机构、社会资本方、阶段、回报机制、风险分配）',
      })
      .input(c.projectInput)
      .output(c.projectOut)
      .mutation(async ({ ctx, input }) =>
        getProject(services(ctx), ctx.db, await createProject(services(ctx), ctx.db, input)),
      ),
    get: procedure
      .meta({
        permission: 'ppp.projects.read',
        scope: 'subject',
        subjects: (i) => [{ kind: 'ppp.project', id: i?.id }],
        summary: '项目详情：政府方义务及履行情况、协议变更、绩效',
      })
      .input(z.object({ id }))
      .output(c.projectOut)
      .query(({ ctx, input }) => getProject(services(ctx), ctx.db, input.id)),
    list: procedure
      .meta({ permission: 'ppp.projects.read', scope: 'list', summary: '本辖区的PPP项目' })
      .input(c.projectListInput)
      .output(c.projectPage)
      .query(({ ctx, input }) => listProjects(services(ctx), ctx.db, input)),
    setPhase: write('项目进入下一阶段（识别、准备、采购、执行、移交）')
      .input(c.phaseInput)
      .output(c.projectOut)
      .mutation(async ({ ctx, input }) => {
        await setPhase(services(ctx), input);
        return getProject(services(ctx), ctx.db, input.projectId);
      }),
    recordChange: write('登记协议变更（单方变更须有法定权限、程序和补偿）')
      .input(c.changeInput)
      .output(c.projectOut)
      .mutation(async ({ ctx, input }) => {
        await recordChange(services(ctx), input);
        return getProject(services(ctx), ctx.db, input.projectId);
      }),
    recordEvaluation: write('登记绩效评价')
      .input(c.evaluationInput)
      .output(c.projectOut)
      .mutation(async ({ ctx, input }) => {
        await recordEvaluation(services(ctx), input);
        return getProject(services(ctx), ctx.db, input.projectId);
      }),
    recordFailure: write('登记绩效不达标（OCDS performanceFailures）')
      .input(c.failureInput)
      .output(c.projectOut)
      .mutation(async ({ ctx, input }) => {
        await recordFailure(services(ctx), input);
        return getProject(services(ctx), ctx.db, input.projectId);
      }),
    importOcds: procedure
      .meta({ permission: 'ppp.projects.import', scope: 'list', summary: '导入OCDS（PPP扩展）发布包或记录包' })
      .input(c.ocdsImportInput)
      .output(c.ocdsImportOut)
      .mutation(({ ctx, input }) =>
        importOcds(
          services(ctx),
          ctx.db,
          input.package,
          async (orgId) => (await settingFor(ctx.db, PLUGIN_ID, orgId)).enabled,
        ),
      ),
  }),
  obligations: pluginRouter({
    add: write('登记政府方义务（付费、审批、土地交付、约定调价）')
      .input(c.obligationInput)
      .output(c.projectOut)
      .mutation(async ({ ctx, input }) => {
        await addObligation(services(ctx), input);
        return getProject(services(ctx), ctx.db, input.projectId);
      }),
    fulfil: procedure
      .meta({
        permission: 'ppp.projects.write',
        scope: 'subject',
        subjects: obligationRef,
        summary: '登记义务履行（日期、金额）',
      })
      .input(c.fulfilInput)
      .output(c.projectOut)
      .mutation(async ({ ctx, input }) => {
        await fulfil(services(ctx), input);
        return getProject(services(ctx), ctx.db, await projectOf(ctx.db, input.obligationId));
      }),
    excuse: procedure
      .meta({
        permission: 'ppp.projects.write',
        scope: 'subject',
        subjects: obligationRef,
        summary: '登记未履行理由（机构调整、换届、负责人变更不予接受）',
      })
      .input(c.excuseInput)
      .output(c.projectOut)
      .mutation(async ({ ctx, input }) => {
        await recordExcuse(services(ctx), input);
        return getProject(services(ctx), ctx.db, await projectOf(ctx.db, input.obligationId));
      }),
  }),
  reviews: pluginRouter({
    record: write('登记政府方签署PPP协议前的合同审查（审查机关、日期、结论、意见）')
      .input(c.reviewInput)
      .output(c.reviewStateOut)
      .mutation(({ ctx, input }) => recordReview(services(ctx), ctx.db, input)),
    list: procedure
      .meta({
        permission: 'ppp.projects.read',
        scope: 'list',
        summary: '本辖区PPP项目的合同审查情况（签署前未经审查的列为问题）',
      })
      .input(c.reviewListInput)
      .output(z.array(c.reviewStateOut))
      .query(({ ctx, input }) => listReviewStates(services(ctx), ctx.db, input)),
  }),
  results: pluginRouter({
    record: write('登记项目年度实施成效（良好生成守信草稿，未达到预期生成失信草稿）')
      .input(c.resultInput)
      .output(c.resultOut)
      .mutation(({ ctx, input }) => recordResult(services(ctx), ctx.db, input)),
    list: procedure
      .meta({ permission: 'ppp.projects.read', scope: 'list', summary: '本辖区PPP项目的实施成效及由此提出的信用记录' })
      .input(c.resultListInput)
      .output(z.array(c.resultOut))
      .query(({ ctx, input }) => listResults(services(ctx), ctx.db, input)),
  }),
  budgets: pluginRouter({
    save: procedure
      .meta({
        permission: 'ppp.budgets.write',
        scope: 'subject',
        subjects: (i) => [{ kind: 'org', id: i?.orgId }],
        summary: '报送区级年度一般公共预算支出',
      })
      .input(c.budgetInput)
      .output(z.object({ ok: z.literal(true) }))
      .mutation(async ({ ctx, input }) => {
        await saveBudget(services(ctx), ctx.db, input);
        return { ok: true as const };
      }),
  }),
  reports: pluginRouter({
    affordability: procedure
      .meta({
        permission: 'ppp.projects.read',
        scope: 'list',
        summary: '财政承受能力：各区年度PPP财政支出责任占一般公共预算支出比例（上限为配置项）',
      })
      .input(c.affordabilityInput)
      .output(c.affordabilityOut)
      .query(({ ctx, input }) =>
        affordabilityReport(
          ctx.db,
          input.year,
          (col) => orgInScope(ctx.scope, col),
          (orgId) => services(ctx).config<PppConfig>(PLUGIN_ID, orgId),
          input.orgId,
        ),
      ),
  }),
  // Public on purpose (PPP项目信息公开): OCDS 1.1 packages of bodies and firms only, rate-limited per client.
  ocds: pluginRouter(ocdsFeedProcedures(procedure, publication)),
});

async function projectOf(db: Queryable, obligationId: string): Promise<string> {
  return (
    await rows<{ id: string }>(db, sql`select project_id::text as id from ppp.obligation where id = ${obligationId}`)
  )[0]!.id;
}
