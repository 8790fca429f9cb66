import { rows, type Queryable } from '@chengxin/db';
import { sql } from 'drizzle-orm';
import type { z } from 'zod';
import { EVERYWHERE, scopeSql, type Scope } from '../access';
import type { coverageInput, coverageOut, coverageRowOut } from '@chengxin/contract';
import { formatLegalDate } from '@chengxin/contract';
import { notFound } from '../core';

type Row = z.infer<typeof coverageRowOut>;

export const COVERAGE_DEFINITION_ZH =
  '公务员档案：当年在职，且有当年年度考核结果和诚信教育记录的，计为已建档；单位档案：统一社会信用代码无误且当年有主要负责人任职记录的，计为已建档。';

const share = (n: number, d: number) => (d === 0 ? null : Math.round((n / d) * 1000) / 1000);

/**
 * How far the integrity files cover bodies and civil servants for a year (实现政务诚信记录全覆盖), grouped by the
 * bodies directly below the root (districts under the city) or by body. One query over the subtree: each body finds
 * its group from its materialised path, each person counts once, in the body they served in last that year.
 */
export async function coverage(
  db: Queryable,
  input: z.infer<typeof coverageInput>,
  scope: Scope = EVERYWHERE,
): Promise<z.infer<typeof coverageOut>> {
  const [root] = input.rootOrgId
    ? await rows<{ path: string; depth: number }>(
        db,
        sql`select path, depth from kernel.org_unit where id = ${input.rootOrgId}`,
      )
    : await rows<{ path: string; depth: number }>(
        db,
        sql`select path, depth from kernel.org_unit where parent_id is null order by path limit 1`,
      );
  if (!root) throw notFound('org', '单位', input.rootOrgId ?? 'root');
  const from = formatLegalDate(input.year, 1, 1);
  const to = formatLegalDate(input.year + 1, 1, 1);
  const group =
    input.groupBy === 'org'
      ? sql`o.id::text`
      : sql`case when o.depth = ${root.depth} then o.id::text else split_part(o.path, '/', ${Number(root.depth) + 2}) end`;
  const list = await rows<{
    orgId: string;
    orgName: string;
    bodies: number;
    bodiesWithFile: number;
    persons: number;
    withAssessment: number;
    withTraining: number;
    personsWithFile: number;
  }>(
    db,
    sql`
    with bodies as (
      select o.id, o.uscc_warning, ${group} as grp from kernel.org_unit o
      where (o.path = ${root.path} or o.path like ${`${root.path}/%`}) and ${scopeSql(scope, sql`o.path`)}
    ), staff as (
      select distinct on (t.person_id) t.person_id, b.grp from kernel.tenure t join bodies b on b.id = t.org_id
      where t.start_date < ${to}::date and (t.end_date is null or t.end_date >= ${from}::date)
      order by t.person_id, t.start_date desc
    ), people as (
      select s.grp,
        s.person_id in (select a.person_id from kernel.assessment_result a where a.year = ${input.year}) as assessed,
        s.person_id in (select x.person_id from kernel.training_completion x where x.completed_on >= ${from}::date and x.completed_on < ${to}::date) as trained
      from staff s
    ), heads as (
      select distinct t.org_id from kernel.tenure t join kernel.post p on p.id = t.post_id
      where p.principal and t.start_date < ${to}::date and (t.end_date is null or t.end_date >= ${from}::date)
    ), pagg as (
      select grp, count(*)::int as persons, count(*) filter (where assessed)::int as assessed, count(*) filter (where trained)::int as trained,
        count(*) filter (where assessed and trained)::int as complete from people group by grp
    ), bagg as (
      select b.grp, count(*)::int as bodies, count(*) filter (where b.uscc_warning is null and b.id in (select org_id from heads))::int as with_file
      from bodies b group by b.grp
    )
    select g.id::text as "orgId", g.name as "orgName", bagg.bodies, bagg.with_file as "bodiesWithFile", coalesce(pagg.persons, 0) as persons,
      coalesce(pagg.assessed, 0) as "withAssessment", coalesce(pagg.trained, 0) as "withTraining", coalesce(pagg.complete, 0) as "personsWithFile"
    from bagg join kernel.org_unit g on g.id::text = bagg.grp left join pagg on pagg.grp = bagg.grp
    order by g.depth, g.sort_order, g.name`,
  );
  const rowsOut: Row[] = list.map((r) => ({
    ...r,
    bodyShare: share(r.bodiesWithFile, r.bodies),
    personShare: share(r.personsWithFile, r.persons),
  }));
  const sum = (k: 'bodies' | 'bodiesWithFile' | 'persons' | 'withAssessment' | 'withTraining' | 'personsWithFile') =>
    rowsOut.reduce((s, r) => s + r[k], 0);
  const total = {
    bodies: sum('bodies'),
    bodiesWithFile: sum('bodiesWithFile'),
    persons: sum('persons'),
    withAssessment: sum('withAssessment'),
    withTraining: sum('withTraining'),
    personsWithFile: sum('personsWithFile'),
  };
  return {
    year: input.year,
    definitionZh: COVERAGE_DEFINITION_ZH,
    total: {
      ...total,
      bodyShare: share(total.bodiesWithFile, total.bodies),
      personShare: share(total.personsWithFile, total.persons),
    },
    rows: rowsOut,
  };
}
