import { customType, date, pgSchema, timestamp } from 'drizzle-orm/pg-core';

/** Every kernel table lives in the `kernel` Postgres schema, beside its own migration ledger. */
export const kernel = pgSchema('kernel');

/** Shared column helpers of the domain schema files. */
export const createdAt = () => timestamp('created_at', { withTimezone: true, mode: 'string' }).notNull().defaultNow();

export const dateColumn = (name: string) => date(name, { mode: 'string' });

export const bytea = customType<{ data: Buffer; driverData: Buffer }>({ dataType: () => 'bytea' });
