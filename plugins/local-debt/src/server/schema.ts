import { bigint, integer, pgSchema, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';

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
