import { rows, type Queryable } from '@chengxin/db';
import { sql } from 'drizzle-orm';
import {
  addDays,
  formatLegalDate,
  type LegalDate,
  RECORD_TYPE_LABELS,
  SANCTION_LABELS,
  type SanctionType,
} from '@chengxin/contract';
import {
  ASSESSMENT_RULES,
  GRADE_LABELS,
  GRADES,
  HEAVY_NEXT_YEAR_ON,
  HEAVY_SANCTIONS,
  inForce,
  NO_GRADE_SANCTIONS,
  inForceAtYearEnd,
} from './rules/assessment';
import type { AppliedRule } from '../records';
import { FILE_RULES } from './rules/file-rules';
import { notFound } from '../core';
import { LIFTING_WITHHELD, liftingDates, readingValue } from '../records';
import { measureTextZh, mitigationsOf, NOTICE_HONOURS_RULE, type Mitigation } from '../measures';

/** A dishonesty record's binding window: a sanction's impact period, otherwise its publication window (ended early by repair). */
interface Binding {
  recordId: string;
  subjectId: string;
  typeKey: string;
  sanctionType: SanctionType | null;
  decisionDate: LegalDate;
  from: LegalDate;
  until: LegalDate | null;
  /** A sanction whose lifting a later sanction withheld: its period's own end, and the sanction that held it. */
  heldBy?: { recordId: string; periodEnd: LegalDate | null };
  /** The minimum publication end (the lightened honours bar runs to it). */
  minEnd: LegalDate | null;
  /** Granted self-correction decisions on the record (plan 二.5). */
  mitigations: Mitigation[];
}

export interface Reason extends AppliedRule {
  recordId: string;
  describedZh: string;
  from: LegalDate;
  until: LegalDate | null;
}

/**
 * Confirmed dishonesty records of the subjects. Revoked ones never bound, also when later archived (any event to
 * 'revoked' excludes the record); drafts do not yet. A repair ends the window on its day unless a later broken promise
 * restored publication (then the repair is as if it had not happened); an archived record keeps its repair end.
 */
async function bindings(db: Queryable, kind: 'person' | 'org', ids: string[]): Promise<Binding[]> {
  if (ids.length === 0) return [];
  const list = await rows<{
    id: string;
    subject_id: string;
    type_key: string;
    sanction_type: SanctionType | null;
    decision_date: string;
    impact_start: string | null;
    impact_end: string | null;
    pub_start: string | null;
    min_end: string | null;
    max_end: string | null;
    repaired_on: string | null;
  }>(
    db,
    sql`
    select r.id::text, ${kind === 'person' ? sql`r.person_id` : sql`r.org_id`}::text as subject_id, r.type_key, r.sanction_type, r.decision_date::text,
      r.impact_start::text, r.impact_end::text, r.publication_start::text as pub_start, r.publication_min_end::text as min_end, r.publication_max_end::text as max_end,
      (select case when e.to_status = 'repaired' then coalesce(e.effective_date, (e.at at time zone 'Asia/Shanghai')::date)::text end
         from kernel.record_event e where e.record_id = r.id and (e.to_status = 'repaired' or e.action = 'restore') order by e.id desc limit 1) as repaired_on
    from kernel.current_record r
    where ${kind === 'person' ? sql`r.person_id` : sql`r.org_id`} = any(${sql.param(ids)}::uuid[]) ${kind === 'org' ? sql`and r.subject_kind = 'org'` : sql``}
      and r.polarity = 'dishonesty' and r.status in ('approved', 'published', 'expired', 'repaired', 'archived')
      and not exists (select 1 from kernel.record_event e where e.record_id = r.id and e.to_status = 'revoked')`,
  );
  const out: Binding[] = list.map((r) => {
    if (r.sanction_type && r.impact_start)
      return {
        recordId: r.id,
        subjectId: r.subject_id,
        typeKey: r.type_key,
        sanctionType: r.sanction_type,
        decisionDate: r.decision_date,
        from: r.impact_start,
        until: r.impact_end,
        minEnd: null,
        mitigations: [],
      };
    const until = r.repaired_on && (!r.max_end || r.repaired_on < r.max_end) ? r.repaired_on : r.max_end;
    return {
      recordId: r.id,
      subjectId: r.subject_id,
      typeKey: r.type_key,
      sanctionType: null,
      decisionDate: r.decision_date,
      from: r.pub_start ?? r.decision_date,
      until,
      minEnd: r.min_end,
      mitigations: [],
    };
  });
  const mitigations = await mitigationsOf(
    db,
    out.map((b) => b.recordId),
  );
  for (const m of mitigations) out.find((b) => b.recordId === m.recordId)?.mitigations.push(m);
  return withLifting(out);
}

/** A sanction is lifted only after a period without a new one (rules/lifting.ts): extend each person's held sanctions. */
function withLifting(list: Binding[]): Binding[] {
  const sanctions = list.filter((b) => b.sanctionType);
  const bySubject = new Map<string, Binding[]>();
  for (const b of sanctions) bySubject.set(b.subjectId, [...(bySubject.get(b.subjectId) ?? []), b]);
  for (const mine of bySubject.values()) {
    if (mine.length < 2) continue;
    const dates = liftingDates(mine.map((b) => ({ id: b.recordId, start: b.from, end: b.until })));
    for (const b of mine) {
      const d = dates.get(b.recordId)!;
      if (d.heldBy) {
        b.heldBy = { recordId: d.heldBy, periodEnd: b.until };
        b.until = d.until;
      }
    }
  }
  return list;
}

const overlaps = (b: Binding, from: LegalDate, to: LegalDate) => b.from < to && (!b.until || b.until > from);
const describe = (b: Binding) =>
  `${RECORD_TYPE_LABELS[b.typeKey as keyof typeof RECORD_TYPE_LABELS]?.zh ?? b.typeKey}${b.sanctionType ? `（${SANCTION_LABELS[b.sanctionType].zh}）` : ''}，${b.from}至${b.until ?? '长期'}${b.heldBy ? `（处分期至${b.heldBy.periodEnd}，因期内又受处分未解除）` : ''}`;
const reason = (rule: AppliedRule, b: Binding): Reason => ({
  ...rule,
  recordId: b.recordId,
  describedZh: describe(b),
  from: b.from,
  until: b.until,
});
/** The reasons a binding gives under a rule: the rule, and when its lifting was withheld, the rule that withheld it. */
const reasonsFor = (rule: AppliedRule, b: Binding): Reason[] =>
  b.heldBy ? [reason(rule, b), reason(LIFTING_WITHHELD, b)] : [reason(rule, b)];

/**
 * A binding as the plan's own bars see it (评优评先: 优秀 in the assessment, honours) after a self-correction decision
 * made by `asOf` (plan 二.5): waived, the bar ends on the decision day; lightened, at the minimum publication end (not
 * before the decision day). Statutory bars (考核规定, 公务员法) never change.
 */
function planBinding(b: Binding, asOf: LegalDate): Binding {
  const m = b.mitigations.find((x) => x.measure === 'honours' && x.decidedOn <= asOf);
  if (!m) return b;
  const cut = m.effect === 'waived' ? m.decidedOn : b.minEnd && b.minEnd > m.decidedOn ? b.minEnd : m.decidedOn;
  return { ...b, until: b.until === null || cut < b.until ? cut : b.until };
}

/** Every granted self-correction on the subject's records decided by `asOf`, and whether it changed this answer. */
function mitigationsFor(list: Binding[], asOf: LegalDate, planAnswer: boolean) {
  return list.flatMap((b) =>
    b.mitigations
      .filter((m) => m.decidedOn <= asOf)
      .map((m) => {
        const applied = planAnswer && m.measure === 'honours';
        const text = measureTextZh(m.measure, m.effect);
        return {
          ...m,
          applied,
          textZh: applied
            ? text
            : m.measure === 'honours'
              ? `${text}；本项依据法律、法规规定判断，不因主动自新改变`
              : `${text}（不涉及本项）`,
        };
      }),
  );
}

/**
 * "May this civil servant be rated 优秀 for this year, or graded at all?" — with every record and rule behind it. Two
 * sources answer separately and both are shown: the assessment rules (考核规定), keyed on the year a sanction is
 * imposed, and the Tianjin plan, keyed on a dishonesty record being in effect during the year.
 */
function assess(personId: string, year: number, list: Binding[]) {
  const from = formatLegalDate(year, 1, 1);
  const to = formatLegalDate(year + 1, 1, 1);
  const reasons: Reason[] = [];
  const plan = { mayBeExcellent: true, mayBeGraded: true };
  const rules = { mayBeExcellent: true, mayBeGraded: true };
  const R = ASSESSMENT_RULES;
  const yearEnd = formatLegalDate(year, 12, 31);
  for (const b of list) {
    const imposedIn = b.sanctionType ? Number(b.from.slice(0, 4)) : null;
    const pb = planBinding(b, yearEnd);
    if (overlaps(pb, from, to) && inForce(R.dishonesty, from, to)) {
      plan.mayBeExcellent = false;
      reasons.push(reason(R.dishonesty, pb));
    }
    if (b.sanctionType === 'warning' && imposedIn === year && inForce(R.warning, from, to)) {
      rules.mayBeExcellent = false;
      reasons.push(reason(R.warning, b));
    }
    if (b.sanctionType && NO_GRADE_SANCTIONS.includes(b.sanctionType)) {
      if (inForceAtYearEnd(R.demeritOrHeavierImposed, year)) {
        if (imposedIn === year) {
          rules.mayBeGraded = false;
          reasons.push(reason(R.demeritOrHeavierImposed, b));
        }
      } else if (overlaps(b, from, to) && inForce(R.demeritOrHeavier, from, to)) {
        rules.mayBeGraded = false;
        reasons.push(...reasonsFor(R.demeritOrHeavier, b));
      }
    }
    if (HEAVY_NEXT_YEAR_ON() && b.sanctionType && HEAVY_SANCTIONS.includes(b.sanctionType) && imposedIn === year - 1) {
      rules.mayBeExcellent = false;
      rules.mayBeGraded = false;
      reasons.push(reason(ASSESSMENT_RULES.heavyNextYear, b));
    }
  }
  const excellent = plan.mayBeExcellent && rules.mayBeExcellent;
  const graded = rules.mayBeGraded;
  const allowed = graded
    ? GRADES.filter((g) => excellent || g !== 'excellent').map((g) => GRADE_LABELS[g])
    : [GRADE_LABELS.ungraded];
  const summaryZh = !graded
    ? `${year}年度考核不定等次（只写评语）`
    : excellent
      ? `${year}年度考核可评为任一等次`
      : `${year}年度考核不得评为优秀`;
  const summaryEn = !graded
    ? `${year}: assessed without a grade`
    : excellent
      ? `${year}: any grade may be given`
      : `${year}: may not be rated 优秀`;
  const bySource = [
    { source: 'assessment-rules' as const, labelZh: '公务员考核规定（按给予处分的年度）', ...rules },
    { source: 'plan' as const, labelZh: '天津市政务诚信实施方案（失信记录有效期内不得评优）', ...plan },
  ];
  return {
    personId,
    year,
    mayBeExcellent: excellent && graded,
    mayBeGraded: graded,
    allowedGrades: allowed,
    summaryZh,
    summaryEn,
    reasons,
    bySource,
    mitigations: mitigationsFor(list, yearEnd, true),
  };
}

export async function annualAssessment(db: Queryable, personId: string, year: number) {
  const [p] = await rows<{ id: string }>(db, sql`select id from kernel.person where id = ${personId}`);
  if (!p) throw notFound('person', '人员', personId);
  return assess(personId, year, await bindings(db, 'person', [personId]));
}

/** The batch form for assessors: everyone who held a post in the body (or below it) during the year. */
export async function annualAssessmentForOrg(db: Queryable, orgId: string, year: number, subtree: boolean) {
  const from = formatLegalDate(year, 1, 1);
  const to = formatLegalDate(year + 1, 1, 1);
  const people = await rows<{ id: string; name: string; org_name: string; title: string }>(
    db,
    sql`
    select distinct on (p.id) p.id::text, p.name, o.name as org_name, po.title
    from kernel.tenure t join kernel.person p on p.id = t.person_id join kernel.org_unit o on o.id = t.org_id join kernel.post po on po.id = t.post_id
    where ${subtree ? sql`(o.path = (select path from kernel.org_unit where id = ${orgId}) or o.path like (select path from kernel.org_unit where id = ${orgId}) || '/%')` : sql`t.org_id = ${orgId}`}
      and t.start_date < ${to}::date and (t.end_date is null or t.end_date >= ${from}::date)
    order by p.id, t.start_date desc`,
  );
  const all = await bindings(
    db,
    'person',
    people.map((p) => p.id),
  );
  const bySubject = new Map<string, Binding[]>();
  for (const b of all) bySubject.set(b.subjectId, [...(bySubject.get(b.subjectId) ?? []), b]);
  return people
    .sort((a, b) => a.name.localeCompare(b.name, 'zh'))
    .map((p) => ({
      name: p.name,
      orgName: p.org_name,
      postTitle: p.title,
      ...assess(p.id, year, bySubject.get(p.id) ?? []),
    }));
}

/** May the body be put forward for honours on this date? */
export async function honoursEligibility(db: Queryable, orgId: string, date: LegalDate) {
  const all = await bindings(db, 'org', [orgId]);
  const list = inForce(ASSESSMENT_RULES.honours, date, nextDay(date))
    ? all.map((b) => planBinding(b, date)).filter((b) => overlaps(b, date, nextDay(date)))
    : [];
  const mitigations = mitigationsFor(all, date, true);
  const exempted = mitigations.filter((m) => m.applied).length;
  const notices = await noticesBinding(
    db,
    orgId,
    date,
    list.map((b) => b.recordId),
  );
  return {
    orgId,
    date,
    eligible: list.length === 0,
    summaryZh:
      (list.length
        ? `有${list.length}条有效失信记录${notices.length ? `、${notices.length}份公开通报批评` : ''}，不得参加荣誉评选`
        : '可以参加荣誉评选') + (exempted ? `（${exempted}条记录经主动自新从轻或免于评优评先限制）` : ''),
    reasons: list.map((b) => reason(ASSESSMENT_RULES.honours, b)),
    notices,
    mitigations,
  };
}

/** Published notices against the body on `date` that rest on a record binding that day: the bar cites them. */
async function noticesBinding(db: Queryable, orgId: string, date: LegalDate, binding: string[]) {
  if (binding.length === 0) return [];
  const list = await rows<{
    id: string;
    title: string;
    document_no: string | null;
    published_on: string;
    issuer: string;
  }>(
    db,
    sql`select n.id::text, n.title, n.document_no, n.published_on::text, io.name as issuer
    from kernel.criticism_notice n join kernel.org_unit io on io.id = n.issuer_org_id
    where n.target_org_id = ${orgId} and n.published_on <= ${date}::date and (n.withdrawn_on is null or n.withdrawn_on > ${date}::date)
      and exists (select 1 from kernel.criticism_notice_record nr where nr.notice_id = n.id and nr.record_id = any(${sql.param(binding)}::uuid[]))
    order by n.published_on, n.id`,
  );
  return list.map((n) => ({
    noticeId: n.id,
    title: n.title,
    documentNo: n.document_no,
    publishedOn: n.published_on,
    describedZh: `${n.issuer}${n.published_on}公开通报批评${n.document_no ? `（${n.document_no}）` : ''}：${n.title}`,
    ruleId: NOTICE_HONOURS_RULE.ruleId,
    source: NOTICE_HONOURS_RULE.source,
  }));
}

/** May the civil servant be promoted on this date? Not during a sanction period. */
export async function promotionEligibility(db: Queryable, personId: string, date: LegalDate) {
  const list = inForce(ASSESSMENT_RULES.promotion, date, nextDay(date))
    ? (await bindings(db, 'person', [personId])).filter((b) => b.sanctionType && overlaps(b, date, nextDay(date)))
    : [];
  const all = await bindings(db, 'person', [personId]);
  return {
    personId,
    date,
    eligible: list.length === 0,
    summaryZh: list.length ? '处分期内，不得晋升职务、职级和级别' : '不在处分期内',
    reasons: list.flatMap((b) => reasonsFor(ASSESSMENT_RULES.promotion, b)),
    mitigations: mitigationsFor(all, date, false),
  };
}

const nextDay = (d: LegalDate) => addDays(d, 1);

/** May the civil servant receive a new honour on this date? Not with a dishonesty record in effect (unless overridden). */
export async function personHonoursEligibility(db: Queryable, personId: string, date: LegalDate) {
  const [p] = await rows<{ id: string }>(db, sql`select id from kernel.person where id = ${personId}`);
  if (!p) throw notFound('person', '人员', personId);
  const all = await bindings(db, 'person', [personId]);
  const list = all.map((b) => planBinding(b, date)).filter((b) => overlaps(b, date, nextDay(date)));
  const mitigations = mitigationsFor(all, date, true);
  if (readingValue('personHonoursBar') === 'off') {
    return {
      personId,
      date,
      eligible: true,
      summaryZh: list.length
        ? `有${list.length}条有效失信记录，作为表彰奖励的重要参考（不自动阻止）`
        : '可以授予表彰奖励',
      reasons: list.map((b) => reason(FILE_RULES.honoursPerson, b)),
      mitigations,
    };
  }
  return {
    personId,
    date,
    eligible: list.length === 0,
    summaryZh: list.length ? `有${list.length}条有效失信记录，不得授予新的表彰奖励` : '可以授予表彰奖励',
    reasons: list.map((b) => reason(FILE_RULES.honoursPerson, b)),
    mitigations,
  };
}

/**
 * For each would-be honour (a body or a person on the decision date), the dishonesty records in effect that bar it —
 * one query per subject kind, so a batch of commendations is checked at once.
 */
export async function honourBlockers(
  db: Queryable,
  list: { key: string; kind: 'org' | 'person'; subjectId: string; date: LegalDate }[],
): Promise<Map<string, Reason[]>> {
  const out = new Map<string, Reason[]>();
  for (const kind of ['org', 'person'] as const) {
    const mine = list.filter((x) => x.kind === kind);
    if (mine.length === 0) continue;
    // The person-level bar is a local choice (reading.person-honours-bar); off, a person's records are only a reference.
    if (kind === 'person' && readingValue('personHonoursBar') === 'off') continue;
    const all = await bindings(db, kind, [...new Set(mine.map((x) => x.subjectId))]);
    const rule = kind === 'org' ? ASSESSMENT_RULES.honours : FILE_RULES.honoursPerson;
    for (const x of mine) {
      const blocking = all
        .filter((b) => b.subjectId === x.subjectId)
        .map((b) => planBinding(b, x.date))
        .filter((b) => overlaps(b, x.date, nextDay(x.date)));
      if (blocking.length && (kind === 'person' || inForce(ASSESSMENT_RULES.honours, x.date, nextDay(x.date))))
        out.set(
          x.key,
          blocking.map((b) => reason(rule, b)),
        );
    }
  }
  return out;
}
