import { sql } from 'drizzle-orm';
import { index, jsonb, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { createdAt, kernel } from '../core/schema';
import { orgUnit } from '../registry/schema';
import { creditRecord } from '../records/schema';

// Tables of the leads domain (one migration ledger for the whole kernel: see ../schema.ts).
/**
 * 线索: something an outside source (court judgment lists, news monitoring, a third party's findings — plan 一.4
 * "政务诚信大数据监测…网络抓取…委托第三方") says about a body. A lead is never a record: an officer dismisses it with a
 * reason, merges it into another lead, or turns it into a draft record that then goes through review like any other.
 * Idempotent by source + source id.
 */
export const lead = kernel.table(
  'lead',
  {
    id: uuid('id').primaryKey(),
    source: text('source').notNull(),
    sourceId: text('source_id').notNull(),
    /** court | news | third_party | other */
    sourceKind: text('source_kind').notNull(),
    link: text('link'),
    /** Documents carried over to the draft record: [{ title, link?, note? }]. */
    documents: jsonb('documents').notNull().default([]),
    /** The body the lead concerns once resolved; until then the free text names it. */
    orgId: uuid('org_id').references(() => orgUnit.id),
    orgText: text('org_text').notNull(),
    allegation: text('allegation').notNull(),
    occurredOn: text('occurred_on'),
    receivedAt: createdAt(),
    receivedBy: uuid('received_by'),
    /** new → dismissed | merged | converted */
    status: text('status').notNull(),
    dismissReason: text('dismiss_reason'),
    mergedInto: uuid('merged_into'),
    recordId: uuid('record_id').references(() => creditRecord.id),
    triagedAt: timestamp('triaged_at', { withTimezone: true, mode: 'string' }),
    triagedBy: uuid('triaged_by'),
  },
  (t) => [
    uniqueIndex('lead_source_key').on(t.source, t.sourceId),
    index('lead_status_idx').on(t.status, t.id),
    index('lead_org_idx').on(t.orgId),
    index('lead_open_idx')
      .on(t.id)
      .where(sql`status = 'new'`),
  ],
);
