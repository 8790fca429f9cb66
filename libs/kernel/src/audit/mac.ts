import { createHmac } from 'node:crypto';
import { rows, type Db, type Queryable } from '@chengxin/db';
import { appendAudit } from './chain';
import { sql } from 'drizzle-orm';

/**
 * Keyed MACs over audit entries. The chain's SHA-256 hashes only prove order: anyone with SQL can compute them, so a
 * forged entry appended after the last checkpoint, or a whole re-chained log, would still "verify". Each entry's hash
 * is therefore also MACed (HMAC-SHA256) under a key derived from the data key, which lives outside the database
 * (CHENGXIN_DATA_KEY or the key file): an insider with SQL but without that key cannot write an entry that verifies.
 *
 * The writing key is per process (one data key per process): `deriveSecrets` registers it, so every service that
 * appends through `appendAudit(tx, …)` MACs without the key being threaded through each call.
 */
let writerKey: Buffer | null = null;

export function useAuditMacKey(key: Buffer): void {
  writerKey = key;
}

export function currentAuditMacKey(): Buffer {
  if (!writerKey) throw new Error('no audit MAC key: load the data key (loadSecrets/deriveSecrets) before writing');
  return writerKey;
}

export const entryMac = (key: Buffer, hash: string) =>
  createHmac('sha256', key).update(`chengxin-audit-mac:v1:${hash}`).digest('base64url');

/**
 * A database from before entry MACs: migration 0018 marked every existing entry `mac = 'legacy'`; the first start
 * with the data key MACs those entries and appends `audit.mac_seal` to the chain. From then on (and on a log that
 * started with MACs, which gets its seal entry at its first start, as the first entry) `legacy` marks are never honoured again, so an
 * insider who marks a forged entry `legacy` or blanks MACs only makes verification fail.
 */
export async function sealAuditMacs(db: Db, key: Buffer): Promise<number> {
  const [state] = await rows<{ sealed: boolean; entries: number }>(
    db,
    sql`select
    exists (select 1 from kernel.audit_log where action = 'audit.mac_seal') as sealed, (select count(*)::int from kernel.audit_log) as entries`,
  );
  if (!state || state.sealed) return 0;
  const list = await rows<{ seq: string | number; hash: string }>(
    db,
    sql`select seq, hash from kernel.audit_log where mac = 'legacy' order by seq`,
  );
  for (let i = 0; i < list.length; i += 1000) {
    const chunk = list.slice(i, i + 1000);
    await db.execute(sql`update kernel.audit_log a set mac = t.mac from unnest(${sql.param(chunk.map((c) => Number(c.seq)))}::bigint[], ${sql.param(chunk.map((c) => entryMac(key, c.hash)))}::text[]) as t(seq, mac)
      where a.seq = t.seq`);
  }
  await db.transaction((tx) =>
    appendAudit(tx, null, [
      { action: 'audit.mac_seal', entity: 'audit_log', entityId: '*', detail: { sealed: list.length } },
    ]),
  );
  return list.length;
}

/**
 * Data-key rotation: every MAC is checked under the old key and remade under the new one, in the rotation's
 * transaction. An entry whose MAC does not verify under the old key keeps its bad MAC, so the rotation cannot launder
 * a forged entry.
 */
export async function remacAuditLog(db: Queryable, from: Buffer, to: Buffer): Promise<void> {
  for (let after = 0; ;) {
    const page = await rows<{ seq: string | number; hash: string; mac: string | null }>(
      db,
      sql`select seq, hash, mac from kernel.audit_log where seq > ${after} order by seq limit 5000`,
    );
    const good = page.filter((r) => r.mac !== null && r.mac === entryMac(from, r.hash));
    if (good.length) {
      await db.execute(sql`update kernel.audit_log a set mac = t.mac from unnest(${sql.param(good.map((c) => Number(c.seq)))}::bigint[], ${sql.param(good.map((c) => entryMac(to, c.hash)))}::text[]) as t(seq, mac)
        where a.seq = t.seq`);
    }
    if (page.length < 5000) break;
    after = Number(page[page.length - 1]!.seq);
  }
  // The tree head's MAC likewise, only when it verifies under the old key.
  const [tree] = await rows<{ size: string | number; root_hash: string; mac: string | null }>(
    db,
    sql`select size, root_hash, mac from kernel.audit_tree where id = 1`,
  );
  if (tree && tree.mac === entryMac(from, `tree:${Number(tree.size)}:${tree.root_hash}`))
    await db.execute(
      sql`update kernel.audit_tree set mac = ${entryMac(to, `tree:${Number(tree.size)}:${tree.root_hash}`)} where id = 1`,
    );
}
