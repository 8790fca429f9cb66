/**
 * Third-party evaluations (第三方评价: a rating agency, a university) imported as their own source and shown beside
 * ours, never mixed into our scores. A re-import of the same source and year replaces that body's row; the whole
 * list is refused when any row is wrong.
 */
import { rows, type Queryable } from '@chengxin/db';
import { sql } from 'drizzle-orm';
import type { z } from 'zod';
import { audit, write, type KernelContext, newId } from '../core';
import type { RowIssue } from '../core';
import type { externalImportInput, externalImportOut, externalOut } from '@chengxin/contract/evaluation';
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
          sql`update kernel.evaluation_external set score = ${r.score}, grade = ${r.grade}, note = ${r.note ?? null}, created_at = now(), imported_by = ${ctx.actor?.id ?? null} where id = ${old.id}`,
        );
      } else {
        await tx.execute(sql`insert into kernel.evaluation_external (id, source, year, org_id, score, grade, note, imported_by)
          values (${newId()}, ${input.source}, ${input.year}, ${r.orgId}, ${r.score}, ${r.grade}, ${r.note ?? null}, ${ctx.actor?.id ?? null})`);
      }
    }
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
