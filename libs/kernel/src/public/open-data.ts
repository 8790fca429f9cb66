import { rows, type Queryable } from '@chengxin/db';
import { sql } from 'drizzle-orm';
import type { LegalDate, DisclosureFieldCode } from '@chengxin/contract';
import { OPEN_DATA_COMMENDATION_FIELDS, OPEN_DATA_FIELDS } from '@chengxin/contract/public';
import type { DisclosureSchema } from '@chengxin/contract';

export { OPEN_DATA_COMMENDATION_FIELDS, OPEN_DATA_FIELDS };
import { badInput, decodeKey, encodeKey } from '../core';
import { publicRecords, type PublicRecord } from './records';
import { publicOn } from './visibility';

/**
 * Open data (公共信用信息开放): published records in the 双公示 disclosure fields (docs/DOMAIN.md, "双公示 disclosure fields", [2nd]) of the one
 * shared list (../disclosure.ts) — the same codes the exchange export uses — with what the values mean for the public.
 * Rows come from the same query as the pages (`publicRecords`), so a download never shows more or other than the site.
 */
export type OpenDataCode = DisclosureFieldCode;
export type OpenDataRow = { recordId: string } & { [K in OpenDataCode]: PublicRecord[K] };
type CommendationCode = (typeof OPEN_DATA_COMMENDATION_FIELDS)[number]['code'];
export type CommendationOpenDataRow = { recordId: string } & { [K in CommendationCode]: PublicRecord[K] };

export const openDataFieldsOf = (dataset: DisclosureSchema) =>
  dataset === 'commendation' ? OPEN_DATA_COMMENDATION_FIELDS : OPEN_DATA_FIELDS;
const datasetOf = (r: Pick<PublicRecord, 'polarity'>): DisclosureSchema =>
  r.polarity === 'commendation' ? 'commendation' : 'penalty';

export function toOpenData(r: PublicRecord): OpenDataRow {
  const out = { recordId: r.id } as OpenDataRow;
  for (const f of OPEN_DATA_FIELDS) (out as Record<string, unknown>)[f.code] = r[f.code];
  return out;
}

export function toCommendationOpenData(r: PublicRecord): CommendationOpenDataRow {
  const out = { recordId: r.id } as CommendationOpenDataRow;
  for (const f of OPEN_DATA_COMMENDATION_FIELDS) (out as Record<string, unknown>)[f.code] = r[f.code];
  return out;
}

const csvCell = (v: unknown) => {
  const s = v === null || v === undefined ? '' : String(v);
  // A leading = + - @ would run as a formula in a spreadsheet: prefix it (OWASP CSV injection).
  const safe = /^[=+\-@\t\r]/.test(s) ? `'${s}` : s;
  return /[",\r\n]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
};

export type CsvHeader = 'code' | 'zh' | 'both';

/** CSV of a dataset: the heading in codes, in Chinese, or both (Chinese, then the codes as a second row). */
export function toCsv(
  list: Record<string, unknown>[],
  header: CsvHeader | false = 'code',
  dataset: DisclosureSchema = 'penalty',
): string {
  const fields = [{ code: 'recordId', zh: '记录编号' }, ...openDataFieldsOf(dataset)];
  const codes = fields.map((f) => f.code);
  const lines = list.map((r) => codes.map((c) => csvCell(r[c])).join(','));
  const head =
    header === false
      ? []
      : header === 'code'
        ? [codes.join(',')]
        : header === 'zh'
          ? [fields.map((f) => csvCell(f.zh)).join(',')]
          : [fields.map((f) => csvCell(f.zh)).join(','), codes.join(',')];
  return [...head, ...lines].map((l) => `${l}\r\n`).join('');
}

export interface OpenDataInput {
  dataset?: DisclosureSchema | undefined;
  format: 'json' | 'csv';
  header?: CsvHeader | undefined;
  limit: number;
  cursor?: string | undefined;
  districtId?: string | undefined;
  recordType?: string | undefined;
}

/** One page of the records public today, in record-id order (stable while pages are fetched), of one dataset. */
export async function openDataRecords(db: Queryable, input: OpenDataInput, today: LegalDate) {
  const dataset = input.dataset ?? 'penalty';
  const after = decodeKey(input.cursor);
  const where = sql`r.polarity = ${dataset === 'commendation' ? 'commendation' : 'dishonesty'} ${after ? sql`and r.id > ${after}::uuid` : sql``} ${input.recordType ? sql`and r.type_key = ${input.recordType}` : sql``}
    ${input.districtId ? sql`and exists (select 1 from kernel.org_unit d where d.id = ${input.districtId}::uuid and (o.path = d.path or o.path like d.path || '/%'))` : sql``}`;
  const list = await publicRecords(db, where, today, today, sql`order by r.id limit ${input.limit + 1}`);
  const more = list.length > input.limit;
  const page = list.slice(0, input.limit);
  const items = dataset === 'penalty' ? page.map(toOpenData) : [];
  const commendations = dataset === 'commendation' ? page.map(toCommendationOpenData) : [];
  const nextCursor = more ? encodeKey(page[page.length - 1]!.id) : null;
  const fields = openDataFieldsOf(dataset).map((f) => f.code);
  return input.format === 'csv'
    ? {
        dataset,
        format: 'csv' as const,
        items: [],
        commendations: [],
        csv: toCsv(dataset === 'penalty' ? items : commendations, after ? false : (input.header ?? 'code'), dataset),
        nextCursor,
        fields,
      }
    : { dataset, format: 'json' as const, items, commendations, csv: null, nextCursor, fields };
}

/**
 * How far the feed can promise to be complete. A write stamps its rows with its transaction's start (`now()`), so a
 * transaction still open may commit later with a stamp before this instant; `until` stops just before the oldest open
 * transaction in this database began, and the next poll from `until` sees its rows once it commits. A long open
 * transaction (a backup, a slow import) holds `until` back: pages may repeat a change, never miss one. The server's
 * connections share one role, so each sees the others' start times (pg_stat_activity hides them across roles).
 */
const UNTIL_WATERMARK = sql`least(now(), (select min(a.xact_start) from pg_stat_activity a
  where a.datname = current_database() and a.pid <> pg_backend_pid() and a.backend_type = 'client backend'
    and a.xact_start is not null) - interval '1 microsecond')`;

export interface ChangesInput {
  since: string;
  limit: number;
  cursor?: string | undefined;
}

/**
 * Changed since an instant (ADD / MOD / DEL), for platforms that keep a copy: a record is a candidate when a status
 * move or a version was recorded after `since`, or its publication window ended since then. ADD: public now, not
 * then; MOD: public then and now; DEL: public then, not now (expired, repaired, revoked, withdrawn). DEL rows carry
 * only the id. Pages follow the record id; `until` is the instant the feed is complete up to (UNTIL_WATERMARK) — pass
 * it as the next `since`, and a write that commits after a later one is still delivered.
 */
export async function openDataChanges(db: Queryable, input: ChangesInput, today: LegalDate) {
  const since = new Date(input.since);
  // Year 0 and the far future parse in JavaScript but not in PostgreSQL; no record is older than 1900 either.
  if (Number.isNaN(since.getTime()) || since.getUTCFullYear() < 1900 || since.getUTCFullYear() > 9999)
    throw badInput('SINCE_INVALID', 'since', '起始时间格式不正确', 'since must be an ISO 8601 instant');
  const sinceIso = since.toISOString();
  const after = decodeKey(input.cursor);
  const [{ until, since_day: sinceDay }] = (await rows<{ until: string; since_day: string }>(
    db,
    sql`select to_json(${UNTIL_WATERMARK})#>>'{}' as until, (${sinceIso}::timestamptz at time zone 'Asia/Shanghai')::date::text as since_day`,
  )) as [{ until: string; since_day: string }];
  const candidates = await rows<{ id: string; changed_at: string; now_public: boolean; was_public: boolean }>(
    db,
    sql`
    with c as (
      select e.record_id as id, max(e.at) as at from kernel.record_event e where e.at > ${sinceIso}::timestamptz group by e.record_id
      union all
      select v.record_id, max(v.created_at) from kernel.credit_record_version v where v.created_at > ${sinceIso}::timestamptz group by v.record_id
      union all
      select r.id, (r.publication_max_end::timestamp at time zone 'Asia/Shanghai') from kernel.current_record r
        where r.publication_max_end > ${sinceDay}::date and r.publication_max_end <= ${today}::date and r.status = 'published'
    ), ids as (select id, max(at) as at from c ${after ? sql`where id > ${after}::uuid` : sql``} group by id order by id limit ${input.limit * 4 + 1})
    select ids.id, to_json(ids.at)#>>'{}' as changed_at,
      ${publicOn(today, today)} as now_public,
      (r.disclosure_scope = 'public' and coalesce(r.publication_start, r.decision_date) <= ${sinceDay}::date and (r.publication_max_end is null or ${sinceDay}::date < r.publication_max_end)
        and (select e.to_status from kernel.record_event e where e.record_id = r.id and e.from_status is distinct from e.to_status and e.at <= ${sinceIso}::timestamptz order by e.id desc limit 1) = 'published') as was_public
    from ids join kernel.current_record r on r.id = ids.id
    order by ids.id`,
  );
  const scanned = candidates.length > input.limit * 4 ? candidates.slice(0, input.limit * 4) : candidates;
  const changes = scanned.filter((c) => c.now_public || c.was_public).slice(0, input.limit);
  // Continue after the last change returned, or after the last candidate looked at when fewer changes were found.
  const more =
    candidates.length > scanned.length || scanned.filter((c) => c.now_public || c.was_public).length > input.limit;
  const lastSeen = changes.length === input.limit ? changes[changes.length - 1]!.id : scanned[scanned.length - 1]?.id;
  const publicNow = changes.filter((c) => c.now_public).map((c) => c.id);
  const full = publicNow.length
    ? await publicRecords(db, sql`r.id = any(${sql.param(publicNow)}::uuid[])`, today, today, sql`order by r.id`)
    : [];
  const byId = new Map(full.map((r) => [r.id, r]));
  return {
    since: sinceIso,
    until,
    items: changes.map((c) => ({
      op: c.now_public ? (c.was_public ? ('MOD' as const) : ('ADD' as const)) : ('DEL' as const),
      recordId: c.id,
      changedAt: new Date(c.changed_at).toISOString(),
      ...publicChange(c.now_public ? byId.get(c.id) : undefined),
    })),
    nextCursor: more && lastSeen ? encodeKey(lastSeen) : null,
  };
}

/** A change's record in its own field list: a commendation never in the penalty fields. */
function publicChange(r: PublicRecord | undefined) {
  if (!r) return { dataset: null, record: null, commendation: null };
  return datasetOf(r) === 'commendation'
    ? { dataset: 'commendation' as const, record: null, commendation: toCommendationOpenData(r) }
    : { dataset: 'penalty' as const, record: toOpenData(r), commendation: null };
}
