/**
 * 政务、财务公开 on each township's board (津政发〔2017〕29号 三.6): the budget, spending items and public-service
 * funds by quarter, and administrative matters. An officer enters an item, a second person reviews it (or returns it
 * for correction), and only a reviewed item is published; the board shows published items only.
 */
import {
  AppError,
  checkSecondReview,
  badInput,
  newId,
  notFound,
  orgInScope,
  orgsById,
  rows,
  sql,
  type PluginServices,
  type Queryable,
  type Tx,
} from '@chengxin/plugin-sdk';
import type { z } from 'zod';
import {
  DISCLOSURE_KIND_LABELS,
  DISCLOSURE_STATUS_LABELS,
  type disclosureCorrectInput,
  type disclosureInput,
  type disclosureOut,
  type disclosureReviewInput,
  type publicDisclosure,
} from '../contract';
import { disclosure } from './schema';

type DisclosureOut = z.infer<typeof disclosureOut>;
const COLUMNS = sql`d.id::text, d.org_id::text as "orgId", o.name as "orgName", d.year, d.quarter, d.kind, d.title, d.amount_fen as "amountFen",
  d.description, d.status, d.reviewed_on::text as "reviewedOn", d.review_note as "reviewNote", d.published_on::text as "publishedOn",
  d.entered_by::text as "enteredBy"`;
type Raw = Omit<DisclosureOut, 'kindZh' | 'statusZh'> & { enteredBy: string | null };
const toOut = ({ enteredBy: _, ...r }: Raw): DisclosureOut => ({
  ...r,
  amountFen: r.amountFen === null ? null : Number(r.amountFen),
  quarter: r.quarter === null ? null : Number(r.quarter),
  kindZh: DISCLOSURE_KIND_LABELS[r.kind].zh,
  statusZh: DISCLOSURE_STATUS_LABELS[r.status].zh,
});

export async function listDisclosures(
  s: PluginServices,
  db: Queryable,
  input: {
    orgId?: string | undefined;
    year?: number | undefined;
    status?: DisclosureOut['status'] | undefined;
    limit: number;
  },
): Promise<DisclosureOut[]> {
  const list = await rows<Raw>(
    db,
    sql`select ${COLUMNS} from townships.disclosure d join kernel_api.org_unit o on o.id = d.org_id
    where ${orgInScope(s.scope, sql`d.org_id`)} ${input.orgId ? sql`and d.org_id = ${input.orgId}` : sql``}
      ${input.year ? sql`and d.year = ${input.year}` : sql``} ${input.status ? sql`and d.status = ${input.status}` : sql``}
    order by case d.status when 'entered' then 0 when 'returned' then 1 when 'reviewed' then 2 else 3 end,
      d.year desc, d.quarter nulls first, o.name, d.id limit ${input.limit}`,
  );
  return list.map(toOut);
}

async function lockRow(tx: Tx, id: string): Promise<Raw> {
  const [r] = await rows<Raw>(
    tx,
    sql`select ${COLUMNS} from townships.disclosure d join kernel_api.org_unit o on o.id = d.org_id where d.id = ${id} for update of d`,
  );
  if (!r) throw notFound('disclosure', '公开信息', id);
  return r;
}

const wrongState = (r: Raw, wanted: string) =>
  new AppError(
    'CONFLICT',
    'DISCLOSURE_STATE',
    `该信息当前为“${DISCLOSURE_STATUS_LABELS[r.status].zh}”，${wanted}`,
    `The item is ${r.status}`,
    'disclosureId',
  );

/** A quarter still to come cannot be disclosed as spent; the year may not lie after this one. */
function checkPeriod(today: string, year: number, quarter: number | null): void {
  const thisYear = Number(today.slice(0, 4));
  if (year > thisYear + 1)
    throw badInput(
      'YEAR_TOO_LATE',
      'year',
      `年度不能晚于${thisYear + 1}年`,
      `The year cannot be after ${thisYear + 1}`,
    );
  if (quarter !== null) {
    const quarterStart = `${year}-${String((quarter - 1) * 3 + 1).padStart(2, '0')}-01`;
    if (quarterStart > today)
      throw badInput(
        'QUARTER_NOT_STARTED',
        'quarter',
        `${year}年第${quarter}季度尚未开始`,
        'The quarter has not begun',
      );
  }
}

export async function enterDisclosure(
  s: PluginServices,
  input: z.infer<typeof disclosureInput>,
): Promise<DisclosureOut> {
  checkPeriod(s.today, input.year, input.quarter);
  return s.write(async (tx, audit) => {
    const org = (await orgsById(tx, [input.orgId])).get(input.orgId);
    if (!org) throw badInput('ORG_NOT_FOUND', 'orgId', '街道（乡镇）不存在', 'No such org unit');
    const id = newId();
    await tx.insert(disclosure).values({ id, ...input, status: 'entered', enteredBy: s.actor?.id ?? null });
    await audit('townships.disclosure.enter', 'townships.disclosure', id, {
      orgId: input.orgId,
      year: input.year,
      quarter: input.quarter,
      kind: input.kind,
      amountFen: input.amountFen,
    });
    return toOut(await lockRow(tx, id));
  });
}

/** Corrects an item not yet published (entered or returned); it goes back to review. */
export async function correctDisclosure(
  s: PluginServices,
  input: z.infer<typeof disclosureCorrectInput>,
): Promise<DisclosureOut> {
  return s.write(async (tx, audit) => {
    const before = await lockRow(tx, input.disclosureId);
    if (before.status === 'published' || before.status === 'reviewed')
      throw wrongState(before, '已审核或已公开的信息不能直接修改');
    checkPeriod(s.today, before.year, input.quarter);
    await tx.execute(sql`update townships.disclosure set quarter = ${input.quarter}, kind = ${input.kind}, title = ${input.title},
      amount_fen = ${input.amountFen}, description = ${input.description}, status = 'entered', entered_by = ${s.actor?.id ?? null}
      where id = ${input.disclosureId}`);
    await audit('townships.disclosure.correct', 'townships.disclosure', before.id, {
      before: { quarter: before.quarter, kind: before.kind, title: before.title, amountFen: before.amountFen },
      after: { quarter: input.quarter, kind: input.kind, title: input.title, amountFen: input.amountFen },
    });
    return toOut(await lockRow(tx, before.id));
  });
}

export async function reviewDisclosure(
  s: PluginServices,
  input: z.infer<typeof disclosureReviewInput>,
): Promise<DisclosureOut> {
  return s.write(async (tx, audit) => {
    const r = await lockRow(tx, input.disclosureId);
    if (r.status !== 'entered') throw wrongState(r, '只能审核待审核的信息');
    checkSecondReview(s.actor?.id, r.enteredBy, input, { zh: '信息', field: 'disclosureId' });
    await tx.execute(sql`update townships.disclosure set status = ${input.approve ? 'reviewed' : 'returned'},
      reviewed_by = ${s.actor?.id ?? null}, reviewed_on = ${s.today}::date, review_note = ${input.note} where id = ${r.id}`);
    await audit(`townships.disclosure.${input.approve ? 'approve' : 'return'}`, 'townships.disclosure', r.id, {
      note: input.note,
    });
    return toOut(await lockRow(tx, r.id));
  });
}

export async function publishDisclosure(s: PluginServices, disclosureId: string): Promise<DisclosureOut> {
  return s.write(async (tx, audit) => {
    const r = await lockRow(tx, disclosureId);
    if (r.status !== 'reviewed') throw wrongState(r, '须先经审核通过才能公开');
    await tx.execute(
      sql`update townships.disclosure set status = 'published', published_on = ${s.today}::date where id = ${r.id}`,
    );
    await audit('townships.disclosure.publish', 'townships.disclosure', r.id, { orgId: r.orgId, year: r.year });
    return toOut(await lockRow(tx, r.id));
  });
}

/** The published items of the year for the boards of `orgIds`: the budget first, then by quarter and kind. */
export async function publishedDisclosures(
  db: Queryable,
  year: number,
  orgIds: string[],
): Promise<Map<string, z.infer<typeof publicDisclosure>[]>> {
  const out = new Map<string, z.infer<typeof publicDisclosure>[]>();
  if (orgIds.length === 0) return out;
  const list = await rows<Raw>(
    db,
    sql`select ${COLUMNS} from townships.disclosure d join kernel_api.org_unit o on o.id = d.org_id
    where d.status = 'published' and d.year = ${year} and d.org_id = any(${sql.param(orgIds)}::uuid[])
    order by d.quarter nulls first, d.kind, d.id`,
  );
  for (const r of list.map(toOut)) {
    const items = out.get(r.orgId) ?? [];
    items.push({
      kind: r.kind,
      kindZh: r.kindZh,
      quarter: r.quarter,
      title: r.title,
      amountFen: r.amountFen,
      description: r.description,
      publishedOn: r.publishedOn!,
    });
    out.set(r.orgId, items);
  }
  return out;
}
