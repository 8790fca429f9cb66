import { fileURLToPath } from 'node:url';
import type { MigrationOwner } from '@chengxin/db';
import { builtinRoles, syncBuiltinRoles } from '../access';
import { sealLegacyAuditEntries } from '../audit';

/** The kernel's migrations: applied first, into the `kernel` schema with its own ledger. */
export const kernelMigrations: MigrationOwner = {
  owner: 'kernel',
  schema: 'kernel',
  migrationsFolder: fileURLToPath(new URL('../../migrations', import.meta.url)),
  async afterMigrate(db) {
    await syncBuiltinRoles(db, builtinRoles());
    await sealLegacyAuditEntries(db);
  },
};
