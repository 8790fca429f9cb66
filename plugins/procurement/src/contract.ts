/**
 * The procurement plugin's isomorphic contract: inputs, outputs, labels, forms and the admin menu. Browser-safe.
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

export const PLUGIN_ID = 'procurement';

/** The statutory ceiling on a contract's payment term (保障中小企业款项支付条例 2025 §9). */
export const MAX_PAYMENT_TERM_DAYS = 60;
/**
 * A longer term may be what was agreed: it is recorded, flagged as unlawful and payment is judged by 60 days (§9 ¶1).
 * This bound only stops typing errors.
 */
export const RECORDED_PAYMENT_TERM_MAX = 365;
/** The statutory late interest where none was agreed: 0.05 % a day (§17), fixed by law — not a setting. */
export const STATUTORY_LATE_INTEREST_PPM = 500;

const name = text;

export const contractCreateInput = z
  .object({
    buyerOrgId: id.meta({ description: '采购人（政府机关）' }),
    title: name(300),
    supplierName: name(200),
    supplierUscc: uscc,
    supplierSme: z.boolean().meta({ description: '供应商是否为中小企业（按合同订立时规模）' }),
    amountFen: fen.refine((v) => v > 0, bilingual('合同金额须大于零', 'the amount must be positive')),
    awardNoticeDate: legalDate,
    signingDate: legalDate.nullable().default(null),
    /** The contract's acceptance deadline; null when payment follows delivery without acceptance. */
    acceptanceDeadline: legalDate.nullable().default(null),
    deliveryDate: legalDate.nullable().default(null),
    paymentTermDays: z
      .number()
      .int()
      .min(
        1,
        bilingual(
          '付款期限至少1日（保障中小企业款项支付条例第九条第一款）',
          'at least 1 day (SME Payment Regulation §9 ¶1)',
        ),
      )
      .max(
        RECORDED_PAYMENT_TERM_MAX,
        bilingual(
          `付款期限应为1至${RECORDED_PAYMENT_TERM_MAX}日；超过${MAX_PAYMENT_TERM_DAYS}日的约定违反保障中小企业款项支付条例第九条第一款，照登记并按${MAX_PAYMENT_TERM_DAYS}日判断`,
          `1–${RECORDED_PAYMENT_TERM_MAX} days; over ${MAX_PAYMENT_TERM_DAYS} breaches §9 ¶1, is recorded and judged by ${MAX_PAYMENT_TERM_DAYS}`,
        ),
      )
      .default(30),
    /** Late-payment interest agreed in the contract, per day in parts per million (0.05 % = 500); null = the statutory default. */
    lateInterestPpmPerDay: z
      .number()
      .int()
      .min(
        1,
        bilingual(
          '约定逾期利率应为正数（百万分之/日）；约定利率不得低于合同订立时1年期LPR（保障中小企业款项支付条例第十七条）',
          'a positive rate in ppm a day; not below the 1-year LPR at signing (§17)',
        ),
      )
      .max(
        10_000,
        bilingual('约定逾期利率超过每日百分之一，请核对（百万分之/日）', 'over 1 % a day: check the unit (ppm a day)'),
      )
      .nullable()
      .default(null),
    ocid: z.string().trim().max(200).nullable().default(null),
    /** 政府采购法实施条例 §43 ¶1: the buyer confirms the supplier within 5 working days of receiving the evaluation report. */
    evaluationReportDate: legalDate.nullable().default(null),
    supplierConfirmedOn: legalDate.nullable().default(null),
    /** 政府采购法 §46 ¶2: the result changed by the buyer after the award notice (the day it was changed). */
    resultChangedOn: legalDate.nullable().default(null),
    /** The plan's 诚信责任制: the official responsible for the contract; drafts name this person too. */
    responsiblePersonId: id.nullable().default(null),
  })
  .superRefine((c, ctx) => {
    if (c.signingDate && c.signingDate < c.awardNoticeDate)
      ctx.addIssue({
        code: 'custom',
        path: ['signingDate'],
        ...bilingual('签订日期不能早于中标（成交）通知书发出日期', 'the signing date is before the award notice'),
      });
    if (c.deliveryDate && c.signingDate && c.deliveryDate < c.signingDate)
      ctx.addIssue({
        code: 'custom',
        path: ['deliveryDate'],
        ...bilingual('交付日期不能早于合同签订日期', 'delivery is before signing'),
      });
    if (c.acceptanceDeadline && c.acceptanceDeadline < c.awardNoticeDate)
      ctx.addIssue({
        code: 'custom',
        path: ['acceptanceDeadline'],
        ...bilingual(
          '验收期限不能早于中标（成交）通知书发出日期',
          'the acceptance deadline is before the award notice',
        ),
      });
    if (c.supplierConfirmedOn && c.evaluationReportDate && c.supplierConfirmedOn < c.evaluationReportDate)
      ctx.addIssue({
        code: 'custom',
        path: ['supplierConfirmedOn'],
        ...bilingual('确定供应商日期不能早于收到评审报告日期', 'confirmation is before the evaluation report'),
      });
    if (c.resultChangedOn && c.resultChangedOn < c.awardNoticeDate)
      ctx.addIssue({
        code: 'custom',
        path: ['resultChangedOn'],
        ...bilingual(
          '改变结果日期不能早于中标（成交）通知书发出日期（政府采购法第四十六条第二款）',
          'the change is before the award notice (§46 ¶2)',
        ),
      });
  });
export type ContractCreateInput = z.infer<typeof contractCreateInput>;

export const recordSigningInput = z.object({
  contractId: id,
  signingDate: legalDate,
  /** 实施条例 §50: the day the contract was published (within 2 working days). */ publishedOn: legalDate
    .nullable()
    .default(null),
});
export const recordDeliveryInput = z.object({ contractId: id, deliveryDate: legalDate });
export const recordAcceptanceInput = z.object({
  contractId: id,
  acceptanceDate: legalDate,
  result: z.enum(['passed', 'failed']),
  reportNo: name(100),
});
export const recordPaymentInput = z.object({
  contractId: id,
  paidOn: legalDate,
  amountFen: fen.refine((v) => v > 0, bilingual('付款金额须大于零', 'the payment must be positive')),
  voucherNo: name(100),
});

export const RULE_STATE_LABELS = DEADLINE_STATE_LABELS;
const ruleState = deadlineStateSchema;

export const complianceOut = z.object({
  signing: z.object({ deadline: legalDate.nullable(), state: ruleState }),
  acceptance: z.object({ deadline: legalDate.nullable(), state: ruleState }),
  payment: z.object({
    clockStart: legalDate.nullable(),
    clockBasis: z.enum(['delivery', 'acceptance', 'acceptance_deadline']).nullable(),
    due: legalDate.nullable(),
    state: ruleState,
    paidFen: z.number(),
    outstandingFen: z.number(),
    daysLate: z.number(),
    interestFen: z.number(),
    interestPpmPerDay: z.number(),
  }),
  breaches: z.array(z.string()),
  /** Buyer duties of the procurement law (confirmation §43, contract publication §50, result changed §46 ¶2). */
  duties: z.object({
    confirmation: z.object({ deadline: legalDate.nullable(), state: ruleState, provisional: z.boolean() }),
    publication: z.object({ deadline: legalDate.nullable(), state: ruleState, provisional: z.boolean() }),
    resultChanged: z.object({ on: legalDate.nullable(), state: ruleState }),
  }),
  /** Unlawful terms recorded as agreed: a term over 60 days, an agreed rate below the 1-year LPR. */
  flags: z.array(z.object({ ruleId: z.string(), messageZh: z.string() })),
});
export type Compliance = z.infer<typeof complianceOut>;

export const contractOut = z.object({
  id,
  buyerOrgId: id,
  buyerName: z.string(),
  title: z.string(),
  supplierName: z.string(),
  supplierUscc: z.string(),
  supplierSme: z.boolean(),
  amountFen: z.number(),
  awardNoticeDate: z.string().nullable(),
  signingDate: z.string().nullable(),
  acceptanceDeadline: z.string().nullable(),
  acceptanceDate: z.string().nullable(),
  acceptanceResult: z.enum(['passed', 'failed']).nullable(),
  deliveryDate: z.string().nullable(),
  paymentTermDays: z.number(),
  lateInterestPpmPerDay: z.number().nullable(),
  ocid: z.string().nullable(),
  evaluationReportDate: z.string().nullable(),
  supplierConfirmedOn: z.string().nullable(),
  contractPublishedOn: z.string().nullable(),
  resultChangedOn: z.string().nullable(),
  responsiblePersonId: z.string().nullable(),
  payments: z.array(z.object({ id, paidOn: z.string(), amountFen: z.number(), voucherNo: z.string() })),
  compliance: complianceOut,
  createdAt: z.string(),
});
export type ContractOut = z.infer<typeof contractOut>;

export const contractListInput = pageInput.extend({
  buyerOrgId: id.optional(),
  q: z.string().trim().max(100).optional(),
});
export const contractPage = page(contractOut);

export const complaintReceiveInput = z.object({
  contractId: id,
  supplierName: name(200),
  receivedOn: legalDate,
  summary: name(2000),
  /** §25 ¶1: the 10 working days run from formal acceptance (正式受理); empty = accepted the day it was received. */
  acceptedOn: legalDate.nullable().default(null),
});
export const complaintForwardInput = z.object({ complaintId: id, forwardedOn: legalDate, forwardedTo: name(200) });
export const complaintExtendInput = z.object({
  complaintId: id,
  totalDays: z
    .number()
    .int()
    .min(
      31,
      bilingual(
        '延长后的办理期限应超过30日（保障中小企业款项支付条例第二十五条第二款）',
        'an extension goes beyond 30 days (§25 ¶2)',
      ),
    )
    .max(
      90,
      bilingual(
        '办理期限最长不超过90日（保障中小企业款项支付条例第二十五条第二款）',
        'at most 90 days in all (§25 ¶2)',
      ),
    ),
  reason: name(500),
});
export const complaintHandleInput = z.object({
  complaintId: id,
  handledOn: legalDate,
  outcome: z.enum(['paid', 'agreed_plan', 'unfounded', 'recorded']),
  note: name(2000),
});
export const complaintOut = z.object({
  id,
  contractId: id,
  buyerOrgId: id,
  supplierName: z.string(),
  summary: z.string(),
  receivedOn: z.string(),
  acceptedOn: z.string(),
  forwardDue: z.string(),
  forwardedOn: z.string().nullable(),
  forwardedTo: z.string().nullable(),
  handleDays: z.number(),
  handleDue: z.string(),
  handledOn: z.string().nullable(),
  outcome: z.string().nullable(),
  note: z.string().nullable(),
  forwardOverdue: z.boolean(),
  handleOverdue: z.boolean(),
  provisional: z.boolean(),
});

export const overdueListInput = z.object({ year: z.number().int().min(2020).max(2100), buyerOrgId: id.optional() });
export const overdueListOut = z.object({
  year: z.number(),
  asOf: z.string(),
  publishBy: z.string(),
  bodies: z.array(z.object({ buyerOrgId: id, buyerName: z.string(), contracts: z.number(), overdueFen: z.number() })),
  contracts: z.array(
    z.object({
      contractId: id,
      buyerOrgId: id,
      buyerName: z.string(),
      title: z.string(),
      supplierName: z.string(),
      amountFen: z.number(),
      due: z.string().nullable(),
      overdueFen: z.number(),
    }),
  ),
  totals: z.object({ contracts: z.number(), overdueFen: z.number() }),
});

/** The breach record's payload (version 2: evidence names the rule and the amounts; version 1 stored `contract` only). */
export const breachPayloadV2 = z.object({
  contractId: id,
  ruleId: z.string(),
  due: legalDate.nullable(),
  outstandingFen: z.number().int().min(0),
  daysLate: z.number().int().min(0),
  interestFen: z.number().int().min(0),
  proposedBy: z.record(z.string(), z.unknown()).optional(),
});

export { ocdsImportInput, ocdsImportOut } from '@chengxin/plugin-sdk/contract';

export const procurementConfig = z.object({
  /** The statutory late interest (0.05 % a day, §17) where the contract agreed none: fixed by law, shown, not changeable. */
  defaultLateInterestPpmPerDay: z
    .literal(
      STATUTORY_LATE_INTEREST_PPM,
      bilingual(
        '未约定逾期利率的，按每日万分之五（500）计息，由保障中小企业款项支付条例第十七条规定，不可配置',
        'fixed at 500 ppm a day by §17; not a setting',
      ),
    )
    .default(STATUTORY_LATE_INTEREST_PPM)
    .meta({
      title: '法定逾期利率（每日百万分之，500即万分之五）',
      description: '合同未约定逾期利率的，按每日万分之五计息（保障中小企业款项支付条例第十七条），法定，不可修改',
    }),
  /**
   * [2nd] 1-year LPR as published by the National Interbank Funding Center (全国银行间同业拆借中心), in basis points, by
   * the day each value took effect: an agreed late rate may not be below the LPR on the signing day (§17).
   */
  lprTable: z
    .array(z.object({ from: legalDate, bp: z.number().int().min(1).max(2000) }))
    .min(1)
    .default([
      { from: '2019-08-20', bp: 425 },
      { from: '2019-09-20', bp: 420 },
      { from: '2019-11-20', bp: 415 },
      { from: '2020-02-20', bp: 405 },
      { from: '2020-04-20', bp: 385 },
      { from: '2021-12-20', bp: 380 },
      { from: '2022-01-20', bp: 370 },
      { from: '2022-08-22', bp: 365 },
      { from: '2023-06-20', bp: 355 },
      { from: '2023-08-21', bp: 345 },
      { from: '2024-07-22', bp: 335 },
      { from: '2024-10-21', bp: 310 },
      { from: '2025-05-20', bp: 300 },
    ])
    .meta({
      title: '一年期LPR表（基点，自生效日起）',
      description: '全国银行间同业拆借中心公布的1年期贷款市场报价利率；约定逾期利率不得低于合同订立日的LPR（第十七条）',
    }),
  /** [?] Days of payment arrears after which the proposed draft is marked serious (our default, not a statute). */
  seriousAfterDaysLate: z
    .number()
    .int()
    .min(1)
    .max(3650)
    .default(90)
    .meta({ title: '严重拖欠起点（天）', description: '逾期付款达到该天数的草稿标为“严重”；本地设置，非法定' }),
  /** [?] Who the proposed records name as issuing authority until an officer confirms the decision. */
  issuingAuthority: z
    .string()
    .min(1)
    .max(200)
    .default('天津市财政局')
    .meta({ title: '草稿中的认定机关', description: '规则提出草稿时暂填的认定机关，经办人确认前须核实' }),
});
export type ProcurementConfig = z.infer<typeof procurementConfig>;

export const FORMS: Record<string, PluginForm> = {
  contract: {
    title: label('登记采购合同', 'Register a contract'),
    schema: contractCreateInput,
    ui: {
      buyerOrgId: { label: label('采购人', 'Buyer'), widget: 'org', order: 1 },
      title: { label: label('合同名称', 'Title'), order: 2 },
      supplierName: { label: label('供应商名称', 'Supplier'), order: 3 },
      supplierUscc: { label: label('供应商统一社会信用代码', 'Supplier USCC'), order: 4 },
      supplierSme: { label: label('中小企业', 'SME'), widget: 'switch', order: 5 },
      amountFen: { label: label('合同金额', 'Amount'), widget: 'money', order: 6 },
      awardNoticeDate: { label: label('中标（成交）通知书发出日期', 'Award notice date'), widget: 'date', order: 7 },
      signingDate: { label: label('合同签订日期', 'Signing date'), widget: 'date', order: 8 },
      acceptanceDeadline: { label: label('验收期限', 'Acceptance deadline'), widget: 'date', order: 9 },
      deliveryDate: { label: label('交付日期', 'Delivery date'), widget: 'date', order: 10 },
      paymentTermDays: {
        label: label('付款期限（日）', 'Payment term (days)'),
        widget: 'number',
        order: 11,
        help: label('最长60日', 'At most 60 days'),
      },
      lateInterestPpmPerDay: {
        label: label('约定逾期利率（百万分之/日）', 'Agreed late interest (ppm/day)'),
        widget: 'number',
        order: 12,
      },
    },
  },
  payment: {
    title: label('登记付款', 'Record a payment'),
    schema: recordPaymentInput,
    ui: {
      paidOn: { label: label('付款日期', 'Paid on'), widget: 'date' },
      amountFen: { label: label('付款金额', 'Amount'), widget: 'money' },
      voucherNo: { label: label('凭证号', 'Voucher no.') },
    },
  },
  acceptance: {
    title: label('登记验收', 'Record acceptance'),
    schema: recordAcceptanceInput,
    ui: {
      acceptanceDate: { label: label('验收日期', 'Accepted on'), widget: 'date' },
      result: { label: label('验收结论', 'Result'), widget: 'select' },
      reportNo: { label: label('验收报告编号', 'Report no.') },
    },
  },
  arrearsComplaint: {
    title: label('登记欠款投诉', 'Register an arrears complaint'),
    schema: complaintReceiveInput,
    ui: {
      supplierName: { label: label('投诉企业', 'Supplier') },
      receivedOn: { label: label('收到日期', 'Received on'), widget: 'date' },
      summary: { label: label('投诉内容', 'Summary'), widget: 'textarea' },
    },
  },
};

export const NAV: PluginNavEntry[] = [
  {
    key: 'contracts',
    label: label('采购合同', 'Contracts'),
    path: 'contracts',
    permission: 'procurement.contracts.read',
  },
  {
    key: 'complaints',
    label: label('欠款投诉', 'Arrears complaints'),
    path: 'complaints',
    permission: 'procurement.complaints.read',
  },
  {
    key: 'overdue',
    label: label('年度逾期合同', 'Yearly overdue list'),
    path: 'overdue',
    permission: 'procurement.contracts.read',
  },
];
