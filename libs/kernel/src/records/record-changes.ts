import { rows, type Queryable } from '@chengxin/db';
import { sql, type SQL } from 'drizzle-orm';
import type { z } from 'zod';
import { EVERYWHERE, scopeSql, type Scope } from '../access';
import type { recordChangesInput } from '@chengxin/contract';
import { badInput } from '../core';
import { RECORD_COLUMNS, RECORD_FROM, toRecordOut } from './record-rows';

/** Cursor = the last item's (updated_at, id): the database's own microsecond instant, so no change is skipped or repeated. */
const encode = (updatedAt: string, id: string) => Buffer.from(`c:${updatedAt}|${id}`).toString('base64url');

function decode(cursor: string | undefined): { at: string; id: string } | null {
  if (!cursor) return null;
  const m = /^c:(\d{4}-\d{2}-\d{2}T[\d:.]+(?:Z|[+-]\d{2}:\d{2}))\|([0-9a-f-]{36})$/.exec(
    Buffer.from(cursor, 'base64url').toString(),
  );
  if (!m) throw badInput('CURSOR_INVALID', 'cursor', '分页游标无效', 'Invalid cursor');
  return { at: m[1]!, id: m[2]! };
}

/**
 * Records in the caller's scope whose row changed after `since` (strictly), ordered by (updatedAt, id). A poller keeps
 * the last item's updatedAt and asks again from there; docs/INTEGRATION.md explains the overlap to allow for writes
 * whose transaction commits after a later one.
 */
export async function listRecordChanges(
  db: Queryable,
  input: z.infer<typeof recordChangesInput>,
  scope: Scope = EVERYWHERE,
) {
  const where: SQL[] = [sql`r.updated_at > ${input.since}::timestamptz`];
  if (scope.roots !== null) where.push(scopeSql(scope, sql`o.path`));
  if (input.typeKey) where.push(sql`r.type_key = ${input.typeKey}`);
  const after = decode(input.cursor);
  if (after) where.push(sql`(r.updated_at, r.id) > (${after.at}::timestamptz, ${after.id}::uuid)`);
  const list = await rows(
    db,
    sql`select ${RECORD_COLUMNS} from ${RECORD_FROM} where ${sql.join(where, sql` and `)} order by r.updated_at, r.id limit ${input.limit + 1}`,
  );
  const items = list.slice(0, input.limit).map(toRecordOut);
  const last = items[items.length - 1];
  return { items, nextCursor: list.length > input.limit && last ? encode(last.updatedAt, last.id) : null };
}
