/** Import of files, platform export batches, the changed-since feed, completeness checks. Other domains import this index only. */
export * from './completeness';
export * from './disclosure-fields';
export * from './export';
export * from './import';
export * from './mapping';
export * from './schema';
export * from './tabular';
export * from './uploads';
