import { sql, type SQL } from 'drizzle-orm';
import { rows, type Queryable } from '@chengxin/db';
import { includesEntry, KERNEL_READ, permits } from './permissions';

/** One grant: a role's permissions within an org subtree (null = whole city), optionally only in some plugins. */
export interface Grant {
  id?: string;
  role: string;
  permissions: string[];
  scopeOrgId: string | null;
  /** Materialised path of the scope org (see org_unit.path); null = whole city. */
  scopePath: string | null;
  plugins: string[] | null;
}

/** Where a permission may be used: the subtrees under these paths, or everywhere (null). */
export interface Scope {
  roots: readonly string[] | null;
}

export const EVERYWHERE: Scope = { roots: null };

/**
 * Whether a grant covers a permission. A grant limited to plugins covers those plugins' permissions and the kernel's
 * listed read permissions (to look up bodies and persons) — not the audit or query logs, nothing else of the kernel.
 */
export function grantCovers(grant: Grant, permission: string): boolean {
  if (!permits(grant.permissions, permission)) return false;
  if (!grant.plugins) return true;
  const owner = permission.split('.')[0]!;
  return owner === 'kernel' ? (KERNEL_READ as readonly string[]).includes(permission) : grant.plugins.includes(owner);
}

/** The scope in which grants allow a permission, or null when they do not allow it at all. */
export function scopeFor(grants: readonly Grant[], permission: string): Scope | null {
  const matching = grants.filter((g) => grantCovers(g, permission));
  if (matching.length === 0) return null;
  if (matching.some((g) => g.scopePath === null)) return EVERYWHERE;
  return { roots: [...new Set(matching.map((g) => g.scopePath!))] };
}

export function withinScope(scope: Scope, path: string | null): boolean {
  if (scope.roots === null) return true;
  if (!path) return false;
  return scope.roots.some((r) => path === r || path.startsWith(`${r}/`));
}

/** The SQL condition "this org path is inside the scope", index-friendly (one equality and one prefix per root). */
export function scopeSql(scope: Scope, path: SQL): SQL {
  if (scope.roots === null) return sql`true`;
  if (scope.roots.length === 0) return sql`false`;
  return sql`(${sql.join(
    scope.roots.map((r) => sql`${path} = ${r} or ${path} like ${`${r}/%`}`),
    sql` or `,
  )})`;
}

/** What a procedure acts on, named from its input so the middleware can check it is inside the caller's scope. */
export type ScopeSubjectKind =
  | 'org'
  | 'person'
  | 'record'
  | 'tenure'
  | 'user'
  | 'token'
  | 'grant'
  | 'objection'
  | 'repair'
  | 'complaint'
  | 'rectification'
  | 'accountability'
  | 'inspection'
  | 'proposal'
  | 'personal_matter'
  | 'reporting_source'
  | 'lead'
  | 'notice'
  | 'self_correction';
/** A plugin's own entity (`procurement.contract`), resolved by the plugin's registered query. */
export type PluginSubjectKind = `${string}.${string}`;
export interface SubjectRef {
  kind: ScopeSubjectKind | PluginSubjectKind;
  id: unknown;
}

const pluginSubjects = new Map<string, (ids: SQL) => SQL>();

/** A plugin names its entities' bodies: `resolve(ids)` selects `id::text, path` for the uuid[] parameter given. */
export function registerSubjectKind(kind: PluginSubjectKind, resolve: (ids: SQL) => SQL): void {
  if (pluginSubjects.has(kind)) throw new Error(`subject kind ${kind} is registered twice`);
  pluginSubjects.set(kind, resolve);
}

/** Org paths of each subject; a person's are the bodies of all their posts; '' = city level; missing = unknown id. */
export async function subjectPaths(
  db: Queryable,
  refs: readonly { kind: SubjectRef['kind']; id: string }[],
): Promise<Map<string, (string | null)[]>> {
  const result = new Map<string, (string | null)[]>();
  if (refs.length === 0) return result;
  for (const kind of new Set(refs.map((r) => r.kind).filter((k) => k.includes('.')))) {
    const resolve = pluginSubjects.get(kind);
    if (!resolve) throw new Error(`unknown subject kind ${kind}`);
    const found = await rows<{ id: string; path: string | null }>(
      db,
      resolve(sql`${sql.param(refs.filter((r) => r.kind === kind).map((r) => r.id))}::uuid[]`),
    );
    for (const r of found) result.set(`${kind}:${r.id}`, [...(result.get(`${kind}:${r.id}`) ?? []), r.path]);
  }
  const ids = (kind: ScopeSubjectKind) => sql.param(refs.filter((r) => r.kind === kind).map((r) => r.id));
  const list = await rows<{ kind: ScopeSubjectKind; id: string; path: string | null }>(
    db,
    sql`
    select 'org' as kind, id::text, path from kernel.org_unit where id = any(${ids('org')}::uuid[])
    union all select 'person', p.id::text, o.path from kernel.person p left join kernel.tenure t on t.person_id = p.id
      left join kernel.org_unit o on o.id = t.org_id where p.id = any(${ids('person')}::uuid[])
    union all select 'record', r.id::text, o.path from kernel.credit_record r join kernel.org_unit o on o.id = r.org_id where r.id = any(${ids('record')}::uuid[])
    union all select 'objection', x.id::text, o.path from kernel.objection x join kernel.credit_record r on r.id = x.record_id join kernel.org_unit o on o.id = r.org_id where x.id = any(${ids('objection')}::uuid[])
    union all select 'repair', x.id::text, o.path from kernel.repair x join kernel.credit_record r on r.id = x.record_id join kernel.org_unit o on o.id = r.org_id where x.id = any(${ids('repair')}::uuid[])
    union all select 'complaint', x.id::text, o.path from kernel.complaint x join kernel.org_unit o on o.id = x.handling_org_id where x.id = any(${ids('complaint')}::uuid[])
    union all select 'complaint', x.id::text, o.path from kernel.complaint x join kernel.org_unit o on o.id = x.escalated_to_org_id where x.id = any(${ids('complaint')}::uuid[])
    union all select 'rectification', x.id::text, o.path from kernel.rectification x join kernel.org_unit o on o.id = x.org_id where x.id = any(${ids('rectification')}::uuid[])
    union all select 'accountability', x.id::text, o.path from kernel.accountability_task x join kernel.tenure t on t.id = x.tenure_id join kernel.org_unit o on o.id = t.org_id where x.id = any(${ids('accountability')}::uuid[])
    union all select 'inspection', x.id::text, o.path from kernel.inspection x join kernel.org_unit o on o.id = x.target_org_id where x.id = any(${ids('inspection')}::uuid[])
    union all select 'proposal', x.id::text, o.path from kernel.proposal x join kernel.org_unit o on o.id = x.handling_org_id where x.id = any(${ids('proposal')}::uuid[])
    union all select 'personal_matter', x.id::text, o.path from kernel.personal_matter_report x left join kernel.tenure t on t.person_id = x.person_id
      left join kernel.org_unit o on o.id = t.org_id where x.id = any(${ids('personal_matter')}::uuid[])
    union all select 'reporting_source', x.id::text, o.path from kernel.reporting_source x join kernel.org_unit o on o.id = x.org_id where x.id = any(${ids('reporting_source')}::uuid[])
    union all select 'lead', x.id::text, coalesce(o.path, '') from kernel.lead x left join kernel.org_unit o on o.id = x.org_id where x.id = any(${ids('lead')}::uuid[])
    union all select 'notice', x.id::text, o.path from kernel.criticism_notice x join kernel.org_unit o on o.id = x.issuer_org_id where x.id = any(${ids('notice')}::uuid[])
    union all select 'self_correction', x.id::text, o.path from kernel.self_correction x join kernel.credit_record r on r.id = x.record_id join kernel.org_unit o on o.id = r.org_id where x.id = any(${ids('self_correction')}::uuid[])
    union all select 'tenure', t.id::text, o.path from kernel.tenure t join kernel.org_unit o on o.id = t.org_id where t.id = any(${ids('tenure')}::uuid[])
    union all select 'user', u.id::text, coalesce(o.path, '') from kernel.app_user u left join kernel.org_unit o on o.id = u.org_id where u.id = any(${ids('user')}::uuid[])
    union all select 'token', k.id::text, coalesce(o.path, '') from kernel.api_token k left join kernel.org_unit o on o.id = k.scope_org_id where k.id = any(${ids('token')}::uuid[])
    union all select 'grant', g.id::text, coalesce(o.path, '') from kernel.user_grant g join kernel.app_user u on u.id = g.user_id
      left join kernel.org_unit o on o.id = u.org_id where g.id = any(${ids('grant')}::uuid[])`,
  );
  for (const r of list) {
    const key = `${r.kind}:${r.id}`;
    result.set(key, [...(result.get(key) ?? []), r.path]);
  }
  return result;
}

/**
 * Delegation without escalation: whoever hands out a role (to a user or a token) must hold every entry of that role
 * themselves, with a scope that covers the one handed out (and no plugin limit the new grant would escape).
 */
export function canDelegate(
  grants: readonly Grant[],
  entries: readonly string[],
  targetPath: string | null,
  plugins: readonly string[] | null,
): boolean {
  return entries.every((entry) =>
    grants.some(
      (g) =>
        includesEntry(g.permissions, entry) &&
        withinScope({ roots: g.scopePath === null ? null : [g.scopePath] }, targetPath) &&
        (g.scopePath === null || targetPath !== null) &&
        (!g.plugins || (plugins !== null && plugins.every((p) => g.plugins!.includes(p)))),
    ),
  );
}
