import { rows, type Queryable } from '@chengxin/db';
import { sql, type SQL } from 'drizzle-orm';
import { badInput } from './errors';

/** Opaque cursors: offsets for ranked searches, last-seen keys for id-ordered lists. */
export function encodeOffset(offset: number): string {
  return Buffer.from(`o:${offset}`).toString('base64url');
}

export function decodeOffset(cursor: string | undefined): number {
  if (!cursor) return 0;
  const m = /^o:(\d{1,9})$/.exec(Buffer.from(cursor, 'base64url').toString());
  if (!m) throw badInput('CURSOR_INVALID', 'cursor', '分页游标无效', 'Invalid cursor');
  return Number(m[1]);
}

export function encodeKey(key: string): string {
  return Buffer.from(`k:${key}`).toString('base64url');
}

export function decodeKey(cursor: string | undefined): string | null {
  if (!cursor) return null;
  const m = /^k:([0-9a-f-]{36}|\d{1,18})$/.exec(Buffer.from(cursor, 'base64url').toString());
  if (!m) throw badInput('CURSOR_INVALID', 'cursor', '分页游标无效', 'Invalid cursor');
  return m[1]!;
}

/**
 * Keyset pages for the console's lists (objections, complaints, repairs, rectifications, the audit and query logs):
 * an order is a list of keys, all ascending or all descending, the last one unique (the id), so every row has one
 * place and a page continues strictly after the last row seen — rows inserted meanwhile never shift a page (no row
 * repeated or skipped, unlike offsets). The cursor carries the order's name and the last row's keys as text; both are
 * checked before any query (a cursor from another order, or altered, is a CURSOR_INVALID on `cursor`, never a 500).
 */
export type KeyType = 'uuid' | 'date' | 'text' | 'bool' | 'int';
export interface SortKey {
  /** A non-null SQL expression (coalesce a nullable column). */
  expr: SQL;
  type: KeyType;
}
export interface KeysetOrder {
  keys: SortKey[];
  desc: boolean;
}

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

const KEY_CHECK: Record<KeyType, (v: string) => boolean> = {
  uuid: (v) => /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/.test(v),
  // A day that exists: month 13 or day 32 is no Date at all (toISOString would throw), 02-31 rolls over to March.
  date: (v) => {
    if (!/^\d{4}-\d{2}-\d{2}$/.test(v)) return false;
    const at = new Date(`${v}T00:00:00Z`);
    return !Number.isNaN(at.getTime()) && at.toISOString().startsWith(v);
  },
  // No NUL and no lone surrogate: PostgreSQL refuses both in text, which would surface as a server error.
  text: (v) => v.length <= 1000 && !v.includes('\0') && !LONE_SURROGATE.test(v),
  bool: (v) => v === 'true' || v === 'false',
  int: (v) => /^-?\d{1,18}$/.test(v),
};

const invalidCursor = () => badInput('CURSOR_INVALID', 'cursor', '分页游标无效', 'Invalid cursor');

function decodeKeyset(cursor: string, sort: string, order: KeysetOrder): string[] {
  let parsed: unknown;
  try {
    const text = Buffer.from(cursor, 'base64url').toString();
    if (!text.startsWith('s:')) throw invalidCursor();
    parsed = JSON.parse(text.slice(2));
  } catch {
    throw invalidCursor();
  }
  const p = parsed as { s?: unknown; v?: unknown };
  if (
    !p ||
    p.s !== sort ||
    !Array.isArray(p.v) ||
    p.v.length !== order.keys.length ||
    !p.v.every((v, i) => typeof v === 'string' && KEY_CHECK[order.keys[i]!.type](v))
  )
    throw invalidCursor();
  return p.v as string[];
}

export interface KeysetQuery {
  /** The select list of a row (without the keys: they are added). */
  columns: SQL;
  from: SQL;
  /** Conditions, scope first; AND-ed. */
  where: SQL[];
  /** The order's name (kept in the cursor) and its keys. */
  sort: string;
  order: KeysetOrder;
  limit: number;
  cursor?: string | undefined;
  /** Count the rows on the first page (without a cursor), for the list's total. */
  count?: boolean;
}

/** One page of a keyset-ordered list: the rows (as selected), the cursor after the last, the total on the first page. */
export async function keysetPage<R extends object>(
  db: Queryable,
  q: KeysetQuery,
): Promise<{ items: R[]; nextCursor: string | null; total?: number }> {
  const where = [...q.where];
  const filtered = where.length ? sql`where ${sql.join(where, sql` and `)}` : sql``;
  const total =
    q.count && !q.cursor
      ? Number((await rows<{ n: number }>(db, sql`select count(*)::int as n from ${q.from} ${filtered}`))[0]?.n ?? 0)
      : undefined;
  const keys = q.order.keys;
  if (q.cursor) {
    const after = decodeKeyset(q.cursor, q.sort, q.order);
    const left = sql.join(
      keys.map((k) => sql`(${k.expr})`),
      sql`, `,
    );
    const right = sql.join(
      keys.map(
        (k, i) => sql`${after[i]}::${sql.raw(k.type === 'int' ? 'bigint' : k.type === 'bool' ? 'boolean' : k.type)}`,
      ),
      sql`, `,
    );
    where.push(q.order.desc ? sql`(${left}) < (${right})` : sql`(${left}) > (${right})`);
  }
  const dir = sql.raw(q.order.desc ? 'desc' : 'asc');
  const list = await rows<Record<string, unknown>>(
    db,
    sql`select ${q.columns}, ${sql.join(
      keys.map((k, i) => sql`(${k.expr})::text as ${sql.raw(`"__k${i}"`)}`),
      sql`, `,
    )}
      from ${q.from} ${where.length ? sql`where ${sql.join(where, sql` and `)}` : sql``}
      order by ${sql.join(
        keys.map((k) => sql`${k.expr} ${dir}`),
        sql`, `,
      )}
      limit ${q.limit + 1}`,
  );
  const page = list.slice(0, q.limit);
  const last = page[page.length - 1];
  const nextCursor =
    list.length > q.limit && last
      ? Buffer.from(`s:${JSON.stringify({ s: q.sort, v: keys.map((_, i) => String(last[`__k${i}`])) })}`).toString(
          'base64url',
        )
      : null;
  const items = page.map((r) => {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(r)) if (!k.startsWith('__k')) out[k] = v;
    return out as R;
  });
  return { items, nextCursor, ...(total === undefined ? {} : { total }) };
}

/** A text search: each word of `q` (split on spaces) must appear in one of the fields. */
export function searchSql(q: string | undefined, fields: SQL[]): SQL | null {
  const words = (q ?? '').split(/\s+/).filter(Boolean).slice(0, 5);
  if (!words.length) return null;
  return sql.join(
    words.map(
      (w) =>
        sql`(${sql.join(
          fields.map((f) => sql`position(${w} in coalesce(${f}, '')) > 0`),
          sql` or `,
        )})`,
    ),
    sql` and `,
  );
}
