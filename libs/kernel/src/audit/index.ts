/** The audit log: append, signed checkpoints, verification. Other domains import this index only. */
export * from './chain';
export * from './checkpoint';
export * from './schema';
export * from './verify';
export * from './anchors';
export * from './mac';
export * from './witness';
