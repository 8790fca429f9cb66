/**
 * The daily scan: each breach of a tender's rules proposes a draft against the tenderer body; an official's
 * interference proposes a personal draft for the official, with the sanction referred to the discipline authority.
 */
import {
  chunksById,
  emptyReport,
  inSubtree,
  isBreach,
  loadCalendar,
  orgsById,
  perOrg,
  sql,
  tally,
  type DayCalendar,
  type PluginIndicator,
  type PluginRuntimeContext,
  type Queryable,
  type ScanReport,
  type SQL,
} from '@chengxin/plugin-sdk';
import { biddingConfig, INTERFERENCE_LABELS, PLUGIN_ID, type TenderOut } from '../contract';
import { RULES } from './rules';
import { tenderRows, toTender } from './tenders';

export const BREACH_TYPE = `${PLUGIN_ID}.tenderer_breach`;
export const INTERFERENCE_TYPE = `${PLUGIN_ID}.official_interference`;
const CHUNK = 1000;
const SUMMARY = new Map<string, string>(Object.values(RULES).map((r) => [r.id, r.summaryZh]));

export async function* checkTenders(
  db: Queryable,
  cal: DayCalendar,
  today: string,
  where: SQL = sql`true`,
): AsyncGenerator<(TenderOut & { orgPath: string })[]> {
  for await (const chunk of chunksById((before) => tenderRows(db, sql`t.id < ${before}::uuid and ${where}`, CHUNK)))
    yield chunk.map((r) => toTender(r, cal, today));
}

export async function dailyScan(rt: PluginRuntimeContext): Promise<ScanReport> {
  const cal = await loadCalendar(rt.db);
  const config = perOrg(async (orgId) => biddingConfig.parse(await rt.config(orgId)));
  const report = emptyReport();
  for await (const chunk of checkTenders(rt.db, cal, rt.today)) {
    for (const t of chunk) {
      report.scanned += 1;
      const cfg = await config(t.orgId);
      for (const c of t.checks.filter((x) => isBreach(x.state))) {
        const created = await rt.db.transaction((tx) =>
          rt.proposeDraft(tx, {
            typeKey: BREACH_TYPE,
            ruleId: c.ruleId,
            breachKey: c.breachKey,
            subject: { kind: 'org', orgId: t.orgId },
            severity: 'ordinary',
            facts: `招标项目“${t.project}”：${SUMMARY.get(c.ruleId)}。${c.detail}。`,
            decisionDate: c.breachDate ?? rt.today,
            issuingAuthority: cfg.issuingAuthority,
            evidence: {
              tenderId: t.id,
              ruleId: c.ruleId,
              deadline: c.deadline,
              detail: c.detail,
              disciplineReferral: null,
            },
          }),
        );
        tally(report, created);
      }
      for (const i of t.interferences) {
        const created = await rt.db.transaction((tx) =>
          rt.proposeDraft(tx, {
            typeKey: INTERFERENCE_TYPE,
            ruleId: RULES.interference.id,
            breachKey: i.id, // The official's own body on the day of the act (the kernel reads it from the tenures), not the tenderer's.
            subject: { kind: 'person', personId: i.personId },
            severity: 'serious',
            facts: `${i.personName}在招标项目“${t.project}”中${INTERFERENCE_LABELS[i.kind].zh}（${i.occurredOn}）：${i.description}。处分移送${cfg.disciplineAuthority}依法处理。`,
            decisionDate: i.occurredOn <= rt.today ? i.occurredOn : rt.today,
            issuingAuthority: cfg.disciplineAuthority,
            evidence: {
              tenderId: t.id,
              ruleId: RULES.interference.id,
              deadline: null,
              detail: i.description,
              disciplineReferral: {
                to: cfg.disciplineAuthority,
                article: `${RULES.interference.source.law}${RULES.interference.source.article}`,
              },
            },
          }),
        );
        tally(report, created);
      }
    }
  }
  return report;
}

/** Evaluation indicator: the share of a body's tenders (documents issued in the year) that broke no rule. */
export const compliantIndicator: PluginIndicator = {
  key: `${PLUGIN_ID}.tenders_compliant_rate`,
  label: { zh: '招标项目依法合规率', en: 'Tenders without a breach' },
  unit: '%',
  better: 'higher',
  source: RULES.bidPeriod.source,
  async compute(db, { year, orgIds }) {
    const orgs = [...(await orgsById(db, orgIds)).values()];
    const cal = await loadCalendar(db);
    const tally = new Map<string, { ok: number; all: number }>();
    for await (const chunk of checkTenders(
      db,
      cal,
      `${year}-12-31`,
      sql`t.issue_date between ${`${year}-01-01`} and ${`${year}-12-31`}`,
    )) {
      for (const t of chunk) {
        for (const org of orgs.filter((o) => inSubtree(t.orgPath, o.path))) {
          const v = tally.get(org.id) ?? { ok: 0, all: 0 };
          v.all += 1;
          if (t.breaches.length === 0) v.ok += 1;
          tally.set(org.id, v);
        }
      }
    }
    return [...tally].map(([orgId, v]) => ({
      orgId,
      value: Math.round((v.ok / v.all) * 1000) / 10,
      sample: v.all,
      evidence: `${year}年发出招标文件的项目${v.all}个，未发现违法情形的${v.ok}个`,
    }));
  },
};
