import {
  bigint,
  bigserial,
  boolean,
  index,
  integer,
  jsonb,
  primaryKey,
  text,
  timestamp,
  uuid,
} from 'drizzle-orm/pg-core';
import { createdAt, kernel } from '../core/schema';

// Tables of the exchange domain (one migration ledger for the whole kernel: see ../schema.ts).
/** A file uploaded in parts (each part under the server's body limit), read back part by part by an import. */
export const exchangeUpload = kernel.table('exchange_upload', {
  id: uuid('id').primaryKey(),
  ownerId: uuid('owner_id'),
  filename: text('filename').notNull(),
  format: text('format').notNull(),
  bytes: bigint('bytes', { mode: 'number' }).notNull().default(0),
  parts: integer('parts').notNull().default(0),
  /** SHA-256 of the whole file, checked when the uploader finishes it. */
  sha256: text('sha256'),
  finishedAt: timestamp('finished_at', { withTimezone: true, mode: 'string' }),
  createdAt: createdAt(),
});

export const exchangeUploadPart = kernel.table(
  'exchange_upload_part',
  {
    uploadId: uuid('upload_id')
      .notNull()
      .references(() => exchangeUpload.id, { onDelete: 'cascade' }),
    seq: integer('seq').notNull(),
    /** The part's bytes, base64. */
    data: text('data').notNull(),
  },
  (t) => [primaryKey({ columns: [t.uploadId, t.seq] })],
);

/** One import run: what it reads, how far it got, what it wrote and how many rows it refused. */
export const exchangeImport = kernel.table(
  'exchange_import',
  {
    id: uuid('id').primaryKey(),
    ownerId: uuid('owner_id'),
    kind: text('kind').notNull(),
    mode: text('mode').notNull(),
    format: text('format').notNull(),
    sourceSystem: text('source_system').notNull(),
    filename: text('filename').notNull(),
    uploadId: uuid('upload_id'),
    mapping: jsonb('mapping').notNull().default({}),
    status: text('status').notNull(),
    rowsRead: integer('rows_read').notNull().default(0),
    created: integer('created').notNull().default(0),
    updated: integer('updated').notNull().default(0),
    unchanged: integer('unchanged').notNull().default(0),
    rejectedRows: integer('rejected_rows').notNull().default(0),
    issueCount: integer('issue_count').notNull().default(0),
    message: text('message'),
    startedAt: createdAt(),
    finishedAt: timestamp('finished_at', { withTimezone: true, mode: 'string' }),
  },
  (t) => [index('exchange_import_owner_idx').on(t.ownerId, t.startedAt)],
);

/** Row-level problems of an import: the file's line, the column as headed in the file, both languages, a code. */
export const exchangeImportIssue = kernel.table(
  'exchange_import_issue',
  {
    importId: uuid('import_id')
      .notNull()
      .references(() => exchangeImport.id, { onDelete: 'cascade' }),
    n: integer('n').notNull(),
    line: integer('line').notNull(),
    column: text('column').notNull(),
    code: text('code').notNull(),
    messageZh: text('message_zh').notNull(),
    messageEn: text('message_en').notNull(),
  },
  (t) => [primaryKey({ columns: [t.importId, t.n] })],
);

/** What each outgoing channel last carried for a record (the hash of its disclosed fields, or a withdrawal). */
export const exchangeState = kernel.table(
  'exchange_state',
  {
    channel: text('channel').notNull(),
    recordId: uuid('record_id').notNull(),
    hash: text('hash').notNull(),
    withdrawn: boolean('withdrawn').notNull().default(false),
  },
  (t) => [primaryKey({ columns: [t.channel, t.recordId] })],
);

/** The change log per channel (ADD / MOD / DEL with the disclosed fields): the changed-since feed and the batches read it. */
export const exchangeChange = kernel.table(
  'exchange_change',
  {
    seq: bigserial('seq', { mode: 'number' }).primaryKey(),
    channel: text('channel').notNull(),
    recordId: uuid('record_id').notNull(),
    op: text('op').notNull(),
    item: jsonb('item').notNull(),
    at: timestamp('at', { withTimezone: true, mode: 'string' }).notNull().defaultNow(),
  },
  (t) => [index('exchange_change_channel_idx').on(t.channel, t.seq)],
);

/** A numbered batch sent to a platform: a fixed range of the change log, its checksums, and when it was acknowledged. */
export const exchangeBatch = kernel.table(
  'exchange_batch',
  {
    channel: text('channel').notNull(),
    batchNo: integer('batch_no').notNull(),
    fromSeq: bigint('from_seq', { mode: 'number' }).notNull(),
    toSeq: bigint('to_seq', { mode: 'number' }).notNull(),
    itemCount: integer('item_count').notNull(),
    sha256Json: text('sha256_json').notNull(),
    sha256Csv: text('sha256_csv').notNull(),
    createdAt: createdAt(),
    createdBy: uuid('created_by'),
    servedCount: integer('served_count').notNull().default(1),
    ackedAt: timestamp('acked_at', { withTimezone: true, mode: 'string' }),
    ackedBy: uuid('acked_by'),
  },
  (t) => [primaryKey({ columns: [t.channel, t.batchNo] })],
);
