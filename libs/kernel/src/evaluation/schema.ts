import { index, integer, jsonb, numeric, primaryKey, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { createdAt, dateColumn, kernel } from '../core/schema';
import { orgUnit } from '../registry/schema';

// Tables of the evaluation domain (one migration ledger for the whole kernel: see ../schema.ts).
/**
 * 政务诚信状况评价: a scheme is one version of a year's indicator system for one level (indicators, weights, scales and
 * parameters as data); saving changes makes a new version, and runs keep pointing at the version they used.
 */
export const evaluationScheme = kernel.table(
  'evaluation_scheme',
  {
    id: uuid('id').primaryKey(),
    year: integer('year').notNull(),
    level: text('level').notNull(),
    /** '' = every kind of body at the level. */
    kind: text('kind').notNull().default(''),
    version: integer('version').notNull(),
    name: text('name').notNull(),
    minSample: integer('min_sample').notNull(),
    indicators: jsonb('indicators').notNull(),
    note: text('note'),
    createdAt: createdAt(),
    createdBy: uuid('created_by'),
  },
  (t) => [uniqueIndex('evaluation_scheme_version_key').on(t.year, t.level, t.kind, t.version)],
);

/** One scoring of every body of a level for a year: computed → reviewed (by someone else) → published (→ superseded). */
export const evaluationRun = kernel.table(
  'evaluation_run',
  {
    id: uuid('id').primaryKey(),
    schemeId: uuid('scheme_id')
      .notNull()
      .references(() => evaluationScheme.id),
    year: integer('year').notNull(),
    level: text('level').notNull(),
    kind: text('kind').notNull().default(''),
    status: text('status').notNull(),
    /** SHA-256 over every contribution and indicator value: equal digests, equal inputs. */
    inputsDigest: text('inputs_digest').notNull(),
    previousRunId: uuid('previous_run_id'),
    computedAt: createdAt(),
    computedBy: uuid('computed_by'),
    reviewedAt: timestamp('reviewed_at', { withTimezone: true, mode: 'string' }),
    reviewedBy: uuid('reviewed_by'),
    reviewNote: text('review_note'),
    publishedAt: timestamp('published_at', { withTimezone: true, mode: 'string' }),
    publishedBy: uuid('published_by'),
  },
  (t) => [index('evaluation_run_year_idx').on(t.year, t.level, t.status)],
);

export const evaluationScore = kernel.table(
  'evaluation_score',
  {
    runId: uuid('run_id')
      .notNull()
      .references(() => evaluationRun.id),
    orgId: uuid('org_id')
      .notNull()
      .references(() => orgUnit.id),
    score: numeric('score', { precision: 6, scale: 2, mode: 'number' }),
    rank: integer('rank'),
    status: text('status').notNull(),
    sample: integer('sample').notNull(),
    previousScore: numeric('previous_score', { precision: 6, scale: 2, mode: 'number' }),
    previousRank: integer('previous_rank'),
    /** Per indicator: value, sample, score, weight, contribution to the total, evidence. */
    breakdown: jsonb('breakdown').notNull(),
  },
  (t) => [primaryKey({ columns: [t.runId, t.orgId] })],
);

/** What made each kernel indicator's value: every record or process counted, with its amount. */
export const evaluationContribution = kernel.table(
  'evaluation_contribution',
  {
    runId: uuid('run_id').notNull(),
    indicator: text('indicator').notNull(),
    orgId: uuid('org_id').notNull(),
    entity: text('entity').notNull(),
    entityId: uuid('entity_id').notNull(),
    amount: numeric('amount', { mode: 'number' }).notNull(),
  },
  (t) => [index('evaluation_contribution_idx').on(t.runId, t.orgId, t.indicator, t.entityId)],
);

/** Third-party evaluations (a rating agency, a university) imported as their own source and shown beside ours. */
export const evaluationExternal = kernel.table(
  'evaluation_external',
  {
    id: uuid('id').primaryKey(),
    source: text('source').notNull(),
    year: integer('year').notNull(),
    orgId: uuid('org_id')
      .notNull()
      .references(() => orgUnit.id),
    score: numeric('score', { precision: 6, scale: 2, mode: 'number' }),
    grade: text('grade'),
    note: text('note'),
    importedAt: createdAt(),
    importedBy: uuid('imported_by'),
  },
  (t) => [uniqueIndex('evaluation_external_key').on(t.source, t.year, t.orgId)],
);

/**
 * One third-party list (a source's ratings of a year) as a whole: who rated, how (a method summary), when, and whether a
 * reviewer has released it for the public (plan 一.4: "开展政务诚信评价评级并及时公布结果"). A re-import puts the list
 * back to `imported`, so changed figures are never public before someone has looked at them.
 */
export const evaluationExternalRelease = kernel.table(
  'evaluation_external_release',
  {
    source: text('source').notNull(),
    year: integer('year').notNull(),
    rater: text('rater').notNull(),
    methodSummary: text('method_summary'),
    ratedOn: dateColumn('rated_on'),
    /** imported → released → withdrawn (a re-import returns it to imported). */
    status: text('status').notNull(),
    importedAt: timestamp('imported_at', { withTimezone: true, mode: 'string' }).notNull().defaultNow(),
    importedBy: uuid('imported_by'),
    releasedAt: timestamp('released_at', { withTimezone: true, mode: 'string' }),
    releasedBy: uuid('released_by'),
    releaseNote: text('release_note'),
    withdrawnReason: text('withdrawn_reason'),
  },
  (t) => [primaryKey({ columns: [t.source, t.year] })],
);
