/**
 * The PPP plugin's isomorphic contract: projects (with risk allocation after the OCDS PPP extension), the government's
 * dated obligations and their fulfilment, agreement changes, performance evaluations and failures, district budgets,
 * configuration (every value docs/DOMAIN.md does not confirm is a setting, marked as such), forms and menu. Browser-safe.
 */
import {
  bilingual,
  DEADLINE_STATE_LABELS,
  deadlineStateSchema,
  fen,
  id,
  label,
  legalDate,
  page,
  pageInput,
  text,
  uscc,
  z,
  type PluginForm,
  type PluginNavEntry,
} from '@chengxin/plugin-sdk/contract';

export const PLUGIN_ID = 'ppp';

export const PHASES = ['identification', 'preparation', 'procurement', 'execution', 'handover'] as const;
export const PHASE_LABELS = {
  identification: label('项目识别', 'Identification'),
  preparation: label('项目准备', 'Preparation'),
  procurement: label('项目采购', 'Procurement'),
  execution: label('项目执行', 'Execution'),
  handover: label('项目移交', 'Handover'),
} as const;
export const PAYMENT_MECHANISMS = ['user_pays', 'viability_gap', 'government_pays'] as const;
export const PAYMENT_MECHANISM_LABELS = {
  user_pays: label('使用者付费', 'User pays'),
  viability_gap: label('可行性缺口补助', 'Viability-gap funding'),
  government_pays: label('政府付费', 'Government pays'),
} as const;
export const REGIMES = ['ppp_2014', 'concession_2023'] as const;
export const REGIME_LABELS = {
  ppp_2014: label('2023年新机制前的PPP项目', 'PPP before the 2023 mechanism'),
  concession_2023: label('政府和社会资本合作新机制（特许经营）', '2023 concession mechanism'),
} as const;
export const OBLIGATION_KINDS = ['payment', 'approval', 'land_delivery', 'price_adjustment'] as const;
export const OBLIGATION_KIND_LABELS = {
  payment: label('付费/补贴支付', 'Payment'),
  approval: label('审批事项', 'Approval'),
  land_delivery: label('土地交付', 'Land delivery'),
  price_adjustment: label('约定调价', 'Agreed price adjustment'),
} as const;
/** OCDS risk allocation codelist (public / private / shared). */
export const RISK_ALLOCATIONS = ['public', 'private', 'shared'] as const;
/** Reasons a body may give; restructuring, a new government term and a change of official are never accepted. */
export const REASONS = [
  'restructuring',
  'official_change',
  'government_term_change',
  'public_interest',
  'law_change',
  'force_majeure',
  'partner_default',
  'other',
] as const;
export const REASON_LABELS = {
  restructuring: label('机构改革、调整', 'Restructuring'),
  official_change: label('负责人变更', 'Change of official'),
  government_term_change: label('政府换届', 'New government term'),
  public_interest: label('国家利益、社会公共利益需要', 'Public interest'),
  law_change: label('法律政策变化', 'Change of law'),
  force_majeure: label('不可抗力', 'Force majeure'),
  partner_default: label('社会资本方违约', 'Partner default'),
  other: label('其他', 'Other'),
} as const;
export const NO_EXCUSE_REASONS: readonly (typeof REASONS)[number][] = [
  'restructuring',
  'official_change',
  'government_term_change',
];

const positive = (zh: string, en: string) => fen.refine((v) => v > 0, bilingual(zh, en));

export const riskInput = z.object({
  category: text(100),
  allocation: z.enum(RISK_ALLOCATIONS),
  description: text(1000),
  mitigation: z.string().trim().max(1000).nullable().default(null),
});

export const projectInput = z
  .object({
    orgId: id.meta({ description: '实施机构（政府部门）' }),
    name: text(300),
    sector: text(100),
    partnerName: text(200),
    partnerUscc: uscc,
    phase: z.enum(PHASES),
    paymentMechanism: z.enum(PAYMENT_MECHANISMS),
    /** The project's start (initiation) date: it decides the regime (before or under the 2023 mechanism). */
    startDate: legalDate,
    agreementDate: legalDate.nullable().default(null),
    termYears: z
      .number()
      .int()
      .min(1, bilingual('合作期限至少1年', 'at least 1 year'))
      .max(50, bilingual('合作期限不超过50年', 'at most 50 years')),
    risks: z.array(riskInput).max(50).default([]),
    ocid: z.string().trim().max(200).nullable().default(null),
  })
  .superRefine((p, ctx) => {
    if (p.agreementDate && p.agreementDate < p.startDate)
      ctx.addIssue({
        code: 'custom',
        path: ['agreementDate'],
        ...bilingual('协议签订日期不能早于项目发起日期', 'the agreement is dated before the project start'),
      });
  });
export type ProjectInput = z.infer<typeof projectInput>;

export const obligationInput = z
  .object({
    projectId: id,
    kind: z.enum(OBLIGATION_KINDS),
    description: text(500),
    dueDate: legalDate,
    /** Required for payments (fen); for other kinds the agreed amount where there is one. */
    amountFen: fen.nullable().default(null),
  })
  .superRefine((o, ctx) => {
    if (o.kind === 'payment' && !(o.amountFen && o.amountFen > 0))
      ctx.addIssue({
        code: 'custom',
        path: ['amountFen'],
        ...bilingual('付费义务须填写金额', 'a payment needs an amount'),
      });
  });
export const phaseInput = z.object({ projectId: id, phase: z.enum(PHASES) });
export const fulfilInput = z.object({
  obligationId: id,
  fulfilledOn: legalDate,
  amountFen: fen.nullable().default(null),
  note: text(500),
});
export const excuseInput = z.object({
  obligationId: id,
  reason: z.enum(REASONS),
  explanation: text(2000),
  documentNo: z.string().trim().max(100).nullable().default(null),
});

export const changeInput = z.object({
  projectId: id,
  changedOn: legalDate,
  description: text(2000),
  /** Whether the government changed the agreement without the partner's consent. */
  unilateral: z.boolean(),
  reason: z.enum(REASONS),
  legalAuthority: z.string().trim().max(500).nullable().default(null),
  procedureRecord: z.string().trim().max(500).nullable().default(null),
  compensationFen: fen.nullable().default(null),
});

export const evaluationInput = z.object({
  projectId: id,
  year: z.number().int().min(2000).max(2100),
  evaluatedOn: legalDate,
  kind: z.enum(['annual', 'midterm']),
  score: z.number().min(0).max(100),
  note: z.string().trim().max(1000).nullable().default(null),
});
/** OCDS performanceFailures: one category of failures in one period, with the penalty contracted, imposed and paid. */
const failureFields = z.object({
  projectId: id,
  periodStart: legalDate,
  periodEnd: legalDate,
  category: text(300),
  events: z.number().int().min(1),
  penaltyContracted: z.string().trim().max(1000).nullable().default(null),
  penaltyImposed: z.string().trim().max(1000).nullable().default(null),
  penaltyPaid: z.boolean().default(false),
});
export const failureInput = failureFields.superRefine((f, ctx) => {
  if (f.periodEnd < f.periodStart)
    ctx.addIssue({
      code: 'custom',
      path: ['periodEnd'],
      ...bilingual('期间结束日不能早于开始日', 'the period ends before it starts'),
    });
});
export const budgetInput = z.object({
  orgId: id.meta({ description: '区人民政府' }),
  year: z.number().int().min(2000).max(2100),
  generalExpenditureFen: positive('一般公共预算支出须大于零', 'the expenditure must be positive'),
});

const ruleState = deadlineStateSchema;
export const OBLIGATION_STATE_LABELS = DEADLINE_STATE_LABELS;

export const obligationOut = z.object({
  id,
  projectId: id,
  /** The contract it comes from: '' for the project agreement, else the OCDS id of a supplementary contract. */
  contractSourceId: z.string(),
  kind: z.enum(OBLIGATION_KINDS),
  description: z.string(),
  dueDate: z.string(),
  amountFen: z.number().nullable(),
  fulfilments: z.array(z.object({ id, fulfilledOn: z.string(), amountFen: z.number().nullable(), note: z.string() })),
  excuses: z.array(
    z.object({
      reason: z.enum(REASONS),
      explanation: z.string(),
      documentNo: z.string().nullable(),
      recordedOn: z.string(),
    }),
  ),
  deadline: z.string(),
  state: ruleState,
  metOn: z.string().nullable(),
  fulfilledFen: z.number(),
  outstandingFen: z.number(),
  daysLate: z.number(),
});
export type ObligationOut = z.infer<typeof obligationOut>;

export const changeOut = changeInput.extend({ id, lawful: z.boolean(), missing: z.array(z.string()) });
export const REVIEW_STATES = [
  'not_signed',
  'reviewed',
  'reviewed_after_signing',
  'unreviewed',
  'signed_despite_rejection',
] as const;
export const projectOut = z.object({
  id,
  orgId: id,
  orgName: z.string(),
  name: z.string(),
  sector: z.string(),
  partnerName: z.string(),
  partnerUscc: z.string(),
  phase: z.enum(PHASES),
  paymentMechanism: z.enum(PAYMENT_MECHANISMS),
  startDate: z.string(),
  agreementDate: z.string().nullable(),
  termYears: z.number(),
  regime: z.enum(REGIMES),
  newFiscalDutyFlag: z.boolean(),
  ocid: z.string().nullable(),
  risks: z.array(riskInput.extend({ id: z.string() })),
  obligations: z.array(obligationOut),
  changes: z.array(changeOut),
  evaluations: z.array(evaluationInput.omit({ projectId: true }).extend({ id })),
  failures: z.array(failureFields.omit({ projectId: true }).extend({ id })),
  /** The project's other contracts (OCDS contracts after the project agreement), each with its own obligations. */
  contracts: z.array(
    z.object({
      sourceId: z.string(),
      title: z.string(),
      status: z.enum(['pending', 'active', 'cancelled', 'terminated']),
      dateSigned: z.string().nullable(),
      paymentMechanism: z.enum(PAYMENT_MECHANISMS).nullable(),
      termYears: z.number().nullable(),
    }),
  ),
  /** Where the agreement stands against the review-before-signing rule (合同审查, plan 三.2). */
  reviewState: z.enum(REVIEW_STATES),
  flags: z.array(z.string()),
});
export type ProjectOut = z.infer<typeof projectOut>;
export const projectListInput = pageInput.extend({
  orgId: id.optional(),
  q: z.string().trim().max(100).optional(),
  /** Only projects whose agreement was signed without a review before it (unreviewed, reviewed after, or rejected). */
  signedWithoutReview: z.boolean().optional(),
});
export const projectPage = page(projectOut);

export const affordabilityInput = z.object({ year: z.number().int().min(2000).max(2100), orgId: id.optional() });
export const affordabilityOut = z.object({
  year: z.number(),
  capPct: z.number(),
  governmentPaysCapPct: z
    .number()
    .meta({ title: '政府付费项目新上上限（%）', description: '超过该比例不得新上政府付费项目（财政部2022年，5%）' }),
  capIsSetting: z.literal(true),
  districts: z.array(
    z.object({
      orgId: id,
      orgName: z.string(),
      generalExpenditureFen: z.number(),
      spendingFen: z.number(),
      governmentPaysFen: z.number(),
      ratioPct: z.number(),
      governmentPaysRatioPct: z.number(),
      overCap: z.boolean(),
      overGovernmentPaysCap: z.boolean(),
      flaggedConcessions: z.array(z.object({ projectId: id, name: z.string(), fiscalDutyFen: z.number() })),
    }),
  ),
  missingBudgets: z.array(z.object({ orgId: id, orgName: z.string() })),
});

export const breachPayload = z.object({
  projectId: id,
  ruleId: z.string(),
  obligationId: id.nullable().default(null),
  changeId: id.nullable().default(null),
  due: legalDate.nullable().default(null),
  outstandingFen: z.number().int().min(0).default(0),
  daysLate: z.number().int().min(0).default(0),
  excusesClaimed: z.array(z.string()).default([]),
  proposedBy: z.record(z.string(), z.unknown()).optional(),
});

/** 合同审查 (津政发〔2017〕29号 三.2: "严格审查其与社会资本签署的合同"). */
export const REVIEW_CONCLUSIONS = ['approved', 'approved_with_changes', 'rejected'] as const;
export const REVIEW_CONCLUSION_LABELS = {
  approved: label('同意签署', 'Approved'),
  approved_with_changes: label('修改后同意签署', 'Approved with changes'),
  rejected: label('不同意签署', 'Rejected'),
} as const;
export const reviewInput = z.object({
  projectId: id,
  reviewedOn: legalDate,
  reviewer: text(200),
  conclusion: z.enum(REVIEW_CONCLUSIONS),
  findings: text(4000),
});
/**
 * not_signed: no agreement yet · reviewed: approved on or before signing · reviewed_after_signing: the only approval
 * came later · unreviewed: signed without any review · signed_despite_rejection: the last review before signing
 * rejected it.
 */
export const REVIEW_STATE_LABELS = {
  not_signed: label('尚未签署协议', 'Not signed yet'),
  reviewed: label('签署前已审查', 'Reviewed before signing'),
  reviewed_after_signing: label('签署后才审查', 'Reviewed only after signing'),
  unreviewed: label('签署前未经审查', 'Signed without review'),
  signed_despite_rejection: label('审查不同意仍签署', 'Signed despite a rejection'),
} as const;
export const reviewListInput = z.object({
  orgId: id.optional(),
  state: z.enum(REVIEW_STATES).optional(),
  limit: z.number().int().min(1).max(500).default(100),
});
export const reviewStateOut = z.object({
  id,
  projectId: id,
  projectName: z.string(),
  orgId: id,
  orgName: z.string(),
  agreementDate: z.string().nullable(),
  state: z.enum(REVIEW_STATES),
  stateZh: z.string(),
  /** A finding for the supervising officer when the state is one of the last three. */
  finding: z.string().nullable(),
  reviews: z.array(
    z.object({
      id,
      reviewedOn: z.string(),
      reviewer: z.string(),
      conclusion: z.enum(REVIEW_CONCLUSIONS),
      conclusionZh: z.string(),
      findings: z.string(),
    }),
  ),
});

/** 实施成效: the government side's results in a project for a year. */
export const RESULTS = ['good', 'adequate', 'failed'] as const;
export const RESULT_LABELS = {
  good: label('成效良好（守信）', 'Good (commendation)'),
  adequate: label('基本达到预期', 'Adequate'),
  failed: label('未达到预期（失信）', 'Failed (dishonesty)'),
} as const;
export const resultInput = z.object({
  projectId: id,
  year: z.number().int().min(2000).max(2100),
  assessedOn: legalDate,
  result: z.enum(RESULTS),
  assessor: text(200),
  summary: text(4000),
});
export const resultListInput = z.object({
  orgId: id.optional(),
  year: z.number().int().min(2000).max(2100).optional(),
  limit: z.number().int().min(1).max(500).default(100),
});
export const resultOut = z.object({
  id,
  projectId: id,
  projectName: z.string(),
  orgId: id,
  orgName: z.string(),
  year: z.number(),
  assessedOn: z.string(),
  result: z.enum(RESULTS),
  resultZh: z.string(),
  assessor: z.string(),
  summary: z.string(),
  /** Drafts the daily scan proposed from this result (body and officials), with their status in the kernel. */
  records: z.array(z.object({ id, subjectKind: z.string(), polarity: z.string(), status: z.string() })),
});
export const resultPayload = z.object({
  projectId: id,
  resultId: id,
  year: z.number().int(),
  result: z.enum(RESULTS),
  proposedBy: z.record(z.string(), z.unknown()).optional(),
});

export { ocdsImportInput, ocdsImportOut } from '@chengxin/plugin-sdk/contract';

/**
 * Per-agency configuration. The grace days and the serious threshold are ours ([?]); the affordability caps and the
 * regime date come from secondary copies ([2nd]) — all settings with defaults, shown as such.
 */
export const pppConfig = z.object({
  /** [?] Calendar days after an obligation's due date before the draft is proposed. */
  graceDays: z.number().int().min(0).max(365).default(30).meta({
    title: '宽限天数（日历日）',
    description: '政府支付义务到期后经过多少个日历日仍未履行即提出草稿；本地设置',
  }),
  /** [?] Days overdue from which the proposed draft is marked serious. */
  seriousAfterDaysLate: z
    .number()
    .int()
    .min(1)
    .max(3650)
    .default(90)
    .meta({ title: '严重逾期起点（天）', description: '逾期达到该天数的草稿标为“严重”；本地设置' }),
  /** [2nd] 财金〔2015〕21号: yearly PPP spending duties within 10 % of general public budget expenditure. */
  affordabilityCapPct: z.number().min(0).max(100).default(10).meta({
    title: '财政承受能力上限（%）',
    description: '每年PPP项目支出责任占一般公共预算支出的上限（财金〔2015〕21号，10%）',
  }),
  /** [2nd] 财政部 2022-11: above 5 % no new government-pays projects. */
  governmentPaysCapPct: z.number().min(0).max(100).default(5),
  /** [2nd] 国办函〔2023〕115号: projects started on or after this day fall under the new (concession) mechanism. */
  newMechanismFrom: legalDate
    .default('2023-11-03')
    .meta({ title: '新机制起始日期', description: '此日及以后启动的项目适用特许经营新机制（国办函〔2023〕115号）' }),
  /** [?] Who the proposed records name as issuing authority until an officer confirms. */
  issuingAuthority: z
    .string()
    .min(1)
    .max(200)
    .default('天津市财政局')
    .meta({ title: '草稿中的认定机关', description: '规则提出草稿时暂填的认定机关，经办人确认前须核实' }),
});
export type PppConfig = z.infer<typeof pppConfig>;

export const FORMS: Record<string, PluginForm> = {
  project: {
    title: label('登记PPP项目', 'Register a PPP project'),
    schema: projectInput,
    ui: {
      orgId: { label: label('实施机构', 'Implementing body'), widget: 'org', order: 1 },
      name: { label: label('项目名称', 'Name'), order: 2 },
      sector: { label: label('所属行业', 'Sector'), order: 3 },
      partnerName: { label: label('社会资本方', 'Private partner'), order: 4 },
      partnerUscc: { label: label('社会资本方统一社会信用代码', 'Partner USCC'), order: 5 },
      phase: { label: label('项目阶段', 'Phase'), widget: 'select', order: 6 },
      paymentMechanism: { label: label('回报机制', 'Payment mechanism'), widget: 'select', order: 7 },
      startDate: {
        label: label('项目发起日期', 'Start date'),
        widget: 'date',
        order: 8,
        help: label('决定适用2023年新机制前或新机制', 'Decides the regime'),
      },
      agreementDate: { label: label('PPP协议签订日期', 'Agreement date'), widget: 'date', order: 9 },
      termYears: { label: label('合作期限（年）', 'Term (years)'), widget: 'number', order: 10 },
    },
  },
  obligation: {
    title: label('登记政府方义务', 'Add a government obligation'),
    schema: obligationInput,
    ui: {
      kind: { label: label('义务类型', 'Kind'), widget: 'select' },
      description: { label: label('内容', 'Description'), widget: 'textarea' },
      dueDate: { label: label('履行期限', 'Due date'), widget: 'date' },
      amountFen: { label: label('金额', 'Amount'), widget: 'money' },
    },
  },
  fulfil: {
    title: label('登记履行', 'Record fulfilment'),
    schema: fulfilInput,
    ui: {
      fulfilledOn: { label: label('履行日期', 'Fulfilled on'), widget: 'date' },
      amountFen: { label: label('支付金额', 'Amount'), widget: 'money' },
      note: { label: label('说明/凭证', 'Note / voucher') },
    },
  },
  excuse: {
    title: label('登记未履行理由', 'Record a reason for non-performance'),
    schema: excuseInput,
    ui: {
      reason: {
        label: label('理由', 'Reason'),
        widget: 'select',
        help: label(
          '机构调整、政府换届、负责人变更不能作为理由',
          'Restructuring, a new term or a change of official is no excuse',
        ),
      },
      explanation: { label: label('说明', 'Explanation'), widget: 'textarea' },
    },
  },
  change: {
    title: label('登记协议变更', 'Record an agreement change'),
    schema: changeInput,
    ui: {
      changedOn: { label: label('变更日期', 'Changed on'), widget: 'date' },
      description: { label: label('变更内容', 'Change'), widget: 'textarea' },
      unilateral: { label: label('政府单方变更', 'Unilateral'), widget: 'switch' },
      reason: { label: label('变更理由', 'Reason'), widget: 'select' },
      legalAuthority: { label: label('法定权限依据', 'Legal authority') },
      procedureRecord: { label: label('法定程序记录', 'Procedure followed') },
      compensationFen: { label: label('补偿金额', 'Compensation'), widget: 'money' },
    },
  },
  evaluation: {
    title: label('登记绩效评价', 'Record a performance evaluation'),
    schema: evaluationInput,
    ui: {
      year: { label: label('年度', 'Year'), widget: 'number' },
      evaluatedOn: { label: label('评价日期', 'Evaluated on'), widget: 'date' },
      kind: { label: label('类型', 'Kind'), widget: 'select' },
      score: { label: label('得分', 'Score'), widget: 'number' },
    },
  },
  failure: {
    title: label('登记绩效不达标', 'Record performance failures'),
    schema: failureInput,
    ui: {
      category: { label: label('类别', 'Category') },
      events: { label: label('次数', 'Events'), widget: 'number' },
      periodStart: { label: label('期间开始', 'From'), widget: 'date' },
      periodEnd: { label: label('期间结束', 'To'), widget: 'date' },
    },
  },
  review: {
    title: label('登记合同审查', 'Record the contract review'),
    schema: reviewInput,
    ui: {
      reviewedOn: { label: label('审查日期', 'Reviewed on'), widget: 'date', order: 1 },
      reviewer: {
        label: label('审查机关（人员）', 'Reviewer'),
        order: 2,
        help: label('如区司法局合法性审查、区财政局', 'e.g. the justice bureau, the finance bureau'),
      },
      conclusion: { label: label('审查结论', 'Conclusion'), widget: 'select', order: 3 },
      findings: { label: label('审查意见', 'Findings'), widget: 'textarea', order: 4 },
    },
  },
  result: {
    title: label('登记实施成效', 'Record performance results'),
    schema: resultInput,
    ui: {
      year: { label: label('年度', 'Year'), widget: 'number', order: 1 },
      assessedOn: { label: label('评定日期', 'Assessed on'), widget: 'date', order: 2 },
      result: {
        label: label('成效', 'Result'),
        widget: 'select',
        order: 3,
        help: label(
          '良好的生成守信记录草稿，未达到预期的生成失信记录草稿（实施机构及在任主要负责人），经人工确认',
          'Good results propose commendation drafts, failures dishonesty drafts, for a person to confirm',
        ),
      },
      assessor: { label: label('评定机构', 'Assessor'), order: 4 },
      summary: { label: label('实施成效说明', 'Summary'), widget: 'textarea', order: 5 },
    },
  },
  budget: {
    title: label('报送一般公共预算支出', 'Report general budget expenditure'),
    schema: budgetInput,
    ui: {
      orgId: { label: label('区人民政府', 'District'), widget: 'org' },
      year: { label: label('年度', 'Year'), widget: 'number' },
      generalExpenditureFen: { label: label('一般公共预算支出', 'General budget expenditure'), widget: 'money' },
    },
  },
};

export const NAV: PluginNavEntry[] = [
  { key: 'projects', label: label('PPP项目', 'PPP projects'), path: 'projects', permission: 'ppp.projects.read' },
  {
    key: 'reviews',
    label: label('合同审查', 'Contract reviews'),
    path: 'reviews',
    permission: 'ppp.projects.read',
  },
  { key: 'results', label: label('实施成效', 'Performance results'), path: 'results', permission: 'ppp.projects.read' },
  {
    key: 'affordability',
    label: label('财政承受能力', 'Fiscal affordability'),
    path: 'affordability',
    permission: 'ppp.projects.read',
  },
];
