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
