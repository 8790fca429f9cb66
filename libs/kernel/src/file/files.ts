import { EVERYWHERE, scopeSql, type Scope } from '../access';
import { jsonValue, rows, type Queryable } from '@chengxin/db';
import { sql } from 'drizzle-orm';
import type { IntegrityFile, RecordOut } from '@chengxin/contract';
import {
  shanghaiDate,
  type LegalDate,
  RECORD_STATUSES,
  RECORD_TYPE_LABELS,
  SANCTION_LABELS,
  type RecordStatus,
} from '@chengxin/contract';
import { recordTypes, RECORD_COLUMNS, RECORD_FROM, toRecordOut } from '../records';
import { listAssessments } from './assessments';
import { overridesOf } from './commendations';
import { cleanGovernment, personalMatters } from './confidential';
import { coverage } from './coverage';
import { getOrg, getPerson } from '../registry';
import { measureTextZh } from '../measures';
import { personCompletions, trainingYears } from './training';

type Subject = { kind: 'org'; orgId: string } | { kind: 'person'; personId: string };

interface StatusEvent {
  recordId: string;
  fromStatus: string | null;
  toStatus: string;
  day: string;
}

/**
 * The status the system showed for a record at the end of a day, from its transition history (null before it was
 * entered): the record existed from its creation day in its first event's `from` state.
 */
export function statusAsOf(
  record: Pick<RecordOut, 'status' | 'createdAt'>,
  createdDay: LegalDate,
  events: StatusEvent[],
  asOf: LegalDate,
): RecordStatus | null {
  if (createdDay > asOf) return null;
  let status = (events[0]?.fromStatus ?? record.status) as RecordStatus;
  for (const e of events) {
    if (e.day > asOf) break;
    status = e.toStatus as RecordStatus;
  }
  return status;
}

/**
 * The day an approved credit repair ended publication, from the record's moves in order: a later broken promise
 * (restore) cancels it; a later archival keeps it. Null when no repair stands.
 */
export function standingRepairDay(
  events: readonly Pick<StatusEvent, 'fromStatus' | 'toStatus' | 'day'>[],
): LegalDate | null {
  let repairedOn: LegalDate | null = null;
  for (const e of events) {
    if (e.toStatus === 'repaired') repairedOn = e.day;
    else if (e.fromStatus === 'repaired' && e.toStatus === 'published') repairedOn = null;
  }
  return repairedOn;
}

/**
 * Whether a dishonesty record is in effect on a date, by what is known now: a revoked decision never was (also when the
 * record was archived after the revocation); a record not yet approved is not yet. A sanction binds for its impact
 * period (its publication may have ended); any other record binds inside its publication window, which an approved
 * credit repair ends on the day of the repair, unless a broken promise restored publication afterwards.
 */
export function effectWindow(
  record: RecordOut,
  events: readonly Pick<StatusEvent, 'fromStatus' | 'toStatus' | 'day'>[],
  asOf: LegalDate,
): { effective: boolean; until: LegalDate | null } {
  const confirmed = ['approved', 'published', 'expired', 'repaired', 'archived'].includes(record.status);
  const revoked = events.some((e) => e.toStatus === 'revoked');
  if (record.polarity !== 'dishonesty' || !confirmed || revoked) return { effective: false, until: null };
  const v = record.current;
  if (v.sanctionType && v.impactStart) {
    return { effective: v.impactStart <= asOf && (!v.impactEnd || asOf < v.impactEnd), until: v.impactEnd };
  }
  const start = v.publicationStart ?? v.decisionDate;
  let until = v.publicationMaxEnd;
  const repairedOn = standingRepairDay(events);
  if (repairedOn && (!until || repairedOn < until)) until = repairedOn;
  return { effective: start <= asOf && (!until || asOf < until), until };
}

/**
 * The integrity file (诚信档案) of a body or a person as of a date: subject, records by state, current standing, and
 * the file's other sections (commendations, assessments, training, due-process cases; a body's staff coverage). The
 * confidential sections are read only when the calling procedure declares the confidential permission.
 */
export async function integrityFile(
  db: Queryable,
  subject: Subject,
  asOf: LegalDate,
  options: { confidential?: boolean; scope?: Scope } = {},
): Promise<IntegrityFile> {
  const [head, list] = await Promise.all([
    subject.kind === 'org'
      ? getOrg(db, subject.orgId).then((org) => ({ kind: 'org' as const, org }))
      : getPerson(db, subject.personId).then((person) => ({ kind: 'person' as const, person })),
    rows(
      db,
      sql`select ${RECORD_COLUMNS}, (r.created_at at time zone 'Asia/Shanghai')::date::text as "createdDay" from ${RECORD_FROM}
      where ${subject.kind === 'org' ? sql`r.org_id = ${subject.orgId} and r.subject_kind = 'org'` : sql`r.person_id = ${subject.personId}`}
        -- A person who once held a post in the caller's subtree is reachable, but records made elsewhere stay there.
        and ${scopeSql(options.scope ?? EVERYWHERE, sql`o.path`)}
      order by r.decision_date desc, r.id desc limit 1000`,
    ),
  ]);
  const ids = list.map((r) => r['id'] as string);
  const events = ids.length
    ? await rows<StatusEvent>(
        db,
        sql`select record_id as "recordId", from_status as "fromStatus", to_status as "toStatus", coalesce(effective_date, (at at time zone 'Asia/Shanghai')::date)::text as day
        from kernel.record_event where record_id = any(${sql.param(ids)}::uuid[]) and from_status is distinct from to_status order by id`,
      )
    : [];
  const eventsOf = new Map<string, StatusEvent[]>();
  for (const e of events) eventsOf.set(e.recordId, [...(eventsOf.get(e.recordId) ?? []), e]);

  const groups = new Map<RecordStatus, IntegrityFile['groups'][number]['records']>();
  const effective: IntegrityFile['standing']['effective'] = [];
  for (const row of list) {
    const record = toRecordOut(row);
    const s = statusAsOf(record, row['createdDay'] as string, eventsOf.get(record.id) ?? [], asOf);
    const w = effectWindow(record, eventsOf.get(record.id) ?? [], asOf);
    if (w.effective)
      effective.push({
        recordId: record.id,
        typeKey: record.typeKey,
        severity: record.current.severity,
        sanctionType: record.current.sanctionType,
        until: w.until,
      });
    const key = record.status;
    groups.set(key, [
      ...(groups.get(key) ?? []),
      { ...record, statusAsOf: s, effective: w.effective, effectiveUntil: w.until },
    ]);
  }
  const visible = [...groups.values()].flat().filter((r) => r.statusAsOf !== null);
  return {
    asOf,
    subject: head,
    standing: standing(effective),
    groups: RECORD_STATUSES.filter((s) => groups.has(s)).map((status) => ({ status, records: groups.get(status)! })),
    sections: await fileSections(db, subject, asOf, visible, options.confidential ?? false),
  };
}

type FileRecord = IntegrityFile['groups'][number]['records'][number];

async function fileSections(
  db: Queryable,
  subject: Subject,
  asOf: LegalDate,
  records: FileRecord[],
  confidential: boolean,
): Promise<IntegrityFile['sections']> {
  // Honours granted by the as-of day (a draft or a proposal waiting for review is not an honour yet).
  const granted = new Set(['approved', 'published', 'expired', 'repaired', 'archived']);
  const honours = records.filter((r) => r.polarity === 'commendation' && granted.has(r.statusAsOf ?? ''));
  const [overrides, enteredBy, processes] = await Promise.all([
    overridesOf(
      db,
      honours.map((r) => r.id),
    ),
    rows<{ id: string; username: string | null }>(
      db,
      sql`select r.id::text, u.username from kernel.credit_record r left join kernel.app_user u on u.id = r.created_by where r.id = any(${sql.param(honours.map((r) => r.id))}::uuid[])`,
    ),
    fileProcesses(
      db,
      records.map((r) => r.id),
      asOf,
    ),
  ]);
  const who = new Map(enteredBy.map((e) => [e.id, e.username]));
  const commendations = honours.map((r) => ({
    recordId: r.id,
    typeLabelZh: recordTypeLabel(r.typeKey),
    facts: r.current.facts,
    decisionNo: r.current.decisionNo,
    decisionDate: r.current.decisionDate,
    issuingAuthority: r.current.issuingAuthority,
    status: r.statusAsOf!,
    override: overrides.get(r.id) ?? null,
    source: { system: r.sourceSystem, enteredBy: who.get(r.id) ?? null, enteredAt: r.createdAt },
  }));
  if (subject.kind === 'org') {
    const year = Number(asOf.slice(0, 4)) - 1;
    const staff =
      (await coverage(db, { year, rootOrgId: subject.orgId, groupBy: 'org' })).rows.find(
        (r) => r.orgId === subject.orgId,
      ) ?? null;
    return { commendations, assessments: [], training: null, processes, confidential: null, staff };
  }
  const personId = subject.personId;
  const [assessments, completions, matters, clean] = await Promise.all([
    listAssessments(db, personId),
    personCompletions(db, personId, asOf),
    confidential ? personalMatters(db, personId, asOf) : Promise.resolve(null),
    confidential ? cleanGovernment(db, personId, asOf) : Promise.resolve(null),
  ]);
  return {
    commendations,
    assessments: assessments
      .filter((a) => shanghaiDate(new Date(a.createdAt)) <= asOf)
      .map(({ enteredBy, ...a }) => ({ ...a, source: { system: 'hr', enteredBy, enteredAt: a.createdAt } })),
    training: { years: await trainingYears(db, personId, asOf, completions), completions },
    processes,
    confidential: matters && clean ? { personalMatters: matters, cleanGovernment: clean } : null,
    staff: null,
  };
}

const PROCESS_STATUS_ZH: Record<string, string> = {
  open: '办理中',
  extended: '已延期',
  decided: '已决定',
  under_review: '审核中',
  approved: '已批准',
  rejected: '已驳回',
  promise_broken: '违反承诺',
  awaiting_explanation: '待书面说明',
  in_progress: '整改中',
  completed: '待核验',
  verified: '已核验',
  cancelled: '已撤销',
};

async function fileProcesses(
  db: Queryable,
  recordIds: string[],
  asOf: LegalDate,
): Promise<IntegrityFile['sections']['processes']> {
  if (recordIds.length === 0) return [];
  const ids = sql.param(recordIds);
  const list = await rows<{
    kind: 'objection' | 'repair' | 'rectification' | 'self_correction' | 'notice';
    id: string;
    recordId: string;
    status: string;
    filedOn: string;
    closedOn: string | null;
    detail: unknown;
  }>(
    db,
    sql`
    select 'objection' as kind, id::text, record_id::text as "recordId", status, filed_on::text as "filedOn", decided_on::text as "closedOn", null::jsonb as detail from kernel.objection where record_id = any(${ids}::uuid[]) and filed_on <= ${asOf}
    union all
    select 'repair', id::text, record_id::text, status, filed_on::text, decided_on::text, null::jsonb from kernel.repair where record_id = any(${ids}::uuid[]) and filed_on <= ${asOf}
    union all
    select 'rectification', id::text, record_id::text, status, required_on::text, coalesce(verified_on, cancelled_on)::text, null::jsonb from kernel.rectification where record_id = any(${ids}::uuid[]) and required_on <= ${asOf}
    union all
    select 'self_correction', id::text, record_id::text, case when status = 'decided' and decided_on > ${asOf} then 'under_review' else status end, filed_on::text, decided_on::text,
      case when decided_on <= ${asOf} then jsonb_build_object('granted', granted, 'measures', measures, 'reason', reason) end
      from kernel.self_correction where record_id = any(${ids}::uuid[]) and filed_on <= ${asOf}
    union all
    select distinct on (n.id) 'notice', n.id::text, nr.record_id::text, n.status, n.published_on::text, n.withdrawn_on::text, jsonb_build_object('title', n.title, 'withdrawReason', n.withdraw_reason)
      from kernel.criticism_notice n join kernel.criticism_notice_record nr on nr.notice_id = n.id
      where nr.record_id = any(${ids}::uuid[]) and n.published_on <= ${asOf}
    order by 5 desc`,
  );
  const kindZh = {
    objection: '异议',
    repair: '信用修复',
    rectification: '限期整改',
    self_correction: '主动自新',
    notice: '公开通报批评',
  } as const;
  // A case closed after the as-of day was still open on it.
  return list.map(({ detail, ...p }) => {
    const detailZh = processDetailZh(p.kind, jsonValue(detail));
    if (p.kind === 'notice')
      return p.closedOn && p.closedOn <= asOf
        ? { ...p, kindZh: kindZh[p.kind], statusZh: '已撤回', detailZh }
        : { ...p, closedOn: null, kindZh: kindZh[p.kind], status: 'published', statusZh: '已发布', detailZh };
    return p.closedOn && p.closedOn > asOf
      ? { ...p, status: 'open', statusZh: '办理中', closedOn: null, kindZh: kindZh[p.kind], detailZh }
      : { ...p, kindZh: kindZh[p.kind], statusZh: PROCESS_STATUS_ZH[p.status] ?? p.status, detailZh };
  });
}

/** A self-correction decision in words (免于…，依据…), or a notice's title (and why it was withdrawn). */
function processDetailZh(kind: string, detail: unknown): string | null {
  if (!detail || typeof detail !== 'object') return null;
  const d = detail as Record<string, unknown>;
  if (kind === 'notice')
    return `${String(d['title'])}${d['withdrawReason'] ? `（撤回理由：${String(d['withdrawReason'])}）` : ''}`;
  if (kind !== 'self_correction') return null;
  if (d['granted'] === false) return `不予认定：${String(d['reason'] ?? '')}`;
  const measures = jsonValue<{ measure: string; effect: string }[]>(d['measures'] ?? []);
  return `${measures.map((m) => measureTextZh(m.measure, m.effect)).join('；')}。理由：${String(d['reason'] ?? '')}`;
}

function recordTypeLabel(typeKey: string): string {
  return (
    RECORD_TYPE_LABELS[typeKey as keyof typeof RECORD_TYPE_LABELS]?.zh ??
    recordTypes().find((t) => t.key === typeKey)?.labelZh ??
    typeKey
  );
}

function standing(effective: IntegrityFile['standing']['effective']): IntegrityFile['standing'] {
  if (effective.length === 0)
    return {
      hasEffectiveDishonesty: false,
      summaryZh: '无有效失信记录',
      summaryEn: 'No dishonesty record in effect',
      effective,
    };
  const describe = (e: (typeof effective)[number], lang: 'zh' | 'en') => {
    const type = RECORD_TYPE_LABELS[e.typeKey as keyof typeof RECORD_TYPE_LABELS]?.[lang] ?? e.typeKey;
    const sanction = e.sanctionType ? `（${SANCTION_LABELS[e.sanctionType][lang]}）` : '';
    return lang === 'zh'
      ? `${type}${sanction}，有效期至${e.until ?? '长期'}前`
      : `${type}${sanction} until ${e.until ?? 'indefinite'} (exclusive)`;
  };
  return {
    hasEffectiveDishonesty: true,
    summaryZh: `有${effective.length}条有效失信记录：${effective.map((e) => describe(e, 'zh')).join('；')}`,
    summaryEn: `${effective.length} dishonesty record(s) in effect: ${effective.map((e) => describe(e, 'en')).join('; ')}`,
    effective,
  };
}
