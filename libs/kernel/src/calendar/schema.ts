import { integer, text, uuid } from 'drizzle-orm/pg-core';
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

/**
 * Years whose whole holiday arrangement an administrator entered from the State Council's notice (its document
 * number recorded): the calendar treats such a year as official, and its deadlines are no longer provisional.
 */
export const calendarYear = kernel.table('calendar_year', {
  year: integer('year').primaryKey(),
  documentNo: text('document_no').notNull(),
  note: text('note'),
  markedAt: createdAt(),
  markedBy: uuid('marked_by'),
});
