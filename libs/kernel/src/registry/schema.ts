import { sql } from 'drizzle-orm';
import { boolean, index, integer, text, timestamp, uniqueIndex, uuid, type AnyPgColumn } from 'drizzle-orm/pg-core';
import { createdAt, kernel, dateColumn } from '../core/schema';

// Tables of the registry domain (one migration ledger for the whole kernel: see ../schema.ts).
export const orgUnit = kernel.table(
  'org_unit',
  {
    id: uuid('id').primaryKey(),
    parentId: uuid('parent_id'),
    /** Ancestor ids joined by '/', ending with this id: subtree = `path like '<path>/%'`, one index, no recursion. */
    path: text('path').notNull(),
    depth: integer('depth').notNull(),
    name: text('name').notNull(),
    shortName: text('short_name'),
    uscc: text('uscc').notNull(),
    usccWarning: text('uscc_warning'),
    level: text('level').notNull(),
    kind: text('kind').notNull(),
    areaCode: text('area_code').notNull(),
    sortOrder: integer('sort_order').notNull().default(0),
    /** Character unigrams and bigrams of name and short name (lower case, no spaces), kept by a trigger: index-backed substring search of any length. */
    searchTerms: text('search_terms')
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    createdAt: createdAt(),
    createdBy: uuid('created_by'),
  },
  (t) => [
    uniqueIndex('org_unit_uscc_key').on(t.uscc),
    index('org_unit_search_idx').using('gin', t.searchTerms),
    /** Public search: exact and prefix matches of the lower-cased name walk this index in byte order (stopping at the page). */
    index('org_unit_lower_name_idx').on(sql`lower(${t.name}) collate "C"`, t.id),
    index('org_unit_parent_idx').on(t.parentId, t.sortOrder),
    index('org_unit_path_idx').on(sql`${t.path} text_pattern_ops`),
    index('org_unit_name_idx').on(t.name),
  ],
);

export const person = kernel.table(
  'person',
  {
    id: uuid('id').primaryKey(),
    name: text('name').notNull(),
    gender: text('gender').notNull(),
    birthDate: dateColumn('birth_date').notNull(),
    /** Keyed hash of the ID number: exact-match lookup without storing it readable. */
    idNumberHash: text('id_number_hash').notNull(),
    /** AES-256-GCM ciphertext of the ID number; only the reveal path decrypts it. */
    idNumberCipher: text('id_number_cipher').notNull(),
    idNumberMasked: text('id_number_masked').notNull(),
    /** Character unigrams and bigrams of the name, kept by a trigger (public search of persons with public records). */
    searchTerms: text('search_terms')
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    createdAt: createdAt(),
    createdBy: uuid('created_by'),
    /**
     * Set when a district registered an ID number already on file outside its scope: the district gets a row of its
     * own (the same answer as for a new person, so the ID number's existence elsewhere is not revealed) and a city-wide
     * registrar merges it into this person. Never shown to the district.
     */
    duplicateOf: uuid('duplicate_of').references((): AnyPgColumn => person.id),
    /** The person this duplicate registration was merged into (its tenures and references moved there). */
    mergedInto: uuid('merged_into').references((): AnyPgColumn => person.id),
    mergedAt: timestamp('merged_at', { withTimezone: true }),
  },
  (t) => [
    // One file per ID number; pending duplicate registrations wait beside it until merged.
    uniqueIndex('person_id_number_hash_key')
      .on(t.idNumberHash)
      .where(sql`${t.duplicateOf} is null`),
    index('person_duplicate_pending_idx')
      .on(t.duplicateOf)
      .where(sql`${t.duplicateOf} is not null and ${t.mergedInto} is null`),
    index('person_name_idx').on(t.name),
    index('person_search_idx').using('gin', t.searchTerms),
  ],
);

export const post = kernel.table(
  'post',
  {
    id: uuid('id').primaryKey(),
    orgId: uuid('org_id')
      .notNull()
      .references(() => orgUnit.id),
    title: text('title').notNull(),
    /** 主要负责人: held accountable for the body's records. */
    principal: boolean('principal').notNull().default(false),
    /** 领导职务: leading cadres have their own training requirement and report personal matters. */
    leading: boolean('leading').notNull().default(false),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('post_org_title_key').on(t.orgId, t.title)],
);

export const tenure = kernel.table(
  'tenure',
  {
    id: uuid('id').primaryKey(),
    personId: uuid('person_id')
      .notNull()
      .references(() => person.id),
    postId: uuid('post_id')
      .notNull()
      .references(() => post.id),
    orgId: uuid('org_id')
      .notNull()
      .references(() => orgUnit.id),
    startDate: dateColumn('start_date').notNull(),
    endDate: dateColumn('end_date'),
    createdAt: createdAt(),
  },
  (t) => [index('tenure_person_idx').on(t.personId, t.startDate), index('tenure_org_idx').on(t.orgId, t.startDate)],
);
