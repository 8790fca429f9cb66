import {
  afterCursor,
  AppError,
  judges,
  badInput,
  cursorOf,
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
} from '@chengxin/plugin-sdk';
import type { z } from 'zod';
import {
  PHASE_LABELS,
  PHASES,
  PLUGIN_ID,
  type ObligationOut,
  type PppConfig,
  type ProjectInput,
  type ProjectOut,
  type projectListInput,
  type REVIEW_CONCLUSIONS,
} from '../contract';
import { IN_FORCE } from './in-force';
import { changeDefects, newFiscalDutyFlag, obligationState, regimeOf, RULES } from './rules';
import { reviewState } from './review';
import { project } from './schema';

/** The review states the project list flags (合同审查, plan 三.2). */
const REVIEW_FLAGGED = new Set(['unreviewed', 'reviewed_after_signing', 'signed_despite_rejection']);

/** One row per project with its obligations (fulfilments, excuses), changes, evaluations and failures aggregated. */
export const PROJECT_COLUMNS = sql`p.id::text, p.org_id::text as "orgId", o.name as "orgName", o.path as "orgPath", p.name, p.sector, p.partner_name as "partnerName",
  p.partner_uscc as "partnerUscc", p.phase, p.payment_mechanism as "paymentMechanism", p.start_date::text as "startDate", p.agreement_date::text as "agreementDate",
  p.term_years as "termYears", p.risks, p.ocid,
  coalesce((select json_agg(json_build_object('id', b.id, 'projectId', b.project_id, 'contractSourceId', b.contract_source_id, 'kind', b.kind, 'description', b.description, 'dueDate', b.due_date::text, 'amountFen', b.amount_fen,
    'fulfilments', coalesce((select json_agg(json_build_object('id', f.id, 'fulfilledOn', f.fulfilled_on::text, 'amountFen', f.amount_fen, 'note', f.note) order by f.fulfilled_on, f.id) from ppp.fulfilment f where f.obligation_id = b.id), '[]'),
    'excuses', coalesce((select json_agg(json_build_object('reason', e.reason, 'explanation', e.explanation, 'documentNo', e.document_no, 'recordedOn', e.recorded_on::text) order by e.recorded_on, e.id) from ppp.excuse e where e.obligation_id = b.id), '[]'))
    order by b.due_date, b.id) from ppp.obligation b where b.project_id = p.id), '[]') as obligations,
  coalesce((select json_agg(json_build_object('id', c.id, 'projectId', c.project_id, 'changedOn', c.changed_on::text, 'description', c.description, 'unilateral', c.unilateral, 'reason', c.reason,
    'legalAuthority', c.legal_authority, 'procedureRecord', c.procedure_record, 'compensationFen', c.compensation_fen) order by c.changed_on, c.id) from ppp.agreement_change c where c.project_id = p.id), '[]') as changes,
  coalesce((select json_agg(json_build_object('id', e.id, 'year', e.year, 'evaluatedOn', e.evaluated_on::text, 'kind', e.kind, 'score', e.score, 'note', e.note) order by e.year, e.kind) from ppp.evaluation e where e.project_id = p.id), '[]') as evaluations,
  coalesce((select json_agg(json_build_object('id', x.id, 'periodStart', x.period_start::text, 'periodEnd', x.period_end::text, 'category', x.category, 'events', x.events,
    'penaltyContracted', x.penalty_contracted, 'penaltyImposed', x.penalty_imposed, 'penaltyPaid', x.penalty_paid) order by x.period_start, x.id) from ppp.performance_failure x where x.project_id = p.id), '[]') as failures,
  coalesce((select json_agg(json_build_object('sourceId', k.source_id, 'title', k.title, 'status', k.status, 'dateSigned', k.date_signed::text, 'paymentMechanism', k.payment_mechanism,
    'termYears', k.term_years) order by k.source_id) from ppp.project_contract k where k.project_id = p.id), '[]') as contracts,
  coalesce((select json_agg(json_build_object('reviewedOn', r.reviewed_on::text, 'conclusion', r.conclusion) order by r.reviewed_on, r.id)
    from ppp.contract_review r where r.project_id = p.id), '[]') as reviews`;

/**
 * Signed without a review before signing (unreviewed, reviewed only afterwards, or the last review before signing
 * refused it): the SQL twin of review.ts's reviewState for the list filter.
 */
export const SIGNED_WITHOUT_REVIEW = sql`(p.agreement_date is not null and coalesce((select r.conclusion from ppp.contract_review r
  where r.project_id = p.id and r.reviewed_on <= p.agreement_date order by r.reviewed_on desc, r.id desc limit 1), 'rejected') = 'rejected')`;

export type ProjectRow = Omit<
  ProjectOut,
  | 'obligations'
  | 'changes'
  | 'evaluations'
  | 'failures'
  | 'contracts'
  | 'risks'
  | 'regime'
  | 'newFiscalDutyFlag'
  | 'flags'
  | 'reviewState'
> & {
  orgPath: string;
  risks: unknown;
  obligations: unknown;
  changes: unknown;
  evaluations: unknown;
  failures: unknown;
  contracts: unknown;
  reviews: unknown;
};

const num = (v: unknown) => (v === null || v === undefined ? null : Number(v));

/** A project row as the API shows it: every obligation's state on `today` under the body's governing configuration. */
export function toProject(
  row: ProjectRow,
  cal: DayCalendar,
  today: string,
  config: PppConfig,
): ProjectOut & { orgPath: string } {
  const raw = jsonValue<
    Omit<ObligationOut, 'deadline' | 'state' | 'metOn' | 'fulfilledFen' | 'outstandingFen' | 'daysLate'>[]
  >(row.obligations);
  const obligations = raw.map((o) => {
    const facts = {
      ...o,
      amountFen: num(o.amountFen),
      fulfilments: o.fulfilments.map((f) => ({ ...f, amountFen: num(f.amountFen) })),
    };
    const state = obligationState(cal, facts, today, config.graceDays);
    // An obligation due before the rule took effect is not judged by it (in-force.ts).
    return {
      ...facts,
      ...state,
      ...(judges(IN_FORCE[RULES.obligationOverdue.id], o.dueDate)
        ? {}
        : { state: 'not_applicable' as const, daysLate: 0 }),
    };
  });
  const changes = jsonValue<ProjectOut['changes']>(row.changes).map((c) => {
    const facts = { ...c, compensationFen: num(c.compensationFen) };
    const missing = judges(IN_FORCE[RULES.unilateralChange.id], c.changedOn) ? changeDefects(facts) : [];
    return { ...facts, lawful: missing.length === 0, missing };
  });
  const regime = regimeOf(row.startDate, config);
  const contracts = jsonValue<ProjectOut['contracts']>(row.contracts);
  // Every contract of the project is judged: a supplementary agreement that brings a fiscal payment mechanism into a
  // concession-era project is flagged as the agreement itself would be.
  const flag =
    newFiscalDutyFlag(regime, row.paymentMechanism, obligations) ||
    contracts.some(
      (k) => k.status !== 'cancelled' && k.paymentMechanism && newFiscalDutyFlag(regime, k.paymentMechanism, []),
    );
  const { reviews: rawReviews, ...rest } = row;
  const review = reviewState(
    row.agreementDate,
    jsonValue<{ reviewedOn: string; conclusion: (typeof REVIEW_CONCLUSIONS)[number] }[]>(rawReviews),
  );
  const flags = [
    ...(obligations.some((o) => o.state === 'breach' || o.state === 'late') ? [RULES.obligationOverdue.id] : []),
    ...(changes.some((c) => !c.lawful) ? [RULES.unilateralChange.id] : []),
    ...(flag ? [RULES.newMechanism.id] : []),
    ...(REVIEW_FLAGGED.has(review) ? [RULES.contractReview.id] : []),
  ];
  return {
    ...rest,
    reviewState: review,
    risks: jsonValue<ProjectOut['risks']>(row.risks),
    regime,
    newFiscalDutyFlag: flag,
    obligations,
    changes,
    flags,
    evaluations: jsonValue<ProjectOut['evaluations']>(row.evaluations).map((e) => ({ ...e, score: Number(e.score) })),
    failures: jsonValue<ProjectOut['failures']>(row.failures),
    contracts,
  };
}

export async function projectRows(db: Queryable, where: SQL, limit: number): Promise<ProjectRow[]> {
  return rows<ProjectRow>(
    db,
    sql`select ${PROJECT_COLUMNS} from ppp.project p join kernel_api.org_unit o on o.id = p.org_id where ${where} order by p.id desc limit ${limit}`,
  );
}

const strip = ({ orgPath: _path, ...p }: ProjectOut & { orgPath: string }): ProjectOut => p;

export async function getProject(s: PluginServices, db: Queryable, id: string): Promise<ProjectOut> {
  const [row] = await projectRows(db, sql`p.id = ${id}`, 1);
  if (!row) throw notFound('project', 'PPP项目', id);
  return strip(toProject(row, await loadCalendar(db), s.today, await s.config<PppConfig>(PLUGIN_ID, row.orgId)));
}

export async function listProjects(s: PluginServices, db: Queryable, input: z.infer<typeof projectListInput>) {
  const after = afterCursor(input.cursor);
  const where = [orgInScope(s.scope, sql`p.org_id`)];
  if (input.orgId) where.push(sql`p.org_id = ${input.orgId}`);
  if (after) where.push(sql`p.id < ${after}`);
  if (input.q) where.push(sql`(p.name like ${`%${input.q}%`} or p.partner_name like ${`%${input.q}%`})`);
  if (input.signedWithoutReview !== undefined)
    where.push(input.signedWithoutReview ? SIGNED_WITHOUT_REVIEW : sql`not ${SIGNED_WITHOUT_REVIEW}`);
  const list = await projectRows(db, sql.join(where, sql` and `), input.limit + 1);
  const cal = await loadCalendar(db);
  const items: ProjectOut[] = [];
  for (const row of list.slice(0, input.limit))
    items.push(strip(toProject(row, cal, s.today, await s.config<PppConfig>(PLUGIN_ID, row.orgId))));
  return { items, nextCursor: list.length > input.limit ? cursorOf(items.at(-1)!.id) : null };
}

export async function createProject(s: PluginServices, db: Queryable, input: ProjectInput): Promise<string> {
  if (!(await orgsById(db, [input.orgId])).has(input.orgId))
    throw badInput('ORG_NOT_FOUND', 'orgId', '实施机构单位不存在', 'The implementing body does not exist');
  notAfterToday(s.today, 'startDate', input.startDate);
  notAfterToday(s.today, 'agreementDate', input.agreementDate);
  const id = newId();
  return s.write(async (tx, audit) => {
    if (input.ocid && (await rows(tx, sql`select 1 from ppp.project where ocid = ${input.ocid}`)).length > 0) {
      throw new AppError(
        'CONFLICT',
        'OCID_TAKEN',
        `开放合同编号（ocid）已被登记：${input.ocid}`,
        `ocid ${input.ocid} is already registered`,
        'ocid',
      );
    }
    const risks = input.risks.map((r, i) => ({ id: String(i + 1), ...r }));
    await tx.insert(project).values({ id, ...input, risks, createdBy: s.actor?.id ?? null });
    await audit('ppp.project.create', 'ppp.project', id, {
      orgId: input.orgId,
      name: input.name,
      paymentMechanism: input.paymentMechanism,
      startDate: input.startDate,
    });
    return id;
  });
}

/** Locks a project for a write on it, and returns its dates. */
export async function lockProject(tx: Queryable, id: string, field = 'projectId') {
  const [p] = await rows<{ id: string; startDate: string; agreementDate: string | null }>(
    tx,
    sql`
    select id::text, start_date::text as "startDate", agreement_date::text as "agreementDate" from ppp.project where id = ${id} for update`,
  );
  if (!p) throw badInput('PROJECT_NOT_FOUND', field, 'PPP项目不存在', 'No such PPP project');
  return p;
}

/** Moves a project to a later phase (identification → … → handover); a phase is never gone back to. */
export async function setPhase(
  s: PluginServices,
  input: { projectId: string; phase: (typeof PHASES)[number] },
): Promise<void> {
  await s.write(async (tx, audit) => {
    const [p] = await rows<{ phase: (typeof PHASES)[number] }>(
      tx,
      sql`select phase from ppp.project where id = ${input.projectId} for update`,
    );
    if (!p) throw badInput('PROJECT_NOT_FOUND', 'projectId', 'PPP项目不存在', 'No such PPP project');
    if (PHASES.indexOf(input.phase) <= PHASES.indexOf(p.phase)) {
      throw badInput(
        'PHASE_NOT_LATER',
        'phase',
        `项目已处于“${PHASE_LABELS[p.phase].zh}”阶段，只能进入其后的阶段`,
        `The project is already in ${p.phase}; it can only move to a later phase`,
      );
    }
    await tx.execute(
      sql`update ppp.project set phase = ${input.phase}, updated_at = now() where id = ${input.projectId}`,
    );
    await audit('ppp.project.phase', 'ppp.project', input.projectId, { from: p.phase, to: input.phase });
  });
}
