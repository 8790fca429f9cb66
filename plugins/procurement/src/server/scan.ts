import {
  addDays,
  emptyReport,
  inSubtree,
  jsonValue,
  loadCalendar,
  orgsById,
  perOrg,
  rows,
  sql,
  tally,
  type Db,
  type PluginIndicator,
  type PluginRuntimeContext,
  type Queryable,
  type ScanReport,
  yuan,
} from '@chengxin/plugin-sdk';
import { PLUGIN_ID, procurementConfig, type Compliance, type ProcurementConfig } from '../contract';
import { DUTY_RULES } from './buyer-duties';
import { FACT_COLUMNS, factsOf } from './contracts';
import { judged } from './in-force';
import { compliance, publishBy, RULES, type ContractFacts, type DayCalendar } from './rules';

export const BREACH_TYPE = `${PLUGIN_ID}.contract_breach`;
const CHUNK = 2000;

export interface ContractCheck {
  id: string;
  buyerOrgId: string;
  title: string;
  supplierName: string;
  amountFen: number;
  responsiblePersonId: string | null;
  compliance: Compliance;
}

const DEFAULT_LPR = procurementConfig.parse({}).lprTable;

/**
 * Checks every contract (optionally only those matching `where`) against the rules as of `today`, a chunk at a time by
 * id so memory stays flat however many contracts there are.
 */
export async function* checkContracts(
  db: Queryable,
  cal: DayCalendar,
  today: string,
  defaultPpm: (orgId: string) => Promise<number>,
  where = sql`true`,
  lpr: (orgId: string) => Promise<ProcurementConfig['lprTable']> = async () => DEFAULT_LPR,
): AsyncGenerator<ContractCheck[]> {
  let after = '00000000-0000-0000-0000-000000000000';
  for (;;) {
    const chunk = await rows<
      Omit<ContractFacts, 'payments' | 'amountFen'> & {
        id: string;
        buyerOrgId: string;
        title: string;
        supplierName: string;
        amountFen: string | number;
        payments: unknown;
        status: string;
        unknownFacts: unknown;
      }
    >(
      db,
      sql`
      select ${FACT_COLUMNS} from procurement.contract c where c.id > ${after}::uuid and ${where} order by c.id limit ${CHUNK}`,
    );
    if (chunk.length === 0) return;
    const out: ContractCheck[] = [];
    for (const row of chunk) {
      const facts = factsOf(row);
      out.push({
        id: row.id,
        buyerOrgId: row.buyerOrgId,
        title: row.title,
        supplierName: row.supplierName,
        amountFen: facts.amountFen,
        responsiblePersonId: (row as { responsiblePersonId?: string | null }).responsiblePersonId ?? null,
        compliance: judged(compliance(cal, facts, today, await defaultPpm(row.buyerOrgId), await lpr(row.buyerOrgId)), {
          ...row,
          unknownFacts: jsonValue<string[]>(row.unknownFacts),
        }),
      });
    }
    yield out;
    after = chunk.at(-1)!.id;
  }
}

/** What the facts of a proposed record say, per rule. */
function breachFacts(check: ContractCheck, ruleId: string): string {
  const c = check.compliance;
  if (ruleId === RULES.signing.id)
    return `合同“${check.title}”（供应商${check.supplierName}）未在中标（成交）通知书发出之日起30日内签订，期限届满日为${c.signing.deadline}。`;
  if (ruleId === RULES.acceptance.id)
    return `合同“${check.title}”（供应商${check.supplierName}）未在约定的验收期限${c.acceptance.deadline}前完成履约验收。`;
  if (ruleId === DUTY_RULES.confirmation.id)
    return `合同“${check.title}”：采购人未在收到评审报告后5个工作日内（至${c.duties.confirmation.deadline}）确定中标（成交）供应商（政府采购法实施条例第四十三条第一款）。`;
  if (ruleId === DUTY_RULES.publication.id)
    return `合同“${check.title}”：采购人未在合同签订后2个工作日内（至${c.duties.publication.deadline}）公告政府采购合同（政府采购法实施条例第五十条）。`;
  if (ruleId === DUTY_RULES.resultChanged.id)
    return `合同“${check.title}”：中标（成交）通知书发出后，采购人于${c.duties.resultChanged.on}改变中标（成交）结果（政府采购法第四十六条第二款）。`;
  return `合同“${check.title}”应于${c.payment.due}前向中小企业${check.supplierName}付款，逾期${c.payment.daysLate}日，尚欠${yuan(c.payment.outstandingFen)}元，逾期利息${yuan(c.payment.interestFen)}元。`;
}

const breachStart = (check: ContractCheck, ruleId: string): string | null =>
  ruleId === RULES.signing.id
    ? check.compliance.signing.deadline
    : ruleId === RULES.acceptance.id
      ? check.compliance.acceptance.deadline
      : ruleId === DUTY_RULES.confirmation.id
        ? check.compliance.duties.confirmation.deadline
        : ruleId === DUTY_RULES.publication.id
          ? check.compliance.duties.publication.deadline
          : ruleId === DUTY_RULES.resultChanged.id
            ? check.compliance.duties.resultChanged.on
            : check.compliance.payment.due;

/** The daily scan: every breach becomes a draft record for the buyer, once; an officer checks it and submits it. */
export async function dailyScan(rt: PluginRuntimeContext): Promise<ScanReport> {
  const cal = await loadCalendar(rt.db);
  const config = perOrg(async (orgId) => (await rt.config(orgId)) as ProcurementConfig);
  const report = emptyReport();
  for await (const chunk of checkContracts(
    rt.db,
    cal,
    rt.today,
    async (o) => (await config(o)).defaultLateInterestPpmPerDay,
    sql`true`,
    async (o) => procurementConfig.parse(await config(o)).lprTable,
  )) {
    report.scanned += chunk.length;
    for (const check of chunk) {
      // Every buyer is checked, whether or not it enabled the plugin for data entry: a body cannot switch off its own checks.
      if (check.compliance.breaches.length === 0) continue;
      for (const ruleId of check.compliance.breaches) {
        const cfg = await config(check.buyerOrgId);
        const p = check.compliance.payment;
        const start = breachStart(check, ruleId)!;
        const created = await rt.db.transaction((tx) =>
          rt.proposeDraft(tx, {
            typeKey: BREACH_TYPE,
            ruleId,
            breachKey: check.id,
            subject: { kind: 'org', orgId: check.buyerOrgId },
            severity:
              ruleId === RULES.payment.id ? (p.daysLate >= cfg.seriousAfterDaysLate ? 'serious' : 'ordinary') : 'minor',
            facts: breachFacts(check, ruleId),
            // One convention for every plugin: the breach began the day after the deadline; a draft is never dated after the scan day.
            decisionDate: addDays(start, 1) < rt.today ? addDays(start, 1) : rt.today,
            issuingAuthority: cfg.issuingAuthority,
            evidence: {
              contractId: check.id,
              ruleId,
              due: start,
              outstandingFen: p.outstandingFen,
              daysLate: p.daysLate,
              interestFen: p.interestFen,
            },
          }),
        );
        tally(report, created);
        // 诚信责任制 (the plan): the official named responsible for the contract gets a linked draft too.
        if (check.responsiblePersonId) {
          const person = await rt.db.transaction((tx) =>
            rt.proposeDraft(tx, {
              typeKey: BREACH_TYPE,
              ruleId,
              breachKey: `${check.id}:${check.responsiblePersonId}`,
              subject: { kind: 'person', personId: check.responsiblePersonId!, orgId: check.buyerOrgId },
              severity:
                ruleId === RULES.payment.id
                  ? p.daysLate >= cfg.seriousAfterDaysLate
                    ? 'serious'
                    : 'ordinary'
                  : 'minor',
              facts: `合同负责人对以下失信行为负有责任（${DUTY_RULES.responsibility.source.law}，${DUTY_RULES.responsibility.source.article}）：${breachFacts(check, ruleId)}`,
              decisionDate: start < rt.today ? start : rt.today,
              issuingAuthority: cfg.issuingAuthority,
              evidence: {
                contractId: check.id,
                ruleId,
                due: start,
                outstandingFen: p.outstandingFen,
                daysLate: p.daysLate,
                interestFen: p.interestFen,
              },
              linkTo: [{ ruleId, breachKey: check.id, kind: 'body_record' }],
            }),
          );
          tally(report, person);
        }
      }
    }
  }
  return report;
}

/** Contracts with SME payments still overdue at the end of `year`, per buyer: what must be published by 31 March. */
export async function overdueList(db: Db, year: number, inScope: ReturnType<typeof sql>, buyerOrgId?: string) {
  const asOf = `${year}-12-31`;
  const cal = await loadCalendar(db);
  const byBody = new Map<string, { contracts: number; overdueFen: number }>();
  const list: {
    contractId: string;
    buyerOrgId: string;
    title: string;
    supplierName: string;
    amountFen: number;
    due: string | null;
    overdueFen: number;
  }[] = [];
  const where = sql`c.supplier_sme and c.award_notice_date <= ${asOf} and ${inScope} ${buyerOrgId ? sql`and c.buyer_org_id = ${buyerOrgId}` : sql``}`;
  for await (const chunk of checkContracts(db, cal, asOf, async () => 500, where)) {
    for (const check of chunk) {
      if (check.compliance.payment.state !== 'breach') continue;
      const b = byBody.get(check.buyerOrgId) ?? { contracts: 0, overdueFen: 0 };
      b.contracts += 1;
      b.overdueFen += check.compliance.payment.outstandingFen;
      byBody.set(check.buyerOrgId, b);
      list.push({
        contractId: check.id,
        buyerOrgId: check.buyerOrgId,
        title: check.title,
        supplierName: check.supplierName,
        amountFen: check.amountFen,
        due: check.compliance.payment.due ?? null,
        overdueFen: check.compliance.payment.outstandingFen,
      });
    }
  }
  const names = await orgsById(db, [...byBody.keys()]);
  const bodies = [...byBody]
    .map(([id, b]) => ({ buyerOrgId: id, buyerName: names.get(id)?.name ?? id, ...b }))
    .sort((a, b) => b.overdueFen - a.overdueFen);
  return {
    year,
    asOf,
    publishBy: publishBy(year),
    bodies,
    // The year's list itself (§18 ¶1 publishes the contracts, not only the sums), largest arrears first.
    contracts: list
      .map((c) => ({ ...c, buyerName: names.get(c.buyerOrgId)?.name ?? c.buyerOrgId }))
      .sort((a, b) => b.overdueFen - a.overdueFen || a.title.localeCompare(b.title)),
    totals: {
      contracts: bodies.reduce((s, b) => s + b.contracts, 0),
      overdueFen: bodies.reduce((s, b) => s + b.overdueFen, 0),
    },
  };
}

/** Evaluation indicator: the share of SME payments due in the year that were paid on time, per body's subtree. */
export const paymentOnTimeIndicator: PluginIndicator = {
  key: `${PLUGIN_ID}.sme_payment_on_time_rate`,
  label: { zh: '中小企业款项按时支付率', en: 'SME payments made on time' },
  unit: '%',
  better: 'higher',
  source: RULES.payment.source,
  async compute(db, { year, orgIds }) {
    const orgs = await orgsById(db, orgIds);
    const cal = await loadCalendar(db);
    const asOf = `${year}-12-31`;
    const tally = new Map<string, { ok: number; all: number }>();
    const where = sql`c.supplier_sme and c.award_notice_date between ${`${year - 1}-01-01`} and ${asOf}`;
    const paths = await rows<{ id: string; path: string }>(
      db,
      sql`select c.id::text, o.path from procurement.contract c join kernel_api.org_unit o on o.id = c.buyer_org_id where ${where}`,
    );
    const pathOf = new Map(paths.map((p) => [p.id, p.path]));
    for await (const chunk of checkContracts(db, cal, asOf, async () => 500, where)) {
      for (const check of chunk) {
        const due = check.compliance.payment.due;
        if (!due || !due.startsWith(String(year)) || check.compliance.payment.state === 'pending') continue;
        const path = pathOf.get(check.id) ?? '';
        for (const org of orgs.values()) {
          if (!inSubtree(path, org.path)) continue;
          const t = tally.get(org.id) ?? { ok: 0, all: 0 };
          t.all += 1;
          if (check.compliance.payment.state === 'ok') t.ok += 1;
          tally.set(org.id, t);
        }
      }
    }
    return [...tally].map(([orgId, t]) => ({
      orgId,
      value: Math.round((t.ok / t.all) * 1000) / 10,
      sample: t.all,
      evidence: `${year}年到期的中小企业款项${t.all}笔，按时支付${t.ok}笔`,
    }));
  },
};
