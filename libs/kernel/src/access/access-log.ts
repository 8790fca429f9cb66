import { jsonValue, rows, type Queryable } from '@chengxin/db';
import { sql } from 'drizzle-orm';
import type { Actor } from '../core';
import { decodeKey, encodeKey } from '../core';

/** Records that someone opened a subject's file or personal data (the query log; never deleted inside its retention). */
export async function logAccess(
  db: Queryable,
  actor: Actor | null,
  action: string,
  subjectKind: string,
  subjectId: string,
): Promise<void> {
  await db.execute(sql`insert into kernel.access_log (actor_id, actor_name, action, subject_kind, subject_id)
    values (${actor?.id ?? null}::uuid, ${actor?.username ?? 'anonymous'}, ${action}, ${subjectKind}, ${subjectId})`);
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
