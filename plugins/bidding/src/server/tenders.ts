import {
  afterCursor,
  AppError,
  badInput,
  cursorOf,
  isBreach,
  jsonValue,
  loadCalendar,
  newId,
  notAfterToday,
  notFound,
  orgInScope,
  orgsById,
  rows,
  sql,
  type DayCalendar,
  type PluginServices,
  type Queryable,
  type SQL,
  type Tx,
} from '@chengxin/plugin-sdk';
import type { z } from 'zod';
import {
  checkDateOrder,
  milestoneFields,
  type clarificationInput,
  type incidentInput,
  type interferenceInput,
  type recordDatesInput,
  type TenderInput,
  type TenderOut,
  type tenderListInput,
} from '../contract';
import { judgedChecks } from './in-force';
import { tenderChecks } from './rules';
import { clarification, incident, interference, tender } from './schema';

/** One row per tender, with its clarifications, incidents and interferences aggregated. */
export const TENDER_COLUMNS = sql`t.id::text, t.org_id::text as "orgId", o.name as "orgName", o.path as "orgPath", t.project, t.must_tender as "mustTender", t.open_required as "openRequired",
  t.method, t.invited_approval as "invitedApproval", t.estimate_fen as "estimateFen", t.agency_id::text as "agencyId", a.name as "agencyName",
  t.issue_date::text as "issueDate", t.bid_deadline::text as "bidDeadline", t.evaluation_report_date::text as "evaluationReportDate",
  t.publicity_start::text as "publicityStart", t.publicity_end::text as "publicityEnd", t.award_notice_date::text as "awardNoticeDate",
  t.contract_date::text as "contractDate", t.report_date::text as "reportDate", t.ocid, t.unknown_facts as "unknownFacts",
  coalesce((select json_agg(json_build_object('id', c.id, 'issuedOn', c.issued_on::text, 'affectsBids', c.affects_bids, 'summary', c.summary) order by c.issued_on, c.id) from bidding.clarification c where c.tender_id = t.id), '[]') as clarifications,
  coalesce((select json_agg(json_build_object('id', x.id, 'kind', x.kind, 'occurredOn', x.occurred_on::text, 'description', x.description, 'cause', x.cause) order by x.occurred_on, x.id) from bidding.incident x where x.tender_id = t.id), '[]') as incidents,
  coalesce((select json_agg(json_build_object('id', i.id, 'personId', i.person_id, 'personName', p.name, 'kind', i.kind, 'occurredOn', i.occurred_on::text, 'description', i.description) order by i.occurred_on, i.id)
    from bidding.interference i join kernel_api.person p on p.id = i.person_id where i.tender_id = t.id), '[]') as interferences,
  coalesce((select json_agg(json_build_object('sourceId', l.source_id, 'title', l.title, 'status', l.status, 'estimateFen', l.estimate_fen, 'awardNoticeDate', l.award_notice_date::text,
    'contractDate', l.contract_date::text) order by l.source_id) from bidding.lot l where l.tender_id = t.id), '[]') as lots`;

export type TenderRow = Omit<
  TenderOut,
  'clarifications' | 'incidents' | 'interferences' | 'lots' | 'checks' | 'breaches' | 'estimateFen'
> & {
  orgPath: string;
  estimateFen: string | number | null;
  clarifications: unknown;
  incidents: unknown;
  interferences: unknown;
  lots: unknown;
  unknownFacts?: unknown;
};

export function toTender(row: TenderRow, cal: DayCalendar, today: string): TenderOut & { orgPath: string } {
  const t = {
    ...row,
    estimateFen: row.estimateFen === null ? null : Number(row.estimateFen),
    clarifications: jsonValue<TenderOut['clarifications']>(row.clarifications),
    incidents: jsonValue<TenderOut['incidents']>(row.incidents),
    interferences: jsonValue<TenderOut['interferences']>(row.interferences),
    lots: jsonValue<TenderOut['lots']>(row.lots).map((l) => ({
      ...l,
      estimateFen: l.estimateFen === null ? null : Number(l.estimateFen),
    })),
  };
  const checks = judgedChecks(tenderChecks(cal, t, today), {
    issueDate: t.issueDate,
    unknownFacts: jsonValue<string[] | null>(row.unknownFacts ?? null),
  });
  return { ...t, checks, breaches: [...new Set(checks.filter((c) => isBreach(c.state)).map((c) => c.ruleId))] };
}

export async function tenderRows(db: Queryable, where: SQL, limit: number): Promise<TenderRow[]> {
  return rows<TenderRow>(
    db,
    sql`select ${TENDER_COLUMNS} from bidding.tender t join kernel_api.org_unit o on o.id = t.org_id left join bidding.agency a on a.id = t.agency_id
    where ${where} order by t.id desc limit ${limit}`,
  );
}

const strip = ({ orgPath: _p, ...t }: TenderOut & { orgPath: string }): TenderOut => t;

export async function getTender(s: PluginServices, db: Queryable, id: string): Promise<TenderOut> {
  const [row] = await tenderRows(db, sql`t.id = ${id}`, 1);
  if (!row) throw notFound('tender', '招标项目', id);
  return strip(toTender(row, await loadCalendar(db), s.today));
}

export async function listTenders(s: PluginServices, db: Queryable, input: z.infer<typeof tenderListInput>) {
  const after = afterCursor(input.cursor);
  const where = [orgInScope(s.scope, sql`t.org_id`)];
  if (input.orgId) where.push(sql`t.org_id = ${input.orgId}`);
  if (after) where.push(sql`t.id < ${after}`);
  if (input.q) where.push(sql`t.project like ${`%${input.q}%`}`);
  const list = await tenderRows(db, sql.join(where, sql` and `), input.limit + 1);
  const cal = await loadCalendar(db);
  const items = list.slice(0, input.limit).map((r) => strip(toTender(r, cal, s.today)));
  return { items, nextCursor: list.length > input.limit ? cursorOf(items.at(-1)!.id) : null };
}

const DATE_FIELDS = ['issueDate', 'bidDeadline', ...Object.keys(milestoneFields)] as const;
/** Facts happened on or before today; the bid deadline may lie ahead. */
const refuseFuture = (s: PluginServices, d: Record<string, unknown>) => {
  for (const f of DATE_FIELDS) if (f !== 'bidDeadline') notAfterToday(s.today, f, d[f] as string | null | undefined);
};

export async function createTender(s: PluginServices, db: Queryable, input: TenderInput): Promise<string> {
  if (!(await orgsById(db, [input.orgId])).has(input.orgId))
    throw badInput('ORG_NOT_FOUND', 'orgId', '招标人单位不存在', 'The tenderer does not exist');
  refuseFuture(s, input);
  const id = newId();
  return s.write(async (tx, audit) => {
    if (input.agencyId && (await rows(tx, sql`select 1 from bidding.agency where id = ${input.agencyId}`)).length === 0)
      throw badInput('AGENCY_NOT_FOUND', 'agencyId', '招标代理机构未登记', 'No such agency');
    if (input.ocid && (await rows(tx, sql`select 1 from bidding.tender where ocid = ${input.ocid}`)).length > 0)
      throw new AppError(
        'CONFLICT',
        'OCID_TAKEN',
        `开放合同编号（ocid）已被登记：${input.ocid}`,
        `ocid ${input.ocid} is already registered`,
        'ocid',
      );
    await tx.insert(tender).values({ id, ...input, createdBy: s.actor?.id ?? null });
    await audit('bidding.tender.create', 'bidding.tender', id, {
      orgId: input.orgId,
      project: input.project,
      method: input.method,
      issueDate: input.issueDate,
      bidDeadline: input.bidDeadline,
    });
    return id;
  });
}

async function lockTender(tx: Tx, id: string) {
  const [t] = await rows<Record<string, string | null>>(
    tx,
    sql`select issue_date::text as "issueDate", bid_deadline::text as "bidDeadline", evaluation_report_date::text as "evaluationReportDate",
    publicity_start::text as "publicityStart", publicity_end::text as "publicityEnd", award_notice_date::text as "awardNoticeDate", contract_date::text as "contractDate", report_date::text as "reportDate"
    from bidding.tender where id = ${id} for update`,
  );
  if (!t) throw badInput('TENDER_NOT_FOUND', 'tenderId', '招标项目不存在', 'No such tender');
  return t;
}

/** Records the later dates of a tender (evaluation report, publicity, award, contract, report); each must follow the ones before. */
export async function recordDates(s: PluginServices, input: z.infer<typeof recordDatesInput>): Promise<void> {
  const { tenderId, ...given } = input;
  const set = Object.fromEntries(Object.entries(given).filter(([, v]) => v !== undefined)) as Record<string, string>;
  if (Object.keys(set).length === 0) throw badInput('NOTHING_TO_RECORD', 'tenderId', '未填写任何日期', 'No date given');
  refuseFuture(s, set);
  await s.write(async (tx, audit) => {
    const before = await lockTender(tx, tenderId);
    for (const [k, v] of Object.entries(set))
      if (before[k] && before[k] !== v)
        throw new AppError(
          'CONFLICT',
          'DATE_ALREADY_RECORDED',
          `该日期已登记为${before[k]}，不能改写`,
          `Already recorded as ${before[k]}`,
          k,
        );
    const merged = { ...before, ...set };
    checkDateOrder(merged, (path, zh, en) => {
      throw badInput('DATE_ORDER', path, zh, en);
    });
    await tx
      .update(tender)
      .set({ ...set, updatedAt: sql`now()` as never })
      .where(sql`id = ${tenderId}`);
    await audit('bidding.tender.record_dates', 'bidding.tender', tenderId, { set });
  });
}

export async function addClarification(
  s: PluginServices,
  input: z.infer<typeof clarificationInput>,
  sourceId: string | null = null,
): Promise<void> {
  notAfterToday(s.today, 'issuedOn', input.issuedOn);
  await s.write(async (tx, audit) => {
    const t = await lockTender(tx, input.tenderId);
    if (input.issuedOn < t['issueDate']! || input.issuedOn > t['bidDeadline']!)
      throw badInput(
        'CLARIFICATION_OUTSIDE_PERIOD',
        'issuedOn',
        `澄清日期须在招标文件发出（${t['issueDate']}）与投标截止（${t['bidDeadline']}）之间`,
        'The clarification must fall between issue and deadline',
      );
    const id = newId();
    await tx.insert(clarification).values({ id, ...input, sourceId, createdBy: s.actor?.id ?? null });
    await audit('bidding.tender.clarify', 'bidding.tender', input.tenderId, {
      clarificationId: id,
      issuedOn: input.issuedOn,
      affectsBids: input.affectsBids,
    });
  });
}

export async function recordIncident(s: PluginServices, input: z.infer<typeof incidentInput>): Promise<void> {
  notAfterToday(s.today, 'occurredOn', input.occurredOn);
  await s.write(async (tx, audit) => {
    const t = await lockTender(tx, input.tenderId);
    if (!t['awardNoticeDate'])
      throw badInput('NO_AWARD_NOTICE', 'kind', '尚未登记中标通知书发出日期', 'Record the award notice first');
    if (input.occurredOn < t['awardNoticeDate'])
      throw badInput(
        'INCIDENT_BEFORE_AWARD',
        'occurredOn',
        `发生日期不能早于中标通知书发出日期（${t['awardNoticeDate']}）`,
        'Before the award notice',
      );
    const id = newId();
    await tx.insert(incident).values({ id, ...input, createdBy: s.actor?.id ?? null });
    await audit('bidding.tender.incident', 'bidding.tender', input.tenderId, {
      incidentId: id,
      kind: input.kind,
      occurredOn: input.occurredOn,
    });
  });
}

export async function recordInterference(s: PluginServices, input: z.infer<typeof interferenceInput>): Promise<void> {
  notAfterToday(s.today, 'occurredOn', input.occurredOn);
  await s.write(async (tx, audit) => {
    await lockTender(tx, input.tenderId);
    if ((await rows(tx, sql`select 1 from kernel_api.person where id = ${input.personId}`)).length === 0)
      throw badInput('PERSON_NOT_FOUND', 'personId', '人员不存在', 'No such person');
    const id = newId();
    await tx.insert(interference).values({ id, ...input, createdBy: s.actor?.id ?? null });
    await audit('bidding.tender.interference', 'bidding.tender', input.tenderId, {
      interferenceId: id,
      personId: input.personId,
      kind: input.kind,
    });
  });
}
