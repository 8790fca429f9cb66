/**
 * The investment-promotion plugin's isomorphic contract: policy promises and investment agreements made to enterprises
 * (on the SDK's promise primitive), their fair-competition check at registration, enterprise complaints forwarded to
 * the superior department, configuration, forms and menu. Browser-safe.
 */
import {
  bilingual,
  changeShape,
  CHANGE_REASONS,
  DEADLINE_STATE_LABELS,
  deadlineStateSchema,
  fen,
  id,
  label,
  legalDate,
  milestoneShape,
  page,
  pageInput,
  promiseProgressOut,
  text,
  uscc,
  z,
  type PluginForm,
  type PluginNavEntry,
} from '@chengxin/plugin-sdk/contract';

export const PLUGIN_ID = 'investment-promises';

export const PROMISE_KINDS = ['policy', 'agreement'] as const;
export const PROMISE_KIND_LABELS = {
  policy: label('政策承诺', 'Policy promise'),
  agreement: label('招商引资合同（投资协议）', 'Investment agreement'),
} as const;
export const CATEGORIES = ['subsidy', 'tax', 'land', 'fee', 'service', 'infrastructure', 'approval'] as const;
export type Category = (typeof CATEGORIES)[number];
export const CATEGORY_LABELS = {
  subsidy: label('财政奖励、补贴', 'Subsidy or award'),
  tax: label('税收优惠', 'Tax preference'),
  land: label('土地等要素供给', 'Land and other factors'),
  fee: label('行政事业性收费、政府性基金减免', 'Fee or levy relief'),
  service: label('政务服务', 'Services'),
  infrastructure: label('配套基础设施', 'Infrastructure'),
  approval: label('审批事项', 'Approvals'),
} as const;
/** The legal basis the officer records; only the first three allow a preference to a particular business (公平竞争审查条例 §10). */
export const BASIS_KINDS = [
  'law',
  'administrative_regulation',
  'state_council_approval',
  'local_regulation',
  'normative_document',
  'none',
] as const;
export const BASIS_KIND_LABELS = {
  law: label('法律', 'Law'),
  administrative_regulation: label('行政法规', 'Administrative regulation'),
  state_council_approval: label('国务院批准', 'State Council approval'),
  local_regulation: label('地方性法规、规章', 'Local regulation or rules'),
  normative_document: label('规范性文件、会议纪要', 'Normative document or minutes'),
  none: label('无', 'None'),
} as const;
export const COMPLAINT_CHANNELS = ['hotline_12345', 'arrears_platform', 'credit_website', 'petition', 'other'] as const;
export const COMPLAINT_CHANNEL_LABELS = {
  hotline_12345: label('12345政务服务便民热线', '12345 hotline'),
  arrears_platform: label('拖欠企业账款登记平台', 'SME arrears platform'),
  credit_website: label('信用网站', 'Credit website'),
  petition: label('信访', 'Petition'),
  other: label('其他', 'Other'),
} as const;
export const COMPLAINT_OUTCOMES = ['untrue', 'fixed', 'refused'] as const;
export const COMPLAINT_OUTCOME_LABELS = {
  untrue: label('不属实，已向投诉人说明', 'Untrue, explained to the complainant'),
  fixed: label('属实，已立即整改', 'True, fixed at once'),
  refused: label('属实，拒不整改', 'True, refused to fix'),
} as const;

export const promiseInput = z
  .object({
    orgId: id.meta({ description: '作出承诺的政府或部门' }),
    /** The official in charge (kernel person); the officials in post on a due date are named in breach drafts regardless. */
    responsiblePersonId: id.nullable().default(null),
    kind: z.enum(PROMISE_KINDS),
    category: z.enum(CATEGORIES),
    title: text(300),
    beneficiaryName: text(200),
    beneficiaryUscc: uscc,
    /** Whether the promise favours this particular business (not a measure open to all on equal terms). */
    selective: z.boolean().default(true),
    madeOn: legalDate,
    basisKind: z.enum(BASIS_KINDS),
    legalBasis: z.string().trim().max(500).nullable().default(null),
    documentNo: z.string().trim().max(100).nullable().default(null),
    milestones: z.array(milestoneShape).min(1, bilingual('至少登记一个承诺节点', 'at least one milestone')).max(50),
  })
  .superRefine((p, ctx) => {
    if (p.basisKind !== 'none' && !p.legalBasis)
      ctx.addIssue({
        code: 'custom',
        path: ['legalBasis'],
        ...bilingual('请填写依据的名称和条款', 'name the basis and its article'),
      });
    p.milestones.forEach((m, i) => {
      if (m.dueDate < p.madeOn)
        ctx.addIssue({
          code: 'custom',
          path: ['milestones', i, 'dueDate'],
          ...bilingual('节点期限不能早于承诺日期', 'a milestone is due before the promise was made'),
        });
    });
  });
export type PromiseInput = z.infer<typeof promiseInput>;

export const evidenceInput = z.object({
  milestoneId: id,
  on: legalDate,
  value: z.number().min(0).nullable().default(null),
  note: text(500),
});
export const changeInput = changeShape.extend({ promiseId: id });
export const excuseInput = z.object({ promiseId: id, reason: z.enum(CHANGE_REASONS), explanation: text(2000) });

export const complaintInput = z.object({
  promiseId: id,
  channel: z.enum(COMPLAINT_CHANNELS),
  receivedOn: legalDate,
  summary: text(2000),
  ticketNo: z.string().trim().max(100).nullable().default(null),
});
export const forwardInput = z.object({ complaintId: id, forwardedOn: legalDate, forwardedTo: text(200) });
export const verifyInput = z.object({
  complaintId: id,
  verifiedOn: legalDate,
  outcome: z.enum(COMPLAINT_OUTCOMES),
  note: text(2000),
});
export const complaintOut = z.object({
  id,
  promiseId: id,
  promiseTitle: z.string(),
  orgId: id,
  orgName: z.string(),
  channel: z.enum(COMPLAINT_CHANNELS),
  ticketNo: z.string().nullable(),
  receivedOn: z.string(),
  summary: z.string(),
  forwardedOn: z.string().nullable(),
  forwardedTo: z.string().nullable(),
  forwardDue: z.string(),
  forwardState: deadlineStateSchema,
  verifiedOn: z.string().nullable(),
  outcome: z.enum(COMPLAINT_OUTCOMES).nullable(),
  note: z.string().nullable(),
  verifyDue: z.string().nullable(),
  verifyState: deadlineStateSchema,
  provisional: z.boolean(),
});
export type ComplaintOut = z.infer<typeof complaintOut>;
export const complaintListInput = pageInput.extend({ open: z.boolean().optional() });
export const complaintPage = page(complaintOut);
export const COMPLAINT_STATE_LABELS = DEADLINE_STATE_LABELS;

export const fairCompetitionOut = z.object({
  unlawful: z.boolean(),
  article: z.string().nullable(),
  reasonZh: z.string().nullable(),
});
export const promiseOut = z.object({
  id,
  orgId: id,
  orgName: z.string(),
  responsiblePersonId: z.string().nullable(),
  kind: z.enum(PROMISE_KINDS),
  category: z.enum(CATEGORIES),
  title: z.string(),
  beneficiaryName: z.string(),
  beneficiaryUscc: z.string(),
  selective: z.boolean(),
  madeOn: z.string(),
  basisKind: z.enum(BASIS_KINDS),
  legalBasis: z.string().nullable(),
  documentNo: z.string().nullable(),
  amountFen: z.number(),
  fairCompetition: fairCompetitionOut,
  progress: promiseProgressOut,
  evidence: z.array(
    z.object({
      id: z.string(),
      milestoneId: z.string(),
      on: z.string(),
      value: z.number().nullable(),
      note: z.string(),
    }),
  ),
  excuses: z.array(z.object({ reason: z.enum(CHANGE_REASONS), explanation: z.string(), recordedOn: z.string() })),
});
export type PromiseOut = z.infer<typeof promiseOut>;
export const promiseListInput = pageInput.extend({
  orgId: id.optional(),
  status: promiseProgressOut.shape.status.optional(),
  unlawfulOnly: z.boolean().optional(),
});
export const promisePage = page(promiseOut);

export const breachPayload = z.object({
  promiseId: id,
  ruleId: z.string(),
  milestoneId: id.nullable().default(null),
  changeId: id.nullable().default(null),
  complaintId: id.nullable().default(null),
  beneficiaryName: z.string(),
  due: legalDate.nullable().default(null),
  outstandingFen: z.number().int().min(0).default(0),
  percent: z.number().min(0).max(100).default(0),
  excusesClaimed: z.array(z.string()).default([]),
  proposedBy: z.record(z.string(), z.unknown()).optional(),
});

/**
 * Per-agency configuration: values no statute fixes ([?]) are settings with defaults, shown as such.
 */
export const investmentConfig = z.object({
  /** [?] Calendar days after a milestone's due date before it is missed. */
  graceDays: z.number().int().min(0).max(365).default(0).meta({
    title: '宽限天数（日历日）',
    description: '履约节点到期后经过多少个日历日仍未完成即认定未履行；本地设置，非法定',
  }),
  /** [?] Working days to forward an enterprise complaint to the superior department (1103号: "at once"). */
  forwardWorkingDays: z.number().int().min(1).max(30).default(3).meta({
    title: '转送时限（工作日）',
    description: '企业投诉转送上级部门的时限（发改财金〔2023〕1103号要求“及时”）；本地设置',
  }),
  /** [?] Working days for the superior department to verify it (1103号 sets none). */
  verifyWorkingDays: z
    .number()
    .int()
    .min(1)
    .max(90)
    .default(20)
    .meta({ title: '核实时限（工作日）', description: '上级部门核实投诉的时限（1103号未规定）；本地设置' }),
  /** [?] Amount overdue (fen) from which an arrears draft is serious. */
  seriousArrearsFen: fen
    .default(10_000_000 * 100)
    .meta({ title: '严重拖欠金额起点（分）', description: '拖欠金额达到该数额的草稿标为“严重”；以分计，本地设置' }),
  /** [?] Who the proposed records name as issuing authority until an officer confirms. */
  issuingAuthority: z
    .string()
    .min(1)
    .max(200)
    .default('天津市发展和改革委员会')
    .meta({ title: '草稿中的认定机关', description: '规则提出草稿时暂填的认定机关，经办人确认前须核实' }),
});
export type InvestmentConfig = z.infer<typeof investmentConfig>;

const milestoneUi = {
  label: label('承诺节点（内容、期限、目标值或金额）', 'Milestones (title, due date, target or amount)'),
};
export const FORMS: Record<string, PluginForm> = {
  promise: {
    title: label('登记招商引资承诺', 'Register an investment-promotion promise'),
    schema: promiseInput,
    ui: {
      orgId: { label: label('承诺主体', 'Promising body'), widget: 'org', order: 1 },
      responsiblePersonId: { label: label('负责人', 'Official in charge'), widget: 'person', order: 2 },
      kind: { label: label('承诺类型', 'Kind'), widget: 'select', order: 3 },
      category: { label: label('承诺内容类别', 'Category'), widget: 'select', order: 4 },
      title: { label: label('承诺事项', 'Promise'), order: 5 },
      beneficiaryName: { label: label('企业名称', 'Enterprise'), order: 6 },
      beneficiaryUscc: { label: label('企业统一社会信用代码', 'Enterprise USCC'), order: 7 },
      selective: { label: label('仅针对该企业', 'For this business only'), widget: 'switch', order: 8 },
      madeOn: { label: label('承诺日期', 'Made on'), widget: 'date', order: 9 },
      basisKind: {
        label: label('依据类别', 'Kind of basis'),
        widget: 'select',
        order: 10,
        help: label(
          '对特定企业的税收、补贴、要素或收费优惠须有法律、行政法规依据或国务院批准（公平竞争审查条例第十条）',
          'Preferences to a particular business need a law, administrative regulation or State Council approval (§10)',
        ),
      },
      legalBasis: { label: label('依据名称及条款', 'Basis and article'), order: 11 },
      documentNo: { label: label('文件或协议编号', 'Document no.'), order: 12 },
      milestones: { ...milestoneUi, order: 13 },
    },
  },
  evidence: {
    title: label('登记兑现情况', 'Record fulfilment'),
    schema: evidenceInput,
    ui: {
      on: { label: label('兑现日期', 'On'), widget: 'date' },
      value: { label: label('兑现金额（分）或完成值', 'Amount (fen) or value'), widget: 'number' },
      note: { label: label('凭证、说明', 'Evidence') },
    },
  },
  change: {
    title: label('登记承诺变更', 'Record a change'),
    schema: changeInput,
    ui: {
      changedOn: { label: label('变更日期', 'Changed on'), widget: 'date' },
      description: { label: label('变更内容', 'Change'), widget: 'textarea' },
      agreed: { label: label('经企业同意', 'Agreed with the enterprise'), widget: 'switch' },
      reason: {
        label: label('变更理由', 'Reason'),
        widget: 'select',
        help: label(
          '行政区划调整、政府换届、机构调整、负责人更替不能作为理由',
          'A new term, reorganisation or a new official is no reason',
        ),
      },
      legalAuthority: { label: label('法定权限依据', 'Legal authority') },
      procedureRecord: { label: label('法定程序记录', 'Procedure followed') },
      compensationFen: { label: label('补偿金额', 'Compensation'), widget: 'money' },
    },
  },
  complaint: {
    title: label('登记企业投诉', 'Register an enterprise complaint'),
    schema: complaintInput,
    ui: {
      channel: { label: label('来源渠道', 'Channel'), widget: 'select' },
      receivedOn: { label: label('收到日期', 'Received on'), widget: 'date' },
      summary: { label: label('投诉内容', 'Summary'), widget: 'textarea' },
      ticketNo: { label: label('工单号', 'Ticket no.') },
    },
  },
};

export const NAV: PluginNavEntry[] = [
  {
    key: 'promises',
    label: label('招商引资承诺', 'Promises'),
    path: 'promises',
    permission: 'investment-promises.promises.read',
  },
  {
    key: 'complaints',
    label: label('企业投诉核查', 'Enterprise complaints'),
    path: 'complaints',
    permission: 'investment-promises.promises.read',
  },
];
