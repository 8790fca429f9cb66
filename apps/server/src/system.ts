import { join } from 'node:path';
import { migrate, openDatabase, type Database, type MigrationReport } from '@chengxin/db';
import { kernelMigrations, loadSecrets, type Secrets } from '@chengxin/kernel';
import type { ServerConfig } from './config';
import { installAll } from '@chengxin/api';
import { appRouter } from '@chengxin/api';

/**
 * Every owner's migrations in their fixed order: the kernel first, then each plugin. Installing the plugins here, at
 * module load, checks their declarations before anything else runs.
 */
export const MIGRATION_OWNERS = [kernelMigrations, ...installAll(appRouter)];

export interface System {
  database: Database;
  secrets: Secrets;
  migrations: MigrationReport[];
}

/** Opens the configured engine, applies pending migrations and loads the data keys. */
export async function openSystem(config: ServerConfig): Promise<System> {
  const database = await openDatabase(
    config.databaseUrl ? { databaseUrl: config.databaseUrl } : { dataDir: join(config.dataDir, 'pglite') },
  );
  const migrations = await migrate(database, MIGRATION_OWNERS);
  return {
    database,
    secrets: loadSecrets(config.keyFile, { dataKey: config.dataKey, signingKeyPem: config.signingKeyPem }),
    migrations,
  };
}
