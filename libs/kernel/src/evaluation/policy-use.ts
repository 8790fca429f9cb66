/**
 * Evaluation results put to use (plan 二.4: "在改革试点、项目投资、社会管理等政策领域和绩效考核中应用政务诚信评价结果").
 * The plan names the areas but no thresholds, so each area's thresholds and which year's result applies are settings
 * with labelled defaults (core/settings.ts), shown with every answer. An answer reads only a published evaluation.
 */
import { rows, type Queryable } from '@chengxin/db';
import { sql } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import type { z } from 'zod';
import {
  POLICY_AREA_LABELS,
  POLICY_OUTCOME_LABELS,
  type PolicyArea,
  type exportOut,
  type policyAreaOut,
  type policyEligibilityOut,
  type POLICY_OUTCOMES,
} from '@chengxin/contract/evaluation';
import { AppError, notFound } from '../core';
import { setting } from '../core/settings';
import type { RuleSource } from '../records';

type Outcome = (typeof POLICY_OUTCOMES)[number];
type AreaOut = z.infer<typeof policyAreaOut>;

export const POLICY_USE_SOURCE: RuleSource = {
  law: '天津市人民政府关于加强政务诚信建设的实施意见（津政发〔2017〕29号）',
  article: '二.4 在改革试点、项目投资、社会管理等政策领域和绩效考核中应用政务诚信评价结果（门槛未规定，为本地设置）',
  confidence: 'local',
};

const knob = (env: string, fallback: number, labelZh: string) => ({
  env,
  value: setting(env, fallback),
  fallback,
  labelZh,
});

/** The areas with their settings as in force now (read at call time, so a changed environment shows at once). */
export function policyAreas(): AreaOut[] {
  const lag = (area: string) =>
    knob(`CHENGXIN_POLICY_${area}_RESULT_LAG`, 1, '适用结果：决策年度前第N年已公布的评价（0 = 当年）');
  const reward = (area: PolicyArea, env: string, minScore: number, maxRank: number): AreaOut => {
    const s = [
      knob(`CHENGXIN_POLICY_${env}_MIN_SCORE`, minScore, '最低得分'),
      knob(`CHENGXIN_POLICY_${env}_MAX_RANK`, maxRank, '名次不低于（0 = 不限名次）'),
      lag(env),
    ];
    const rankPart = s[1]!.value > 0 ? `且名次在前${s[1]!.value}名` : '';
    return {
      area,
      labelZh: POLICY_AREA_LABELS[area].zh,
      labelEn: POLICY_AREA_LABELS[area].en,
      direction: 'reward',
      ruleId: `evaluation.use.${area}`,
      summaryZh: `适用决策年度前第${s[2]!.value}年已公布的政务诚信状况评价：得分不低于${s[0]!.value}分${rankPart}的，符合${POLICY_AREA_LABELS[area].zh}条件；数据不足的不作结论`,
      source: POLICY_USE_SOURCE,
      settings: s,
    };
  };
  const s = [
    knob('CHENGXIN_POLICY_SOCIAL_MAX_SCORE', 60, '得分低于此值的列为重点关注'),
    knob('CHENGXIN_POLICY_SOCIAL_BOTTOM_RANKS', 3, '排名末N位的列为重点关注（0 = 不按名次）'),
    lag('SOCIAL'),
  ];
  return [
    reward('pilot', 'PILOT', 85, 5),
    reward('investment', 'INVESTMENT', 70, 0),
    {
      area: 'social',
      labelZh: POLICY_AREA_LABELS.social.zh,
      labelEn: POLICY_AREA_LABELS.social.en,
      direction: 'attention',
      ruleId: 'evaluation.use.social',
      summaryZh: `适用决策年度前第${s[2]!.value}年已公布的政务诚信状况评价：得分低于${s[0]!.value}分${s[1]!.value > 0 ? `或排名末${s[1]!.value}位` : ''}的，列为社会管理重点关注；数据不足的不作结论`,
      source: POLICY_USE_SOURCE,
      settings: s,
    },
  ];
}

interface ScoreRow {
  score: number | null;
  rank: number | null;
  status: string;
}

/** The outcome of one area for one body's row of a published run (pure: the export and the answer share it). */
export function judgeArea(rule: AreaOut, row: ScoreRow | null, ranked: number): { outcome: Outcome; reasonZh: string } {
  if (!row) return { outcome: 'no_result', reasonZh: '该单位不在已公布的评价结果中' };
  if (row.status !== 'ranked' || row.score === null)
    return { outcome: 'insufficient', reasonZh: '评价数据不足（未参与排名），不作结论' };
  const v = (env: string) => rule.settings.find((x) => x.env.endsWith(env))!.value;
  const at = `得分${row.score}分，名次第${row.rank}名（共${ranked}个单位参与排名）`;
  if (rule.direction === 'reward') {
    const min = v('_MIN_SCORE');
    const maxRank = v('_MAX_RANK');
    const scoreOk = row.score >= min;
    const rankOk = maxRank === 0 || (row.rank !== null && row.rank <= maxRank);
    if (scoreOk && rankOk)
      return { outcome: 'eligible', reasonZh: `${at}，达到不低于${min}分${maxRank ? `、前${maxRank}名` : ''}的条件` };
    const why = [!scoreOk ? `低于${min}分` : null, !rankOk ? `不在前${maxRank}名` : null].filter(Boolean).join('，');
    return { outcome: 'not_eligible', reasonZh: `${at}，${why}` };
  }
  const maxScore = v('_MAX_SCORE');
  const bottom = v('_BOTTOM_RANKS');
  const low = row.score < maxScore;
  const last = bottom > 0 && row.rank !== null && row.rank > ranked - bottom;
  if (low || last)
    return {
      outcome: 'priority',
      reasonZh: `${at}，${[low ? `低于${maxScore}分` : null, last ? `排名末${bottom}位` : null].filter(Boolean).join('，')}`,
    };
  return { outcome: 'not_priority', reasonZh: `${at}，不低于${maxScore}分${bottom ? `且不在末${bottom}位` : ''}` };
}

interface Published {
  id: string;
  publishedAt: string;
  ranked: number;
}

async function publishedRun(db: Queryable, year: number, level: string, kind: string): Promise<Published | null> {
  const [run] = await rows<Published>(
    db,
    sql`select r.id::text, r.published_at::text as "publishedAt",
      (select count(*) from kernel.evaluation_score x where x.run_id = r.id and x.status = 'ranked')::int as ranked
    from kernel.evaluation_run r where r.status = 'published' and r.year = ${year} and r.level = ${level}
    order by (r.kind = ${kind}) desc, (r.kind = '') desc, r.published_at desc limit 1`,
  );
  return run ?? null;
}

/** 资格判断: may this district be chosen in this area this year, by the published evaluation and the area's rule. */
export async function policyEligibility(
  db: Queryable,
  input: { orgId: string; area: PolicyArea; year: number },
): Promise<z.infer<typeof policyEligibilityOut>> {
  const [org] = await rows<{ name: string; level: string; kind: string }>(
    db,
    sql`select name, level, kind from kernel.org_unit where id = ${input.orgId}`,
  );
  if (!org) throw notFound('org', '单位', input.orgId);
  const rule = policyAreas().find((a) => a.area === input.area)!;
  const resultYear = input.year - rule.settings.find((x) => x.env.endsWith('_RESULT_LAG'))!.value;
  const run = await publishedRun(db, resultYear, org.level, org.kind);
  const [row] = run
    ? await rows<ScoreRow>(
        db,
        sql`select score::float8 as score, rank, status from kernel.evaluation_score where run_id = ${run.id} and org_id = ${input.orgId}`,
      )
    : [];
  const judged = run
    ? judgeArea(rule, row ?? null, run.ranked)
    : { outcome: 'no_result' as const, reasonZh: `${resultYear}年度的评价结果尚未公布` };
  return {
    orgId: input.orgId,
    orgName: org.name,
    area: input.area,
    areaZh: rule.labelZh,
    outcome: judged.outcome,
    outcomeZh: POLICY_OUTCOME_LABELS[judged.outcome].zh,
    resultYear,
    runId: run?.id ?? null,
    publishedAt: run?.publishedAt ?? null,
    score: row?.score ?? null,
    rank: row?.rank ?? null,
    ranked: run?.ranked ?? 0,
    reasonZh: judged.reasonZh,
    rule,
  };
}

/**
 * 绩效考核 export for the level above: the published result of a year and level, one row per body, with its score, rank
 * and the outcome in each policy area (judged on this very result), as XLSX (or CSV with BOM for Excel).
 */
export async function performanceExport(
  db: Queryable,
  input: { year: number; level: string; format: 'csv' | 'xlsx' },
): Promise<z.infer<typeof exportOut>> {
  const [run] = await rows<Published & { schemeName: string; schemeVersion: number }>(
    db,
    sql`select r.id::text, r.published_at::text as "publishedAt", s.name as "schemeName", s.version as "schemeVersion",
      (select count(*) from kernel.evaluation_score x where x.run_id = r.id and x.status = 'ranked')::int as ranked
    from kernel.evaluation_run r join kernel.evaluation_scheme s on s.id = r.scheme_id
    where r.status = 'published' and r.year = ${input.year} and r.level = ${input.level} order by r.published_at desc limit 1`,
  );
  if (!run)
    throw new AppError(
      'NOT_FOUND',
      'EVALUATION_NOT_PUBLISHED',
      `${input.year}年度该层级的评价结果尚未公布`,
      `No published evaluation for ${input.year}`,
      'year',
    );
  const scores = await rows<ScoreRow & { orgName: string; previousScore: number | null }>(
    db,
    sql`select o.name as "orgName", x.score::float8 as score, x.rank, x.status, x.previous_score::float8 as "previousScore"
    from kernel.evaluation_score x join kernel.org_unit o on o.id = x.org_id
    where x.run_id = ${run.id} order by x.rank nulls last, x.score desc nulls last, o.name`,
  );
  const areas = policyAreas();
  const header = ['名次', '单位', '得分', '状态', '上年得分', ...areas.map((a) => a.labelZh)];
  const body = scores.map((s) => [
    s.rank ?? '',
    s.orgName,
    s.score ?? '',
    s.status === 'ranked' ? '参与排名' : '数据不足',
    s.previousScore ?? '',
    ...areas.map((a) => POLICY_OUTCOME_LABELS[judgeArea(a, s, run.ranked).outcome].zh),
  ]);
  const name = `performance-${input.year}-${input.level}`;
  if (input.format === 'csv') {
    const cell = (v: string | number) => {
      const t = String(v);
      return /[",\r\n]/.test(t) ? `"${t.replace(/"/g, '""')}"` : t;
    };
    return {
      filename: `${name}.csv`,
      contentType: 'text/csv; charset=utf-8',
      encoding: 'utf8',
      content: `\uFEFF${[header, ...body].map((row) => row.map(cell).join(',')).join('\r\n')}\r\n`,
    };
  }
  const book = new ExcelJS.Workbook();
  const sheet = book.addWorksheet(`${input.year}年度绩效考核`);
  sheet.addRow([
    `${run.schemeName}（方案第${run.schemeVersion}版，${run.publishedAt.slice(0, 10)}公布）——绩效考核应用`,
  ]);
  sheet.addRow(header);
  for (const row of body) sheet.addRow(row);
  const rules = book.addWorksheet('适用规则');
  rules.addRow(['政策领域', '规则', '依据', '设置项', '当前值', '默认值']);
  for (const a of areas)
    for (const k of a.settings)
      rules.addRow([a.labelZh, a.summaryZh, `${a.source.law} ${a.source.article}`, k.labelZh, k.value, k.fallback]);
  return {
    filename: `${name}.xlsx`,
    contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    encoding: 'base64',
    content: Buffer.from(await book.xlsx.writeBuffer()).toString('base64'),
  };
}
