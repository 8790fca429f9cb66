import { pluginRouter, procedureFor, services } from '@chengxin/plugin-sdk';
import { id, z } from '@chengxin/plugin-sdk/contract';
import * as c from '../contract';
import { PLUGIN_ID } from '../contract';
import {
  assess,
  createCommitment,
  getCommitment,
  listCommitments,
  publishCommitment,
  recordChange,
  reportProgress,
} from './commitments';
import { board, candidates, rate, requestCode } from './public';
import { performanceExport, performanceFile } from './performance';
import {
  correctDisclosure,
  enterDisclosure,
  listDisclosures,
  publishDisclosure,
  reviewDisclosure,
} from './disclosures';

const procedure = procedureFor(PLUGIN_ID);
const commitmentRef = (i: { commitmentId?: unknown } | undefined) => [
  { kind: 'townships.commitment' as const, id: i?.commitmentId },
];
const disclosureRef = (i: { disclosureId?: unknown } | undefined) => [
  { kind: 'townships.disclosure' as const, id: i?.disclosureId },
];
const write = (summary: string) =>
  procedure.meta({ permission: 'townships.commitments.write', scope: 'subject', subjects: commitmentRef, summary });

export const townshipsRouter = pluginRouter({
  commitments: pluginRouter({
    create: procedure
      .meta({
        permission: 'townships.commitments.write',
        scope: 'subject',
        subjects: (i) => [{ kind: 'org', id: i?.orgId }],
        summary: '登记街道（乡镇）年度公开承诺（14个服务领域，可衡量目标）',
      })
      .input(c.commitmentInput)
      .output(c.commitmentOut)
      .mutation(async ({ ctx, input }) =>
        getCommitment(services(ctx), ctx.db, await createCommitment(services(ctx), ctx.db, input)),
      ),
    get: procedure
      .meta({
        permission: 'townships.commitments.read',
        scope: 'subject',
        subjects: (i) => [{ kind: 'townships.commitment', id: i?.id }],
        summary: '承诺详情：进度、季度进展、变更、评定、群众评价',
      })
      .input(z.object({ id }))
      .output(c.commitmentOut)
      .query(({ ctx, input }) => getCommitment(services(ctx), ctx.db, input.id)),
    list: procedure
      .meta({ permission: 'townships.commitments.read', scope: 'list', summary: '本辖区的公开承诺' })
      .input(c.commitmentListInput)
      .output(c.commitmentPage)
      .query(({ ctx, input }) => listCommitments(services(ctx), ctx.db, input)),
    publish: write('向社会公开承诺')
      .input(z.object({ commitmentId: id }))
      .output(c.commitmentOut)
      .mutation(async ({ ctx, input }) => {
        await publishCommitment(services(ctx), input.commitmentId);
        return getCommitment(services(ctx), ctx.db, input.commitmentId);
      }),
    reportProgress: write('报送季度进展（累计完成值及佐证材料）')
      .input(c.progressInput)
      .output(c.commitmentOut)
      .mutation(async ({ ctx, input }) => {
        await reportProgress(services(ctx), input);
        return getCommitment(services(ctx), ctx.db, input.commitmentId);
      }),
    recordChange: write('登记承诺变更（须有法定权限、程序和补偿，换届、机构调整、负责人更替不能作为理由）')
      .input(c.changeInput)
      .output(c.commitmentOut)
      .mutation(async ({ ctx, input }) => {
        await recordChange(services(ctx), input);
        return getCommitment(services(ctx), ctx.db, input.commitmentId);
      }),
    performance: procedure
      .meta({
        permission: 'townships.commitments.read',
        scope: 'list',
        summary: '绩效考核导出：本辖区各街道（乡镇）年度公开承诺兑现情况（天津纳入绩效考核，默认不生成失信记录草稿）',
      })
      .input(c.performanceInput)
      .output(c.performanceOut)
      .query(({ ctx, input }) => performanceExport(services(ctx), ctx.db, input)),
    performanceExport: procedure
      .meta({
        permission: 'townships.commitments.read',
        scope: 'list',
        summary: '绩效考核导出文件（CSV）：本辖区各街道（乡镇）年度公开承诺兑现情况',
      })
      .input(c.performanceExportInput)
      .output(c.performanceExportOut)
      .query(({ ctx, input }) => performanceFile(services(ctx), ctx.db, input)),
    assess: procedure
      .meta({
        permission: 'townships.commitments.assess',
        scope: 'subject',
        subjects: commitmentRef,
        summary: '年终评定（全部兑现、部分兑现、未兑现；分档为配置项）',
      })
      .input(c.assessInput)
      .output(c.commitmentOut)
      .mutation(async ({ ctx, input }) => {
        await assess(services(ctx), ctx.db, input);
        return getCommitment(services(ctx), ctx.db, input.commitmentId);
      }),
  }),
  disclosures: pluginRouter({
    create: procedure
      .meta({
        permission: 'townships.disclosures.write',
        scope: 'subject',
        subjects: (i) => [{ kind: 'org', id: i?.orgId }],
        summary: '录入政务、财务公开信息（预算、支出项目、公共服务资金按季度）',
      })
      .input(c.disclosureInput)
      .output(c.disclosureOut)
      .mutation(({ ctx, input }) => enterDisclosure(services(ctx), input)),
    correct: procedure
      .meta({
        permission: 'townships.disclosures.write',
        scope: 'subject',
        subjects: disclosureRef,
        summary: '修改未公开的公开信息（重新审核）',
      })
      .input(c.disclosureCorrectInput)
      .output(c.disclosureOut)
      .mutation(({ ctx, input }) => correctDisclosure(services(ctx), input)),
    review: procedure
      .meta({
        permission: 'townships.disclosures.review',
        scope: 'subject',
        subjects: disclosureRef,
        summary: '审核公开信息（录入人以外的人员；不通过则退回修改）',
      })
      .input(c.disclosureReviewInput)
      .output(c.disclosureOut)
      .mutation(({ ctx, input }) => reviewDisclosure(services(ctx), input)),
    publish: procedure
      .meta({
        permission: 'townships.disclosures.review',
        scope: 'subject',
        subjects: disclosureRef,
        summary: '公开审核通过的信息（在公开栏展示）',
      })
      .input(c.disclosurePublishInput)
      .output(c.disclosureOut)
      .mutation(({ ctx, input }) => publishDisclosure(services(ctx), input.disclosureId)),
    list: procedure
      .meta({
        permission: 'townships.disclosures.read',
        scope: 'list',
        summary: '本辖区的政务、财务公开信息（含未公开）',
      })
      .input(c.disclosureListInput)
      .output(z.array(c.disclosureOut))
      .query(({ ctx, input }) => listDisclosures(services(ctx), ctx.db, input)),
  }),
  // Public on purpose (the portal): published commitments only, no evidence text, no people.
  public: pluginRouter({
    board: procedure
      .meta({
        permission: 'public',
        scope: 'global',
        summary: '公开：街道（乡镇）公开承诺栏（进度、季度进展、评定、群众评价）',
      })
      .input(c.boardInput)
      .output(c.boardOut)
      .query(({ ctx, input }) => board(ctx, services(ctx), ctx.db, input)),
    rate: procedure
      .meta({
        permission: 'public',
        scope: 'subject',
        subjects: commitmentRef,
        summary: '公开：群众评价承诺兑现情况和满意度（每人每项一次（重复评价不改变结果），按来源地址限流）',
      })
      .input(c.rateInput)
      .output(z.object({ ok: z.literal(true), count: z.number(), verified: z.boolean() }))
      .mutation(({ ctx, input }) => rate(ctx, services(ctx), input)),
    requestCode: procedure
      .meta({
        permission: 'public',
        scope: 'subject',
        subjects: commitmentRef,
        summary: '公开：向评价人手机发送验证码（经验证的评价才计入公开结果）',
      })
      .input(c.requestCodeInput)
      .output(z.object({ ok: z.literal(true), expiresInSeconds: z.number() }))
      .mutation(({ ctx, input }) => requestCode(ctx, services(ctx), input)),
    candidates: procedure
      .meta({
        permission: 'public',
        scope: 'global',
        summary: '公开：诚信街道（乡镇）候选排名及评选条件（条件为配置项）',
      })
      .input(c.candidatesInput)
      .output(c.candidatesOut)
      .query(({ ctx, input }) => candidates(ctx, services(ctx), ctx.db, input)),
  }),
});
