/**
 * The buyer's duties around the award (政府采购法实施条例 §43 ¶1, §50; 政府采购法 §46 ¶2) and the terms the SME
 * Payment Regulation makes unlawful but that are recorded as agreed (§9 ¶1 term over 60 days, §17 rate below the LPR).
 * Pure functions of a contract's dates, tested on exact dates.
 */
import { deadlineState, type DayCalendar, type LegalDate, type PluginRule } from '@chengxin/plugin-sdk';
import { MAX_PAYMENT_TERM_DAYS, type Compliance, type ProcurementConfig } from '../contract';

const REG = '中华人民共和国政府采购法实施条例（2015）';
const SME = '保障中小企业款项支付条例（2025年修订，2025年6月1日施行）';

export const DUTY_RULES = {
  confirmation: {
    id: 'procurement.confirm_supplier_5_working_days',
    summaryZh: '采购人应当自收到评审报告之日起5个工作日内，在评审报告推荐的候选人中按顺序确定中标或者成交供应商',
    summaryEn: 'The buyer confirms the winning supplier within 5 working days of receiving the evaluation report',
    source: { law: REG, article: '第四十三条第一款', confidence: 'law' },
    counting: 'working',
  },
  publication: {
    id: 'procurement.publish_contract_2_working_days',
    summaryZh:
      '采购人应当自政府采购合同签订之日起2个工作日内，将合同在省级以上人民政府财政部门指定的媒体上公告（涉及国家秘密、商业秘密的内容除外）',
    summaryEn: 'The buyer publishes the contract within 2 working days of signing (secrets excepted)',
    source: { law: REG, article: '第五十条', confidence: 'law' },
    counting: 'working',
  },
  resultChanged: {
    id: 'procurement.result_changed_after_award',
    summaryZh: '中标、成交通知书发出后，采购人改变中标、成交结果的，应当依法承担法律责任',
    summaryEn: 'A buyer that changes the result after the award notice is liable',
    source: { law: '中华人民共和国政府采购法（2014）', article: '第四十六条第二款', confidence: 'law' },
  },
  responsibility: {
    id: 'procurement.integrity_responsibility',
    summaryZh: '政务诚信责任制：合同登记了负责人的，违约失信记录草稿同时对该负责人提出（与单位记录关联）',
    summaryEn:
      "Integrity responsibility: where a contract names its responsible official, breach drafts also name that person (linked to the body's)",
    source: {
      law: '天津市人民政府关于加强政务诚信建设的实施意见（津政发〔2017〕29号）',
      article: '建立政务诚信责任制',
      confidence: '2nd',
    },
  },
  termOver60: {
    id: 'procurement.payment_term_over_60',
    summaryZh:
      '机关、事业单位从中小企业采购，合同约定的付款期限最长不得超过60日：超过的照约定登记、予以标记，付款按60日判断',
    summaryEn: 'A payment term over 60 days is unlawful: recorded as agreed, flagged, and payment is judged by 60 days',
    source: { law: SME, article: '第九条第一款', confidence: 'law' },
    counting: 'calendar',
  },
  interestBelowLpr: {
    id: 'procurement.interest_below_lpr',
    summaryZh:
      '约定的逾期利率不得低于合同订立时1年期贷款市场报价利率（LPR）：低于的予以标记，逾期利息按LPR计算（LPR表为配置项，按全国银行间同业拆借中心公布值）；未约定的按每日万分之五，不可配置',
    summaryEn:
      'An agreed late rate below the 1-year LPR at signing is flagged and interest is computed at the LPR (the LPR table is a setting with the published values); with none agreed, 0.05 % a day, fixed',
    source: { law: SME, article: '第十七条', confidence: 'law' },
    setting: 'lprTable',
  },
} as const satisfies Record<string, PluginRule>;

export interface DutyFacts {
  awardNoticeDate: LegalDate | null;
  signingDate: LegalDate | null;
  evaluationReportDate?: LegalDate | null;
  supplierConfirmedOn?: LegalDate | null;
  contractPublishedOn?: LegalDate | null;
  resultChangedOn?: LegalDate | null;
}

const working = (
  cal: DayCalendar,
  from: LegalDate | null | undefined,
  n: number,
  doneOn: LegalDate | null | undefined,
  today: LegalDate,
) => {
  if (!from) return { deadline: null, state: 'not_applicable' as const, provisional: false };
  const due = cal.addWorkingDays(from, n);
  return { deadline: due.date, state: deadlineState(due.date, doneOn ?? null, today), provisional: due.provisional };
};

export function buyerDuties(cal: DayCalendar, c: DutyFacts, today: LegalDate): Compliance['duties'] {
  return {
    confirmation: working(
      cal,
      c.evaluationReportDate,
      5,
      c.supplierConfirmedOn ?? (c.evaluationReportDate ? c.awardNoticeDate : null),
      today,
    ),
    // Judged once the publication day is recorded: contracts registered before this rule carry none, and "not recorded"
    // is not "not published". Until then the deadline is shown and the state is not applicable.
    publication: c.contractPublishedOn
      ? working(cal, c.signingDate, 2, c.contractPublishedOn, today)
      : { ...working(cal, c.signingDate, 2, null, today), state: 'not_applicable' as const },
    resultChanged: { on: c.resultChangedOn ?? null, state: c.resultChangedOn ? 'breach' : 'not_applicable' },
  };
}

/** The 1-year LPR (basis points) in force on a day; null before the first value of the table. */
export function lprOn(table: ProcurementConfig['lprTable'], day: LegalDate): number | null {
  const hit = [...table]
    .sort((a, b) => (a.from < b.from ? -1 : 1))
    .filter((r) => r.from <= day)
    .at(-1);
  return hit ? hit.bp : null;
}

/** An annual rate in basis points as parts per million a day (a year of 360 days, the PBoC day-rate convention). */
export const bpToPpmPerDay = (bp: number) => Math.ceil((bp * 100) / 360);

/**
 * The daily late rate applied (ppm) and the flags: a term over 60 days, an agreed rate below the LPR at signing (or at
 * the award when the signing is not recorded). Interest is never computed below the LPR.
 */
export function lateRate(
  agreedPpm: number | null,
  statutoryPpm: number,
  signedOn: LegalDate,
  lprTable: ProcurementConfig['lprTable'],
) {
  if (agreedPpm === null) return { ppm: statutoryPpm, flag: null };
  const lpr = lprOn(lprTable, signedOn);
  const floor = lpr === null ? 0 : bpToPpmPerDay(lpr);
  if (agreedPpm >= floor) return { ppm: agreedPpm, flag: null };
  return {
    ppm: floor,
    flag: {
      ruleId: DUTY_RULES.interestBelowLpr.id,
      messageZh: `约定逾期利率每日百万分之${agreedPpm}（年化${((agreedPpm * 360) / 10_000).toFixed(2)}%）低于合同订立时（${signedOn}）1年期LPR ${(lpr! / 100).toFixed(2)}%，按LPR计息（保障中小企业款项支付条例第十七条）`,
    },
  };
}

export const termFlag = (termDays: number) =>
  termDays > MAX_PAYMENT_TERM_DAYS
    ? {
        ruleId: DUTY_RULES.termOver60.id,
        messageZh: `约定付款期限${termDays}日超过${MAX_PAYMENT_TERM_DAYS}日（保障中小企业款项支付条例第九条第一款），按${MAX_PAYMENT_TERM_DAYS}日判断`,
      }
    : null;
