/**
 * The steps between an agency's evaluation and the public: a second person reviews it (or returns it for correction),
 * a correction re-scores it with its reason kept, and publication puts it on the portal. Beside it, the 动态监管
 * entries (inspections, complaint decisions, penalties, qualification changes) that the portal discloses once published.
 */
import {
  AppError,
  checkSecondReview,
  jsonValue,
  newId,
  notAfterToday,
  notFound,
  rows,
  sql,
  type PluginServices,
  type Queryable,
  type Tx,
} from '@chengxin/plugin-sdk';
import type { z } from 'zod';
import {
  EVALUATION_STATUS_LABELS,
  SUPERVISION_KIND_LABELS,
  type correctEvaluationInput,
  type evaluationRowOut,
  type reviewEvaluationInput,
  type supervisionInput,
  type supervisionOut,
} from '../contract';
import { checkReports, getAgency, scoreAgency } from './agencies';
import { agencySupervision } from './schema';

type EvaluationRow = z.infer<typeof evaluationRowOut>;
type SupervisionRow = z.infer<typeof supervisionOut>;

const EVALUATION = sql`e.id::text, e.agency_id::text as "agencyId", a.name as "agencyName", e.year, e.evaluated_on::text as "evaluatedOn",
  e.total, e.grade, e.status, e.reviewed_on::text as "reviewedOn", e.review_note as "reviewNote", e.published_on::text as "publishedOn",
  e.corrections, e.created_by::text as "createdBy"`;
type Raw = Omit<EvaluationRow, 'statusZh'> & { createdBy: string | null };
const toRow = ({ createdBy: _, ...r }: Raw): EvaluationRow => ({
  ...r,
  total: Number(r.total),
  statusZh: EVALUATION_STATUS_LABELS[r.status].zh,
  corrections: jsonValue<EvaluationRow['corrections']>(r.corrections).map((c) => ({
    on: c.on,
    reason: c.reason,
    before: { total: Number(c.before.total), grade: c.before.grade },
  })),
});

export async function listEvaluations(
  db: Queryable,
  input: { status?: EvaluationRow['status'] | undefined; limit: number },
): Promise<EvaluationRow[]> {
  const list = await rows<Raw>(
    db,
    sql`select ${EVALUATION} from bidding.agency_evaluation e join bidding.agency a on a.id = e.agency_id
    ${input.status ? sql`where e.status = ${input.status}` : sql``}
    order by case e.status when 'entered' then 0 when 'returned' then 1 when 'reviewed' then 2 else 3 end, e.evaluated_on desc, e.id limit ${input.limit}`,
  );
  return list.map(toRow);
}

async function lockEvaluation(tx: Tx, evaluationId: string): Promise<Raw> {
  const [e] = await rows<Raw>(
    tx,
    sql`select ${EVALUATION} from bidding.agency_evaluation e join bidding.agency a on a.id = e.agency_id where e.id = ${evaluationId} for update of e`,
  );
  if (!e) throw notFound('evaluation', '代理机构信用评价', evaluationId);
  return e;
}

const wrongState = (e: Raw, wanted: string) =>
  new AppError(
    'CONFLICT',
    'EVALUATION_STATE',
    `该评价当前为“${EVALUATION_STATUS_LABELS[e.status].zh}”，${wanted}`,
    `The evaluation is ${e.status}`,
    'evaluationId',
  );

/** A second person approves (reviewed) or returns (returned, with the note saying what to correct). */
export async function reviewEvaluation(
  s: PluginServices,
  input: z.infer<typeof reviewEvaluationInput>,
): Promise<EvaluationRow> {
  return s.write(async (tx, audit) => {
    const e = await lockEvaluation(tx, input.evaluationId);
    if (e.status !== 'entered') throw wrongState(e, '只能审核待审核的评价');
    checkSecondReview(s.actor?.id, e.createdBy, input, { zh: '评价', field: 'evaluationId' });
    const status = input.approve ? 'reviewed' : 'returned';
    await tx.execute(sql`update bidding.agency_evaluation set status = ${status}, reviewed_by = ${s.actor?.id ?? null},
      reviewed_on = ${s.today}::date, review_note = ${input.note} where id = ${input.evaluationId}`);
    await audit(
      `bidding.agency_evaluation.${input.approve ? 'approve' : 'return'}`,
      'bidding.agency_evaluation',
      e.id,
      {
        agencyId: e.agencyId,
        year: e.year,
        note: input.note,
      },
    );
    return toRow((await lockEvaluation(tx, e.id)) as Raw);
  });
}

/**
 * Re-scores an evaluation with the reason kept beside the figures before. A published one goes back to review and
 * leaves the portal until it is published again (the portal shows only reviewed results).
 */
export async function correctEvaluation(
  s: PluginServices,
  input: z.infer<typeof correctEvaluationInput>,
): Promise<EvaluationRow> {
  const g = await scoreAgency(s, input.scores);
  return s.write(async (tx, audit) => {
    const e = await lockEvaluation(tx, input.evaluationId);
    checkReports(await getAgency(tx, e.agencyId), input.reportIds);
    const correction = {
      on: s.today,
      by: s.actor?.id ?? null,
      reason: input.reason,
      before: { total: Number(e.total), grade: e.grade },
    };
    await tx.execute(sql`update bidding.agency_evaluation set total = ${g.total}, grade = ${g.grade}, breakdown = ${JSON.stringify(g.breakdown)}::jsonb,
      report_ids = ${JSON.stringify(input.reportIds)}::jsonb, status = 'entered', created_by = ${s.actor?.id ?? null},
      reviewed_by = null, reviewed_on = null, published_on = null, published_by = null,
      corrections = corrections || ${JSON.stringify([correction])}::jsonb where id = ${e.id}`);
    await audit('bidding.agency_evaluation.correct', 'bidding.agency_evaluation', e.id, {
      agencyId: e.agencyId,
      year: e.year,
      reason: input.reason,
      wasPublished: e.status === 'published',
      before: correction.before,
      after: { total: g.total, grade: g.grade },
    });
    return toRow(await lockEvaluation(tx, e.id));
  });
}

export async function publishEvaluation(s: PluginServices, evaluationId: string): Promise<EvaluationRow> {
  return s.write(async (tx, audit) => {
    const e = await lockEvaluation(tx, evaluationId);
    if (e.status !== 'reviewed') throw wrongState(e, '须先经审核通过才能公布');
    await tx.execute(sql`update bidding.agency_evaluation set status = 'published', published_on = ${s.today}::date,
      published_by = ${s.actor?.id ?? null} where id = ${evaluationId}`);
    await audit('bidding.agency_evaluation.publish', 'bidding.agency_evaluation', e.id, {
      agencyId: e.agencyId,
      year: e.year,
      total: Number(e.total),
      grade: e.grade,
    });
    return toRow(await lockEvaluation(tx, e.id));
  });
}

const SUPERVISION = sql`s.id::text, s.agency_id::text as "agencyId", a.name as "agencyName", s.kind, s.occurred_on::text as "occurredOn",
  s.summary, s.outcome, s.document_no as "documentNo", s.status, s.published_on::text as "publishedOn"`;
type RawSupervision = Omit<SupervisionRow, 'kindZh' | 'statusZh'>;
const toSupervision = (r: RawSupervision): SupervisionRow => ({
  ...r,
  kindZh: SUPERVISION_KIND_LABELS[r.kind].zh,
  statusZh: r.status === 'published' ? '已公开' : '已录入（待公开）',
});

export async function listSupervision(
  db: Queryable,
  input: { agencyId?: string | undefined; status?: 'entered' | 'published' | undefined; limit: number },
): Promise<SupervisionRow[]> {
  const list = await rows<RawSupervision>(
    db,
    sql`select ${SUPERVISION} from bidding.agency_supervision s join bidding.agency a on a.id = s.agency_id
    where true ${input.agencyId ? sql`and s.agency_id = ${input.agencyId}` : sql``} ${input.status ? sql`and s.status = ${input.status}` : sql``}
    order by s.occurred_on desc, s.id limit ${input.limit}`,
  );
  return list.map(toSupervision);
}

async function supervisionRow(db: Queryable, id: string): Promise<RawSupervision | undefined> {
  return (
    await rows<RawSupervision>(
      db,
      sql`select ${SUPERVISION} from bidding.agency_supervision s join bidding.agency a on a.id = s.agency_id where s.id = ${id}`,
    )
  )[0];
}

export async function recordSupervision(
  s: PluginServices,
  input: z.infer<typeof supervisionInput>,
): Promise<SupervisionRow> {
  notAfterToday(s.today, 'occurredOn', input.occurredOn);
  return s.write(async (tx, audit) => {
    await getAgency(tx, input.agencyId);
    const id = newId();
    await tx.insert(agencySupervision).values({ id, ...input, status: 'entered', createdBy: s.actor?.id ?? null });
    await audit('bidding.agency_supervision.record', 'bidding.agency_supervision', id, {
      agencyId: input.agencyId,
      kind: input.kind,
      occurredOn: input.occurredOn,
    });
    return toSupervision((await supervisionRow(tx, id))!);
  });
}

export async function publishSupervision(s: PluginServices, supervisionId: string): Promise<SupervisionRow> {
  return s.write(async (tx, audit) => {
    const row = await supervisionRow(tx, supervisionId);
    if (!row) throw notFound('supervision', '动态监管信息', supervisionId);
    if (row.status === 'published')
      throw new AppError('CONFLICT', 'ALREADY_PUBLISHED', '该信息已公开', 'Already published', 'supervisionId');
    await tx.execute(sql`update bidding.agency_supervision set status = 'published', published_on = ${s.today}::date,
      published_by = ${s.actor?.id ?? null} where id = ${supervisionId}`);
    await audit('bidding.agency_supervision.publish', 'bidding.agency_supervision', supervisionId, {
      agencyId: row.agencyId,
    });
    return toSupervision((await supervisionRow(tx, supervisionId))!);
  });
}
