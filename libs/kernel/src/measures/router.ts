import * as c from '@chengxin/contract';
import { serviceContext, procedure, refs, router, tooManyRequests, type TrpcContext } from '../core';
import {
  draftNotice,
  getNotice,
  listNotices,
  publishedNotices,
  publishNotice,
  reviewNotice,
  submitNotice,
  updateNotice,
  withdrawNotice,
} from './notices';
import { PUBLIC_POLICY } from '../public';
import { decideSelfCorrection, fileSelfCorrection, getSelfCorrection, listSelfCorrections } from './self-corrections';

const k = serviceContext;

/** The portal's reads share the public per-address budget (the same limit as kernel.public reads). */
const throttle = async (ctx: TrpcContext) => {
  const take = await ctx.limiter.take(`public:read:${ctx.clientIp}`, PUBLIC_POLICY.readsPerMinute);
  if (!take.ok)
    throw tooManyRequests(
      'PUBLIC_THROTTLED',
      `访问过于频繁，请${take.retryAfterSeconds}秒后再试`,
      `Too many requests; retry after ${take.retryAfterSeconds} s`,
      take.retryAfterSeconds,
    );
};

export const noticesRouter = router({
  draft: procedure
    .meta({
      permission: 'kernel.notices.draft',
      scope: 'subject',
      subjects: (i) => refs(['org', i?.issuerOrgId], ['org', i?.targetOrgId]),
      summary: '起草公开通报批评（由被通报单位的上级作出，依据已公示的失信记录）',
    })
    .input(c.noticeDraftInput)
    .output(c.noticeOut)
    .mutation(({ ctx, input }) => draftNotice(k(ctx), input)),
  update: procedure
    .meta({
      permission: 'kernel.notices.draft',
      scope: 'subject',
      subjects: (i) => refs(['notice', i?.id]),
      summary: '修改通报草稿',
    })
    .input(c.noticeUpdateInput)
    .output(c.noticeOut)
    .mutation(({ ctx, input }) => updateNotice(k(ctx), input)),
  submit: procedure
    .meta({
      permission: 'kernel.notices.draft',
      scope: 'subject',
      subjects: (i) => refs(['notice', i?.id]),
      summary: '提交复核',
    })
    .input(c.noticeIdInput)
    .output(c.noticeOut)
    .mutation(({ ctx, input }) => submitNotice(k(ctx), input.id)),
  review: procedure
    .meta({
      permission: 'kernel.notices.review',
      scope: 'subject',
      subjects: (i) => refs(['notice', i?.id]),
      summary: '复核通报（起草人以外的人员：同意发布或退回）',
    })
    .input(c.noticeReviewInput)
    .output(c.noticeOut)
    .mutation(({ ctx, input }) => reviewNotice(k(ctx), input.id, input.approve, input.note)),
  publish: procedure
    .meta({
      permission: 'kernel.notices.review',
      scope: 'subject',
      subjects: (i) => refs(['notice', i?.id]),
      summary: '发布通报（在门户“通报曝光”和单位诚信页公开，并启动限期整改）',
    })
    .input(c.noticeIdInput)
    .output(c.noticeOut)
    .mutation(({ ctx, input }) => publishNotice(k(ctx), input.id)),
  withdraw: procedure
    .meta({
      permission: 'kernel.notices.review',
      scope: 'subject',
      subjects: (i) => refs(['notice', i?.id]),
      summary: '撤回已发布的通报（须说明理由）',
    })
    .input(c.noticeWithdrawInput)
    .output(c.noticeOut)
    .mutation(({ ctx, input }) => withdrawNotice(k(ctx), input.id, input.reason)),
  get: procedure
    .meta({ permission: 'kernel.notices.read', scope: 'list', summary: '通报详情（本辖区作出或针对本辖区单位的）' })
    .input(c.noticeIdInput)
    .output(c.noticeOut)
    .query(({ ctx, input }) => getNotice(ctx.db, k(ctx), input.id, ctx.scope)),
  list: procedure
    .meta({ permission: 'kernel.notices.read', scope: 'list', summary: '通报列表（须撤回的在前）' })
    .input(c.noticesListInput)
    .output(c.noticesListOutput)
    .query(({ ctx, input }) => listNotices(k(ctx), input, ctx.scope)),
  // Public on purpose: the portal's 通报曝光 page and the body's integrity page.
  published: procedure
    .meta({ permission: 'public', scope: 'global', summary: '门户“通报曝光”：已发布的公开通报批评' })
    .input(c.noticesPublishedInput)
    .output(c.noticesPublishedOutput)
    .query(async ({ ctx, input }) => {
      await throttle(ctx);
      return publishedNotices(ctx.db, input);
    }),
});

export const selfCorrectionsRouter = router({
  file: procedure
    .meta({
      permission: 'kernel.selfCorrections.file',
      scope: 'subject',
      subjects: (i) => refs(['record', i?.recordId]),
      summary: '登记主动自新申请（挽回损失、阻止危害、消除影响的证明）',
    })
    .input(c.selfCorrectionFileInput)
    .output(c.selfCorrectionOut)
    .mutation(({ ctx, input }) => fileSelfCorrection(k(ctx), input)),
  decide: procedure
    .meta({
      permission: 'kernel.selfCorrections.decide',
      scope: 'subject',
      subjects: (i) => refs(['self_correction', i?.id]),
      summary: '作出主动自新决定（写明从轻或免于实施的惩戒措施；记录本身不变）',
    })
    .input(c.selfCorrectionDecideInput)
    .output(c.selfCorrectionOut)
    .mutation(({ ctx, input }) => decideSelfCorrection(k(ctx), input)),
  get: procedure
    .meta({
      permission: 'kernel.selfCorrections.read',
      scope: 'subject',
      subjects: (i) => refs(['self_correction', i?.id]),
      summary: '主动自新申请详情',
    })
    .input(c.selfCorrectionIdInput)
    .output(c.selfCorrectionOut)
    .query(({ ctx, input }) => getSelfCorrection(ctx.db, k(ctx), input.id, ctx.scope)),
  list: procedure
    .meta({ permission: 'kernel.selfCorrections.read', scope: 'list', summary: '主动自新申请队列' })
    .input(c.selfCorrectionsListInput)
    .output(c.selfCorrectionsListOutput)
    .query(({ ctx, input }) => listSelfCorrections(k(ctx), input, ctx.scope)),
});
