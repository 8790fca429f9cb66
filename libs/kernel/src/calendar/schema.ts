import { text, uuid } from 'drizzle-orm/pg-core';
import { createdAt, kernel, dateColumn } from '../core/schema';

// Tables of the calendar domain (one migration ledger for the whole kernel: see ../schema.ts).
/** Administrators' calendar entries: the next year's official arrangement before the data package has it, or local days. */
export const calendarDay = kernel.table('calendar_day', {
  date: dateColumn('date').primaryKey(),
  kind: text('kind').notNull(),
  nameZh: text('name_zh').notNull(),
  note: text('note'),
  createdAt: createdAt(),
  createdBy: uuid('created_by'),
});
