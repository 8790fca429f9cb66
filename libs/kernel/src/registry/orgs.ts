import { rows, type Queryable } from '@chengxin/db';
import { EVERYWHERE, scopeSql, type Scope } from '../access';
import { and, asc, eq, sql } from 'drizzle-orm';
import type { z } from 'zod';
import type { orgCreateInput, orgSearchInput, OrgUnitOut, OrgKind, OrgLevel } from '@chengxin/contract';
import {
  audit,
  write,
  type KernelContext,
  AppError,
  badInput,
  notFound,
  checkUscc,
  newId,
  decodeOffset,
  encodeOffset,
} from '../core';
import { orgUnit } from './schema';

type OrgRow = typeof orgUnit.$inferSelect;

export function toOrgOut(r: OrgRow, childCount?: number): OrgUnitOut {
  return {
    id: r.id,
    parentId: r.parentId,
    name: r.name,
    shortName: r.shortName,
    uscc: r.uscc,
    usccWarning: r.usccWarning,
    level: r.level as OrgLevel,
    kind: r.kind as OrgKind,
    areaCode: r.areaCode,
    depth: r.depth,
    ...(childCount === undefined ? {} : { childCount }),
  };
}

export async function createOrg(ctx: KernelContext, input: z.infer<typeof orgCreateInput>) {
  const check = checkUscc(input.uscc);
  if (!check.ok)
    throw badInput(
      check.code,
      'uscc',
      `统一社会信用代码格式错误：${check.reason}`,
      `Malformed unified social credit code: ${check.reason}`,
    );
  const warnings = [
    ...(check.warning
      ? [
          {
            code: check.warning.code,
            field: 'uscc',
            messageZh: `统一社会信用代码校验位不符（按GB 32100应为“${check.warning.expected}”），早期试点代码可能如此，已接受，请核对`,
            messageEn: `Check character mismatch (expected ${check.warning.expected}); accepted as some early codes are legal, please verify`,
          },
        ]
      : []),
    ...(check.orgCodeWarning
      ? [
          {
            code: check.orgCodeWarning.code,
            field: 'uscc',
            messageZh: `统一社会信用代码第9–17位组织机构代码的校验码不符（按GB 11714应为“${check.orgCodeWarning.expected}”），已接受，请核对`,
            messageEn: `The organisation code inside the credit code fails its GB 11714 check (expected ${check.orgCodeWarning.expected}); accepted, please verify`,
          },
        ]
      : []),
  ];
  return write(ctx, async (tx) => {
    const parent = input.parentId
      ? (await tx.select().from(orgUnit).where(eq(orgUnit.id, input.parentId)))[0]
      : undefined;
    if (input.parentId && !parent)
      throw badInput('ORG_PARENT_NOT_FOUND', 'parentId', '上级单位不存在', 'Parent org unit not found');
    const [dup] = await tx.select({ id: orgUnit.id }).from(orgUnit).where(eq(orgUnit.uscc, check.code));
    if (dup)
      throw new AppError(
        'CONFLICT',
        'USCC_DUPLICATE',
        `统一社会信用代码${check.code}已被其他单位使用`,
        `Credit code ${check.code} is already used`,
        'uscc',
      );
    const id = newId();
    const [row] = await tx
      .insert(orgUnit)
      .values({
        id,
        parentId: input.parentId,
        path: parent ? `${parent.path}/${id}` : id,
        depth: parent ? parent.depth + 1 : 0,
        name: input.name,
        shortName: input.shortName ?? null,
        uscc: check.code,
        usccWarning: check.warning?.code ?? check.orgCodeWarning?.code ?? null,
        level: input.level,
        kind: input.kind,
        areaCode: input.areaCode,
        createdBy: ctx.actor?.id ?? null,
      })
      .returning();
    await audit(tx, ctx, 'org.create', 'org_unit', id, {
      name: input.name,
      uscc: check.code,
      warnings: warnings.map((w) => w.code),
    });
    return { org: toOrgOut(row!), warnings };
  });
}

export async function getOrg(db: Queryable, id: string): Promise<OrgUnitOut> {
  const [row] = await db.select().from(orgUnit).where(eq(orgUnit.id, id));
  if (!row) throw notFound('org', '单位', id);
  return toOrgOut(row);
}

/** One level of the tree (roots when parentId is null), each with its number of children, for lazy tree browsing. */
export async function orgChildren(
  db: Queryable,
  parentId: string | null,
  scope: Scope = EVERYWHERE,
): Promise<OrgUnitOut[]> {
  // Qualified by hand: drizzle renders a column unqualified inside a subquery, which would bind it to the inner table.
  const childCount = sql<number>`(select count(*)::int from kernel.org_unit c where c.parent_id = "kernel"."org_unit"."id")`;
  // Without a parent: the roots of what the caller may see (the city, or e.g. their district).
  const where = parentId
    ? eq(orgUnit.parentId, parentId)
    : scope.roots === null
      ? sql`${orgUnit.parentId} is null`
      : sql`${orgUnit.path} = any(${sql.param([...scope.roots])}::text[])`;
  const list = await db
    .select({ org: orgUnit, childCount })
    .from(orgUnit)
    .where(where)
    .orderBy(asc(orgUnit.sortOrder), asc(orgUnit.name));
  return list.map((r) => toOrgOut(r.org, Number(r.childCount)));
}

/** Name or credit-code search, ranked: exact code, exact name, name prefix, substring. */
export async function searchOrgs(db: Queryable, input: z.infer<typeof orgSearchInput>, scope: Scope = EVERYWHERE) {
  const offset = decodeOffset(input.cursor);
  const q = input.q;
  const like = `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
  const prefix = `${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
  const conditions = [];
  if (q) conditions.push(sql`(${orgUnit.name} ilike ${like} or ${orgUnit.uscc} = ${q.toUpperCase()})`);
  if (input.level) conditions.push(eq(orgUnit.level, input.level));
  if (scope.roots !== null) conditions.push(scopeSql(scope, sql`${orgUnit.path}`));
  if (input.withinOrgId) {
    const within = await getOrgPath(db, input.withinOrgId);
    conditions.push(sql`(${orgUnit.path} = ${within} or ${orgUnit.path} like ${`${within}/%`})`);
  }
  // Without a term there is nothing to rank by (a bare `0` would be read as ORDER BY column 0 and fail).
  const rank = q
    ? sql`case when ${orgUnit.uscc} = ${q.toUpperCase()} then 0 when ${orgUnit.name} = ${q} then 1 when ${orgUnit.name} like ${prefix} then 2 else 3 end`
    : sql`${orgUnit.depth}`;
  const list = await db
    .select()
    .from(orgUnit)
    .where(conditions.length ? and(...conditions) : undefined)
    .orderBy(rank, asc(orgUnit.depth), asc(orgUnit.name), asc(orgUnit.id))
    .limit(input.limit + 1)
    .offset(offset);
  const more = list.length > input.limit;
  return {
    items: list.slice(0, input.limit).map((r) => toOrgOut(r)),
    nextCursor: more ? encodeOffset(offset + input.limit) : null,
  };
}

export async function getOrgPath(db: Queryable, id: string): Promise<string> {
  const [row] = await rows<{ path: string }>(db, sql`select path from ${orgUnit} where id = ${id}`);
  if (!row) throw notFound('org', '单位', id);
  return row.path;
}
