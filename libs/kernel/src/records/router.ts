import * as c from '@chengxin/contract';
import { legalRulesList } from './rules/legal-table';
import { serviceContext, procedure, refs, router, type RawInput } from '../core';
import { SANCTION_TYPES } from '@chengxin/contract';
import { recordTypes } from './record-types';
import { PUBLICATION_RULE_SETS } from './rules/publication';
import { SANCTION_RULE_SETS } from './rules/sanctions';
import { ingest } from './ingest';
import { listRecordChanges } from './record-changes';
import { correct, createDraft, getRecordDetail, listRecords, transition } from './records';
import { ASSESSMENT_RULES, FILE_RULES } from '../file';
import { PROCESS_RULES } from '../processes';
import { NOTICE_HONOURS_RULE, NOTICE_RULE, SELF_CORRECTION_DECIDE, SELF_CORRECTION_RULE } from '../measures';
import { revocationReason } from '../calendar';
import { installedPlugins } from '../plugins';
import { indicatorCatalogue, policyAreas, POLICY_USE_SOURCE } from '../evaluation';

const k = serviceContext;

const recordSubject = (i: RawInput) =>
  refs(
    [
      i?.subject?.kind === 'person' ? 'person' : 'org',
      i?.subject?.kind === 'person' ? i?.subject?.personId : i?.subject?.orgId,
    ],
    ['org', i?.subject?.kind === 'person' ? i?.subject?.orgId : undefined],
  );

const oneRecord = { scope: 'subject' as const, subjects: (i: RawInput) => refs(['record', i?.recordId]) };

export const recordsRouter = router({
  create: procedure
    .meta({
      permission: 'kernel.records.write',
      scope: 'subject',
      subjects: recordSubject,
      summary: '新建信用记录草稿',
    })
    .input(c.recordCreateInput)
    .output(c.recordOut)
    .mutation(({ ctx, input }) => createDraft(k(ctx), input)),
  correct: procedure
    .meta({ permission: 'kernel.records.write', ...oneRecord, summary: '更正（生成新版本）' })
    .input(c.recordCorrectInput)
    .output(c.recordOut)
    .mutation(({ ctx, input }) => correct(k(ctx), input)),
  submit: procedure
    .meta({ permission: 'kernel.records.write', ...oneRecord, summary: '提交审核' })
    .input(c.transitionInput)
    .output(c.recordOut)
    .mutation(({ ctx, input }) => transition(k(ctx), 'submit', input.recordId, input.reason)),
  approve: procedure
    .meta({ permission: 'kernel.records.review', ...oneRecord, summary: '审核通过' })
    .input(c.transitionInput)
    .output(c.recordOut)
    .mutation(({ ctx, input }) => transition(k(ctx), 'approve', input.recordId, input.reason)),
  reject: procedure
    .meta({ permission: 'kernel.records.review', ...oneRecord, summary: '退回（须填写理由）' })
    .input(c.reasonedTransitionInput)
    .output(c.recordOut)
    .mutation(({ ctx, input }) => transition(k(ctx), 'reject', input.recordId, input.reason)),
  publish: procedure
    .meta({ permission: 'kernel.records.review', ...oneRecord, summary: '公示' })
    .input(c.transitionInput)
    .output(c.recordOut)
    .mutation(({ ctx, input }) => transition(k(ctx), 'publish', input.recordId, input.reason)),
  withdraw: procedure
    .meta({
      permission: 'kernel.records.write',
      ...oneRecord,
      summary: '撤回草稿（误报或重复录入，须填写理由；保留在历史中，从不公示）',
    })
    .input(c.recordsWithdrawInput)
    .output(c.recordOut)
    .mutation(({ ctx, input }) => transition(k(ctx), 'withdraw', input.recordId, input.reason)),
  revoke: procedure
    .meta({
      permission: 'kernel.records.review',
      ...oneRecord,
      summary: '撤销（原决定被撤销时，须填写理由；可注明原决定撤销日期，系统记录是否在时限内反映）',
    })
    .input(c.recordsRevokeInput)
    .output(c.recordOut)
    .mutation(async ({ ctx, input }) =>
      transition(
        k(ctx),
        'revoke',
        input.recordId,
        input.sourceRevokedOn
          ? await revocationReason(ctx.db, input.reason, input.sourceRevokedOn, k(ctx).today())
          : input.reason,
      ),
    ),
  get: procedure
    .meta({
      permission: 'kernel.records.read',
      scope: 'subject',
      subjects: (i) => refs(['record', i?.id]),
      summary: '记录详情，含版本历史和流转记录',
    })
    .input(c.recordsGetInput)
    .output(c.recordDetailOut)
    .query(({ ctx, input }) => getRecordDetail(ctx.db, input.id)),
  list: procedure
    .meta({ permission: 'kernel.records.read', scope: 'list', summary: '记录列表（筛选、游标分页）' })
    .input(c.recordListInput)
    .output(c.recordsListOutput)
    .query(({ ctx, input }) => listRecords(ctx.db, input, ctx.scope)),
  ingest: procedure
    .meta({
      permission: 'kernel.records.ingest',
      scope: 'list',
      summary: '批量报送（幂等；任一行有误或超出管辖范围则整批不写入）',
    })
    .input(c.ingestInput)
    .output(c.ingestOutput)
    .mutation(({ ctx, input }) =>
      ingest(k(ctx), input.records, { sourceSystem: input.sourceSystem, initialStatus: input.initialStatus }),
    ),
  changes: procedure
    .meta({
      permission: 'kernel.records.read',
      scope: 'list',
      summary: '某时刻之后有变动的记录（新版本、流转、异议标注），按变动时间升序，供外部系统轮询',
    })
    .input(c.recordChangesInput)
    .output(c.page(c.recordOut))
    .query(({ ctx, input }) => listRecordChanges(ctx.db, input, ctx.scope)),
});

export const rulesRouter = router({
  list: procedure
    .meta({
      permission: 'kernel.rules.read',
      scope: 'global',
      summary: '规则表（处分期、公示期限、办理时限、失信后果、评价指标及结果应用、行业规则，含法律依据）',
    })
    .input(c.rulesListInput)
    .output(c.rulesListOutput)
    .query(() => ({
      sanctions: SANCTION_RULE_SETS.map((s) => ({
        ...s,
        periods: SANCTION_TYPES.map((t) => ({ sanctionType: t, ...s.periods[t] })),
      })),
      publication: PUBLICATION_RULE_SETS,
      recordTypes: recordTypes(),
      processes: [...Object.values(PROCESS_RULES), SELF_CORRECTION_DECIDE],
      // The plan's measures apply from 1 January 2017, as its other rules (file/rules/assessment.ts).
      consequences: [
        ...Object.values(ASSESSMENT_RULES),
        ...[NOTICE_RULE, NOTICE_HONOURS_RULE, SELF_CORRECTION_RULE].map((r) => ({
          ...r,
          effectiveFrom: '2017-01-01',
          effectiveTo: null,
        })),
      ],
      file: Object.values(FILE_RULES),
      // Indicators, not weights: weights and scales are each year's scheme (data), never code.
      evaluation: indicatorCatalogue().map((i) => ({
        ruleId: i.key,
        summaryZh: `${i.labelZh}：${i.descriptionZh}`,
        summaryEn: i.labelEn,
        source: i.source,
        owner: i.owner,
        params: i.params,
      })),
      policyUse: policyAreas().map((a) => ({
        ruleId: a.ruleId,
        summaryZh: a.summaryZh,
        summaryEn: `${a.labelEn}: ${a.direction === 'reward' ? 'bodies at or above the threshold qualify' : 'bodies below the threshold are put first'} (the published evaluation of the year the setting names)`,
        source: POLICY_USE_SOURCE,
        labelZh: a.labelZh,
        labelEn: a.labelEn,
        settings: a.settings,
      })),
      pluginRules: installedPlugins().flatMap((p) =>
        p.rules.map((r) => ({
          ruleId: r.id,
          summaryZh: r.summaryZh,
          summaryEn: r.summaryEn,
          source: r.source,
          pluginId: p.id,
          setting: r.setting ?? null,
          counting: r.counting ?? null,
          inForce: r.inForce ? [...r.inForce] : null,
        })),
      ),
      ...legalRulesList(),
    })),
});
