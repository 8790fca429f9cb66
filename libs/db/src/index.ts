export { openDatabase, rows, jsonValue, redactUrl } from './engine';
export type { Database, Db, Tx, Queryable, EngineKind, OpenOptions } from './engine';
export { migrate, pendingMigrations } from './migrate';
export type { MigrationOwner, MigrationReport } from './migrate';
export { ReplicaRouter, lsnBytes } from './replicas';
export type { ReadRouting, ReadChoice, ReadTarget, ReplicaStatus, ReplicaOptions } from './replicas';
