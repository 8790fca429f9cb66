/**
 * Kernel reads a plugin needs beside the `kernel_api` views (docs/PLUGINS.md, "What a plugin may read"): the subtree
 * condition on body paths, written once here so no plugin spells out the path convention, and persons by id.
 */
import { rows, type Queryable } from '@chengxin/db';
import { sql, type SQL } from 'drizzle-orm';

/** Whether the body at `path` lies in the subtree rooted at `rootPath` (the root itself or any body below it). */
export function inSubtree(path: string, rootPath: string): boolean {
  return path === rootPath || path.startsWith(`${rootPath}/`);
}

/**
 * The SQL condition "the body at `path` lies in the subtree rooted at `rootPath`" (both `kernel_api.org_unit.path`
 * expressions). With a constant root the prefix match uses the path index; for a scope, prefer `orgInScope`.
 */
export function subtreeSql(path: SQL, rootPath: SQL): SQL {
  return sql`(${path} = ${rootPath} or ${path} like ${rootPath} || '/%')`;
}

/** Persons by kernel id with their names (never an ID number); missing ids are absent from the map. */
export async function personsById(
  db: Queryable,
  ids: readonly string[],
): Promise<Map<string, { id: string; name: string }>> {
  if (ids.length === 0) return new Map();
  const list = await rows<{ id: string; name: string }>(
    db,
    sql`
    select id::text, name from kernel_api.person where id = any(${sql.param([...new Set(ids)])}::uuid[])`,
  );
  return new Map(list.map((p) => [p.id, p]));
}
