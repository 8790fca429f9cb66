/**
 * Fiscal affordability: a district's yearly PPP spending duties (payment obligations falling due that year, of
 * projects under the pre-2023 regime whose implementing body lies in the district) against its general public budget
 * expenditure; post-2023 concession projects carrying fiscal payment duties are flagged.
 */
import {
  badInput,
  inSubtree,
  newId,
  orgsById,
  rows,
  sql,
  subtreeSql,
  type PluginIndicator,
  type PluginServices,
  type Queryable,
  type SQL,
} from '@chengxin/plugin-sdk';
import type { z } from 'zod';
import { PLUGIN_ID, pppConfig, type affordabilityOut, type budgetInput, type PppConfig } from '../contract';
import { affordability, newFiscalDutyFlag, regimeOf, RULES } from './rules';
import { budget } from './schema';

type Report = z.infer<typeof affordabilityOut>;

export async function saveBudget(s: PluginServices, db: Queryable, input: z.infer<typeof budgetInput>): Promise<void> {
  const org = (await orgsById(db, [input.orgId])).get(input.orgId);
  if (!org) throw badInput('ORG_NOT_FOUND', 'orgId', '单位不存在', 'No such org unit');
  await s.write(async (tx, audit) => {
    const [before] = await rows<{ id: string; fen: string | number }>(
      tx,
      sql`select id::text, general_expenditure_fen as fen from ppp.budget where org_id = ${input.orgId} and year = ${input.year} for update`,
    );
    const id = before?.id ?? newId();
    await tx
      .insert(budget)
      .values({ id, ...input, updatedBy: s.actor?.id ?? null })
      .onConflictDoUpdate({
        target: [budget.orgId, budget.year],
        set: {
          generalExpenditureFen: input.generalExpenditureFen,
          updatedAt: sql`now()` as never,
          updatedBy: s.actor?.id ?? null,
        },
      });
    await audit(before ? 'ppp.budget.correct' : 'ppp.budget.report', 'ppp.budget', id, {
      ...input,
      before: before ? Number(before.fen) : null,
    });
  });
}

interface ProjectDuty {
  id: string;
  name: string;
  path: string;
  startDate: string;
  paymentMechanism: string;
  yearFen: number;
  totalFen: number;
  payments: number;
}

async function duties(db: Queryable, year: number): Promise<ProjectDuty[]> {
  const list = await rows<ProjectDuty>(
    db,
    sql`
    select p.id::text, p.name, o.path, p.start_date::text as "startDate", p.payment_mechanism as "paymentMechanism",
      coalesce(sum(b.amount_fen) filter (where b.kind = 'payment' and b.due_date between ${`${year}-01-01`} and ${`${year}-12-31`}), 0)::bigint as "yearFen",
      coalesce(sum(b.amount_fen) filter (where b.kind = 'payment'), 0)::bigint as "totalFen", count(b.id) filter (where b.kind = 'payment')::int as payments
    from ppp.project p join kernel_api.org_unit o on o.id = p.org_id left join ppp.obligation b on b.project_id = p.id
    group by p.id, o.path order by p.id`,
  );
  return list.map((p) => ({ ...p, yearFen: Number(p.yearFen), totalFen: Number(p.totalFen) }));
}

/** The affordability of every district with a budget for the year (in scope), by its governing configuration. */
export async function affordabilityReport(
  db: Queryable,
  year: number,
  inScope: (orgIdColumn: SQL) => SQL,
  config: (orgId: string) => Promise<PppConfig>,
  orgId?: string,
): Promise<Report> {
  const budgets = await rows<{ orgId: string; orgName: string; path: string; fen: string | number }>(
    db,
    sql`
    select b.org_id::text as "orgId", o.name as "orgName", o.path, b.general_expenditure_fen as fen from ppp.budget b join kernel_api.org_unit o on o.id = b.org_id
    where b.year = ${year} and ${inScope(sql`b.org_id`)} ${orgId ? sql`and b.org_id = ${orgId}` : sql``} order by o.path`,
  );
  const projects = await duties(db, year);
  const defaults = pppConfig.parse({});
  const districts: Report['districts'] = [];
  for (const b of budgets) {
    const cfg = await config(b.orgId);
    const mine = projects.filter((p) => inSubtree(p.path, b.path));
    const old = mine.filter((p) => regimeOf(p.startDate, cfg) === 'ppp_2014');
    const spendingFen = old.reduce((s, p) => s + p.yearFen, 0);
    const governmentPaysFen = old
      .filter((p) => p.paymentMechanism === 'government_pays')
      .reduce((s, p) => s + p.yearFen, 0);
    const flaggedConcessions = mine
      .filter((p) =>
        newFiscalDutyFlag(regimeOf(p.startDate, cfg), p.paymentMechanism, p.payments > 0 ? [{ kind: 'payment' }] : []),
      )
      .map((p) => ({ projectId: p.id, name: p.name, fiscalDutyFen: p.totalFen }));
    districts.push({
      orgId: b.orgId,
      orgName: b.orgName,
      generalExpenditureFen: Number(b.fen),
      spendingFen,
      governmentPaysFen,
      ...affordability(spendingFen, governmentPaysFen, Number(b.fen), cfg),
      flaggedConcessions,
    });
  }
  const missing = await rows<{ orgId: string; orgName: string }>(
    db,
    sql`
    select o.id::text as "orgId", o.name as "orgName" from kernel_api.org_unit o
    where o.level = 'district' and o.kind = 'government' and ${inScope(sql`o.id`)}
      and exists (select 1 from ppp.project p join kernel_api.org_unit po on po.id = p.org_id where ${subtreeSql(sql`po.path`, sql`o.path`)})
      and not exists (select 1 from ppp.budget b where b.org_id = o.id and b.year = ${year}) ${orgId ? sql`and o.id = ${orgId}` : sql``}
    order by o.path`,
  );
  return {
    year,
    capPct: districts[0] ? (await config(districts[0].orgId)).affordabilityCapPct : defaults.affordabilityCapPct,
    governmentPaysCapPct: defaults.governmentPaysCapPct,
    capIsSetting: true,
    districts,
    missingBudgets: missing,
  };
}

/** The affordability ratio of a district for the evaluation (lower is better; default settings, one scale for all). */
export const affordabilityIndicator: PluginIndicator = {
  key: `${PLUGIN_ID}.affordability_ratio`,
  label: { zh: 'PPP项目财政支出责任占一般公共预算支出比例', en: 'PPP spending duties over general budget expenditure' },
  unit: '%',
  better: 'lower',
  source: RULES.affordability.source,
  async compute(db, { year, orgIds }) {
    const defaults = pppConfig.parse({});
    const report = await affordabilityReport(
      db,
      year,
      (col) => sql`${col} = any(${sql.param(orgIds)}::uuid[])`,
      async () => defaults,
    );
    return report.districts.map((d) => ({
      orgId: d.orgId,
      value: d.ratioPct,
      sample: 1,
      evidence: `${year}年PPP财政支出责任${(d.spendingFen / 1_000_000).toFixed(2)}万元，一般公共预算支出${(d.generalExpenditureFen / 1_000_000).toFixed(2)}万元`,
    }));
  },
};
