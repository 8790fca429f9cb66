/**
 * The public side (permission 'public'; the portal pages come with the portal issue): the commitment board of each
 * street/township, ratings by residents (rate-limited per client address, once per person per commitment), and the
 * ranked 诚信街道/乡镇 candidates with their criteria. Only published commitments; no evidence text, no people.
 */
import { randomInt } from 'node:crypto';
import {
  afterCursor,
  AppError,
  badInput,
  cursorOf,
  loadCalendar,
  newId,
  perOrg,
  personKey,
  rows,
  sql,
  throttle,
  type PluginServices,
  type Queryable,
  type TrpcContext,
} from '@chengxin/plugin-sdk';
import type { z } from 'zod';
import {
  CRITERION_LABELS,
  CRITERIA,
  PLUGIN_ID,
  townshipsConfig,
  type boardInput,
  type boardOut,
  type candidatesInput,
  type candidatesOut,
  type rateInput,
  type requestCodeInput,
  type TownshipsConfig,
} from '../contract';
import { commitmentRows, toCommitment, type CommitmentView } from './commitments';
import { publishedDisclosures } from './disclosures';
import { candidate, gradeOf } from './rules';
import { rating, ratingCode } from './schema';
import { smsSender } from './sms';

/** Ratings per client address per minute (a security limit like the kernel's public complaint form, not a domain value). */
const RATINGS_PER_MINUTE = 10;

async function published(db: Queryable, s: PluginServices, year: number, orgIds: string[]): Promise<CommitmentView[]> {
  if (orgIds.length === 0) return [];
  const list = await commitmentRows(
    db,
    sql`c.year = ${year} and c.published_on is not null and c.org_id = any(${sql.param(orgIds)}::uuid[])`,
    10_000,
  );
  const cal = await loadCalendar(db);
  const configOf = perOrg(async (orgId) => townshipsConfig.parse(await s.config<TownshipsConfig>(PLUGIN_ID, orgId)));
  const out: CommitmentView[] = [];
  for (const row of list) out.push(toCommitment(row, cal, s.today, await configOf(row.orgId)));
  return out;
}

async function townships(
  db: Queryable,
  year: number,
  where: ReturnType<typeof sql>,
  limit: number,
  withDisclosures = false,
) {
  return rows<{ id: string; name: string; districtName: string | null }>(
    db,
    sql`
    select o.id::text, o.name, d.name as "districtName" from kernel_api.org_unit o left join kernel_api.org_unit d on d.id = o.parent_id
    where (exists (select 1 from townships.commitment c where c.org_id = o.id and c.year = ${year} and c.published_on is not null)
      or (${withDisclosures} and exists (select 1 from townships.disclosure x where x.org_id = o.id and x.year = ${year} and x.status = 'published'))) and ${where}
    order by o.id limit ${limit}`,
  );
}

/** Reads of the public pages per client address per minute (each reads a district's commitments). */
const PUBLIC_READS_PER_MINUTE = 60;

export async function board(
  ctx: TrpcContext,
  s: PluginServices,
  db: Queryable,
  input: z.infer<typeof boardInput>,
): Promise<z.infer<typeof boardOut>> {
  await throttle(ctx, 'townships.public', PUBLIC_READS_PER_MINUTE, 'PUBLIC_THROTTLED');
  const after = afterCursor(input.cursor);
  const orgs = await townships(
    db,
    input.year,
    sql`${input.orgId ? sql`o.id = ${input.orgId}` : sql`true`} ${after ? sql`and o.id > ${after}::uuid` : sql``}
    ${input.q ? sql`and position(${input.q} in o.name) > 0` : sql``}
    ${input.districtId ? sql`and o.parent_id = ${input.districtId}::uuid` : sql``}`,
    input.limit + 1,
    true,
  );
  const page = orgs.slice(0, input.limit);
  const list = await published(
    db,
    s,
    input.year,
    page.map((o) => o.id),
  );
  const cfg = townshipsConfig.parse(await s.config<TownshipsConfig>(PLUGIN_ID, null));
  const disclosures = await publishedDisclosures(
    db,
    input.year,
    page.map((o) => o.id),
  );
  return {
    items: page.map((o) => ({
      disclosures: disclosures.get(o.id) ?? [],
      orgId: o.id,
      orgName: o.name,
      districtName: o.districtName,
      commitments: list
        .filter((c) => c.orgId === o.id)
        .sort((a, b) => a.area.localeCompare(b.area) || a.id.localeCompare(b.id))
        .map((c) => ({
          id: c.id,
          area: c.area,
          title: c.title,
          target: c.target,
          unit: c.unit,
          dueDate: c.dueDate,
          percent: c.progress.percent,
          status: c.progress.status,
          quarters: c.quarters.map((q) => ({ quarter: q.quarter, value: q.value })),
          grade: c.assessment?.grade ?? null,
          ratings: c.ratings,
        })),
    })),
    nextCursor: orgs.length > input.limit ? cursorOf(page.at(-1)!.id) : null,
    minRatingsShown: cfg.minRatingsShown,
  };
}

/**
 * A resident's rating: throttled per client address, once per person (keyed hash of the mobile number) per commitment.
 * Made-up numbers from many addresses once moved a street's satisfaction from 4.8 to 3.0, so only ratings whose
 * number was confirmed by an SMS code (requestCode) count in the published figures, and even those are held back
 * (flagged) past a daily cap per commitment or when one address rates one commitment too often in a day.
 */
export async function rate(
  ctx: TrpcContext,
  s: PluginServices,
  input: z.infer<typeof rateInput>,
): Promise<{ ok: true; count: number; verified: boolean }> {
  await throttle(ctx, 'townships.rate', RATINGS_PER_MINUTE, 'RATING_THROTTLED');
  // One address rating one commitment over and over is the cheapest stuffing: at most once a minute per commitment.
  await throttle(ctx, `townships.rate:${input.commitmentId}`, 1, 'RATING_THROTTLED');
  const raterKey = personKey(ctx, 'townships.rating', input.mobile);
  const addressKey = personKey(ctx, 'townships.rating.address', ctx.clientIp);
  // The caps are settings of the commitment's street (read before the transaction: one connection on PGlite).
  const [owner] = await rows<{ orgId: string }>(
    ctx.db,
    sql`select org_id::text as "orgId" from townships.commitment where id = ${input.commitmentId}`,
  );
  const cfg = townshipsConfig.parse(await s.config<TownshipsConfig>(PLUGIN_ID, owner?.orgId ?? null));
  // Checked (and a wrong try counted) before the rating's transaction, so a refusal does not undo the count.
  const verified = input.code
    ? await consumeCode(ctx.db, input.commitmentId, raterKey, codeHash(ctx, raterKey, input.code))
    : false;
  return s.write(async (tx, audit) => {
    const [c] = await rows<{ publishedOn: string | null }>(
      tx,
      sql`select published_on::text as "publishedOn" from townships.commitment where id = ${input.commitmentId} for update`,
    );
    if (!c?.publishedOn)
      throw badInput(
        'COMMITMENT_NOT_PUBLISHED',
        'commitmentId',
        '该承诺未公开，不能评价',
        'This commitment is not published',
      );
    const count = async () =>
      (
        await rows<{ n: number }>(
          tx,
          sql`select count(*)::int as n from townships.rating where commitment_id = ${input.commitmentId} and verified and flag is null`,
        )
      )[0]!.n;
    // A second rating by the same person changes nothing and answers like the first: a refusal would tell anyone who
    // tries a phone number whether its owner has rated this commitment. A verified repeat confirms an unverified first.
    const [before] = await rows<{ id: string; verified: boolean }>(
      tx,
      sql`select id::text, verified from townships.rating where commitment_id = ${input.commitmentId} and rater_key = ${raterKey}`,
    );
    if (before) {
      if (verified && !before.verified)
        await tx.execute(sql`update townships.rating set verified = true where id = ${before.id}`);
      return { ok: true as const, count: await count(), verified: verified || before.verified };
    }
    const [today] = await rows<{ total: number; here: number }>(
      tx,
      sql`select count(*) filter (where verified and flag is null)::int as total, count(*) filter (where address_key = ${addressKey})::int as here
      from townships.rating where commitment_id = ${input.commitmentId} and rated_on = ${s.today}::date`,
    );
    const flag =
      today!.here >= cfg.sameAddressDailyMax
        ? 'same_address'
        : verified && today!.total >= cfg.dailyRatingCap
          ? 'daily_cap'
          : null;
    const id = newId();
    await tx.insert(rating).values({
      id,
      commitmentId: input.commitmentId,
      raterKey,
      fulfilment: input.fulfilment,
      satisfaction: input.satisfaction,
      ratedOn: s.today,
      verified,
      flag,
      addressKey,
    });
    await audit('townships.commitment.rate', 'townships.commitment', input.commitmentId, {
      ratingId: id,
      fulfilment: input.fulfilment,
      satisfaction: input.satisfaction,
      verified,
      flag,
    });
    return { ok: true as const, count: await count(), verified };
  });
}

/** SMS codes per client address per minute, and per number and commitment per hour (a gateway costs money). */
const CODES_PER_MINUTE = 5;
const CODES_PER_NUMBER_PER_HOUR = 3;
const CODE_MINUTES = 10;
const CODE_ATTEMPTS = 5;
const codeHash = (ctx: TrpcContext, raterKey: string, code: string) =>
  personKey(ctx, 'townships.rating.code', `${raterKey}:${code}`);

/** Sends a 6-digit code to the mobile number; the same answer whether or not the number has rated before. */
export async function requestCode(
  ctx: TrpcContext,
  s: PluginServices,
  input: z.infer<typeof requestCodeInput>,
): Promise<{ ok: true; expiresInSeconds: number }> {
  await throttle(ctx, 'townships.code', CODES_PER_MINUTE, 'RATING_THROTTLED');
  const raterKey = personKey(ctx, 'townships.rating', input.mobile);
  const code = String(randomInt(0, 1_000_000)).padStart(6, '0');
  await s.write(async (tx) => {
    const [c] = await rows<{ publishedOn: string | null }>(
      tx,
      sql`select published_on::text as "publishedOn" from townships.commitment where id = ${input.commitmentId}`,
    );
    if (!c?.publishedOn)
      throw badInput(
        'COMMITMENT_NOT_PUBLISHED',
        'commitmentId',
        '该承诺未公开，不能评价',
        'This commitment is not published',
      );
    const [sent] = await rows<{ n: number }>(
      tx,
      sql`select count(*)::int as n from townships.rating_code where rater_key = ${raterKey} and created_at > now() - interval '1 hour'`,
    );
    if (sent!.n >= CODES_PER_NUMBER_PER_HOUR)
      throw new AppError(
        'TOO_MANY_REQUESTS',
        'RATING_CODE_THROTTLED',
        '该号码获取验证码过于频繁，请1小时后再试',
        'Too many codes for this number; retry in an hour',
        'mobile',
      );
    await tx.insert(ratingCode).values({
      id: newId(),
      commitmentId: input.commitmentId,
      raterKey,
      codeHash: codeHash(ctx, raterKey, code),
      expiresAt: new Date(Date.now() + CODE_MINUTES * 60_000).toISOString(),
    });
  });
  await smsSender().send(
    input.mobile.trim(),
    `【诚信天津】您评价街道承诺的验证码为${code}，${CODE_MINUTES}分钟内有效。如非本人操作请忽略。`,
  );
  return { ok: true, expiresInSeconds: CODE_MINUTES * 60 };
}

/** Checks a code (at most a few tries per code), and uses it up. A wrong code is a 400 naming the field. */
async function consumeCode(tx: Queryable, commitmentId: string, raterKey: string, hash: string): Promise<boolean> {
  const [latest] = await rows<{ id: string; ok: boolean }>(
    tx,
    sql`select id::text, code_hash = ${hash} as ok from townships.rating_code
    where rater_key = ${raterKey} and commitment_id = ${commitmentId} and expires_at > now() and attempts < ${CODE_ATTEMPTS} order by created_at desc limit 1`,
  );
  if (latest?.ok) {
    // Used once: of two calls racing with the same code, only the one whose delete removed it is verified.
    const used = await rows(tx, sql`delete from townships.rating_code where id = ${latest.id} returning id`);
    await tx.execute(
      sql`delete from townships.rating_code where rater_key = ${raterKey} and commitment_id = ${commitmentId}`,
    );
    if (used.length > 0) return true;
  }
  if (latest) await tx.execute(sql`update townships.rating_code set attempts = attempts + 1 where id = ${latest.id}`);
  throw badInput(
    'RATING_CODE_WRONG',
    'code',
    '验证码不正确或已过期，请重新获取',
    'The code is wrong or expired; request a new one',
  );
}

/** The ranked 诚信街道/乡镇 candidates for a year, with the (configured) criteria each meets or fails. */
export async function candidates(
  ctx: TrpcContext,
  s: PluginServices,
  db: Queryable,
  input: z.infer<typeof candidatesInput>,
): Promise<z.infer<typeof candidatesOut>> {
  await throttle(ctx, 'townships.public', PUBLIC_READS_PER_MINUTE, 'PUBLIC_THROTTLED');
  const cfg = townshipsConfig.parse(await s.config<TownshipsConfig>(PLUGIN_ID, null));
  const orgs = await townships(
    db,
    input.year,
    input.districtId ? sql`o.parent_id = ${input.districtId}` : sql`true`,
    5_000,
  );
  const list = await published(
    db,
    s,
    input.year,
    orgs.map((o) => o.id),
  );
  const records = new Map(
    (
      await rows<{ orgId: string; n: number }>(
        db,
        sql`
    select r.org_id::text as "orgId", count(*)::int as n from kernel_api.record r
    where r.polarity = 'dishonesty' and r.status = 'published' and r.org_id = any(${sql.param(orgs.map((o) => o.id))}::uuid[])
      and r.decision_date between ${`${input.year}-01-01`} and ${`${input.year}-12-31`} group by r.org_id`,
      )
    ).map((r) => [r.orgId, r.n]),
  );
  const ratingSums = new Map(
    (
      await rows<{ orgId: string; n: number; sum: number | string | null }>(
        db,
        sql`
    select c.org_id::text as "orgId", count(r.id)::int as n, sum(r.satisfaction) as sum from townships.commitment c join townships.rating r on r.commitment_id = c.id and r.verified and r.flag is null
    where c.year = ${input.year} and c.published_on is not null group by c.org_id`,
      )
    ).map((r) => [r.orgId, r]),
  );
  const scored = orgs
    .map((o) => {
      const mine = list.filter((c) => c.orgId === o.id);
      const grades = mine.map((c) => c.assessment?.grade ?? gradeOf(c.progress));
      const r = ratingSums.get(o.id);
      const t = {
        commitments: mine.length,
        fully: grades.filter((g) => g === 'fully').length,
        notKept: grades.filter((g) => g === 'not').length,
        ratings: r?.n ?? 0,
        satisfaction: r && r.n >= Math.max(1, cfg.minRatingsShown) ? Math.round((Number(r.sum) / r.n) * 10) / 10 : null,
        dishonestyRecords: records.get(o.id) ?? 0,
      };
      return { orgId: o.id, orgName: o.name, districtName: o.districtName, ...t, ...candidate(t, cfg) };
    })
    .sort((a, b) => Number(b.eligible) - Number(a.eligible) || b.score - a.score || a.orgId.localeCompare(b.orgId));
  const threshold = {
    fullyKeptPct: cfg.candidateFullyKeptPct,
    noneNotKept: null,
    satisfaction: cfg.candidateSatisfactionMin,
    noDishonestyRecord: null,
  } as const;
  return {
    year: input.year,
    criteriaAreSettings: true,
    criteria: CRITERIA.map((key) => ({
      key,
      labelZh: CRITERION_LABELS[key].zh,
      labelEn: CRITERION_LABELS[key].en,
      threshold: threshold[key],
    })),
    weights: { fulfilment: cfg.weightFulfilment, satisfaction: cfg.weightSatisfaction },
    items: scored.slice(0, input.limit).map(({ fully: _f, ...x }, i) => ({ rank: i + 1, ...x })),
  };
}
