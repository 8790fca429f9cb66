/**
 * Evaluation runs: score every body of a level for a year by a scheme version, store each score with its breakdown
 * and the contributions behind it, rank with the minimum-sample guard, compare with the previous year's published
 * result; then review (by someone other than who ran it) and publish.
 */
import { createHash } from 'node:crypto';
import { rows, type Queryable, type Tx } from '@chengxin/db';
import { sql } from 'drizzle-orm';
import type { z } from 'zod';
import { audit, write, type KernelContext, badInput, forbidden, notFound, newId } from '../core';
import { evaluationRun, evaluationScore } from './schema';
import type { breakdownItemOut, runListOut, runOut, runResultsOut, scoreOut } from '@chengxin/contract/evaluation';
import { illegalRunTransition } from './errors';
import { releasedExternalSql } from './external';
import { indicatorParams, type KernelIndicator } from './indicators';
import { getScheme, resolveIndicator, type Scheme } from './schemes';
import { rank, roundValue, weightedTotal } from './scoring';

type Run = z.infer<typeof runOut>;
type BreakdownItem = z.infer<typeof breakdownItemOut>;
interface Body {
  id: string;
  name: string;
  bodies: number;
}

/** The bodies of a level (and kind), each with how many bodies its subtree holds (itself included). */
function bodiesSql(level: string, kind: string) {
  return sql`select id, path from kernel.org_unit where level = ${level} and (${kind} = '' or kind = ${kind})`;
}

/** Every org unit mapped to the evaluated body whose subtree holds it, by the ids in its materialised path. */
const orgMapCte = (level: string, kind: string) => sql`with bodies as (${bodiesSql(level, kind)}),
  org_map as (select o.id as org_id, b.id as body_id from kernel.org_unit o cross join lateral unnest(string_to_array(o.path, '/')) s(seg) join bodies b on b.id::text = s.seg)`;

interface Aggregate {
  orgId: string;
  n: number;
  total: number;
  hash: string;
}

/**
 * Writes one indicator's contributions and returns, from the very rows written (RETURNING), each body's count, sum
 * and an order-independent checksum (sum of 64-bit row hashes) — one pass, no second scan and no sort.
 */
async function writeContributions(
  tx: Tx,
  runId: string,
  scheme: Scheme,
  indicator: KernelIndicator,
  params: Record<string, number>,
  cutoff: string,
): Promise<Aggregate[]> {
  const kind = scheme.kind ?? '';
  const select = indicator.contributions({
    orgMap: sql`org_map`,
    from: `${scheme.year}-01-01`,
    to: `${scheme.year}-12-31`,
    cutoff,
    year: scheme.year,
    params,
  });
  return rows<Aggregate>(
    tx,
    sql`${orgMapCte(scheme.level, kind)},
    written as (insert into kernel.evaluation_contribution (run_id, indicator, org_id, entity, entity_id, amount)
      select ${runId}::uuid, ${indicator.key}, x.org_id, x.entity, x.entity_id, x.amount from (${select}) x(org_id, entity, entity_id, amount)
      returning org_id, entity_id, amount)
    select org_id::text as "orgId", count(*)::int as n, sum(amount)::float8 as total,
      sum(hashtextextended(entity_id::text || ':' || org_id::text || ':' || amount::text, 0))::text as hash
    from written group by org_id`,
  );
}

const evidenceOf = (indicator: KernelIndicator, n: number, total: number, bodies: number): string =>
  indicator.aggregate === 'share'
    ? n === 0
      ? '无到期事项'
      : `共${n}件，${indicator.better === 'higher' ? '按期' : '成立'}${Math.round(total)}件`
    : `共${n}项，加权合计${roundValue(total)}，辖区${bodies}个单位`;

export async function runEvaluation(ctx: KernelContext, schemeId: string): Promise<Run> {
  const scheme = await getScheme(ctx.db, schemeId);
  const today = ctx.today();
  const from = `${scheme.year}-01-01`;
  const to = `${scheme.year}-12-31`;
  if (from > today)
    throw badInput(
      'EVALUATION_YEAR_NOT_STARTED',
      'schemeId',
      `${scheme.year}年度尚未开始，不能评价`,
      `Year ${scheme.year} has not started`,
    );
  const cutoff = today < to ? today : to;
  const kind = scheme.kind ?? '';
  const runId = newId();
  await write(ctx, async (tx) => {
    const bodies = await rows<Body>(
      tx,
      sql`select b.id::text, b.name,
        (select count(*) from kernel.org_unit o where o.path = b.path or o.path like b.path || '/%')::int as bodies
      from kernel.org_unit b where b.level = ${scheme.level} and (${kind} = '' or b.kind = ${kind}) order by b.path`,
    );
    if (bodies.length === 0)
      throw badInput('EVALUATION_NO_BODIES', 'schemeId', '该层级没有可评价的单位', 'No bodies at this level');
    const [previous] = await rows<{ id: string }>(
      tx,
      sql`select id::text from kernel.evaluation_run
      where year = ${scheme.year - 1} and level = ${scheme.level} and kind = ${kind} and status = 'published' order by published_at desc limit 1`,
    );
    await tx.insert(evaluationRun).values({
      id: runId,
      schemeId,
      year: scheme.year,
      level: scheme.level,
      kind,
      status: 'computed',
      inputsDigest: '',
      previousRunId: previous?.id ?? null,
      computedBy: ctx.actor?.id ?? null,
    });

    // Kernel indicators: contributions first (in SQL), then values aggregated from them.
    const values = new Map<string, Map<string, { value: number | null; sample: number; evidence: string }>>();
    const agg = new Map<string, Aggregate>();
    const kernelIndicators: { def: KernelIndicator; params: Record<string, number> }[] = [];
    const pluginValues: { key: string; values: unknown }[] = [];
    for (const ind of scheme.indicators) {
      const found = resolveIndicator(ind.key);
      if (!found)
        throw badInput(
          'INDICATOR_UNKNOWN',
          'schemeId',
          `方案中的指标“${ind.key}”已不存在（插件未安装）`,
          `Indicator ${ind.key} of the scheme no longer exists`,
        );
      if (found.kind === 'kernel') {
        const params = indicatorParams(found.def, ind.params);
        kernelIndicators.push({ def: found.def, params });
        for (const a of await writeContributions(tx, runId, scheme, found.def, params, cutoff))
          agg.set(`${found.def.key}|${a.orgId}`, a);
      } else {
        const computed = await found.def.compute(tx, { year: scheme.year, orgIds: bodies.map((b) => b.id) });
        const byOrg = new Map(
          computed.map((v) => [v.orgId, { value: roundValue(v.value), sample: v.sample, evidence: v.evidence }]),
        );
        values.set(ind.key, byOrg);
        pluginValues.push({ key: ind.key, values: [...byOrg].sort(([a], [b]) => (a < b ? -1 : 1)) });
      }
    }
    for (const { def } of kernelIndicators) {
      const byOrg = new Map<string, { value: number | null; sample: number; evidence: string }>();
      for (const b of bodies) {
        const a = agg.get(`${def.key}|${b.id}`);
        const n = a?.n ?? 0;
        const total = a?.total ?? 0;
        const value =
          def.aggregate === 'share' ? (n === 0 ? null : roundValue((total / n) * 100)) : roundValue(total / b.bodies);
        byOrg.set(b.id, { value, sample: n, evidence: evidenceOf(def, n, total, b.bodies) });
      }
      values.set(def.key, byOrg);
    }
    // Scores, ranks, and last year's published result beside them.
    const catalogue = new Map(scheme.indicators.map((i) => [i.key, resolveIndicator(i.key)!]));
    const totals = bodies.map((b) => {
      const inputs = scheme.indicators.map((i) => ({
        key: i.key,
        weight: i.weight,
        scale: i.scale,
        value: values.get(i.key)?.get(b.id)?.value ?? null,
        sample: values.get(i.key)?.get(b.id)?.sample ?? 0,
      }));
      const total = weightedTotal(inputs);
      const breakdown: BreakdownItem[] = scheme.indicators.map((i, n) => {
        const v = values.get(i.key)?.get(b.id);
        const def = catalogue.get(i.key)!;
        return {
          key: i.key,
          labelZh: def.kind === 'kernel' ? def.def.labelZh : def.def.label.zh,
          value: v?.value ?? null,
          unit: def.def.unit,
          sample: v?.sample ?? 0,
          score: total.items[n]!.score,
          weight: i.weight,
          contribution: total.items[n]!.contribution,
          evidence: v?.evidence ?? '无数据',
        };
      });
      return { orgId: b.id, name: b.name, score: total.score, sample: total.sample, breakdown };
    });
    const ranked = rank(totals, scheme.minSample);
    const prev = previous
      ? new Map(
          (
            await rows<{ orgId: string; score: number | null; rank: number | null }>(
              tx,
              sql`select org_id::text as "orgId", score::float8 as score, rank from kernel.evaluation_score where run_id = ${previous.id}`,
            )
          ).map((p) => [p.orgId, p]),
        )
      : new Map();
    for (let i = 0; i < ranked.length; i += 500) {
      await tx.insert(evaluationScore).values(
        ranked.slice(i, i + 500).map((r) => ({
          runId,
          orgId: r.orgId,
          score: r.score,
          rank: r.rank,
          status: r.status,
          sample: r.sample,
          previousScore: prev.get(r.orgId)?.score ?? null,
          previousRank: prev.get(r.orgId)?.rank ?? null,
          breakdown: r.breakdown,
        })),
      );
    }
    const digest = createHash('sha256')
      .update(
        JSON.stringify({
          scheme: { indicators: scheme.indicators, minSample: scheme.minSample },
          contributions: [...agg].sort(([a], [b]) => (a < b ? -1 : 1)).map(([key, a]) => `${key}:${a.n}:${a.hash}`),
          plugins: pluginValues,
        }),
      )
      .digest('hex');
    await tx.execute(sql`update kernel.evaluation_run set inputs_digest = ${digest} where id = ${runId}`);
    await audit(tx, ctx, 'evaluation.run', 'evaluation_run', runId, {
      schemeId,
      schemeVersion: scheme.version,
      year: scheme.year,
      level: scheme.level,
      kind,
      inputsDigest: digest,
      bodies: bodies.length,
      ranked: ranked.filter((r) => r.status === 'ranked').length,
    });
  });
  return getRun(ctx.db, runId);
}

const runColumns = sql`r.id::text, r.scheme_id::text as "schemeId", s.version as "schemeVersion", s.name as "schemeName", r.year, r.level, nullif(r.kind, '') as kind, r.status,
  r.inputs_digest as "inputsDigest", r.previous_run_id::text as "previousRunId", r.created_at::text as "computedAt", r.computed_by::text as "computedBy",
  r.reviewed_at::text as "reviewedAt", r.review_note as "reviewNote", r.published_at::text as "publishedAt",
  (select count(*) from kernel.evaluation_score x where x.run_id = r.id)::int as bodies,
  (select count(*) from kernel.evaluation_score x where x.run_id = r.id and x.status = 'ranked')::int as ranked`;

export async function getRun(db: Queryable, id: string): Promise<Run> {
  const [run] = await rows<Run>(
    db,
    sql`select ${runColumns} from kernel.evaluation_run r join kernel.evaluation_scheme s on s.id = r.scheme_id where r.id = ${id}`,
  );
  if (!run) throw notFound('run', '评价结果', id);
  return run;
}

export async function listRuns(
  db: Queryable,
  input: { year?: number | undefined; status?: string | undefined; limit: number; cursor?: string | undefined },
): Promise<z.infer<typeof runListOut>> {
  const items = await rows<Run>(
    db,
    sql`select ${runColumns} from kernel.evaluation_run r join kernel.evaluation_scheme s on s.id = r.scheme_id
    where (${input.year ?? null}::int is null or r.year = ${input.year ?? null}::int) and (${input.status ?? null}::text is null or r.status = ${input.status ?? null}::text)
      and (${input.cursor ?? null}::uuid is null or r.id < ${input.cursor ?? null}::uuid)
    order by r.id desc limit ${input.limit + 1}`,
  );
  const more = items.length > input.limit;
  return { items: items.slice(0, input.limit), nextCursor: more ? items[input.limit - 1]!.id : null };
}

export async function runResults(
  db: Queryable,
  id: string,
  options: { releasedExternalOnly?: boolean } = {},
): Promise<z.infer<typeof runResultsOut>> {
  const run = await getRun(db, id);
  const external = options.releasedExternalOnly ? sql`and ${releasedExternalSql}` : sql``;
  const scores = await rows<z.infer<typeof scoreOut>>(
    db,
    sql`select x.org_id::text as "orgId", o.name as "orgName", x.score::float8 as score, x.rank, x.status, x.sample,
      x.previous_score::float8 as "previousScore", x.previous_rank as "previousRank", x.breakdown,
      coalesce((select json_agg(json_build_object('source', e.source, 'score', e.score::float8, 'grade', e.grade) order by e.source)
        from kernel.evaluation_external e where e.org_id = x.org_id and e.year = ${run.year} ${external}), '[]'::json) as external
    from kernel.evaluation_score x join kernel.org_unit o on o.id = x.org_id
    where x.run_id = ${id} order by x.rank nulls last, x.score desc nulls last, o.name`,
  );
  return { ...run, scores };
}

async function lockRun(
  tx: Tx,
  id: string,
): Promise<{ status: string; computedBy: string | null; year: number; level: string; kind: string }> {
  const [run] = await rows<{ status: string; computedBy: string | null; year: number; level: string; kind: string }>(
    tx,
    sql`select status, computed_by::text as "computedBy", year, level, kind
    from kernel.evaluation_run where id = ${id} for update`,
  );
  if (!run) throw notFound('run', '评价结果', id);
  return run;
}

/** 审核: someone other than who ran it confirms the result, with a note. */
export async function reviewRun(ctx: KernelContext, id: string, note: string): Promise<Run> {
  await write(ctx, async (tx) => {
    const run = await lockRun(tx, id);
    if (run.status !== 'computed') throw illegalRunTransition(run.status, '审核');
    if (run.computedBy && run.computedBy === ctx.actor?.id)
      throw forbidden(
        'EVALUATION_SELF_REVIEW',
        '评价结果须由计算人以外的人员审核',
        'A run must be reviewed by someone other than who ran it',
        'runId',
      );
    await tx.execute(
      sql`update kernel.evaluation_run set status = 'reviewed', reviewed_at = now(), reviewed_by = ${ctx.actor?.id ?? null}, review_note = ${note} where id = ${id}`,
    );
    await audit(tx, ctx, 'evaluation.review', 'evaluation_run', id, { note });
  });
  return getRun(ctx.db, id);
}

/** 公布: a reviewed run becomes the published result of its year and level; an earlier published one is superseded. */
export async function publishRun(ctx: KernelContext, id: string): Promise<Run> {
  await write(ctx, async (tx) => {
    const run = await lockRun(tx, id);
    if (run.status !== 'reviewed') throw illegalRunTransition(run.status, '公布');
    const superseded = await rows<{ id: string }>(
      tx,
      sql`update kernel.evaluation_run set status = 'superseded'
      where year = ${run.year} and level = ${run.level} and kind = ${run.kind} and status = 'published' returning id::text`,
    );
    await tx.execute(
      sql`update kernel.evaluation_run set status = 'published', published_at = now(), published_by = ${ctx.actor?.id ?? null} where id = ${id}`,
    );
    await audit(tx, ctx, 'evaluation.publish', 'evaluation_run', id, { superseded: superseded.map((s) => s.id) });
  });
  return getRun(ctx.db, id);
}

/** The published result of a year and level for the public: scores, ranks and indicator values, no records. */
export async function publishedResults(
  db: Queryable,
  input: { year?: number | undefined; level: string; kind?: string | undefined },
): Promise<z.infer<typeof runResultsOut> | null> {
  const [run] = await rows<{ id: string }>(
    db,
    sql`select id::text from kernel.evaluation_run where status = 'published' and level = ${input.level}
    and (${input.kind ?? null}::text is null or kind = ${input.kind ?? null}::text)
    and (${input.year ?? null}::int is null or year = ${input.year ?? null}::int) order by year desc, published_at desc limit 1`,
  );
  if (!run) return null;
  // Third-party results only once a reviewer has released their list (plan 一.4); still beside ours, never blended.
  const results = await runResults(db, run.id, { releasedExternalOnly: true });
  return { ...results, computedBy: null, reviewNote: null };
}
