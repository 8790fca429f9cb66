import { sql } from 'drizzle-orm';
import { boolean, jsonb, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { kernel } from '../core/schema';
import { orgUnit } from '../registry/schema';

// Tables of the plugins domain (one migration ledger for the whole kernel: see ../schema.ts).
/**
 * Whether a plugin is enabled, and its configuration, for the whole deployment (org_id null) or for an agency's
 * subtree (the nearest setting up the tree wins). Changed through the API and audited; disabling never drops data.
 */
export const pluginSetting = kernel.table(
  'plugin_setting',
  {
    id: uuid('id').primaryKey(),
    pluginId: text('plugin_id').notNull(),
    orgId: uuid('org_id').references(() => orgUnit.id),
    enabled: boolean('enabled').notNull(),
    config: jsonb('config').notNull().default({}),
    updatedAt: timestamp('updated_at', { withTimezone: true, mode: 'string' }).notNull().defaultNow(),
    updatedBy: uuid('updated_by'),
  },
  (t) => [
    uniqueIndex('plugin_setting_org_key').on(t.pluginId, t.orgId),
    uniqueIndex('plugin_setting_deployment_key')
      .on(t.pluginId)
      .where(sql`org_id is null`),
  ],
);
