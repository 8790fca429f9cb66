/** The admin console's overview and activity. Other domains import this index only. */
export * from './overview';
