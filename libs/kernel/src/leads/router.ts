import { serviceContext, procedure, refs, router } from '../core';
import * as l from '@chengxin/contract/leads';
import { importLeads } from './import';
import {
  dismissLead,
  getLead,
  leadFigures,
  leadToRecord,
  listLeads,
  mergeLead,
  resolveLead,
  submitLeads,
} from './leads';

/**
 * kernel.leads.*: intake of leads from monitoring feeds (by API with an integrator token, or by file) and their triage.
 * Intake: the city's monitoring platform (plan 一.4) with a city-wide grant sends leads about any body, or a body it
 * cannot place yet; a caller limited to a district sends leads about the bodies of its subtree only, each resolved to
 * one of them (row issues LEAD_OUT_OF_SCOPE, LEAD_ORG_UNRESOLVED_IN_SCOPE). Triage acts on one lead, inside the
 * caller's scope by the lead's body; an unresolved lead is the city's until its body is chosen.
 */
const k = serviceContext;

export const leadsRouter = router({
  submit: procedure
    .meta({
      permission: 'kernel.leads.submit',
      scope: 'list',
      summary:
        '报送线索（裁判文书、舆情监测、第三方发现等；按来源和来源编号去重，整批校验；辖区令牌只报本辖区单位的线索）',
    })
    .input(l.leadsSubmitInput)
    .output(l.leadsSubmitOut)
    .mutation(({ ctx, input }) => submitLeads(k(ctx), input)),
  import: procedure
    .meta({
      permission: 'kernel.leads.submit',
      scope: 'list',
      summary: '导入线索文件（CSV/XLSX；逐行校验，任一行有误则不写入；辖区令牌只报本辖区单位的线索）',
    })
    .input(l.leadsImportInput)
    .output(l.leadsImportOut)
    .mutation(({ ctx, input }) => importLeads(k(ctx), input)),
  list: procedure
    .meta({ permission: 'kernel.leads.read', scope: 'list', summary: '线索研判队列（按状态、来源筛选）' })
    .input(l.leadsListInput)
    .output(l.leadsListOut)
    .query(({ ctx, input }) => listLeads(ctx.db, input, ctx.scope)),
  get: procedure
    .meta({
      permission: 'kernel.leads.read',
      scope: 'subject',
      subjects: (i) => refs(['lead', i?.id]),
      summary: '线索详情',
    })
    .input(l.leadsGetInput)
    .output(l.leadOut)
    .query(({ ctx, input }) => getLead(ctx.db, input.id)),
  figures: procedure
    .meta({ permission: 'kernel.leads.read', scope: 'list', summary: '各来源线索统计（收到、排除、合并、转为记录）' })
    .input(l.leadsFiguresInput)
    .output(l.leadsFiguresOut)
    .query(({ ctx, input }) => leadFigures(ctx.db, input, ctx.scope)),
  dismiss: procedure
    .meta({
      permission: 'kernel.leads.triage',
      scope: 'subject',
      subjects: (i) => refs(['lead', i?.id]),
      summary: '排除线索（说明理由）',
    })
    .input(l.leadsDismissInput)
    .output(l.leadOut)
    .mutation(({ ctx, input }) => dismissLead(k(ctx), input)),
  merge: procedure
    .meta({
      permission: 'kernel.leads.triage',
      scope: 'subject',
      subjects: (i) => refs(['lead', i?.id], ['lead', i?.intoId]),
      summary: '合并重复线索',
    })
    .input(l.leadsMergeInput)
    .output(l.leadOut)
    .mutation(({ ctx, input }) => mergeLead(k(ctx), input)),
  resolve: procedure
    .meta({
      permission: 'kernel.leads.triage',
      scope: 'subject',
      subjects: (i) => refs(['lead', i?.id], ['org', i?.orgId]),
      summary: '确定线索涉及的单位',
    })
    .input(l.leadsResolveInput)
    .output(l.leadOut)
    .mutation(({ ctx, input }) => resolveLead(k(ctx), input)),
  toRecord: procedure
    .meta({
      permission: 'kernel.leads.triage',
      scope: 'subject',
      subjects: (i) => refs(['lead', i?.id]),
      summary: '由线索生成信用记录草稿（链接和材料随附，须经提交、审核方可公示）',
    })
    .input(l.leadsToRecordInput)
    .output(l.leadsToRecordOut)
    .mutation(({ ctx, input }) => leadToRecord(k(ctx), input.id, input.record)),
});
