import { serviceContext, tooManyRequests, procedure, refs, router } from '../core';
import * as e from '@chengxin/contract/evaluation';
import { listContributions, exportRun } from './evidence';
import {
  importExternal,
  listExternal,
  listExternalBatches,
  releaseExternal,
  releasedThirdParty,
  withdrawExternal,
} from './external';
import { performanceExport, policyAreas, policyEligibility } from './policy-use';
import { rollup } from './rollups';
import { listRuns, publishedResults, publishRun, reviewRun, runEvaluation, runResults } from './runs';
import { getScheme, indicatorCatalogue, listSchemes, saveScheme, schemeTemplate } from './schemes';

/**
 * 政务诚信状况评价 and 逐级汇总. Defining schemes, running and importing third-party results need a city-wide grant
 * (the evaluation is the city's); review and publication are a second person's; the published result is public.
 */
const k = serviceContext;

const schemesRouter = router({
  indicators: procedure
    .meta({
      permission: 'kernel.evaluation.read',
      scope: 'global',
      summary: '评价指标目录（内核指标及各插件指标，含参数和依据）',
    })
    .input(e.schemesIndicatorsInput)
    .output(e.schemesIndicatorsOutput)
    .query(() => indicatorCatalogue()),
  template: procedure
    .meta({
      permission: 'kernel.evaluation.read',
      scope: 'global',
      summary: '评价方案建议模板（建议值，保存后方可使用）',
    })
    .input(e.schemesTemplateInput)
    .output(e.schemeSaveInput)
    .query(({ input }) => schemeTemplate(input.year, input.level)),
  list: procedure
    .meta({ permission: 'kernel.evaluation.read', scope: 'global', summary: '评价方案（各年度、层级的各版本）' })
    .input(e.schemeListInput)
    .output(e.schemesListOutput)
    .query(({ ctx, input }) => listSchemes(ctx.db, input)),
  get: procedure
    .meta({ permission: 'kernel.evaluation.read', scope: 'global', summary: '评价方案详情' })
    .input(e.schemesGetInput)
    .output(e.schemeOut)
    .query(({ ctx, input }) => getScheme(ctx.db, input.id)),
  save: procedure
    .meta({
      permission: 'kernel.evaluation.manage',
      scope: 'city',
      summary: '保存评价方案（指标、权重、计分方法；每次保存生成新版本）',
    })
    .input(e.schemeSaveInput)
    .output(e.schemeOut)
    .mutation(({ ctx, input }) => saveScheme(k(ctx), input)),
});

const runsRouter = router({
  start: procedure
    .meta({ permission: 'kernel.evaluation.manage', scope: 'city', summary: '按方案对该层级全部单位计算评价得分' })
    .input(e.runInput)
    .output(e.runOut)
    .mutation(({ ctx, input }) => runEvaluation(k(ctx), input.schemeId)),
  list: procedure
    .meta({ permission: 'kernel.evaluation.read', scope: 'global', summary: '评价结果列表' })
    .input(e.runListInput)
    .output(e.runListOut)
    .query(({ ctx, input }) => listRuns(ctx.db, input)),
  get: procedure
    .meta({
      permission: 'kernel.evaluation.read',
      scope: 'global',
      summary: '评价结果：各单位得分、名次、指标明细、与上年比较、第三方评价',
    })
    .input(e.runsGetInput)
    .output(e.runResultsOut)
    .query(({ ctx, input }) => runResults(ctx.db, input.id)),
  contributions: procedure
    .meta({
      permission: 'kernel.evaluation.read',
      scope: 'list',
      summary: '某单位得分所依据的记录和办理事项（游标分页）',
    })
    .input(e.contributionsInput)
    .output(e.contributionsOut)
    .query(({ ctx, input }) => listContributions(ctx.db, input, ctx.scope)),
  review: procedure
    .meta({
      permission: 'kernel.evaluation.review',
      scope: 'city',
      summary: '审核评价结果（须由计算人以外的人员，填写审核意见）',
    })
    .input(e.reviewInput)
    .output(e.runOut)
    .mutation(({ ctx, input }) => reviewRun(k(ctx), input.runId, input.note)),
  publish: procedure
    .meta({
      permission: 'kernel.evaluation.review',
      scope: 'city',
      summary: '公布评价结果（同年度同层级此前公布的结果被替代）',
    })
    .input(e.publishInput)
    .output(e.runOut)
    .mutation(({ ctx, input }) => publishRun(k(ctx), input.runId)),
  export: procedure
    .meta({
      permission: 'kernel.evaluation.manage',
      scope: 'global',
      summary: '导出评价结果（CSV/XLSX，供绩效考核使用）',
    })
    .input(e.exportInput)
    .output(e.exportOut)
    .query(({ ctx, input }) => exportRun(ctx.db, input.runId, input.format)),
});

const externalRouter = router({
  import: procedure
    .meta({
      permission: 'kernel.evaluation.manage',
      scope: 'city',
      summary: '导入第三方评价结果（整批校验，任一行有误则不写入）',
    })
    .input(e.externalImportInput)
    .output(e.externalImportOut)
    .mutation(({ ctx, input }) => importExternal(k(ctx), input)),
  list: procedure
    .meta({ permission: 'kernel.evaluation.read', scope: 'global', summary: '第三方评价结果' })
    .input(e.externalListInput)
    .output(e.externalListOutput)
    .query(({ ctx, input }) => listExternal(ctx.db, input)),
  batches: procedure
    .meta({
      permission: 'kernel.evaluation.read',
      scope: 'global',
      summary: '第三方评价批次（评价机构、方法、日期、发布状态）',
    })
    .input(e.externalBatchesInput)
    .output(e.externalBatchesOutput)
    .query(({ ctx, input }) => listExternalBatches(ctx.db, input)),
  release: procedure
    .meta({
      permission: 'kernel.evaluation.review',
      scope: 'city',
      summary: '审核并发布第三方评价（须由导入人以外的人员；发布后在门户与官方评价并列展示）',
    })
    .input(e.externalReleaseInput)
    .output(e.externalBatchOut)
    .mutation(({ ctx, input }) => releaseExternal(k(ctx), input)),
  withdraw: procedure
    .meta({ permission: 'kernel.evaluation.review', scope: 'city', summary: '撤回已发布的第三方评价（说明理由）' })
    .input(e.externalWithdrawInput)
    .output(e.externalBatchOut)
    .mutation(({ ctx, input }) => withdrawExternal(k(ctx), input)),
});

/** 评价结果应用 (plan 二.4): policy areas, eligibility answers from the published result, the 绩效考核 export. */
const useRouter = router({
  areas: procedure
    .meta({ permission: 'kernel.eligibility.read', scope: 'global', summary: '评价结果应用的政策领域及其门槛设置' })
    .input(e.policyAreasInput)
    .output(e.policyAreasOutput)
    .query(() => policyAreas()),
  eligibility: procedure
    .meta({
      permission: 'kernel.eligibility.read',
      scope: 'subject',
      subjects: (i) => refs(['org', i?.orgId]),
      summary: '某区在某政策领域的资格判断（依据已公布的评价结果，含得分、名次和规则）',
    })
    .input(e.policyEligibilityInput)
    .output(e.policyEligibilityOut)
    .query(({ ctx, input }) => policyEligibility(ctx.db, input)),
  performanceExport: procedure
    .meta({
      permission: 'kernel.evaluation.read',
      scope: 'global',
      summary: '导出绩效考核用评价结果（已公布结果及各政策领域判断，XLSX/CSV）',
    })
    .input(e.performanceExportInput)
    .output(e.exportOut)
    .query(({ ctx, input }) => performanceExport(ctx.db, input)),
});

export const evaluationRouter = router({
  schemes: schemesRouter,
  runs: runsRouter,
  external: externalRouter,
  use: useRouter,
  // Public on purpose: only third-party lists a reviewer has released, with rater, method and date; never blended.
  thirdParty: procedure
    .meta({
      permission: 'public',
      scope: 'global',
      summary: '已发布的第三方政务诚信评价（与官方评价并列，不合并计分）',
    })
    .input(e.thirdPartyInput)
    .output(e.thirdPartyOut)
    .query(async ({ ctx, input }) => {
      const take = await ctx.limiter.take(`evaluation:${ctx.clientIp}`, 60);
      if (!take.ok)
        throw tooManyRequests(
          'EVALUATION_THROTTLED',
          `查询过于频繁，请${take.retryAfterSeconds}秒后再试`,
          `Too many requests; retry after ${take.retryAfterSeconds} s`,
          take.retryAfterSeconds,
        );
      return releasedThirdParty(ctx.db, input);
    }),
  // Public on purpose: the published result is disclosed (scores, ranks, indicator values; never records or people).
  published: procedure
    .meta({ permission: 'public', scope: 'global', summary: '已公布的政务诚信状况评价结果' })
    .input(e.publishedInput)
    .output(e.runResultsOut.nullable())
    .query(async ({ ctx, input }) => {
      const take = await ctx.limiter.take(`evaluation:${ctx.clientIp}`, 60);
      if (!take.ok)
        throw tooManyRequests(
          'EVALUATION_THROTTLED',
          `查询过于频繁，请${take.retryAfterSeconds}秒后再试`,
          `Too many requests; retry after ${take.retryAfterSeconds} s`,
          take.retryAfterSeconds,
        );
      return publishedResults(ctx.db, input);
    }),
});

export const rollupsRouter = router({
  subtree: procedure
    .meta({
      permission: 'kernel.rollups.read',
      scope: 'subject',
      subjects: (i) => refs(['org', i?.orgId]),
      summary: '逐级汇总：辖区内记录（按状态、严重程度、类型）、逾期办理事项和档案覆盖率',
    })
    .input(e.rollupInput)
    .output(e.rollupOut)
    .query(({ ctx, input }) => rollup(ctx.db, input, k(ctx).today(), ctx.scope)),
});
