/** Due process: objections, credit repair, complaints, rectification and accountability, supervision, notifications and mail, the daily job. Other domains import this index only. */
export * from './accountability-for-record';
export * from './background-jobs';
export * from './complaints';
export * from './daily-job';
export * from './mailer';
export * from './notifications';
export * from './objections';
export * from './rectifications';
export * from './repairs';
export * from './rules';
export * from './schema';
export * from './supervision';
