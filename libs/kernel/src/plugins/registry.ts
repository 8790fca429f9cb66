import type { MigrationOwner } from '@chengxin/db';
import { registerPermissions, registerRolePermissions, registerSubjectKind, type PluginSubjectKind } from '../access';
import { recordType, registerRecordType } from '../records';
import { listenToKernelEvents } from './events';
import { KERNEL_API_VERSION, type KernelPlugin } from './definition';

const PLUGIN_ID = /^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$/;
const RESERVED = new Set(['kernel', 'public', 'audit', 'admin', 'api', 'trpc', 'chengxin', 'kernel-api']); // kernel-api: its schema would be the kernel's views

const installed = new Map<string, KernelPlugin>();

/** The Postgres schema a plugin's tables live in: its id with dashes as underscores. */
export const pluginSchemaName = (id: string) => id.replace(/-/g, '_');

/**
 * Checks every plugin's declaration before anything runs (ids, key prefixes, schema names, kernel API), then registers
 * their record types, permissions, role additions and subject kinds. Installing is idempotent per process: the same
 * definition object may be installed again (tests start several servers), a different one with the same id may not.
 */
export function installPlugins(plugins: readonly KernelPlugin[]): MigrationOwner[] {
  const problems = plugins.flatMap(checkPlugin);
  const ids = plugins.map((p) => p.id);
  for (const id of new Set(ids))
    if (ids.filter((x) => x === id).length > 1) problems.push(`plugin id ${id} is used twice`);
  if (problems.length > 0) throw new Error(`plugins refused at start-up:\n- ${problems.join('\n- ')}`);
  for (const plugin of plugins) {
    const already = installed.get(plugin.id);
    if (already === plugin) continue;
    if (already) throw new Error(`plugin ${plugin.id} is installed twice with different definitions`);
    for (const t of plugin.recordTypes) {
      registerRecordType({
        key: t.key,
        owner: plugin.id,
        labelZh: t.label.zh,
        labelEn: t.label.en,
        subjects: t.subjects,
        polarity: t.polarity,
        sanction: false,
        repairable: t.repairable,
        defaultSeverity: t.defaultSeverity,
        payload: t.payload,
      });
    }
    registerPermissions(plugin.id, plugin.permissions);
    for (const [role, permissions] of Object.entries(plugin.roles)) registerRolePermissions(role, permissions ?? []);
    for (const [kind, resolve] of Object.entries(plugin.subjects))
      registerSubjectKind(kind as PluginSubjectKind, resolve);
    if (plugin.onKernelEvent) listenToKernelEvents(plugin.id, plugin.onKernelEvent);
    installed.set(plugin.id, plugin);
  }
  return plugins.flatMap((p) =>
    p.migrations ? [{ owner: p.id, schema: p.migrations.schema, migrationsFolder: p.migrations.folder }] : [],
  );
}

export function installedPlugins(): KernelPlugin[] {
  return [...installed.values()];
}

export function installedPlugin(id: string): KernelPlugin | undefined {
  return installed.get(id);
}

/** Everything wrong with one declaration, as sentences a plugin author can act on. */
export function checkPlugin(p: KernelPlugin): string[] {
  const problems: string[] = [];
  const own = (name: string) => name.startsWith(`${p.id}.`);
  if (!PLUGIN_ID.test(p.id) || RESERVED.has(p.id))
    problems.push(`plugin id "${p.id}" must be lower-case letters, digits and dashes, and not reserved`);
  if (p.kernelApi !== KERNEL_API_VERSION)
    problems.push(`${p.id} needs kernel API ${p.kernelApi}; this kernel provides ${KERNEL_API_VERSION}`);
  if (!/^\d+\.\d+\.\d+$/.test(p.version)) problems.push(`${p.id} version "${p.version}" must be semantic (1.2.3)`);
  for (const t of p.recordTypes) {
    if (!own(t.key)) problems.push(`record type ${t.key} must be prefixed "${p.id}."`);
    else if (recordType(t.key) && !installed.has(p.id)) problems.push(`record type ${t.key} is already registered`);
    if (!Number.isInteger(t.payload.version) || t.payload.version < 1)
      problems.push(`record type ${t.key}: payload version must be a positive integer`);
    for (let v = 1; v < t.payload.version; v++)
      if (!t.payload.upcasters?.[v]) problems.push(`record type ${t.key}: no upcaster from payload version ${v}`);
  }
  for (const name of Object.keys(p.permissions))
    if (!own(name) || name.split('.').length !== 3)
      problems.push(`permission ${name} must be named ${p.id}.<resource>.<action>`);
  for (const [role, list] of Object.entries(p.roles))
    for (const name of list ?? [])
      if (!(name in p.permissions)) problems.push(`role ${role} is given ${name}, which ${p.id} does not declare`);
  for (const r of p.rules) if (!own(r.id)) problems.push(`rule ${r.id} must be prefixed "${p.id}."`);
  for (const kind of Object.keys(p.subjects))
    if (!own(kind)) problems.push(`subject kind ${kind} must be prefixed "${p.id}."`);
  for (const i of p.indicators) if (!own(i.key)) problems.push(`indicator ${i.key} must be prefixed "${p.id}."`);
  for (const n of p.nav)
    if (!(n.permission in p.permissions) && !n.permission.startsWith('kernel.'))
      problems.push(`nav entry ${n.key} needs an undeclared permission ${n.permission}`);
  if (p.migrations && p.migrations.schema !== pluginSchemaName(p.id))
    problems.push(
      `${p.id} must keep its tables in the schema "${pluginSchemaName(p.id)}", not "${p.migrations.schema}"`,
    );
  const defaults = p.config.safeParse({});
  if (!defaults.success)
    problems.push(
      `${p.id} configuration needs a default for every field (${defaults.error.issues.map((i) => i.path.join('.')).join(', ')})`,
    );
  return problems;
}
