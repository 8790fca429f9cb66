/**
 * The browser-safe contract: every procedure's input and output schema, by domain, with enumerations and their labels,
 * the 双公示 field list and the legal-date module. Nothing here reaches Node or the database, so the console, the
 * portal and plugins' admin code import it instead of the kernel. Evaluation, exchange and public schemas are subpaths
 * (`@chengxin/contract/evaluation` …) because some of their names repeat other domains'.
 */
export * from './common';
export * from './labels';
export * from './status-labels';
export * from './dates';
export * from './disclosure';
export * from './registry';
export * from './records';
export * from './access';
export * from './audit';
export * from './processes';
export * from './file';
export * from './calendar';
export * from './console';
export * from './plugins';
export * from './measures';
