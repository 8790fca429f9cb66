import { rows, type Queryable, type Tx } from '@chengxin/db';
import { EVERYWHERE, scopeSql, type Scope, logAccess } from '../access';
import { appendAudit, recordDigests } from '../audit';
import { and, eq, sql } from 'drizzle-orm';
import type { z } from 'zod';
import type { appointInput, endTenureInput, personCreateInput, personSearchInput, PersonOut } from '@chengxin/contract';
import {
  audit,
  write,
  type KernelContext,
  AppError,
  badInput,
  isUniqueViolation,
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

/** Whether person `p` held a post inside the scope (the filter every person read of a district uses). */
function servedInScope(scope: Scope) {
  if (scope.roots === null) return sql`true`;
  return sql`exists (select 1 from ${tenure} st join ${orgUnit} so on so.id = st.org_id where st.person_id = p.id and ${scopeSql(scope, sql`so.path`)})`;
}

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
    const onFile = await rows<{ id: string; duplicateOf: string | null; inScope: boolean }>(
      tx,
      sql`select p.id, p.duplicate_of as "duplicateOf", ${servedInScope(ctx.scope)} as "inScope"
          from ${person} p where p.id_number_hash = ${protectedId.hash} and p.merged_into is null`,
    );
    if (onFile.some((p) => p.inScope))
      throw new AppError(
        'CONFLICT',
        'PERSON_DUPLICATE',
        '该公民身份号码已登记',
        'A person with this ID number already exists',
        'idNumber',
      );
    // On file, but outside the caller's scope: the caller must not learn that (findByIdNumber would not tell them
    // either), so the answer is the same as for a new person — a row of their own, which a city-wide registrar then
    // merges into the person on file (mergeDuplicatePerson). The link is kept on the row, not in the audit detail,
    // which the district may read.
    const duplicateOf = onFile.find((p) => p.duplicateOf === null)?.id ?? onFile[0]?.duplicateOf ?? null;
    await tx.insert(person).values({
      id,
      name: input.name,
      gender: check.gender,
      birthDate: check.birthDate,
      idNumberHash: protectedId.hash,
      idNumberCipher: protectedId.cipher,
      idNumberMasked: protectedId.masked,
      createdBy: ctx.actor?.id ?? null,
      duplicateOf,
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
    and p.merged_into is null and ${servedInScope(ctx.scope)}
    order by (p.duplicate_of is null) desc limit 1`,
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
          and p.merged_into is null and ${servedInScope(scope)}
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

/** Duplicate registrations waiting for a city-wide registrar, oldest first, each beside the person on file. */
export async function listDuplicateRegistrations(db: Queryable, input: { cursor?: string; limit: number }) {
  const offset = decodeOffset(input.cursor);
  const list = await rows<{ id: string; existingId: string; registeredAt: string | Date }>(
    db,
    sql`select p.id, p.duplicate_of as "existingId", p.created_at as "registeredAt" from ${person} p
        where p.duplicate_of is not null and p.merged_into is null order by p.created_at, p.id
        limit ${input.limit + 1} offset ${offset}`,
  );
  const items = await Promise.all(
    list.slice(0, input.limit).map(async (d) => {
      const [dup, existing] = await Promise.all([getPerson(db, d.id), getPerson(db, d.existingId)]);
      return {
        id: dup.id,
        name: dup.name,
        idNumberMasked: dup.idNumberMasked,
        registeredAt: new Date(d.registeredAt).toISOString(),
        tenures: dup.tenures,
        existing: { id: existing.id, name: existing.name, tenures: existing.tenures },
        nameDiffers: dup.name !== existing.name,
      };
    }),
  );
  return { items, nextCursor: list.length > input.limit ? encodeOffset(offset + input.limit) : null };
}

/**
 * Merges a duplicate registration into the person on file: every row that points at the duplicate — found through
 * the foreign keys that reference kernel.person, so a table added later is not missed — is moved to the person on
 * file, records with their digests audited as every record write is, and the duplicate is kept, marked merged, so old
 * links and the audit trail still resolve.
 */
export async function mergeDuplicatePerson(
  ctx: KernelContext,
  input: { id: string; reason: string },
): Promise<{ mergedInto: string; moved: Record<string, number> }> {
  return write(ctx, async (tx) => {
    const [dup] = await rows<{ duplicateOf: string | null; mergedInto: string | null }>(
      tx,
      sql`select duplicate_of as "duplicateOf", merged_into as "mergedInto" from ${person} where id = ${input.id} for update`,
    );
    if (!dup) throw notFound('person', '人员', input.id);
    if (dup.mergedInto) throw new AppError('CONFLICT', 'PERSON_ALREADY_MERGED', '该登记已合并', 'Already merged', 'id');
    if (!dup.duplicateOf)
      throw badInput('PERSON_NOT_DUPLICATE', 'id', '该人员不是待合并的重复登记', 'Not a duplicate registration');
    const into = dup.duplicateOf;
    const recordIds = (
      await rows<{ id: string }>(tx, sql`select id::text from kernel.credit_record where person_id = ${input.id}`)
    ).map((r) => r.id);
    const before = await recordDigests(tx, recordIds);
    const references = await rows<{ tbl: string; col: string }>(
      tx,
      sql`select c.conrelid::regclass::text as tbl, a.attname as col
          from pg_constraint c join pg_attribute a on a.attrelid = c.conrelid and a.attnum = c.conkey[1]
          where c.contype = 'f' and c.confrelid = 'kernel.person'::regclass and cardinality(c.conkey) = 1
            and c.conrelid <> 'kernel.person'::regclass
          order by 1, 2`,
    );
    const moved: Record<string, number> = {};
    for (const ref of references) {
      const column = sql.raw(`"${ref.col.replace(/"/g, '""')}"`);
      try {
        const done = await rows<{ n: number }>(
          tx,
          sql`with m as (update ${sql.raw(ref.tbl)} set ${column} = ${into}::uuid where ${column} = ${input.id}::uuid returning 1)
              select count(*)::int as n from m`,
        );
        if (done[0]!.n > 0) moved[`${ref.tbl}.${ref.col}`] = done[0]!.n;
      } catch (error) {
        if (!isUniqueViolation(error)) throw error;
        throw new AppError(
          'CONFLICT',
          'PERSON_MERGE_CONFLICT',
          `两处登记在同一事项上都有数据（${ref.tbl}），须先由录入单位更正其中一处再合并`,
          `Both registrations hold a row for the same thing in ${ref.tbl}: correct one before merging`,
          'id',
        );
      }
    }
    await tx.execute(sql`update ${person} set merged_into = ${into}, merged_at = now() where id = ${input.id}`);
    await audit(tx, ctx, 'person.merge', 'person', input.id, { into, reason: input.reason, moved });
    if (recordIds.length) {
      const after = await recordDigests(tx, recordIds);
      await appendAudit(
        tx,
        ctx.actor,
        recordIds.map((rid) => ({
          action: 'record.subject_merged',
          entity: 'credit_record',
          entityId: rid,
          detail: { from: input.id, into },
          before: before.get(rid) ?? null,
          after: after.get(rid) ?? null,
        })),
      );
    }
    return { mergedInto: into, moved };
  });
}
