import { rows, type Queryable, type Tx } from '@chengxin/db';
import { sql } from 'drizzle-orm';
import type { z } from 'zod';
import type { honourOverrideInput, honourOverrideOut } from '@chengxin/contract';
import { audit, write, type KernelContext, AppError, badInput, notFound, type RowIssue } from '../core';
import { honourOverride } from './schema';
import { honourBlockers, type Reason } from './eligibility';

type Override = z.infer<typeof honourOverrideOut>;

interface Candidate {
  id: string;
  subjectKind: 'org' | 'person';
  subjectId: string;
  decisionDate: string;
  status: string;
}

async function candidates(db: Queryable, ids: string[]): Promise<Candidate[]> {
  if (ids.length === 0) return [];
  return rows<Candidate>(
    db,
    sql`select r.id::text, r.subject_kind as "subjectKind", coalesce(r.person_id, r.org_id)::text as "subjectId", r.decision_date::text as "decisionDate", r.status
    from kernel.current_record r
    where r.id = any(${sql.param(ids)}::uuid[]) and r.polarity = 'commendation'`,
  );
}

const reasonIssue = (recordId: string, r: Reason): RowIssue => ({
  field: 'recordId',
  code: 'COMMENDATION_NOT_ELIGIBLE',
  messageZh: `记录${recordId}：${r.describedZh}（${r.summaryZh}；${r.source.law}${r.source.article === '—' ? '' : r.source.article}）`,
  messageEn: `record ${recordId}: blocked by dishonesty record ${r.recordId} (${r.summaryEn})`,
});

/**
 * The honour bar (守信激励 only for the trustworthy): a commendation is not approved while its subject has a
 * dishonesty record in effect on the decision date, unless an override names every such record. Called inside the
 * approving transaction, so a record that becomes effective meanwhile is seen.
 */
export async function refuseBarredHonours(tx: Tx, ids: string[]): Promise<void> {
  const list = await candidates(tx, ids);
  if (list.length === 0) return;
  const blockers = await honourBlockers(
    tx,
    list.map((c) => ({ key: c.id, kind: c.subjectKind, subjectId: c.subjectId, date: c.decisionDate })),
  );
  if (blockers.size === 0) return;
  const overrides = await overridesOf(tx, [...blockers.keys()]);
  const issues: RowIssue[] = [];
  for (const [recordId, reasons] of blockers) {
    const covered = new Set(overrides.get(recordId)?.blockingRecordIds ?? []);
    for (const r of reasons.filter((x) => !covered.has(x.recordId))) issues.push(reasonIssue(recordId, r));
  }
  if (issues.length === 0) return;
  throw new AppError(
    'BAD_REQUEST',
    'COMMENDATION_NOT_ELIGIBLE',
    `表彰对象有有效失信记录，不得授予（确需授予的，须由有权人员说明理由后批准）：${issues.map((i) => i.messageZh).join('；')}`,
    'The subject has a dishonesty record in effect; an honour needs a reasoned override first',
    'recordId',
    issues,
  );
}

/** Records, with reasons, the decision to let a barred honour through; each blocking record is named and audited. */
export async function overrideHonourBar(
  ctx: KernelContext,
  input: z.infer<typeof honourOverrideInput>,
): Promise<Override> {
  await write(ctx, async (tx) => {
    const [c] = await candidates(tx, [input.recordId]);
    if (!c) throw notFound('record', '表彰记录', input.recordId);
    if (!['draft', 'submitted'].includes(c.status))
      throw new AppError(
        'CONFLICT',
        'HONOUR_ALREADY_DECIDED',
        '该表彰记录已审核，不能再作例外批准',
        'The commendation is already decided',
        'recordId',
      );
    const reasons =
      (
        await honourBlockers(tx, [{ key: c.id, kind: c.subjectKind, subjectId: c.subjectId, date: c.decisionDate }])
      ).get(c.id) ?? [];
    if (reasons.length === 0)
      throw badInput(
        'HONOUR_OVERRIDE_NOT_NEEDED',
        'recordId',
        '表彰对象没有有效失信记录，无需例外批准',
        'Nothing bars this honour; no override is needed',
      );
    const blocking = reasons.map((r) => r.recordId);
    await tx
      .insert(honourOverride)
      .values({ recordId: c.id, reason: input.reason, blockingRecordIds: blocking, createdBy: ctx.actor?.id ?? null })
      .onConflictDoUpdate({
        target: honourOverride.recordId,
        set: {
          reason: input.reason,
          blockingRecordIds: blocking,
          createdBy: ctx.actor?.id ?? null,
          createdAt: sql`now()`,
        },
      });
    await audit(tx, ctx, 'record.honour_override', 'credit_record', c.id, {
      reason: input.reason,
      blockingRecordIds: blocking,
      rules: [...new Set(reasons.map((r) => r.ruleId))],
    });
  });
  return (await overridesOf(ctx.db, [input.recordId])).get(input.recordId)!;
}

export async function overridesOf(db: Queryable, recordIds: string[]): Promise<Map<string, Override>> {
  if (recordIds.length === 0) return new Map();
  const list = await rows<Override>(
    db,
    sql`select h.record_id::text as "recordId", h.reason, h.blocking_record_ids as "blockingRecordIds", to_json(h.created_at)#>>'{}' as "createdAt", u.username as "createdBy"
    from kernel.honour_override h left join kernel.app_user u on u.id = h.created_by where h.record_id = any(${sql.param(recordIds)}::uuid[])`,
  );
  return new Map(
    list.map((o) => [
      o.recordId,
      {
        ...o,
        blockingRecordIds:
          typeof o.blockingRecordIds === 'string' ? JSON.parse(o.blockingRecordIds) : o.blockingRecordIds,
      },
    ]),
  );
}
