/** Credit records: drafts, versions, lifecycle, derived periods, bulk ingest, change feed, record types and the rule tables they are judged by. Other domains import this index only. */
export * from './derive';
export * from './disclosure-sql';
export * from './ingest';
export * from './lifecycle';
export * from './record-changes';
export * from './record-rows';
export * from './record-types';
export * from './records';
export * from './schema';
export * from './rules/publication';
export * from './rules/registry';
export * from './rules/retention';
export * from './rules/sanctions';
export * from './rules/source';
