/**
 * The console's case lists (objections, repairs, complaints, rectifications) share one shape: the caller's scope in
 * SQL first, then words, body (with its subtree), day range and states, a named column order with the id as tiebreak,
 * keyset pages (core/paging.ts) and the total on the first page. Each list supplies its columns, joins and orders.
 */
import type { Queryable } from '@chengxin/db';
import { sql, type SQL } from 'drizzle-orm';
import { keysetPage, searchSql, type KeysetOrder, type SortKey } from '../core';
import { getOrgPath } from '../registry';

export interface CaseFilters {
  q?: string | undefined;
  orgId?: string | undefined;
  subtree?: boolean | undefined;
  filedFrom?: string | undefined;
  filedTo?: string | undefined;
  states?: readonly string[] | undefined;
  cursor?: string | undefined;
  sort?: string | undefined;
  limit: number;
}

export interface CaseListSpec {
  columns: SQL;
  from: SQL;
  /** The scope condition and the list's own conditions (status, overdue…). */
  where: SQL[];
  /** Fields the words are looked for in. */
  search: SQL[];
  /** The body's id and path columns (the `orgId` filter), the day column of the range, the state column. */
  org: { id: SQL; path: SQL };
  day: SQL;
  state: SQL;
  /** The queue's default order, then the column orders by name (ascending; `-name` is the same keys descending). */
  queue: SortKey[];
  orders: Record<string, SortKey[]>;
  id: SQL;
}

export async function caseListPage<R extends object>(db: Queryable, f: CaseFilters, spec: CaseListSpec, count = true) {
  const where = [...spec.where];
  const words = searchSql(f.q, spec.search);
  if (words) where.push(words);
  if (f.orgId) {
    if (f.subtree) {
      const path = await getOrgPath(db, f.orgId);
      where.push(sql`(${spec.org.path} = ${path} or ${spec.org.path} like ${`${path}/%`})`);
    } else where.push(sql`${spec.org.id} = ${f.orgId}::uuid`);
  }
  if (f.filedFrom) where.push(sql`${spec.day} >= ${f.filedFrom}::date`);
  if (f.filedTo) where.push(sql`${spec.day} <= ${f.filedTo}::date`);
  if (f.states?.length) where.push(sql`${spec.state} = any(${sql.param([...f.states])}::text[])`);
  const idKey: SortKey = { expr: spec.id, type: 'uuid' };
  const name = f.sort?.replace(/^-/, '');
  const order: KeysetOrder =
    name && spec.orders[name]
      ? { keys: [...spec.orders[name], idKey], desc: f.sort!.startsWith('-') }
      : { keys: [...spec.queue, idKey], desc: false };
  return keysetPage<R>(db, {
    columns: spec.columns,
    from: spec.from,
    where,
    sort: name && spec.orders[name] ? f.sort! : 'queue',
    order,
    limit: f.limit,
    cursor: f.cursor,
    count,
  });
}

/** The decision number of a record's current version (`alias` is a kernel.credit_record row). */
export const decisionNoOf = (alias: string) =>
  sql`(select v.decision_no from kernel.credit_record_version v where v.record_id = ${sql.raw(alias)}.id and v.version = ${sql.raw(alias)}.current_version)`;
