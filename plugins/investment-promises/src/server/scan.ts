/**
 * The daily scan — broken promises, arrears to enterprises, unlawful changes and confirmed complaints the body refused
 * to fix → drafts against the promising body and the principal officials in post (the SDK's proposePromiseBreach) —
 * and the evaluation indicators. Promises unlawful from the start are not protected by §31: no breach is proposed.
 */
import {
  chunksById,
  CHANGE_REASON_LABELS,
  DEFECT_LABELS,
  emptyReport,
  isBreach,
  loadCalendar,
  perBodyTotals,
  perOrg,
  proposePromiseBreach,
  sql,
  yuan,
  type DayCalendar,
  type PluginIndicator,
  type PluginRuntimeContext,
  type Queryable,
  type ScanReport,
  type SQL,
} from '@chengxin/plugin-sdk';
import { investmentConfig, PLUGIN_ID, type InvestmentConfig } from '../contract';
import { complaintRows } from './complaints';
import { promiseRows, toPromise, type PromiseView } from './promises';
import { RULES } from './rules';

export const BREACH_TYPE = `${PLUGIN_ID}.government_breach`;
const CHUNK = 500;

/** Every promise (matching `where`) as of `today`, a chunk at a time by id so memory stays flat. */
export async function* checkPromises(
  db: Queryable,
  cal: DayCalendar,
  today: string,
  config: (orgId: string) => Promise<InvestmentConfig>,
  where: SQL = sql`true`,
): AsyncGenerator<PromiseView[]> {
  for await (const chunk of chunksById((before) => promiseRows(db, sql`p.id < ${before}::uuid and ${where}`, CHUNK))) {
    const out: PromiseView[] = [];
    for (const row of chunk) out.push(toPromise(row, cal, today, await config(row.orgId)));
    yield out;
  }
}

export async function dailyScan(rt: PluginRuntimeContext): Promise<ScanReport> {
  const cal = await loadCalendar(rt.db);
  const config = perOrg(async (orgId) => investmentConfig.parse(await rt.config(orgId)));
  const report = emptyReport();
  for await (const chunk of checkPromises(rt.db, cal, rt.today, config)) {
    for (const p of chunk) {
      report.scanned += 1;
      const cfg = await config(p.orgId);
      const base = { typeKey: BREACH_TYPE, orgId: p.orgId, issuingAuthority: cfg.issuingAuthority };
      const evidence = (over: Record<string, unknown>) => ({
        promiseId: p.id,
        beneficiaryName: p.beneficiaryName,
        percent: p.progress.percent,
        excusesClaimed: p.excuses.map((e) => e.reason),
        ...over,
      });
      // Unlawful from the start: no breach (§31 protects lawful promises only), but making it is a ground of liability
      // (外商投资法实施条例 §41(四)): one draft against the body that made it, dated the day it was made.
      if (p.fairCompetition.unlawful) {
        await proposePromiseBreach(
          rt,
          {
            ...base,
            ruleId: RULES.unlawfulPromise.id,
            breachKey: `unlawful:${p.id}`,
            dutyDate: p.madeOn,
            severity: 'ordinary',
            decisionDate: p.madeOn,
            officials: false,
            facts: `${p.orgName}于${p.madeOn}向${p.beneficiaryName}作出的承诺“${p.title}”：${p.fairCompetition.reasonZh}。`,
            evidence: evidence({ ruleId: RULES.unlawfulPromise.id, due: p.madeOn }),
          },
          report,
        );
        continue;
      }
      const claimed = p.excuses.length
        ? `承诺主体称：${p.excuses.map((e) => `${CHANGE_REASON_LABELS[e.reason].zh}：${e.explanation}`).join('；')}（由认定人员判断）。`
        : '';
      const head = `${p.orgName}于${p.madeOn}向${p.beneficiaryName}作出的承诺“${p.title}”`;
      for (const c of p.progress.changes.filter((x) => !x.lawful)) {
        await proposePromiseBreach(
          rt,
          {
            ...base,
            ruleId: RULES.lawfulChange.id,
            breachKey: c.id,
            dutyDate: c.changedOn,
            severity: 'ordinary',
            decisionDate: c.changedOn,
            facts: `${head}于${c.changedOn}被单方改变：${c.description}。理由为“${CHANGE_REASON_LABELS[c.reason].zh}”，${c.missing.map((m) => DEFECT_LABELS[m]).join('、')}。`,
            evidence: evidence({ ruleId: RULES.lawfulChange.id, changeId: c.id, due: c.changedOn }),
          },
          report,
        );
      }
      const missed = p.progress.milestones.filter(
        (m) => m.state === 'breach' && (p.progress.status === 'broken' || p.progress.status === 'partly_kept'),
      );
      // Arrears (§32) are their own breach, whatever the promise's status: unpaid past the deadline, or paid only after it.
      for (const m of p.progress.milestones.filter((x) => x.amountFen !== null && isBreach(x.state))) {
        const owed = Math.round(Math.max((m.amountFen ?? 0) - m.achieved, 0));
        await proposePromiseBreach(
          rt,
          {
            ...base,
            ruleId: RULES.arrears.id,
            breachKey: m.id,
            dutyDate: m.dueDate,
            severity: owed >= cfg.seriousArrearsFen ? 'serious' : 'ordinary',
            decisionDate: m.deadline < rt.today ? m.deadline : rt.today,
            facts: `${head}中“${m.title}”应于${m.dueDate}兑付${yuan(m.amountFen ?? 0)}元（宽限期${cfg.graceDays}日，至${m.deadline}），${owed > 0 ? `至今未付${yuan(owed)}元，已逾期${m.daysLate}日` : `逾期${m.daysLate}日后方才付清`}。${claimed}`,
            evidence: evidence({ ruleId: RULES.arrears.id, milestoneId: m.id, due: m.dueDate, outstandingFen: owed }),
          },
          report,
        );
      }
      const unpaidOnly = missed.length > 0 && missed.every((m) => m.amountFen !== null);
      if (p.progress.status === 'broken' && p.progress.brokenOn && missed.length > 0 && !unpaidOnly) {
        const first = missed[0]!;
        await proposePromiseBreach(
          rt,
          {
            ...base,
            ruleId: RULES.promiseBroken.id,
            breachKey: p.id,
            dutyDate: first.dueDate,
            severity: 'ordinary',
            decisionDate: p.progress.brokenOn,
            facts: `${head}中“${first.title}”应于${first.dueDate}兑现（至${first.deadline}），至今未兑现，承诺完成${p.progress.percent}%。${claimed}`,
            evidence: evidence({ ruleId: RULES.promiseBroken.id, milestoneId: first.id, due: first.dueDate }),
          },
          report,
        );
      }
    }
  }
  for (const c of await complaintRows(rt.db, sql`c.outcome = 'refused'`, 10_000)) {
    const cfg = await config(c.orgId);
    await proposePromiseBreach(
      rt,
      {
        typeKey: BREACH_TYPE,
        orgId: c.orgId,
        issuingAuthority: cfg.issuingAuthority,
        ruleId: RULES.refusedToFix.id,
        breachKey: c.id,
        dutyDate: c.verifiedOn!,
        severity: 'ordinary',
        decisionDate: c.verifiedOn!,
        facts: `企业通过${c.channel === 'hotline_12345' ? '12345热线' : '投诉渠道'}反映${c.orgName}未兑现承诺“${c.promiseTitle}”，经上级部门（${c.forwardedTo}）于${c.verifiedOn}核实属实，承诺主体拒不整改。`,
        evidence: {
          promiseId: c.promiseId,
          ruleId: RULES.refusedToFix.id,
          complaintId: c.id,
          beneficiaryName: '',
          due: c.verifiedOn,
        },
      },
      report,
    );
  }
  return report;
}

/** Tallies the promises of `orgIds` (each body's subtree) as they stood at the end of `year`. */
async function perBody(
  db: Queryable,
  year: number,
  orgIds: string[],
  add: (t: { ok: number; all: number; fen: number }, p: PromiseView) => void,
) {
  const totals = await perBodyTotals(db, orgIds, () => ({ ok: 0, all: 0, fen: 0 }));
  const defaults = investmentConfig.parse({});
  for await (const chunk of checkPromises(
    db,
    await loadCalendar(db),
    `${year}-12-31`,
    async () => defaults,
    sql`p.made_on <= ${`${year}-12-31`}`,
  )) {
    for (const p of chunk) totals.add(p.orgPath, (t) => add(t, p));
  }
  return totals.entries();
}

export const keptOnTimeIndicator: PluginIndicator = {
  key: `${PLUGIN_ID}.kept_on_time_rate`,
  label: { zh: '招商引资承诺按时兑现率', en: 'Investment promises kept on time' },
  unit: '%',
  better: 'higher',
  source: RULES.promiseBroken.source,
  async compute(db, { year, orgIds }) {
    const t = await perBody(db, year, orgIds, (t, p) => {
      if (
        p.fairCompetition.unlawful ||
        !p.progress.dueDate?.startsWith(String(year)) ||
        p.progress.status === 'pending' ||
        p.progress.status === 'changed_lawfully'
      )
        return;
      t.all += 1;
      if (p.progress.onTime) t.ok += 1;
    });
    return t
      .filter(([, v]) => v.all > 0)
      .map(([orgId, v]) => ({
        orgId,
        value: Math.round((v.ok / v.all) * 1000) / 10,
        sample: v.all,
        evidence: `${year}年到期的招商引资承诺${v.all}项，按时兑现${v.ok}项`,
      }));
  },
};

export const overdueAmountIndicator: PluginIndicator = {
  key: `${PLUGIN_ID}.overdue_amount`,
  label: { zh: '招商引资承诺逾期未兑付金额（元）', en: 'Promised sums overdue (yuan)' },
  unit: '元',
  better: 'lower',
  source: RULES.arrears.source,
  async compute(db, { year, orgIds }) {
    const t = await perBody(db, year, orgIds, (t, p) => {
      if (p.fairCompetition.unlawful) return;
      t.all += 1;
      t.fen += p.progress.outstandingFen;
    });
    return t.map(([orgId, v]) => ({
      orgId,
      value: v.fen / 100,
      sample: v.all,
      evidence: `${year}年末逾期未兑付${yuan(v.fen)}元（承诺${v.all}项）`,
    }));
  },
};

export const unlawfulIndicator: PluginIndicator = {
  key: `${PLUGIN_ID}.unlawful_promises`,
  label: { zh: '登记的自始违法承诺数（公平竞争审查）', en: 'Promises unlawful from the start registered' },
  unit: '项',
  better: 'lower',
  source: RULES.fairCompetition.source,
  async compute(db, { year, orgIds }) {
    const t = await perBody(db, year, orgIds, (t, p) => {
      if (!p.madeOn.startsWith(String(year))) return;
      t.all += 1;
      if (p.fairCompetition.unlawful) t.ok += 1;
    });
    return t
      .filter(([, v]) => v.all > 0)
      .map(([orgId, v]) => ({
        orgId,
        value: v.ok,
        sample: v.all,
        evidence: `${year}年作出承诺${v.all}项，其中自始违法${v.ok}项`,
      }));
  },
};
