/**
 * The procurement plugin's isomorphic contract: inputs, outputs, labels, forms and the admin menu. Browser-safe.
 */
import { bilingual, DEADLINE_STATE_LABELS, deadlineStateSchema, fen, id, label, legalDate, page, pageInput, text, uscc, z, type PluginForm, type PluginNavEntry } from '@chengxin/plugin-sdk/contract';

export const PLUGIN_ID = 'procurement';

/** The statutory ceiling on a contract's payment term (保障中小企业款项支付条例 2025 §9). */
export const MAX_PAYMENT_TERM_DAYS = 60;

const name = text;

export const contractCreateInput = z.object({
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
  paymentTermDays: z.number().int().min(1, bilingual('付款期限至少1日', 'at least 1 day'))
    .max(MAX_PAYMENT_TERM_DAYS, bilingual(`付款期限最长不得超过${MAX_PAYMENT_TERM_DAYS}日（保障中小企业款项支付条例第九条）`, `a payment term may not exceed ${MAX_PAYMENT_TERM_DAYS} days`)).default(30),
  /** Late-payment interest agreed in the contract, per day in parts per million (0.05 % = 500); null = the statutory default. */
  lateInterestPpmPerDay: z.number().int().min(1).max(10_000).nullable().default(null),
  ocid: z.string().trim().max(200).nullable().default(null),
}).superRefine((c, ctx) => {
  if (c.signingDate && c.signingDate < c.awardNoticeDate) ctx.addIssue({ code: 'custom', path: ['signingDate'], ...bilingual('签订日期不能早于中标（成交）通知书发出日期', 'the signing date is before the award notice') });
  if (c.deliveryDate && c.signingDate && c.deliveryDate < c.signingDate) ctx.addIssue({ code: 'custom', path: ['deliveryDate'], ...bilingual('交付日期不能早于合同签订日期', 'delivery is before signing') });
  if (c.acceptanceDeadline && c.acceptanceDeadline < c.awardNoticeDate) ctx.addIssue({ code: 'custom', path: ['acceptanceDeadline'], ...bilingual('验收期限不能早于中标（成交）通知书发出日期', 'the acceptance deadline is before the award notice') });
});
export type ContractCreateInput = z.infer<typeof contractCreateInput>;

export const recordSigningInput = z.object({ contractId: id, signingDate: legalDate });
export const recordDeliveryInput = z.object({ contractId: id, deliveryDate: legalDate });
export const recordAcceptanceInput = z.object({ contractId: id, acceptanceDate: legalDate, result: z.enum(['passed', 'failed']), reportNo: name(100) });
export const recordPaymentInput = z.object({ contractId: id, paidOn: legalDate, amountFen: fen.refine((v) => v > 0, bilingual('付款金额须大于零', 'the payment must be positive')), voucherNo: name(100) });

export const RULE_STATE_LABELS = DEADLINE_STATE_LABELS;
const ruleState = deadlineStateSchema;

export const complianceOut = z.object({
  signing: z.object({ deadline: legalDate, state: ruleState }),
  acceptance: z.object({ deadline: legalDate.nullable(), state: ruleState }),
  payment: z.object({
    clockStart: legalDate.nullable(), clockBasis: z.enum(['delivery', 'acceptance', 'acceptance_deadline']).nullable(), due: legalDate.nullable(), state: ruleState,
    paidFen: z.number(), outstandingFen: z.number(), daysLate: z.number(), interestFen: z.number(), interestPpmPerDay: z.number(),
  }),
  breaches: z.array(z.string()),
});
export type Compliance = z.infer<typeof complianceOut>;

export const contractOut = z.object({
  id, buyerOrgId: id, buyerName: z.string(), title: z.string(), supplierName: z.string(), supplierUscc: z.string(), supplierSme: z.boolean(),
  amountFen: z.number(), awardNoticeDate: z.string(), signingDate: z.string().nullable(), acceptanceDeadline: z.string().nullable(),
  acceptanceDate: z.string().nullable(), acceptanceResult: z.enum(['passed', 'failed']).nullable(), deliveryDate: z.string().nullable(),
  paymentTermDays: z.number(), lateInterestPpmPerDay: z.number().nullable(), ocid: z.string().nullable(),
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
  contractId: id, supplierName: name(200), receivedOn: legalDate, summary: name(2000),
});
export const complaintForwardInput = z.object({ complaintId: id, forwardedOn: legalDate, forwardedTo: name(200) });
export const complaintExtendInput = z.object({ complaintId: id, totalDays: z.number().int().min(31).max(90, bilingual('办理期限最长不超过90日', 'at most 90 days in all')), reason: name(500) });
export const complaintHandleInput = z.object({ complaintId: id, handledOn: legalDate, outcome: z.enum(['paid', 'agreed_plan', 'unfounded', 'recorded']), note: name(2000) });
export const complaintOut = z.object({
  id, contractId: id, buyerOrgId: id, supplierName: z.string(), summary: z.string(), receivedOn: z.string(),
  forwardDue: z.string(), forwardedOn: z.string().nullable(), forwardedTo: z.string().nullable(),
  handleDays: z.number(), handleDue: z.string(), handledOn: z.string().nullable(), outcome: z.string().nullable(), note: z.string().nullable(),
  forwardOverdue: z.boolean(), handleOverdue: z.boolean(), provisional: z.boolean(),
});

export const overdueListInput = z.object({ year: z.number().int().min(2020).max(2100), buyerOrgId: id.optional() });
export const overdueListOut = z.object({
  year: z.number(), asOf: z.string(), publishBy: z.string(),
  bodies: z.array(z.object({ buyerOrgId: id, buyerName: z.string(), contracts: z.number(), overdueFen: z.number() })),
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
  /** [?] The statutory default late interest (0.05 % a day, §17) applies where the contract agreed none; an agency may not go below it. */
  defaultLateInterestPpmPerDay: z.number().int().min(500).default(500),
  /** [?] Days of payment arrears after which the proposed draft is marked serious (our default, not a statute). */
  seriousAfterDaysLate: z.number().int().min(1).max(3650).default(90),
  /** [?] Who the proposed records name as issuing authority until an officer confirms the decision. */
  issuingAuthority: z.string().min(1).max(200).default('天津市财政局'),
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
      paymentTermDays: { label: label('付款期限（日）', 'Payment term (days)'), widget: 'number', order: 11, help: label('最长60日', 'At most 60 days') },
      lateInterestPpmPerDay: { label: label('约定逾期利率（百万分之/日）', 'Agreed late interest (ppm/day)'), widget: 'number', order: 12 },
    },
  },
  payment: {
    title: label('登记付款', 'Record a payment'),
    schema: recordPaymentInput,
    ui: { paidOn: { label: label('付款日期', 'Paid on'), widget: 'date' }, amountFen: { label: label('付款金额', 'Amount'), widget: 'money' }, voucherNo: { label: label('凭证号', 'Voucher no.') } },
  },
  acceptance: {
    title: label('登记验收', 'Record acceptance'),
    schema: recordAcceptanceInput,
    ui: { acceptanceDate: { label: label('验收日期', 'Accepted on'), widget: 'date' }, result: { label: label('验收结论', 'Result'), widget: 'select' }, reportNo: { label: label('验收报告编号', 'Report no.') } },
  },
  arrearsComplaint: {
    title: label('登记欠款投诉', 'Register an arrears complaint'),
    schema: complaintReceiveInput,
    ui: { supplierName: { label: label('投诉企业', 'Supplier') }, receivedOn: { label: label('收到日期', 'Received on'), widget: 'date' }, summary: { label: label('投诉内容', 'Summary'), widget: 'textarea' } },
  },
};

export const NAV: PluginNavEntry[] = [
  { key: 'contracts', label: label('采购合同', 'Contracts'), path: 'contracts', permission: 'procurement.contracts.read' },
  { key: 'complaints', label: label('欠款投诉', 'Arrears complaints'), path: 'complaints', permission: 'procurement.complaints.read' },
  { key: 'overdue', label: label('年度逾期合同', 'Yearly overdue list'), path: 'overdue', permission: 'procurement.contracts.read' },
];
