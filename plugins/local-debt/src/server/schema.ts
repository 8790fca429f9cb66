import { sql } from 'drizzle-orm';
import {
  bigint,
  date,
  index,
  integer,
  jsonb,
  numeric,
  pgSchema,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';

/** The plugin's own schema (`local_debt`: the plugin id with the dash as an underscore). */
export const localDebt = pgSchema('local_debt');

const money = (name: string) => bigint(name, { mode: 'number' });

/** One district's figures for one year; a correction replaces the row and is audited with the figures before it. */
export const debtFigure = localDebt.table(
  'debt_figure',
  {
    id: uuid('id').primaryKey(),
    /** kernel_api.org_unit id (a district government). */
    orgId: uuid('org_id').notNull(),
    year: integer('year').notNull(),
    balanceFen: money('balance_fen').notNull(),
    capacityFen: money('capacity_fen').notNull(),
    principalInterestDueFen: money('principal_interest_due_fen').notNull(),
    overdueFen: money('overdue_fen').notNull(),
    newDebtFen: money('new_debt_fen').notNull(),
    source: text('source').notNull().default('manual'),
    updatedAt: timestamp('updated_at', { withTimezone: true, mode: 'string' }).notNull().defaultNow(),
    updatedBy: uuid('updated_by'),
  },
  (t) => [uniqueIndex('debt_figure_org_year_key').on(t.orgId, t.year)],
);

const day = (name: string) => date(name, { mode: 'string' });

/** A district's government credit grade for a year as published to the level above (a snapshot of the computation). */
export const creditRating = localDebt.table(
  'credit_rating',
  {
    id: uuid('id').primaryKey(),
    orgId: uuid('org_id').notNull(),
    year: integer('year').notNull(),
    grade: text('grade').notNull(),
    score: numeric('score', { mode: 'number' }).notNull(),
    tier: text('tier').notNull(),
    explanation: text('explanation').notNull(),
    /** The creditRating setting applied. */
    method: jsonb('method').notNull(),
    publishedOn: day('published_on').notNull(),
    publishedBy: uuid('published_by'),
  },
  (t) => [uniqueIndex('credit_rating_org_year_key').on(t.orgId, t.year)],
);

/** 应急处置: a debt risk event, its measures (dated) and its closure. */
export const riskEvent = localDebt.table(
  'risk_event',
  {
    id: uuid('id').primaryKey(),
    orgId: uuid('org_id').notNull(),
    occurredOn: day('occurred_on').notNull(),
    level: text('level').notNull(),
    title: text('title').notNull(),
    description: text('description').notNull(),
    /** [{ takenOn, measure }] in the order taken. */
    measures: jsonb('measures')
      .notNull()
      .default(sql`'[]'::jsonb`),
    closedOn: day('closed_on'),
    closure: text('closure'),
    createdAt: timestamp('created_at', { withTimezone: true, mode: 'string' }).notNull().defaultNow(),
    createdBy: uuid('created_by'),
  },
  (t) => [index('risk_event_org_idx').on(t.orgId, t.occurredOn)],
);
