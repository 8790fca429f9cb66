/**
 * Third-party evaluations (第三方评价: a rating agency, a university) imported as their own source and shown beside
 * ours, never mixed into our scores. A re-import of the same source and year replaces that body's row; the whole
 * list is refused when any row is wrong.
 */
import { rows, type Queryable } from '@chengxin/db';
import { sql } from 'drizzle-orm';
import type { z } from 'zod';
import { AppError, audit, forbidden, notFound, write, type KernelContext, newId } from '../core';
import type { RowIssue } from '../core';
import type {
  externalBatchOut,
  externalImportInput,
  externalImportOut,
  externalOut,
  thirdPartyOut,
} from '@chengxin/contract/evaluation';
import { rowErrors } from './errors';

export async function importExternal(
  ctx: KernelContext,
  input: z.infer<typeof externalImportInput>,
): Promise<z.infer<typeof externalImportOut>> {
  const usccs = input.rows.flatMap((r) => (r.uscc ? [r.uscc.toUpperCase()] : []));
  const ids = input.rows.flatMap((r) => (r.orgId ? [r.orgId] : []));
  const known = await rows<{ id: string; uscc: string }>(
    ctx.db,
    sql`select id::text, uscc from kernel.org_unit
    where uscc = any(${sql.param(usccs)}::text[]) or id = any(${sql.param(ids)}::uuid[])`,
  );
  const byUscc = new Map(known.map((o) => [o.uscc, o.id]));
  const byId = new Set(known.map((o) => o.id));
  const issues: RowIssue[] = [];
  const seen = new Set<string>();
  const resolved = input.rows.map((r, index) => {
    const issue = (field: string, code: string, zh: string, en: string) =>
      issues.push({ index, field: `rows.${index}.${field}`, code, messageZh: zh, messageEn: en });
    if (!r.orgId === !r.uscc)
      issue('orgId', 'EXTERNAL_ORG_REQUIRED', '须填写单位ID或统一社会信用代码之一', 'Give either orgId or uscc');
    const orgId = r.orgId
      ? byId.has(r.orgId)
        ? r.orgId
        : null
      : r.uscc
        ? (byUscc.get(r.uscc.toUpperCase()) ?? null)
        : null;
    if ((r.orgId || r.uscc) && !orgId) issue(r.orgId ? 'orgId' : 'uscc', 'ORG_NOT_FOUND', '单位不存在', 'No such body');
    if (r.score === null && !r.grade)
      issue('score', 'EXTERNAL_RESULT_REQUIRED', '须填写得分或等级', 'Give a score or a grade');
    if (orgId && seen.has(orgId))
      issue(
        r.orgId ? 'orgId' : 'uscc',
        'EXTERNAL_DUPLICATE_ROW',
        '同一单位在本批中出现多次',
        'The body appears more than once in this list',
      );
    if (orgId) seen.add(orgId);
    return { ...r, orgId };
  });
  if (issues.length) throw rowErrors(issues);
  let replaced = 0;
  await write(ctx, async (tx) => {
    for (const r of resolved) {
      const [old] = await rows<{ id: string }>(
        tx,
        sql`select id::text from kernel.evaluation_external where source = ${input.source} and year = ${input.year} and org_id = ${r.orgId} for update`,
      );
      if (old) {
        replaced += 1;
        await tx.execute(
          sql`update kernel.evaluation_external set score = ${r.score ?? null}, grade = ${r.grade ?? null}, note = ${r.note ?? null}, created_at = now(), imported_by = ${ctx.actor?.id ?? null} where id = ${old.id}`,
        );
      } else {
        await tx.execute(sql`insert into kernel.evaluation_external (id, source, year, org_id, score, grade, note, imported_by)
          values (${newId()}, ${input.source}, ${input.year}, ${r.orgId}, ${r.score ?? null}, ${r.grade ?? null}, ${r.note ?? null}, ${ctx.actor?.id ?? null})`);
      }
    }
    // The list as a whole goes back to awaiting release: changed figures are public only after a reviewer looks again.
    await tx.execute(sql`insert into kernel.evaluation_external_release (source, year, rater, method_summary, rated_on, status, imported_by)
      values (${input.source}, ${input.year}, ${input.rater ?? input.source}, ${input.methodSummary ?? null}, ${input.ratedOn ?? null}, 'imported', ${ctx.actor?.id ?? null})
      on conflict (source, year) do update set rater = coalesce(${input.rater ?? null}, kernel.evaluation_external_release.rater),
        method_summary = coalesce(${input.methodSummary ?? null}, kernel.evaluation_external_release.method_summary),
        rated_on = coalesce(${input.ratedOn ?? null}::date, kernel.evaluation_external_release.rated_on),
        status = 'imported', imported_at = now(), imported_by = excluded.imported_by, released_at = null, released_by = null,
        release_note = null, withdrawn_reason = null`);
    await audit(tx, ctx, 'evaluation.external.import', 'evaluation_external', newId(), {
      source: input.source,
      year: input.year,
      rows: resolved.length,
      replaced,
    });
  });
  return { source: input.source, year: input.year, imported: resolved.length, replaced };
}

export async function listExternal(
  db: Queryable,
  input: { year: number; source?: string | undefined },
): Promise<z.infer<typeof externalOut>[]> {
  return rows(
    db,
    sql`select e.source, e.year, e.org_id::text as "orgId", o.name as "orgName", e.score::float8 as score, e.grade, e.note, e.created_at::text as "importedAt"
    from kernel.evaluation_external e join kernel.org_unit o on o.id = e.org_id
    where e.year = ${input.year} and (${input.source ?? null}::text is null or e.source = ${input.source ?? null}::text)
    order by e.source, o.path limit 5000`,
  );
}

type Batch = z.infer<typeof externalBatchOut>;

/** The third-party lists with their release state (the console's review queue). */
export async function listExternalBatches(db: Queryable, input: { year?: number | undefined }): Promise<Batch[]> {
  return rows<Batch>(
    db,
    sql`select r.source, r.year, r.rater, r.method_summary as "methodSummary", r.rated_on::text as "ratedOn", r.status,
      (select count(*) from kernel.evaluation_external e where e.source = r.source and e.year = r.year)::int as rows,
      r.imported_at::text as "importedAt", r.released_at::text as "releasedAt", r.release_note as "releaseNote",
      r.withdrawn_reason as "withdrawnReason"
    from kernel.evaluation_external_release r
    where (${input.year ?? null}::int is null or r.year = ${input.year ?? null}::int)
    order by r.year desc, r.imported_at desc limit 500`,
  );
}

async function lockBatch(
  tx: Queryable,
  source: string,
  year: number,
): Promise<{ status: string; importedBy: string | null; methodSummary: string | null; ratedOn: string | null }> {
  const [b] = await rows<{
    status: string;
    importedBy: string | null;
    methodSummary: string | null;
    ratedOn: string | null;
  }>(
    tx,
    sql`select status, imported_by::text as "importedBy", method_summary as "methodSummary", rated_on::text as "ratedOn"
    from kernel.evaluation_external_release where source = ${source} and year = ${year} for update`,
  );
  if (!b) throw notFound('external', '第三方评价', `${source}/${year}`);
  return b;
}

const batchOf = async (db: Queryable, source: string, year: number) =>
  (await listExternalBatches(db, { year })).find((b) => b.source === source)!;

/**
 * 发布: a reviewer — not the person who imported the list — releases it for the public. The portal shows it beside the
 * official evaluation with the rater, the method summary and the rating date, so those must be there.
 */
export async function releaseExternal(
  ctx: KernelContext,
  input: { source: string; year: number; note: string },
): Promise<Batch> {
  await write(ctx, async (tx) => {
    const b = await lockBatch(tx, input.source, input.year);
    if (b.status === 'released')
      throw new AppError('CONFLICT', 'EXTERNAL_ALREADY_RELEASED', '该第三方评价已发布', 'Already released', 'source');
    if (b.importedBy && b.importedBy === ctx.actor?.id)
      throw forbidden(
        'EXTERNAL_SELF_RELEASE',
        '第三方评价须由导入人以外的人员审核发布',
        'A third-party list must be released by someone other than who imported it',
        'source',
      );
    if (!b.methodSummary)
      throw new AppError(
        'CONFLICT',
        'EXTERNAL_METHOD_REQUIRED',
        '发布前须导入评价方法说明（methodSummary）',
        'Import the method summary before release',
        'methodSummary',
      );
    if (!b.ratedOn)
      throw new AppError(
        'CONFLICT',
        'EXTERNAL_DATE_REQUIRED',
        '发布前须导入评价日期（ratedOn）',
        'Import the rating date before release',
        'ratedOn',
      );
    await tx.execute(sql`update kernel.evaluation_external_release set status = 'released', released_at = now(),
      released_by = ${ctx.actor?.id ?? null}, release_note = ${input.note}, withdrawn_reason = null
      where source = ${input.source} and year = ${input.year}`);
    await audit(tx, ctx, 'evaluation.external.release', 'evaluation_external_release', newId(), {
      source: input.source,
      year: input.year,
      note: input.note,
    });
  });
  return batchOf(ctx.db, input.source, input.year);
}

/** 撤回: a released list leaves the portal, with the reason (a rater's correction, a complaint about the method). */
export async function withdrawExternal(
  ctx: KernelContext,
  input: { source: string; year: number; reason: string },
): Promise<Batch> {
  await write(ctx, async (tx) => {
    const b = await lockBatch(tx, input.source, input.year);
    if (b.status !== 'released')
      throw new AppError(
        'CONFLICT',
        'EXTERNAL_NOT_RELEASED',
        '只有已发布的第三方评价可以撤回',
        'Only a released list can be withdrawn',
        'source',
      );
    await tx.execute(sql`update kernel.evaluation_external_release set status = 'withdrawn', withdrawn_reason = ${input.reason}
      where source = ${input.source} and year = ${input.year}`);
    await audit(tx, ctx, 'evaluation.external.withdraw', 'evaluation_external_release', newId(), {
      source: input.source,
      year: input.year,
      reason: input.reason,
    });
  });
  return batchOf(ctx.db, input.source, input.year);
}

/** The released third-party lists of a year for the public: rater, method, date and each body's score or grade. */
export async function releasedThirdParty(
  db: Queryable,
  input: { year?: number | undefined },
): Promise<z.infer<typeof thirdPartyOut>> {
  const years = (
    await rows<{ year: number }>(
      db,
      sql`select distinct year from kernel.evaluation_external_release where status = 'released' order by year desc limit 50`,
    )
  ).map((y) => y.year);
  const year = input.year ?? years[0] ?? null;
  if (year === null) return { year: null, years, lists: [] };
  const lists = await rows<z.infer<typeof thirdPartyOut>['lists'][number]>(
    db,
    sql`select r.source, r.year, r.rater, r.method_summary as "methodSummary", r.rated_on::text as "ratedOn",
      r.released_at::text as "releasedAt",
      coalesce((select json_agg(json_build_object('orgId', e.org_id::text, 'orgName', o.name, 'score', e.score::float8, 'grade', e.grade)
        order by e.score desc nulls last, o.name)
        from kernel.evaluation_external e join kernel.org_unit o on o.id = e.org_id where e.source = r.source and e.year = r.year), '[]'::json) as rows
    from kernel.evaluation_external_release r
    where r.status = 'released' and r.year = ${year} order by r.released_at, r.source`,
  );
  return { year, years, lists };
}

/** Only released lists' results are public: the published evaluation shows those beside its own scores. */
export const releasedExternalSql = sql`exists (select 1 from kernel.evaluation_external_release rl
  where rl.source = e.source and rl.year = e.year and rl.status = 'released')`;
