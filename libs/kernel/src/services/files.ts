import { rows, type Queryable } from '@chengxin/db';
import { sql } from 'drizzle-orm';
import type { IntegrityFile, RecordOut } from '../contract';
import type { LegalDate } from '../dates';
import { RECORD_STATUSES, RECORD_TYPE_LABELS, SANCTION_LABELS, type RecordStatus } from '../labels';
import { getOrg } from './orgs';
import { getPerson } from './persons';
import { RECORD_COLUMNS, RECORD_FROM, toRecordOut } from './record-rows';

type Subject = { kind: 'org'; orgId: string } | { kind: 'person'; personId: string };

interface StatusEvent { recordId: string; fromStatus: string | null; toStatus: string; day: string }

/**
 * The status the system showed for a record at the end of a day, from its transition history (null before it was
 * entered): the record existed from its creation day in its first event's `from` state.
 */
export function statusAsOf(record: Pick<RecordOut, 'status' | 'createdAt'>, createdDay: LegalDate, events: StatusEvent[], asOf: LegalDate): RecordStatus | null {
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
export function standingRepairDay(events: readonly Pick<StatusEvent, 'fromStatus' | 'toStatus' | 'day'>[]): LegalDate | null {
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
export function effectWindow(record: RecordOut, events: readonly Pick<StatusEvent, 'fromStatus' | 'toStatus' | 'day'>[], asOf: LegalDate): { effective: boolean; until: LegalDate | null } {
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

/** The integrity file (诚信档案) of a body or a person as of a date: subject, records by state, current standing. */
export async function integrityFile(db: Queryable, subject: Subject, asOf: LegalDate): Promise<IntegrityFile> {
  const [head, list] = await Promise.all([
    subject.kind === 'org' ? getOrg(db, subject.orgId).then((org) => ({ kind: 'org' as const, org })) : getPerson(db, subject.personId).then((person) => ({ kind: 'person' as const, person })),
    rows(db, sql`select ${RECORD_COLUMNS}, (r.created_at at time zone 'Asia/Shanghai')::date::text as "createdDay" from ${RECORD_FROM}
      where ${subject.kind === 'org' ? sql`r.org_id = ${subject.orgId} and r.subject_kind = 'org'` : sql`r.person_id = ${subject.personId}`}
      order by v.decision_date desc, r.id desc limit 1000`),
  ]);
  const ids = list.map((r) => r['id'] as string);
  const events = ids.length
    ? await rows<StatusEvent>(db, sql`select record_id as "recordId", from_status as "fromStatus", to_status as "toStatus", coalesce(effective_date, (at at time zone 'Asia/Shanghai')::date)::text as day
        from kernel.record_event where record_id = any(${sql.param(ids)}::uuid[]) and from_status is distinct from to_status order by id`)
    : [];
  const eventsOf = new Map<string, StatusEvent[]>();
  for (const e of events) eventsOf.set(e.recordId, [...(eventsOf.get(e.recordId) ?? []), e]);

  const groups = new Map<RecordStatus, IntegrityFile['groups'][number]['records']>();
  const effective: IntegrityFile['standing']['effective'] = [];
  for (const row of list) {
    const record = toRecordOut(row);
    const s = statusAsOf(record, row['createdDay'] as string, eventsOf.get(record.id) ?? [], asOf);
    const w = effectWindow(record, eventsOf.get(record.id) ?? [], asOf);
    if (w.effective) effective.push({ recordId: record.id, typeKey: record.typeKey, severity: record.current.severity, sanctionType: record.current.sanctionType, until: w.until });
    const key = record.status;
    groups.set(key, [...(groups.get(key) ?? []), { ...record, statusAsOf: s, effective: w.effective, effectiveUntil: w.until }]);
  }
  return {
    asOf,
    subject: head,
    standing: standing(effective),
    groups: RECORD_STATUSES.filter((s) => groups.has(s)).map((status) => ({ status, records: groups.get(status)! })),
  };
}

function standing(effective: IntegrityFile['standing']['effective']): IntegrityFile['standing'] {
  if (effective.length === 0) return { hasEffectiveDishonesty: false, summaryZh: '无有效失信记录', summaryEn: 'No dishonesty record in effect', effective };
  const describe = (e: (typeof effective)[number], lang: 'zh' | 'en') => {
    const type = RECORD_TYPE_LABELS[e.typeKey as keyof typeof RECORD_TYPE_LABELS]?.[lang] ?? e.typeKey;
    const sanction = e.sanctionType ? `（${SANCTION_LABELS[e.sanctionType][lang]}）` : '';
    return lang === 'zh' ? `${type}${sanction}，有效期至${e.until ?? '长期'}前` : `${type}${sanction} until ${e.until ?? 'indefinite'} (exclusive)`;
  };
  return {
    hasEffectiveDishonesty: true,
    summaryZh: `有${effective.length}条有效失信记录：${effective.map((e) => describe(e, 'zh')).join('；')}`,
    summaryEn: `${effective.length} dishonesty record(s) in effect: ${effective.map((e) => describe(e, 'en')).join('; ')}`,
    effective,
  };
}
