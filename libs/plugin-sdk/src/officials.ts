/**
 * Who held which post in a body on a day (the kernel's tenures), so a plugin's rule can name the responsible official
 * of a breach — the one in post on the day the duty fell due, not whoever holds the post now.
 */
import { rows, type Queryable } from '@chengxin/db';
import { sql } from 'drizzle-orm';

export interface OfficialInPost {
  personId: string;
  name: string;
  postTitle: string;
  principal: boolean;
  tenureId: string;
  startDate: string;
  endDate: string | null;
}

/** The officials in post in `orgId` on `day` (tenure started on or before it, not ended before it); principals first. */
export async function officialsInPost(
  db: Queryable,
  orgId: string,
  day: string,
  options: { principalOnly?: boolean } = {},
): Promise<OfficialInPost[]> {
  return rows<OfficialInPost>(
    db,
    sql`
    select p.id::text as "personId", p.name, po.title as "postTitle", po.principal, t.id::text as "tenureId", t.start_date::text as "startDate", t.end_date::text as "endDate"
    from kernel_api.tenure t join kernel_api.post po on po.id = t.post_id join kernel_api.person p on p.id = t.person_id
    where t.org_id = ${orgId} and t.start_date <= ${day} and (t.end_date is null or t.end_date >= ${day}) ${options.principalOnly ? sql`and po.principal` : sql``}
    order by po.principal desc, t.start_date, p.id`,
  );
}
