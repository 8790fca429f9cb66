import { jsonValue, rows, type Queryable } from '@chengxin/db';
import { sql } from 'drizzle-orm';
import type { Actor } from '../core';
import { decodeKey, encodeKey } from '../core';

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

export async function listAccessLog(
  db: Queryable,
  input: { subjectId?: string | undefined; actorId?: string | undefined; limit: number; cursor?: string | undefined },
) {
  const after = decodeKey(input.cursor);
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
    where ${input.subjectId ? sql`subject_id = ${input.subjectId}` : sql`true`} and ${input.actorId ? sql`actor_id = ${input.actorId}::uuid` : sql`true`}
      and ${after ? sql`id < ${Number(after)}` : sql`true`}
    order by id desc limit ${input.limit + 1}`,
  );
  const items = list.slice(0, input.limit).map((r) => ({ ...r, id: Number(r.id) }));
  return { items, nextCursor: list.length > input.limit ? encodeKey(String(items[items.length - 1]!.id)) : null };
}

export async function listAuditEntries(
  db: Queryable,
  input: { entity?: string | undefined; entityId?: string | undefined; limit: number; cursor?: string | undefined },
) {
  const after = decodeKey(input.cursor);
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
    where ${input.entity ? sql`entity = ${input.entity}` : sql`true`} and ${input.entityId ? sql`entity_id = ${input.entityId}` : sql`true`}
      and ${after ? sql`seq < ${Number(after)}` : sql`true`}
    order by seq desc limit ${input.limit + 1}`,
  );
  const items = list
    .slice(0, input.limit)
    .map((r) => ({ ...r, seq: Number(r.seq), detail: jsonValue(r.detail) as Record<string, unknown> }));
  return { items, nextCursor: list.length > input.limit ? encodeKey(String(items[items.length - 1]!.seq)) : null };
}
