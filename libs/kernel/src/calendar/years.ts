import { rows, type Queryable } from '@chengxin/db';
import { sql } from 'drizzle-orm';
import { OFFICIAL_YEARS } from './official-data';
import { audit, write, type KernelContext, AppError, badInput } from '../core';

/** Years an administrator marked as entered in full from the State Council's notice, with the notice's number. */
export async function enteredYears(db: Queryable): Promise<Map<number, string>> {
  const list = await rows<{ year: number; document_no: string }>(
    db,
    sql`select year, document_no from kernel.calendar_year`,
  );
  return new Map(list.map((r) => [Number(r.year), r.document_no]));
}

/**
 * Marks a year's arrangement as entered from the official notice: from then on the year is official (days without an
 * override are ordinary working days and weekends) and deadlines in it are no longer provisional. The year must have
 * its holidays entered first; a year the data package already holds needs no marking.
 */
export async function markYearOfficial(
  ctx: KernelContext,
  input: { year: number; documentNo: string; note: string | null },
) {
  if (OFFICIAL_YEARS.has(input.year)) {
    throw badInput(
      'CALENDAR_YEAR_ALREADY_OFFICIAL',
      'year',
      `${input.year}年的放假安排已随日历数据发布，无需标记`,
      `The ${input.year} arrangement is already in the calendar data`,
    );
  }
  await write(ctx, async (tx) => {
    const [n] = await rows<{ n: number }>(
      tx,
      sql`select count(*)::int as n from kernel.calendar_day where kind = 'holiday' and date >= make_date(${input.year}, 1, 1) and date < make_date(${input.year + 1}, 1, 1)`,
    );
    if (!n || Number(n.n) === 0) {
      throw new AppError(
        'BAD_REQUEST',
        'CALENDAR_YEAR_NOT_ENTERED',
        `${input.year}年尚未录入任何放假日期：请先按通知录入全年放假和调休安排，再标记为正式`,
        `No holidays entered for ${input.year}: enter the whole arrangement from the notice first`,
        'year',
      );
    }
    await tx.execute(sql`insert into kernel.calendar_year (year, document_no, note, marked_by) values (${input.year}, ${input.documentNo}, ${input.note}, ${ctx.actor?.id ?? null}::uuid)
      on conflict (year) do update set document_no = excluded.document_no, note = excluded.note, marked_by = excluded.marked_by, created_at = now()`);
    await audit(tx, ctx, 'calendar.mark_official', 'calendar_year', String(input.year), {
      documentNo: input.documentNo,
      note: input.note,
      holidays: Number(n.n),
    });
  });
  return { year: input.year, basis: 'official' as const, documentNo: input.documentNo };
}
