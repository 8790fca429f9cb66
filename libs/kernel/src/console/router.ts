/**
 * kernel.console: what the admin console needs beyond the domain routers — its home page's counts and charts, the
 * latest activity, and bulk lifecycle moves for the review queue (all or nothing, one audit entry per record).
 */
import * as c from '@chengxin/contract';
import { serviceContext, procedure, refs, router, type RawInput } from '../core';
import { consoleOverview, recentActivity } from './overview';
import { transitionMany } from '../records';

const k = serviceContext;
/** Every record a bulk call names is checked against the caller's scope by the middleware. */
const manyRecords = (i: RawInput) =>
  (Array.isArray(i?.recordIds) ? i.recordIds.slice(0, 200) : []).map((id: unknown) => refs(['record', id])[0]!);

export const consoleRouter = router({
  overview: procedure
    .meta({
      permission: 'kernel.records.read',
      scope: 'list',
      summary: '工作台统计：按状态、严重程度计数，按区和月份统计记录（本人管辖范围内）',
    })
    .input(c.consoleOverviewInput)
    .output(c.consoleOverviewOutput)
    .query(({ ctx, input }) => consoleOverview(ctx.db, ctx.scope, k(ctx).today(), input.months)),
  activity: procedure
    .meta({ permission: 'kernel.records.read', scope: 'list', summary: '最近的记录流转（本人管辖范围内）' })
    .input(c.consoleActivityInput)
    .output(c.consoleActivityOutput)
    .query(({ ctx, input }) => recentActivity(ctx.db, ctx.scope, input.limit)),
  submitMany: procedure
    .meta({
      permission: 'kernel.records.write',
      scope: 'subject',
      subjects: manyRecords,
      summary: '批量提交审核（全部成功或全部不变）',
    })
    .input(c.consoleSubmitManyInput)
    .output(c.consoleSubmitManyOutput)
    .mutation(async ({ ctx, input }) => ({
      moved: await transitionMany(k(ctx), 'submit', input.recordIds, input.reason),
    })),
  reviewMany: procedure
    .meta({
      permission: 'kernel.records.review',
      scope: 'subject',
      subjects: manyRecords,
      summary: '批量审核通过、退回（须填写理由）或公示（全部成功或全部不变）',
    })
    .input(c.consoleReviewManyInput)
    .output(c.consoleReviewManyOutput)
    .mutation(async ({ ctx, input }) => ({
      moved: await transitionMany(k(ctx), input.action, input.recordIds, input.reason),
    })),
});
