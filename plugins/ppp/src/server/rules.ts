/**
 * The PPP rules as pure functions of a project's facts and the configuration, so every answer can be tested on exact
 * dates. Each rule's text, legal source and way of counting days is in RULES (shown in the kernel's rule table).
 */
import {
  changeDefects as promiseChangeDefects,
  daysBetween,
  deadlineState,
  isNoExcuse as promiseNoExcuse,
  periodEnd,
  type ChangeReason,
  type DayCalendar,
  type LegalDate,
  type PluginRule,
} from '@chengxin/plugin-sdk';
import type { ObligationOut, PppConfig, REASONS } from '../contract';

export const RULES = {
  obligationOverdue: {
    id: 'ppp.government_obligation_overdue',
    summaryZh:
      '政府方未按PPP协议约定期限履行付费、审批、土地交付、调价等义务（宽限期届满仍未履行）的，对实施机构及履行期限届满时在任的主要负责人提出违约失信记录草稿；期限按日历日计算',
    summaryEn:
      'A government obligation in the PPP agreement (payment, approval, land, agreed price adjustment) not met by its due date plus the grace days proposes a breach draft against the implementing body and the principal official in post on the due date; calendar days',
    source: {
      law: '最高人民法院关于审理行政协议案件若干问题的规定 / 国发〔2016〕76号',
      article: '第十九条 / 第二部分（政务诚信）',
      confidence: 'law',
    },
    setting: 'graceDays, seriousAfterDaysLate',
    counting: 'calendar',
  },
  unilateralChange: {
    id: 'ppp.unilateral_change',
    summaryZh:
      '政府方单方变更、解除PPP协议，须有法定权限、经法定程序并依法补偿；缺其一，或以机构调整、政府换届、负责人变更为由的，提出违约失信记录草稿',
    summaryEn:
      'A unilateral change of the agreement needs legal authority, the legal procedure and compensation; lacking one, or justified by restructuring, a new term or a change of official, it proposes a breach draft',
    source: {
      law: '最高人民法院关于审理行政协议案件若干问题的规定 / 优化营商环境条例',
      article: '第十六条 / 第三十一条',
      confidence: 'law',
    },
  },
  noExcuse: {
    id: 'ppp.no_excuse_for_change_of_government',
    summaryZh: '不得以行政区划调整、政府换届、机构或者职能调整以及相关责任人更替等为由违约毁约',
    summaryEn:
      'Restructuring, a new government term or a change of the official in charge is no reason to break an agreement',
    source: { law: '优化营商环境条例（2019）', article: '第三十一条', confidence: 'law' },
  },
  periodOnHoliday: {
    id: 'ppp.period_end_on_holiday',
    summaryZh:
      '按日计算的期间自次日起算；期间最后一日是法定休假日的，以休假日结束的次日为最后一日（宽限期为0日时，履行期限落在休假日的顺延至下一工作日）',
    summaryEn:
      'A period in days starts the next day; one ending on a day off ends on the next working day (with no grace, a due date on a day off moves to the next working day)',
    source: { law: '中华人民共和国民法典', article: '第二百零一条、第二百零三条', confidence: 'law' },
    counting: 'calendar',
  },
  affordability: {
    id: 'ppp.fiscal_affordability_cap',
    summaryZh:
      '每一年度本级全部PPP项目从一般公共预算列支的财政支出责任，不超过当年本级一般公共预算支出的10%（比例为配置项）；超过5%的不得新上政府付费项目',
    summaryEn:
      'Yearly PPP spending duties of a level within 10 % of its general public budget expenditure (a setting); above 5 % no new government-pays projects',
    // The 10 % cap is 财金〔2015〕21号; the 5 % bar on new government-pays projects is 财金〔2019〕10号 (texts not read).
    source: {
      law: '财金〔2015〕21号《政府和社会资本合作项目财政承受能力论证指引》（10%上限）；财金〔2019〕10号《关于推进政府和社会资本合作规范发展的实施意见》（“财政支出责任占比超过5%的地区，不得新上政府付费项目”）',
      article: '第二十五条 / 规范推进PPP项目条款（条目据二手资料）',
      confidence: '2nd',
    },
    setting: 'affordabilityCapPct, governmentPaysCapPct',
  },
  newMechanism: {
    id: 'ppp.new_mechanism_no_fiscal_duty',
    summaryZh:
      '新机制（2023年11月起）项目限于使用者付费的特许经营，不得新增地方财政未来支出责任；新机制项目登记财政付费义务或采用政府付费、可行性缺口补助的，予以提示',
    summaryEn:
      'Under the 2023 mechanism projects are user-pays concessions with no new fiscal payment duties; such projects carrying fiscal payments are flagged',
    source: {
      law: '国办函〔2023〕115号《关于规范实施政府和社会资本合作新机制的指导意见》/ 基础设施和公用事业特许经营管理办法（2024）',
      article:
        '第二部分（准确把握新机制的总体要求）第（一）项（聚焦使用者付费项目，不新增地方财政未来支出责任）、第（二）项（全部采取特许经营模式）/ 第三条',
      confidence: '2nd',
    },
    setting: 'newMechanismFrom',
  },
  contractReview: {
    id: 'ppp.contract_review_before_signing',
    summaryZh:
      '政府方与社会资本签署PPP协议前须经合同审查（审查机关、日期、结论、意见留档）；签署前未经审查、签署后才审查或审查不同意仍签署的，列为问题提示，由监管人员处理',
    summaryEn:
      'The government reviews a PPP agreement before signing it (reviewer, date, conclusion and findings kept); an agreement signed without review, reviewed only afterwards or signed despite a rejection is flagged for the supervising officer',
    // The plan asks for the review; no statute makes a missing review a dishonesty record by itself, so it is a finding.
    source: {
      law: '天津市人民政府关于加强政务诚信建设的实施意见（津政发〔2017〕29号）三.2（严格审查其与社会资本签署的合同）',
      article: '三.2',
      confidence: '2nd',
    },
  },
  performanceResults: {
    id: 'ppp.performance_results',
    summaryZh:
      'PPP项目实施成效记入政府及其主要负责人的政务诚信记录：成效良好的提出守信记录草稿，未达到预期的提出失信记录草稿（实施机构及评定时在任的主要负责人），均须人工确认；与政府方义务履行分开记录',
    summaryEn:
      "A project's results enter the credit record of the body and of its principal official in post when assessed: good results propose commendation drafts, failures dishonesty drafts, for a person to confirm; apart from the keeping of obligations",
    source: {
      law: '天津市人民政府关于加强政务诚信建设的实施意见（津政发〔2017〕29号）三.2（将政府和社会资本合作项目实施成效纳入政务诚信记录）',
      article: '三.2',
      confidence: '2nd',
    },
  },
} as const satisfies Record<string, PluginRule>;

export type Reason = (typeof REASONS)[number];
/** The SDK's promise primitive decides (优化营商环境条例 §31); PPP's reasons are a subset of its codes plus `partner_default`. */
export const isNoExcuse = (reason: Reason) => promiseNoExcuse(reason as ChangeReason);

export interface ObligationFacts {
  kind: ObligationOut['kind'];
  dueDate: LegalDate;
  amountFen: number | null;
  fulfilments: { fulfilledOn: LegalDate; amountFen: number | null }[];
}

/**
 * An obligation's state on `today`: the deadline is the due date plus the grace days (民法典 §201, §203 — a deadline on
 * a day off moves to the next working day); a payment is met on the day the payments reach its amount, another duty
 * on its first fulfilment.
 */
export function obligationState(cal: DayCalendar, o: ObligationFacts, today: LegalDate, graceDays: number) {
  const deadline = periodEnd(cal, o.dueDate, graceDays);
  const done = [...o.fulfilments]
    .filter((f) => f.fulfilledOn <= today)
    .sort((a, b) => a.fulfilledOn.localeCompare(b.fulfilledOn));
  let metOn: LegalDate | null = null;
  let fulfilledFen = 0;
  for (const f of done) {
    fulfilledFen += f.amountFen ?? 0;
    if (!metOn && (o.kind !== 'payment' || fulfilledFen >= (o.amountFen ?? 0))) metOn = f.fulfilledOn;
  }
  const state = deadlineState(deadline, metOn, today);
  const outstandingFen = o.kind === 'payment' ? Math.max((o.amountFen ?? 0) - fulfilledFen, 0) : 0;
  const daysLate = metOn
    ? Math.max(daysBetween(deadline, metOn), 0)
    : state === 'breach'
      ? daysBetween(deadline, today)
      : 0;
  return { deadline, state, metOn, fulfilledFen, outstandingFen, daysLate };
}

export interface ChangeFacts {
  unilateral: boolean;
  reason: Reason;
  legalAuthority: string | null;
  procedureRecord: string | null;
  compensationFen: number | null;
}

/** What a change lacks to be lawful (the SDK's promise primitive): none for a change by agreement; a unilateral one needs authority, procedure and compensation, for an acceptable reason. */
export function changeDefects(c: ChangeFacts): string[] {
  return promiseChangeDefects({
    agreed: !c.unilateral,
    reason: c.reason as ChangeReason,
    legalAuthority: c.legalAuthority,
    procedureRecord: c.procedureRecord,
    compensationFen: c.compensationFen,
  });
}

export const regimeOf = (startDate: LegalDate, config: Pick<PppConfig, 'newMechanismFrom'>) =>
  (startDate < config.newMechanismFrom ? 'ppp_2014' : 'concession_2023') as 'ppp_2014' | 'concession_2023';

/** A project under the new mechanism that carries fiscal payment duties (or a fiscal payment mechanism) is flagged. */
export function newFiscalDutyFlag(
  regime: 'ppp_2014' | 'concession_2023',
  paymentMechanism: string,
  obligations: { kind: string }[],
): boolean {
  return (
    regime === 'concession_2023' && (paymentMechanism !== 'user_pays' || obligations.some((o) => o.kind === 'payment'))
  );
}

/** Fiscal affordability of a district for a year: spending duties against general expenditure, and the two caps. */
export function affordability(
  spendingFen: number,
  governmentPaysFen: number,
  generalExpenditureFen: number,
  config: Pick<PppConfig, 'affordabilityCapPct' | 'governmentPaysCapPct'>,
) {
  const pct = (v: number) => Math.round((v / generalExpenditureFen) * 10_000) / 100;
  const ratioPct = pct(spendingFen);
  return {
    ratioPct,
    governmentPaysRatioPct: pct(governmentPaysFen),
    overCap: spendingFen * 100 > config.affordabilityCapPct * generalExpenditureFen,
    overGovernmentPaysCap: spendingFen * 100 > config.governmentPaysCapPct * generalExpenditureFen,
  };
}
