/**
 * The tendering/bidding plugin's isomorphic contract: tender procedures run by a government body as tenderer, their
 * statutory time limits, incidents and officials' interference; tendering agencies with their credit evaluation and
 * third-party credit reports; configuration (the agency indicator system is [?] — a setting), forms and menu.
 */
import {
  bilingual,
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

export const PLUGIN_ID = 'bidding';

export const METHODS = ['open', 'invited'] as const;
export const METHOD_LABELS = {
  open: label('公开招标', 'Open tendering'),
  invited: label('邀请招标', 'Invited tendering'),
} as const;
export const INCIDENT_KINDS = ['result_changed', 'refused_to_sign', 'conditions_added'] as const;
export const INCIDENT_LABELS = {
  result_changed: label('中标通知书发出后改变中标结果', 'Result changed after the award notice'),
  refused_to_sign: label('拒绝与中标人订立合同', 'Refused to sign with the winner'),
  conditions_added: label('订立合同时向中标人提出附加条件', 'Conditions added at signing'),
} as const;
export const INTERFERENCE_KINDS = ['demanded_no_tender', 'named_winner', 'other'] as const;
export const INTERFERENCE_LABELS = {
  demanded_no_tender: label('要求对依法必须招标的项目不招标', 'Demanded no tender'),
  named_winner: label('指定招标代理机构、投标人或中标人', 'Named the agency, a bidder or the winner'),
  other: label('以其他方式非法干涉招标投标活动', 'Other interference'),
} as const;

const optionalDate = legalDate.nullable().default(null);
const LATER: [string, string, string, string][] = [
  [
    'bidDeadline',
    'issueDate',
    '投标截止时间不能早于招标文件发出日期',
    'the bid deadline is before the documents were issued',
  ],
  [
    'evaluationReportDate',
    'bidDeadline',
    '评标报告日期不能早于投标截止时间',
    'the evaluation report is before the bid deadline',
  ],
  [
    'publicityStart',
    'evaluationReportDate',
    '公示开始日期不能早于收到评标报告日期',
    'publicity starts before the evaluation report',
  ],
  ['publicityEnd', 'publicityStart', '公示结束日期不能早于公示开始日期', 'publicity ends before it starts'],
  [
    'awardNoticeDate',
    'bidDeadline',
    '中标通知书发出日期不能早于投标截止时间',
    'the award notice is before the bid deadline',
  ],
  [
    'contractDate',
    'awardNoticeDate',
    '合同订立日期不能早于中标通知书发出日期',
    'the contract is before the award notice',
  ],
  ['reportDate', 'awardNoticeDate', '书面报告日期不能早于中标通知书发出日期', 'the report is before the award notice'],
];
/** The order of a tender's dates: each names the field that contradicts the earlier one. */
export function checkDateOrder(d: Record<string, unknown>, add: (path: string, zh: string, en: string) => void) {
  for (const [later, earlier, zh, en] of LATER) {
    const a = d[later];
    const b = d[earlier];
    if (typeof a === 'string' && typeof b === 'string' && a < b) add(later, zh, en);
  }
  // A later milestone needs the one before it (named, so the officer sees what to fill in first).
  for (const [later, earlier] of [
    ['publicityStart', 'evaluationReportDate'],
    ['publicityEnd', 'publicityStart'],
    ['contractDate', 'awardNoticeDate'],
    ['reportDate', 'awardNoticeDate'],
  ] as const) {
    if (d[later] && !d[earlier]) add(earlier, `须先登记${FIELD_ZH[earlier]}`, `record ${earlier} first`);
  }
}
const FIELD_ZH = {
  evaluationReportDate: '收到评标报告日期',
  publicityStart: '公示开始日期',
  awardNoticeDate: '中标通知书发出日期',
} as const;

export const milestoneFields = {
  evaluationReportDate: optionalDate,
  publicityStart: optionalDate,
  publicityEnd: optionalDate,
  awardNoticeDate: optionalDate,
  contractDate: optionalDate,
  reportDate: optionalDate,
};

export const tenderInput = z
  .object({
    orgId: id.meta({ description: '招标人（政府机关）' }),
    project: text(300),
    /** 依法必须进行招标的项目. */
    mustTender: z.boolean(),
    /** 国有资金占控股或者主导地位、依法必须公开招标的项目. */
    openRequired: z.boolean(),
    method: z.enum(METHODS),
    /** The approval that allows invited tendering where open tendering is otherwise required (条例 §8). */
    invitedApproval: z.string().trim().max(300).nullable().default(null),
    estimateFen: fen.nullable().default(null),
    agencyId: id.nullable().default(null),
    issueDate: legalDate,
    bidDeadline: legalDate,
    ...milestoneFields,
    ocid: z.string().trim().max(200).nullable().default(null),
  })
  .superRefine((t, ctx) =>
    checkDateOrder(t, (path, zh, en) => ctx.addIssue({ code: 'custom', path: [path], ...bilingual(zh, en) })),
  );
export type TenderInput = z.infer<typeof tenderInput>;

export const recordDatesInput = z.object({
  tenderId: id,
  ...(Object.fromEntries(Object.keys(milestoneFields).map((k) => [k, legalDate.optional()])) as Record<
    keyof typeof milestoneFields,
    z.ZodOptional<typeof legalDate>
  >),
});
export const clarificationInput = z.object({
  tenderId: id,
  issuedOn: legalDate,
  affectsBids: z.boolean(),
  summary: text(1000),
});
export const incidentInput = z.object({
  tenderId: id,
  kind: z.enum(INCIDENT_KINDS),
  occurredOn: legalDate,
  description: text(2000),
  cause: z.string().trim().max(1000).nullable().default(null),
});
export const interferenceInput = z.object({
  tenderId: id,
  personId: id,
  kind: z.enum(INTERFERENCE_KINDS),
  occurredOn: legalDate,
  description: text(2000),
});

const check = z.object({
  ruleId: z.string(),
  state: deadlineStateSchema,
  deadline: z.string().nullable(),
  detail: z.string(),
  breachKey: z.string(),
  breachDate: z.string().nullable(),
});
export type RuleCheck = z.infer<typeof check>;
export const tenderOut = z.object({
  id,
  orgId: id,
  orgName: z.string(),
  project: z.string(),
  mustTender: z.boolean(),
  openRequired: z.boolean(),
  method: z.enum(METHODS),
  invitedApproval: z.string().nullable(),
  estimateFen: z.number().nullable(),
  agencyId: id.nullable(),
  agencyName: z.string().nullable(),
  issueDate: z.string(),
  bidDeadline: z.string(),
  evaluationReportDate: z.string().nullable(),
  publicityStart: z.string().nullable(),
  publicityEnd: z.string().nullable(),
  awardNoticeDate: z.string().nullable(),
  contractDate: z.string().nullable(),
  reportDate: z.string().nullable(),
  ocid: z.string().nullable(),
  clarifications: z.array(z.object({ id, issuedOn: z.string(), affectsBids: z.boolean(), summary: z.string() })),
  incidents: z.array(
    z.object({
      id,
      kind: z.enum(INCIDENT_KINDS),
      occurredOn: z.string(),
      description: z.string(),
      cause: z.string().nullable(),
    }),
  ),
  interferences: z.array(
    z.object({
      id,
      personId: id,
      personName: z.string(),
      kind: z.enum(INTERFERENCE_KINDS),
      occurredOn: z.string(),
      description: z.string(),
    }),
  ),
  /** The lots of a tender divided into lots (imported from OCDS), each with its own award notice and contract. */
  lots: z.array(
    z.object({
      sourceId: z.string(),
      title: z.string(),
      status: z.enum(['active', 'cancelled']),
      estimateFen: z.number().nullable(),
      awardNoticeDate: z.string().nullable(),
      contractDate: z.string().nullable(),
    }),
  ),
  checks: z.array(check),
  breaches: z.array(z.string()),
});
export type TenderOut = z.infer<typeof tenderOut>;
export const tenderListInput = pageInput.extend({ orgId: id.optional(), q: z.string().trim().max(100).optional() });
export const tenderPage = page(tenderOut);

export const agencyInput = z.object({
  name: text(200),
  uscc,
  qualification: text(500),
  qualificationValidUntil: optionalDate,
});
export const reportInput = z
  .object({
    agencyId: id,
    issuer: text(200),
    reportNo: text(100),
    issuedOn: legalDate,
    grade: text(20),
    validUntil: legalDate,
  })
  .superRefine((r, ctx) => {
    if (r.validUntil < r.issuedOn)
      ctx.addIssue({
        code: 'custom',
        path: ['validUntil'],
        ...bilingual('有效期不能早于出具日期', 'valid until is before the issue date'),
      });
  });
export const evaluateInput = z.object({
  agencyId: id,
  year: z.number().int().min(2000).max(2100),
  evaluatedOn: legalDate,
  scores: z.record(z.string(), z.number().min(0)),
  reportIds: z.array(id).max(20).default([]),
});
/** An agency's yearly evaluation: entered → reviewed by a second person → published; returned goes back for correction. */
export const EVALUATION_STATUSES = ['entered', 'returned', 'reviewed', 'published'] as const;
export const EVALUATION_STATUS_LABELS = {
  entered: label('已录入（待审核）', 'Entered (awaiting review)'),
  returned: label('退回更正', 'Returned for correction'),
  reviewed: label('已审核（待公布）', 'Reviewed (awaiting publication)'),
  published: label('已公布', 'Published'),
} as const;
export const reviewEvaluationInput = z.object({
  evaluationId: id,
  approve: z.boolean(),
  note: z.string().trim().max(1000).nullable().default(null),
});
export const correctEvaluationInput = z.object({
  evaluationId: id,
  scores: z.record(z.string(), z.number().min(0)),
  reportIds: z.array(id).max(20).default([]),
  reason: text(1000),
});
export const publishEvaluationInput = z.object({ evaluationId: id });
export const evaluationListInput = z.object({
  status: z.enum(EVALUATION_STATUSES).optional(),
  limit: z.number().int().min(1).max(200).default(50),
});
const correction = z.object({
  on: z.string(),
  reason: z.string(),
  before: z.object({ total: z.number(), grade: z.string() }),
});
export const evaluationRowOut = z.object({
  id,
  agencyId: id,
  agencyName: z.string(),
  year: z.number(),
  evaluatedOn: z.string(),
  total: z.number(),
  grade: z.string(),
  status: z.enum(EVALUATION_STATUSES),
  statusZh: z.string(),
  reviewedOn: z.string().nullable(),
  reviewNote: z.string().nullable(),
  publishedOn: z.string().nullable(),
  corrections: z.array(correction),
});

/** 动态监管信息: what the supervising department found or decided about an agency. */
export const SUPERVISION_KINDS = [
  'inspection',
  'complaint',
  'penalty',
  'qualification_change',
  'commendation',
] as const;
export const SUPERVISION_KIND_LABELS = {
  inspection: label('监督检查', 'Inspection'),
  complaint: label('投诉处理', 'Complaint decided'),
  penalty: label('行政处理（处罚）', 'Administrative penalty'),
  qualification_change: label('资格（能力）变更', 'Qualification change'),
  commendation: label('表彰', 'Commendation'),
} as const;
export const supervisionInput = z.object({
  agencyId: id,
  kind: z.enum(SUPERVISION_KINDS),
  occurredOn: legalDate,
  summary: text(1000),
  outcome: z.string().trim().max(1000).nullable().default(null),
  documentNo: z.string().trim().max(100).nullable().default(null),
});
export const publishSupervisionInput = z.object({ supervisionId: id });
export const supervisionListInput = z.object({
  agencyId: id.optional(),
  status: z.enum(['entered', 'published']).optional(),
  limit: z.number().int().min(1).max(200).default(50),
});
export const supervisionOut = z.object({
  id,
  agencyId: id,
  agencyName: z.string(),
  kind: z.enum(SUPERVISION_KINDS),
  kindZh: z.string(),
  occurredOn: z.string(),
  summary: z.string(),
  outcome: z.string().nullable(),
  documentNo: z.string().nullable(),
  status: z.enum(['entered', 'published']),
  statusZh: z.string(),
  publishedOn: z.string().nullable(),
});

export const agencyOut = z.object({
  id,
  name: z.string(),
  uscc: z.string(),
  qualification: z.string(),
  qualificationValidUntil: z.string().nullable(),
  reports: z.array(
    z.object({
      id,
      issuer: z.string(),
      reportNo: z.string(),
      issuedOn: z.string(),
      grade: z.string(),
      validUntil: z.string(),
    }),
  ),
  evaluations: z.array(
    z.object({
      id,
      year: z.number(),
      evaluatedOn: z.string(),
      total: z.number(),
      grade: z.string(),
      breakdown: z.array(z.object({ key: z.string(), labelZh: z.string(), max: z.number(), score: z.number() })),
      reportIds: z.array(z.string()),
      status: z.enum(EVALUATION_STATUSES),
      publishedOn: z.string().nullable(),
    }),
  ),
});
export type AgencyOut = z.infer<typeof agencyOut>;
/** What the public portal shows of an agency: qualification and credit only, no personal data. */
export const agencyDisclosureOut = z.array(
  z.object({
    name: z.string(),
    uscc: z.string(),
    qualification: z.string(),
    qualificationValidUntil: z.string().nullable(),
    /** valid · expired (the validity date has passed) · unlimited (no validity date recorded). */
    qualificationState: z.enum(['valid', 'expired', 'unlimited']),
    /** The latest published evaluation; one entered or under review is never shown. */
    latestEvaluation: z
      .object({ year: z.number(), grade: z.string(), total: z.number(), publishedOn: z.string().nullable() })
      .nullable(),
    validReports: z.array(
      z.object({ issuer: z.string(), reportNo: z.string(), grade: z.string(), validUntil: z.string() }),
    ),
    /** Published 动态监管 entries, newest first. */
    supervision: z.array(
      z.object({
        kind: z.enum(SUPERVISION_KINDS),
        kindZh: z.string(),
        occurredOn: z.string(),
        summary: z.string(),
        outcome: z.string().nullable(),
        documentNo: z.string().nullable(),
      }),
    ),
    indicatorSystemIsSetting: z.literal(true),
  }),
);

export const breachPayload = z.object({
  tenderId: id,
  ruleId: z.string(),
  deadline: legalDate.nullable().default(null),
  detail: z.string(),
  disciplineReferral: z.object({ to: z.string(), article: z.string() }).nullable().default(null),
  proposedBy: z.record(z.string(), z.unknown()).optional(),
});

export { ocdsImportInput, ocdsImportOut } from '@chengxin/plugin-sdk/contract';

const indicator = z.object({
  key: z.string().regex(/^[a-z][a-zA-Z0-9_]*$/),
  labelZh: z.string().min(1).max(50),
  max: z.number().positive(),
});
/**
 * Configuration. No national credit-evaluation scheme for tendering agencies was confirmed (docs/DOMAIN.md: unconfirmed): the
 * indicator system and the grade boundaries are settings with these defaults, and the portal says so.
 */
export const biddingConfig = z
  .object({
    /** [?] The indicators an agency is scored on, each with its maximum points. */
    agencyIndicators: z
      .array(indicator)
      .min(1)
      .default([
        { key: 'qualification', labelZh: '资格条件与专职人员', max: 20 },
        { key: 'conduct', labelZh: '代理行为规范性', max: 30 },
        { key: 'violations', labelZh: '投诉、违法违规记录', max: 30 },
        { key: 'thirdParty', labelZh: '第三方信用报告', max: 20 },
      ])
      .meta({ title: '代理机构评价指标', description: '每项指标的名称与满分（本地设置）' }),
    /** [?] Lowest total (percent of the maximum) for each grade; below the last, grade D. */
    grades: z
      .object({
        A: z.number().default(90).meta({ title: 'A级分数线（%）', description: '总分占满分的比例达到该值为A级' }),
        B: z.number().default(75).meta({ title: 'B级分数线（%）', description: '达到该值为B级' }),
        C: z.number().default(60).meta({ title: 'C级分数线（%）', description: '达到该值为C级，低于为D级' }),
      })
      .prefault({}),
    /** [?] Where a finding of an official's interference is referred for sanction. */
    disciplineAuthority: z
      .string()
      .min(1)
      .max(200)
      .default('天津市纪委监委')
      .meta({ title: '干预线索移送机关', description: '查实领导干部干预招标投标的，移送该机关处理' }),
    /** [?] Who the proposed records name as issuing authority until an officer confirms. */
    issuingAuthority: z
      .string()
      .min(1)
      .max(200)
      .default('天津市发展和改革委员会')
      .meta({ title: '草稿中的认定机关', description: '规则提出草稿时暂填的认定机关，经办人确认前须核实' }),
  })
  .superRefine((c, ctx) => {
    if (!(c.grades.A > c.grades.B && c.grades.B > c.grades.C))
      ctx.addIssue({
        code: 'custom',
        path: ['grades'],
        ...bilingual('等级分数线须递减', 'grade boundaries must decrease'),
      });
    if (new Set(c.agencyIndicators.map((i) => i.key)).size !== c.agencyIndicators.length)
      ctx.addIssue({
        code: 'custom',
        path: ['agencyIndicators'],
        ...bilingual('指标编码不能重复', 'indicator keys must be unique'),
      });
  });
export type BiddingConfig = z.infer<typeof biddingConfig>;

const dateUi = (zh: string, en: string, order: number) => ({ label: label(zh, en), widget: 'date' as const, order });
export const FORMS: Record<string, PluginForm> = {
  tender: {
    title: label('登记招标项目', 'Register a tender'),
    schema: tenderInput,
    ui: {
      orgId: { label: label('招标人', 'Tenderer'), widget: 'org', order: 1 },
      project: { label: label('项目名称', 'Project'), order: 2 },
      mustTender: { label: label('依法必须招标', 'Must be tendered'), widget: 'switch', order: 3 },
      openRequired: { label: label('依法应当公开招标', 'Open tendering required'), widget: 'switch', order: 4 },
      method: { label: label('招标方式', 'Method'), widget: 'select', order: 5 },
      invitedApproval: { label: label('邀请招标核准文件', 'Approval of invited tendering'), order: 6 },
      estimateFen: { label: label('估算金额', 'Estimate'), widget: 'money', order: 7 },
      issueDate: dateUi('招标文件发出日期', 'Documents issued', 8),
      bidDeadline: dateUi('投标截止日期', 'Bid deadline', 9),
      evaluationReportDate: dateUi('收到评标报告日期', 'Evaluation report', 10),
      publicityStart: dateUi('中标候选人公示开始', 'Publicity from', 11),
      publicityEnd: dateUi('中标候选人公示结束', 'Publicity to', 12),
      awardNoticeDate: dateUi('中标通知书发出日期', 'Award notice', 13),
      contractDate: dateUi('合同订立日期', 'Contract signed', 14),
      reportDate: dateUi('向监督部门提交书面报告日期', 'Report to supervisor', 15),
    },
  },
  dates: { title: label('登记后续日期', 'Record later dates'), schema: recordDatesInput },
  clarification: {
    title: label('登记澄清或者修改', 'Record a clarification'),
    schema: clarificationInput,
    ui: {
      issuedOn: dateUi('发出日期', 'Issued on', 1),
      affectsBids: { label: label('可能影响投标文件编制', 'Affects bids'), widget: 'switch', order: 2 },
      summary: { label: label('内容', 'Summary'), widget: 'textarea', order: 3 },
    },
  },
  incident: {
    title: label('登记招标人违法情形', 'Record a tenderer incident'),
    schema: incidentInput,
    ui: {
      kind: { label: label('情形', 'Kind'), widget: 'select' },
      occurredOn: { label: label('发生日期', 'On'), widget: 'date' },
      cause: { label: label('招标人陈述的理由', 'Cause given') },
    },
  },
  interference: {
    title: label('登记领导干部干预', 'Record interference by an official'),
    schema: interferenceInput,
    ui: {
      personId: { label: label('干预人员', 'Official'), widget: 'person' },
      kind: { label: label('情形', 'Kind'), widget: 'select' },
      occurredOn: { label: label('发生日期', 'On'), widget: 'date' },
    },
  },
  agency: {
    title: label('登记招标代理机构', 'Register a tendering agency'),
    schema: agencyInput,
    ui: {
      name: { label: label('机构名称', 'Name') },
      uscc: { label: label('统一社会信用代码', 'USCC') },
      qualification: { label: label('资格（能力）信息', 'Qualification') },
      qualificationValidUntil: { label: label('有效期至', 'Valid until'), widget: 'date' },
    },
  },
  report: {
    title: label('上传第三方信用报告', 'Attach a third-party credit report'),
    schema: reportInput,
    ui: {
      issuer: { label: label('出具机构', 'Issuer') },
      reportNo: { label: label('报告编号', 'Report no.') },
      grade: { label: label('信用等级', 'Grade') },
      issuedOn: { label: label('出具日期', 'Issued on'), widget: 'date' },
      validUntil: { label: label('有效期至', 'Valid until'), widget: 'date' },
    },
  },
  evaluation: {
    title: label('代理机构信用评价', 'Evaluate an agency'),
    schema: evaluateInput,
    ui: {
      year: { label: label('年度', 'Year'), widget: 'number' },
      evaluatedOn: { label: label('评价日期', 'Evaluated on'), widget: 'date' },
      scores: {
        label: label('各项得分', 'Scores'),
        help: label('指标体系为配置项', 'The indicator system is a setting'),
      },
    },
  },
  reviewEvaluation: {
    title: label('审核信用评价', 'Review an evaluation'),
    schema: reviewEvaluationInput,
    ui: {
      approve: {
        label: label('审核通过', 'Approve'),
        widget: 'switch',
        help: label('不通过则退回更正', 'If not approved, it is returned for correction'),
      },
      note: { label: label('审核意见', 'Note'), widget: 'textarea' },
    },
  },
  correctEvaluation: {
    title: label('更正信用评价', 'Correct an evaluation'),
    schema: correctEvaluationInput,
    ui: {
      scores: {
        label: label('各项得分', 'Scores'),
        help: label('指标体系为配置项', 'The indicator system is a setting'),
      },
      reportIds: { label: label('依据的信用报告', 'Reports relied on') },
      reason: { label: label('更正理由', 'Reason'), widget: 'textarea' },
    },
  },
  publishEvaluation: {
    title: label('公布信用评价', 'Publish an evaluation'),
    schema: publishEvaluationInput,
    ui: {},
  },
  supervision: {
    title: label('登记动态监管信息', 'Record supervision information'),
    schema: supervisionInput,
    ui: {
      kind: { label: label('类别', 'Kind'), widget: 'select', order: 1 },
      occurredOn: { label: label('日期', 'On'), widget: 'date', order: 2 },
      summary: { label: label('事项', 'Summary'), widget: 'textarea', order: 3 },
      outcome: { label: label('处理结果', 'Outcome'), widget: 'textarea', order: 4 },
      documentNo: { label: label('文书编号', 'Document no.'), order: 5 },
    },
  },
  publishSupervision: {
    title: label('公开动态监管信息', 'Publish supervision information'),
    schema: publishSupervisionInput,
    ui: {},
  },
};

export const NAV: PluginNavEntry[] = [
  { key: 'tenders', label: label('招标项目', 'Tenders'), path: 'tenders', permission: 'bidding.tenders.read' },
  {
    key: 'agencies',
    label: label('招标代理机构', 'Tendering agencies'),
    path: 'agencies',
    permission: 'bidding.agencies.read',
  },
  {
    key: 'agency-evaluations',
    label: label('代理机构评价审核', 'Agency evaluations'),
    path: 'agency-evaluations',
    permission: 'bidding.agencies.read',
  },
  {
    key: 'agency-supervision',
    label: label('代理机构动态监管', 'Agency supervision'),
    path: 'agency-supervision',
    permission: 'bidding.agencies.read',
  },
];
