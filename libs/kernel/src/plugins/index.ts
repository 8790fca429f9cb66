/** The plugin contract, registry, runtime, settings and scans. Other domains import this index only. */
export * from './definition';
export * from './events';
export * from './procedure';
export * from './registry';
export * from './runtime';
export * from './schema';
export * from './settings';
