import { maskFreeText } from './mask';
import { sql, type SQL } from 'drizzle-orm';
import type { LegalDate } from '@chengxin/contract';

/**
 * The one rule for what the public may see, used by every public procedure (search, pages, reports, open data), so
 * the pages and the downloads never disagree. A record is public on day D when:
 *  - its current version is disclosed to society (公开范围 社会公开, GB/T 36104);
 *  - on D it stood published: today its status is `published`; for an earlier day, its last status move dated on or
 *    before D led to `published` (and it was never revoked — a revoked decision never was);
 *  - D lies inside its publication window [start, max end): the window ends by law even if the daily job that marks
 *    the record expired has not run yet. A credit repair ends publication by moving the record out of `published`.
 * Expects `r` = kernel.current_record (a record with its current version).
 */
export function publicOn(day: LegalDate, today: LegalDate): SQL {
  const standing =
    day === today
      ? sql`r.status = 'published'`
      : sql`r.status <> 'revoked' and (select e.to_status from kernel.record_event e where e.record_id = r.id and e.from_status is distinct from e.to_status
        and coalesce(e.effective_date, (e.at at time zone 'Asia/Shanghai')::date) <= ${day}::date order by e.id desc limit 1) = 'published'`;
  return sql`(r.disclosure_scope = 'public' and ${standing} and coalesce(r.publication_start, r.decision_date) <= ${day}::date
    and (r.publication_max_end is null or ${day}::date < r.publication_max_end))`;
}

/** Records whose publication a credit repair ended early and whose window would otherwise still be open on D. */
export function repairedOn(day: LegalDate): SQL {
  return sql`(r.disclosure_scope = 'public' and r.status in ('repaired', 'archived')
    and (r.publication_max_end is null or ${day}::date < r.publication_max_end))`;
}

/** The day a record's publication was ended by an approved repair (its last move into `repaired`, on or before D). */
export function repairDay(day: LegalDate): SQL {
  return sql`(select coalesce(e.effective_date, (e.at at time zone 'Asia/Shanghai')::date)::text from kernel.record_event e
    where e.record_id = r.id and e.to_status = 'repaired' and coalesce(e.effective_date, (e.at at time zone 'Asia/Shanghai')::date) <= ${day}::date
    order by e.id desc limit 1)`;
}

/**
 * Free text shown to the public with long digit runs hidden: ID numbers (身份证号), mobile and landline numbers, bank
 * accounts (个人信息保护法 §28, 政府信息公开条例 §15). Amounts and document numbers are short enough to stay.
 */
export function maskText(text: string): string {
  // Every spelling (grouped, full-width, half-masked, birth dates): public/mask.ts.
  return maskFreeText(text);
}
