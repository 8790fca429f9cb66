/**
 * The promise primitive's storage, owned by each plugin: drizzle builders for the three tables every promise needs
 * (milestones, evidence of fulfilment, changes) in the plugin's own schema, one SQL fragment that reads a promise's
 * facts as JSON, and the two writes (evidence, change) with their checks and audit entries. The plugin keeps its own
 * promise table (with its sector's fields) and names it as `promise_id`'s parent.
 */
import { jsonValue, rows, type Queryable, type Tx } from '@chengxin/db';
import { badInput, newId, type LegalDate } from '@chengxin/kernel';
import { sql, type SQL } from 'drizzle-orm';
import {
  bigint,
  boolean,
  date,
  doublePrecision,
  index,
  integer,
  text,
  timestamp,
  uuid,
  type PgSchema,
} from 'drizzle-orm/pg-core';
import type { ChangeShape } from './promise-shapes';
import type { PromiseFacts } from './promises';
import { afterCursor, cursorOf } from './cursors';
import { inSubtree } from './kernel-reads';

const day = (name: string) => date(name, { mode: 'string' });
const money = (name: string) => bigint(name, { mode: 'number' });
const stamp = (name: string) => timestamp(name, { withTimezone: true, mode: 'string' });

/** `milestone`, `evidence` and `promise_change` in `schema`; `promise_id` refers to the plugin's own promise table. */
export function promiseTables(schema: PgSchema) {
  const milestone = schema.table(
    'milestone',
    {
      id: uuid('id').primaryKey(),
      promiseId: uuid('promise_id').notNull(),
      seq: integer('seq').notNull(),
      title: text('title').notNull(),
      dueDate: day('due_date').notNull(),
      target: doublePrecision('target'),
      unit: text('unit'),
      amountFen: money('amount_fen'),
    },
    (t) => [index('milestone_promise_idx').on(t.promiseId, t.seq)],
  );
  const evidence = schema.table(
    'evidence',
    {
      id: uuid('id').primaryKey(),
      milestoneId: uuid('milestone_id').notNull(),
      on: day('on').notNull(),
      /** An amount in fen, a measured value to date, or null (done). */
      value: doublePrecision('value'),
      note: text('note').notNull(),
      createdAt: stamp('created_at').notNull().defaultNow(),
      createdBy: uuid('created_by'),
    },
    (t) => [index('evidence_milestone_idx').on(t.milestoneId, t.on)],
  );
  const change = schema.table(
    'promise_change',
    {
      id: uuid('id').primaryKey(),
      promiseId: uuid('promise_id').notNull(),
      changedOn: day('changed_on').notNull(),
      description: text('description').notNull(),
      agreed: boolean('agreed').notNull(),
      reason: text('reason').notNull(),
      legalAuthority: text('legal_authority'),
      procedureRecord: text('procedure_record'),
      compensationFen: money('compensation_fen'),
      createdAt: stamp('created_at').notNull().defaultNow(),
      createdBy: uuid('created_by'),
    },
    (t) => [index('promise_change_promise_idx').on(t.promiseId)],
  );
  return { milestone, evidence, change };
}
export type PromiseTables = ReturnType<typeof promiseTables>;

/** A JSON value `{ milestones, evidence, changes }` of the promise whose id is `promiseId`, for a select list (its aliases are prefixed pm_, so the caller's own aliases never clash). */
export function promiseFactsSql(schemaName: string, promiseId: SQL): SQL {
  const s = sql.identifier(schemaName);
  return sql`json_build_object(
    'milestones', coalesce((select json_agg(json_build_object('id', pm_m.id, 'title', pm_m.title, 'dueDate', pm_m.due_date::text, 'target', pm_m.target, 'unit', pm_m.unit, 'amountFen', pm_m.amount_fen) order by pm_m.seq)
      from ${s}.milestone pm_m where pm_m.promise_id = ${promiseId}), '[]'),
    'evidence', coalesce((select json_agg(json_build_object('id', pm_e.id, 'milestoneId', pm_e.milestone_id, 'on', pm_e.on::text, 'value', pm_e.value, 'note', pm_e.note) order by pm_e.on, pm_e.id)
      from ${s}.evidence pm_e join ${s}.milestone pm_m on pm_m.id = pm_e.milestone_id where pm_m.promise_id = ${promiseId}), '[]'),
    'changes', coalesce((select json_agg(json_build_object('id', pm_c.id, 'changedOn', pm_c.changed_on::text, 'description', pm_c.description, 'agreed', pm_c.agreed, 'reason', pm_c.reason,
      'legalAuthority', pm_c.legal_authority, 'procedureRecord', pm_c.procedure_record, 'compensationFen', pm_c.compensation_fen) order by pm_c.changed_on, pm_c.id)
      from ${s}.promise_change pm_c where pm_c.promise_id = ${promiseId}), '[]'))`;
}

export type PromiseFactsRow = Omit<PromiseFacts, 'evidence'> & {
  evidence: (PromiseFacts['evidence'][number] & { id: string; note: string })[];
};

/** Reads the JSON of `promiseFactsSql` (numbers come back as numbers on both engines). */
export function promiseFactsOf(value: unknown): PromiseFactsRow {
  const raw = jsonValue<PromiseFactsRow>(value);
  const num = (v: unknown) => (v === null || v === undefined ? null : Number(v));
  return {
    milestones: raw.milestones.map((m) => ({ ...m, target: num(m.target), amountFen: num(m.amountFen) })),
    evidence: raw.evidence.map((e) => ({ ...e, value: num(e.value) })),
    changes: raw.changes.map((c) => ({ ...c, compensationFen: num(c.compensationFen) })),
  };
}

/** Inserts a promise's milestones in order. */
export async function insertMilestones(
  tx: Tx,
  tables: PromiseTables,
  promiseId: string,
  list: { title: string; dueDate: LegalDate; target: number | null; unit: string | null; amountFen: number | null }[],
): Promise<string[]> {
  const ids = list.map(() => newId());
  if (list.length)
    await tx.insert(tables.milestone).values(list.map((m, i) => ({ id: ids[i]!, promiseId, seq: i + 1, ...m })));
  return ids;
}

/**
 * Locks a milestone (and so its promise's evidence) and checks evidence for it: not before `startsOn` (the promise's
 * date), an amount for an amount milestone, never more than the amount. Returns the promise id.
 */
export async function checkEvidence(
  tx: Tx,
  schemaName: string,
  input: { milestoneId: string; on: LegalDate; value: number | null },
  startsOn: (promiseId: string) => Promise<LegalDate>,
  measure: 'sum' | 'latest',
): Promise<string> {
  const s = sql.identifier(schemaName);
  const [m] = await rows<{ promiseId: string; amountFen: number | string | null; target: number | null }>(
    tx,
    sql`
    select promise_id::text as "promiseId", amount_fen as "amountFen", target from ${s}.milestone where id = ${input.milestoneId} for update`,
  );
  if (!m) throw badInput('MILESTONE_NOT_FOUND', 'milestoneId', '承诺节点不存在', 'No such milestone');
  const from = await startsOn(m.promiseId);
  if (input.on < from)
    throw badInput(
      'EVIDENCE_BEFORE_PROMISE',
      'on',
      `履行日期不能早于承诺日期（${from}）`,
      `Evidence dated before the promise (${from})`,
    );
  const amount = m.amountFen === null ? null : Number(m.amountFen);
  if ((amount !== null || m.target !== null) && input.value === null)
    throw badInput('VALUE_REQUIRED', 'value', '该节点须填写金额或完成值', 'This milestone needs an amount or a value');
  if (amount !== null && measure === 'sum') {
    const [done] = await rows<{ paid: number | string }>(
      tx,
      sql`select coalesce(sum(value), 0) as paid from ${s}.evidence where milestone_id = ${input.milestoneId}`,
    );
    if (Number(done!.paid) + (input.value ?? 0) > amount) {
      throw badInput(
        'AMOUNT_EXCEEDS_PROMISE',
        'value',
        `累计兑现金额将超过承诺金额（已兑现${Number(done!.paid) / 100}元，承诺${amount / 100}元）`,
        'The amounts would exceed the promised amount',
      );
    }
  }
  return m.promiseId;
}

/** Checks a change against its promise's date; returns what the change lacks to be lawful (the caller audits it). */
export function checkChangeDate(change: Pick<ChangeShape, 'changedOn'>, promiseMadeOn: LegalDate): void {
  if (change.changedOn < promiseMadeOn)
    throw badInput(
      'CHANGE_BEFORE_PROMISE',
      'changedOn',
      `变更日期不能早于承诺日期（${promiseMadeOn}）`,
      `The change is dated before the promise (${promiseMadeOn})`,
    );
}

/** The column helpers the promise tables use, for a plugin's own tables: a legal date, money in fen, an instant. */
export { day as dateColumn, money as fenColumn, stamp as instantColumn };

/**
 * One page of rows whose status is computed on read (`{ items, nextCursor }` by id, newest first): `fetch` reads up to
 * `limit + 1` rows after the cursor, `view` computes each, `keep` filters; a filter may leave a page short while the
 * cursor still moves on by id, so every row is seen once.
 */
export async function computedPage<R extends { id: string }, V>(
  fetch: (after: string | null, limit: number) => Promise<R[]>,
  input: { cursor?: string | undefined; limit: number },
  view: (row: R) => Promise<V>,
  keep: (v: V) => boolean,
): Promise<{ items: V[]; nextCursor: string | null }> {
  const chunk = await fetch(afterCursor(input.cursor), input.limit + 1);
  const items: V[] = [];
  for (const row of chunk.slice(0, input.limit)) {
    const v = await view(row);
    if (keep(v)) items.push(v);
  }
  return { items, nextCursor: chunk.length > input.limit ? cursorOf(chunk[input.limit - 1]!.id) : null };
}

/**
 * Totals per body for an indicator: each body of `orgIds` sums what lies in its subtree. `add(path, fold)` folds one
 * item (found at org path `path`) into every body above it; `entries()` gives the totals by body id.
 */
export async function perBodyTotals<T>(db: Queryable, orgIds: readonly string[], zero: () => T) {
  const orgs = await rows<{ id: string; path: string }>(
    db,
    sql`select id::text, path from kernel_api.org_unit where id = any(${sql.param([...new Set(orgIds)])}::uuid[])`,
  );
  const totals = new Map<string, T>();
  return {
    add(path: string, fold: (t: T) => void): void {
      for (const org of orgs.filter((x) => inSubtree(path, x.path))) {
        const t = totals.get(org.id) ?? zero();
        fold(t);
        totals.set(org.id, t);
      }
    },
    entries: (): [string, T][] => [...totals],
  };
}
