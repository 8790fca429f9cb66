import { rows, type Db } from '@chengxin/db';
import { sql } from 'drizzle-orm';
import type { z } from 'zod';
import { scopeSql, type Scope } from '../access';
import type {
  inspectionCreateInput,
  inspectionFindingInput,
  inspectionOut,
  proposalOut,
  proposalRegisterInput,
  RecordCreateInput,
} from '@chengxin/contract';
import { audit, write, type KernelContext, AppError, badInput, notFound, newId } from '../core';
import { addMonths, type LegalDate } from '@chengxin/contract';
import { PROCESS_RULES, PROPOSAL_RULE } from './rules';
import { loadCalendar } from '../calendar';
import { createDraft } from '../records';

/**
 * Supervision inputs. 专项督导: an inspection of a body whose findings may open a draft record and/or a rectification
 * (in one transaction with the finding). 人大建议/政协提案: registered with their due date, answered, satisfaction
 * recorded; on-time answering is an evaluation input.
 */
export async function createInspection(ctx: KernelContext, input: z.infer<typeof inspectionCreateInput>) {
  const id = newId();
  const issuedOn = ctx.today();
  if (input.dueOn <= issuedOn)
    throw badInput('DUE_DATE_INVALID', 'dueOn', '督导期限应晚于今天', 'dueOn must be after today');
  await write(ctx, async (tx) => {
    await tx.execute(sql`insert into kernel.inspection (id, title, target_org_id, issued_on, due_on, status, created_by)
      values (${id}, ${input.title}, ${input.targetOrgId}, ${issuedOn}::date, ${input.dueOn}::date, 'open', ${ctx.actor?.id ?? null}::uuid)`);
    await audit(tx, ctx, 'inspection.create', 'inspection', id, {
      title: input.title,
      targetOrgId: input.targetOrgId,
      dueOn: input.dueOn,
    });
  });
  return getInspection(ctx, id);
}

export async function addFinding(ctx: KernelContext, input: z.infer<typeof inspectionFindingInput>) {
  const cal = await loadCalendar(ctx.db);
  const today = ctx.today();
  await write(ctx, async (tx) => {
    const [insp] = await rows<{ status: string; target_org_id: string }>(
      tx,
      sql`select status, target_org_id::text from kernel.inspection where id = ${input.inspectionId} for update`,
    );
    if (!insp) throw notFound('inspection', '督导任务', input.inspectionId);
    if (insp.status !== 'open')
      throw new AppError('CONFLICT', 'INSPECTION_CLOSED', '督导任务已结束', 'The inspection is closed', 'inspectionId');
    const id = newId();
    let recordId: string | null = null;
    if (input.record) {
      const draft = await createDraft({ ...ctx, db: tx as unknown as Db }, {
        ...input.record,
        subject: { kind: 'org', orgId: insp.target_org_id },
        linkTo: [],
        payload: { ...input.record.payload, inspectionFindingId: id },
      } as RecordCreateInput);
      recordId = draft.id;
    }
    let rectificationId: string | null = null;
    if (input.opensRectification) {
      rectificationId = newId();
      const { date: explanationDue, provisional } = cal.addWorkingDays(
        today,
        PROCESS_RULES.rectificationExplain.workingDays,
      );
      await tx.execute(sql`insert into kernel.rectification (id, finding_id, org_id, status, required_on, explanation_due, provisional)
        values (${rectificationId}, ${id}, ${insp.target_org_id}, 'awaiting_explanation', ${today}::date, ${explanationDue}::date, ${provisional})`);
      await audit(tx, ctx, 'rectification.require', 'rectification', rectificationId, {
        findingId: id,
        explanationDue,
      });
    }
    await tx.execute(sql`insert into kernel.inspection_finding (id, inspection_id, description, record_id, rectification_id, found_on)
      values (${id}, ${input.inspectionId}, ${input.description}, ${recordId}::uuid, ${rectificationId}::uuid, ${today}::date)`);
    await audit(tx, ctx, 'inspection.finding', 'inspection', input.inspectionId, {
      findingId: id,
      recordId,
      rectificationId,
    });
  });
  return getInspection(ctx, input.inspectionId);
}

export async function closeInspection(ctx: KernelContext, id: string, summary: string) {
  await write(ctx, async (tx) => {
    const done = await rows<{ id: string }>(
      tx,
      sql`update kernel.inspection set status = 'closed', closed_on = ${ctx.today()}::date, summary = ${summary} where id = ${id} and status = 'open' returning id`,
    );
    if (!done.length)
      throw new AppError(
        'CONFLICT',
        'INSPECTION_CLOSED',
        '督导任务不存在或已结束',
        'The inspection is missing or closed',
        'id',
      );
    await audit(tx, ctx, 'inspection.close', 'inspection', id, { summary });
  });
  return getInspection(ctx, id);
}

type InspectionOut = z.infer<typeof inspectionOut>;
export async function getInspection(ctx: KernelContext, id: string): Promise<InspectionOut> {
  const [i] = await rows<Omit<InspectionOut, 'findings'>>(
    ctx.db,
    sql`select i.id, i.title, i.target_org_id as "targetOrgId", o.name as "targetOrgName", i.issued_on::text as "issuedOn",
    i.due_on::text as "dueOn", i.status, i.closed_on::text as "closedOn", i.summary from kernel.inspection i join kernel.org_unit o on o.id = i.target_org_id where i.id = ${id}`,
  );
  if (!i) throw notFound('inspection', '督导任务', id);
  const findings = await rows<InspectionOut['findings'][number]>(
    ctx.db,
    sql`select id, description, record_id as "recordId", rectification_id as "rectificationId", found_on::text as "foundOn"
    from kernel.inspection_finding where inspection_id = ${id} order by created_at, id`,
  );
  return { ...i, findings };
}

export async function listInspections(ctx: KernelContext, scope: Scope, limit: number) {
  const ids = await rows<{ id: string }>(
    ctx.db,
    sql`select i.id::text from kernel.inspection i join kernel.org_unit o on o.id = i.target_org_id
    where ${scopeSql(scope, sql`o.path`)} order by (i.status = 'closed'), i.due_on, i.id limit ${limit}`,
  );
  return Promise.all(ids.map((r) => getInspection(ctx, r.id)));
}

// ---- proposals -------------------------------------------------------------------------------------------------

type ProposalOut = z.infer<typeof proposalOut>;
const PROPOSAL_COLUMNS = sql`p.id, p.kind, p.code, p.title, p.handling_org_id as "handlingOrgId", o.name as "handlingOrgName", p.received_on::text as "receivedOn",
  p.due_on::text as "dueOn", p.answered_on::text as "answeredOn", p.satisfaction`;
const withTiming = (p: Omit<ProposalOut, 'onTime' | 'overdue'>, today: LegalDate): ProposalOut => ({
  ...p,
  onTime: p.answeredOn ? p.answeredOn <= p.dueOn : null,
  overdue: p.answeredOn ? p.answeredOn > p.dueOn : today > p.dueOn,
});

export async function registerProposal(ctx: KernelContext, input: z.infer<typeof proposalRegisterInput>) {
  const id = newId();
  // Three months on; a due date falling on a day off moves to the next working day.
  const dueOn =
    input.dueOn ?? (await loadCalendar(ctx.db)).onOrAfterWorkingDay(addMonths(input.receivedOn, PROPOSAL_RULE.months));
  await write(ctx, async (tx) => {
    const [dup] = await rows<{ id: string }>(
      tx,
      sql`select id from kernel.proposal where kind = ${input.kind} and code = ${input.code}`,
    );
    if (dup)
      throw new AppError(
        'CONFLICT',
        'PROPOSAL_DUPLICATE',
        `编号${input.code}已登记`,
        `Proposal ${input.code} is already registered`,
        'code',
      );
    await tx.execute(sql`insert into kernel.proposal (id, kind, code, title, handling_org_id, received_on, due_on)
      values (${id}, ${input.kind}, ${input.code}, ${input.title}, ${input.handlingOrgId}, ${input.receivedOn}::date, ${dueOn}::date)`);
    await audit(tx, ctx, 'proposal.register', 'proposal', id, { kind: input.kind, code: input.code, dueOn });
  });
  return getProposal(ctx, id);
}

export async function answerProposal(ctx: KernelContext, id: string, satisfaction: ProposalOut['satisfaction']) {
  await write(ctx, async (tx) => {
    const done = await rows<{ id: string }>(
      tx,
      sql`update kernel.proposal set answered_on = coalesce(answered_on, ${ctx.today()}::date), satisfaction = ${satisfaction} where id = ${id} returning id`,
    );
    if (!done.length) throw notFound('proposal', '建议提案', id);
    await audit(tx, ctx, 'proposal.answer', 'proposal', id, { satisfaction });
  });
  return getProposal(ctx, id);
}

export async function getProposal(ctx: KernelContext, id: string) {
  const [p] = await rows<Omit<ProposalOut, 'onTime' | 'overdue'>>(
    ctx.db,
    sql`select ${PROPOSAL_COLUMNS} from kernel.proposal p join kernel.org_unit o on o.id = p.handling_org_id where p.id = ${id}`,
  );
  if (!p) throw notFound('proposal', '建议提案', id);
  return withTiming(p, ctx.today());
}

/**
 * The list (the first `limit`) and, for evaluation, the counts over every proposal in scope (not only the page): how
 * many were answered, answered on time, are overdue (open past the due date, or answered after it), and satisfied.
 */
export async function listProposals(ctx: KernelContext, scope: Scope, limit: number) {
  const today = ctx.today();
  const inScope = sql`from kernel.proposal p join kernel.org_unit o on o.id = p.handling_org_id where ${scopeSql(scope, sql`o.path`)}`;
  const list = await rows<Omit<ProposalOut, 'onTime' | 'overdue'>>(
    ctx.db,
    sql`select ${PROPOSAL_COLUMNS} ${inScope} order by p.due_on, p.id limit ${limit}`,
  );
  const [stats] = await rows<{ answered: number; on_time: number; overdue: number; satisfied: number }>(
    ctx.db,
    sql`select
      count(*) filter (where p.answered_on is not null)::int as answered,
      count(*) filter (where p.answered_on <= p.due_on)::int as on_time,
      count(*) filter (where p.answered_on > p.due_on or (p.answered_on is null and p.due_on < ${today}::date))::int as overdue,
      count(*) filter (where p.answered_on is not null and p.satisfaction = 'satisfied')::int as satisfied
    ${inScope}`,
  );
  return {
    items: list.map((p) => withTiming(p, today)),
    answered: Number(stats?.answered ?? 0),
    onTime: Number(stats?.on_time ?? 0),
    overdue: Number(stats?.overdue ?? 0),
    satisfied: Number(stats?.satisfied ?? 0),
  };
}
