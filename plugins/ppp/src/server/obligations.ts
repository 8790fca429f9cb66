/** The government's obligations in a project: adding them, recording their fulfilment, and the reasons given for delay. */
import {
  AppError,
  badInput,
  newId,
  notAfterToday,
  refuseNoExcuse,
  rows,
  sql,
  type ChangeReason,
  type PluginServices,
} from '@chengxin/plugin-sdk';
import type { z } from 'zod';
import type { excuseInput, fulfilInput, obligationInput } from '../contract';
import { lockProject } from './projects';
import { RULES } from './rules';
import { excuse, fulfilment, obligation } from './schema';

export async function addObligation(s: PluginServices, input: z.infer<typeof obligationInput>): Promise<void> {
  await s.write(async (tx, audit) => {
    const p = await lockProject(tx, input.projectId);
    if (p.agreementDate && input.dueDate < p.agreementDate)
      throw badInput(
        'DUE_BEFORE_AGREEMENT',
        'dueDate',
        `履行期限不能早于协议签订日期（${p.agreementDate}）`,
        `Due before the agreement (${p.agreementDate})`,
      );
    const id = newId();
    await tx.insert(obligation).values({ id, ...input, createdBy: s.actor?.id ?? null });
    await audit('ppp.obligation.add', 'ppp.obligation', id, {
      projectId: input.projectId,
      kind: input.kind,
      dueDate: input.dueDate,
      amountFen: input.amountFen,
    });
  });
}

/** Locks an obligation and reads what was fulfilled so far (after the lock, so a waiting writer sees the committed rows). */
async function lockObligation(tx: Parameters<Parameters<PluginServices['write']>[0]>[0], id: string) {
  const [o] = await rows<{
    projectId: string;
    kind: string;
    dueDate: string;
    amountFen: string | number | null;
    agreementDate: string | null;
  }>(
    tx,
    sql`
    select b.project_id::text as "projectId", b.kind, b.due_date::text as "dueDate", b.amount_fen as "amountFen", p.agreement_date::text as "agreementDate"
    from ppp.obligation b join ppp.project p on p.id = b.project_id where b.id = ${id} for update of b`,
  );
  if (!o) throw badInput('OBLIGATION_NOT_FOUND', 'obligationId', '政府方义务不存在', 'No such obligation');
  const [done] = await rows<{ paid: string | number; n: number }>(
    tx,
    sql`select coalesce(sum(amount_fen), 0) as paid, count(*)::int as n from ppp.fulfilment where obligation_id = ${id}`,
  );
  return {
    ...o,
    amountFen: o.amountFen === null ? null : Number(o.amountFen),
    paid: Number(done!.paid),
    fulfilments: done!.n,
  };
}

export async function fulfil(
  s: PluginServices,
  input: z.infer<typeof fulfilInput>,
  sourceId: string | null = null,
): Promise<void> {
  notAfterToday(s.today, 'fulfilledOn', input.fulfilledOn);
  await s.write(async (tx, audit) => {
    const o = await lockObligation(tx, input.obligationId);
    if (o.agreementDate && input.fulfilledOn < o.agreementDate)
      throw badInput(
        'FULFILLED_BEFORE_AGREEMENT',
        'fulfilledOn',
        `履行日期不能早于协议签订日期（${o.agreementDate}）`,
        'Fulfilled before the agreement',
      );
    if (o.kind === 'payment') {
      if (!input.amountFen)
        throw badInput('AMOUNT_REQUIRED', 'amountFen', '付费义务的履行须填写支付金额', 'A payment needs its amount');
      if (o.paid + input.amountFen > (o.amountFen ?? 0)) {
        throw badInput(
          'PAYMENT_EXCEEDS_AMOUNT',
          'amountFen',
          `累计支付将超过约定金额（已付${o.paid / 100}元，约定${(o.amountFen ?? 0) / 100}元）`,
          'Payments would exceed the agreed amount',
        );
      }
    } else if (o.fulfilments > 0) {
      throw new AppError(
        'CONFLICT',
        'ALREADY_FULFILLED',
        '该义务已登记履行',
        'This obligation is already fulfilled',
        'obligationId',
      );
    }
    const id = newId();
    await tx.insert(fulfilment).values({
      id,
      obligationId: input.obligationId,
      fulfilledOn: input.fulfilledOn,
      amountFen: input.amountFen,
      note: input.note,
      sourceId,
      createdBy: s.actor?.id ?? null,
    });
    await audit('ppp.obligation.fulfil', 'ppp.obligation', input.obligationId, {
      fulfilmentId: id,
      fulfilledOn: input.fulfilledOn,
      amountFen: input.amountFen,
    });
  });
}

/**
 * Records the reason a body gives for not performing. Restructuring, a new government term or a change of official is
 * refused as a justification, with the rule's source; any other reason is kept and shown to the officer beside the
 * proposed draft (the rule still proposes it: people decide whether the reason holds).
 */
export async function recordExcuse(s: PluginServices, input: z.infer<typeof excuseInput>): Promise<void> {
  refuseNoExcuse(RULES.noExcuse, input.reason as ChangeReason);
  await s.write(async (tx, audit) => {
    await lockObligation(tx, input.obligationId);
    const id = newId();
    await tx.insert(excuse).values({ id, ...input, recordedOn: s.today, createdBy: s.actor?.id ?? null });
    await audit('ppp.obligation.excuse', 'ppp.obligation', input.obligationId, {
      reason: input.reason,
      documentNo: input.documentNo,
    });
  });
}
