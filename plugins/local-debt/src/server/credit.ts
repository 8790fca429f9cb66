/**
 * 政府信用评级 (津政发〔2017〕29号 三.5): each district's grade for a year computed from its debt rating under the
 * governing method, and the snapshot published to the level above (a later correction of the figures shows as a
 * change since publication, until it is published again).
 */
import { badInput, newId, orgInScope, rows, sql, type PluginServices, type Queryable } from '@chengxin/plugin-sdk';
import type { z } from 'zod';
import { GRADE_LABELS, PLUGIN_ID, type creditRatingOut, type DebtConfig, type Grade } from '../contract';
import { rating } from './figures';
import { creditGrade } from './rating';
import { creditRating } from './schema';

type CreditRatingOut = z.infer<typeof creditRatingOut>;
type Published = { grade: Grade; score: number; publishedOn: string; explanation: string };

async function compute(s: PluginServices, db: Queryable, orgId: string, year: number, published: Published | null) {
  const config = (o: string) => s.config<DebtConfig>(PLUGIN_ID, o);
  const r = await rating(db, config, orgId, year);
  const { grade, explanation } = creditGrade(r, await config(orgId));
  return {
    orgId,
    orgName: r.orgName,
    year,
    score: r.score,
    tier: r.tier,
    tierZh: r.tierZh,
    grade,
    gradeZh: GRADE_LABELS[grade].zh,
    explanation,
    published,
    changedSincePublished: !!published && (published.grade !== grade || published.score !== r.score),
  } satisfies CreditRatingOut;
}

async function publishedFor(db: Queryable, year: number, orgIds: string[]): Promise<Map<string, Published>> {
  const list = await rows<Published & { orgId: string }>(
    db,
    sql`select org_id::text as "orgId", grade, score, published_on::text as "publishedOn", explanation from local_debt.credit_rating
    where year = ${year} and org_id = any(${sql.param(orgIds)}::uuid[])`,
  );
  return new Map(list.map(({ orgId, ...p }) => [orgId, { ...p, score: Number(p.score) }]));
}

/** Every district in the caller's scope with figures for the year: its grade, why, and what was published. */
export async function creditRatings(s: PluginServices, db: Queryable, year: number): Promise<CreditRatingOut[]> {
  const orgs = await rows<{ org_id: string }>(
    db,
    sql`select f.org_id::text from local_debt.debt_figure f where f.year = ${year} and ${orgInScope(s.scope, sql`f.org_id`)}`,
  );
  const published = await publishedFor(
    db,
    year,
    orgs.map((o) => o.org_id),
  );
  const out: CreditRatingOut[] = [];
  for (const o of orgs) out.push(await compute(s, db, o.org_id, year, published.get(o.org_id) ?? null));
  return out.sort((a, b) => a.score - b.score || a.orgName.localeCompare(b.orgName, 'zh-CN'));
}

/** Publishes (or republishes after a correction) a district's grade for the year to the level above; audited. */
export async function publishCreditRating(
  s: PluginServices,
  db: Queryable,
  input: { orgId: string; year: number },
): Promise<CreditRatingOut> {
  const [held] = await rows(
    db,
    sql`select 1 from local_debt.debt_figure where org_id = ${input.orgId} and year = ${input.year}`,
  );
  if (!held)
    throw badInput(
      'FIGURES_MISSING',
      'year',
      `该地区${input.year}年度尚无债务数据，无法评级`,
      `No figures for ${input.year}`,
    );
  const now = await compute(s, db, input.orgId, input.year, null);
  const method = (await s.config<DebtConfig>(PLUGIN_ID, input.orgId)).creditRating;
  await s.write(async (tx, audit) => {
    const before = (await publishedFor(tx, input.year, [input.orgId])).get(input.orgId) ?? null;
    const id = newId();
    const values = {
      grade: now.grade,
      score: now.score,
      tier: now.tier,
      explanation: now.explanation,
      method,
      publishedOn: s.today,
      publishedBy: s.actor?.id ?? null,
    };
    await tx
      .insert(creditRating)
      .values({ id, orgId: input.orgId, year: input.year, ...values })
      .onConflictDoUpdate({ target: [creditRating.orgId, creditRating.year], set: values });
    await audit(
      before ? 'local-debt.credit_rating.republish' : 'local-debt.credit_rating.publish',
      'local-debt.credit_rating',
      input.orgId,
      { year: input.year, grade: now.grade, score: now.score, before },
    );
  });
  return (await creditRatings(s, db, input.year)).find((r) => r.orgId === input.orgId)!;
}
