import { jsonValue, rows, type Db, type Queryable } from '@chengxin/db';
import { sql } from 'drizzle-orm';
import { appendAudit, canonicalJson, entryHash, leafTextOf, GENESIS, sha256, type AuditEntry } from './chain';
import { checkpointSignatureValid, listCheckpoints, type AuditKeys, type Checkpoint } from './checkpoint';
import { treeMac } from './sequencer';
import { cosignatureValid, noteBody } from './cosign';
import { EMPTY_ROOT, leafHashOf, nodeHashOf } from './tree';
import { entryMac } from './mac';
import { checkAnchors, type AnchorOptions } from './anchors';

export interface AuditProblem {
  /** The entry (insertion id) at fault, or the checkpoint's tree size for checkpoint problems; null when no row exists. */
  seq: number | null;
  /** The leaf position concerned, when the problem is about the tree. */
  leafIndex?: number | null;
  kind:
    | 'gap'
    | 'prev_hash'
    | 'hash'
    | 'detail'
    | 'tree'
    | 'checkpoint_signature'
    | 'checkpoint_mismatch'
    | 'record_state'
    | 'mac'
    | 'truncated'
    | 'checkpoint_stale'
    | 'checkpoint_missing'
    | 'witness_missing';
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
  /** Records whose latest entry predates state digests (legacy data): their history is in the log, their state not. */
  recordsWithoutDigest: number;
  /** Entries committed but not yet placed in the tree by the sequencer. */
  pending: number;
  /** The tree's size and root as recomputed from the entries. */
  headSeq: number;
  headHash: string;
  problems: AuditProblem[];
}

const PAGE = 10_000;

type LogRow = {
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
  prev_hash: string | null;
  hash: string;
  mac: string | null;
  redacted: boolean;
  leaf_index: string | number | null;
};

/**
 * Rechecks the whole log: every entry against its hash, MAC and detail; the tree recomputed from the entries, leaf by
 * leaf, against every stored node and the stored root; every checkpoint (a trusted key's signature, and its root is
 * the recomputed root at its size: consistency between all checkpoints follows, as each is recomputed from the same
 * leaves); checkpoints held outside the database (anchors.ts); and every credit record's current state against the
 * digest its latest entry recorded. Stops collecting after the first few problems: the first is the one to investigate.
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
  const checkpoints = await listCheckpoints(db, 1_000_000);
  const external = options.external ?? [];
  // Sizes whose root must be recomputed: every checkpoint's, in the database and outside it.
  const wanted = new Set([...checkpoints, ...external].filter((c) => c.note).map((c) => c.seq));
  const roots = new Map<number, string>();
  // The former chain: entry hashes by seq (its checkpoints signed those), only for entries that carry a link.
  const chainHashes = new Map<number, string>();
  const redactedByLog = new Set<number>();
  const redactedRows: number[] = [];
  let entries = 0;
  let pending = 0;
  let expectedLeaf = 0;
  let prevChain = GENESIS;
  // The tree's right border while leaves stream in (compact range): complete subtrees, largest first.
  const border: { level: number; hash: Buffer }[] = [];
  const rootNow = () => {
    if (border.length === 0) return EMPTY_ROOT.toString('hex');
    let r = border[border.length - 1]!.hash;
    for (let i = border.length - 2; i >= 0; i--) r = nodeHashOf(border[i]!.hash, r);
    return r.toString('hex');
  };
  // Leaves whose entry is already named (altered, forged): the tree nodes above them differ as a consequence.
  const flagged: number[] = [];
  // A deleted leaf cannot be recomputed: roots of larger sizes are not judged again (the gap is the finding).
  let firstGap: number | null = null;
  const checkEntry = (r: LogRow) => {
    const seq = Number(r.seq);
    const before = problems.length;
    const fields: AuditEntry = {
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
    if (entryHash(fields) !== r.hash)
      add({
        seq,
        kind: 'hash',
        messageZh: `第${seq}条审计记录（${r.action}）的内容与其哈希不符，已被改动`,
        messageEn: `Entry ${seq} (${r.action}) does not match its hash: it was altered`,
      });
    // An entry with a consistent hash but no MAC under our key was written by someone who does not hold the data key.
    if (keys.macKey && r.mac !== entryMac(keys.macKey, r.hash))
      add({
        seq,
        kind: 'mac',
        messageZh: `第${seq}条审计记录（${r.action}）没有本系统密钥的签名（MAC），不是由系统写入的`,
        messageEn: `Entry ${seq} (${r.action}) has no valid MAC under the system's key: it was not written by the system`,
      });
    const detail = jsonValue(r.detail);
    if (r.action === 'audit.redact') for (const n of (detail as { seqs?: number[] }).seqs ?? []) redactedByLog.add(n);
    if (r.redacted) redactedRows.push(seq);
    if (!r.redacted && sha256(canonicalJson(detail)) !== r.detail_digest)
      add({
        seq,
        kind: 'detail',
        messageZh: `第${seq}条审计记录（${r.action}）的详情已被改动`,
        messageEn: `The detail of entry ${seq} (${r.action}) was altered`,
      });
    if (r.prev_hash !== null) {
      if (r.prev_hash !== prevChain)
        add({
          seq,
          kind: 'prev_hash',
          messageZh: `第${seq}条审计记录（原哈希链）与前一条的链接不符`,
          messageEn: `Entry ${seq} of the former hash chain does not link to the entry before it`,
        });
      prevChain = r.hash;
      chainHashes.set(seq, r.hash);
    }
    if (problems.length > before && r.leaf_index !== null) flagged.push(Number(r.leaf_index));
    return fields;
  };

  // Sequenced entries in tree order: each leaf recomputed, compared with the stored leaf and interior nodes.
  for (let after = -1; ;) {
    const page = await rows<LogRow>(
      db,
      sql`
      select seq, to_json(at)#>>'{}' as at, actor_id, actor_name, action, entity, entity_id, detail, detail_digest, before_digest, after_digest, prev_hash, hash, mac,
        redacted_at is not null as redacted, leaf_index
      from kernel.audit_log where leaf_index > ${after} order by leaf_index limit ${PAGE}`,
    );
    const first = page.length ? Number(page[0]!.leaf_index) : 0;
    const last = page.length ? Number(page[page.length - 1]!.leaf_index) : -1;
    const stored = page.length ? await storedNodesOver(db, first, last) : new Map<string, Buffer>();
    const computed: { level: number; idx: number; hash: Buffer }[] = [];
    const addLeaf = (index: number, hash: Buffer) => {
      computed.push({ level: 0, idx: index, hash });
      border.push({ level: 0, hash });
      let idx = index;
      while (border.length >= 2 && border[border.length - 1]!.level === border[border.length - 2]!.level) {
        const right = border.pop()!;
        const left = border.pop()!;
        idx = Math.floor(idx / 2);
        const node = { level: left.level + 1, hash: nodeHashOf(left.hash, right.hash) };
        border.push(node);
        computed.push({ level: node.level, idx, hash: node.hash });
      }
      if (wanted.has(index + 1)) roots.set(index + 1, rootNow());
    };
    for (const r of page) {
      const index = Number(r.leaf_index);
      entries++;
      // A deleted row: named, then its stored leaf stands in so the rest of the tree is still judged.
      while (expectedLeaf < index) {
        add({
          seq: null,
          leafIndex: expectedLeaf,
          kind: 'gap',
          messageZh: `审计日志第${expectedLeaf}号叶子对应的记录已被删除`,
          messageEn: `The entry at leaf ${expectedLeaf} was deleted from the log`,
        });
        flagged.push(expectedLeaf);
        firstGap ??= expectedLeaf;
        addLeaf(expectedLeaf, stored.get(`0:${expectedLeaf}`) ?? EMPTY_ROOT);
        expectedLeaf++;
      }
      const fields = checkEntry(r);
      addLeaf(index, leafHashOf(leafTextOf(fields)));
      expectedLeaf = index + 1;
    }
    for (const n of computed) {
      const s = stored.get(`${n.level}:${n.idx}`);
      const span = 2 ** n.level;
      if (flagged.some((leaf) => leaf >= n.idx * span && leaf < (n.idx + 1) * span)) continue;
      if (!s || !s.equals(n.hash)) {
        flagged.push(n.idx * span);
        add({
          seq: null,
          leafIndex: n.idx * 2 ** n.level,
          kind: 'tree',
          messageZh: `日志树第${n.level}层第${n.idx}个节点${s ? '与记录不符' : '缺失'}：审计记录或树节点被改动`,
          messageEn: `Tree node ${n.level}:${n.idx} ${s ? 'does not match the entries' : 'is missing'}: an entry or the tree was altered`,
        });
      }
    }
    if (page.length < PAGE) break;
    after = last;
  }
  const size = expectedLeaf;
  const root = rootNow();

  // The stored head (what proofs are served from) is the recomputed one.
  const [tree] = await rows<{ size: string | number; root_hash: string; mac: string | null }>(
    db,
    sql`select size, root_hash, mac from kernel.audit_tree where id = 1`,
  );
  if (tree && Number(tree.size) > size)
    add({
      seq: null,
      leafIndex: size,
      kind: 'truncated',
      messageZh: `日志树记载有${Number(tree.size)}条记录，但日志只剩${size}条：日志被截断`,
      messageEn: `The tree records ${Number(tree.size)} entries but the log holds ${size}: the log was truncated`,
    });
  else if (tree && (Number(tree.size) !== size || (firstGap === null && tree.root_hash !== root)))
    add({
      seq: null,
      leafIndex: size,
      kind: 'tree',
      messageZh: '日志树的当前根与按记录重算的根不符',
      messageEn: 'The stored tree root does not match the root recomputed from the entries',
    });
  // The stored head carries the sequencer's MAC: a head rebuilt in SQL (an entry dropped, leaves renumbered) has none.
  if (
    tree &&
    Number(tree.size) > 0 &&
    keys.macKey &&
    tree.mac !== treeMac(keys.macKey, Number(tree.size), tree.root_hash)
  )
    add({
      seq: null,
      leafIndex: Number(tree.size),
      kind: 'tree',
      messageZh: '日志树的当前根没有本系统密钥的签名（MAC）：日志树是在系统之外重建的',
      messageEn: "The tree head has no valid MAC under the system's key: the tree was rebuilt outside the system",
    });

  // Entries the sequencer has not placed yet: checked as entries.
  for (let after = 0; ;) {
    const page = await rows<LogRow>(
      db,
      sql`
      select seq, to_json(at)#>>'{}' as at, actor_id, actor_name, action, entity, entity_id, detail, detail_digest, before_digest, after_digest, prev_hash, hash, mac,
        redacted_at is not null as redacted, leaf_index
      from kernel.audit_log where leaf_index is null and seq > ${after} order by seq limit ${PAGE}`,
    );
    for (const r of page) {
      entries++;
      pending++;
      checkEntry(r);
    }
    if (page.length < PAGE) break;
    after = Number(page[page.length - 1]!.seq);
  }

  for (const seq of redactedRows) {
    if (!redactedByLog.has(seq))
      add({
        seq,
        kind: 'detail',
        messageZh: `第${seq}条审计记录被标为已删除详情，但日志中没有相应的删除记录`,
        messageEn: `Entry ${seq} is marked redacted without a redaction entry in the log`,
      });
  }

  // The head a checkpoint names, recomputed: the tree root at its size, or (former chain) the entry hash at its seq.
  const headAt = (c: Checkpoint) =>
    c.note ? (firstGap !== null && c.seq > firstGap ? c.headHash : roots.get(c.seq)) : chainHashes.get(c.seq);
  for (const c of checkpoints) {
    if (!checkpointSignatureValid(c, keys))
      add({
        seq: c.seq,
        kind: 'checkpoint_signature',
        messageZh: `树大小${c.seq}处的检查点签名无效或不是受信任的密钥所签`,
        messageEn: `Checkpoint at size ${c.seq} has an invalid or untrusted signature`,
      });
    if (c.seq > size)
      add({
        seq: c.seq,
        kind: 'truncated',
        messageZh: `已签名检查点记载${c.seq}条记录，但日志只剩${size}条：日志被截断`,
        messageEn: `A signed checkpoint covers ${c.seq} entries but the log holds ${size}: the log was truncated`,
      });
    else if (headAt(c) !== c.headHash)
      add({
        seq: c.seq,
        kind: 'checkpoint_mismatch',
        messageZh: `日志与树大小${c.seq}处的已签名检查点不符（日志被改写）`,
        messageEn: `The log does not match the signed checkpoint at size ${c.seq} (log rewritten)`,
      });
    const legacy = c.note && /^chengxin-legacy-chain (\d+) ([0-9a-f]{64})$/m.exec(c.note);
    if (legacy && chainHashes.get(Number(legacy[1])) !== legacy[2])
      add({
        seq: Number(legacy[1]),
        kind: 'checkpoint_mismatch',
        messageZh: `原哈希链第${legacy[1]}条与检查点记载的链头不符`,
        messageEn: `Entry ${legacy[1]} of the former chain does not match the chain head the checkpoint records`,
      });
  }

  const [oldest] = await rows<{ covered_at: string | null; pending_at: string | null }>(
    db,
    sql`select (select to_json(at)#>>'{}' from kernel.audit_log where leaf_index = ${coveredSize(checkpoints, keys, headAt)}) as covered_at,
      (select to_json(min(at))#>>'{}' from kernel.audit_log where leaf_index is null) as pending_at`,
  );
  const anchored = checkAnchors(
    { size, headAt, oldestUncoveredAt: oldest?.covered_at ?? null, oldestPendingAt: oldest?.pending_at ?? null },
    checkpoints.filter((c) => checkpointSignatureValid(c, keys)),
    keys,
    options,
  );
  for (const p of anchored.problems) add(p);

  // Each required witness must have cosigned a checkpoint whose root the log still has.
  for (const w of options.requireWitnesses ?? []) {
    const lines = await rows<{ size: string | number; line: string; note: string }>(
      db,
      sql`select s.size, s.line, c.note from kernel.audit_cosignature s join kernel.audit_checkpoint c on c.seq = s.size
      where s.witness = ${w.name} and c.note is not null order by s.size desc`,
    );
    const good = lines.find((l) => cosignatureValid(l.line, w, noteBody(l.note)));
    const cp = good && checkpoints.find((c) => c.seq === Number(good.size));
    if (!good || !cp)
      add({
        seq: null,
        kind: 'witness_missing',
        messageZh: `没有见证人${w.name}的有效联署签名：无法证明日志对外只有一个历史`,
        messageEn: `No valid cosignature by witness ${w.name}: nothing shows the log kept one history`,
      });
    else if (headAt(cp) !== cp.headHash)
      add({
        seq: cp.seq,
        kind: 'checkpoint_mismatch',
        messageZh: `日志与见证人${w.name}联署的树大小${cp.seq}处的检查点不符（日志被改写）`,
        messageEn: `The log does not match the checkpoint at size ${cp.seq} cosigned by witness ${w.name} (log rewritten)`,
      });
  }

  // Each record's state now vs the digest its latest entry (in log order; waiting entries come last) recorded.
  const latest = sql`select seq, action, after_digest from kernel.audit_log a where a.entity = 'credit_record' and a.entity_id = r.id::text
    order by a.leaf_index is null desc, a.leaf_index desc, a.seq desc limit 1`;
  const mismatched = await rows<{ id: string; seq: string | number; action: string }>(
    db,
    sql`
    select r.id::text, a.seq, a.action from kernel.credit_record r
    cross join lateral (${latest}) a
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
      messageZh: `信用记录${o.id}在审计日志中没有任何记录，是在系统之外写入的`,
      messageEn: `Record ${o.id} has no audit entry: it was written outside the services`,
    });
  // Records are never deleted by the services (they are revoked or archived): a record the log knows and the table
  // does not was deleted in SQL.
  const vanished = await rows<{ id: string; seq: string | number }>(
    db,
    sql`select a.entity_id as id, max(a.seq) as seq from kernel.audit_log a
    where a.entity = 'credit_record' and not exists (select 1 from kernel.credit_record r where r.id::text = a.entity_id)
    group by a.entity_id order by 2 limit ${maxProblems}`,
  );
  for (const v of vanished)
    add({
      seq: Number(v.seq),
      kind: 'record_state',
      messageZh: `审计日志记载的信用记录${v.id}已不在数据库中，是在系统之外删除的`,
      messageEn: `Record ${v.id} is in the log but no longer in the database: it was deleted outside the services`,
    });
  const [counts] = await rows<{ checked: number; legacy: number }>(
    db,
    sql`
    select count(*) filter (where a.after_digest is not null)::int as checked, count(*) filter (where a.after_digest is null)::int as legacy
    from kernel.credit_record r left join lateral (${latest}) a on true`,
  );

  return {
    ok: problems.length === 0,
    entries,
    checkpoints: checkpoints.length,
    externalCheckpoints: anchored.external,
    macChecked: Boolean(keys.macKey),
    recordsChecked: counts?.checked ?? 0,
    recordsWithoutDigest: counts?.legacy ?? 0,
    pending,
    headSeq: size,
    headHash: root,
    problems,
  };
}

/** The largest size a good checkpoint in the database covers (its root matches the log). */
function coveredSize(
  checkpoints: readonly Checkpoint[],
  keys: AuditKeys,
  headAt: (c: Checkpoint) => string | undefined,
): number {
  return checkpoints.reduce(
    (m, c) => (checkpointSignatureValid(c, keys) && headAt(c) === c.headHash ? Math.max(m, c.seq) : m),
    0,
  );
}

/** Stored nodes of every complete subtree that lies within leaves [first, last]. */
async function storedNodesOver(db: Queryable, first: number, last: number): Promise<Map<string, Buffer>> {
  const found = await rows<{ level: number; idx: string | number; hash: Buffer | Uint8Array }>(
    db,
    sql`select n.level, n.idx, n.hash from generate_series(1, 62) as l(level)
      join kernel.audit_tree_node n on n.level = l.level and n.idx between (${first}::bigint >> l.level) and (${last}::bigint >> l.level)
      union all
      select 0::smallint, a.leaf_index, a.leaf_hash from kernel.audit_log a where a.leaf_index between ${first} and ${last}`,
  );
  return new Map(found.map((r) => [`${r.level}:${Number(r.idx)}`, Buffer.from(r.hash)]));
}

/**
 * Retention: removes the detail of a subject's entries (e.g. when an archived record's personal data must go) while
 * the log still verifies, because each hash covers the detail's digest, not the detail. The redaction is itself an
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
