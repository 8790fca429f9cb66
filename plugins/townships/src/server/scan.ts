/**
 * The daily scan (commitments not kept at their due date, or changed unlawfully → drafts against the street/township
 * and its principal officials in post, through the SDK's proposePromiseBreach) and the evaluation indicators.
 */
import {
  chunksById,
  CHANGE_REASON_LABELS,
  DEFECT_LABELS,
  emptyReport,
  loadCalendar,
  perBodyTotals,
  perOrg,
  proposePromiseBreach,
  sql,
  type PluginIndicator,
  type PluginRuntimeContext,
  type Queryable,
  type ScanReport,
} from '@chengxin/plugin-sdk';
import { PLUGIN_ID, SERVICE_AREA_LABELS, townshipsConfig } from '../contract';
import { commitmentRows, toCommitment, type CommitmentView } from './commitments';
import { gradeOf, RULES } from './rules';

export const BROKEN_TYPE = `${PLUGIN_ID}.broken_commitment`;
const CHUNK = 500;

async function eachCommitment(
  db: Queryable,
  today: string,
  config: (orgId: string) => Promise<ReturnType<typeof townshipsConfig.parse>>,
  year: number | null,
  fn: (c: CommitmentView) => Promise<void>,
) {
  const cal = await loadCalendar(db);
  for await (const chunk of chunksById((before) =>
    commitmentRows(db, sql`c.id < ${before}::uuid ${year === null ? sql`` : sql`and c.year = ${year}`}`, CHUNK),
  )) {
    for (const row of chunk) await fn(toCommitment(row, cal, today, await config(row.orgId)));
  }
}

export async function dailyScan(rt: PluginRuntimeContext): Promise<ScanReport> {
  const config = perOrg(async (orgId) => townshipsConfig.parse(await rt.config(orgId)));
  const report = emptyReport();
  await eachCommitment(rt.db, rt.today, config, null, async (c) => {
    report.scanned += 1;
    if (c.progress.status !== 'broken') return;
    const cfg = await config(c.orgId);
    // Tianjin feeds kept commitments to the performance assessment; drafts only where the deployment turned them on.
    if (!cfg.breachDrafts) return;
    const m = c.progress.milestones[0]!;
    const unlawful = c.progress.changes.find((x) => !x.lawful);
    const head = `${c.orgName}${c.year}年度公开承诺（${SERVICE_AREA_LABELS[c.area].zh}）“${c.title}”`;
    const facts = unlawful
      ? `${head}于${unlawful.changedOn}被改变：${unlawful.description}。理由为“${CHANGE_REASON_LABELS[unlawful.reason].zh}”，${unlawful.missing.map((k) => DEFECT_LABELS[k]).join('、')}。`
      : `${head}目标${c.target}${c.unit}，期限${m.dueDate}（至${m.deadline}），实际完成${m.achieved}${c.unit}（${c.progress.percent}%），低于部分兑现标准${cfg.partlyKeptFromPct}%（配置项），未兑现。`;
    await proposePromiseBreach(
      rt,
      {
        typeKey: BROKEN_TYPE,
        ruleId: RULES.notKept.id,
        breachKey: unlawful ? unlawful.id : c.id,
        orgId: c.orgId,
        dutyDate: unlawful ? unlawful.changedOn : m.dueDate,
        severity: 'ordinary',
        facts,
        decisionDate: c.progress.brokenOn ?? rt.today,
        issuingAuthority: cfg.issuingAuthority,
        evidence: {
          commitmentId: c.id,
          ruleId: RULES.notKept.id,
          area: c.area,
          year: c.year,
          target: c.target,
          achieved: m.achieved,
          percent: c.progress.percent,
          changeId: unlawful?.id ?? null,
        },
      },
      report,
    );
  });
  return report;
}

/** Per body of `orgIds` (its subtree): the year's published commitments as they stood at year end, folded by `add`. */
async function perBody<T>(
  db: Queryable,
  year: number,
  orgIds: string[],
  zero: () => T,
  add: (t: T, c: CommitmentView) => void,
) {
  const totals = await perBodyTotals(db, orgIds, zero);
  const defaults = townshipsConfig.parse({});
  await eachCommitment(
    db,
    `${year}-12-31`,
    async () => defaults,
    year,
    async (c) => {
      if (c.publishedOn) totals.add(c.orgPath, (t) => add(t, c));
    },
  );
  return totals.entries();
}

export const keptIndicator: PluginIndicator = {
  key: `${PLUGIN_ID}.commitments_kept_rate`,
  label: { zh: '街道（乡镇）公开承诺全部兑现率', en: 'Township public commitments fully kept' },
  unit: '%',
  better: 'higher',
  source: RULES.yearEndGrade.source,
  async compute(db, { year, orgIds }) {
    const t = await perBody(
      db,
      year,
      orgIds,
      () => ({ all: 0, fully: 0, partly: 0 }),
      (t, c) => {
        const grade = c.assessment?.grade ?? gradeOf(c.progress);
        if (!grade || grade === 'changed') return;
        t.all += 1;
        if (grade === 'fully') t.fully += 1;
        if (grade === 'partly') t.partly += 1;
      },
    );
    return t
      .filter(([, v]) => v.all > 0)
      .map(([orgId, v]) => ({
        orgId,
        value: Math.round((v.fully / v.all) * 1000) / 10,
        sample: v.all,
        evidence: `${year}年度公开承诺${v.all}项：全部兑现${v.fully}项，部分兑现${v.partly}项`,
      }));
  },
};

export const satisfactionIndicator: PluginIndicator = {
  key: `${PLUGIN_ID}.public_satisfaction`,
  label: {
    zh: '群众对街道（乡镇）公开承诺的满意度（5分制）',
    en: "Residents' satisfaction with township commitments (of 5)",
  },
  unit: '分',
  better: 'higher',
  source: RULES.candidates.source,
  async compute(db, { year, orgIds }) {
    const t = await perBody(
      db,
      year,
      orgIds,
      () => ({ n: 0, sum: 0 }),
      (t, c) => {
        if (c.ratings.satisfaction === null) return;
        t.n += c.ratings.count;
        t.sum += c.ratings.satisfaction * c.ratings.count;
      },
    );
    return t
      .filter(([, v]) => v.n > 0)
      .map(([orgId, v]) => ({
        orgId,
        value: Math.round((v.sum / v.n) * 10) / 10,
        sample: v.n,
        evidence: `${year}年度群众评价${v.n}人次`,
      }));
  },
};
