import { jsonValue, rows, type Queryable } from '@chengxin/db';
import { sql } from 'drizzle-orm';
import type { z } from 'zod';
import type {
  Measure,
  MeasureEffect,
  selfCorrectionDecideInput,
  selfCorrectionFileInput,
  selfCorrectionOut,
  selfCorrectionsListInput,
} from '@chengxin/contract';
import { appendAudit } from '../audit';
import { scopeSql, type Scope } from '../access';
import { audit, write, type KernelContext, AppError, notFound, newId } from '../core';
import { lateness, loadCalendar } from '../calendar';
import { measureTextZh, SELF_CORRECTION_DECIDE, SELF_CORRECTION_RULE } from './rules';

type SelfCorrection = z.infer<typeof selfCorrectionOut>;
const conflict = (code: string, zh: string, en: string, field = 'id') => new AppError('CONFLICT', code, zh, en, field);

/** A record the measures still reach: confirmed (approved or later) and neither revoked nor archived. */
const OPEN_TO_SELF_CORRECTION = ['approved', 'published', 'expired', 'repaired'];

/**
 * 自我纠错、主动自新 (plan 二.5): an application on a dishonesty record with evidence that losses were recovered, harm
 * prevented or the effect removed. It never changes the record: the decision names the measures it lightens or
 * waives, and the eligibility answers, the evaluation, notices and accountability read that decision.
 */
export async function fileSelfCorrection(
  ctx: KernelContext,
  input: z.infer<typeof selfCorrectionFileInput>,
): Promise<SelfCorrection> {
  const cal = await loadCalendar(ctx.db);
  const filedOn = ctx.today();
  const id = newId();
  await write(ctx, async (tx) => {
    const [rec] = await rows<{ status: string; polarity: string }>(
      tx,
      sql`select status, polarity from kernel.credit_record where id = ${input.recordId} for update`,
    );
    if (!rec) throw notFound('record', '记录', input.recordId);
    if (rec.polarity !== 'dishonesty')
      throw conflict(
        'SELF_CORRECTION_NOT_DISHONESTY',
        '只能对失信记录申请主动自新',
        'Only a dishonesty record',
        'recordId',
      );
    if (!OPEN_TO_SELF_CORRECTION.includes(rec.status))
      throw conflict(
        'SELF_CORRECTION_RECORD_STATE',
        '记录尚未审核通过，或已撤销、归档，不能申请主动自新',
        `The record is ${rec.status}: not open to self-correction`,
        'recordId',
      );
    const [open] = await rows<{ id: string }>(
      tx,
      sql`select id::text from kernel.self_correction where record_id = ${input.recordId} and status = 'under_review'`,
    );
    if (open)
      throw conflict(
        'SELF_CORRECTION_OPEN',
        '该记录已有正在审查的主动自新申请',
        'An application is already open',
        'recordId',
      );
    const due = cal.addWorkingDays(filedOn, SELF_CORRECTION_DECIDE.workingDays);
    await tx.execute(sql`insert into kernel.self_correction (id, record_id, applicant_name, evidence, status, filed_on, filed_by, decide_due, provisional)
      values (${id}, ${input.recordId}, ${input.applicantName}, ${JSON.stringify(input.evidence)}::jsonb, 'under_review', ${filedOn}::date,
        ${ctx.actor?.id ?? null}::uuid, ${due.date}::date, ${due.provisional})`);
    await audit(tx, ctx, 'self_correction.file', 'self_correction', id, {
      recordId: input.recordId,
      evidence: input.evidence.map((e) => e.kind),
      decideDue: due.date,
    });
  });
  return getSelfCorrection(ctx.db, ctx, id);
}

/**
 * The reviewer's decision (someone other than who filed it). Granted, it names each measure lightened or waived; a
 * waived accountability closes the record's open accountability tasks in the same transaction, with the reason.
 */
export async function decideSelfCorrection(
  ctx: KernelContext,
  input: z.infer<typeof selfCorrectionDecideInput>,
): Promise<SelfCorrection> {
  const today = ctx.today();
  await write(ctx, async (tx) => {
    const [s] = await rows<{ status: string; record_id: string; filed_by: string | null }>(
      tx,
      sql`select status, record_id::text, filed_by::text from kernel.self_correction where id = ${input.id} for update`,
    );
    if (!s) throw notFound('self_correction', '主动自新申请', input.id);
    if (s.status !== 'under_review')
      throw conflict('SELF_CORRECTION_DECIDED', '该申请已作出决定', 'The application is already decided');
    if (ctx.actor && s.filed_by === ctx.actor.id)
      throw conflict(
        'SELF_CORRECTION_SELF_DECIDE',
        '主动自新申请须由登记人以外的人员审查决定',
        'Decided by someone other than the filer',
      );
    const measures = input.grant ? input.measures : [];
    await tx.execute(sql`update kernel.self_correction set status = 'decided', granted = ${input.grant}, measures = ${JSON.stringify(measures)}::jsonb,
      reason = ${input.reason}, decided_on = ${today}::date, decided_by = ${ctx.actor?.id ?? null}::uuid where id = ${input.id}`);
    await audit(tx, ctx, 'self_correction.decide', 'self_correction', input.id, {
      recordId: s.record_id,
      granted: input.grant,
      measures,
      reason: input.reason,
    });
    if (measures.some((m) => m.measure === 'accountability' && m.effect === 'waived')) {
      const outcome = `主动自新，${measureTextZh('accountability', 'waived')}，问责任务终止`;
      const tasks = await rows<{ id: string }>(
        tx,
        sql`update kernel.accountability_task set status = 'cancelled', closed_on = ${today}::date, outcome = ${outcome}
        where record_id = ${s.record_id} and status = 'open' returning id::text`,
      );
      await appendAudit(
        tx,
        ctx.actor,
        tasks.map((t) => ({
          action: 'accountability.cancel',
          entity: 'accountability_task',
          entityId: t.id,
          detail: { recordId: s.record_id, reason: outcome, on: today, selfCorrectionId: input.id },
        })),
      );
    }
  });
  return getSelfCorrection(ctx.db, ctx, input.id);
}

const COLUMNS = sql`s.id::text, s.record_id::text as "recordId", r.decision_no as "recordDecisionNo", r.org_id::text as "orgId", o.name as "orgName",
  p.name as "personName", s.applicant_name as "applicantName", s.evidence, s.status, s.filed_on::text as "filedOn", s.decide_due::text as "decideDue",
  s.provisional, s.granted, s.measures, s.reason, s.decided_on::text as "decidedOn"`;
const FROM = sql`kernel.self_correction s join kernel.current_record r on r.id = s.record_id join kernel.org_unit o on o.id = r.org_id
  left join kernel.person p on p.id = r.person_id`;

type Row = Omit<SelfCorrection, 'measures' | 'evidence' | 'overdue' | 'workingDaysLate' | 'rule'> & {
  measures: unknown;
  evidence: unknown;
};

async function shape(db: Queryable, today: string, list: Row[]): Promise<SelfCorrection[]> {
  const cal = await loadCalendar(db);
  return list.map((s) => ({
    ...s,
    evidence: jsonValue<SelfCorrection['evidence']>(s.evidence).map((e) => ({ ...e, documents: e.documents ?? [] })),
    measures: jsonValue<{ measure: Measure; effect: MeasureEffect }[]>(s.measures).map((m) => ({
      ...m,
      textZh: measureTextZh(m.measure, m.effect),
    })),
    ...lateness(cal, s.decideDue, s.decidedOn, today),
    rule: { ruleId: SELF_CORRECTION_RULE.ruleId, ...SELF_CORRECTION_RULE.source },
  }));
}

export async function getSelfCorrection(
  db: Queryable,
  ctx: KernelContext,
  id: string,
  scope?: Scope,
): Promise<SelfCorrection> {
  const list = await rows<Row>(
    db,
    sql`select ${COLUMNS} from ${FROM} where s.id = ${id} ${scope ? sql`and ${scopeSql(scope, sql`o.path`)}` : sql``}`,
  );
  if (!list.length) throw notFound('self_correction', '主动自新申请', id);
  return (await shape(db, ctx.today(), list))[0]!;
}

export async function listSelfCorrections(
  ctx: KernelContext,
  input: z.infer<typeof selfCorrectionsListInput>,
  scope: Scope,
): Promise<SelfCorrection[]> {
  const list = await rows<Row>(
    ctx.db,
    sql`select ${COLUMNS} from ${FROM} where ${scopeSql(scope, sql`o.path`)}
      ${input.status ? sql`and s.status = ${input.status}` : sql``}
      ${input.recordId ? sql`and s.record_id = ${input.recordId}` : sql``}
      ${input.orgId ? sql`and r.org_id = ${input.orgId}` : sql``}
    order by (s.status = 'decided'), s.decide_due, s.id limit ${input.limit}`,
  );
  return shape(ctx.db, ctx.today(), list);
}

/** Granted decisions on these records, for the eligibility answers, the file and the evaluation. */
export interface Mitigation {
  selfCorrectionId: string;
  recordId: string;
  measure: Measure;
  effect: MeasureEffect;
  decidedOn: string;
}
export async function mitigationsOf(db: Queryable, recordIds: string[]): Promise<Mitigation[]> {
  if (recordIds.length === 0) return [];
  return rows<Mitigation>(
    db,
    sql`select s.id::text as "selfCorrectionId", s.record_id::text as "recordId", m->>'measure' as measure, m->>'effect' as effect,
      s.decided_on::text as "decidedOn"
    from kernel.self_correction s cross join lateral jsonb_array_elements(s.measures) m
    where s.record_id = any(${sql.param(recordIds)}::uuid[]) and s.granted order by s.decided_on, s.id`,
  );
}
