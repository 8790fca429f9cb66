/** Shared foundations: the context and its audit write, errors, ids, secrets, paging, the one initTRPC, migrations. Other domains import this index only. */
export * from './context';
export * from './errors';
export * from './identifiers';
export * from './ids';
export * from './migrations';
export * from './paging';
export * from './schema';
export * from './secrets';
export * from './trpc';
export * from './settings';
export * from './db-errors';
export * from './input-guard';
