import { pluginRouter, procedureFor, services } from '@chengxin/plugin-sdk';
import { id, z } from '@chengxin/plugin-sdk/contract';
import * as c from '../contract';
import { PLUGIN_ID } from '../contract';
import { forwardComplaint, getComplaint, listComplaints, receiveComplaint, verifyComplaint } from './complaints';
import { getPromise, listPromises, recordChange, recordEvidence, recordExcuse, registerPromise } from './promises';

const procedure = procedureFor(PLUGIN_ID);
const promiseRef = (i: { promiseId?: unknown } | undefined) => [
  { kind: 'investment-promises.promise' as const, id: i?.promiseId },
];
const complaintRef = (i: { complaintId?: unknown } | undefined) => [
  { kind: 'investment-promises.complaint' as const, id: i?.complaintId },
];
const write = (summary: string) =>
  procedure.meta({ permission: 'investment-promises.promises.write', scope: 'subject', subjects: promiseRef, summary });
const handle = (summary: string) =>
  procedure.meta({
    permission: 'investment-promises.complaints.handle',
    scope: 'subject',
    subjects: complaintRef,
    summary,
  });

export const investmentPromisesRouter = pluginRouter({
  promises: pluginRouter({
    register: procedure
      .meta({
        permission: 'investment-promises.promises.write',
        scope: 'subject',
        subjects: (i) => [{ kind: 'org', id: i?.orgId }],
        summary: '登记招商引资承诺（公平竞争审查：对特定企业的优惠须有法律、行政法规依据或国务院批准）',
      })
      .input(c.promiseInput)
      .output(c.promiseOut)
      .mutation(async ({ ctx, input }) =>
        getPromise(services(ctx), ctx.db, await registerPromise(services(ctx), ctx.db, input)),
      ),
    get: procedure
      .meta({
        permission: 'investment-promises.promises.read',
        scope: 'subject',
        subjects: (i) => [{ kind: 'investment-promises.promise', id: i?.id }],
        summary: '承诺详情：兑现进度、节点、变更、是否自始违法',
      })
      .input(z.object({ id }))
      .output(c.promiseOut)
      .query(({ ctx, input }) => getPromise(services(ctx), ctx.db, input.id)),
    list: procedure
      .meta({
        permission: 'investment-promises.promises.read',
        scope: 'list',
        summary: '本辖区的招商引资承诺（可按状态、自始违法筛选）',
      })
      .input(c.promiseListInput)
      .output(c.promisePage)
      .query(({ ctx, input }) => listPromises(services(ctx), ctx.db, input)),
    recordEvidence: procedure
      .meta({
        permission: 'investment-promises.promises.write',
        scope: 'subject',
        subjects: (i) => [{ kind: 'investment-promises.milestone', id: i?.milestoneId }],
        summary: '登记承诺节点兑现（日期、金额或完成值、凭证）',
      })
      .input(c.evidenceInput)
      .output(c.promiseOut)
      .mutation(async ({ ctx, input }) =>
        getPromise(services(ctx), ctx.db, await recordEvidence(services(ctx), input)),
      ),
    recordChange: write('登记承诺变更（须有法定权限、程序和补偿，或经企业同意）')
      .input(c.changeInput)
      .output(c.promiseOut)
      .mutation(async ({ ctx, input }) => {
        await recordChange(services(ctx), input);
        return getPromise(services(ctx), ctx.db, input.promiseId);
      }),
    excuse: write('登记未兑现理由（政府换届、机构调整、负责人更替不予接受）')
      .input(c.excuseInput)
      .output(c.promiseOut)
      .mutation(async ({ ctx, input }) => {
        await recordExcuse(services(ctx), input);
        return getPromise(services(ctx), ctx.db, input.promiseId);
      }),
  }),
  complaints: pluginRouter({
    receive: procedure
      .meta({
        permission: 'investment-promises.complaints.handle',
        scope: 'subject',
        subjects: promiseRef,
        summary: '登记企业投诉（12345、拖欠账款平台、信用网站、信访）',
      })
      .input(c.complaintInput)
      .output(c.complaintOut)
      .mutation(async ({ ctx, input }) =>
        getComplaint(services(ctx), ctx.db, await receiveComplaint(services(ctx), input)),
      ),
    forward: handle('转交上级或主管部门核实（工作日时限为配置项）')
      .input(c.forwardInput)
      .output(c.complaintOut)
      .mutation(async ({ ctx, input }) => {
        await forwardComplaint(services(ctx), input);
        return getComplaint(services(ctx), ctx.db, input.complaintId);
      }),
    verify: handle('登记核实结果（不属实说明、属实整改、拒不整改）')
      .input(c.verifyInput)
      .output(c.complaintOut)
      .mutation(async ({ ctx, input }) => {
        await verifyComplaint(services(ctx), input);
        return getComplaint(services(ctx), ctx.db, input.complaintId);
      }),
    list: procedure
      .meta({ permission: 'investment-promises.promises.read', scope: 'list', summary: '本辖区的企业投诉及核实时限' })
      .input(c.complaintListInput)
      .output(c.complaintPage)
      .query(({ ctx, input }) => listComplaints(services(ctx), ctx.db, input)),
  }),
});
