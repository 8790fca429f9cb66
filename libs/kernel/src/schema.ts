/**
 * The kernel's tables, one file per domain; drizzle-kit reads this file to generate the one migration ledger
 * (transactions span domains, so the kernel keeps one ledger).
 */
export * from './core/schema';
export * from './registry/schema';
export * from './records/schema';
export * from './access/schema';
export * from './audit/schema';
export * from './calendar/schema';
export * from './processes/schema';
export * from './plugins/schema';
export * from './file/schema';
export * from './evaluation/schema';
export * from './exchange/schema';
export * from './leads/schema';
export * from './measures/schema';
