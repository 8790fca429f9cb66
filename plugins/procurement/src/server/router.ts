import { id, z } from '@chengxin/plugin-sdk/contract';
import { ocdsFeedProcedures, pluginRouter, procedureFor, services, settingFor } from '@chengxin/plugin-sdk';
import * as c from '../contract';
import { PLUGIN_ID } from '../contract';
import {
  forwardComplaint,
  extendComplaint,
  getComplaint,
  handleComplaint,
  listComplaints,
  receiveComplaint,
} from './complaints';
import {
  createContract,
  getContract,
  listContracts,
  recordAcceptance,
  recordDelivery,
  recordPayment,
  recordSigning,
} from './contracts';
import { importOcds } from './ocds';
import { overdueList } from './scan';
import { orgInScope, sql } from '@chengxin/plugin-sdk';
import { publication } from './publish';

const procedure = procedureFor(PLUGIN_ID);
const contractRef = (i: { contractId?: unknown } | undefined) => [
  { kind: 'procurement.contract' as const, id: i?.contractId },
];
const complaintRef = (i: { complaintId?: unknown } | undefined) => [
  { kind: 'procurement.complaint' as const, id: i?.complaintId },
];

const contractsRouter = pluginRouter({
  create: procedure
    .meta({
      permission: 'procurement.contracts.write',
      scope: 'subject',
      subjects: (i) => [{ kind: 'org', id: i?.buyerOrgId }],
      summary: '登记政府采购合同',
    })
    .input(c.contractCreateInput)
    .output(c.contractOut)
    .mutation(async ({ ctx, input }) =>
      getContract(services(ctx), ctx.db, await createContract(services(ctx), ctx.db, input)),
    ),
  get: procedure
    .meta({
      permission: 'procurement.contracts.read',
      scope: 'subject',
      subjects: (i) => [{ kind: 'procurement.contract', id: i?.id }],
      summary: '合同详情及各项期限的履行情况',
    })
    .input(z.object({ id }))
    .output(c.contractOut)
    .query(({ ctx, input }) => getContract(services(ctx), ctx.db, input.id)),
  list: procedure
    .meta({ permission: 'procurement.contracts.read', scope: 'list', summary: '本辖区的采购合同' })
    .input(c.contractListInput)
    .output(c.contractPage)
    .query(({ ctx, input }) => listContracts(services(ctx), ctx.db, input)),
  recordSigning: procedure
    .meta({
      permission: 'procurement.contracts.write',
      scope: 'subject',
      subjects: contractRef,
      summary: '登记合同签订',
    })
    .input(c.recordSigningInput)
    .output(c.contractOut)
    .mutation(async ({ ctx, input }) => {
      await recordSigning(services(ctx), input);
      return getContract(services(ctx), ctx.db, input.contractId);
    }),
  recordDelivery: procedure
    .meta({ permission: 'procurement.contracts.write', scope: 'subject', subjects: contractRef, summary: '登记交付' })
    .input(c.recordDeliveryInput)
    .output(c.contractOut)
    .mutation(async ({ ctx, input }) => {
      await recordDelivery(services(ctx), input);
      return getContract(services(ctx), ctx.db, input.contractId);
    }),
  recordAcceptance: procedure
    .meta({
      permission: 'procurement.contracts.write',
      scope: 'subject',
      subjects: contractRef,
      summary: '登记履约验收',
    })
    .input(c.recordAcceptanceInput)
    .output(c.contractOut)
    .mutation(async ({ ctx, input }) => {
      await recordAcceptance(services(ctx), input);
      return getContract(services(ctx), ctx.db, input.contractId);
    }),
  recordPayment: procedure
    .meta({ permission: 'procurement.contracts.write', scope: 'subject', subjects: contractRef, summary: '登记付款' })
    .input(c.recordPaymentInput)
    .output(c.contractOut)
    .mutation(async ({ ctx, input }) => {
      await recordPayment(services(ctx), input);
      return getContract(services(ctx), ctx.db, input.contractId);
    }),
  importOcds: procedure
    .meta({
      permission: 'procurement.contracts.import',
      scope: 'list',
      summary: '导入OCDS发布包或记录包（逐个发布全部导入或全部不导入）',
    })
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
});

const complaintsRouter = pluginRouter({
  receive: procedure
    .meta({
      permission: 'procurement.complaints.handle',
      scope: 'subject',
      subjects: contractRef,
      summary: '登记中小企业欠款投诉（10个工作日内转交）',
    })
    .input(c.complaintReceiveInput)
    .output(c.complaintOut)
    .mutation(async ({ ctx, input }) =>
      getComplaint(services(ctx), ctx.db, await receiveComplaint(services(ctx), ctx.db, input)),
    ),
  forward: procedure
    .meta({
      permission: 'procurement.complaints.handle',
      scope: 'subject',
      subjects: complaintRef,
      summary: '转交有关部门',
    })
    .input(c.complaintForwardInput)
    .output(c.complaintOut)
    .mutation(async ({ ctx, input }) => {
      await forwardComplaint(services(ctx), input);
      return getComplaint(services(ctx), ctx.db, input.complaintId);
    }),
  extend: procedure
    .meta({
      permission: 'procurement.complaints.handle',
      scope: 'subject',
      subjects: complaintRef,
      summary: '延长办理期限（合计不超过90日）',
    })
    .input(c.complaintExtendInput)
    .output(c.complaintOut)
    .mutation(async ({ ctx, input }) => {
      await extendComplaint(services(ctx), input);
      return getComplaint(services(ctx), ctx.db, input.complaintId);
    }),
  handle: procedure
    .meta({ permission: 'procurement.complaints.handle', scope: 'subject', subjects: complaintRef, summary: '办结' })
    .input(c.complaintHandleInput)
    .output(c.complaintOut)
    .mutation(async ({ ctx, input }) => {
      await handleComplaint(services(ctx), input);
      return getComplaint(services(ctx), ctx.db, input.complaintId);
    }),
  list: procedure
    .meta({ permission: 'procurement.complaints.read', scope: 'list', summary: '本辖区的欠款投诉及其期限' })
    .input(z.object({ open: z.boolean().optional(), limit: z.number().int().min(1).max(200).default(50) }))
    .output(z.array(c.complaintOut))
    .query(({ ctx, input }) => listComplaints(services(ctx), ctx.db, input)),
});

const reportsRouter = pluginRouter({
  overdueList: procedure
    .meta({
      permission: 'procurement.contracts.read',
      scope: 'list',
      summary: '年度逾期未支付中小企业款项的合同（数量、金额），须于次年3月31日前公开',
    })
    .input(c.overdueListInput)
    .output(c.overdueListOut)
    .query(({ ctx, input }) =>
      overdueList(ctx.db, input.year, orgInScope(ctx.scope, sql`c.buyer_org_id`), input.buyerOrgId),
    ),
});

// Public on purpose (依法依规公开政府采购信息): OCDS 1.1 packages of bodies and firms only, rate-limited per client.
const ocdsRouter = pluginRouter(ocdsFeedProcedures(procedure, publication));

export const procurementRouter = pluginRouter({
  contracts: contractsRouter,
  complaints: complaintsRouter,
  reports: reportsRouter,
  ocds: ocdsRouter,
});
