import { rows, type Queryable, type Tx } from '@chengxin/db';
import { EVERYWHERE, scopeSql, type Scope, logAccess } from '../access';
import { and, eq, sql } from 'drizzle-orm';
import type { z } from 'zod';
import type { appointInput, endTenureInput, personCreateInput, personSearchInput, PersonOut } from '@chengxin/contract';
import {
  audit,
  write,
  type KernelContext,
  AppError,
  badInput,
  notFound,
  checkIdNumber,
  newId,
  idNumberHash,
  protectIdNumber,
  revealIdNumber,
  decodeOffset,
  encodeOffset,
} from '../core';
import { orgUnit, person, post, tenure } from './schema';

export async function createPerson(ctx: KernelContext, input: z.infer<typeof personCreateInput>): Promise<PersonOut> {
  const check = checkIdNumber(input.idNumber);
  if (!check.ok)
    throw badInput(
      check.code,
      'idNumber',
      `公民身份号码有误：${check.reason}`,
      `Invalid citizen ID number: ${check.code}`,
    );
  const id = newId();
  await write(ctx, async (tx) => {
    const protectedId = protectIdNumber(ctx.secrets, check.idNumber);
    const [dup] = await tx.select({ id: person.id }).from(person).where(eq(person.idNumberHash, protectedId.hash));
    if (dup)
      throw new AppError(
        'CONFLICT',
        'PERSON_DUPLICATE',
        '该公民身份号码已登记',
        'A person with this ID number already exists',
        'idNumber',
      );
    await tx.insert(person).values({
      id,
      name: input.name,
      gender: check.gender,
      birthDate: check.birthDate,
      idNumberHash: protectedId.hash,
      idNumberCipher: protectedId.cipher,
      idNumberMasked: protectedId.masked,
      createdBy: ctx.actor?.id ?? null,
    });
    // The ID number itself never enters the audit log: the masked form identifies the entry well enough.
    await audit(tx, ctx, 'person.create', 'person', id, { name: input.name, idNumber: protectedId.masked });
    if (input.tenure) await insertTenure(tx, ctx, { personId: id, ...input.tenure }, 'tenure');
  });
  return getPerson(ctx.db, id);
}

export async function appoint(ctx: KernelContext, input: z.infer<typeof appointInput>): Promise<PersonOut> {
  await write(ctx, async (tx) => {
    const [p] = await tx.select({ id: person.id }).from(person).where(eq(person.id, input.personId));
    if (!p) throw badInput('PERSON_NOT_FOUND', 'personId', '人员不存在', 'Person not found');
    await insertTenure(tx, ctx, input, '');
  });
  return getPerson(ctx.db, input.personId);
}

async function insertTenure(
  tx: Tx,
  ctx: KernelContext,
  input: z.infer<typeof appointInput>,
  fieldPrefix: string,
): Promise<void> {
  const field = (f: string) => (fieldPrefix ? `${fieldPrefix}.${f}` : f);
  const [org] = await tx.select({ id: orgUnit.id }).from(orgUnit).where(eq(orgUnit.id, input.orgId));
  if (!org) throw badInput('ORG_NOT_FOUND', field('orgId'), '任职单位不存在', 'Org unit not found');
  const postId = await ensurePost(tx, input.orgId, input.postTitle, input.principal, input.leading ?? input.principal);
  const tenureId = newId();
  await tx
    .insert(tenure)
    .values({ id: tenureId, personId: input.personId, postId, orgId: input.orgId, startDate: input.startDate });
  await audit(tx, ctx, 'person.appoint', 'person', input.personId, {
    tenureId,
    orgId: input.orgId,
    postTitle: input.postTitle,
    startDate: input.startDate,
  });
}

async function ensurePost(tx: Tx, orgId: string, title: string, principal: boolean, leading: boolean): Promise<string> {
  const [existing] = await tx
    .select({ id: post.id })
    .from(post)
    .where(and(eq(post.orgId, orgId), eq(post.title, title)));
  if (existing) return existing.id;
  const id = newId();
  await tx.insert(post).values({ id, orgId, title, principal, leading });
  return id;
}

export async function endTenure(ctx: KernelContext, input: z.infer<typeof endTenureInput>): Promise<PersonOut> {
  const personId = await write(ctx, async (tx) => {
    const [t] = await tx.select().from(tenure).where(eq(tenure.id, input.tenureId));
    if (!t) throw badInput('TENURE_NOT_FOUND', 'tenureId', '任职记录不存在', 'Tenure not found');
    if (t.endDate)
      throw new AppError(
        'CONFLICT',
        'TENURE_ALREADY_ENDED',
        `该任职已于${t.endDate}结束`,
        `Tenure already ended on ${t.endDate}`,
        'tenureId',
      );
    if (input.endDate < t.startDate)
      throw badInput(
        'TENURE_END_BEFORE_START',
        'endDate',
        `离任日期不能早于任职日期${t.startDate}`,
        `End date is before the start date ${t.startDate}`,
      );
    await tx.update(tenure).set({ endDate: input.endDate }).where(eq(tenure.id, input.tenureId));
    await audit(tx, ctx, 'person.end_tenure', 'person', t.personId, { tenureId: t.id, endDate: input.endDate });
    return t.personId;
  });
  return getPerson(ctx.db, personId);
}

export async function getPerson(db: Queryable, id: string): Promise<PersonOut> {
  // One statement with the tenures aggregated: this sits on the integrity-file read path.
  const [p] = await rows<{
    id: string;
    name: string;
    gender: 'male' | 'female';
    birthYear: number;
    idNumberMasked: string;
    tenures: PersonOut['tenures'] | string;
  }>(
    db,
    sql`
    select p.id, p.name, p.gender, extract(year from p.birth_date)::int as "birthYear", p.id_number_masked as "idNumberMasked",
      coalesce((select json_agg(json_build_object('id', t.id, 'orgId', t.org_id, 'orgName', o.name, 'postTitle', po.title, 'principal', po.principal,
                                                  'startDate', t.start_date::text, 'endDate', t.end_date::text) order by t.start_date desc)
                from kernel.tenure t join kernel.post po on po.id = t.post_id join kernel.org_unit o on o.id = t.org_id
                where t.person_id = p.id), '[]'::json) as tenures
    from kernel.person p where p.id = ${id}`,
  );
  if (!p) throw notFound('person', '人员', id);
  return { ...p, tenures: typeof p.tenures === 'string' ? (JSON.parse(p.tenures) as PersonOut['tenures']) : p.tenures };
}

/** Exact match by ID number, through the keyed hash (the number is never stored readable). */
export async function findPersonByIdNumber(ctx: KernelContext, idNumber: string): Promise<PersonOut | null> {
  const check = checkIdNumber(idNumber);
  if (!check.ok)
    throw badInput(
      check.code,
      'idNumber',
      `公民身份号码有误：${check.reason}`,
      `Invalid citizen ID number: ${check.code}`,
    );
  // Only a person who served inside the caller's scope is found (the same filter as the name search).
  const [p] = await rows<{ id: string }>(
    ctx.db,
    sql`select p.id from ${person} p where p.id_number_hash = ${idNumberHash(ctx.secrets, check.idNumber)}
    ${ctx.scope.roots === null ? sql`` : sql`and exists (select 1 from ${tenure} st join ${orgUnit} so on so.id = st.org_id where st.person_id = p.id and ${scopeSql(ctx.scope, sql`so.path`)})`}`,
  );
  if (!p) return null;
  await logAccess(ctx.db, ctx.actor, 'person.find_by_id_number', 'person', p.id);
  return getPerson(ctx.db, p.id);
}

export async function searchPersons(
  db: Queryable,
  input: z.infer<typeof personSearchInput>,
  scope: Scope = EVERYWHERE,
) {
  const offset = decodeOffset(input.cursor);
  const like = `%${input.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
  const list = await rows<{
    id: string;
    name: string;
    idNumberMasked: string;
    orgName: string | null;
    postTitle: string | null;
  }>(
    db,
    sql`select p.id, p.name, p.id_number_masked as "idNumberMasked", cur.org_name as "orgName", cur.title as "postTitle"
        from ${person} p
        left join lateral (
          select o.name as org_name, po.title, t.org_id from ${tenure} t join ${post} po on po.id = t.post_id join ${orgUnit} o on o.id = t.org_id
          -- The current post is shown only when it lies in the caller's subtree (a post elsewhere is not theirs to see).
          where t.person_id = p.id and t.end_date is null and ${scopeSql(scope, sql`o.path`)} order by t.start_date desc limit 1
        ) cur on true
        where (${input.q} = '' or p.name like ${like}) and (${input.orgId ?? null}::uuid is null or cur.org_id = ${input.orgId ?? null}::uuid)
          ${scope.roots === null ? sql`` : sql`and exists (select 1 from ${tenure} st join ${orgUnit} so on so.id = st.org_id where st.person_id = p.id and ${scopeSql(scope, sql`so.path`)})`}
        order by (p.name = ${input.q}) desc, p.name, p.id
        limit ${input.limit + 1} offset ${offset}`,
  );
  const more = list.length > input.limit;
  return { items: list.slice(0, input.limit), nextCursor: more ? encodeOffset(offset + input.limit) : null };
}

/** The full ID number, for someone with the reveal permission and a stated reason; audited, and in the query log. */
export async function revealPersonIdNumber(
  ctx: KernelContext,
  personId: string,
  reason: string,
): Promise<{ idNumber: string }> {
  const [p] = await ctx.db.select({ cipher: person.idNumberCipher }).from(person).where(eq(person.id, personId));
  if (!p) throw notFound('person', '人员', personId);
  await write(ctx, (tx) => audit(tx, ctx, 'person.reveal_id_number', 'person', personId, { reason }));
  await logAccess(ctx.db, ctx.actor, 'person.reveal_id_number', 'person', personId);
  return { idNumber: revealIdNumber(ctx.secrets, p.cipher) };
}
