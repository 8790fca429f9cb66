import { jsonValue, rows, type Queryable } from '@chengxin/db';
import { sql } from 'drizzle-orm';
import { audit, write, type KernelContext, AppError, badInput, notFound, type RowIssue, newId } from '../core';
import { pluginSetting } from './schema';
import type { KernelPlugin } from './definition';
import { installedPlugin } from './registry';

export interface EffectiveSetting {
  enabled: boolean;
  /** This level's view: the deployment's configuration overlaid by every level down to and including the body. */
  config: Record<string, unknown>;
  /**
   * The configuration the body is judged by: set above it only (the deployment and its ancestors). A body does not set
   * the thresholds, weights and severities its own breaches and ratings are measured with.
   */
  governing: Record<string, unknown>;
  /** Where the answer comes from: the body whose setting applies, the deployment, or the plugin's default. */
  from: { kind: 'org'; orgId: string } | { kind: 'deployment' } | { kind: 'default' };
}

export function requirePlugin(pluginId: string): KernelPlugin {
  const plugin = installedPlugin(pluginId);
  if (!plugin)
    throw new AppError('NOT_FOUND', 'PLUGIN_NOT_FOUND', `插件不存在：${pluginId}`, `No plugin ${pluginId}`, 'pluginId');
  return plugin;
}

/**
 * The setting that applies at an org path: the nearest one up the tree wins for enablement; configuration is the
 * deployment's overlaid by each level down to the body, then the plugin's defaults fill the rest.
 */
export async function settingAtPath(
  db: Queryable,
  plugin: KernelPlugin,
  path: string | null,
): Promise<EffectiveSetting> {
  const chain = await rows<{ enabled: boolean; config: unknown; org_id: string | null; path: string | null }>(
    db,
    sql`
    select s.enabled, s.config, s.org_id::text, o.path from kernel.plugin_setting s left join kernel.org_unit o on o.id = s.org_id
    where s.plugin_id = ${plugin.id} and (s.org_id is null or (${path}::text is not null and (${path} = o.path or ${path} like o.path || '/%')))
    order by length(coalesce(o.path, ''))`,
  );
  const nearest = chain.at(-1);
  const configOf = (list: typeof chain) => {
    const parsed = plugin.config.safeParse(Object.assign({}, ...list.map((c) => jsonValue(c.config))));
    // A stored overlay that no longer satisfies the schema (after a plugin upgrade) is a deployment error, not a default.
    if (!parsed.success)
      throw new Error(
        `${plugin.id}: stored configuration no longer valid (${parsed.error.issues.map((i) => i.path.join('.')).join(', ')}); fix it with kernel.plugins.configure`,
      );
    return parsed.data as Record<string, unknown>;
  };
  const own = chain.filter((c) => c.path === path && path !== null);
  return {
    enabled: nearest ? nearest.enabled : plugin.enabledByDefault,
    config: configOf(chain),
    governing: configOf(chain.filter((c) => !own.includes(c))),
    from: !nearest
      ? { kind: 'default' }
      : nearest.org_id
        ? { kind: 'org', orgId: nearest.org_id }
        : { kind: 'deployment' },
  };
}

export async function settingForOrg(
  db: Queryable,
  plugin: KernelPlugin,
  orgId: string | null,
): Promise<EffectiveSetting> {
  if (!orgId) return settingAtPath(db, plugin, null);
  const [org] = await rows<{ path: string }>(db, sql`select path from kernel.org_unit where id = ${orgId}`);
  if (!org) throw notFound('org', '单位', orgId);
  return settingAtPath(db, plugin, org.path);
}

/** Every setting stored for a plugin (deployment first), for the admin page. */
export async function listSettings(db: Queryable, pluginId: string, roots: readonly string[] | null) {
  return rows<{
    orgId: string | null;
    orgName: string | null;
    enabled: boolean;
    config: Record<string, unknown>;
    updatedAt: string;
  }>(
    db,
    sql`
    select s.org_id::text as "orgId", o.name as "orgName", s.enabled, s.config, to_json(s.updated_at)#>>'{}' as "updatedAt"
    from kernel.plugin_setting s left join kernel.org_unit o on o.id = s.org_id
    where s.plugin_id = ${pluginId} and (${roots === null} or s.org_id is null or o.path = any(${sql.param(roots ?? [])}::text[])
      or exists (select 1 from unnest(${sql.param(roots ?? [])}::text[]) r where o.path like r || '/%'))
    order by o.path nulls first`,
  ).then((list) => list.map((s) => ({ ...s, config: jsonValue(s.config) })));
}

/**
 * Enables, disables or configures a plugin for the deployment (orgId null) or an agency's subtree. The configuration
 * given is this level's overlay; the whole merged result must satisfy the plugin's schema. Audited; never drops data.
 */
export async function configurePlugin(
  ctx: KernelContext,
  given: { pluginId: string; orgId: string | null; enabled: boolean; config?: Record<string, unknown> | undefined },
): Promise<EffectiveSetting> {
  const plugin = requirePlugin(given.pluginId);
  const [stored] = await rows<{ config: unknown }>(
    ctx.db,
    sql`select config from kernel.plugin_setting where plugin_id = ${plugin.id} and org_id is not distinct from ${given.orgId}::uuid`,
  );
  // Switching a plugin on or off without a configuration keeps this level's configuration.
  const input = {
    ...given,
    config: given.config ?? (jsonValue(stored?.config) as Record<string, unknown> | undefined) ?? {},
  };
  const above = await settingForOrg(ctx.db, plugin, input.orgId);
  const check = plugin.config.safeParse({ ...above.governing, ...input.config });
  if (!check.success) {
    const issues: RowIssue[] = check.error.issues.map((i) => ({
      field: ['config', ...i.path.map(String)].join('.'),
      code: 'PLUGIN_CONFIG_INVALID',
      messageZh: `配置项不符合要求：${i.message}`,
      messageEn: i.message,
    }));
    throw new AppError(
      'BAD_REQUEST',
      'PLUGIN_CONFIG_INVALID',
      `${issues[0]!.field}：${issues[0]!.messageZh}`,
      `${issues[0]!.field}: ${issues[0]!.messageEn}`,
      issues[0]!.field,
      issues,
    );
  }
  const unknownKeys = Object.keys(input.config).filter((k) => !(k in plugin.config.shape));
  if (unknownKeys.length > 0)
    throw badInput(
      'PLUGIN_CONFIG_UNKNOWN',
      `config.${unknownKeys[0]}`,
      `插件没有配置项“${unknownKeys[0]}”`,
      `The plugin has no setting ${unknownKeys[0]}`,
    );
  await write(ctx, async (tx) => {
    const [existing] = await rows<{ id: string; enabled: boolean; config: unknown }>(
      tx,
      sql`
      select id::text, enabled, config from kernel.plugin_setting where plugin_id = ${plugin.id} and org_id is not distinct from ${input.orgId}::uuid for update`,
    );
    const id = existing?.id ?? newId();
    if (existing) {
      await tx.execute(
        sql`update kernel.plugin_setting set enabled = ${input.enabled}, config = ${JSON.stringify(input.config)}::jsonb, updated_at = now(), updated_by = ${ctx.actor?.id ?? null}::uuid where id = ${id}`,
      );
    } else {
      await tx.insert(pluginSetting).values({
        id,
        pluginId: plugin.id,
        orgId: input.orgId,
        enabled: input.enabled,
        config: input.config,
        updatedBy: ctx.actor?.id ?? null,
      });
    }
    await audit(tx, ctx, input.enabled ? 'plugin.configure' : 'plugin.disable', 'plugin_setting', id, {
      pluginId: plugin.id,
      orgId: input.orgId,
      enabled: input.enabled,
      config: input.config,
      before: existing ? { enabled: existing.enabled, config: jsonValue(existing.config) } : null,
    });
  });
  return settingForOrg(ctx.db, plugin, input.orgId);
}
