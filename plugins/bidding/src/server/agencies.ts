/**
 * Tendering agencies: registration, third-party credit reports, the yearly credit evaluation under the configured
 * indicator system (a snapshot of it is stored with each result), and what the public portal may show of them.
 */
import {
  AppError,
  badInput,
  jsonValue,
  newId,
  notAfterToday,
  rows,
  sql,
  type PluginServices,
  type Queryable,
} from '@chengxin/plugin-sdk';
import type { z } from 'zod';
import {
  biddingConfig,
  PLUGIN_ID,
  type agencyDisclosureOut,
  type agencyInput,
  type AgencyOut,
  type BiddingConfig,
  type evaluateInput,
  type reportInput,
  SUPERVISION_KIND_LABELS,
  type SUPERVISION_KINDS,
} from '../contract';
import { gradeAgency } from './rules';
import { agency, agencyEvaluation, agencyReport } from './schema';

const COLUMNS = sql`a.id::text, a.name, a.uscc, a.qualification, a.qualification_valid_until::text as "qualificationValidUntil",
  coalesce((select json_agg(json_build_object('id', r.id, 'issuer', r.issuer, 'reportNo', r.report_no, 'issuedOn', r.issued_on::text, 'grade', r.grade, 'validUntil', r.valid_until::text) order by r.issued_on desc, r.id) from bidding.agency_report r where r.agency_id = a.id), '[]') as reports,
  coalesce((select json_agg(json_build_object('id', e.id, 'year', e.year, 'evaluatedOn', e.evaluated_on::text, 'total', e.total, 'grade', e.grade, 'breakdown', e.breakdown, 'reportIds', e.report_ids, 'status', e.status, 'publishedOn', e.published_on::text) order by e.year desc) from bidding.agency_evaluation e where e.agency_id = a.id), '[]') as evaluations`;

type Row = Omit<AgencyOut, 'reports' | 'evaluations'> & { reports: unknown; evaluations: unknown };
const toAgency = (r: Row): AgencyOut => ({
  ...r,
  reports: jsonValue<AgencyOut['reports']>(r.reports),
  evaluations: jsonValue<AgencyOut['evaluations']>(r.evaluations).map((e) => ({
    ...e,
    total: Number(e.total),
    breakdown: jsonValue(e.breakdown),
    reportIds: jsonValue(e.reportIds),
  })),
});

export async function listAgencies(
  db: Queryable,
  input: { q?: string | undefined; limit: number },
): Promise<AgencyOut[]> {
  const list = await rows<Row>(
    db,
    sql`select ${COLUMNS} from bidding.agency a ${input.q ? sql`where a.name like ${`%${input.q}%`} or a.uscc = ${input.q}` : sql``} order by a.name limit ${input.limit}`,
  );
  return list.map(toAgency);
}

export async function getAgency(db: Queryable, id: string): Promise<AgencyOut> {
  const [row] = await rows<Row>(db, sql`select ${COLUMNS} from bidding.agency a where a.id = ${id}`);
  if (!row) throw badInput('AGENCY_NOT_FOUND', 'agencyId', '招标代理机构未登记', 'No such agency');
  return toAgency(row);
}

export async function registerAgency(s: PluginServices, input: z.infer<typeof agencyInput>): Promise<string> {
  const id = newId();
  await s.write(async (tx, audit) => {
    if ((await rows(tx, sql`select 1 from bidding.agency where uscc = ${input.uscc}`)).length > 0)
      throw new AppError(
        'CONFLICT',
        'AGENCY_EXISTS',
        `该统一社会信用代码的代理机构已登记：${input.uscc}`,
        'This agency is already registered',
        'uscc',
      );
    await tx.insert(agency).values({ id, ...input, createdBy: s.actor?.id ?? null });
    await audit('bidding.agency.register', 'bidding.agency', id, { name: input.name, uscc: input.uscc });
  });
  return id;
}

export async function attachReport(s: PluginServices, input: z.infer<typeof reportInput>): Promise<void> {
  notAfterToday(s.today, 'issuedOn', input.issuedOn);
  await s.write(async (tx, audit) => {
    await getAgency(tx, input.agencyId);
    if (
      (
        await rows(
          tx,
          sql`select 1 from bidding.agency_report where agency_id = ${input.agencyId} and issuer = ${input.issuer} and report_no = ${input.reportNo}`,
        )
      ).length > 0
    ) {
      throw new AppError(
        'CONFLICT',
        'REPORT_EXISTS',
        '该信用报告已上传',
        'This report is already attached',
        'reportNo',
      );
    }
    const id = newId();
    await tx.insert(agencyReport).values({ id, ...input, createdBy: s.actor?.id ?? null });
    await audit('bidding.agency.report', 'bidding.agency', input.agencyId, {
      reportId: id,
      issuer: input.issuer,
      reportNo: input.reportNo,
      grade: input.grade,
    });
  });
}

/** Scores under the deployment's indicator system; unknown, missing or excessive scores are refused by field. */
export async function scoreAgency(s: PluginServices, scores: Record<string, number>) {
  const cfg = biddingConfig.parse(await s.config<BiddingConfig>(PLUGIN_ID, null));
  const g = gradeAgency(scores, cfg);
  if (g.unknown.length)
    throw badInput(
      'INDICATOR_UNKNOWN',
      `scores.${g.unknown[0]}`,
      `指标体系中没有该指标：${g.unknown[0]}`,
      `No such indicator: ${g.unknown[0]}`,
    );
  if (g.missing.length)
    throw badInput(
      'INDICATOR_MISSING',
      `scores.${g.missing[0]}`,
      `缺少指标得分：${g.missing[0]}`,
      `Missing score: ${g.missing[0]}`,
    );
  if (g.over.length)
    throw badInput(
      'SCORE_OVER_MAX',
      `scores.${g.over[0]}`,
      `得分超过该指标满分：${g.over[0]}`,
      `Score above the maximum: ${g.over[0]}`,
    );
  return g;
}

/** The reports an evaluation relies on must be this agency's. */
export function checkReports(a: AgencyOut, reportIds: string[]): void {
  const bad = reportIds.find((r) => !a.reports.some((x) => x.id === r));
  if (bad)
    throw badInput(
      'REPORT_NOT_FOUND',
      'reportIds',
      `该机构没有此信用报告：${bad}`,
      `No such report of this agency: ${bad}`,
    );
}

/**
 * Scores an agency for a year. The result is entered, not published: a second person reviews it and it is published
 * only then (bidding.agencies.reviewEvaluation, publishEvaluation).
 */
export async function evaluateAgency(s: PluginServices, input: z.infer<typeof evaluateInput>): Promise<void> {
  notAfterToday(s.today, 'evaluatedOn', input.evaluatedOn);
  const g = await scoreAgency(s, input.scores);
  await s.write(async (tx, audit) => {
    const a = await getAgency(tx, input.agencyId);
    checkReports(a, input.reportIds);
    if (a.evaluations.some((e) => e.year === input.year))
      throw new AppError(
        'CONFLICT',
        'EVALUATION_EXISTS',
        `${input.year}年度已评价`,
        `Already evaluated for ${input.year}`,
        'year',
      );
    const id = newId();
    await tx.insert(agencyEvaluation).values({
      id,
      agencyId: input.agencyId,
      year: input.year,
      evaluatedOn: input.evaluatedOn,
      total: g.total,
      grade: g.grade,
      breakdown: g.breakdown,
      reportIds: input.reportIds,
      createdBy: s.actor?.id ?? null,
      status: 'entered',
    });
    await audit('bidding.agency.evaluate', 'bidding.agency', input.agencyId, {
      evaluationId: id,
      year: input.year,
      total: g.total,
      grade: g.grade,
    });
  });
}

/** The public disclosure: qualification, the latest published evaluation, the reports still valid on `today` and the published supervision entries. */
export async function disclosure(
  db: Queryable,
  today: string,
  q: string | undefined,
  limit: number,
): Promise<z.infer<typeof agencyDisclosureOut>> {
  const list = await listAgencies(db, { q, limit });
  const supervision = await rows<{
    agencyId: string;
    kind: (typeof SUPERVISION_KINDS)[number];
    occurredOn: string;
    summary: string;
    outcome: string | null;
    documentNo: string | null;
  }>(
    db,
    sql`select agency_id::text as "agencyId", kind, occurred_on::text as "occurredOn", summary, outcome, document_no as "documentNo"
    from bidding.agency_supervision where status = 'published' and agency_id = any(${sql.param(list.map((a) => a.id))}::uuid[])
    order by occurred_on desc, id`,
  );
  return list.map((a) => {
    const published = a.evaluations.find((e) => e.status === 'published');
    return {
      name: a.name,
      uscc: a.uscc,
      qualification: a.qualification,
      qualificationValidUntil: a.qualificationValidUntil,
      qualificationState: !a.qualificationValidUntil
        ? ('unlimited' as const)
        : a.qualificationValidUntil >= today
          ? ('valid' as const)
          : ('expired' as const),
      latestEvaluation: published
        ? { year: published.year, grade: published.grade, total: published.total, publishedOn: published.publishedOn }
        : null,
      validReports: a.reports
        .filter((r) => r.issuedOn <= today && r.validUntil >= today)
        .map(({ issuer, reportNo, grade, validUntil }) => ({ issuer, reportNo, grade, validUntil })),
      supervision: supervision
        .filter((x) => x.agencyId === a.id)
        .map(({ agencyId: _, ...x }) => ({ ...x, kindZh: SUPERVISION_KIND_LABELS[x.kind].zh })),
      indicatorSystemIsSetting: true as const,
    };
  });
}
