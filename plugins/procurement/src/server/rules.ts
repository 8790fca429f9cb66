/**
 * The procurement rules as pure functions of a contract's dates and payments, so every answer can be tested on exact
 * dates. Each rule's text and legal source is in RULES (shown in the kernel's rule table).
 */
import {
  daysBetween,
  deadlineState,
  isBreach,
  periodEnd,
  type DayCalendar,
  type LegalDate,
  type PluginRule,
} from '@chengxin/plugin-sdk';
import {
  MAX_PAYMENT_TERM_DAYS,
  STATUTORY_LATE_INTEREST_PPM,
  type Compliance,
  type ProcurementConfig,
} from '../contract';
import { buyerDuties, DUTY_RULES, lateRate, termFlag, type DutyFacts } from './buyer-duties';

export const RULES = {
  signing: {
    id: 'procurement.signing_30_days',
    summaryZh: '采购人应自中标、成交通知书发出之日起30日内签订政府采购合同',
    summaryEn: 'The buyer signs the contract within 30 days of the award notice',
    source: { law: '中华人民共和国政府采购法', article: '第四十六条第一款', confidence: 'law' },
    counting: 'calendar',
  },
  acceptance: {
    id: 'procurement.acceptance_by_deadline',
    summaryZh: '采购人应在合同约定的期限内组织履约验收并出具验收书',
    summaryEn: "The buyer organises acceptance by the contract's deadline",
    source: {
      law: '中华人民共和国政府采购法 / 政府采购法实施条例',
      article: '第四十一条 / 第四十五条',
      confidence: 'law',
    },
  },
  payment: {
    id: 'procurement.sme_payment_term',
    summaryZh:
      '机关从中小企业采购，应自交付（或验收合格）之日起30日内付款，合同约定的付款期限最长60日；拖延验收的，自约定验收期限届满之日起算；不得以负责人变更、内部付款流程、等待审计等为由迟延',
    summaryEn:
      'Pay an SME within 30 days of delivery or passed acceptance (a contract may say at most 60); late acceptance starts the clock at the acceptance deadline; a change of leader, internal procedure or a pending audit is no excuse',
    source: {
      law: '保障中小企业款项支付条例（2025年修订，2025年6月1日施行）',
      article: '第九条第一款、第十条、第十四条',
      confidence: 'law',
    },
    counting: 'calendar',
  },
  interest: {
    id: 'procurement.late_interest',
    summaryZh: '迟延支付应支付逾期利息：约定利率不得低于合同订立时1年期LPR；未约定的按每日万分之五（法定，不可配置）',
    summaryEn:
      'Late payment bears interest at the agreed rate (not below the 1-year LPR) or 0.05 % a day by default (fixed by law)',
    source: { law: '保障中小企业款项支付条例（2025年修订，2025年6月1日施行）', article: '第十七条', confidence: 'law' },
    setting: 'lprTable',
  },
  deadlineOnHoliday: {
    id: 'procurement.period_end_on_holiday',
    summaryZh: '按日计算的期间自次日起算；期间最后一日是法定休假日的，以休假日结束的次日为最后一日',
    summaryEn:
      'A period in days starts the next day; if its last day is a day off, it ends on the first working day after',
    source: { law: '中华人民共和国民法典', article: '第二百零一条、第二百零三条', confidence: 'law' },
    counting: 'calendar',
  },
  yearlyList: {
    id: 'procurement.yearly_overdue_list',
    summaryZh: '机关应于每年3月31日前公开上一年度逾期未支付中小企业款项的合同数量、金额',
    summaryEn: 'Bodies publish the number and amounts of contracts overdue at year end by 31 March',
    source: {
      law: '保障中小企业款项支付条例（2025年修订，2025年6月1日施行）',
      article: '第十八条第一款',
      confidence: 'law',
    },
  },
  complaintForward: {
    id: 'procurement.arrears_complaint_forward',
    summaryZh: '受理投诉部门应当自正式受理之日起10个工作日内，将拖欠中小企业款项的投诉转交处理投诉部门',
    summaryEn: 'An arrears complaint is forwarded within 10 working days of its formal acceptance (not its receipt)',
    source: {
      law: '保障中小企业款项支付条例（2025年修订，2025年6月1日施行）',
      article: '第二十五条第一款',
      confidence: 'law',
    },
    counting: 'working',
  },
  complaintHandle: {
    id: 'procurement.arrears_complaint_handle',
    summaryZh: '处理投诉部门应当自收到投诉材料之日起30日内形成处理结果，情况复杂的经负责人批准可延长，最长不超过90日',
    summaryEn:
      'The handling department decides within 30 days of receiving the complaint, extendable with approval to at most 90 in all',
    source: {
      law: '保障中小企业款项支付条例（2025年修订，2025年6月1日施行）',
      article: '第二十五条第二款',
      confidence: 'law',
    },
    counting: 'calendar',
  },
  ...DUTY_RULES,
} as const satisfies Record<string, PluginRule>;

export const SIGNING_DAYS = 30;
export const FORWARD_WORKING_DAYS = 10;
export const HANDLE_DAYS = 30;

export { periodEnd, type DayCalendar };

export interface ContractFacts {
  /** Null when the source did not give it: the signing check is then unknown. */
  awardNoticeDate: LegalDate | null;
  signingDate: LegalDate | null;
  acceptanceDeadline: LegalDate | null;
  acceptanceDate: LegalDate | null;
  acceptanceResult: 'passed' | 'failed' | null;
  deliveryDate: LegalDate | null;
  supplierSme: boolean;
  amountFen: number;
  paymentTermDays: number;
  lateInterestPpmPerDay: number | null;
  payments: { paidOn: LegalDate; amountFen: number }[];
}
export type ContractFactsWithDuties = ContractFacts & Omit<DutyFacts, 'awardNoticeDate' | 'signingDate'>;

/**
 * The day acceptance is due: the contract's deadline, but never before the goods or service were delivered (a buyer
 * cannot accept what has not arrived); null while nothing is delivered. A recorded acceptance implies delivery.
 */
export function acceptanceDue(c: ContractFacts): LegalDate | null {
  if (!c.acceptanceDeadline) return null;
  const delivered = c.deliveryDate ?? c.acceptanceDate;
  if (!delivered) return null;
  return delivered > c.acceptanceDeadline ? delivered : c.acceptanceDeadline;
}

/**
 * Where the SME payment clock starts: passed acceptance (on time), else the day acceptance was due once it is late,
 * else delivery when the contract has no acceptance step; no clock before delivery, while acceptance is pending, or
 * after a failed acceptance.
 */
export function paymentClock(
  c: ContractFacts,
  today: LegalDate,
): { start: LegalDate; basis: 'delivery' | 'acceptance' | 'acceptance_deadline' } | null {
  if (c.acceptanceDeadline) {
    const due = acceptanceDue(c);
    if (!due) return null;
    const late = c.acceptanceDate ? c.acceptanceDate > due : today > due;
    if (late && c.acceptanceResult !== 'failed') return { start: due, basis: 'acceptance_deadline' };
    if (c.acceptanceDate && c.acceptanceResult === 'passed') return { start: c.acceptanceDate, basis: 'acceptance' };
    return null;
  }
  return c.deliveryDate ? { start: c.deliveryDate, basis: 'delivery' } : null;
}

export function compliance(
  cal: DayCalendar,
  c: ContractFactsWithDuties,
  today: LegalDate,
  _statutory: number = STATUTORY_LATE_INTEREST_PPM,
  lprTable: ProcurementConfig['lprTable'] = [],
): Compliance {
  const signingDeadline = c.awardNoticeDate ? periodEnd(cal, c.awardNoticeDate, SIGNING_DAYS) : null;
  const signing = signingDeadline
    ? { deadline: signingDeadline, state: deadlineState(signingDeadline, c.signingDate, today) }
    : { deadline: null, state: 'unknown' as const };
  const dueAcceptance = acceptanceDue(c);
  const acceptance = !c.acceptanceDeadline
    ? { deadline: null, state: 'not_applicable' as const }
    : dueAcceptance
      ? { deadline: dueAcceptance, state: deadlineState(dueAcceptance, c.acceptanceDate, today) }
      : { deadline: c.acceptanceDeadline, state: 'pending' as const };
  // §17: 0.05 % a day where none was agreed (fixed); an agreed rate, but never below the LPR on the signing day.
  const rate = lateRate(
    c.lateInterestPpmPerDay,
    STATUTORY_LATE_INTEREST_PPM,
    c.signingDate ?? c.awardNoticeDate ?? today,
    lprTable,
  );
  const ppm = Math.max(rate.ppm, 1);
  // §9 ¶1: a term over 60 days is recorded as agreed but payment is judged by 60.
  const term = Math.min(c.paymentTermDays, MAX_PAYMENT_TERM_DAYS);
  const flags = [...(c.supplierSme ? [termFlag(c.paymentTermDays)] : []), rate.flag].filter(
    (f): f is NonNullable<typeof f> => f !== null,
  );
  const duties = buyerDuties(cal, c, today);
  const paidFen = c.payments.filter((p) => p.paidOn <= today).reduce((s, p) => s + p.amountFen, 0);
  const outstandingFen = Math.max(c.amountFen - paidFen, 0);
  const clock = c.supplierSme ? paymentClock(c, today) : null;
  let payment: Compliance['payment'] = {
    clockStart: clock?.start ?? null,
    clockBasis: clock?.basis ?? null,
    due: null,
    state: c.supplierSme ? 'pending' : 'not_applicable',
    paidFen,
    outstandingFen,
    daysLate: 0,
    interestFen: 0,
    interestPpmPerDay: ppm,
  };
  if (clock) {
    const due = periodEnd(cal, clock.start, term);
    // Interest runs on each unpaid part from the day after the due date until it is paid (or today).
    let unpaid = c.amountFen;
    let interest = 0;
    let settledOn: LegalDate | null = null;
    for (const p of [...c.payments].filter((x) => x.paidOn <= today).sort((a, b) => a.paidOn.localeCompare(b.paidOn))) {
      const part = Math.min(p.amountFen, unpaid);
      if (p.paidOn > due) interest += (part * ppm * daysBetween(due, p.paidOn)) / 1_000_000;
      unpaid -= part;
      if (unpaid <= 0) {
        settledOn = p.paidOn;
        break;
      }
    }
    if (unpaid > 0 && today > due) interest += (unpaid * ppm * daysBetween(due, today)) / 1_000_000;
    const daysLate = settledOn ? Math.max(daysBetween(due, settledOn), 0) : today > due ? daysBetween(due, today) : 0;
    const state = settledOn ? (settledOn <= due ? 'ok' : 'late') : today > due ? 'breach' : 'pending';
    payment = { ...payment, due, state, daysLate, interestFen: Math.round(interest) };
  }
  const breaches = [
    ...(isBreach(signing.state) ? [RULES.signing.id] : []),
    ...(isBreach(acceptance.state) ? [RULES.acceptance.id] : []),
    ...(isBreach(payment.state) ? [RULES.payment.id] : []),
    ...(isBreach(duties.confirmation.state) ? [DUTY_RULES.confirmation.id] : []),
    ...(isBreach(duties.publication.state) ? [DUTY_RULES.publication.id] : []),
    ...(isBreach(duties.resultChanged.state) ? [DUTY_RULES.resultChanged.id] : []),
  ];
  return { signing, acceptance, payment, breaches, duties, flags };
}

/**
 * An arrears complaint's clocks (§25): forwarding in 10 working days from formal acceptance; handling in calendar days
 * (30, extendable to 90) from the day the handling department received it (the forwarding day).
 */
export function complaintClocks(
  cal: DayCalendar,
  acceptedOn: LegalDate,
  forwardedOn: LegalDate | null,
  handleDays: number,
) {
  const forward = cal.addWorkingDays(acceptedOn, FORWARD_WORKING_DAYS);
  return {
    forwardDue: forward.date,
    provisional: forward.provisional,
    handleDue: periodEnd(cal, forwardedOn ?? acceptedOn, handleDays),
  };
}

/** The day by which last year's overdue contracts must be published. */
export const publishBy = (year: number): LegalDate => `${year + 1}-03-31`;
