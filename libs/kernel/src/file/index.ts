/** The integrity file: assessments, training, commendations and the honour bar, confidential sections, coverage, reporting completeness, eligibility answers and the file as a document. Other domains import this index only. */
export * from './assessments';
export * from './commendations';
export * from './confidential';
export * from './coverage';
export * from './eligibility';
export * from './files';
export * from './reporting';
export * from './schema';
export * from './training';
export * from './rules/assessment';
export * from './rules/file-rules';
export * from './documents/file-document';
export * from './documents/html';
export * from './documents/model';
export * from './documents/pdf';
