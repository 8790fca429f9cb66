/**
 * The daily scan (overdue government obligations and unlawful unilateral changes → drafts against the implementing
 * body, and for obligations also against the principal official in post on the due date) and the indicators.
 */
import {
  addDays,
  chunksById,
  emptyReport,
  inSubtree,
  isBreach,
  loadCalendar,
  officialsInPost,
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
  yuan,
} from '@chengxin/plugin-sdk';
import { PLUGIN_ID, pppConfig, REASON_LABELS, type PppConfig, type ProjectOut } from '../contract';
import { projectRows, toProject } from './projects';
import { RULES } from './rules';

export const BREACH_TYPE = `${PLUGIN_ID}.government_breach`;
const CHUNK = 500;

/** Every project (matching `where`) as of `today`, a chunk at a time by id so memory stays flat. */
export async function* checkProjects(
  db: Queryable,
  cal: DayCalendar,
  today: string,
  config: (orgId: string) => Promise<PppConfig>,
  where: SQL = sql`true`,
): AsyncGenerator<(ProjectOut & { orgPath: string })[]> {
  for await (const chunk of chunksById((before) => projectRows(db, sql`p.id < ${before}::uuid and ${where}`, CHUNK))) {
    const out = [];
    for (const row of chunk) out.push(toProject(row, cal, today, await config(row.orgId)));
    yield out;
  }
}

export async function dailyScan(rt: PluginRuntimeContext): Promise<ScanReport> {
  const cal = await loadCalendar(rt.db);
  const config = perOrg(async (orgId) => pppConfig.parse(await rt.config(orgId)));
  const report = emptyReport();
  for await (const chunk of checkProjects(rt.db, cal, rt.today, config)) {
    for (const p of chunk) {
      report.scanned += 1;
      const cfg = await config(p.orgId);
      for (const o of p.obligations.filter((x) => isBreach(x.state))) {
        const severity = o.daysLate >= cfg.seriousAfterDaysLate ? 'serious' : 'ordinary';
        const claimed = o.excuses.map((e) => `${REASON_LABELS[e.reason].zh}：${e.explanation}`);
        const facts =
          `PPP项目“${p.name}”（社会资本方${p.partnerName}）中政府方义务“${o.description}”应于${o.dueDate}履行（宽限期${cfg.graceDays}日，至${o.deadline}），` +
          (o.metOn
            ? `实际于${o.metOn}履行，逾期${o.daysLate}日。`
            : `至今未履行，已逾期${o.daysLate}日${o.outstandingFen ? `，未付${yuan(o.outstandingFen)}元` : ''}。`) +
          (claimed.length ? `实施机构称：${claimed.join('；')}（由认定人员判断）。` : '');
        const evidence = {
          projectId: p.id,
          ruleId: RULES.obligationOverdue.id,
          obligationId: o.id,
          changeId: null,
          due: o.dueDate,
          outstandingFen: o.outstandingFen,
          daysLate: o.daysLate,
          excusesClaimed: o.excuses.map((e) => e.reason),
        };
        // One convention for every plugin: the breach began the day after the deadline; never after the scan day.
        const decisionDate = addDays(o.deadline, 1) < rt.today ? addDays(o.deadline, 1) : rt.today;
        const body = await rt.db.transaction((tx) =>
          rt.proposeDraft(tx, {
            typeKey: BREACH_TYPE,
            ruleId: RULES.obligationOverdue.id,
            breachKey: o.id,
            subject: { kind: 'org', orgId: p.orgId },
            severity,
            facts,
            decisionDate,
            issuingAuthority: cfg.issuingAuthority,
            evidence,
          }),
        );
        tally(report, body);
        // The responsible official is the one in post on the due date, not whoever holds the post now.
        for (const official of await officialsInPost(rt.db, p.orgId, o.dueDate, { principalOnly: true })) {
          const created = await rt.db.transaction((tx) =>
            rt.proposeDraft(tx, {
              typeKey: BREACH_TYPE,
              ruleId: RULES.obligationOverdue.id,
              breachKey: `${o.id}:${official.personId}`,
              subject: { kind: 'person', personId: official.personId, orgId: p.orgId },
              severity,
              facts: `${official.name}（${official.postTitle}，履行期限届满时在任的主要负责人）对以下违约负有责任：${facts}`,
              decisionDate,
              issuingAuthority: cfg.issuingAuthority,
              evidence,
              linkTo: [{ ruleId: RULES.obligationOverdue.id, breachKey: o.id, kind: 'body_record' }],
            }),
          );
          tally(report, created);
        }
      }
      for (const c of p.changes.filter((x) => !x.lawful)) {
        const lacking = c.missing
          .map(
            (m) =>
              ({
                reason: `以“${REASON_LABELS[c.reason].zh}”为由（不能作为理由）`,
                legalAuthority: '无法定权限依据',
                procedureRecord: '未经法定程序',
                compensationFen: '未依法补偿',
              })[m as 'reason'],
          )
          .join('、');
        const created = await rt.db.transaction((tx) =>
          rt.proposeDraft(tx, {
            typeKey: BREACH_TYPE,
            ruleId: RULES.unilateralChange.id,
            breachKey: c.id,
            subject: { kind: 'org', orgId: p.orgId },
            severity: 'ordinary',
            facts: `${c.changedOn}，实施机构单方变更PPP项目“${p.name}”协议：${c.description}。${lacking}。`,
            decisionDate: c.changedOn,
            issuingAuthority: cfg.issuingAuthority,
            evidence: {
              projectId: p.id,
              ruleId: RULES.unilateralChange.id,
              obligationId: null,
              changeId: c.id,
              due: c.changedOn,
              outstandingFen: 0,
              daysLate: 0,
              excusesClaimed: c.missing.includes('reason') ? [c.reason] : [],
            },
          }),
        );
        tally(report, created);
      }
    }
  }
  return report;
}

/** Tallies the obligations due in `year` per body of `orgIds` (its subtree), as they stood at year end. */
async function perBody(
  db: Queryable,
  year: number,
  orgIds: string[],
  add: (t: { ok: number; all: number; overdueFen: number }, o: ProjectOut['obligations'][number]) => void,
) {
  const orgs = [...(await orgsById(db, orgIds)).values()];
  const cal = await loadCalendar(db);
  const defaults = pppConfig.parse({});
  const tally = new Map<string, { ok: number; all: number; overdueFen: number }>();
  const where = sql`exists (select 1 from ppp.obligation b where b.project_id = p.id and b.due_date <= ${`${year}-12-31`})`;
  for await (const chunk of checkProjects(db, cal, `${year}-12-31`, async () => defaults, where)) {
    for (const p of chunk) {
      for (const org of orgs.filter((x) => inSubtree(p.orgPath, x.path))) {
        const t = tally.get(org.id) ?? { ok: 0, all: 0, overdueFen: 0 };
        for (const o of p.obligations) add(t, o);
        tally.set(org.id, t);
      }
    }
  }
  return tally;
}

export const onTimeIndicator: PluginIndicator = {
  key: `${PLUGIN_ID}.obligations_on_time_rate`,
  label: { zh: 'PPP项目政府方义务按时履行率', en: 'Government PPP obligations met on time' },
  unit: '%',
  better: 'higher',
  source: RULES.obligationOverdue.source,
  async compute(db, { year, orgIds }) {
    const t = await perBody(db, year, orgIds, (t, o) => {
      if (!o.deadline.startsWith(String(year)) || o.state === 'pending') return;
      t.all += 1;
      if (o.state === 'ok') t.ok += 1;
    });
    return [...t]
      .filter(([, v]) => v.all > 0)
      .map(([orgId, v]) => ({
        orgId,
        value: Math.round((v.ok / v.all) * 1000) / 10,
        sample: v.all,
        evidence: `${year}年到期的政府方义务${v.all}项，按时履行${v.ok}项`,
      }));
  },
};

export const overdueAmountIndicator: PluginIndicator = {
  key: `${PLUGIN_ID}.overdue_amount`,
  label: { zh: 'PPP项目政府方逾期未付金额（元）', en: 'Government PPP payments overdue (yuan)' },
  unit: '元',
  better: 'lower',
  source: RULES.obligationOverdue.source,
  async compute(db, { year, orgIds }) {
    const t = await perBody(db, year, orgIds, (t, o) => {
      t.all += 1;
      if (o.state === 'breach') t.overdueFen += o.outstandingFen;
    });
    return [...t].map(([orgId, v]) => ({
      orgId,
      value: v.overdueFen / 100,
      sample: v.all,
      evidence: `${year}年末逾期未付${yuan(v.overdueFen)}元（义务${v.all}项）`,
    }));
  },
};
