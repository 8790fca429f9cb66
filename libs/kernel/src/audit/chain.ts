import { createHash } from 'node:crypto';
import { jsonValue, rows, type Queryable, type Tx } from '@chengxin/db';
import { sql } from 'drizzle-orm';
import { currentAuditMacKey, entryMac } from './mac';

/** One write to record. `before`/`after` are digests of the entity's state (records: kernel.record_digest). */
export interface AuditInput {
  action: string;
  entity: string;
  entityId: string;
  detail?: Record<string, unknown>;
  before?: string | null;
  after?: string | null;
}

export interface AuditEntry {
  seq: number;
  at: string;
  actorId: string | null;
  actorName: string | null;
  action: string;
  entity: string;
  entityId: string;
  detailDigest: string;
  beforeDigest: string | null;
  afterDigest: string | null;
  prevHash: string;
}

/** The hash before the first entry. */
export const GENESIS = '0'.repeat(64);
// Serialises appends: an entry's hash covers the one before it, so entries are chained in commit order.
const AUDIT_LOCK = 0x63_78_61_75; // "cxau"

export const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

/** JSON with object keys sorted at every level: the same value always gives the same text (jsonb reorders keys). */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
}

/** Timestamps are hashed as ISO 8601 UTC with milliseconds, whatever form the database returns them in. */
export const normaliseAt = (at: string) => new Date(at).toISOString();

export function entryHash(e: AuditEntry): string {
  return sha256(
    JSON.stringify([
      e.seq,
      normaliseAt(e.at),
      e.actorId,
      e.actorName,
      e.action,
      e.entity,
      e.entityId,
      e.detailDigest,
      e.beforeDigest,
      e.afterDigest,
      e.prevHash,
    ]),
  );
}

/**
 * Appends entries to the chain in the caller's transaction. The lock is held until that transaction ends, so call this
 * as the last step of a write: concurrent writers wait only for each other's final statements.
 */
export async function appendAudit(
  tx: Tx,
  actor: { id: string; username: string } | null,
  inputs: readonly AuditInput[],
): Promise<void> {
  if (inputs.length === 0) return;
  await tx.execute(sql`select pg_advisory_xact_lock(${AUDIT_LOCK})`);
  const [head] = await rows<{ seq: string | number; hash: string }>(
    tx,
    sql`select seq, hash from kernel.audit_log order by seq desc limit 1`,
  );
  let seq = head ? Number(head.seq) : 0;
  let prevHash = head?.hash ?? GENESIS;
  const at = new Date().toISOString();
  const macKey = currentAuditMacKey();
  const cols = {
    mac: [] as string[],
    seq: [] as number[],
    prev: [] as string[],
    hash: [] as string[],
    action: [] as string[],
    entity: [] as string[],
    entityId: [] as string[],
    detail: [] as string[],
    detailDigest: [] as string[],
    before: [] as (string | null)[],
    after: [] as (string | null)[],
  };
  for (const input of inputs) {
    const detail = canonicalJson(input.detail ?? {});
    const entry: AuditEntry = {
      seq: ++seq,
      at,
      actorId: actor?.id ?? null,
      actorName: actor?.username ?? null,
      action: input.action,
      entity: input.entity,
      entityId: input.entityId,
      detailDigest: sha256(detail),
      beforeDigest: input.before ?? null,
      afterDigest: input.after ?? null,
      prevHash,
    };
    prevHash = entryHash(entry);
    cols.mac.push(entryMac(macKey, prevHash));
    cols.seq.push(entry.seq);
    cols.prev.push(entry.prevHash);
    cols.hash.push(prevHash);
    cols.action.push(entry.action);
    cols.entity.push(entry.entity);
    cols.entityId.push(entry.entityId);
    cols.detail.push(detail);
    cols.detailDigest.push(entry.detailDigest);
    cols.before.push(entry.beforeDigest);
    cols.after.push(entry.afterDigest);
  }
  await tx.execute(sql`
    insert into kernel.audit_log (seq, at, actor_id, actor_name, action, entity, entity_id, detail, detail_digest, before_digest, after_digest, prev_hash, hash, mac)
    select seq, ${at}::timestamptz, ${actor?.id ?? null}::uuid, ${actor?.username ?? null}::text, action, entity, entity_id, detail::jsonb, detail_digest, before_digest, after_digest, prev_hash, hash, mac
    from unnest(${sql.param(cols.seq)}::bigint[], ${sql.param(cols.action)}::text[], ${sql.param(cols.entity)}::text[], ${sql.param(cols.entityId)}::text[],
      ${sql.param(cols.detail)}::text[], ${sql.param(cols.detailDigest)}::text[], ${sql.param(cols.before)}::text[], ${sql.param(cols.after)}::text[],
      ${sql.param(cols.prev)}::text[], ${sql.param(cols.hash)}::text[], ${sql.param(cols.mac)}::text[])
      as t(seq, action, entity, entity_id, detail, detail_digest, before_digest, after_digest, prev_hash, hash, mac)`);
}

/** Digests of records' current state, computed by the database (the same function the verifier uses). */
export async function recordDigests(db: Queryable, ids: readonly string[]): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  const list = await rows<{ id: string; digest: string }>(
    db,
    sql`select id::text, kernel.record_digest(id) as digest from unnest(${sql.param([...ids])}::uuid[]) as t(id)`,
  );
  return new Map(list.map((r) => [r.id, r.digest]));
}

/**
 * Entries written before the chain existed (migration 0001 left them unhashed): chained once, in their order, at
 * start-up. A no-op on every later start.
 */
export async function sealLegacyAuditEntries(db: Queryable): Promise<number> {
  const legacy = await rows<{
    seq: string | number;
    at: string;
    actor_id: string | null;
    action: string;
    entity: string;
    entity_id: string;
    detail: unknown;
  }>(
    db,
    sql`select seq, to_json(at)#>>'{}' as at, actor_id, action, entity, entity_id, detail from kernel.audit_log where hash = '' order by seq`,
  );
  if (legacy.length === 0) return 0;
  const [before] = await rows<{ hash: string }>(
    db,
    sql`select hash from kernel.audit_log where hash <> '' and seq < ${Number(legacy[0]!.seq)} order by seq desc limit 1`,
  );
  let prevHash = before?.hash ?? GENESIS;
  for (const r of legacy) {
    const detail = jsonValue(r.detail);
    const entry: AuditEntry = {
      seq: Number(r.seq),
      at: r.at,
      actorId: r.actor_id,
      actorName: null,
      action: r.action,
      entity: r.entity,
      entityId: r.entity_id,
      detailDigest: sha256(canonicalJson(detail)),
      beforeDigest: null,
      afterDigest: null,
      prevHash,
    };
    const hash = entryHash(entry);
    await db.execute(
      sql`update kernel.audit_log set detail_digest = ${entry.detailDigest}, prev_hash = ${prevHash}, hash = ${hash} where seq = ${entry.seq}`,
    );
    prevHash = hash;
  }
  return legacy.length;
}
