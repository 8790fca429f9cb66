/**
 * The browser-safe contract of the kernel: every input and output schema, enumerations with their labels, the
 * 双公示 field list and the legal-date module. Nothing here reaches Node or the database, so the console, the portal
 * and plugins' admin code import it instead of the kernel. Evaluation, exchange and public schemas are subpaths
 * (`@chengxin/contract/evaluation` …) because their names overlap the kernel's.
 */
export * from './kernel';
export * from './labels';
export * from './dates';
export * from './disclosure';
