/**
 * What the admin console's home page shows that no other procedure answers in one call: records counted by state and
 * severity, records by district and month of decision (for the charts), and the latest record transitions — each
 * limited to the caller's scope in SQL.
 */
import { rows, type Queryable } from '@chengxin/db';
import { sql } from 'drizzle-orm';
import { scopeSql, type Scope } from '../access';
import { addMonths, type LegalDate } from '@chengxin/contract';
import type { RecordStatus, Severity } from '@chengxin/contract';

export interface ConsoleOverview {
  asOf: LegalDate;
  byStatus: { status: RecordStatus; count: number }[];
  bySeverity: { severity: Severity; count: number }[];
  disputed: number;
  months: string[];
  byDistrict: { orgId: string | null; orgName: string; counts: number[]; total: number }[];
}

/** `YYYY-MM` of a legal date. */
const monthOf = (d: LegalDate) => d.slice(0, 7);

/**
 * Counts in scope. The district of a record is the topmost district-level body on its body's path (city-level bodies are one
 * row with orgId null); months run back from the as-of date's month, by the current version's decision date.
 */
export async function consoleOverview(
  db: Queryable,
  scope: Scope,
  asOf: LegalDate,
  monthCount: number,
): Promise<ConsoleOverview> {
  const inScope = scopeSql(scope, sql`o.path`);
  const first = `${monthOf(addMonths(asOf, -(monthCount - 1)))}-01`;
  const months = Array.from({ length: monthCount }, (_, i) =>
    monthOf(addMonths(`${monthOf(asOf)}-01`, i - (monthCount - 1))),
  );
  const [statusRows, severityRows, disputedRows, districtRows] = await Promise.all([
    rows<{ status: RecordStatus; n: number }>(
      db,
      sql`
      select r.status, count(*)::int as n from kernel.credit_record r join kernel.org_unit o on o.id = r.org_id
      where ${inScope} group by r.status`,
    ),
    rows<{ severity: Severity; n: number }>(
      db,
      sql`
      select r.severity, count(*)::int as n from kernel.current_record r join kernel.org_unit o on o.id = r.org_id
      where ${inScope} and r.polarity = 'dishonesty' and r.status not in ('draft', 'revoked') group by r.severity`,
    ),
    rows<{ n: number }>(
      db,
      sql`
      select count(*)::int as n from kernel.credit_record r join kernel.org_unit o on o.id = r.org_id where ${inScope} and r.disputed`,
    ),
    rows<{ org_id: string | null; org_name: string | null; month: string; n: number }>(
      db,
      sql`
      with counted as (
        select r.org_id, o.path, to_char(r.decision_date, 'YYYY-MM') as month, count(*)::int as n
        from kernel.current_record r join kernel.org_unit o on o.id = r.org_id
        where ${inScope} and r.status <> 'draft' and r.decision_date >= ${first}::date and r.decision_date <= ${asOf}::date
        group by r.org_id, o.path, to_char(r.decision_date, 'YYYY-MM')
      )
      select d.id::text as org_id, d.name as org_name, c.month, sum(c.n)::int as n
      from counted c left join lateral (
        select a.id, a.name from kernel.org_unit a where a.id = any(string_to_array(c.path, '/')::uuid[]) and a.level = 'district' order by a.depth limit 1
      ) d on true
      group by d.id, d.name, c.month`,
    ),
  ]);
  const index = new Map(months.map((m, i) => [m, i]));
  const districts = new Map<string, ConsoleOverview['byDistrict'][number]>();
  for (const row of districtRows) {
    const key = row.org_id ?? '';
    const entry = districts.get(key) ?? {
      orgId: row.org_id,
      orgName: row.org_name ?? '市级单位',
      counts: months.map(() => 0),
      total: 0,
    };
    const i = index.get(row.month);
    if (i !== undefined) {
      entry.counts[i]! += Number(row.n);
      entry.total += Number(row.n);
    }
    districts.set(key, entry);
  }
  return {
    asOf,
    byStatus: statusRows.map((r) => ({ status: r.status, count: Number(r.n) })),
    bySeverity: severityRows.map((r) => ({ severity: r.severity, count: Number(r.n) })),
    disputed: Number(disputedRows[0]?.n ?? 0),
    months,
    byDistrict: [...districts.values()].sort(
      (a, b) => b.total - a.total || a.orgName.localeCompare(b.orgName, 'zh-CN'),
    ),
  };
}

export interface ActivityItem {
  recordId: string;
  action: string;
  fromStatus: string | null;
  toStatus: string;
  at: string;
  actorName: string | null;
  reason: string | null;
  typeKey: string;
  orgName: string;
  personName: string | null;
}

/** The latest lifecycle moves of records in scope, newest first. */
export async function recentActivity(db: Queryable, scope: Scope, limit: number): Promise<ActivityItem[]> {
  const list = await rows<{
    record_id: string;
    action: string;
    from_status: string | null;
    to_status: string;
    at: string;
    actor_name: string | null;
    reason: string | null;
    type_key: string;
    org_name: string;
    person_name: string | null;
  }>(
    db,
    sql`
    select e.record_id::text, e.action, e.from_status, e.to_status, e.at::text as at, u.display_name as actor_name, e.reason, r.type_key,
      o.name as org_name, p.name as person_name
    from kernel.record_event e join kernel.credit_record r on r.id = e.record_id join kernel.org_unit o on o.id = r.org_id
    left join kernel.app_user u on u.id = e.actor_id left join kernel.person p on p.id = r.person_id
    where ${scopeSql(scope, sql`o.path`)}
    order by e.id desc limit ${limit}`,
  );
  return list.map((r) => ({
    recordId: r.record_id,
    action: r.action,
    fromStatus: r.from_status,
    toStatus: r.to_status,
    at: new Date(r.at).toISOString(),
    actorName: r.actor_name,
    reason: r.reason,
    typeKey: r.type_key,
    orgName: r.org_name,
    personName: r.person_name,
  }));
}
