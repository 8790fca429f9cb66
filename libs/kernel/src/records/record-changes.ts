import { rows, type Queryable } from '@chengxin/db';
import { sql, type SQL } from 'drizzle-orm';
import type { z } from 'zod';
import { EVERYWHERE, scopeSql, type Scope } from '../access';
import type { recordChangesInput } from '@chengxin/contract';
import { badInput } from '../core';
import { RECORD_COLUMNS, RECORD_FROM, toRecordOut } from './record-rows';

/** Cursor = the last item's (updated_at, id): the database's own microsecond instant, so no change is skipped or repeated. */
const encode = (updatedAt: string, id: string) => Buffer.from(`c:${updatedAt}|${id}`).toString('base64url');

const encodeLog = (index: number) => Buffer.from(`l:${index}`).toString('base64url');
function decodeLog(cursor: string | undefined): number | null {
  if (!cursor) return null;
  const m = /^l:(-1|\d{1,15})$/.exec(Buffer.from(cursor, 'base64url').toString());
  return m ? Number(m[1]) : null;
}

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
  const logCursor = decodeLog(input.cursor);
  if (input.afterLogIndex !== undefined || logCursor !== null)
    return listRecordChangesInLogOrder(db, logCursor ?? input.afterLogIndex!, input, scope);
  if (!input.since)
    throw badInput(
      'SINCE_REQUIRED',
      'since',
      '请给出起始时间（since）或日志位置（afterLogIndex）',
      'Give since (an instant) or afterLogIndex (a log position)',
    );
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

/**
 * Records whose latest audit entry lies after `after` in the log, in log order. The sequencer places an entry only
 * after it committed, behind everything placed before, so a write that commits late lands after the poller's cursor:
 * nothing is skipped. Entries not yet placed (a second or so) show up at the next poll. `nextCursor` is always set
 * (the position to continue from); an empty page means nothing new yet.
 */
async function listRecordChangesInLogOrder(
  db: Queryable,
  after: number,
  input: z.infer<typeof recordChangesInput>,
  scope: Scope,
) {
  const where: SQL[] = [];
  if (scope.roots !== null) where.push(scopeSql(scope, sql`o.path`));
  if (input.typeKey) where.push(sql`r.type_key = ${input.typeKey}`);
  const list = await rows<Record<string, unknown>>(
    db,
    sql`with changed as (
      select a.entity_id, max(a.leaf_index) as leaf from kernel.audit_log a
      where a.entity = 'credit_record' and a.leaf_index > ${after}
      group by a.entity_id order by leaf limit ${input.limit * 4 + 1}
    )
    select ${RECORD_COLUMNS}, c.leaf as log_index from changed c join ${RECORD_FROM} on r.id::text = c.entity_id
    ${where.length ? sql`where ${sql.join(where, sql` and `)}` : sql``}
    order by c.leaf limit ${input.limit}`,
  );
  const items = list.map(toRecordOut);
  const last = list[list.length - 1];
  // With nothing in scope in this stretch, move past what was looked at (out-of-scope records are not shown).
  let position = last ? Number(last['log_index']) : after;
  if (!last) {
    const [scanned] = await rows<{ leaf: string | number | null }>(
      db,
      sql`select max(leaf) as leaf from (select max(a.leaf_index) as leaf from kernel.audit_log a
        where a.entity = 'credit_record' and a.leaf_index > ${after} group by a.entity_id order by leaf limit ${input.limit * 4}) s`,
    );
    if (scanned?.leaf !== null && scanned?.leaf !== undefined) position = Number(scanned.leaf);
  }
  return { items, nextCursor: encodeLog(position) };
}
