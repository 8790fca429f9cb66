import * as c from '@chengxin/contract';
import { serviceContext, badInput, tooManyRequests, procedure, refs, router } from '../core';
import {
  closeComplaint,
  complaintStatus,
  complaintToRecord,
  readComplaintAttachment,
  resolveComplaintBody,
  getComplaint,
  listComplaints,
  pageComplaints,
  submitComplaint,
  triageComplaint,
} from './complaints';
import { listBackgroundJobs, retryBackgroundJob } from './background-jobs';
import { jobRuns, runDailyJob } from './daily-job';
import { listNotifications, markRead } from './notifications';
import {
  addFinding,
  answerProposal,
  closeInspection,
  createInspection,
  listInspections,
  listProposals,
  registerProposal,
} from './supervision';
import {
  closeAccountability,
  completeRectification,
  explainRectification,
  getRectification,
  listAccountability,
  listRectifications,
  pageRectifications,
  verifyRectification,
} from './rectifications';
import {
  decideObjection,
  extendObjection,
  fileObjection,
  getObjection,
  listObjections,
  pageObjections,
} from './objections';
import { breakRepairPromise, decideRepair, fileRepair, getRepair, listRepairs, pageRepairs } from './repairs';

const k = serviceContext;

export const objectionsRouter = router({
  file: procedure
    .meta({
      permission: 'kernel.objections.file',
      scope: 'subject',
      subjects: (i) => refs(['record', i?.recordId]),
      summary: '登记异议（记录即时标注“异议处理中”）',
    })
    .input(c.objectionFileInput)
    .output(c.objectionOut)
    .mutation(({ ctx, input }) => fileObjection(k(ctx), input)),
  extend: procedure
    .meta({
      permission: 'kernel.objections.decide',
      scope: 'subject',
      subjects: (i) => refs(['objection', i?.id]),
      summary: '延长处理期限（需其他单位核实，须说明理由，限一次）',
    })
    .input(c.objectionsExtendInput)
    .output(c.objectionOut)
    .mutation(({ ctx, input }) => extendObjection(k(ctx), input.id, input.reason)),
  decide: procedure
    .meta({
      permission: 'kernel.objections.decide',
      scope: 'subject',
      subjects: (i) => refs(['objection', i?.id]),
      summary: '作出异议处理决定：维持、更正（生成新版本）或撤销',
    })
    .input(c.objectionDecideInput)
    .output(c.objectionOut)
    .mutation(({ ctx, input }) => decideObjection(k(ctx), input)),
  get: procedure
    .meta({
      permission: 'kernel.objections.read',
      scope: 'subject',
      subjects: (i) => refs(['objection', i?.id]),
      summary: '异议详情（含期限和是否逾期）',
    })
    .input(c.objectionsGetInput)
    .output(c.objectionOut)
    .query(({ ctx, input }) => getObjection(ctx.db, k(ctx), input.id)),
  list: procedure
    .meta({ permission: 'kernel.objections.read', scope: 'list', summary: '异议队列（未结在前，按期限排序）' })
    .input(c.objectionsListInput)
    .output(c.objectionsListOutput)
    .query(({ ctx, input }) => listObjections(k(ctx), input, ctx.scope)),
  page: procedure
    .meta({
      permission: 'kernel.objections.read',
      scope: 'list',
      summary: '异议列表（检索、筛选、排序、游标分页，首页带总数）',
    })
    .input(c.objectionsPageInput)
    .output(c.objectionsPageOutput)
    .query(({ ctx, input }) => pageObjections(k(ctx), input, ctx.scope)),
});

export const repairsRouter = router({
  file: procedure
    .meta({
      permission: 'kernel.repairs.file',
      scope: 'subject',
      subjects: (i) => refs(['record', i?.recordId]),
      summary: '登记信用修复申请（最短公示期满后，附履行证明和信用承诺书）',
    })
    .input(c.repairFileInput)
    .output(c.repairOut)
    .mutation(({ ctx, input }) => fileRepair(k(ctx), input)),
  decide: procedure
    .meta({
      permission: 'kernel.repairs.decide',
      scope: 'subject',
      subjects: (i) => refs(['repair', i?.id]),
      summary: '批准（提前停止公示）或驳回信用修复',
    })
    .input(c.repairsDecideInput)
    .output(c.repairOut)
    .mutation(({ ctx, input }) => decideRepair(k(ctx), input.id, input.approve, input.reason)),
  breakPromise: procedure
    .meta({
      permission: 'kernel.repairs.decide',
      scope: 'subject',
      subjects: (i) => refs(['repair', i?.id]),
      summary: '认定违反信用承诺，恢复公示至原最长期限',
    })
    .input(c.repairsBreakPromiseInput)
    .output(c.repairOut)
    .mutation(({ ctx, input }) => breakRepairPromise(k(ctx), input.id, input.reason)),
  get: procedure
    .meta({
      permission: 'kernel.repairs.read',
      scope: 'subject',
      subjects: (i) => refs(['repair', i?.id]),
      summary: '信用修复申请详情',
    })
    .input(c.repairsGetInput)
    .output(c.repairOut)
    .query(({ ctx, input }) => getRepair(k(ctx), input.id)),
  list: procedure
    .meta({ permission: 'kernel.repairs.read', scope: 'list', summary: '信用修复队列' })
    .input(c.repairsListInput)
    .output(c.repairsListOutput)
    .query(({ ctx, input }) => listRepairs(k(ctx), input, ctx.scope)),
  page: procedure
    .meta({
      permission: 'kernel.repairs.read',
      scope: 'list',
      summary: '信用修复列表（检索、筛选、排序、游标分页，首页带总数）',
    })
    .input(c.repairsPageInput)
    .output(c.repairsPageOutput)
    .query(({ ctx, input }) => pageRepairs(k(ctx), input, ctx.scope)),
});

export const complaintsRouter = router({
  // Public on purpose: anyone may report (rate-limited per address), and follow the case by its receipt code.
  submit: procedure
    .meta({ permission: 'public', scope: 'global', summary: '提交投诉举报（可匿名），返回回执码' })
    .input(c.complaintSubmitInput)
    .output(c.complaintsSubmitOutput)
    .mutation(async ({ ctx, input }) => {
      const take = await ctx.limiter.take(`complaint:${ctx.clientIp}`, 10);
      if (!take.ok)
        throw tooManyRequests(
          'COMPLAINT_THROTTLED',
          `提交过于频繁，请${take.retryAfterSeconds}秒后再试`,
          `Too many reports; retry after ${take.retryAfterSeconds} s`,
          take.retryAfterSeconds,
        );
      return submitComplaint(k(ctx), input);
    }),
  status: procedure
    .meta({ permission: 'public', scope: 'global', summary: '凭回执码查询办理进度（不含个人信息）' })
    .input(c.complaintsStatusInput)
    .output(c.complaintStatusOut)
    .query(async ({ ctx, input }) => {
      // Receipt codes are short: lookups per address are limited so they cannot be enumerated.
      const take = await ctx.limiter.take(`complaint-status:${ctx.clientIp}`, 20);
      if (!take.ok)
        throw tooManyRequests(
          'LOOKUP_THROTTLED',
          `查询过于频繁，请${take.retryAfterSeconds}秒后再试`,
          `Too many lookups; retry after ${take.retryAfterSeconds} s`,
          take.retryAfterSeconds,
          'receiptCode',
        );
      return complaintStatus(ctx.db, input.receiptCode);
    }),
  list: procedure
    .meta({ permission: 'kernel.complaints.read', scope: 'list', summary: '投诉举报队列（本单位办理或被督办的）' })
    .input(c.complaintsListInput)
    .output(c.complaintsListOutput)
    .query(({ ctx, input }) => listComplaints(k(ctx), input, ctx.scope)),
  page: procedure
    .meta({
      permission: 'kernel.complaints.read',
      scope: 'list',
      summary: '投诉举报列表（检索、筛选、排序、游标分页，首页带总数）',
    })
    .input(c.complaintsPageInput)
    .output(c.complaintsPageOutput)
    .query(({ ctx, input }) => pageComplaints(k(ctx), input, ctx.scope)),
  get: procedure
    .meta({
      permission: 'kernel.complaints.read',
      scope: 'subject',
      subjects: (i) => refs(['complaint', i?.id]),
      summary: '投诉举报详情',
    })
    .input(c.complaintsGetInput)
    .output(c.complaintOut)
    .query(({ ctx, input }) => getComplaint(k(ctx), input.id)),
  triage: procedure
    .meta({
      permission: 'kernel.complaints.handle',
      scope: 'subject',
      subjects: (i) => refs(['complaint', i?.id]),
      summary: '受理、不属职责（写明有权单位）或重复',
    })
    .input(c.complaintTriageInput)
    .output(c.complaintOut)
    .mutation(({ ctx, input }) => triageComplaint(k(ctx), input)),
  close: procedure
    .meta({
      permission: 'kernel.complaints.handle',
      scope: 'subject',
      subjects: (i) => refs(['complaint', i?.id]),
      summary: '办结（写明结果，是否属实）',
    })
    .input(c.complaintCloseInput)
    .output(c.complaintOut)
    .mutation(({ ctx, input }) => closeComplaint(k(ctx), input)),
  resolveBody: procedure
    .meta({
      permission: 'kernel.complaints.handle',
      scope: 'subject',
      // The handler must cover the complaint and the body chosen for it.
      subjects: (i) => refs(['complaint', i?.id], ['org', i?.orgId]),
      summary: '确定被投诉单位（投诉人以文字描述的单位，确定后转该单位办理）',
    })
    .input(c.complaintsResolveBodyInput)
    .output(c.complaintOut)
    .mutation(({ ctx, input }) => resolveComplaintBody(k(ctx), input)),
  attachment: procedure
    .meta({
      permission: 'kernel.complaints.handle',
      scope: 'subject',
      subjects: (i) => refs(['complaint', i?.complaintId]),
      summary: '投诉附件（仅办理人员可见，经控制台的受保护下载地址提供）',
    })
    .input(c.complaintsAttachmentInput)
    .output(c.complaintsAttachmentOutput)
    .query(({ ctx, input }) => readComplaintAttachment(ctx.db, input.complaintId, input.attachmentId)),
  toRecord: procedure
    .meta({
      permission: 'kernel.records.write',
      scope: 'subject',
      subjects: (i) => refs(['complaint', i?.id]),
      summary: '由已受理的投诉生成信用记录草稿（互相关联）',
    })
    .input(c.complaintsToRecordInput)
    .output(c.complaintsToRecordOutput)
    .mutation(({ ctx, input }) => complaintToRecord(k(ctx), input.id, input.record)),
});

export const rectificationsRouter = router({
  list: procedure
    .meta({ permission: 'kernel.rectifications.read', scope: 'list', summary: '限期整改队列（逾期在前）' })
    .input(c.rectificationsListInput)
    .output(c.rectificationsListOutput)
    .query(({ ctx, input }) => listRectifications(k(ctx), input, ctx.scope)),
  page: procedure
    .meta({
      permission: 'kernel.rectifications.read',
      scope: 'list',
      summary: '限期整改列表（检索、筛选、排序、游标分页，首页带总数）',
    })
    .input(c.rectificationsPageInput)
    .output(c.rectificationsPageOutput)
    .query(({ ctx, input }) => pageRectifications(k(ctx), input, ctx.scope)),
  get: procedure
    .meta({
      permission: 'kernel.rectifications.read',
      scope: 'subject',
      subjects: (i) => refs(['rectification', i?.id]),
      summary: '整改详情',
    })
    .input(c.rectificationsGetInput)
    .output(c.rectificationOut)
    .query(({ ctx, input }) => getRectification(k(ctx), input.id)),
  explain: procedure
    .meta({
      permission: 'kernel.rectifications.file',
      scope: 'subject',
      subjects: (i) => refs(['rectification', i?.id]),
      summary: '提交书面说明和整改方案（可说明主动自新情况）',
    })
    .input(c.rectificationsExplainInput)
    .output(c.rectificationOut)
    .mutation(({ ctx, input }) => explainRectification(k(ctx), input)),
  complete: procedure
    .meta({
      permission: 'kernel.rectifications.file',
      scope: 'subject',
      subjects: (i) => refs(['rectification', i?.id]),
      summary: '报送整改完成情况和证明材料',
    })
    .input(c.rectificationsCompleteInput)
    .output(c.rectificationOut)
    .mutation(({ ctx, input }) => completeRectification(k(ctx), input.id, input.evidence)),
  verify: procedure
    .meta({
      permission: 'kernel.rectifications.verify',
      scope: 'subject',
      subjects: (i) => refs(['rectification', i?.id]),
      summary: '核验整改（通过或退回）',
    })
    .input(c.rectificationsVerifyInput)
    .output(c.rectificationOut)
    .mutation(({ ctx, input }) => verifyRectification(k(ctx), input.id, input.accepted, input.note)),
});

export const accountabilityRouter = router({
  list: procedure
    .meta({ permission: 'kernel.rectifications.read', scope: 'list', summary: '主要负责人问责任务' })
    .input(c.accountabilityListInput)
    .output(c.accountabilityListOutput)
    .query(({ ctx, input }) => listAccountability(k(ctx), input, ctx.scope)),
  close: procedure
    .meta({
      permission: 'kernel.rectifications.verify',
      scope: 'subject',
      subjects: (i) => refs(['accountability', i?.id]),
      summary: '办结问责任务（写明处理结果）',
    })
    .input(c.accountabilityCloseInput)
    .output(c.okOut)
    .mutation(({ ctx, input }) => closeAccountability(k(ctx), input.id, input.outcome)),
});

export const supervisionRouter = router({
  createInspection: procedure
    .meta({
      permission: 'kernel.supervision.manage',
      scope: 'subject',
      subjects: (i) => refs(['org', i?.targetOrgId]),
      summary: '下达专项督导任务',
    })
    .input(c.inspectionCreateInput)
    .output(c.inspectionOut)
    .mutation(({ ctx, input }) => createInspection(k(ctx), input)),
  addFinding: procedure
    .meta({
      permission: 'kernel.supervision.manage',
      scope: 'subject',
      subjects: (i) => refs(['inspection', i?.inspectionId]),
      summary: '登记督导发现的问题（可生成失信记录草稿和/或限期整改）',
    })
    .input(c.inspectionFindingInput)
    .output(c.inspectionOut)
    .mutation(({ ctx, input }) => addFinding(k(ctx), input)),
  closeInspection: procedure
    .meta({
      permission: 'kernel.supervision.manage',
      scope: 'subject',
      subjects: (i) => refs(['inspection', i?.id]),
      summary: '结束督导任务',
    })
    .input(c.supervisionCloseInspectionInput)
    .output(c.inspectionOut)
    .mutation(({ ctx, input }) => closeInspection(k(ctx), input.id, input.summary)),
  inspections: procedure
    .meta({ permission: 'kernel.supervision.read', scope: 'list', summary: '专项督导任务列表' })
    .input(c.supervisionInspectionsInput)
    .output(c.supervisionInspectionsOutput)
    .query(({ ctx, input }) => listInspections(k(ctx), ctx.scope, input.limit)),
  registerProposal: procedure
    .meta({
      permission: 'kernel.supervision.manage',
      scope: 'subject',
      subjects: (i) => refs(['org', i?.handlingOrgId]),
      summary: '登记人大代表建议或政协委员提案（默认三个月内办结）',
    })
    .input(c.proposalRegisterInput)
    .output(c.proposalOut)
    .mutation(({ ctx, input }) => registerProposal(k(ctx), input)),
  answerProposal: procedure
    .meta({
      permission: 'kernel.supervision.manage',
      scope: 'subject',
      subjects: (i) => refs(['proposal', i?.id]),
      summary: '登记答复及代表委员满意度',
    })
    .input(c.supervisionAnswerProposalInput)
    .output(c.proposalOut)
    .mutation(({ ctx, input }) => answerProposal(k(ctx), input.id, input.satisfaction)),
  proposals: procedure
    .meta({ permission: 'kernel.supervision.read', scope: 'list', summary: '建议提案办理情况（按时办结率、满意度）' })
    .input(c.supervisionProposalsInput)
    .output(c.supervisionProposalsOutput)
    .query(({ ctx, input }) => listProposals(k(ctx), ctx.scope, input.limit)),
});

// The caller's own inbox: nothing here is scoped beyond "mine".
export const notificationsRouter = router({
  list: procedure
    .meta({ permission: 'authenticated', scope: 'global', summary: '我的消息（期限提醒、办理结果、逾期汇总）' })
    .input(c.notificationsListInput)
    .output(c.notificationsListOutput)
    .query(({ ctx, input }) => listNotifications(ctx.db, ctx.actor!.id, input.unreadOnly, input.limit)),
  markRead: procedure
    .meta({ permission: 'authenticated', scope: 'global', summary: '标为已读' })
    .input(c.notificationsMarkReadInput)
    .output(c.notificationsMarkReadOutput)
    .mutation(async ({ ctx, input }) => ({ marked: await markRead(ctx.db, ctx.actor!.id, input.ids) })),
});

export const jobsRouter = router({
  runDaily: procedure
    .meta({
      permission: 'kernel.jobs.run',
      scope: 'city',
      summary: '运行每日任务（到期停止公示、五年归档；可补跑，重复运行无副作用）',
    })
    .input(c.jobsRunDailyInput)
    .output(c.jobsRunDailyOutput)
    .mutation(({ ctx, input }) => {
      // A run for a future day would expire, archive and escalate ahead of time, dated days that have not come.
      const today = k(ctx).today();
      const day = input.day ?? today;
      if (day > today)
        throw badInput(
          'JOB_DAY_IN_FUTURE',
          'day',
          `不能为将来的日期运行每日任务：${day}晚于今天（${today}）`,
          `The daily job cannot run for a future day: ${day} is after today (${today})`,
        );
      return runDailyJob(k(ctx), day, { force: input.force });
    }),
  runs: procedure
    .meta({ permission: 'kernel.jobs.run', scope: 'city', summary: '每日任务的运行记录' })
    .input(c.jobsRunsInput)
    .output(c.jobsRunsOutput)
    .query(({ ctx }) => jobRuns(k(ctx))),
  list: procedure
    .meta({
      permission: 'kernel.jobs.run',
      scope: 'city',
      summary: '后台任务（每日任务、插件扫描、检查点签名、邮件外发、报送准备）：最近的任务、状态和失败原因',
    })
    .input(c.jobsListInput)
    .output(c.jobsListOutput)
    .query(({ ctx, input }) => listBackgroundJobs(k(ctx), input)),
  retry: procedure
    .meta({ permission: 'kernel.jobs.run', scope: 'city', summary: '重试失败的后台任务（记入审计日志）' })
    .input(c.jobsRetryInput)
    .output(c.jobsRetryOutput)
    .mutation(({ ctx, input }) => retryBackgroundJob(k(ctx), input)),
});
