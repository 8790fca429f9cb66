import { readMigrationFiles, type MigrationMeta } from 'drizzle-orm/migrator';
import { sql } from 'drizzle-orm';
import type { Database, Db } from './engine';
import { rows } from './engine';

/** One owner of tables: the kernel, then each plugin. Each has its own schema and its own ledger there. */
export interface MigrationOwner {
  owner: string;
  schema: string;
  migrationsFolder: string;
  /**
   * Runs after the owner's migrations, under the same lock, on every start: keeps data that the owner's code defines
   * (built-in roles, say) in step with the code, or finishes work SQL cannot do.
   */
  afterMigrate?: (db: Db) => Promise<void>;
}

export interface MigrationReport {
  owner: string;
  applied: number;
  total: number;
}

// One lock for all owners: two servers starting together migrate one after the other.
const MIGRATION_LOCK_KEY = 0x63_78_6d_67; // "cxmg"

/**
 * Applies pending migrations of every owner, in the order given, under a PostgreSQL advisory lock.
 * Each owner's ledger is `<schema>.__migrations`; migration timestamps must increase, because drizzle
 * only applies migrations newer than the newest one recorded.
 */
export async function migrate(database: Database, owners: MigrationOwner[]): Promise<MigrationReport[]> {
  return database.withConnection(async (db) => {
    await db.execute(sql`select pg_advisory_lock(${MIGRATION_LOCK_KEY})`);
    try {
      const reports: MigrationReport[] = [];
      for (const owner of owners) reports.push(await migrateOwner(db, owner));
      return reports;
    } finally {
      await db.execute(sql`select pg_advisory_unlock(${MIGRATION_LOCK_KEY})`);
    }
  });
}

async function migrateOwner(db: Db, owner: MigrationOwner): Promise<MigrationReport> {
  const migrations = readMigrationFiles({ migrationsFolder: owner.migrationsFolder });
  assertIncreasing(owner, migrations);
  const ledger = sql`${sql.identifier(owner.schema)}.${sql.identifier('__migrations')}`;
  await db.execute(sql`create schema if not exists ${sql.identifier(owner.schema)}`);
  await db.execute(
    sql`create table if not exists ${ledger} (id serial primary key, hash text not null, created_at bigint, applied_at timestamptz not null default now())`,
  );
  const [last] = await rows<{ created_at: string | number }>(
    db,
    sql`select created_at from ${ledger} order by created_at desc limit 1`,
  );
  const lastMillis = last ? Number(last.created_at) : -1;
  const pending = migrations.filter((m) => m.folderMillis > lastMillis);
  if (pending.length > 0) {
    await db.transaction(async (tx) => {
      for (const m of pending) {
        for (const statement of m.sql) if (statement.trim()) await tx.execute(sql.raw(statement));
        await tx.execute(sql`insert into ${ledger} (hash, created_at) values (${m.hash}, ${m.folderMillis})`);
      }
    });
  }
  await owner.afterMigrate?.(db);
  return { owner: owner.owner, applied: pending.length, total: migrations.length };
}

/**
 * How many of each owner's migrations the database has not applied (read-only: for readiness probes). A server whose
 * code is newer than its database must not take traffic until a migrate has run.
 */
export async function pendingMigrations(db: Db, owners: MigrationOwner[]): Promise<Record<string, number>> {
  const pending: Record<string, number> = {};
  for (const owner of owners) {
    const migrations = readMigrationFiles({ migrationsFolder: owner.migrationsFolder });
    const ledger = sql`${sql.identifier(owner.schema)}.${sql.identifier('__migrations')}`;
    const [exists] = await rows<{ t: string | null }>(
      db,
      sql`select to_regclass(${`${owner.schema}.__migrations`})::text as t`,
    );
    const [last] = exists?.t
      ? await rows<{ created_at: string | number }>(db, sql`select max(created_at) as created_at from ${ledger}`)
      : [];
    const lastMillis = last?.created_at == null ? -1 : Number(last.created_at);
    pending[owner.owner] = migrations.filter((m) => m.folderMillis > lastMillis).length;
  }
  return pending;
}

function assertIncreasing(owner: MigrationOwner, migrations: MigrationMeta[]): void {
  for (let i = 1; i < migrations.length; i++) {
    if (migrations[i]!.folderMillis <= migrations[i - 1]!.folderMillis) {
      throw new Error(`${owner.owner}: migration ${i} is not newer than the one before it; fix meta/_journal.json`);
    }
  }
}
