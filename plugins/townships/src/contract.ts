/**
 * The street/township public-commitment plugin's isomorphic contract: yearly commitments in the 14 service areas of the
 * plan (on the SDK's promise primitive), quarterly progress, year-end assessment, public ratings, the public board and
 * the ranked candidates for 诚信街道/诚信乡镇. Grades and candidate criteria are configuration: no legal scale exists.
 */
import {
  bilingual,
  changeShape,
  fen,
  id,
  label,
  legalDate,
  page,
  pageInput,
  promiseProgressOut,
  PROMISE_STATUSES,
  text,
  z,
  type PluginForm,
  type PluginNavEntry,
} from '@chengxin/plugin-sdk/contract';

export const PLUGIN_ID = 'townships';

/** The 14 service areas of the Tianjin plan (津政发〔2017〕29号). */
export const SERVICE_AREAS = [
  'employment',
  'property',
  'schooling',
  'family_planning',
  'elderly_care',
  'disability',
  'poverty_relief',
  'medical_insurance',
  'housing',
  'transport',
  'parking',
  'safety',
  'military_families',
  'convenience',
] as const;
export type ServiceArea = (typeof SERVICE_AREAS)[number];
export const SERVICE_AREA_LABELS: Record<ServiceArea, ReturnType<typeof label>> = {
  employment: label('就业', 'Employment'),
  property: label('物业', 'Property management'),
  schooling: label('就学', 'Schooling'),
  family_planning: label('计生', 'Family planning'),
  elderly_care: label('养老', 'Elderly care'),
  disability: label('助残', 'Disability support'),
  poverty_relief: label('扶贫', 'Poverty relief'),
  medical_insurance: label('医保', 'Medical insurance'),
  housing: label('住房', 'Housing'),
  transport: label('出行', 'Getting around'),
  parking: label('停车', 'Parking'),
  safety: label('防火防盗', 'Fire and theft prevention'),
  military_families: label('拥军优属', 'Support for military families'),
  convenience: label('便民服务', 'Convenience services'),
};
/** Year-end grades: fully kept, partly kept, not kept — or changed lawfully (configuration decides partly/not; no legal scale). */
export const GRADES = ['fully', 'partly', 'not', 'changed'] as const;
export const GRADE_LABELS = {
  fully: label('全部兑现', 'Fully kept'),
  partly: label('部分兑现', 'Partly kept'),
  not: label('未兑现', 'Not kept'),
  changed: label('依法变更', 'Changed lawfully'),
} as const;

const year = z.number().int().min(2000).max(2100);
export const commitmentInput = z
  .object({
    orgId: id.meta({ description: '街道办事处或乡镇人民政府' }),
    year,
    area: z.enum(SERVICE_AREAS),
    title: text(300),
    /** The measurable target for the year and its unit (e.g. 200 个就业岗位). */
    target: z.number().positive(bilingual('目标值须大于零', 'the target must be positive')),
    unit: text(20),
    dueDate: legalDate,
  })
  .superRefine((c, ctx) => {
    if (!c.dueDate.startsWith(String(c.year)))
      ctx.addIssue({
        code: 'custom',
        path: ['dueDate'],
        ...bilingual('完成期限须在承诺年度内', 'the due date must fall in the commitment year'),
      });
  });
export type CommitmentInput = z.infer<typeof commitmentInput>;
export const progressInput = z.object({
  commitmentId: id,
  quarter: z.number().int().min(1).max(4),
  reportedOn: legalDate,
  value: z.number().min(0),
  evidence: text(1000),
});
export const changeInput = changeShape.extend({ commitmentId: id });
export const assessInput = z.object({
  commitmentId: id,
  assessedOn: legalDate,
  note: z.string().trim().max(1000).nullable().default(null),
});

const ratingSummary = z.object({
  count: z.number(),
  fulfilment: z.number().nullable(),
  satisfaction: z.number().nullable(),
});
export const commitmentOut = z.object({
  id,
  orgId: id,
  orgName: z.string(),
  year: z.number(),
  area: z.enum(SERVICE_AREAS),
  title: z.string(),
  target: z.number(),
  unit: z.string(),
  dueDate: z.string(),
  publishedOn: z.string().nullable(),
  progress: promiseProgressOut,
  quarters: z.array(z.object({ quarter: z.number(), reportedOn: z.string(), value: z.number(), evidence: z.string() })),
  assessment: z
    .object({ grade: z.enum(GRADES), percent: z.number(), assessedOn: z.string(), note: z.string().nullable() })
    .nullable(),
  ratings: ratingSummary,
});
export type CommitmentOut = z.infer<typeof commitmentOut>;
export const commitmentListInput = pageInput.extend({
  orgId: id.optional(),
  year: year.optional(),
  status: z.enum(PROMISE_STATUSES).optional(),
});
export const commitmentPage = page(commitmentOut);

/** The public board: published commitments only, no evidence text or names of people, ratings as averages. */
export const boardInput = z.object({
  year,
  orgId: id.optional(),
  /** Part of the street's (township's) name; 252 of them do not fit one page. */
  q: z.string().trim().max(50).optional(),
  /** Only the streets of this district. */
  districtId: id.optional(),
  limit: z.number().int().min(1).max(50).default(20),
  cursor: z.string().max(200).optional(),
});
/** 政务、财务公开 (津政发〔2017〕29号 三.6): what a township discloses on its board, entered → reviewed → published. */
export const DISCLOSURE_KINDS = ['budget', 'spending', 'public_service_fund', 'administrative'] as const;
export const DISCLOSURE_KIND_LABELS = {
  budget: label('年度预算', 'Budget'),
  spending: label('支出项目', 'Spending item'),
  public_service_fund: label('公共服务资金', 'Public-service funds'),
  administrative: label('政务公开事项', 'Administrative matter'),
} as const;
/** What the board shows: published items only, no names of who entered or reviewed them. */
export const publicDisclosure = z.object({
  kind: z.enum(DISCLOSURE_KINDS),
  kindZh: z.string(),
  quarter: z.number().nullable(),
  title: z.string(),
  amountFen: z.number().nullable(),
  description: z.string(),
  publishedOn: z.string(),
});
export const boardOut = z.object({
  items: z.array(
    z.object({
      orgId: id,
      orgName: z.string(),
      districtName: z.string().nullable(),
      commitments: z.array(
        z.object({
          id,
          area: z.enum(SERVICE_AREAS),
          title: z.string(),
          target: z.number(),
          unit: z.string(),
          dueDate: z.string(),
          percent: z.number(),
          status: z.enum(PROMISE_STATUSES),
          quarters: z.array(z.object({ quarter: z.number(), value: z.number() })),
          grade: z.enum(GRADES).nullable(),
          ratings: ratingSummary,
        }),
      ),
      /** 政务、财务公开 of the year, published items only, by quarter (the budget first). */
      disclosures: z.array(publicDisclosure),
    }),
  ),
  nextCursor: z.string().nullable(),
  minRatingsShown: z
    .number()
    .meta({ title: '显示满意度的最少评价数', description: '评价数达到该值才显示平均满意度并计入候选评选' }),
});
/** A resident rates one published commitment once: identified by a mobile number that is hashed, never stored. */
export const rateInput = z.object({
  commitmentId: id,
  mobile: z
    .string()
    .trim()
    .regex(/^1[3-9]\d{9}$/, bilingual('请填写11位手机号码', 'an 11-digit mainland mobile number')),
  fulfilment: z.number().int().min(1).max(5),
  satisfaction: z.number().int().min(1).max(5),
  /** The SMS code sent by requestCode: without it the rating is kept but not published (unverified). */
  code: z
    .string()
    .trim()
    .regex(/^\d{6}$/, bilingual('验证码为6位数字', 'the code has 6 digits'))
    .optional(),
});
export const requestCodeInput = z.object({ commitmentId: id, mobile: rateInput.shape.mobile });
export const candidatesInput = z.object({
  year,
  districtId: id.optional(),
  limit: z.number().int().min(1).max(100).default(50),
});
export const CRITERIA = ['fullyKeptPct', 'noneNotKept', 'satisfaction', 'noDishonestyRecord'] as const;
export const CRITERION_LABELS = {
  fullyKeptPct: label('承诺全部兑现率不低于阈值', 'Share of commitments fully kept at least the threshold'),
  noneNotKept: label('无未兑现承诺', 'No commitment not kept'),
  satisfaction: label(
    '群众满意度平均分不低于阈值（评价数达到最低样本）',
    'Average satisfaction at least the threshold (with the minimum number of ratings)',
  ),
  noDishonestyRecord: label('本年度无公开的政务失信记录', 'No published dishonesty record this year'),
} as const;
export const candidatesOut = z.object({
  year: z.number(),
  criteriaAreSettings: z.literal(true),
  criteria: z.array(
    z.object({ key: z.enum(CRITERIA), labelZh: z.string(), labelEn: z.string(), threshold: z.number().nullable() }),
  ),
  weights: z.object({ fulfilment: z.number(), satisfaction: z.number() }),
  items: z.array(
    z.object({
      rank: z.number(),
      orgId: id,
      orgName: z.string(),
      districtName: z.string().nullable(),
      score: z.number(),
      eligible: z.boolean(),
      commitments: z.number(),
      fullyKeptPct: z.number(),
      notKept: z.number(),
      satisfaction: z.number().nullable(),
      ratings: z.number(),
      dishonestyRecords: z.number(),
      failed: z.array(z.enum(CRITERIA)),
    }),
  ),
});

export const brokenPayload = z.object({
  commitmentId: id,
  ruleId: z.string(),
  area: z.enum(SERVICE_AREAS),
  year,
  target: z.number(),
  achieved: z.number(),
  percent: z.number(),
  changeId: id.nullable().default(null),
  proposedBy: z.record(z.string(), z.unknown()).optional(),
});

/** Per-agency configuration; every value is ours (no legal grading scale or 诚信街道 standard was found: [?]). */
/** The performance-assessment export (绩效考核): each street/township's commitments of a year by year-end grade. */
export const performanceInput = z.object({ year });
export const performanceOut = z.object({
  year: z.number(),
  asOf: z.string(),
  rows: z.array(
    z.object({
      orgId: id,
      orgName: z.string(),
      commitments: z.number(),
      fully: z.number(),
      partly: z.number(),
      notKept: z.number(),
      changed: z.number(),
      pending: z.number(),
      fullyKeptPct: z.number().nullable(),
    }),
  ),
});

export const townshipsConfig = z.object({
  /** [?] A commitment missed at its due date that reached this percent is partly kept; below it, not kept. */
  partlyKeptFromPct: z.number().min(1).max(100).default(60).meta({
    title: '部分兑现起点（%）',
    description: '到期未全部完成但完成比例达到该值的承诺为“部分兑现”，低于该值为“未兑现”；本地设置',
  }),
  /** [?] Calendar days after the due date before a commitment is missed. */
  graceDays: z
    .number()
    .int()
    .min(0)
    .max(180)
    .default(0)
    .meta({ title: '宽限天数（日历日）', description: '承诺到期后经过多少个日历日仍未完成即认定未兑现；本地设置' }),
  /** [?] Ratings needed before averages are shown or count for a candidate. */
  minRatingsShown: z.number().int().min(1).max(1000).default(3),
  /** [?] 诚信街道/乡镇 criteria and ranking weights. */
  candidateFullyKeptPct: z
    .number()
    .min(0)
    .max(100)
    .default(80)
    .meta({ title: '候选条件：全部兑现比例（%）', description: '诚信街道（乡镇）候选须达到的承诺全部兑现比例' }),
  candidateSatisfactionMin: z
    .number()
    .min(1)
    .max(5)
    .default(4)
    .meta({ title: '候选条件：最低满意度（1–5分）', description: '诚信街道（乡镇）候选须达到的平均满意度' }),
  weightFulfilment: z
    .number()
    .min(0)
    .max(1)
    .default(0.6)
    .meta({ title: '排名权重：承诺兑现', description: '候选排名中承诺兑现所占权重（0–1，与满意度权重之和为1）' }),
  weightSatisfaction: z
    .number()
    .min(0)
    .max(1)
    .default(0.4)
    .meta({ title: '排名权重：群众满意度', description: '候选排名中满意度所占权重（0–1）' }),
  /** [?] Verified ratings one commitment may take in a day before further ones are held back (flag daily_cap). */
  dailyRatingCap: z
    .number()
    .int()
    .min(1)
    .max(100_000)
    .default(50)
    .meta({ title: '单项承诺每日评价上限（条）', description: '一项承诺一天内超过该数量的评价暂缓计入，待人工核查' }),
  /** [?] Ratings of one commitment from one client address in a day before further ones are held back (flag same_address). */
  sameAddressDailyMax: z.number().int().min(1).max(1000).default(3).meta({
    title: '同一来源地址每日评价上限（条）',
    description: '同一网络地址一天内对同一承诺的评价超过该数量的暂缓计入',
  }),
  /** [?] Who the proposed records name as issuing authority until an officer confirms. */
  issuingAuthority: z
    .string()
    .min(1)
    .max(200)
    .default('区人民政府')
    .meta({ title: '草稿中的认定机关', description: '规则提出草稿时暂填的认定机关，经办人确认前须核实' }),
  /**
   * [local] Whether a commitment not kept proposes draft dishonesty records. Tianjin counts kept commitments in the
   * township's performance assessment (绩效考核), not in credit records, so the default is off; the performance export
   * (`performance`) carries the results either way.
   */
  breachDrafts: z.boolean().default(false).meta({
    title: '未兑现时提出失信记录草稿',
    description: '默认关闭：天津将承诺兑现计入绩效考核而非信用记录（本地设置）',
  }),
});
export type TownshipsConfig = z.infer<typeof townshipsConfig>;

export const FORMS: Record<string, PluginForm> = {
  commitment: {
    title: label('登记年度公开承诺', 'Register a yearly public commitment'),
    schema: commitmentInput,
    ui: {
      orgId: { label: label('街道（乡镇）', 'Street or township'), widget: 'org', order: 1 },
      year: { label: label('年度', 'Year'), widget: 'number', order: 2 },
      area: { label: label('服务领域', 'Service area'), widget: 'select', order: 3 },
      title: { label: label('承诺事项', 'Commitment'), widget: 'textarea', order: 4 },
      target: { label: label('目标值', 'Target'), widget: 'number', order: 5 },
      unit: { label: label('单位', 'Unit'), order: 6 },
      dueDate: { label: label('完成期限', 'Due date'), widget: 'date', order: 7 },
    },
  },
  progress: {
    title: label('报送季度进展', 'Report quarterly progress'),
    schema: progressInput,
    ui: {
      quarter: { label: label('季度', 'Quarter'), widget: 'number' },
      reportedOn: { label: label('报送日期', 'Reported on'), widget: 'date' },
      value: { label: label('累计完成值', 'Achieved to date'), widget: 'number' },
      evidence: { label: label('佐证材料', 'Evidence'), widget: 'textarea' },
    },
  },
  change: {
    title: label('登记承诺变更', 'Record a change'),
    schema: changeInput,
    ui: {
      changedOn: { label: label('变更日期', 'Changed on'), widget: 'date' },
      description: { label: label('变更内容', 'Change'), widget: 'textarea' },
      agreed: { label: label('经群众代表会议同意', 'Agreed with residents'), widget: 'switch' },
      reason: {
        label: label('变更理由', 'Reason'),
        widget: 'select',
        help: label(
          '政府换届、机构调整、负责人更替不能作为理由',
          'A new term, reorganisation or a new official is no reason',
        ),
      },
      legalAuthority: { label: label('法定权限依据', 'Legal authority') },
      procedureRecord: { label: label('程序记录（公示、会议）', 'Procedure followed') },
      compensationFen: { label: label('补偿金额', 'Compensation'), widget: 'money' },
    },
  },
  assess: {
    title: label('年终评定', 'Year-end assessment'),
    schema: assessInput,
    ui: {
      assessedOn: { label: label('评定日期', 'Assessed on'), widget: 'date' },
      note: { label: label('说明', 'Note'), widget: 'textarea' },
    },
  },
};

export const DISCLOSURE_STATUSES = ['entered', 'returned', 'reviewed', 'published'] as const;
export const DISCLOSURE_STATUS_LABELS = {
  entered: label('已录入（待审核）', 'Entered'),
  returned: label('退回修改', 'Returned'),
  reviewed: label('已审核（待公开）', 'Reviewed'),
  published: label('已公开', 'Published'),
} as const;
const disclosureFields = z.object({
  orgId: id.meta({ description: '街道办事处或乡镇人民政府' }),
  year,
  /** 1–4; leave empty for the year as a whole (the budget). */
  quarter: z.number().int().min(1).max(4).nullable().default(null),
  kind: z.enum(DISCLOSURE_KINDS),
  title: text(200),
  amountFen: fen.nullable().default(null),
  description: text(4000),
});
const disclosureRules = (
  d: { kind: string; quarter: number | null; amountFen: number | null },
  ctx: z.RefinementCtx,
) => {
  if (d.kind === 'budget' && d.quarter !== null)
    ctx.addIssue({
      code: 'custom',
      path: ['quarter'],
      ...bilingual('年度预算按全年公开，不填季度', 'a budget is yearly'),
    });
  if ((d.kind === 'spending' || d.kind === 'public_service_fund') && d.quarter === null)
    ctx.addIssue({
      code: 'custom',
      path: ['quarter'],
      ...bilingual('支出项目和公共服务资金按季度公开，须填写季度', 'spending is disclosed by quarter'),
    });
  if (d.kind !== 'administrative' && d.amountFen === null)
    ctx.addIssue({ code: 'custom', path: ['amountFen'], ...bilingual('财务公开须填写金额', 'an amount is required') });
};
export const disclosureInput = disclosureFields.superRefine(disclosureRules);
export const disclosureCorrectInput = disclosureFields
  .omit({ orgId: true, year: true })
  .extend({ disclosureId: id })
  .superRefine(disclosureRules);
export const disclosureReviewInput = z.object({
  disclosureId: id,
  approve: z.boolean(),
  note: z.string().trim().max(1000).nullable().default(null),
});
export const disclosurePublishInput = z.object({ disclosureId: id });
export const disclosureListInput = z.object({
  orgId: id.optional(),
  year: year.optional(),
  status: z.enum(DISCLOSURE_STATUSES).optional(),
  limit: z.number().int().min(1).max(500).default(100),
});
export const disclosureOut = z.object({
  id,
  orgId: id,
  orgName: z.string(),
  year: z.number(),
  quarter: z.number().nullable(),
  kind: z.enum(DISCLOSURE_KINDS),
  kindZh: z.string(),
  title: z.string(),
  amountFen: z.number().nullable(),
  description: z.string(),
  status: z.enum(DISCLOSURE_STATUSES),
  statusZh: z.string(),
  reviewedOn: z.string().nullable(),
  reviewNote: z.string().nullable(),
  publishedOn: z.string().nullable(),
});
export const performanceExportInput = z.object({ year, format: z.literal('csv').default('csv') });
export const performanceExportOut = z.object({
  filename: z.string(),
  contentType: z.string(),
  content: z.string(),
  encoding: z.literal('utf8'),
});

FORMS['disclosure'] = {
  title: label('录入政务、财务公开信息', 'Enter a disclosure'),
  schema: disclosureInput,
  ui: {
    orgId: { label: label('街道（乡镇）', 'Street or township'), widget: 'org', order: 1 },
    year: { label: label('年度', 'Year'), widget: 'number', order: 2 },
    quarter: {
      label: label('季度', 'Quarter'),
      widget: 'number',
      order: 3,
      help: label('年度预算不填；支出和公共服务资金按季度填写', 'Empty for the budget'),
    },
    kind: { label: label('类别', 'Kind'), widget: 'select', order: 4 },
    title: { label: label('项目', 'Item'), order: 5 },
    amountFen: { label: label('金额', 'Amount'), widget: 'money', order: 6 },
    description: { label: label('说明', 'Description'), widget: 'textarea', order: 7 },
  },
};
FORMS['disclosureCorrect'] = {
  title: label('修改公开信息', 'Correct a disclosure'),
  schema: disclosureCorrectInput,
  ui: {
    quarter: { label: label('季度', 'Quarter'), widget: 'number', order: 1 },
    kind: { label: label('类别', 'Kind'), widget: 'select', order: 2 },
    title: { label: label('项目', 'Item'), order: 3 },
    amountFen: { label: label('金额', 'Amount'), widget: 'money', order: 4 },
    description: { label: label('说明', 'Description'), widget: 'textarea', order: 5 },
  },
};
FORMS['disclosureReview'] = {
  title: label('审核公开信息', 'Review a disclosure'),
  schema: disclosureReviewInput,
  ui: {
    approve: {
      label: label('审核通过', 'Approve'),
      widget: 'switch',
      help: label('不通过则退回修改', 'Else returned'),
    },
    note: { label: label('审核意见', 'Note'), widget: 'textarea' },
  },
};
FORMS['disclosurePublish'] = { title: label('公开', 'Publish'), schema: disclosurePublishInput, ui: {} };

export const NAV: PluginNavEntry[] = [
  {
    key: 'commitments',
    label: label('公开承诺', 'Public commitments'),
    path: 'commitments',
    permission: 'townships.commitments.read',
  },
  {
    key: 'candidates',
    label: label('诚信街道（乡镇）候选', 'Integrity township candidates'),
    path: 'candidates',
    permission: 'townships.commitments.read',
  },
  {
    key: 'disclosures',
    label: label('政务、财务公开', 'Administrative and financial disclosure'),
    path: 'disclosures',
    permission: 'townships.disclosures.read',
  },
  {
    key: 'performance',
    label: label('绩效考核导出', 'Performance assessment export'),
    path: 'performance',
    permission: 'townships.commitments.read',
  },
];
