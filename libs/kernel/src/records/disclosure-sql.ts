import { sql } from 'drizzle-orm';

/**
 * The SQL both 双公示 faces (platform export, portal open data) read a record's disclosure fields with; over the aliases
 * alias `r` (kernel.current_record: a record with its current version). See disclosure.ts for the mapping.
 */

/** 法定代表人: the body's principal in post on the decision date (a tenure's end date is its last day in post). */
export const principalOnDecisionDate = sql`(select pp.name from kernel.tenure t join kernel.post po on po.id = t.post_id join kernel.person pp on pp.id = t.person_id
  where t.org_id = r.org_id and po.principal and t.start_date <= r.decision_date and (t.end_date is null or t.end_date >= r.decision_date)
  order by t.start_date desc limit 1)`;

/**
 * 数据来源单位, as `src.name` and `src.uscc`: the body registered for the record's source system, else the body of the
 * user who entered it; neither known, the mapping falls back to the source system's code.
 */
export const sourceOrgJoin = sql`left join lateral (select so.name, so.uscc from kernel.org_unit so
  where so.id = coalesce((select rs.org_id from kernel.reporting_source rs where rs.code = r.source_system limit 1), (select u.org_id from kernel.app_user u where u.id = r.created_by))) src on true`;
