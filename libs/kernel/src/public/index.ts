/** What the public sees: visibility, search, integrity pages, credit reports, open data. Other domains import this index only. */
export * from './open-data';
export * from './pages';
export * from './policy';
export * from './records';
export * from './report';
export * from './search';
export * from './visibility';
export * from './disclosure';
export * from './mask';
export * from './attachment-check';
export * from './dishonesty-list';
