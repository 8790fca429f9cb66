import {
  badInput,
  emptyReport,
  newId,
  tally,
  notFound,
  orgInScope,
  orgsById,
  rows,
  sql,
  type PluginIndicator,
  type PluginRuntimeContext,
  type PluginServices,
  type Queryable,
  type ScanReport,
} from '@chengxin/plugin-sdk';
import type { z } from 'zod';
import { debtConfig, PLUGIN_ID, type DebtConfig, type FigureInput, type RatingOut, type figureOut } from '../contract';
import { rate, RULES } from './rating';
import { debtFigure } from './schema';

export const OVERDUE_TYPE = `${PLUGIN_ID}.overdue_debt`;
type FigureOut = z.infer<typeof figureOut>;

const COLUMNS = sql`f.id::text, f.org_id::text as "orgId", o.name as "orgName", f.year, f.balance_fen::bigint as "balanceFen", f.capacity_fen::bigint as "capacityFen",
  f.principal_interest_due_fen::bigint as "principalInterestDueFen", f.overdue_fen::bigint as "overdueFen", f.new_debt_fen::bigint as "newDebtFen", to_json(f.updated_at)#>>'{}' as "updatedAt"`;
const numeric = (r: Record<string, unknown>): FigureOut => ({
  ...(r as FigureOut),
  ...Object.fromEntries(
    ['balanceFen', 'capacityFen', 'principalInterestDueFen', 'overdueFen', 'newDebtFen'].map((k) => [k, Number(r[k])]),
  ),
});

export async function listFigures(
  s: PluginServices,
  db: Queryable,
  input: { orgId?: string | undefined; year?: number | undefined; limit: number },
) {
  const list = await rows<Record<string, unknown>>(
    db,
    sql`select ${COLUMNS} from local_debt.debt_figure f join kernel_api.org_unit o on o.id = f.org_id
    where ${orgInScope(s.scope, sql`f.org_id`)} ${input.orgId ? sql`and f.org_id = ${input.orgId}` : sql``} ${input.year ? sql`and f.year = ${input.year}` : sql``}
    order by f.year desc, o.path limit ${input.limit}`,
  );
  return list.map(numeric);
}

/** Saves one district's figures for a year (a correction replaces them; the audit entry keeps the figures before). */
export async function saveFigures(s: PluginServices, db: Queryable, input: FigureInput): Promise<FigureOut> {
  const org = (await orgsById(db, [input.orgId])).get(input.orgId);
  if (!org) throw badInput('ORG_NOT_FOUND', 'orgId', '地区单位不存在', 'No such org unit');
  const thisYear = Number(s.today.slice(0, 4));
  if (input.year > thisYear)
    throw badInput('YEAR_IN_FUTURE', 'year', `年度不能晚于今年（${thisYear}）`, `The year cannot be after ${thisYear}`);
  await s.write(async (tx, audit) => {
    const [before] = await rows<Record<string, unknown>>(
      tx,
      sql`select ${COLUMNS} from local_debt.debt_figure f join kernel_api.org_unit o on o.id = f.org_id where f.org_id = ${input.orgId} and f.year = ${input.year} for update of f`,
    );
    const id = (before?.['id'] as string | undefined) ?? newId();
    await tx
      .insert(debtFigure)
      .values({ id, ...input, updatedBy: s.actor?.id ?? null })
      .onConflictDoUpdate({
        target: [debtFigure.orgId, debtFigure.year],
        set: { ...input, updatedAt: sql`now()` as never, updatedBy: s.actor?.id ?? null },
      });
    await audit(before ? 'local-debt.figures.correct' : 'local-debt.figures.report', 'local-debt.debt_figure', id, {
      ...input,
      before: before ? numeric(before) : null,
    });
  });
  const [saved] = await rows<Record<string, unknown>>(
    db,
    sql`select ${COLUMNS} from local_debt.debt_figure f join kernel_api.org_unit o on o.id = f.org_id where f.org_id = ${input.orgId} and f.year = ${input.year}`,
  );
  return numeric(saved!);
}

/** Each year's figures with the body's previous year-end balance (the new-debt ratio's base) where it is held. */
function withPrior<T extends { orgId: string; year: number; balanceFen: number }>(
  list: T[],
): (T & { priorBalanceFen: number | null })[] {
  const balance = new Map(list.map((f) => [`${f.orgId}:${f.year}`, f.balanceFen]));
  return list.map((f) => ({ ...f, priorBalanceFen: balance.get(`${f.orgId}:${f.year - 1}`) ?? null }));
}

/** A district's rating for a year, with every indicator's value, limit, weight and points, and last year's for comparison. */
export async function rating(
  db: Queryable,
  config: (orgId: string) => Promise<DebtConfig>,
  orgId: string,
  year: number,
): Promise<RatingOut> {
  const figures = (
    await rows<Record<string, unknown>>(
      db,
      sql`select ${COLUMNS} from local_debt.debt_figure f join kernel_api.org_unit o on o.id = f.org_id
    where f.org_id = ${orgId} and f.year in (${year}, ${year - 1})`,
    )
  ).map(numeric);
  const now = figures.find((f) => f.year === year);
  if (!now) throw notFound('figures', `${year}年债务数据`, orgId);
  const cfg = await config(orgId);
  const prev = figures.find((f) => f.year === year - 1);
  const previous = prev ? rate(prev, cfg) : null;
  return {
    orgId,
    orgName: now.orgName,
    year,
    ...rate({ ...now, priorBalanceFen: prev?.balanceFen ?? null }, cfg),
    previous: previous && prev ? { year: prev.year, score: previous.score, tier: previous.tier } : null,
  };
}

export async function ratings(s: PluginServices, db: Queryable, year: number): Promise<RatingOut[]> {
  const list = await rows<{ org_id: string }>(
    db,
    sql`select f.org_id::text from local_debt.debt_figure f where f.year = ${year} and ${orgInScope(s.scope, sql`f.org_id`)}`,
  );
  const config = (orgId: string) => s.config<DebtConfig>(PLUGIN_ID, orgId);
  const out = await Promise.all(list.map((f) => rating(db, config, f.org_id, year)));
  return out.sort((a, b) => b.score - a.score || a.orgName.localeCompare(b.orgName, 'zh-CN'));
}

/** Overdue debt of a body proposes a draft dishonesty record, once per body and year. */
export async function dailyScan(rt: PluginRuntimeContext): Promise<ScanReport> {
  const report = emptyReport();
  const list = withPrior(
    (
      await rows<Record<string, unknown>>(
        rt.db,
        sql`select ${COLUMNS} from local_debt.debt_figure f join kernel_api.org_unit o on o.id = f.org_id order by f.year, o.path`,
      )
    ).map(numeric),
  );
  for (const f of list) {
    report.scanned += 1;
    if (f.overdueFen <= 0) continue;
    const cfg = debtConfig.parse(await rt.config(f.orgId));
    const r = rate(f, cfg);
    const overdueRatio = r.indicators.find((i) => i.key === 'overdueRatio')!.value;
    const yearEnd = `${f.year}-12-31`;
    const created = await rt.db.transaction((tx) =>
      rt.proposeDraft(tx, {
        typeKey: OVERDUE_TYPE,
        ruleId: RULES.overdueRecord.id,
        breachKey: `${f.orgId}:${f.year}`,
        subject: { kind: 'org', orgId: f.orgId },
        severity: r.tier === 'red' ? 'serious' : 'ordinary',
        facts: `${f.orgName}${f.year}年末逾期债务${(f.overdueFen / 1_000_000).toFixed(2)}万元，逾期债务率${(overdueRatio * 100).toFixed(2)}%（${r.tierZh}）。`,
        decisionDate: yearEnd < rt.today ? yearEnd : rt.today,
        issuingAuthority: cfg.issuingAuthority,
        evidence: { year: f.year, overdueFen: f.overdueFen, balanceFen: f.balanceFen, overdueRatio, tier: r.tier },
      }),
    );
    tally(report, created);
  }
  return report;
}

/** The district's composite debt risk score, for the evaluation (lower is better). */
export const riskScoreIndicator: PluginIndicator = {
  key: `${PLUGIN_ID}.risk_score`,
  label: { zh: '地方政府债务风险得分', en: 'Local government debt risk score' },
  unit: '分',
  better: 'lower',
  source: RULES.indicators.source,
  async compute(db, { year, orgIds }) {
    const list = withPrior(
      (
        await rows<Record<string, unknown>>(
          db,
          sql`select ${COLUMNS} from local_debt.debt_figure f join kernel_api.org_unit o on o.id = f.org_id
      where f.year in (${year}, ${year - 1}) and f.org_id = any(${sql.param(orgIds)}::uuid[])`,
        )
      ).map(numeric),
    ).filter((f) => f.year === year);
    // Indicator values use the defaults, so every district is scored on the same scale.
    const cfg = debtConfig.parse({});
    return list.map((f) => {
      const r = rate(f, cfg);
      return {
        orgId: f.orgId,
        value: r.score,
        sample: 1,
        evidence: `${year}年 ${r.indicators.map((i) => `${i.labelZh}${(i.value * 100).toFixed(1)}%`).join('，')}；${r.tierZh}`,
      };
    });
  },
};
