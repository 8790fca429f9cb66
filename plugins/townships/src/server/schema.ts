import {
  bigint,
  boolean,
  doublePrecision,
  index,
  integer,
  pgSchema,
  primaryKey,
  smallint,
  text,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { dateColumn, instantColumn, promiseTables } from '@chengxin/plugin-sdk';

/** The plugin's own Postgres schema: its tables reference kernel ids (org units), never another plugin's tables. */
export const townshipsSchema = pgSchema('townships');

/** A street's or township's yearly commitment in one of the 14 service areas; its one milestone is the year target. */
export const commitment = townshipsSchema.table(
  'commitment',
  {
    id: uuid('id').primaryKey(),
    orgId: uuid('org_id').notNull(),
    year: integer('year').notNull(),
    area: text('area').notNull(),
    title: text('title').notNull(),
    publishedOn: dateColumn('published_on'),
    createdAt: instantColumn('created_at').notNull().defaultNow(),
    createdBy: uuid('created_by'),
  },
  (t) => [index('commitment_org_year_idx').on(t.orgId, t.year), index('commitment_year_idx').on(t.year, t.id)],
);

export const { milestone, evidence, change } = promiseTables(townshipsSchema);

/** Which quarter a progress report (the SDK's evidence row) covers: one report per quarter and commitment. */
export const quarterReport = townshipsSchema.table(
  'quarter_report',
  {
    evidenceId: uuid('evidence_id').primaryKey(),
    commitmentId: uuid('commitment_id').notNull(),
    quarter: smallint('quarter').notNull(),
  },
  (t) => [uniqueIndex('quarter_report_key').on(t.commitmentId, t.quarter)],
);

/** One rating per person per commitment: the person is a keyed hash of a mobile number, never the number. */
export const rating = townshipsSchema.table(
  'rating',
  {
    id: uuid('id').primaryKey(),
    commitmentId: uuid('commitment_id').notNull(),
    raterKey: text('rater_key').notNull(),
    fulfilment: smallint('fulfilment').notNull(),
    satisfaction: smallint('satisfaction').notNull(),
    ratedOn: dateColumn('rated_on').notNull(),
    createdAt: instantColumn('created_at').notNull().defaultNow(),
    /** The rater confirmed the mobile number with an SMS code; only verified, unflagged ratings are published. */
    verified: boolean('verified').notNull().default(false),
    /** Why a rating is held back from the published figures (daily_cap, same_address), or null. */
    flag: text('flag'),
    /** Keyed hash of the client address, to spot many ratings from one place; never the address. */
    addressKey: text('address_key'),
  },
  (t) => [uniqueIndex('rating_once_key').on(t.commitmentId, t.raterKey)],
);

/** The year-end assessment of a commitment (feeds the performance assessment and the evaluation). */
export const assessment = townshipsSchema.table(
  'assessment',
  {
    commitmentId: uuid('commitment_id').notNull(),
    year: integer('year').notNull(),
    grade: text('grade').notNull(),
    percent: doublePrecision('percent').notNull(),
    assessedOn: dateColumn('assessed_on').notNull(),
    note: text('note'),
    assessedBy: uuid('assessed_by'),
  },
  (t) => [primaryKey({ columns: [t.commitmentId] })],
);

/** SMS codes that verify a rater's mobile number for one commitment: the code stored as a keyed hash, short-lived. */
export const ratingCode = townshipsSchema.table(
  'rating_code',
  {
    id: uuid('id').primaryKey(),
    commitmentId: uuid('commitment_id').notNull(),
    raterKey: text('rater_key').notNull(),
    codeHash: text('code_hash').notNull(),
    expiresAt: instantColumn('expires_at').notNull(),
    attempts: integer('attempts').notNull().default(0),
    createdAt: instantColumn('created_at').notNull().defaultNow(),
  },
  (t) => [index('rating_code_rater').on(t.raterKey, t.commitmentId)],
);

/**
 * 政务、财务公开 on a township's board (津政发〔2017〕29号 三.6): the year's budget, spending items and public-service
 * funds by quarter, and administrative matters; entered, reviewed by a second person, then published.
 */
export const disclosure = townshipsSchema.table(
  'disclosure',
  {
    id: uuid('id').primaryKey(),
    orgId: uuid('org_id').notNull(),
    year: integer('year').notNull(),
    /** 1–4; null for the year as a whole (the budget). */
    quarter: smallint('quarter'),
    /** budget | spending | public_service_fund | administrative */
    kind: text('kind').notNull(),
    title: text('title').notNull(),
    amountFen: bigint('amount_fen', { mode: 'number' }),
    description: text('description').notNull(),
    /** entered | returned | reviewed | published */
    status: text('status').notNull(),
    enteredBy: uuid('entered_by'),
    reviewedBy: uuid('reviewed_by'),
    reviewedOn: dateColumn('reviewed_on'),
    reviewNote: text('review_note'),
    publishedOn: dateColumn('published_on'),
    createdAt: instantColumn('created_at').notNull().defaultNow(),
  },
  (t) => [index('disclosure_org_year_idx').on(t.orgId, t.year, t.quarter)],
);
