/** Leads from monitoring (线索): intake by API and file, triage into drafts. Other domains import this index only. */
export * from './schema';
export * from './leads';
export * from './import';
