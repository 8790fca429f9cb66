import { jsonValue, rows, type Queryable } from '@chengxin/db';
import { sql, type SQL } from 'drizzle-orm';
import type { Actor } from '../core';
import { decodeKey, encodeKey, searchSql } from '../core';

interface AccessEntry {
  actorId: string | null;
  actorName: string;
  action: string;
  subjectKind: string;
  subjectId: string;
  done: (error?: unknown) => void;
}

/** The entries waiting for the next group write on one database handle, and whether a write is under way. */
interface Group {
  waiting: AccessEntry[];
  writing: Promise<void> | null;
}
const groups = new WeakMap<Queryable, Group>();
const allWrites = new Set<Promise<void>>();

/**
 * Records that someone opened a subject's file or personal data (the query log; never deleted inside its retention).
 *
 * Written in groups (group commit): while one INSERT is under way, the entries of every read that finishes meanwhile
 * gather and go in the next INSERT, one statement and one commit for all of them. The caller still waits until its
 * own entry is stored, so a read is answered only after its log entry is committed: a crash (kill -9) can lose only
 * the entries of reads that were never answered, and a clean shutdown loses none (`drainAccessLog`). Under 8 parallel
 * readers the log costs about one statement per group instead of one per read.
 */
export function logAccess(
  db: Queryable,
  actor: Actor | null,
  action: string,
  subjectKind: string,
  subjectId: string,
): Promise<void> {
  let group = groups.get(db);
  if (!group) groups.set(db, (group = { waiting: [], writing: null }));
  const g = group;
  const stored = new Promise<void>((resolve, reject) =>
    g.waiting.push({
      actorId: actor?.id ?? null,
      actorName: actor?.username ?? 'anonymous',
      action,
      subjectKind,
      subjectId,
      done: (error) => (error === undefined ? resolve() : reject(error)),
    }),
  );
  if (!g.writing) startGroupWrite(db, g);
  return stored;
}

function startGroupWrite(db: Queryable, g: Group): void {
  const run = (async () => {
    while (g.waiting.length) {
      const batch = g.waiting.splice(0, 5000);
      try {
        await insertEntries(db, batch);
        for (const e of batch) e.done();
      } catch {
        // One bad entry must not fail the reads grouped with it: write them one by one, each failing on its own.
        for (const e of batch)
          await insertEntries(db, [e]).then(
            () => e.done(),
            (error: unknown) => e.done(error ?? new Error('access log write failed')),
          );
      }
    }
  })().finally(() => {
    g.writing = null;
    allWrites.delete(run);
  });
  g.writing = run;
  allWrites.add(run);
}

async function insertEntries(db: Queryable, list: AccessEntry[]): Promise<void> {
  await db.execute(sql`insert into kernel.access_log (actor_id, actor_name, action, subject_kind, subject_id)
    select * from unnest(${sql.param(list.map((e) => e.actorId))}::uuid[], ${sql.param(list.map((e) => e.actorName))}::text[],
      ${sql.param(list.map((e) => e.action))}::text[], ${sql.param(list.map((e) => e.subjectKind))}::text[], ${sql.param(list.map((e) => e.subjectId))}::text[])`);
}

/** Waits until every query-log entry handed to `logAccess` so far is stored (a clean shutdown calls it before closing the database). */
export async function drainAccessLog(): Promise<void> {
  while (allWrites.size) await Promise.allSettled([...allWrites]);
}

interface LogFilters {
  q?: string | undefined;
  actions?: string[] | undefined;
  from?: string | undefined;
  to?: string | undefined;
}

/** The filters both logs share: words (actor, object id, action code), actions, and a day range in Beijing time. */
function logConditions(f: LogFilters, fields: SQL[]): SQL[] {
  const where: SQL[] = [];
  const words = searchSql(f.q, fields);
  if (words) where.push(words);
  if (f.actions?.length) where.push(sql`action = any(${sql.param(f.actions)}::text[])`);
  if (f.from) where.push(sql`at >= (${f.from}::date)::timestamp at time zone 'Asia/Shanghai'`);
  if (f.to) where.push(sql`at < (${f.to}::date + 1)::timestamp at time zone 'Asia/Shanghai'`);
  return where;
}

const countOf = async (db: Queryable, table: SQL, where: SQL[]) =>
  Number(
    (
      await rows<{ n: number }>(
        db,
        sql`select count(*)::int as n from ${table} ${where.length ? sql`where ${sql.join(where, sql` and `)}` : sql``}`,
      )
    )[0]?.n ?? 0,
  );

/** Newest first, continuing below the last id seen (a unique key: no row repeated or skipped while rows are added). */
export async function listAccessLog(
  db: Queryable,
  input: LogFilters & {
    subjectId?: string | undefined;
    actorId?: string | undefined;
    subjectKind?: string | undefined;
    limit: number;
    cursor?: string | undefined;
  },
) {
  const after = decodeKey(input.cursor);
  const where = logConditions(input, [sql`actor_name`, sql`subject_id`, sql`action`]);
  if (input.subjectId) where.push(sql`subject_id = ${input.subjectId}`);
  if (input.actorId) where.push(sql`actor_id = ${input.actorId}::uuid`);
  if (input.subjectKind) where.push(sql`subject_kind = ${input.subjectKind}`);
  const total = input.cursor ? undefined : await countOf(db, sql`kernel.access_log`, where);
  if (after) where.push(sql`id < ${Number(after)}`);
  const list = await rows<{
    id: string | number;
    at: string;
    actorId: string | null;
    actorName: string;
    action: string;
    subjectKind: string;
    subjectId: string;
  }>(
    db,
    sql`
    select id, to_json(at)#>>'{}' as at, actor_id as "actorId", actor_name as "actorName", action, subject_kind as "subjectKind", subject_id as "subjectId"
    from kernel.access_log
    ${where.length ? sql`where ${sql.join(where, sql` and `)}` : sql``}
    order by id desc limit ${input.limit + 1}`,
  );
  const items = list.slice(0, input.limit).map((r) => ({ ...r, id: Number(r.id) }));
  return {
    items,
    nextCursor: list.length > input.limit ? encodeKey(String(items[items.length - 1]!.id)) : null,
    ...(total === undefined ? {} : { total }),
  };
}

export async function listAuditEntries(
  db: Queryable,
  input: LogFilters & {
    entity?: string | undefined;
    entityId?: string | undefined;
    limit: number;
    cursor?: string | undefined;
  },
) {
  const after = decodeKey(input.cursor);
  const where = logConditions(input, [sql`actor_name`, sql`entity_id`, sql`action`, sql`entity`]);
  if (input.entity) where.push(sql`entity = ${input.entity}`);
  if (input.entityId) where.push(sql`entity_id = ${input.entityId}`);
  const total = input.cursor ? undefined : await countOf(db, sql`kernel.audit_log`, where);
  if (after) where.push(sql`seq < ${Number(after)}`);
  const list = await rows<{
    seq: string | number;
    at: string;
    actorId: string | null;
    actorName: string | null;
    action: string;
    entity: string;
    entityId: string;
    detail: unknown;
    hash: string;
    redacted: boolean;
  }>(
    db,
    sql`
    select seq, to_json(at)#>>'{}' as at, actor_id as "actorId", actor_name as "actorName", action, entity, entity_id as "entityId", detail, hash, redacted_at is not null as redacted
    from kernel.audit_log
    ${where.length ? sql`where ${sql.join(where, sql` and `)}` : sql``}
    order by seq desc limit ${input.limit + 1}`,
  );
  const items = list
    .slice(0, input.limit)
    .map((r) => ({ ...r, seq: Number(r.seq), detail: jsonValue(r.detail) as Record<string, unknown> }));
  return {
    items,
    nextCursor: list.length > input.limit ? encodeKey(String(items[items.length - 1]!.seq)) : null,
    ...(total === undefined ? {} : { total }),
  };
}
