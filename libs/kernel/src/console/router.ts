/**
 * kernel.console: what the admin console needs beyond the domain routers — its home page's counts and charts, the
 * latest activity, and bulk lifecycle moves for the review queue (all or nothing, one audit entry per record).
 */
import { z } from 'zod';
import * as c from '@chengxin/contract';
import { kernelContext, procedure, refs, router, type RawInput, type TrpcContext } from '../core';
import { RECORD_STATUSES, SEVERITIES } from '@chengxin/contract';
import { consoleOverview, recentActivity } from './overview';
import { transitionMany } from '../records';
import type { Scope } from '../access';

const k = (ctx: TrpcContext & { scope: Scope }) => kernelContext(ctx.db, ctx.secrets, ctx.actor, ctx.scope);
/** Every record a bulk call names is checked against the caller's scope by the middleware. */
const manyRecords = (i: RawInput) => (Array.isArray(i?.recordIds) ? i.recordIds.slice(0, 200) : []).map((id: unknown) => refs(['record', id])[0]!);
const recordIds = z.array(c.id).min(1).max(100);

export const consoleRouter = router({
  overview: procedure.meta({ permission: 'kernel.records.read', scope: 'list', summary: '工作台统计：按状态、严重程度计数，按区和月份统计记录（本人管辖范围内）' })
    .input(z.object({ months: z.number().int().min(1).max(36).default(12) }).default({ months: 12 }))
    .output(z.object({
      asOf: z.string(),
      byStatus: z.array(z.object({ status: z.enum(RECORD_STATUSES), count: z.number() })),
      bySeverity: z.array(z.object({ severity: z.enum(SEVERITIES), count: z.number() })),
      disputed: z.number(),
      months: z.array(z.string()),
      byDistrict: z.array(z.object({ orgId: z.string().nullable(), orgName: z.string(), counts: z.array(z.number()), total: z.number() })),
    }))
    .query(({ ctx, input }) => consoleOverview(ctx.db, ctx.scope, k(ctx).today(), input.months)),
  activity: procedure.meta({ permission: 'kernel.records.read', scope: 'list', summary: '最近的记录流转（本人管辖范围内）' })
    .input(z.object({ limit: z.number().int().min(1).max(100).default(20) }).default({ limit: 20 }))
    .output(z.array(z.object({
      recordId: c.id, action: z.string(), fromStatus: z.string().nullable(), toStatus: z.string(), at: z.string(), actorName: z.string().nullable(), reason: z.string().nullable(),
      typeKey: z.string(), orgName: z.string(), personName: z.string().nullable(),
    })))
    .query(({ ctx, input }) => recentActivity(ctx.db, ctx.scope, input.limit)),
  submitMany: procedure.meta({ permission: 'kernel.records.write', scope: 'subject', subjects: manyRecords, summary: '批量提交审核（全部成功或全部不变）' })
    .input(z.object({ recordIds, reason: z.string().trim().max(1000).optional() })).output(z.object({ moved: z.number() }))
    .mutation(async ({ ctx, input }) => ({ moved: await transitionMany(k(ctx), 'submit', input.recordIds, input.reason) })),
  reviewMany: procedure.meta({ permission: 'kernel.records.review', scope: 'subject', subjects: manyRecords, summary: '批量审核通过、退回（须填写理由）或公示（全部成功或全部不变）' })
    .input(z.object({ action: z.enum(['approve', 'reject', 'publish']), recordIds, reason: z.string().trim().max(1000).optional() })).output(z.object({ moved: z.number() }))
    .mutation(async ({ ctx, input }) => ({ moved: await transitionMany(k(ctx), input.action, input.recordIds, input.reason) })),
});
