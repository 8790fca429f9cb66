/** Government bodies (org units in a tree) and civil servants with their posts and tenures. Other domains import this index only. */
export * from './orgs';
export * from './persons';
export * from './schema';
