import { randomBytes } from 'node:crypto';
import postgres from 'postgres';
import { openDatabase, type Database, type EngineKind } from './engine';

/** Engines the suites run on: both by default; `CHENGXIN_TEST_ENGINES=pglite` narrows it for a quick local run. */
export function testEngines(): EngineKind[] {
  const raw = process.env['CHENGXIN_TEST_ENGINES'] ?? 'pglite,postgres';
  return raw
    .split(',')
    .map((s) => s.trim())
    .filter((s): s is EngineKind => s === 'pglite' || s === 'postgres');
}

export function adminDatabaseUrl(): string {
  return process.env['TEST_DATABASE_URL'] ?? 'postgres://postgres@127.0.0.1:5432/postgres';
}

export interface TestDatabase extends Database {
  /** Closes the connection and, for PostgreSQL, drops the test's own database. */
  dispose(): Promise<void>;
  /** PostgreSQL: the test database's connection string (for a second pool, e.g. the job queue's own). */
  url?: string;
}

/** A fresh, empty database of its own for one test file: in-memory PGlite, or a new PostgreSQL database. */
export async function createTestDatabase(kind: EngineKind): Promise<TestDatabase> {
  if (kind === 'pglite') {
    const database = await openDatabase({ dataDir: 'memory://' });
    return { ...database, dispose: () => database.close() };
  }
  const name = `chengxin_test_${Date.now().toString(36)}_${randomBytes(4).toString('hex')}`;
  const adminUrl = adminDatabaseUrl();
  const admin = postgres(adminUrl, { max: 1, onnotice: () => undefined });
  await admin.unsafe(`create database ${name}`);
  await admin.end();
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  const database = await openDatabase({ databaseUrl: url.toString(), maxConnections: 4 });
  return {
    ...database,
    url: url.toString(),
    async dispose() {
      await database.close();
      const cleanup = postgres(adminUrl, { max: 1, onnotice: () => undefined });
      await cleanup.unsafe(`drop database if exists ${name} with (force)`);
      await cleanup.end();
    },
  };
}
