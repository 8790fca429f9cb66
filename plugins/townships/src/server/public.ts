/**
 * The public side (permission 'public'; the portal pages come with the portal issue): the commitment board of each
 * street/township, ratings by residents (rate-limited per client address, once per person per commitment), and the
 * ranked 诚信街道/乡镇 candidates with their criteria. Only published commitments; no evidence text, no people.
 */
import { afterCursor, badInput, cursorOf, loadCalendar, newId, perOrg, personKey, rows, sql, throttle, type PluginServices, type Queryable, type TrpcContext } from '@chengxin/plugin-sdk';
import type { z } from 'zod';
import { CRITERION_LABELS, CRITERIA, PLUGIN_ID, townshipsConfig, type boardInput, type boardOut, type candidatesInput, type candidatesOut, type rateInput, type TownshipsConfig } from '../contract';
import { commitmentRows, toCommitment, type CommitmentView } from './commitments';
import { candidate, gradeOf } from './rules';
import { rating } from './schema';

/** Ratings per client address per minute (a security limit like the kernel's public complaint form, not a domain value). */
const RATINGS_PER_MINUTE = 10;

async function published(db: Queryable, s: PluginServices, year: number, orgIds: string[]): Promise<CommitmentView[]> {
  if (orgIds.length === 0) return [];
  const list = await commitmentRows(db, sql`c.year = ${year} and c.published_on is not null and c.org_id = any(${sql.param(orgIds)}::uuid[])`, 10_000);
  const cal = await loadCalendar(db);
  const configOf = perOrg(async (orgId) => townshipsConfig.parse(await s.config<TownshipsConfig>(PLUGIN_ID, orgId)));
  const out: CommitmentView[] = [];
  for (const row of list) out.push(toCommitment(row, cal, s.today, await configOf(row.orgId)));
  return out;
}

async function townships(db: Queryable, year: number, where: ReturnType<typeof sql>, limit: number) {
  return rows<{ id: string; name: string; districtName: string | null }>(db, sql`
    select o.id::text, o.name, d.name as "districtName" from kernel_api.org_unit o left join kernel_api.org_unit d on d.id = o.parent_id
    where exists (select 1 from townships.commitment c where c.org_id = o.id and c.year = ${year} and c.published_on is not null) and ${where}
    order by o.id limit ${limit}`);
}

/** Reads of the public pages per client address per minute (each reads a district's commitments). */
const PUBLIC_READS_PER_MINUTE = 60;

export async function board(ctx: TrpcContext, s: PluginServices, db: Queryable, input: z.infer<typeof boardInput>): Promise<z.infer<typeof boardOut>> {
  throttle(ctx, 'townships.public', PUBLIC_READS_PER_MINUTE, 'PUBLIC_THROTTLED');
  const after = afterCursor(input.cursor);
  const orgs = await townships(db, input.year, sql`${input.orgId ? sql`o.id = ${input.orgId}` : sql`true`} ${after ? sql`and o.id > ${after}::uuid` : sql``}`, input.limit + 1);
  const page = orgs.slice(0, input.limit);
  const list = await published(db, s, input.year, page.map((o) => o.id));
  const cfg = townshipsConfig.parse(await s.config<TownshipsConfig>(PLUGIN_ID, null));
  return {
    items: page.map((o) => ({
      orgId: o.id, orgName: o.name, districtName: o.districtName,
      commitments: list.filter((c) => c.orgId === o.id).sort((a, b) => a.area.localeCompare(b.area) || a.id.localeCompare(b.id)).map((c) => ({
        id: c.id, area: c.area, title: c.title, target: c.target, unit: c.unit, dueDate: c.dueDate, percent: c.progress.percent, status: c.progress.status,
        quarters: c.quarters.map((q) => ({ quarter: q.quarter, value: q.value })), grade: c.assessment?.grade ?? null, ratings: c.ratings,
      })),
    })),
    nextCursor: orgs.length > input.limit ? cursorOf(page.at(-1)!.id) : null,
    minRatingsShown: cfg.minRatingsShown,
  };
}

/** A resident's rating: throttled per client address, once per person (keyed hash of the mobile number) per commitment. */
export async function rate(ctx: TrpcContext, s: PluginServices, input: z.infer<typeof rateInput>): Promise<{ ok: true; count: number }> {
  throttle(ctx, 'townships.rate', RATINGS_PER_MINUTE, 'RATING_THROTTLED');
  // One address rating one commitment over and over is the cheapest stuffing: at most once a minute per commitment.
  throttle(ctx, `townships.rate:${input.commitmentId}`, 1, 'RATING_THROTTLED');
  const raterKey = personKey(ctx, 'townships.rating', input.mobile);
  return s.write(async (tx, audit) => {
    const [c] = await rows<{ publishedOn: string | null }>(tx, sql`select published_on::text as "publishedOn" from townships.commitment where id = ${input.commitmentId} for update`);
    if (!c?.publishedOn) throw badInput('COMMITMENT_NOT_PUBLISHED', 'commitmentId', '该承诺未公开，不能评价', 'This commitment is not published');
    const count = async () => (await rows<{ n: number }>(tx, sql`select count(*)::int as n from townships.rating where commitment_id = ${input.commitmentId}`))[0]!.n;
    // A second rating by the same person changes nothing and answers like the first: a refusal would tell anyone who
    // tries a phone number whether its owner has rated this commitment.
    if ((await rows(tx, sql`select 1 from townships.rating where commitment_id = ${input.commitmentId} and rater_key = ${raterKey}`)).length > 0) return { ok: true as const, count: await count() };
    const id = newId();
    await tx.insert(rating).values({ id, commitmentId: input.commitmentId, raterKey, fulfilment: input.fulfilment, satisfaction: input.satisfaction, ratedOn: s.today });
    await audit('townships.commitment.rate', 'townships.commitment', input.commitmentId, { ratingId: id, fulfilment: input.fulfilment, satisfaction: input.satisfaction });
    return { ok: true as const, count: await count() };
  });
}

/** The ranked 诚信街道/乡镇 candidates for a year, with the (configured) criteria each meets or fails. */
export async function candidates(ctx: TrpcContext, s: PluginServices, db: Queryable, input: z.infer<typeof candidatesInput>): Promise<z.infer<typeof candidatesOut>> {
  throttle(ctx, 'townships.public', PUBLIC_READS_PER_MINUTE, 'PUBLIC_THROTTLED');
  const cfg = townshipsConfig.parse(await s.config<TownshipsConfig>(PLUGIN_ID, null));
  const orgs = await townships(db, input.year, input.districtId ? sql`o.parent_id = ${input.districtId}` : sql`true`, 5_000);
  const list = await published(db, s, input.year, orgs.map((o) => o.id));
  const records = new Map((await rows<{ orgId: string; n: number }>(db, sql`
    select r.org_id::text as "orgId", count(*)::int as n from kernel_api.record r
    where r.polarity = 'dishonesty' and r.status = 'published' and r.org_id = any(${sql.param(orgs.map((o) => o.id))}::uuid[])
      and r.decision_date between ${`${input.year}-01-01`} and ${`${input.year}-12-31`} group by r.org_id`)).map((r) => [r.orgId, r.n]));
  const ratingSums = new Map((await rows<{ orgId: string; n: number; sum: number | string | null }>(db, sql`
    select c.org_id::text as "orgId", count(r.id)::int as n, sum(r.satisfaction) as sum from townships.commitment c join townships.rating r on r.commitment_id = c.id
    where c.year = ${input.year} and c.published_on is not null group by c.org_id`)).map((r) => [r.orgId, r]));
  const scored = orgs.map((o) => {
    const mine = list.filter((c) => c.orgId === o.id);
    const grades = mine.map((c) => c.assessment?.grade ?? gradeOf(c.progress));
    const r = ratingSums.get(o.id);
    const t = {
      commitments: mine.length, fully: grades.filter((g) => g === 'fully').length, notKept: grades.filter((g) => g === 'not').length,
      ratings: r?.n ?? 0, satisfaction: r && r.n >= Math.max(1, cfg.minRatingsShown) ? Math.round((Number(r.sum) / r.n) * 10) / 10 : null, dishonestyRecords: records.get(o.id) ?? 0,
    };
    return { orgId: o.id, orgName: o.name, districtName: o.districtName, ...t, ...candidate(t, cfg) };
  }).sort((a, b) => Number(b.eligible) - Number(a.eligible) || b.score - a.score || a.orgId.localeCompare(b.orgId));
  const threshold = { fullyKeptPct: cfg.candidateFullyKeptPct, noneNotKept: null, satisfaction: cfg.candidateSatisfactionMin, noDishonestyRecord: null } as const;
  return {
    year: input.year, criteriaAreSettings: true,
    criteria: CRITERIA.map((key) => ({ key, labelZh: CRITERION_LABELS[key].zh, labelEn: CRITERION_LABELS[key].en, threshold: threshold[key] })),
    weights: { fulfilment: cfg.weightFulfilment, satisfaction: cfg.weightSatisfaction },
    items: scored.slice(0, input.limit).map(({ fully: _f, ...x }, i) => ({ rank: i + 1, ...x })),
  };
}
