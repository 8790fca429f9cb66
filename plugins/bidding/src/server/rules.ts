/**
 * The tenderer-side rules of 招标投标法 (2017) and its 实施条例 (2019) as pure functions of a tender's dates and
 * incidents, so every answer can be tested on exact dates. All time limits here are calendar days (日), as the statute
 * says — not working days: a period counts from the next day (民法典 §201) and one ending on a day off ends on the next
 * working day (§203); a limit counted back from the bid deadline ("at least 15 days before") is whole calendar days.
 */
import {
  addDays,
  daysBetween,
  deadlineState,
  isBreach,
  periodEnd,
  type DayCalendar,
  type LegalDate,
  type PluginRule,
} from '@chengxin/plugin-sdk';
import { INCIDENT_LABELS, type BiddingConfig, type RuleCheck, type TenderOut } from '../contract';

const LAW = '中华人民共和国招标投标法（2017年修正）';
const REG = '中华人民共和国招标投标法实施条例（2019年修订）';

export const RULES = {
  bidPeriod: {
    id: 'bidding.bid_period_20_days',
    summaryZh:
      '依法必须招标的项目，自招标文件开始发出之日起至投标截止之日止，最短不得少于20日（日历日；第20日为休假日的顺延至其后第一个工作日）',
    summaryEn:
      'Must-tender projects: at least 20 calendar days from issuing the documents to the bid deadline (a 20th day off moves to the next working day)',
    source: { law: LAW, article: '第二十四条', confidence: 'law' },
    counting: 'calendar',
  },
  clarification: {
    id: 'bidding.clarification_15_days',
    summaryZh:
      '澄清或者修改可能影响投标文件编制的，应当在投标截止时间至少15日前发出（日历日，自投标截止日倒数），不足15日的应当顺延投标截止时间',
    summaryEn:
      'A clarification affecting bids is issued at least 15 calendar days before the bid deadline (counted back from it), or the deadline is extended',
    source: { law: REG, article: '第二十一条', confidence: 'law' },
    counting: 'calendar',
  },
  publicity: {
    id: 'bidding.candidate_publicity',
    summaryZh:
      '依法必须招标的项目，招标人应当自收到评标报告之日起3日内公示中标候选人，公示期不得少于3日（日历日，自次日起算，末日为休假日的顺延）',
    summaryEn:
      'Candidates publicised within 3 calendar days of receiving the evaluation report, for at least 3 days (from the next day; a last day off moves)',
    source: { law: REG, article: '第五十四条第一款', confidence: 'law' },
    counting: 'calendar',
  },
  contract: {
    id: 'bidding.contract_30_days',
    summaryZh: '招标人和中标人应当自中标通知书发出之日起30日内订立书面合同（日历日）',
    summaryEn: 'The written contract is signed within 30 calendar days of the award notice',
    source: { law: LAW, article: '第四十六条第一款', confidence: 'law' },
    counting: 'calendar',
  },
  report: {
    id: 'bidding.report_15_days',
    summaryZh:
      '依法必须招标的项目，招标人应当自确定中标人之日起15日内向有关行政监督部门提交招标投标情况的书面报告（日历日；以中标通知书发出日为确定中标人之日）',
    summaryEn:
      'Must-tender projects: a written report to the supervising department within 15 calendar days of choosing the winner (taken as the award notice date)',
    source: { law: LAW, article: '第四十七条', confidence: 'law' },
    counting: 'calendar',
  },
  invited: {
    id: 'bidding.invited_instead_of_open',
    summaryZh: '依法应当公开招标而采用邀请招标（未经核准）的，由有关行政监督部门责令改正',
    summaryEn: 'Invited instead of open tendering where open tendering is required (without approval)',
    source: { law: REG, article: '第六十四条第一款第（一）项；第八条', confidence: 'law' },
  },
  resultChanged: {
    id: 'bidding.result_changed',
    summaryZh: '中标通知书发出后无正当理由改变中标结果的',
    summaryEn: 'Changing the result without good cause after the award notice',
    source: { law: REG, article: '第七十三条第（三）项；招标投标法第四十五条第二款', confidence: 'law' },
  },
  refusedToSign: {
    id: 'bidding.refused_to_sign',
    summaryZh: '无正当理由不与中标人订立合同的',
    summaryEn: 'Refusing without good cause to sign with the winner',
    source: { law: REG, article: '第七十三条第（四）项', confidence: 'law' },
  },
  conditionsAdded: {
    id: 'bidding.conditions_at_signing',
    summaryZh: '在订立合同时向中标人提出附加条件的',
    summaryEn: 'Adding conditions when signing with the winner',
    source: { law: REG, article: '第七十三条第（五）项', confidence: 'law' },
  },
  interference: {
    id: 'bidding.official_interference',
    summaryZh:
      '国家工作人员利用职务便利，以直接或者间接、明示或者暗示等任何方式非法干涉招标投标活动的，依法给予处分（移送纪检监察机关）；记入本人诚信档案',
    summaryEn:
      "An official unlawfully interfering in tendering is sanctioned (referred to the discipline authority) and it enters the official's own file",
    source: { law: REG, article: '第八十条', confidence: 'law' },
    setting: 'disciplineAuthority',
  },
  agencyEvaluation: {
    id: 'bidding.agency_credit_evaluation',
    summaryZh:
      '招标代理机构信用评价：指标体系与等级分数线为配置项（未见全国统一方案）；评价结果与第三方信用报告向社会公开',
    summaryEn:
      'Credit evaluation of tendering agencies: the indicator system and grade boundaries are settings (no national scheme confirmed); results and third-party reports are disclosed',
    source: { law: '本平台配置（未见全国性规定，未确认）', article: '—', confidence: 'unconfirmed' },
    setting: 'agencyIndicators, grades',
  },
  agencyEvaluationReview: {
    id: 'bidding.agency_evaluation_review',
    summaryZh:
      '代理机构信用评价录入后由录入人以外的人员审核，审核通过后方可公布；有误的评价写明理由更正后重新审核，已公布的更正后撤回待重新公布',
    summaryEn:
      'An agency evaluation is reviewed by a second person before publication; a correction states its reason and goes back to review (a published one leaves the portal until republished)',
    // The plan asks for supervision of agencies' credit and its disclosure; review before publication is our reading.
    source: {
      law: '天津市人民政府关于加强政务诚信建设的实施意见（津政发〔2017〕29号）三.3（招标投标领域政务诚信建设）',
      article: '三.3',
      confidence: '2nd',
    },
  },
  agencyDisclosure: {
    id: 'bidding.agency_disclosure',
    summaryZh:
      '向社会公开招标代理机构的资格（能力）信息、经审核的信用评价结果和已公开的动态监管信息（监督检查、投诉处理、行政处理）',
    summaryEn:
      "The agency's qualification, its reviewed evaluation and its published supervision entries (inspections, complaints, penalties) are disclosed",
    source: {
      law: '中华人民共和国招标投标法实施条例第七十九条（公告对招标代理机构等当事人违法行为的行政处理决定）；津政发〔2017〕29号 三.3',
      article: '第七十九条',
      confidence: '2nd',
    },
  },
} as const satisfies Record<string, PluginRule>;

export const BID_PERIOD_DAYS = 20;
export const CLARIFICATION_DAYS = 15;
export const PUBLICITY_START_DAYS = 3;
export const PUBLICITY_MIN_DAYS = 3;
export const CONTRACT_DAYS = 30;
export const REPORT_DAYS = 15;

export type TenderFacts = Pick<
  TenderOut,
  | 'mustTender'
  | 'openRequired'
  | 'method'
  | 'invitedApproval'
  | 'issueDate'
  | 'bidDeadline'
  | 'evaluationReportDate'
  | 'publicityStart'
  | 'publicityEnd'
  | 'awardNoticeDate'
  | 'contractDate'
  | 'reportDate'
> & {
  id: string;
  /** A tender in lots: the contract clock runs per lot, from that lot's award notice. */
  lots?: Pick<TenderOut['lots'][number], 'sourceId' | 'title' | 'status' | 'awardNoticeDate' | 'contractDate'>[];
  clarifications: { id: string; issuedOn: LegalDate; affectsBids: boolean }[];
  incidents: {
    id: string;
    kind: TenderOut['incidents'][number]['kind'];
    occurredOn: LegalDate;
    cause: string | null;
  }[];
};

const na = (ruleId: string, key: string, detail: string): RuleCheck => ({
  ruleId,
  state: 'not_applicable',
  deadline: null,
  detail,
  breachKey: key,
  breachDate: null,
});

/** Every rule's check of one tender on `today`; `breachDate` is the first day of the breach (never after today). */
export function tenderChecks(cal: DayCalendar, t: TenderFacts, today: LegalDate): RuleCheck[] {
  const out: RuleCheck[] = [];
  const at = (d: LegalDate) => (d < today ? d : today);
  const timed = (ruleId: string, key: string, deadline: LegalDate, doneOn: LegalDate | null, detail: string) => {
    const state = deadlineState(deadline, doneOn, today);
    out.push({
      ruleId,
      state,
      deadline,
      detail,
      breachKey: key,
      breachDate: isBreach(state) ? at(addDays(deadline, 1)) : null,
    });
  };
  // 法 §24: the earliest lawful bid deadline; a deadline before it is a breach from the day it was set (the issue date).
  if (t.mustTender) {
    const earliest = periodEnd(cal, t.issueDate, BID_PERIOD_DAYS);
    const ok = t.bidDeadline >= earliest;
    out.push({
      ruleId: RULES.bidPeriod.id,
      state: ok ? 'ok' : 'breach',
      deadline: earliest,
      detail: `投标截止日${t.bidDeadline}，最早可定于${earliest}（距发出招标文件${daysBetween(t.issueDate, t.bidDeadline)}日）`,
      breachKey: t.id,
      breachDate: ok ? null : at(t.issueDate),
    });
  } else out.push(na(RULES.bidPeriod.id, t.id, '非依法必须招标项目'));
  // 条例 §21: counted back from the bid deadline in whole calendar days.
  for (const c of t.clarifications.filter((x) => x.affectsBids)) {
    const latest = addDays(t.bidDeadline, -CLARIFICATION_DAYS);
    const ok = c.issuedOn <= latest;
    out.push({
      ruleId: RULES.clarification.id,
      state: ok ? 'ok' : 'breach',
      deadline: latest,
      detail: `澄清于${c.issuedOn}发出，距投标截止${daysBetween(c.issuedOn, t.bidDeadline)}日，最迟应于${latest}发出`,
      breachKey: c.id,
      breachDate: ok ? null : at(c.issuedOn),
    });
  }
  // 条例 §54: start within 3 days of the report, then at least 3 days of publicity.
  if (t.mustTender && t.evaluationReportDate) {
    timed(
      RULES.publicity.id,
      `${t.id}:start`,
      periodEnd(cal, t.evaluationReportDate, PUBLICITY_START_DAYS),
      t.publicityStart,
      `收到评标报告${t.evaluationReportDate}，公示开始${t.publicityStart ?? '未公示'}`,
    );
    if (t.publicityStart && t.publicityEnd) {
      const minEnd = periodEnd(cal, t.publicityStart, PUBLICITY_MIN_DAYS);
      const ok = t.publicityEnd >= minEnd;
      out.push({
        ruleId: RULES.publicity.id,
        state: ok ? 'ok' : 'breach',
        deadline: minEnd,
        detail: `公示${t.publicityStart}至${t.publicityEnd}，不得早于${minEnd}结束`,
        breachKey: `${t.id}:length`,
        breachDate: ok ? null : at(t.publicityEnd),
      });
    }
  }
  // 法 §46 per lot: each lot's contract within 30 days of that lot's award notice (a cancelled lot starts no clock).
  for (const l of (t.lots ?? []).filter((x) => x.status === 'active' && x.awardNoticeDate))
    timed(
      RULES.contract.id,
      `${t.id}:lot:${l.sourceId}`,
      periodEnd(cal, l.awardNoticeDate!, CONTRACT_DAYS),
      l.contractDate,
      `标段“${l.title}”中标通知书${l.awardNoticeDate}发出，合同订立${l.contractDate ?? '未订立'}`,
    );
  if (t.awardNoticeDate) {
    if ((t.lots ?? []).length === 0)
      timed(
        RULES.contract.id,
        t.id,
        periodEnd(cal, t.awardNoticeDate, CONTRACT_DAYS),
        t.contractDate,
        `中标通知书${t.awardNoticeDate}发出，合同订立${t.contractDate ?? '未订立'}`,
      );
    if (t.mustTender)
      timed(
        RULES.report.id,
        t.id,
        periodEnd(cal, t.awardNoticeDate, REPORT_DAYS),
        t.reportDate,
        `中标通知书${t.awardNoticeDate}发出，书面报告${t.reportDate ?? '未提交'}`,
      );
  }
  if (t.method === 'invited' && t.openRequired) {
    const ok = Boolean(t.invitedApproval);
    out.push({
      ruleId: RULES.invited.id,
      state: ok ? 'ok' : 'breach',
      deadline: null,
      detail: ok ? `邀请招标经核准：${t.invitedApproval}` : '依法应当公开招标的项目采用邀请招标，未见核准文件',
      breachKey: t.id,
      breachDate: ok ? null : at(t.issueDate),
    });
  }
  for (const x of t.incidents) {
    const ruleId =
      x.kind === 'result_changed'
        ? RULES.resultChanged.id
        : x.kind === 'refused_to_sign'
          ? RULES.refusedToSign.id
          : RULES.conditionsAdded.id;
    // 条例 §73 binds only the tenderer of a project that must be tendered (依法必须进行招标的项目); elsewhere the same
    // conduct is a civil matter (招标投标法 §45 ¶2), not a breach this rule records.
    if (!t.mustTender) {
      out.push(
        na(
          ruleId,
          x.id,
          `非依法必须招标项目，招标投标法实施条例第七十三条不适用：${INCIDENT_LABELS[x.kind].zh}（${x.occurredOn}）`,
        ),
      );
      continue;
    }
    // Refusal to sign is a breach only without a cause; a cause given is for the officer to weigh, so it is shown, not judged.
    const excused = x.kind === 'refused_to_sign' && Boolean(x.cause);
    out.push({
      ruleId,
      state: excused ? 'ok' : 'breach',
      deadline: null,
      detail: `${INCIDENT_LABELS[x.kind].zh}（${x.occurredOn}）${x.cause ? `，招标人称：${x.cause}` : ''}`,
      breachKey: x.id,
      breachDate: excused ? null : at(x.occurredOn),
    });
  }
  return out;
}

/** An agency's credit score under the configured indicator system: each score capped at its maximum, the grade by the boundaries. */
export function gradeAgency(
  scores: Record<string, number>,
  config: Pick<BiddingConfig, 'agencyIndicators' | 'grades'>,
) {
  const unknown = Object.keys(scores).filter((k) => !config.agencyIndicators.some((i) => i.key === k));
  const missing = config.agencyIndicators.filter((i) => scores[i.key] === undefined).map((i) => i.key);
  const over = config.agencyIndicators.filter((i) => (scores[i.key] ?? 0) > i.max).map((i) => i.key);
  const breakdown = config.agencyIndicators.map((i) => ({
    key: i.key,
    labelZh: i.labelZh,
    max: i.max,
    score: scores[i.key] ?? 0,
  }));
  const max = breakdown.reduce((s, i) => s + i.max, 0);
  const total = Math.round((breakdown.reduce((s, i) => s + i.score, 0) / max) * 10_000) / 100;
  const g = config.grades;
  const grade = total >= g.A ? 'A' : total >= g.B ? 'B' : total >= g.C ? 'C' : 'D';
  return { breakdown, total, grade, unknown, missing, over };
}
