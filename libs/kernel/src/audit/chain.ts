import { createHash } from 'node:crypto';
import { jsonValue, rows, type Queryable, type Tx } from '@chengxin/db';
import { sql } from 'drizzle-orm';
import { auditLeafText } from '@chengxin/contract/tlog';
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
  /** Set only on entries of the former hash chain (the log's first leaves); null on every entry since. */
  prevHash: string | null;
}

/** The hash before the first entry of the former chain. */
export const GENESIS = '0'.repeat(64);

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

/** The entry's hash (what its MAC covers; on the former chain also what linked entries). */
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

/** The actor as the Merkle leaf carries it: a digest, so public proofs name no official. */
export const actorDigest = (actorId: string | null, actorName: string | null) =>
  sha256(JSON.stringify([actorId, actorName]));

/** The Merkle leaf's data of an entry (contract/tlog.ts defines the text). */
export const leafTextOf = (e: AuditEntry) =>
  auditLeafText({
    seq: e.seq,
    at: e.at,
    actorDigest: actorDigest(e.actorId, e.actorName),
    action: e.action,
    entity: e.entity,
    entityId: e.entityId,
    detailDigest: e.detailDigest,
    beforeDigest: e.beforeDigest,
    afterDigest: e.afterDigest,
    prevHash: e.prevHash,
  });

/**
 * Appends entries in the caller's transaction, without any lock: writers never wait for each other. Each entry takes
 * an insertion id from the sequence (one round trip for the chunk), is hashed and MACed, and waits, invisible until
 * the caller commits, for the sequencer (audit/sequencer.ts) to give it its place in the Merkle tree.
 */
export async function appendAudit(
  tx: Tx,
  actor: { id: string; username: string } | null,
  inputs: readonly AuditInput[],
): Promise<void> {
  if (inputs.length === 0) return;
  const ids = await rows<{ seq: string | number }>(
    tx,
    sql`select nextval('kernel.audit_log_seq_seq') as seq from generate_series(1, ${inputs.length})`,
  );
  const at = new Date().toISOString();
  const macKey = currentAuditMacKey();
  const cols = {
    mac: [] as string[],
    seq: [] as number[],
    hash: [] as string[],
    action: [] as string[],
    entity: [] as string[],
    entityId: [] as string[],
    detail: [] as string[],
    detailDigest: [] as string[],
    before: [] as (string | null)[],
    after: [] as (string | null)[],
  };
  inputs.forEach((input, i) => {
    const detail = canonicalJson(input.detail ?? {});
    const entry: AuditEntry = {
      seq: Number(ids[i]!.seq),
      at,
      actorId: actor?.id ?? null,
      actorName: actor?.username ?? null,
      action: input.action,
      entity: input.entity,
      entityId: input.entityId,
      detailDigest: sha256(detail),
      beforeDigest: input.before ?? null,
      afterDigest: input.after ?? null,
      prevHash: null,
    };
    const hash = entryHash(entry);
    cols.mac.push(entryMac(macKey, hash));
    cols.seq.push(entry.seq);
    cols.hash.push(hash);
    cols.action.push(entry.action);
    cols.entity.push(entry.entity);
    cols.entityId.push(entry.entityId);
    cols.detail.push(detail);
    cols.detailDigest.push(entry.detailDigest);
    cols.before.push(entry.beforeDigest);
    cols.after.push(entry.afterDigest);
  });
  await tx.execute(sql`
    insert into kernel.audit_log (seq, at, actor_id, actor_name, action, entity, entity_id, detail, detail_digest, before_digest, after_digest, hash, mac)
    select seq, ${at}::timestamptz, ${actor?.id ?? null}::uuid, ${actor?.username ?? null}::text, action, entity, entity_id, detail::jsonb, detail_digest, before_digest, after_digest, hash, mac
    from unnest(${sql.param(cols.seq)}::bigint[], ${sql.param(cols.action)}::text[], ${sql.param(cols.entity)}::text[], ${sql.param(cols.entityId)}::text[],
      ${sql.param(cols.detail)}::text[], ${sql.param(cols.detailDigest)}::text[], ${sql.param(cols.before)}::text[], ${sql.param(cols.after)}::text[],
      ${sql.param(cols.hash)}::text[], ${sql.param(cols.mac)}::text[])
      as t(seq, action, entity, entity_id, detail, detail_digest, before_digest, after_digest, hash, mac)`);
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
