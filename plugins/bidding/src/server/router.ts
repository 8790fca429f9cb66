import { ocdsFeedProcedures, pluginRouter, procedureFor, services, settingFor } from '@chengxin/plugin-sdk';
import { id, z } from '@chengxin/plugin-sdk/contract';
import * as c from '../contract';
import { PLUGIN_ID } from '../contract';
import { attachReport, disclosure, evaluateAgency, getAgency, listAgencies, registerAgency } from './agencies';
import {
  correctEvaluation,
  listEvaluations,
  listSupervision,
  publishEvaluation,
  publishSupervision,
  recordSupervision,
  reviewEvaluation,
} from './agency-review';
import { importOcds } from './ocds';
import { publication } from './publish';
import {
  addClarification,
  createTender,
  getTender,
  listTenders,
  recordDates,
  recordIncident,
  recordInterference,
} from './tenders';

const procedure = procedureFor(PLUGIN_ID);
const tenderRef = (i: { tenderId?: unknown } | undefined) => [{ kind: 'bidding.tender' as const, id: i?.tenderId }];
const write = (summary: string) =>
  procedure.meta({ permission: 'bidding.tenders.write', scope: 'subject', subjects: tenderRef, summary });
const limit = z.number().int().min(1).max(200).default(50);

export const biddingRouter = pluginRouter({
  tenders: pluginRouter({
    create: procedure
      .meta({
        permission: 'bidding.tenders.write',
        scope: 'subject',
        subjects: (i) => [{ kind: 'org', id: i?.orgId }],
        summary: '登记招标项目（政府机关为招标人）',
      })
      .input(c.tenderInput)
      .output(c.tenderOut)
      .mutation(async ({ ctx, input }) =>
        getTender(services(ctx), ctx.db, await createTender(services(ctx), ctx.db, input)),
      ),
    get: procedure
      .meta({
        permission: 'bidding.tenders.read',
        scope: 'subject',
        subjects: (i) => [{ kind: 'bidding.tender', id: i?.id }],
        summary: '招标项目详情及各项法定期限的检查结果',
      })
      .input(z.object({ id }))
      .output(c.tenderOut)
      .query(({ ctx, input }) => getTender(services(ctx), ctx.db, input.id)),
    list: procedure
      .meta({ permission: 'bidding.tenders.read', scope: 'list', summary: '本辖区的招标项目' })
      .input(c.tenderListInput)
      .output(c.tenderPage)
      .query(({ ctx, input }) => listTenders(services(ctx), ctx.db, input)),
    recordDates: write('登记评标报告、公示、中标通知书、合同、书面报告日期')
      .input(c.recordDatesInput)
      .output(c.tenderOut)
      .mutation(async ({ ctx, input }) => {
        await recordDates(services(ctx), input);
        return getTender(services(ctx), ctx.db, input.tenderId);
      }),
    addClarification: write('登记澄清或者修改')
      .input(c.clarificationInput)
      .output(c.tenderOut)
      .mutation(async ({ ctx, input }) => {
        await addClarification(services(ctx), input);
        return getTender(services(ctx), ctx.db, input.tenderId);
      }),
    recordIncident: write('登记改变中标结果、拒签合同、附加条件')
      .input(c.incidentInput)
      .output(c.tenderOut)
      .mutation(async ({ ctx, input }) => {
        await recordIncident(services(ctx), input);
        return getTender(services(ctx), ctx.db, input.tenderId);
      }),
    recordInterference: procedure
      .meta({
        permission: 'bidding.tenders.write',
        scope: 'subject',
        subjects: (i) => [
          { kind: 'bidding.tender', id: i?.tenderId },
          { kind: 'person', id: i?.personId },
        ],
        summary: '登记领导干部干预招标投标（记入本人档案，处分移送纪检监察）',
      })
      .input(c.interferenceInput)
      .output(c.tenderOut)
      .mutation(async ({ ctx, input }) => {
        await recordInterference(services(ctx), input);
        return getTender(services(ctx), ctx.db, input.tenderId);
      }),
    importOcds: procedure
      .meta({ permission: 'bidding.tenders.import', scope: 'list', summary: '导入OCDS发布包（招标、授标部分）' })
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
  agencies: pluginRouter({
    register: procedure
      .meta({ permission: 'bidding.agencies.write', scope: 'city', summary: '登记招标代理机构（资格信息）' })
      .input(c.agencyInput)
      .output(c.agencyOut)
      .mutation(async ({ ctx, input }) => getAgency(ctx.db, await registerAgency(services(ctx), input))),
    list: procedure
      .meta({
        permission: 'bidding.agencies.read',
        scope: 'global',
        summary: '招标代理机构及其信用评价、第三方信用报告',
      })
      .input(z.object({ q: z.string().trim().max(100).optional(), limit }))
      .output(z.array(c.agencyOut))
      .query(({ ctx, input }) => listAgencies(ctx.db, input)),
    attachReport: procedure
      .meta({ permission: 'bidding.agencies.write', scope: 'city', summary: '上传第三方信用报告' })
      .input(c.reportInput)
      .output(c.agencyOut)
      .mutation(async ({ ctx, input }) => {
        await attachReport(services(ctx), input);
        return getAgency(ctx.db, input.agencyId);
      }),
    evaluate: procedure
      .meta({ permission: 'bidding.agencies.write', scope: 'city', summary: '年度信用评价（指标体系为配置项）' })
      .input(c.evaluateInput)
      .output(c.agencyOut)
      .mutation(async ({ ctx, input }) => {
        await evaluateAgency(services(ctx), input);
        return getAgency(ctx.db, input.agencyId);
      }),
    evaluations: procedure
      .meta({
        permission: 'bidding.agencies.read',
        scope: 'global',
        summary: '代理机构信用评价及其审核、更正、公布状态',
      })
      .input(c.evaluationListInput)
      .output(z.array(c.evaluationRowOut))
      .query(({ ctx, input }) => listEvaluations(ctx.db, input)),
    reviewEvaluation: procedure
      .meta({
        permission: 'bidding.agencies.review',
        scope: 'city',
        summary: '审核代理机构信用评价（录入人以外的人员；不通过则退回更正）',
      })
      .input(c.reviewEvaluationInput)
      .output(c.evaluationRowOut)
      .mutation(({ ctx, input }) => reviewEvaluation(services(ctx), input)),
    correctEvaluation: procedure
      .meta({
        permission: 'bidding.agencies.write',
        scope: 'city',
        summary: '更正代理机构信用评价（写明理由，重新审核）',
      })
      .input(c.correctEvaluationInput)
      .output(c.evaluationRowOut)
      .mutation(({ ctx, input }) => correctEvaluation(services(ctx), input)),
    publishEvaluation: procedure
      .meta({ permission: 'bidding.agencies.review', scope: 'city', summary: '公布审核通过的代理机构信用评价' })
      .input(c.publishEvaluationInput)
      .output(c.evaluationRowOut)
      .mutation(({ ctx, input }) => publishEvaluation(services(ctx), input.evaluationId)),
    recordSupervision: procedure
      .meta({ permission: 'bidding.agencies.write', scope: 'city', summary: '登记代理机构动态监管信息' })
      .input(c.supervisionInput)
      .output(c.supervisionOut)
      .mutation(({ ctx, input }) => recordSupervision(services(ctx), input)),
    supervision: procedure
      .meta({ permission: 'bidding.agencies.read', scope: 'global', summary: '代理机构动态监管信息（含未公开）' })
      .input(c.supervisionListInput)
      .output(z.array(c.supervisionOut))
      .query(({ ctx, input }) => listSupervision(ctx.db, input)),
    publishSupervision: procedure
      .meta({ permission: 'bidding.agencies.review', scope: 'city', summary: '公开代理机构动态监管信息' })
      .input(c.publishSupervisionInput)
      .output(c.supervisionOut)
      .mutation(({ ctx, input }) => publishSupervision(services(ctx), input.supervisionId)),
    disclosure: procedure
      .meta({ permission: 'public', scope: 'global', summary: '公开：招标代理机构资格、信用评价与动态监管信息' })
      .input(z.object({ q: z.string().trim().max(100).optional(), limit }))
      .output(c.agencyDisclosureOut)
      .query(({ ctx, input }) => disclosure(ctx.db, services(ctx).today, input.q, input.limit)),
  }),
  // Public on purpose (依法公开招标投标信息): OCDS 1.1 packages of bodies and firms only, rate-limited per client.
  ocds: pluginRouter(ocdsFeedProcedures(procedure, publication)),
});
