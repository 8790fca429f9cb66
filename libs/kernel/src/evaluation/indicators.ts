/**
 * The kernel's evaluation indicators. Each one names its source and its parameters (with defaults), and writes its
 * contributions — one row per record or process that counts, with its amount — straight into
 * kernel.evaluation_contribution in a single INSERT … SELECT, so a run over a million records never ships them through
 * the application and every score can be traced back to what made it. Values are then aggregated from those rows:
 * `share` indicators are the percentage of rows with amount 1, `density` indicators the summed amount per body of the
 * subtree.
 */
import { sql, type SQL } from 'drizzle-orm';
import type { RuleSource } from '../records';

export type Aggregate = 'share' | 'density';

export interface KernelIndicator {
  key: string;
  labelZh: string;
  labelEn: string;
  unit: string;
  better: 'higher' | 'lower';
  aggregate: Aggregate;
  descriptionZh: string;
  params: Record<string, { default: number; labelZh: string }>;
  source: RuleSource;
  /**
   * SELECT of (org_id, entity, entity_id, amount) for the bodies of the run; `orgMap` is a relation (org_id, body_id)
   * mapping every body of a subtree to the evaluated body, `from`/`to` the year's first and last day and `cutoff` the
   * last day whose deadlines can have passed (the year's end, or today in the current year).
   */
  contributions(q: {
    orgMap: SQL;
    from: string;
    to: string;
    cutoff: string;
    year: number;
    params: Record<string, number>;
  }): SQL;
}

const PLAN: RuleSource = {
  law: '天津市人民政府关于加强政务诚信建设的实施意见（津政发〔2017〕29号）',
  article: '开展政务诚信评价；建立政务诚信评价指标体系（指标权重与计分方法未公布，为可配置项）',
  confidence: 'unconfirmed',
};
const STATE_COUNCIL: RuleSource = {
  law: '国务院关于加强政务诚信建设的指导意见（国发〔2016〕76号）',
  article: '建立健全政务诚信评价制度（指标、权重为可配置项）',
  confidence: 'unconfirmed',
};
/** Records that stand: approved or later, not revoked (a repaired or expired record still happened). */
const STANDING = sql.raw(`('approved', 'published', 'expired', 'repaired', 'archived')`);

export const KERNEL_INDICATORS: readonly KernelIndicator[] = [
  {
    key: 'kernel.dishonesty',
    labelZh: '政务失信记录（按严重程度和时间加权，单位平均）',
    labelEn: 'Dishonesty records weighted by severity and recency, per body',
    unit: '条/单位',
    better: 'lower',
    aggregate: 'density',
    descriptionZh:
      '本单位及下属单位作出日期在评价年度及此前若干年内的失信记录，按严重程度赋权，每早一年乘以衰减系数，再除以辖区单位数。已撤销的不计。',
    params: {
      minor: { default: 1, labelZh: '轻微失信权重' },
      ordinary: { default: 3, labelZh: '一般失信权重' },
      serious: { default: 10, labelZh: '严重失信权重' },
      lookbackYears: { default: 3, labelZh: '回溯年数（含评价年度）' },
      decay: { default: 0.5, labelZh: '每早一年的衰减系数' },
      selfCorrected: { default: 0.5, labelZh: '主动自新从轻扣分的系数（免于扣分的记0）' },
    },
    source: PLAN,
    // A self-correction decided by the year's end (plan 二.5) waives the deduction (0) or lightens it (the factor);
    // the record still shows in the breakdown, with its reduced amount.
    contributions: ({ orgMap, to, year, params }) => sql`
      select m.body_id, 'record', r.id,
        (case r.severity when 'minor' then ${params['minor']!}::numeric when 'ordinary' then ${params['ordinary']!}::numeric else ${params['serious']!}::numeric end)
          * power(${params['decay']!}::numeric, ${year} - extract(year from r.decision_date)::int)
          * coalesce((select case when s.measures @> '[{"measure":"evaluation","effect":"waived"}]'::jsonb then 0::numeric else ${params['selfCorrected']!}::numeric end
              from kernel.self_correction s where s.record_id = r.id and s.granted and s.decided_on <= ${to}::date
                and s.measures @> '[{"measure":"evaluation"}]'::jsonb order by s.decided_on desc limit 1), 1::numeric)
      from kernel.current_record r
      join ${orgMap} m on m.org_id = r.org_id
      where r.polarity = 'dishonesty' and r.status in ${STANDING}
        and r.decision_date > (${to}::date - make_interval(years => ${Math.max(1, Math.round(params['lookbackYears']!))}))
        and r.decision_date <= ${to}::date`,
  },
  {
    key: 'kernel.criticism_notices',
    labelZh: '被公开通报批评（单位平均）',
    labelEn: 'Public criticism notices per body',
    unit: '份/单位',
    better: 'lower',
    aggregate: 'density',
    descriptionZh:
      '评价年度内发布的、针对本单位及下属单位的公开通报批评份数，除以辖区单位数。已撤回的、依据记录被撤销的，以及经主动自新免于或从轻通报的不计。',
    params: {},
    source: {
      law: '天津市人民政府关于加强政务诚信建设的实施意见（津政发〔2017〕29号）',
      article: '二.4 予以公开通报批评；评价中计入与否、权重为可配置项',
      confidence: 'unconfirmed',
    },
    contributions: ({ orgMap, from, to }) => sql`
      select m.body_id, 'notice', n.id, 1::numeric
      from kernel.criticism_notice n join ${orgMap} m on m.org_id = n.target_org_id
      where n.status = 'published' and n.published_on between ${from}::date and ${to}::date
        and not exists (select 1 from kernel.criticism_notice_record nr join kernel.record_event e on e.record_id = nr.record_id
          where nr.notice_id = n.id and e.to_status = 'revoked')
        and not exists (select 1 from kernel.criticism_notice_record nr join kernel.self_correction s on s.record_id = nr.record_id
          where nr.notice_id = n.id and s.granted and s.measures @> '[{"measure":"notice"}]'::jsonb)`,
  },
  {
    key: 'kernel.commendations',
    labelZh: '守信表彰（单位平均）',
    labelEn: 'Commendations per body',
    unit: '项/单位',
    better: 'higher',
    aggregate: 'density',
    descriptionZh: '本单位及下属单位和人员在评价年度内获得的表彰奖励（守信记录），除以辖区单位数。',
    params: {},
    source: PLAN,
    contributions: ({ orgMap, from, to }) => sql`
      select m.body_id, 'record', r.id, 1::numeric
      from kernel.current_record r
      join ${orgMap} m on m.org_id = r.org_id
      where r.polarity = 'commendation' and r.status in ${STANDING} and r.decision_date between ${from}::date and ${to}::date`,
  },
  {
    key: 'kernel.rectifications_on_time',
    labelZh: '限期整改按期完成率',
    labelEn: 'Rectifications completed on time',
    unit: '%',
    better: 'higher',
    aggregate: 'share',
    descriptionZh:
      '期限（整改完成期限，未定方案的为书面说明期限）在评价年度内且已届满的整改，按期完成的比例。因记录撤销或修复而取消的不计。',
    params: {},
    source: STATE_COUNCIL,
    contributions: ({ orgMap, from, cutoff }) => sql`
      select m.body_id, 'rectification', x.id,
        case when coalesce(case when x.completion_due is not null then x.completed_on end, case when x.completion_due is null then x.explained_on end)
          <= coalesce(x.completion_due, x.explanation_due) then 1 else 0 end::numeric
      from kernel.rectification x join ${orgMap} m on m.org_id = x.org_id
      where x.status <> 'cancelled' and coalesce(x.completion_due, x.explanation_due) between ${from}::date and ${cutoff}::date`,
  },
  {
    key: 'kernel.objections_founded',
    labelZh: '异议成立率（记录被更正或撤销）',
    labelEn: 'Objections founded (record corrected or revoked)',
    unit: '%',
    better: 'lower',
    aggregate: 'share',
    descriptionZh: '评价年度内作出决定的异议中，记录被更正或撤销的比例——反映报送记录的准确性。',
    params: {},
    source: PLAN,
    contributions: ({ orgMap, from, to }) => sql`
      select m.body_id, 'objection', o.id, case when o.outcome in ('corrected', 'revoked') then 1 else 0 end::numeric
      from kernel.objection o join kernel.credit_record r on r.id = o.record_id join ${orgMap} m on m.org_id = r.org_id
      where o.status = 'decided' and o.decided_on between ${from}::date and ${to}::date`,
  },
  {
    key: 'kernel.complaints_on_time',
    labelZh: '投诉举报按期办结率',
    labelEn: 'Complaints closed on time',
    unit: '%',
    better: 'higher',
    aggregate: 'share',
    descriptionZh: '办理期限在评价年度内且已届满的投诉举报（重复件不计），在期限内办结的比例；按被投诉单位归属。',
    params: {},
    source: STATE_COUNCIL,
    contributions: ({ orgMap, from, cutoff }) => sql`
      select m.body_id, 'complaint', c.id, case when c.closed_on is not null and c.closed_on <= c.handle_due then 1 else 0 end::numeric
      from kernel.complaint c join ${orgMap} m on m.org_id = coalesce(c.about_org_id, c.handling_org_id)
      where c.duplicate_of is null and c.handle_due between ${from}::date and ${cutoff}::date`,
  },
  {
    key: 'kernel.proposals_on_time',
    labelZh: '人大代表建议和政协提案按期答复率',
    labelEn: "Deputies' suggestions and CPPCC proposals answered on time",
    unit: '%',
    better: 'higher',
    aggregate: 'share',
    descriptionZh: '答复期限在评价年度内且已届满的建议、提案，在期限内答复的比例。',
    params: {},
    source: STATE_COUNCIL,
    contributions: ({ orgMap, from, cutoff }) => sql`
      select m.body_id, 'proposal', p.id, case when p.answered_on is not null and p.answered_on <= p.due_on then 1 else 0 end::numeric
      from kernel.proposal p join ${orgMap} m on m.org_id = p.handling_org_id
      where p.due_on between ${from}::date and ${cutoff}::date`,
  },
  {
    key: 'kernel.inspection_findings',
    labelZh: '专项督导发现问题（单位平均）',
    labelEn: 'Inspection findings per body',
    unit: '项/单位',
    better: 'lower',
    aggregate: 'density',
    descriptionZh: '评价年度内专项督导在本单位及下属单位发现的问题数，除以辖区单位数。',
    params: {},
    source: STATE_COUNCIL,
    contributions: ({ orgMap, from, to }) => sql`
      select m.body_id, 'finding', f.id, 1::numeric
      from kernel.inspection_finding f join kernel.inspection i on i.id = f.inspection_id join ${orgMap} m on m.org_id = i.target_org_id
      where f.found_on between ${from}::date and ${to}::date`,
  },
];

export const kernelIndicator = (key: string): KernelIndicator | undefined =>
  KERNEL_INDICATORS.find((i) => i.key === key);

/** The parameters an indicator runs with: its defaults, overridden by the scheme's. */
export function indicatorParams(indicator: KernelIndicator, given: Record<string, number>): Record<string, number> {
  return Object.fromEntries(Object.entries(indicator.params).map(([name, p]) => [name, given[name] ?? p.default]));
}
