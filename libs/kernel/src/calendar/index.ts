/** The working-day calendar: official arrangements, the statutory fallback, overrides. Other domains import this index only. */
export * from './official-data';
export * from './schema';
export * from './service';
export * from './statutory';
export * from './working-days';
export * from './years';
