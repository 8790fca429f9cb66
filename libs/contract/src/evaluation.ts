/**
 * The evaluation's API shapes (政务诚信状况评价): schemes (indicators, weights, scales per year and level, versioned),
 * runs with their scores and breakdowns, third-party evaluations, and the subtree roll-up. Browser-safe.
 */
import { z } from 'zod';
import { id, legalDate, page } from './common';
import { ORG_KINDS, ORG_LEVELS } from './labels';

export const EVALUATION_LEVELS = ORG_LEVELS;
export const RUN_STATUSES = ['computed', 'reviewed', 'published', 'superseded'] as const;

const finite = z.number().finite();

/**
 * How an indicator's raw value becomes a 0–100 score: linearly between the value that scores 100 (`best`) and the one
 * that scores 0 (`worst`), clamped; or by bands — the score of the last band whose `from` is ≤ the value.
 */
export const indicatorScale = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('linear'), best: finite, worst: finite }).refine((s) => s.best !== s.worst, {
    message: 'best 与 worst 不能相同 / best and worst must differ',
    path: ['worst'],
  }),
  z.object({
    kind: z.literal('bands'),
    bands: z
      .array(z.object({ from: finite, score: z.number().min(0).max(100) }))
      .min(1)
      .max(20)
      .refine((b) => b.every((x, i) => i === 0 || x.from > b[i - 1]!.from), {
        message: '分档须按起点从小到大排列 / bands must be in increasing order of from',
      }),
  }),
]);

export const schemeIndicatorInput = z
  .object({
    key: z.string().min(3).max(100),
    weight: z.number().positive().max(1000),
    scale: indicatorScale,
    /** Indicator parameters (e.g. severity weights, look-back years); unknown names are refused. */
    params: z.record(z.string().max(40), finite).default({}),
  })
  .strict();

export const schemeSaveInput = z
  .object({
    year: z.number().int().min(2000).max(2100),
    level: z.enum(EVALUATION_LEVELS),
    /** Only bodies of this kind at the level (e.g. departments at city level); all kinds when omitted. */
    kind: z.enum(ORG_KINDS).nullable().default(null),
    name: z.string().trim().min(2).max(200),
    /** A body with fewer data points than this is shown as 数据不足 and not ranked. */
    minSample: z.number().int().min(0).max(100_000).default(5),
    indicators: z
      .array(schemeIndicatorInput)
      .min(1)
      .max(40)
      .refine((list) => new Set(list.map((i) => i.key)).size === list.length, {
        message: '指标不能重复 / an indicator may appear only once',
      }),
    note: z.string().max(2000).optional(),
  })
  .strict();

export const indicatorCatalogueOut = z.object({
  key: z.string(),
  owner: z.string(),
  labelZh: z.string(),
  labelEn: z.string(),
  unit: z.string(),
  better: z.enum(['higher', 'lower']),
  descriptionZh: z.string(),
  params: z.record(z.string(), z.object({ default: z.number(), labelZh: z.string() })),
  source: z.object({
    law: z.string(),
    article: z.string(),
    confidence: z.enum(['law', '2nd', 'local', 'unconfirmed']),
  }),
});

export const schemeOut = z.object({
  id: z.string(),
  year: z.number(),
  level: z.enum(EVALUATION_LEVELS),
  kind: z.enum(ORG_KINDS).nullable(),
  version: z.number(),
  name: z.string(),
  minSample: z.number(),
  indicators: z.array(
    z.object({ key: z.string(), weight: z.number(), scale: indicatorScale, params: z.record(z.string(), z.number()) }),
  ),
  note: z.string().nullable(),
  createdAt: z.string(),
  createdBy: z.string().nullable(),
});

export const schemeListInput = z
  .object({ year: z.number().int().min(2000).max(2100).optional(), level: z.enum(EVALUATION_LEVELS).optional() })
  .strict();

export const runInput = z.object({ schemeId: id }).strict();

export const breakdownItemOut = z.object({
  key: z.string(),
  labelZh: z.string(),
  /** The raw indicator value, or null when the body has no data for it (its weight then goes to the others). */
  value: z.number().nullable(),
  unit: z.string(),
  sample: z.number(),
  score: z.number().nullable(),
  weight: z.number(),
  /** Points this indicator adds to the total (weight share × score). */
  contribution: z.number().nullable(),
  evidence: z.string(),
});

export const scoreOut = z.object({
  orgId: z.string(),
  orgName: z.string(),
  score: z.number().nullable(),
  rank: z.number().nullable(),
  /** ranked | insufficient (fewer data points than the scheme's minimum sample). */
  status: z.enum(['ranked', 'insufficient']),
  sample: z.number(),
  previousScore: z.number().nullable(),
  previousRank: z.number().nullable(),
  breakdown: z.array(breakdownItemOut),
  external: z.array(z.object({ source: z.string(), score: z.number().nullable(), grade: z.string().nullable() })),
});

export const runOut = z.object({
  id: z.string(),
  schemeId: z.string(),
  schemeVersion: z.number(),
  schemeName: z.string(),
  year: z.number(),
  level: z.enum(EVALUATION_LEVELS),
  kind: z.enum(ORG_KINDS).nullable(),
  status: z.enum(RUN_STATUSES),
  inputsDigest: z.string(),
  previousRunId: z.string().nullable(),
  computedAt: z.string(),
  computedBy: z.string().nullable(),
  reviewedAt: z.string().nullable(),
  reviewNote: z.string().nullable(),
  publishedAt: z.string().nullable(),
  bodies: z.number(),
  ranked: z.number(),
});

export const runResultsOut = runOut.extend({ scores: z.array(scoreOut) });
export const runListInput = z
  .object({
    year: z.number().int().min(2000).max(2100).optional(),
    status: z.enum(RUN_STATUSES).optional(),
    limit: z.number().int().min(1).max(100).default(20),
    cursor: id.optional(),
  })
  .strict();
export const runListOut = page(runOut);
export const reviewInput = z.object({ runId: id, note: z.string().trim().min(2).max(2000) }).strict();
export const publishInput = z.object({ runId: id }).strict();

export const contributionsInput = z
  .object({
    runId: id,
    orgId: id,
    indicator: z.string().max(100).optional(),
    limit: z.number().int().min(1).max(500).default(100),
    cursor: z.string().max(200).optional(),
  })
  .strict();
export const contributionOut = z.object({
  indicator: z.string(),
  entity: z.enum(['record', 'rectification', 'objection', 'complaint', 'proposal', 'finding', 'notice']),
  entityId: z.string(),
  amount: z.number(),
  /** What the entity is: a record's type, severity, decision no. and date; a process's deadline and outcome. */
  summary: z.string(),
  date: legalDate.nullable(),
});
export const contributionsOut = page(contributionOut);

export const exportInput = z.object({ runId: id, format: z.enum(['csv', 'xlsx']) }).strict();
export const exportOut = z.object({
  filename: z.string(),
  contentType: z.string(),
  content: z.string(),
  encoding: z.enum(['utf8', 'base64']),
});

export const externalImportInput = z
  .object({
    source: z.string().trim().min(2).max(200),
    year: z.number().int().min(2000).max(2100),
    rows: z
      .array(
        z
          .object({
            /** The body, by id or by 统一社会信用代码. */
            orgId: id.optional(),
            uscc: z.string().trim().length(18).optional(),
            score: z.number().min(0).max(100).nullable().default(null),
            grade: z.string().trim().max(40).nullable().default(null),
            note: z.string().max(1000).optional(),
          })
          .strict(),
      )
      .min(1)
      .max(5000),
    /** Who rated (the agency's name; the source when omitted), how, and when: shown with the list once released. */
    rater: z.string().trim().min(2).max(200).optional(),
    methodSummary: z.string().trim().min(10).max(2000).optional(),
    ratedOn: legalDate.optional(),
  })
  .strict();
export const externalImportOut = z.object({
  source: z.string(),
  year: z.number(),
  imported: z.number(),
  replaced: z.number(),
});
export const externalListInput = z
  .object({ year: z.number().int().min(2000).max(2100), source: z.string().max(200).optional() })
  .strict();
export const externalOut = z.object({
  source: z.string(),
  year: z.number(),
  orgId: z.string(),
  orgName: z.string(),
  score: z.number().nullable(),
  grade: z.string().nullable(),
  note: z.string().nullable(),
  importedAt: z.string(),
});

export const publishedInput = z
  .object({
    year: z.number().int().min(2000).max(2100).optional(),
    level: z.enum(EVALUATION_LEVELS).default('district'),
    kind: z.enum(ORG_KINDS).optional(),
  })
  .strict();

export const rollupInput = z
  .object({
    /** The root whose subtree is rolled up; the caller's own root when omitted. */
    orgId: id.optional(),
    /** child: one row per body directly below the root (plus the root's own bodies); org: one row per body. */
    groupBy: z.enum(['child', 'org']).default('child'),
    year: z.number().int().min(2000).max(2100).optional(),
  })
  .strict();
const counts = z.record(z.string(), z.number());
export const rollupRowOut = z.object({
  orgId: z.string(),
  orgName: z.string(),
  bodies: z.number(),
  records: z.number(),
  byStatus: counts,
  bySeverity: counts,
  byType: counts,
  overdue: z.object({
    objections: z.number(),
    complaints: z.number(),
    repairs: z.number(),
    rectifications: z.number(),
  }),
  coverage: z.object({ bodyShare: z.number().nullable(), personShare: z.number().nullable() }),
});
export const rollupOut = z.object({
  rootOrgId: z.string(),
  asOf: legalDate,
  year: z.number(),
  total: rollupRowOut.omit({ orgId: true, orgName: true }),
  rows: z.array(rollupRowOut),
});

// ---- procedure inputs and outputs (named for the procedure they belong to) ----
export const schemesIndicatorsInput = z.void();
export const schemesIndicatorsOutput = z.array(indicatorCatalogueOut);
export const schemesTemplateInput = z
  .object({ year: z.number().int().min(2000).max(2100), level: z.enum(EVALUATION_LEVELS) })
  .strict();
export const schemesListOutput = z.array(schemeOut);
export const schemesGetInput = z.object({ id: z.uuid() }).strict();
export const runsGetInput = z.object({ id: z.uuid() }).strict();
export const externalListOutput = z.array(externalOut);

// ---- third-party lists: review and release (plan 一.4 "及时公布结果") ----
export const EXTERNAL_RELEASE_STATUSES = ['imported', 'released', 'withdrawn'] as const;
export const EXTERNAL_RELEASE_LABELS: Record<(typeof EXTERNAL_RELEASE_STATUSES)[number], { zh: string; en: string }> = {
  imported: { zh: '待审核发布', en: 'Awaiting release' },
  released: { zh: '已发布', en: 'Released' },
  withdrawn: { zh: '已撤回', en: 'Withdrawn' },
};
const externalKey = {
  source: z.string().trim().min(2).max(200),
  year: z.number().int().min(2000).max(2100),
};
export const externalBatchesInput = z.object({ year: z.number().int().min(2000).max(2100).optional() }).strict();
export const externalBatchOut = z.object({
  source: z.string(),
  year: z.number(),
  rater: z.string(),
  methodSummary: z.string().nullable(),
  ratedOn: legalDate.nullable(),
  status: z.enum(EXTERNAL_RELEASE_STATUSES),
  rows: z.number(),
  importedAt: z.string(),
  releasedAt: z.string().nullable(),
  releaseNote: z.string().nullable(),
  withdrawnReason: z.string().nullable(),
});
export const externalBatchesOutput = z.array(externalBatchOut);
export const externalReleaseInput = z.object({ ...externalKey, note: z.string().trim().min(2).max(2000) }).strict();
export const externalWithdrawInput = z.object({ ...externalKey, reason: z.string().trim().min(2).max(2000) }).strict();
export const thirdPartyInput = z.object({ year: z.number().int().min(2000).max(2100).optional() }).strict();
export const thirdPartyListOut = z.object({
  source: z.string(),
  year: z.number(),
  rater: z.string(),
  methodSummary: z.string(),
  ratedOn: legalDate,
  releasedAt: z.string(),
  rows: z.array(
    z.object({ orgId: z.string(), orgName: z.string(), score: z.number().nullable(), grade: z.string().nullable() }),
  ),
});
export const thirdPartyOut = z.object({
  /** The year shown (the latest with a released list when none was asked for). */
  year: z.number().nullable(),
  years: z.array(z.number()),
  lists: z.array(thirdPartyListOut),
});

// ---- evaluation results put to use (plan 二.4: 改革试点、项目投资、社会管理 and 绩效考核) ----
export const POLICY_AREAS = ['pilot', 'investment', 'social'] as const;
export type PolicyArea = (typeof POLICY_AREAS)[number];
export const POLICY_AREA_LABELS: Record<PolicyArea, { zh: string; en: string }> = {
  pilot: { zh: '改革试点遴选', en: 'Reform pilot selection' },
  investment: { zh: '项目投资支持', en: 'Project investment support' },
  social: { zh: '社会管理重点关注', en: 'Social management priority' },
};
export const POLICY_OUTCOMES = [
  'eligible',
  'not_eligible',
  'priority',
  'not_priority',
  'insufficient',
  'no_result',
] as const;
export const POLICY_OUTCOME_LABELS: Record<(typeof POLICY_OUTCOMES)[number], { zh: string; en: string }> = {
  eligible: { zh: '符合条件', en: 'Eligible' },
  not_eligible: { zh: '不符合条件', en: 'Not eligible' },
  priority: { zh: '列为重点关注', en: 'Priority' },
  not_priority: { zh: '不列为重点关注', en: 'Not a priority' },
  insufficient: { zh: '数据不足，不作结论', en: 'Too little data to answer' },
  no_result: { zh: '无已公布的评价结果', en: 'No published result' },
};
const policySetting = z.object({ env: z.string(), value: z.number(), fallback: z.number(), labelZh: z.string() });
export const policyAreaOut = z.object({
  area: z.enum(POLICY_AREAS),
  labelZh: z.string(),
  labelEn: z.string(),
  /** reward: the better results qualify; attention: the worse results are put first. */
  direction: z.enum(['reward', 'attention']),
  ruleId: z.string(),
  summaryZh: z.string(),
  source: z.object({ law: z.string(), article: z.string(), confidence: z.string() }),
  settings: z.array(policySetting),
});
export const policyAreasInput = z.void();
export const policyAreasOutput = z.array(policyAreaOut);
export const policyEligibilityInput = z
  .object({
    orgId: id,
    area: z.enum(POLICY_AREAS),
    /** The year the decision is made in; the result that applies follows from the area's setting. */
    year: z.number().int().min(2000).max(2100),
  })
  .strict();
export const policyEligibilityOut = z.object({
  orgId: z.string(),
  orgName: z.string(),
  area: z.enum(POLICY_AREAS),
  areaZh: z.string(),
  outcome: z.enum(POLICY_OUTCOMES),
  outcomeZh: z.string(),
  /** The evaluation year whose published result applies. */
  resultYear: z.number(),
  runId: z.string().nullable(),
  publishedAt: z.string().nullable(),
  score: z.number().nullable(),
  rank: z.number().nullable(),
  ranked: z.number(),
  reasonZh: z.string(),
  rule: policyAreaOut,
});
export const performanceExportInput = z
  .object({
    year: z.number().int().min(2000).max(2100),
    level: z.enum(EVALUATION_LEVELS).default('district'),
    format: z.enum(['csv', 'xlsx']).default('xlsx'),
  })
  .strict();
