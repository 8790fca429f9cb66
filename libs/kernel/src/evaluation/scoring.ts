/**
 * Turning indicator values into scores, totals and ranks — pure and deterministic (the same values always give the
 * same scores, ranks and order), so a run can be recomputed and compared.
 */
import type { z } from 'zod';
import type { indicatorScale } from '@chengxin/contract/evaluation';

export type Scale = z.infer<typeof indicatorScale>;

const round = (x: number, places: number) => {
  const f = 10 ** places;
  // Half away from zero on the decimal value (not on the binary float's tail).
  return (Math.sign(x) * Math.round(Math.abs(x) * f + 1e-9)) / f;
};
export const roundScore = (x: number) => round(x, 2);
export const roundValue = (x: number) => round(x, 4);

/** The 0–100 score of a raw value on a scale. */
export function scaleScore(scale: Scale, value: number): number {
  if (scale.kind === 'linear') {
    const t = (value - scale.worst) / (scale.best - scale.worst);
    return roundScore(Math.min(1, Math.max(0, t)) * 100);
  }
  let score = scale.bands[0]!.score;
  for (const band of scale.bands) if (band.from <= value) score = band.score;
  return score;
}

export interface IndicatorValue {
  key: string;
  weight: number;
  scale: Scale;
  value: number | null;
  sample: number;
}

export interface Total {
  score: number | null;
  sample: number;
  items: { key: string; score: number | null; contribution: number | null }[];
}

/**
 * The weighted total of the indicators that have a value; an indicator without data gives its weight to the others
 * (a body is not punished, nor rewarded, for a process it never had). No indicator with data → no score.
 */
export function weightedTotal(values: IndicatorValue[]): Total {
  const scored = values.map((v) => ({
    key: v.key,
    weight: v.weight,
    score: v.value === null ? null : scaleScore(v.scale, v.value),
  }));
  const weightWithData = scored.reduce((s, v) => s + (v.score === null ? 0 : v.weight), 0);
  const items = scored.map((v) => ({
    key: v.key,
    score: v.score,
    contribution: v.score === null || weightWithData === 0 ? null : roundScore((v.weight / weightWithData) * v.score),
  }));
  const sample = values.reduce((s, v) => s + v.sample, 0);
  if (weightWithData === 0) return { score: null, sample, items };
  const total = scored.reduce((s, v) => s + (v.score === null ? 0 : (v.weight / weightWithData) * v.score), 0);
  return { score: roundScore(total), sample, items };
}

export interface Rankable {
  orgId: string;
  name: string;
  score: number | null;
  sample: number;
}

/**
 * Standard competition ranks (1, 2, 2, 4) by score among the bodies with enough data; a body below the minimum sample
 * (or without any score) is not ranked — it is listed after the ranked ones as 数据不足, never first. Ties in score keep
 * a stable order by name, then id.
 */
export function rank<T extends Rankable>(
  bodies: T[],
  minSample: number,
): (T & { rank: number | null; status: 'ranked' | 'insufficient' })[] {
  const enough = (b: T) => b.score !== null && b.sample >= minSample;
  const byName = (a: T, b: T) =>
    a.name.localeCompare(b.name, 'zh-CN') || (a.orgId < b.orgId ? -1 : a.orgId > b.orgId ? 1 : 0);
  const ranked = bodies.filter(enough).sort((a, b) => b.score! - a.score! || byName(a, b));
  const rest = bodies.filter((b) => !enough(b)).sort(byName);
  let previous: { score: number; rank: number } | null = null;
  const out = ranked.map((b, i) => {
    const r: number = previous && previous.score === b.score ? previous.rank : i + 1;
    previous = { score: b.score!, rank: r };
    return { ...b, rank: r, status: 'ranked' as const };
  });
  return [...out, ...rest.map((b) => ({ ...b, rank: null, status: 'insufficient' as const }))];
}
