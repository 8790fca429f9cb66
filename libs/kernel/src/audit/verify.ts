import { jsonValue, rows, type Db, type Queryable } from '@chengxin/db';
import { sql } from 'drizzle-orm';
import { appendAudit, canonicalJson, entryHash, GENESIS, sha256, type AuditEntry } from './chain';
import { checkpointSignatureValid, listCheckpoints, type AuditKeys } from './checkpoint';
import { entryMac } from './mac';
import { checkAnchors, type AnchorOptions } from './anchors';

export interface AuditProblem {
  /** The first entry that does not match (or the entry a record's state should match). */
  seq: number | null;
  kind:
    | 'gap'
    | 'prev_hash'
    | 'hash'
    | 'detail'
    | 'checkpoint_signature'
    | 'checkpoint_mismatch'
    | 'record_state'
    | 'mac'
    | 'truncated'
    | 'checkpoint_stale'
    | 'checkpoint_missing';
  messageZh: string;
  messageEn: string;
}

export interface AuditReport {
  ok: boolean;
  entries: number;
  checkpoints: number;
  /** Checkpoints held outside the database (published files, a witness, the public feed) that were compared. */
  externalCheckpoints: number;
  /** Whether each entry's keyed MAC was checked (only with the data-derived MAC key). */
  macChecked: boolean;
  recordsChecked: number;
  /** Records whose latest entry predates state digests (legacy data): their history is chained, their state not. */
  recordsWithoutDigest: number;
  headSeq: number;
  headHash: string;
  problems: AuditProblem[];
}

const PAGE = 10_000;

/**
 * Rechecks the whole chain (every hash, every link, no gaps), every checkpoint (signature by a trusted key, and the
 * entry it signed still has that hash), and every credit record's current state against the digest its latest audit
 * entry recorded. Stops collecting after the first few problems: the first is the one to investigate.
 */
export async function verifyAudit(
  db: Queryable,
  keys: AuditKeys,
  maxProblems = 20,
  options: AnchorOptions = {},
): Promise<AuditReport> {
  const problems: AuditProblem[] = [];
  const add = (p: AuditProblem) => {
    if (problems.length < maxProblems) problems.push(p);
  };
  const hashes = new Map<number, string>();
  // Entries emptied by a redaction entry in the chain; any other empty-marked entry was blanked by hand.
  const redactedByChain = new Set<number>();
  const redactedRows: number[] = [];
  let expectedSeq = 1;
  let prev = GENESIS;
  let entries = 0;
  const ages = new Map<number, string>();
  for (let after = 0; ;) {
    const page = await rows<{
      seq: string | number;
      at: string;
      actor_id: string | null;
      actor_name: string | null;
      action: string;
      entity: string;
      entity_id: string;
      detail: unknown;
      detail_digest: string;
      before_digest: string | null;
      after_digest: string | null;
      prev_hash: string;
      hash: string;
      mac: string | null;
      redacted: boolean;
    }>(
      db,
      sql`
      select seq, to_json(at)#>>'{}' as at, actor_id, actor_name, action, entity, entity_id, detail, detail_digest, before_digest, after_digest, prev_hash, hash, mac,
        redacted_at is not null as redacted
      from kernel.audit_log where seq > ${after} order by seq limit ${PAGE}`,
    );
    for (const r of page) {
      const seq = Number(r.seq);
      entries++;
      if (seq !== expectedSeq)
        add({
          seq: expectedSeq,
          kind: 'gap',
          messageZh: `审计日志缺少第${expectedSeq}条（下一条为第${seq}条）`,
          messageEn: `Audit entry ${expectedSeq} is missing (next is ${seq})`,
        });
      if (r.prev_hash !== prev)
        add({
          seq,
          kind: 'prev_hash',
          messageZh: `第${seq}条审计记录与前一条的链接不符`,
          messageEn: `Entry ${seq} does not link to the entry before it`,
        });
      const entry: AuditEntry = {
        seq,
        at: r.at,
        actorId: r.actor_id,
        actorName: r.actor_name,
        action: r.action,
        entity: r.entity,
        entityId: r.entity_id,
        detailDigest: r.detail_digest,
        beforeDigest: r.before_digest,
        afterDigest: r.after_digest,
        prevHash: r.prev_hash,
      };
      if (entryHash(entry) !== r.hash)
        add({
          seq,
          kind: 'hash',
          messageZh: `第${seq}条审计记录（${r.action}）的内容与其哈希不符，已被改动`,
          messageEn: `Entry ${seq} (${r.action}) does not match its hash: it was altered`,
        });
      // A correctly chained entry without a MAC under our key was written by someone who does not hold the data key.
      if (keys.macKey && r.mac !== entryMac(keys.macKey, r.hash))
        add({
          seq,
          kind: 'mac',
          messageZh: `第${seq}条审计记录（${r.action}）没有本系统密钥的签名（MAC），不是由系统写入的`,
          messageEn: `Entry ${seq} (${r.action}) has no valid MAC under the system's key: it was not written by the system`,
        });
      ages.set(seq, r.at);
      const detail = jsonValue(r.detail);
      if (r.action === 'audit.redact')
        for (const n of (detail as { seqs?: number[] }).seqs ?? []) redactedByChain.add(n);
      if (r.redacted) redactedRows.push(seq);
      if (!r.redacted && sha256(canonicalJson(detail)) !== r.detail_digest)
        add({
          seq,
          kind: 'detail',
          messageZh: `第${seq}条审计记录（${r.action}）的详情已被改动`,
          messageEn: `The detail of entry ${seq} (${r.action}) was altered`,
        });
      hashes.set(seq, r.hash);
      prev = r.hash;
      expectedSeq = seq + 1;
    }
    if (page.length < PAGE) break;
    after = Number(page[page.length - 1]!.seq);
  }

  for (const seq of redactedRows) {
    if (!redactedByChain.has(seq))
      add({
        seq,
        kind: 'detail',
        messageZh: `第${seq}条审计记录被标为已删除详情，但审计链中没有相应的删除记录`,
        messageEn: `Entry ${seq} is marked redacted without a redaction entry in the chain`,
      });
  }

  const checkpoints = await listCheckpoints(db, 1_000_000);
  for (const c of checkpoints) {
    if (!checkpointSignatureValid(c, keys))
      add({
        seq: c.seq,
        kind: 'checkpoint_signature',
        messageZh: `第${c.seq}条处的检查点签名无效或不是受信任的密钥所签`,
        messageEn: `Checkpoint at ${c.seq} has an invalid or untrusted signature`,
      });
    const h = hashes.get(c.seq);
    if (h !== c.headHash)
      add({
        seq: c.seq,
        kind: 'checkpoint_mismatch',
        messageZh: `第${c.seq}条审计记录与已签名检查点不符（日志被改写或截断）`,
        messageEn: `Entry ${c.seq} does not match the signed checkpoint (log rewritten or truncated)`,
      });
  }

  const anchored = checkAnchors(
    hashes,
    ages,
    expectedSeq - 1,
    checkpoints.filter((c) => checkpointSignatureValid(c, keys)),
    keys,
    options,
  );
  for (const p of anchored.problems) add(p);

  // Each record's state now vs the digest its latest audit entry recorded.
  const mismatched = await rows<{ id: string; seq: string | number; action: string }>(
    db,
    sql`
    select r.id::text, a.seq, a.action from kernel.credit_record r
    cross join lateral (select seq, action, after_digest from kernel.audit_log a where a.entity = 'credit_record' and a.entity_id = r.id::text order by seq desc limit 1) a
    where a.after_digest is not null and a.after_digest <> kernel.record_digest(r.id)
    order by a.seq limit ${maxProblems}`,
  );
  for (const m of mismatched)
    add({
      seq: Number(m.seq),
      kind: 'record_state',
      messageZh: `信用记录${m.id}的当前数据与第${m.seq}条审计记录（${m.action}）不符，已在日志之外被改动`,
      messageEn: `Record ${m.id} differs from audit entry ${m.seq} (${m.action}): changed outside the log`,
    });
  const orphans = await rows<{ id: string }>(
    db,
    sql`select r.id::text from kernel.credit_record r
    where not exists (select 1 from kernel.audit_log a where a.entity = 'credit_record' and a.entity_id = r.id::text) order by r.id limit ${maxProblems}`,
  );
  for (const o of orphans)
    add({
      seq: null,
      kind: 'record_state',
      messageZh: `信用记录${o.id}在审计链中没有任何记录，是在系统之外写入的`,
      messageEn: `Record ${o.id} has no audit entry: it was written outside the services`,
    });
  const [counts] = await rows<{ checked: number; legacy: number }>(
    db,
    sql`
    select count(*) filter (where a.after_digest is not null)::int as checked, count(*) filter (where a.after_digest is null)::int as legacy
    from kernel.credit_record r
    left join lateral (select after_digest from kernel.audit_log a where a.entity = 'credit_record' and a.entity_id = r.id::text order by seq desc limit 1) a on true`,
  );

  problems.sort((a, b) => (a.seq ?? 0) - (b.seq ?? 0));
  return {
    ok: problems.length === 0,
    entries,
    checkpoints: checkpoints.length,
    externalCheckpoints: anchored.external,
    macChecked: Boolean(keys.macKey),
    recordsChecked: counts?.checked ?? 0,
    recordsWithoutDigest: counts?.legacy ?? 0,
    headSeq: expectedSeq - 1,
    headHash: prev,
    problems,
  };
}

/**
 * Retention: removes the detail of a subject's entries (e.g. when an archived record's personal data must go) while
 * the chain still verifies, because each hash covers the detail's digest, not the detail. The redaction is itself an
 * entry naming the entries it emptied, so a detail blanked outside this function is still caught.
 */
export async function redactAuditDetails(
  db: Db,
  actor: { id: string; username: string } | null,
  entity: string,
  entityId: string,
): Promise<number> {
  return db.transaction(async (tx) => {
    const done = await rows<{ seq: string }>(
      tx,
      sql`update kernel.audit_log set detail = '{}'::jsonb, redacted_at = now()
      where entity = ${entity} and entity_id = ${entityId} and redacted_at is null returning seq`,
    );
    const seqs = done.map((d) => Number(d.seq)).sort((a, b) => a - b);
    if (seqs.length) await appendAudit(tx, actor, [{ action: 'audit.redact', entity, entityId, detail: { seqs } }]);
    return seqs.length;
  });
}
