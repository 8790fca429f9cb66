/**
 * Indicator systems as data: the catalogue (kernel indicators + every installed plugin's), schemes saved as new
 * versions, and a starting template. Nothing about weights or scales is fixed in code — the template is only a
 * proposal an evaluator edits and saves.
 */
import { rows, type Queryable } from '@chengxin/db';
import { sql } from 'drizzle-orm';
import type { z } from 'zod';
import { audit, write, type KernelContext, notFound, type RowIssue, newId } from '../core';
import { rowErrors } from './errors';
import { installedPlugins } from '../plugins';
import type { PluginIndicator } from '../plugins';
import { evaluationScheme } from './schema';
import type { indicatorCatalogueOut, schemeOut, schemeSaveInput } from '@chengxin/contract/evaluation';
import { KERNEL_INDICATORS, type KernelIndicator } from './indicators';

export type SchemeInput = z.infer<typeof schemeSaveInput>;
export type Scheme = z.infer<typeof schemeOut>;
type CatalogueEntry = z.infer<typeof indicatorCatalogueOut>;

export function indicatorCatalogue(): CatalogueEntry[] {
  const kernel = KERNEL_INDICATORS.map((i) => ({
    key: i.key,
    owner: 'kernel',
    labelZh: i.labelZh,
    labelEn: i.labelEn,
    unit: i.unit,
    better: i.better,
    descriptionZh: i.descriptionZh,
    params: i.params,
    source: i.source,
  }));
  const plugins = installedPlugins().flatMap((p) =>
    p.indicators.map((i) => ({
      key: i.key,
      owner: p.id,
      labelZh: i.label.zh,
      labelEn: i.label.en,
      unit: i.unit,
      better: i.better,
      descriptionZh: `${p.label.zh}插件提供的指标`,
      params: {},
      source: i.source,
    })),
  );
  return [...kernel, ...plugins];
}

export type ResolvedIndicator = { kind: 'kernel'; def: KernelIndicator } | { kind: 'plugin'; def: PluginIndicator };

export function resolveIndicator(key: string): ResolvedIndicator | null {
  const k = KERNEL_INDICATORS.find((i) => i.key === key);
  if (k) return { kind: 'kernel', def: k };
  for (const p of installedPlugins()) {
    const i = p.indicators.find((x) => x.key === key);
    if (i) return { kind: 'plugin', def: i };
  }
  return null;
}

/** Every indicator must exist and take only the parameters it declares; all problems are reported at once. */
function checkIndicators(input: SchemeInput): void {
  const issues: RowIssue[] = [];
  input.indicators.forEach((ind, index) => {
    const found = resolveIndicator(ind.key);
    if (!found) {
      issues.push({
        index,
        field: `indicators.${index}.key`,
        code: 'INDICATOR_UNKNOWN',
        messageZh: `没有指标“${ind.key}”`,
        messageEn: `No indicator ${ind.key}`,
      });
      return;
    }
    const known = found.kind === 'kernel' ? found.def.params : {};
    for (const name of Object.keys(ind.params)) {
      if (!(name in known))
        issues.push({
          index,
          field: `indicators.${index}.params.${name}`,
          code: 'INDICATOR_PARAM_UNKNOWN',
          messageZh: `指标“${ind.key}”没有参数“${name}”`,
          messageEn: `Indicator ${ind.key} has no parameter ${name}`,
        });
    }
  });
  if (issues.length) throw rowErrors(issues);
}

const schemeColumns = sql`s.id::text, s.year, s.level, nullif(s.kind, '') as kind, s.version, s.name, s.min_sample as "minSample", s.indicators, s.note,
  s.created_at::text as "createdAt", s.created_by::text as "createdBy"`;

export async function saveScheme(ctx: KernelContext, input: SchemeInput): Promise<Scheme> {
  checkIndicators(input);
  const id = newId();
  const kind = input.kind ?? '';
  await write(ctx, async (tx) => {
    // Two saves at once: the lock makes the second take the next version number.
    await tx.execute(
      sql`select pg_advisory_xact_lock(hashtext(${`evaluation_scheme:${input.year}:${input.level}:${kind}`}))`,
    );
    const [last] = await rows<{ v: number | null }>(
      tx,
      sql`select max(version) as v from kernel.evaluation_scheme where year = ${input.year} and level = ${input.level} and kind = ${kind}`,
    );
    const version = Number(last?.v ?? 0) + 1;
    const indicators = input.indicators.map((i) => ({
      key: i.key,
      weight: i.weight,
      scale: i.scale,
      params: i.params,
    }));
    await tx.insert(evaluationScheme).values({
      id,
      year: input.year,
      level: input.level,
      kind,
      version,
      name: input.name,
      minSample: input.minSample,
      indicators,
      note: input.note ?? null,
      createdBy: ctx.actor?.id ?? null,
    });
    await audit(tx, ctx, 'evaluation.scheme.save', 'evaluation_scheme', id, {
      year: input.year,
      level: input.level,
      kind,
      version,
      name: input.name,
      minSample: input.minSample,
      indicators,
    });
  });
  return getScheme(ctx.db, id);
}

export async function getScheme(db: Queryable, id: string): Promise<Scheme> {
  const [s] = await rows<Scheme>(db, sql`select ${schemeColumns} from kernel.evaluation_scheme s where s.id = ${id}`);
  if (!s) throw notFound('scheme', '评价方案', id);
  return s;
}

export async function listSchemes(
  db: Queryable,
  filter: { year?: number | undefined; level?: string | undefined },
): Promise<Scheme[]> {
  return rows<Scheme>(
    db,
    sql`select ${schemeColumns} from kernel.evaluation_scheme s
    where (${filter.year ?? null}::int is null or s.year = ${filter.year ?? null}::int) and (${filter.level ?? null}::text is null or s.level = ${filter.level ?? null}::text)
    order by s.year desc, s.level, s.kind, s.version desc limit 200`,
  );
}

/**
 * A proposal to start from: every kernel indicator and every installed plugin's, equal-ish weights, scales that put
 * a clean record at 100. Shown in the console as 建议值 (unconfirmed); nothing runs until an evaluator saves a scheme.
 */
export function schemeTemplate(year: number, level: SchemeInput['level']): SchemeInput {
  const kernel: SchemeInput['indicators'] = [
    { key: 'kernel.dishonesty', weight: 30, scale: { kind: 'linear', best: 0, worst: 5 }, params: {} },
    { key: 'kernel.rectifications_on_time', weight: 15, scale: { kind: 'linear', best: 100, worst: 50 }, params: {} },
    { key: 'kernel.objections_founded', weight: 10, scale: { kind: 'linear', best: 0, worst: 50 }, params: {} },
    { key: 'kernel.complaints_on_time', weight: 10, scale: { kind: 'linear', best: 100, worst: 50 }, params: {} },
    { key: 'kernel.proposals_on_time', weight: 5, scale: { kind: 'linear', best: 100, worst: 60 }, params: {} },
    { key: 'kernel.inspection_findings', weight: 5, scale: { kind: 'linear', best: 0, worst: 2 }, params: {} },
    { key: 'kernel.commendations', weight: 5, scale: { kind: 'linear', best: 0.5, worst: 0 }, params: {} },
  ];
  const plugins = installedPlugins().flatMap((p) =>
    p.indicators.map((i) => ({
      key: i.key,
      weight: 5,
      params: {},
      scale:
        i.unit === '%'
          ? i.better === 'higher'
            ? { kind: 'linear' as const, best: 100, worst: 50 }
            : { kind: 'linear' as const, best: 0, worst: 50 }
          : i.better === 'higher'
            ? { kind: 'linear' as const, best: 100, worst: 0 }
            : { kind: 'linear' as const, best: 0, worst: 100 },
    })),
  );
  // District and city levels also hold departments: the district evaluation scores the district governments.
  return {
    year,
    level,
    kind: level === 'district' ? 'government' : level === 'city' ? 'department' : null,
    name: `${year}年度政务诚信状况评价（${level === 'district' ? '区级' : level === 'street' ? '街道乡镇' : '市级部门'}）`,
    minSample: 5,
    indicators: [...kernel, ...plugins],
  };
}
