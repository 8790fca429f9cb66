/** Measures against dishonesty beyond the record: public criticism notices and self-correction. Other domains import this index only. */
export * from './notices';
export * from './rules';
export * from './schema';
export * from './self-corrections';
