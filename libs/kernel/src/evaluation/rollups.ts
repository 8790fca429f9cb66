/**
 * 逐级汇总: every level sees its whole subtree aggregated — records by status, severity and type, overdue processes,
 * and file coverage — grouped by the bodies directly below the root (or by body), in a few set-based queries over the
 * materialised paths rather than by walking the tree in application code.
 */
import { rows, type Queryable } from '@chengxin/db';
import { sql } from 'drizzle-orm';
import type { z } from 'zod';
import { EVERYWHERE, scopeSql, type Scope } from '../access';
import { notFound } from '../core';
import { complaintOverdueSql } from '../processes';
import { coverage } from '../file';
import type { rollupInput, rollupOut, rollupRowOut } from '@chengxin/contract/evaluation';

type Row = z.infer<typeof rollupRowOut>;
type Counts = Record<string, number>;

export async function rollup(
  db: Queryable,
  input: z.infer<typeof rollupInput>,
  today: string,
  scope: Scope = EVERYWHERE,
): Promise<z.infer<typeof rollupOut>> {
  const [root] = input.orgId
    ? await rows<{ id: string; path: string; depth: number }>(
        db,
        sql`select id::text, path, depth from kernel.org_unit where id = ${input.orgId}`,
      )
    : scope.roots === null
      ? await rows<{ id: string; path: string; depth: number }>(
          db,
          sql`select id::text, path, depth from kernel.org_unit where parent_id is null order by path limit 1`,
        )
      : await rows<{ id: string; path: string; depth: number }>(
          db,
          sql`select id::text, path, depth from kernel.org_unit where path = any(${sql.param([...scope.roots])}::text[]) order by depth, path limit 1`,
        );
  if (!root) throw notFound('org', '单位', input.orgId ?? 'root');
  const year = input.year ?? Number(today.slice(0, 4));
  // Each body's group: the root's own row, or the child of the root whose subtree holds it (or itself, by body).
  const group =
    input.groupBy === 'org'
      ? sql`o.id::text`
      : sql`case when o.depth = ${root.depth} then o.id::text else split_part(o.path, '/', ${Number(root.depth) + 2}) end`;
  const bodies = sql`select o.id, ${group} as grp from kernel.org_unit o
    where (o.path = ${root.path} or o.path like ${`${root.path}/%`}) and ${scopeSql(scope, sql`o.path`)}`;
  const [groups, records, overdue, cover] = await Promise.all([
    rows<{ grp: string; name: string; bodies: number }>(
      db,
      sql`with b as (${bodies})
      select b.grp, g.name, count(*)::int as bodies from b join kernel.org_unit g on g.id::text = b.grp group by b.grp, g.name, g.depth, g.sort_order, g.path order by g.depth, g.sort_order, g.path`,
    ),
    rows<{ grp: string; status: string; severity: string; typeKey: string; n: number }>(
      db,
      sql`with b as (${bodies})
      select b.grp, r.status, r.severity, r.type_key as "typeKey", count(*)::int as n
      from kernel.current_record r join b on b.id = r.org_id
      group by b.grp, r.status, r.severity, r.type_key`,
    ),
    rows<{ grp: string; kind: string; n: number }>(
      db,
      sql`with b as (${bodies})
      select b.grp, 'objections' as kind, count(*)::int as n from kernel.objection o join kernel.credit_record r on r.id = o.record_id join b on b.id = r.org_id
        where o.status <> 'decided' and o.decide_due < ${today}::date group by b.grp
      union all
      select b.grp, 'repairs', count(*)::int from kernel.repair p join kernel.credit_record r on r.id = p.record_id join b on b.id = r.org_id
        where p.status = 'under_review' and p.decide_due < ${today}::date group by b.grp
      union all
      select b.grp, 'complaints', count(*)::int from kernel.complaint c join b on b.id = coalesce(c.about_org_id, c.handling_org_id)
        where ${complaintOverdueSql(today)} group by b.grp
      union all
      select b.grp, 'rectifications', count(*)::int from kernel.rectification x join b on b.id = x.org_id
        where (x.status = 'awaiting_explanation' and x.explanation_due < ${today}::date) or (x.status = 'in_progress' and x.completion_due < ${today}::date) group by b.grp`,
    ),
    coverage(db, { rootOrgId: root.id, year, groupBy: input.groupBy }, scope),
  ]);
  const empty = (): Omit<Row, 'orgId' | 'orgName' | 'coverage'> => ({
    bodies: 0,
    records: 0,
    byStatus: {},
    bySeverity: {},
    byType: {},
    overdue: { objections: 0, complaints: 0, repairs: 0, rectifications: 0 },
  });
  const byGroup = new Map<string, Row>(
    groups.map((g) => [
      g.grp,
      { orgId: g.grp, orgName: g.name, ...empty(), bodies: g.bodies, coverage: { bodyShare: null, personShare: null } },
    ]),
  );
  const add = (c: Counts, k: string, n: number) => {
    c[k] = (c[k] ?? 0) + n;
  };
  for (const r of records) {
    const row = byGroup.get(r.grp);
    if (!row) continue;
    row.records += r.n;
    add(row.byStatus, r.status, r.n);
    add(row.bySeverity, r.severity, r.n);
    add(row.byType, r.typeKey, r.n);
  }
  for (const o of overdue) {
    const row = byGroup.get(o.grp);
    if (row) row.overdue[o.kind as keyof Row['overdue']] += o.n;
  }
  for (const c of cover.rows) {
    const row = byGroup.get(c.orgId);
    if (row) row.coverage = { bodyShare: c.bodyShare, personShare: c.personShare };
  }
  const list = [...byGroup.values()];
  const total = empty();
  for (const r of list) {
    total.bodies += r.bodies;
    total.records += r.records;
    for (const [k, n] of Object.entries(r.byStatus)) add(total.byStatus, k, n);
    for (const [k, n] of Object.entries(r.bySeverity)) add(total.bySeverity, k, n);
    for (const [k, n] of Object.entries(r.byType)) add(total.byType, k, n);
    for (const k of Object.keys(total.overdue) as (keyof Row['overdue'])[]) total.overdue[k] += r.overdue[k];
  }
  return {
    rootOrgId: root.id,
    asOf: today,
    year,
    total: { ...total, coverage: { bodyShare: cover.total.bodyShare, personShare: cover.total.personShare } },
    rows: list,
  };
}
