import { fileURLToPath } from 'node:url';
import type { MigrationOwner } from '@chengxin/db';

/** The kernel's migrations: applied first, into the `kernel` schema with its own ledger. */
export const kernelMigrations: MigrationOwner = {
  owner: 'kernel',
  schema: 'kernel',
  migrationsFolder: fileURLToPath(new URL('../migrations', import.meta.url)),
};
