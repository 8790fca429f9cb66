/**
 * Export to the city/national platform and the changed-since feed.
 *
 * Each channel (`public` = 社会公开, to the credit website / 信用中国 platform; `government` = 政务共享, to the national
 * sharing platform) keeps what it last carried per record (exchange_state). A sync compares the records the channel
 * may carry now with that state and appends ADD / MOD / DEL entries to the channel's change log (exchange_change).
 * Pull consumers page through the log by sequence number (the feed). Push batches are fixed ranges of the log,
 * numbered per channel, with SHA-256 checksums of their JSON and CSV payloads; the next batch is cut only after the
 * previous one is acknowledged, and an unacknowledged batch is served again byte for byte.
 */
import { createHash } from 'node:crypto';
import { rows, type Queryable, type Tx } from '@chengxin/db';
import { sql, type SQL } from 'drizzle-orm';
import { scopeSql } from '../access';
import { audit, write, type KernelContext, AppError, badInput, revealIdNumber } from '../core';
import {
  SANCTION_LABELS,
  SEVERITY_LABELS,
  type RecordStatus,
  type SanctionType,
  type Severity,
  type DisclosureSchema,
} from '@chengxin/contract';
import { recordType, contentPayload, principalOnDecisionDate, sourceOrgJoin } from '../records';
import {
  COMMENDATION_FIELD_CODES,
  COMMENDATION_FIELDS,
  DISCLOSURE_FIELD_CODES,
  DISCLOSURE_FIELDS,
  disclosedItem,
  fieldCodesOf,
  type DisclosureSource,
} from './disclosure-fields';

export const CHANNELS = ['public', 'government'] as const;
export type Channel = (typeof CHANNELS)[number];
export const CHANNEL_LABELS: Record<Channel, { zh: string; en: string }> = {
  public: { zh: '社会公开（信用网站 / 信用中国）', en: 'Public disclosure platform' },
  government: { zh: '政务共享（全国信用信息共享平台）', en: 'Government sharing platform' },
};
/** Version 2: commendations leave in their own field list (`schema`), never the penalty one. */
export const BATCH_FORMAT = 'chengxin-disclosure/2';

/**
 * What a channel may carry: the public platform only published records whose disclosure scope is 社会公开; government
 * sharing approved or published records that are 社会公开 or 政务共享. 不公开 never leaves; a repaired, revoked,
 * expired or archived record is withdrawn (DEL) from a channel that carried it.
 */
function carried(channel: Channel): SQL {
  return channel === 'public'
    ? sql`r.status = 'published' and r.disclosure_scope = 'public'`
    : sql`r.status in ('approved', 'published') and r.disclosure_scope in ('public', 'government')`;
}

export interface ChangeItem {
  seq: number;
  op: 'ADD' | 'MOD' | 'DEL';
  recordId: string;
  version: number | null;
  at: string;
  /** The field list `data` is in: the 双公示 penalty fields, or the commendation (守信) fields. */
  schema: DisclosureSchema | null;
  data: Record<string, string> | null;
}

/** Appends the channel's pending changes to its log. Runs under a per-channel lock, so two syncs never double an entry. */
export async function syncChannel(tx: Tx, channel: Channel): Promise<number> {
  await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`chengxin.exchange.${channel}`}))`);
  const diff = await rows<{ id: string; hash: string | null; had: boolean }>(
    tx,
    sql`
    select coalesce(c.id, s.record_id)::text as id, c.hash, (s.record_id is not null and not s.withdrawn) as had
    from (select r.id, md5(concat_ws('|', r.content_hash, o.name, o.uscc, coalesce(p.name, ''))) as hash
          from kernel.current_record r
          join kernel.org_unit o on o.id = r.org_id
          left join kernel.person p on p.id = r.person_id
          where ${carried(channel)}) c
    full join (select record_id, hash, withdrawn from kernel.exchange_state where channel = ${channel}) s on s.record_id = c.id
    where (c.id is null and not s.withdrawn) or (c.id is not null and (s.record_id is null or s.withdrawn or s.hash <> c.hash))
    order by 1`,
  );
  for (let i = 0; i < diff.length; i += 2000) {
    const part = diff.slice(i, i + 2000);
    const details = await disclosureSources(
      tx,
      part.filter((d) => d.hash !== null).map((d) => d.id),
    );
    const entries = part.map((d) => {
      const src = details.get(d.id);
      const op = d.hash === null ? 'DEL' : d.had ? 'MOD' : 'ADD';
      return {
        id: d.id,
        op,
        hash: d.hash ?? '',
        item: JSON.stringify({
          version: src?.version ?? null,
          ...(op === 'DEL' || !src ? { schema: null, data: null } : disclosedItem(src.source)),
        }),
      };
    });
    await tx.execute(sql`insert into kernel.exchange_change (channel, record_id, op, item)
      select ${channel}, id, op, item from unnest(${sql.param(entries.map((e) => e.id))}::uuid[], ${sql.param(entries.map((e) => e.op))}::text[], ${sql.param(entries.map((e) => e.item))}::text[]::jsonb[]) with ordinality as t(id, op, item, n) order by n`);
    await tx.execute(sql`insert into kernel.exchange_state (channel, record_id, hash, withdrawn)
      select ${channel}, id, hash, op = 'DEL' from unnest(${sql.param(entries.map((e) => e.id))}::uuid[], ${sql.param(entries.map((e) => e.hash))}::text[], ${sql.param(entries.map((e) => e.op))}::text[]) as t(id, hash, op)
      on conflict (channel, record_id) do update set hash = excluded.hash, withdrawn = excluded.withdrawn`);
  }
  return diff.length;
}

async function disclosureSources(q: Queryable, ids: string[]) {
  if (ids.length === 0) return new Map<string, { version: number; source: DisclosureSource }>();
  const list = await rows<{
    id: string;
    version: number;
    subject_kind: 'org' | 'person';
    org_name: string;
    org_uscc: string;
    person_name: string | null;
    principal_name: string | null;
    type_key: string;
    polarity: string;
    severity: Severity;
    sanction_type: SanctionType | null;
    decision_no: string;
    facts: string;
    legal_basis: string;
    decision_date: string;
    impact_end: string | null;
    publication_max_end: string | null;
    issuing_authority: string;
    issuing_authority_uscc: string | null;
    source_org_name: string | null;
    source_org_uscc: string | null;
    source_system: string;
    payload: unknown;
  }>(
    q,
    sql`
    select r.id::text, r.current_version as version, r.subject_kind, o.name as org_name, o.uscc as org_uscc, p.name as person_name,
      ${principalOnDecisionDate} as principal_name,
      r.type_key, r.polarity, r.severity, r.sanction_type, r.decision_no, r.facts, r.legal_basis, r.decision_date::text, r.impact_end::text, r.publication_max_end::text,
      r.issuing_authority, r.issuing_authority_uscc, src.name as source_org_name, src.uscc as source_org_uscc, r.source_system, r.payload
    from kernel.current_record r
    join kernel.org_unit o on o.id = r.org_id
    left join kernel.person p on p.id = r.person_id
    ${sourceOrgJoin}
    where r.id = any(${sql.param(ids)}::uuid[])`,
  );
  return new Map(
    list.map((r) => [
      r.id,
      {
        version: Number(r.version),
        source: {
          subjectKind: r.subject_kind,
          orgName: r.org_name,
          orgUscc: r.org_uscc,
          personName: r.person_name,
          principalName: r.principal_name,
          typeKey: r.type_key,
          typeLabelZh: recordType(r.type_key)?.labelZh ?? r.type_key,
          polarity: r.polarity,
          severityZh: SEVERITY_LABELS[r.severity]?.zh ?? r.severity,
          sanctionZh: r.sanction_type ? SANCTION_LABELS[r.sanction_type].zh : null,
          decisionNo: r.decision_no,
          facts: r.facts,
          legalBasis: r.legal_basis,
          decisionDate: r.decision_date,
          impactEnd: r.impact_end,
          publicationMaxEnd: r.publication_max_end,
          issuingAuthority: r.issuing_authority,
          issuingAuthorityUscc: r.issuing_authority_uscc,
          sourceOrgName: r.source_org_name,
          sourceOrgUscc: r.source_org_uscc,
          sourceSystem: r.source_system,
          payload: contentPayload(
            typeof r.payload === 'string' ? JSON.parse(r.payload) : (r.payload as Record<string, unknown>),
          ).payload,
        },
      },
    ]),
  );
}

const toItem = (r: { seq: number | string; op: string; record_id: string; at: string; item: unknown }): ChangeItem => {
  const body = (typeof r.item === 'string' ? JSON.parse(r.item) : r.item) as {
    version: number | null;
    schema?: DisclosureSchema | null;
    data: Record<string, string> | null;
  };
  // Entries logged before format 2 carry no schema: they were all in the penalty list.
  const schema = body.data ? (body.schema ?? 'penalty') : null;
  // Fields in the documented order (jsonb does not keep key order), so a payload re-rendered later is byte-identical.
  const data =
    body.data && schema ? Object.fromEntries(fieldCodesOf(schema).map((c) => [c, body.data![c] ?? ''])) : null;
  return {
    seq: Number(r.seq),
    op: r.op as ChangeItem['op'],
    recordId: r.record_id,
    version: body.version,
    at: r.at,
    schema,
    data,
  };
};

// ---- changed-since feed -----------------------------------------------------------------------------------------

/**
 * The channel's changes after a cursor (a sequence number) or since an instant, oldest first, limited to records of
 * bodies inside the caller's scope. The cursor of the last page is kept by the consumer.
 */
export async function changesSince(
  ctx: KernelContext,
  input: { channel: Channel; cursor?: string | undefined; since?: string | undefined; limit: number },
) {
  const after = input.cursor ? Number(input.cursor) : 0;
  if (!Number.isSafeInteger(after) || after < 0)
    throw badInput('CURSOR_INVALID', 'cursor', '游标无效', 'Invalid cursor');
  await write(ctx, (tx) => syncChannel(tx, input.channel));
  const list = await rows<{ seq: string; op: string; record_id: string; at: string; item: unknown }>(
    ctx.db,
    sql`
    select c.seq::text, c.op, c.record_id::text, to_json(c.at)#>>'{}' as at, c.item
    from kernel.exchange_change c
    ${ctx.scope.roots === null ? sql`` : sql`join kernel.credit_record r on r.id = c.record_id join kernel.org_unit o on o.id = r.org_id`}
    where c.channel = ${input.channel} and c.seq > ${after}
    ${input.since ? sql`and c.at >= ${input.since}::timestamptz` : sql``}
    ${ctx.scope.roots === null ? sql`` : sql`and ${scopeSql(ctx.scope, sql`o.path`)}`}
    order by c.seq limit ${input.limit + 1}`,
  );
  const items = list.slice(0, input.limit).map(toItem);
  return {
    items,
    nextCursor:
      list.length > input.limit
        ? String(items.at(-1)!.seq)
        : items.length
          ? String(items.at(-1)!.seq)
          : (input.cursor ?? null),
    hasMore: list.length > input.limit,
  };
}

// ---- batches ----------------------------------------------------------------------------------------------------

export interface Batch {
  channel: Channel;
  batchNo: number;
  fromSeq: number;
  toSeq: number;
  itemCount: number;
  createdAt: string;
  sha256Json: string;
  sha256Csv: string;
  acknowledged: boolean;
  servedCount: number;
}

const sha256 = (s: string) => createHash('sha256').update(s, 'utf8').digest('hex');

/** The batch's JSON payload: deterministic from the batch row and its log range. */
export function renderJson(
  b: { channel: Channel; batchNo: number; fromSeq: number; toSeq: number; createdAt: string },
  items: ChangeItem[],
): string {
  return JSON.stringify({
    format: BATCH_FORMAT,
    channel: b.channel,
    batchNo: b.batchNo,
    fromSeq: b.fromSeq,
    toSeq: b.toSeq,
    createdAt: b.createdAt,
    itemCount: items.length,
    fields: DISCLOSURE_FIELDS.map((f) => ({ code: f.code, zh: f.zh })),
    commendationFields: COMMENDATION_FIELDS.map((f) => ({ code: f.code, zh: f.zh })),
    items: items.map((i) => ({
      seq: i.seq,
      op: i.op,
      recordId: i.recordId,
      version: i.version,
      schema: i.schema,
      data: i.data,
    })),
  });
}

const csvCell = (v: string | number | null) => {
  const s = v === null ? '' : String(v);
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
};

/** The penalty fields, then the commendation fields the penalty list lacks: one CSV heading for both lists. */
const CSV_CODES = [
  ...DISCLOSURE_FIELD_CODES,
  ...COMMENDATION_FIELD_CODES.filter((c) => !(DISCLOSURE_FIELD_CODES as string[]).includes(c)),
];

/**
 * The batch's CSV payload: a heading row of field codes, then one line per change (UTF-8, no BOM, \n line ends). The
 * `schema` column says which list a line is in; a commendation line leaves the penalty-only columns empty.
 */
export function renderCsv(items: ChangeItem[]): string {
  const head = ['seq', 'op', 'recordId', 'version', 'schema', ...CSV_CODES];
  return `${[head.join(','), ...items.map((i) => [i.seq, i.op, i.recordId, i.version, i.schema ?? '', ...CSV_CODES.map((c) => i.data?.[c] ?? '')].map(csvCell).join(','))].join('\n')}\n`;
}

async function batchItems(q: Queryable, channel: Channel, fromSeq: number, toSeq: number): Promise<ChangeItem[]> {
  return (
    await rows<{ seq: string; op: string; record_id: string; at: string; item: unknown }>(
      q,
      sql`
    select seq::text, op, record_id::text, to_json(at)#>>'{}' as at, item from kernel.exchange_change
    where channel = ${channel} and seq between ${fromSeq} and ${toSeq} order by seq`,
    )
  ).map(toItem);
}

interface BatchRow {
  channel: Channel;
  batch_no: number;
  from_seq: string;
  to_seq: string;
  item_count: number;
  created_at: string;
  sha256_json: string;
  sha256_csv: string;
  acked_at: string | null;
  served_count: number;
}
const toBatch = (r: BatchRow): Batch => ({
  channel: r.channel,
  batchNo: Number(r.batch_no),
  fromSeq: Number(r.from_seq),
  toSeq: Number(r.to_seq),
  itemCount: Number(r.item_count),
  createdAt: r.created_at,
  sha256Json: r.sha256_json,
  sha256Csv: r.sha256_csv,
  acknowledged: r.acked_at !== null,
  servedCount: Number(r.served_count),
});
const BATCH_COLUMNS = sql`channel, batch_no, from_seq::text, to_seq::text, item_count, to_json(created_at)#>>'{}' as created_at, sha256_json, sha256_csv, to_json(acked_at)#>>'{}' as acked_at, served_count`;

export interface ServedBatch {
  batch: Batch;
  format: 'json' | 'csv';
  payload: string;
  sha256: string;
}

async function serve(q: Queryable, b: Batch, format: 'json' | 'csv'): Promise<ServedBatch> {
  const items = await batchItems(q, b.channel, b.fromSeq, b.toSeq);
  const payload = format === 'json' ? renderJson(b, items) : renderCsv(items);
  const sum = sha256(payload);
  // The log range never changes, so this holds; if it did not, serving a different payload under the same number would be the worst outcome.
  if (sum !== (format === 'json' ? b.sha256Json : b.sha256Csv))
    throw new AppError(
      'CONFLICT',
      'BATCH_CHECKSUM_MISMATCH',
      `批次${b.batchNo}的内容与其校验值不符，请联系管理员`,
      `Batch ${b.batchNo} no longer matches its checksum`,
    );
  return { batch: b, format, payload, sha256: sum };
}

/**
 * The next batch for a platform: the unacknowledged batch again if there is one (identical bytes), else a new batch
 * of up to `limit` changes after the last acknowledged one, or null when there is nothing new.
 */
export async function nextBatch(
  ctx: KernelContext,
  channel: Channel,
  format: 'json' | 'csv',
  limit: number,
): Promise<ServedBatch | null> {
  return write(ctx, async (tx) => {
    await syncChannel(tx, channel);
    const [last] = await rows<BatchRow>(
      tx,
      sql`select ${BATCH_COLUMNS} from kernel.exchange_batch where channel = ${channel} order by batch_no desc limit 1`,
    );
    if (last && !last.acked_at) {
      await tx.execute(
        sql`update kernel.exchange_batch set served_count = served_count + 1 where channel = ${channel} and batch_no = ${last.batch_no}`,
      );
      await audit(tx, ctx, 'exchange.batch.resend', 'exchange_batch', `${channel}:${last.batch_no}`, {
        channel,
        batchNo: Number(last.batch_no),
      });
      return serve(tx, { ...toBatch(last), servedCount: Number(last.served_count) + 1 }, format);
    }
    const after = last ? Number(last.to_seq) : 0;
    const [range] = await rows<{ from_seq: string | null; to_seq: string | null; n: number }>(
      tx,
      sql`
      select min(seq)::text as from_seq, max(seq)::text as to_seq, count(*)::int as n from
      (select seq from kernel.exchange_change where channel = ${channel} and seq > ${after} order by seq limit ${limit}) x`,
    );
    if (!range?.from_seq) return null;
    const batchNo = (last ? Number(last.batch_no) : 0) + 1;
    const [created] = await rows<{ created_at: string }>(tx, sql`select to_json(now())#>>'{}' as created_at`);
    const head = {
      channel,
      batchNo,
      fromSeq: Number(range.from_seq),
      toSeq: Number(range.to_seq),
      createdAt: created!.created_at,
    };
    const items = await batchItems(tx, channel, head.fromSeq, head.toSeq);
    const json = renderJson(head, items);
    const csv = renderCsv(items);
    await tx.execute(sql`insert into kernel.exchange_batch (channel, batch_no, from_seq, to_seq, item_count, sha256_json, sha256_csv, created_at, created_by)
      values (${channel}, ${batchNo}, ${head.fromSeq}, ${head.toSeq}, ${items.length}, ${sha256(json)}, ${sha256(csv)}, ${head.createdAt}::timestamptz, ${ctx.actor?.id ?? null})`);
    await audit(tx, ctx, 'exchange.batch.create', 'exchange_batch', `${channel}:${batchNo}`, {
      channel,
      batchNo,
      items: items.length,
      sha256Json: sha256(json),
      sha256Csv: sha256(csv),
    });
    const batch: Batch = {
      ...head,
      itemCount: items.length,
      sha256Json: sha256(json),
      sha256Csv: sha256(csv),
      acknowledged: false,
      servedCount: 1,
    };
    return { batch, format, payload: format === 'json' ? json : csv, sha256: sha256(format === 'json' ? json : csv) };
  });
}

/** Any earlier batch, re-rendered (byte-identical to what was first served). */
export async function getBatch(
  db: Queryable,
  channel: Channel,
  batchNo: number,
  format: 'json' | 'csv',
): Promise<ServedBatch> {
  const [b] = await rows<BatchRow>(
    db,
    sql`select ${BATCH_COLUMNS} from kernel.exchange_batch where channel = ${channel} and batch_no = ${batchNo}`,
  );
  if (!b)
    throw new AppError('NOT_FOUND', 'BATCH_NOT_FOUND', `批次${batchNo}不存在`, `Batch ${batchNo} not found`, 'batchNo');
  return serve(db, toBatch(b), format);
}

/**
 * The platform confirms it stored a batch, quoting the payload's SHA-256 (of either format). Only then is the next
 * batch cut. Acknowledging the same batch again with the right checksum is harmless.
 */
export async function acknowledgeBatch(
  ctx: KernelContext,
  channel: Channel,
  batchNo: number,
  checksum: string,
): Promise<Batch> {
  return write(ctx, async (tx) => {
    const [b] = await rows<BatchRow>(
      tx,
      sql`select ${BATCH_COLUMNS} from kernel.exchange_batch where channel = ${channel} and batch_no = ${batchNo} for update`,
    );
    if (!b)
      throw new AppError(
        'NOT_FOUND',
        'BATCH_NOT_FOUND',
        `批次${batchNo}不存在`,
        `Batch ${batchNo} not found`,
        'batchNo',
      );
    const sum = checksum.trim().toLowerCase();
    if (sum !== b.sha256_json && sum !== b.sha256_csv)
      throw badInput(
        'BATCH_CHECKSUM_MISMATCH',
        'sha256',
        `校验值与批次${batchNo}不符：请重新获取该批次后再确认`,
        `The checksum does not match batch ${batchNo}: fetch it again before acknowledging`,
      );
    if (b.acked_at) return toBatch(b);
    await tx.execute(
      sql`update kernel.exchange_batch set acked_at = now(), acked_by = ${ctx.actor?.id ?? null} where channel = ${channel} and batch_no = ${batchNo}`,
    );
    await audit(tx, ctx, 'exchange.batch.ack', 'exchange_batch', `${channel}:${batchNo}`, {
      channel,
      batchNo,
      sha256: sum,
    });
    return { ...toBatch(b), acknowledged: true };
  });
}

export async function listBatches(db: Queryable, channel: Channel, limit = 50): Promise<Batch[]> {
  return (
    await rows<BatchRow>(
      db,
      sql`select ${BATCH_COLUMNS} from kernel.exchange_batch where channel = ${channel} order by batch_no desc limit ${limit}`,
    )
  ).map(toBatch);
}

// ---- data export (the import formats, for moving data between installations) ------------------------------------

export type DataKind = 'orgs' | 'persons' | 'records';

/**
 * Rows in the import format (headed by the default Chinese headings, so `chengxin import` reads them without a
 * mapping), streamed in pages. Persons carry their ID numbers IN CLEAR (a new installation cannot read the old
 * one's keyed hashes): this is the operator's CLI path, audited, and the file must be protected like the database.
 * Records: those in the states a file can enter (draft, submitted, approved, published) unless `allStates`; later
 * states (expired, repaired, revoked, archived) come from the lifecycle and are refused by the importer.
 */
export async function* exportDataRows(
  ctx: KernelContext,
  kind: DataKind,
  page = 5000,
  allStates = false,
): AsyncGenerator<string[]> {
  if (kind === 'orgs') {
    yield ['单位名称', '简称', '统一社会信用代码', '上级单位代码', '层级', '单位类别', '行政区划代码'];
    let after: [number, string] = [-1, ''];
    for (;;) {
      const list = await rows<{
        id: string;
        depth: number;
        name: string;
        short_name: string | null;
        uscc: string;
        parent_uscc: string | null;
        level: string;
        kind: string;
        area_code: string;
      }>(
        ctx.db,
        sql`
        select o.id::text, o.depth, o.name, o.short_name, o.uscc, p.uscc as parent_uscc, o.level, o.kind, o.area_code from kernel.org_unit o left join kernel.org_unit p on p.id = o.parent_id
        where (o.depth, o.id::text) > (${after[0]}, ${after[1]}) order by o.depth, o.id::text limit ${page}`,
      );
      for (const o of list)
        yield [o.name, o.short_name ?? '', o.uscc, o.parent_uscc ?? '', o.level, o.kind, o.area_code];
      if (list.length < page) return;
      after = [Number(list.at(-1)!.depth), list.at(-1)!.id];
    }
  }
  if (kind === 'persons') {
    yield ['姓名', '公民身份号码', '任职单位代码', '职务', '主要负责人', '领导职务', '任职日期', '离任日期'];
    let after = '';
    for (;;) {
      const list = await rows<{
        id: string;
        name: string;
        cipher: string;
        uscc: string | null;
        title: string | null;
        principal: boolean | null;
        leading: boolean | null;
        start_date: string | null;
        end_date: string | null;
      }>(
        ctx.db,
        sql`
        select p.id::text, p.name, p.id_number_cipher as cipher, o.uscc, po.title, po.principal, po.leading, t.start_date::text, t.end_date::text
        from (select * from kernel.person where id::text > ${after} order by id limit ${page}) p
        left join kernel.tenure t on t.person_id = p.id left join kernel.post po on po.id = t.post_id left join kernel.org_unit o on o.id = t.org_id
        order by p.id, t.start_date, t.id`,
      );
      for (const r of list) {
        yield [
          r.name,
          revealIdNumber(ctx.secrets, r.cipher),
          r.uscc ?? '',
          r.title ?? '',
          r.principal ? '是' : r.uscc ? '否' : '',
          r.leading ? '是' : r.uscc ? '否' : '',
          r.start_date ?? '',
          r.end_date ?? '',
        ];
      }
      const ids = [...new Set(list.map((r) => r.id))];
      if (ids.length < page) return;
      after = ids.at(-1)!;
    }
  }
  yield [
    '来源系统',
    '来源编号',
    '主体类别',
    '统一社会信用代码',
    '公民身份号码',
    '所在单位代码',
    '记录类型',
    '严重程度',
    '失信事实',
    '依据',
    '决定书文号',
    '决定日期',
    '生效日期',
    '决定机关',
    '决定机关代码',
    '公开范围',
    '处分种类',
    '违纪行为数',
    '合并处分期间（月）',
    '扩展信息',
    '状态',
  ];
  let after = '';
  for (;;) {
    const list = await rows<{
      id: string;
      source_system: string;
      source_id: string;
      subject_kind: string;
      org_uscc: string;
      cipher: string | null;
      type_key: string;
      status: RecordStatus;
      severity: string;
      facts: string;
      legal_basis: string;
      decision_no: string;
      decision_date: string;
      effective_date: string;
      issuing_authority: string;
      issuing_authority_uscc: string | null;
      disclosure_scope: string;
      sanction_type: string | null;
      payload: unknown;
    }>(
      ctx.db,
      sql`
      select r.id::text, r.source_system, r.source_id, r.subject_kind, o.uscc as org_uscc, p.id_number_cipher as cipher, r.type_key, r.status, r.severity, r.facts, r.legal_basis,
        r.decision_no, r.decision_date::text, r.effective_date::text, r.issuing_authority, r.issuing_authority_uscc, r.disclosure_scope, r.sanction_type, r.payload
      from (select id from kernel.credit_record where id::text > ${after} ${allStates ? sql`` : sql`and status in ('draft', 'submitted', 'approved', 'published')`} order by id limit ${page}) k
      join kernel.current_record r on r.id = k.id
      join kernel.org_unit o on o.id = r.org_id left join kernel.person p on p.id = r.person_id
      order by r.id`,
    );
    for (const r of list) {
      const { offenceCount, combinedMonths, payload } = contentPayload(
        typeof r.payload === 'string' ? JSON.parse(r.payload) : (r.payload as Record<string, unknown>),
      );
      // Hand-entered records carry this installation's reserved source name; elsewhere they come from it by their id.
      const manual = r.source_system === 'chengxin';
      yield [
        manual ? 'chengxin-export' : r.source_system,
        manual ? r.id : r.source_id,
        r.subject_kind,
        r.subject_kind === 'org' ? r.org_uscc : '',
        r.cipher ? revealIdNumber(ctx.secrets, r.cipher) : '',
        r.subject_kind === 'person' ? r.org_uscc : '',
        r.type_key,
        r.severity,
        r.facts,
        r.legal_basis,
        r.decision_no,
        r.decision_date,
        r.effective_date === r.decision_date ? '' : r.effective_date,
        r.issuing_authority,
        r.issuing_authority_uscc ?? '',
        r.disclosure_scope,
        r.sanction_type ?? '',
        offenceCount !== undefined ? String(offenceCount) : '',
        combinedMonths !== undefined ? String(combinedMonths) : '',
        Object.keys(payload).length ? JSON.stringify(payload) : '',
        r.status,
      ];
    }
    if (list.length < page) return;
    after = list.at(-1)!.id;
  }
}

/** One CSV line (RFC 4180 quoting). */
export const csvLine = (cells: string[]) => cells.map(csvCell).join(',');

/** Audits a data export (what and how many; never the content). */
export async function auditDataExport(ctx: KernelContext, kind: DataKind, count: number): Promise<void> {
  await write(ctx, (tx) =>
    audit(tx, ctx, 'exchange.export_data', 'exchange', kind, { kind, rows: count, idNumbersInClear: kind !== 'orgs' }),
  );
}
