import { rows, type Queryable } from '@chengxin/db';
import { sql, type SQL } from 'drizzle-orm';
import type { LegalDate } from '@chengxin/contract';
import { ORG_LEVEL_LABELS, type OrgLevel } from '@chengxin/contract';
import { decodeOffset, encodeOffset } from '../core';
import { publicOn } from './visibility';

/** Lower case, no whitespace: how both the index (kernel.cjk_grams) and the query see a text. */
export const normalizeTerm = (q: string) => q.toLowerCase().replace(/\s+/g, '');

/**
 * The grams a term needs: its single character, or all its bigrams. Every name containing the term holds all of them
 * (the GIN index answers that), and LIKE then rechecks the order — so 2-character terms such as 河西 use the index too.
 */
export function termGrams(term: string): string[] {
  const chars = [...term];
  if (chars.length <= 1) return chars;
  const grams = new Set<string>();
  for (let i = 0; i < chars.length - 1; i++) grams.add(chars[i]! + chars[i + 1]!);
  return [...grams];
}

const escapeLike = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

export interface PublicSearchInput {
  q: string;
  kind: 'body' | 'person';
  districtId?: string | undefined;
  level?: OrgLevel | undefined;
  recordType?: string | undefined;
  limit: number;
  cursor?: string | undefined;
}

export type Match = 'code' | 'name' | 'prefix' | 'substring';
const MATCH: Match[] = ['code', 'name', 'prefix', 'substring'];

export interface BodyHit {
  id: string;
  name: string;
  uscc: string;
  level: OrgLevel;
  levelZh: string;
  districtName: string | null;
  publicRecords: number;
  /** Of publicRecords: dishonesty and commendation records, shown apart (a commendation is not a mark against). */
  dishonestyRecords: number;
  commendationRecords: number;
  match: Match;
}
export interface PersonHit {
  id: string;
  name: string;
  orgId: string;
  orgName: string;
  publicRecords: number;
  dishonestyRecords: number;
  commendationRecords: number;
  match: Match;
}

/** A public record of this record type (or any) exists for the body / person on `day`. */
const hasPublic = (
  owner: SQL,
  recordType: string | undefined,
  day: LegalDate,
  today: LegalDate,
) => sql`exists (select 1 from kernel.current_record r
  where ${owner} ${recordType ? sql`and r.type_key = ${recordType}` : sql``} and ${publicOn(day, today)})`;

/**
 * Bodies by name, short name or 统一社会信用代码, and civil servants with public records by name: ranked exact code,
 * exact name, prefix, substring (then shorter names first), filtered by district (subtree), level and record type.
 */
export async function publicSearch(
  db: Queryable,
  input: PublicSearchInput,
  today: LegalDate,
): Promise<{ items: (BodyHit | PersonHit)[]; nextCursor: string | null }> {
  const offset = decodeOffset(input.cursor);
  const term = normalizeTerm(input.q);
  const grams = termGrams(term);
  const like = `%${escapeLike(term)}%`;
  const prefix = `${escapeLike(term)}%`;
  const code = input.q.trim().toUpperCase();
  const district = input.districtId
    ? sql`and exists (select 1 from kernel.org_unit d where d.id = ${input.districtId}::uuid and (o.path = d.path or o.path like d.path || '/%'))`
    : sql``;
  if (input.kind === 'body') {
    const isCode = /^[0-9A-Z]{18}$/.test(code);
    // Ranked in tiers, each reading at most one page past the offset from its own index, so a two-character term that
    // matches thousands of bodies never sorts them all: exact credit code (unique index), exact name and name prefix
    // (lower(name) collate "C", walked in byte order), then substring (GIN on the grams, in id order).
    const take = offset + input.limit + 1;
    const filters = sql`${input.level ? sql`and o.level = ${input.level}` : sql``} ${district}
      ${input.recordType ? sql`and ${hasPublic(sql`r.org_id = o.id and r.subject_kind = 'org'`, input.recordType, today, today)}` : sql``}`;
    // Within a tier: prefix matches by name, the others by id (time of creation), so each tier walks an index in order.
    const tier = (rank: number, where: SQL, byName = false) =>
      byName
        ? sql`(select o.id, ${rank}::int as rank, lower(o.name) collate "C" as k from kernel.org_unit o where ${where} ${filters} order by lower(o.name) collate "C", o.id limit ${take})`
        : sql`(select o.id, ${rank}::int as rank, '' collate "C" as k from kernel.org_unit o where ${where} ${filters} order by o.id limit ${take})`;
    // The prefix as a byte-order range on the index as well as LIKE: a range stays index-backed in a generic plan.
    // Substring: a term of one or two characters is a gram itself, so the index answers it exactly (no recheck, and the
    // planner sees the real number of matches); longer terms recheck the order with LIKE. Prefix and exact matches are
    // found again here and kept once, in their better tier (a page of this tier then still holds enough of its own).
    const substring =
      [...term].length <= 2
        ? sql`o.search_terms @> ${sql.param(grams)}::text[]`
        : sql`o.search_terms @> ${sql.param(grams)}::text[] and (lower(o.name) like ${like} or lower(coalesce(o.short_name, '')) like ${like})`;
    const upper = `${term}\uffff`;
    const list = await rows<{
      id: string;
      name: string;
      uscc: string;
      level: OrgLevel;
      district_name: string | null;
      public_records: number;
      commendation_records: number;
      rank: number;
    }>(
      db,
      sql`
      select o.id, o.name, o.uscc, o.level, dn.name as district_name, q.rank, c.public_records, c.commendation_records
      from (
        select * from (select t.id, min(t.rank) as rank, (array_agg(t.k order by t.rank))[1] as k from (
          ${isCode ? sql`${tier(0, sql`o.uscc = ${code}`)} union all` : sql``}
          ${tier(1, sql`lower(o.name) collate "C" = ${term}`)}
          union all ${tier(2, sql`lower(o.name) collate "C" >= ${term} and lower(o.name) collate "C" < ${upper} and lower(o.name) like ${prefix} and lower(o.name) <> ${term}`, true)}
          union all ${tier(3, substring)}
        ) t group by t.id) g
        order by g.rank, g.k collate "C", g.id limit ${input.limit + 1} offset ${offset}
      ) q
      join kernel.org_unit o on o.id = q.id
      left join kernel.org_unit dn on dn.id = nullif(split_part(o.path, '/', 2), '')::uuid and dn.level = 'district'
      cross join lateral (select count(*)::int as public_records,
          (count(*) filter (where r.polarity = 'commendation'))::int as commendation_records
        from kernel.current_record r where r.org_id = o.id and r.subject_kind = 'org' and ${publicOn(today, today)}) c
      order by q.rank, q.k collate "C", o.id`,
    );
    const more = list.length > input.limit;
    return {
      items: list.slice(0, input.limit).map((r) => ({
        id: r.id,
        name: r.name,
        uscc: r.uscc,
        level: r.level,
        levelZh: ORG_LEVEL_LABELS[r.level]?.zh ?? r.level,
        districtName: r.district_name ?? (r.level === 'district' ? r.name : null),
        publicRecords: Number(r.public_records),
        dishonestyRecords: Number(r.public_records) - Number(r.commendation_records),
        commendationRecords: Number(r.commendation_records),
        match: MATCH[Number(r.rank)]!,
      })),
      nextCursor: more ? encodeOffset(offset + input.limit) : null,
    };
  }
  // Persons: only those with a record public today (a person's page exists only where the law allows publication).
  const list = await rows<{
    id: string;
    name: string;
    org_id: string;
    org_name: string;
    public_records: number;
    commendation_records: number;
    rank: number;
  }>(
    db,
    sql`
    select p.id, p.name, q.rank, last.org_id, last.org_name, last.n as public_records, last.c as commendation_records
    from (
      select p.id, case when lower(p.name) = ${term} then 1 when lower(p.name) like ${prefix} then 2 else 3 end as rank
      from kernel.person p
      where p.search_terms @> ${sql.param(grams)}::text[] and lower(p.name) like ${like}
        and ${hasPublic(sql`r.person_id = p.id`, input.recordType, today, today)}
        ${
          input.districtId || input.level
            ? sql`and exists (select 1 from kernel.current_record r
          join kernel.org_unit o on o.id = r.org_id where r.person_id = p.id and ${publicOn(today, today)} ${input.level ? sql`and o.level = ${input.level}` : sql``} ${district})`
            : sql``
        }
      order by rank, length(p.name), p.name, p.id limit ${input.limit + 1} offset ${offset}
    ) q
    join kernel.person p on p.id = q.id
    cross join lateral (select r.org_id, o.name as org_name, count(*) over ()::int as n,
        (count(*) filter (where r.polarity = 'commendation') over ())::int as c from kernel.current_record r
      join kernel.org_unit o on o.id = r.org_id
      where r.person_id = p.id and ${publicOn(today, today)} order by r.decision_date desc limit 1) last
    order by q.rank, length(p.name), p.name, p.id`,
  );
  const more = list.length > input.limit;
  return {
    items: list.slice(0, input.limit).map((r) => ({
      id: r.id,
      name: r.name,
      orgId: r.org_id,
      orgName: r.org_name,
      publicRecords: Number(r.public_records),
      dishonestyRecords: Number(r.public_records) - Number(r.commendation_records),
      commendationRecords: Number(r.commendation_records),
      match: MATCH[Number(r.rank)]!,
    })),
    nextCursor: more ? encodeOffset(offset + input.limit) : null,
  };
}
