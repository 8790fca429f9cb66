import {
  AppError,
  badInput,
  loadCalendar,
  newId,
  notAfterToday,
  notFound,
  orgInScope,
  rows,
  sql,
  type PluginServices,
  type Queryable,
} from '@chengxin/plugin-sdk';
import type { z } from 'zod';
import type {
  complaintExtendInput,
  complaintForwardInput,
  complaintHandleInput,
  complaintOut,
  complaintReceiveInput,
} from '../contract';
import { complaintClocks, HANDLE_DAYS } from './rules';
import { arrearsComplaint } from './schema';

type ComplaintOut = z.infer<typeof complaintOut>;

const COLUMNS = sql`x.id::text, x.contract_id::text as "contractId", c.buyer_org_id::text as "buyerOrgId", x.supplier_name as "supplierName", x.summary,
  x.received_on::text as "receivedOn", x.forward_due::text as "forwardDue", x.forwarded_on::text as "forwardedOn", x.forwarded_to as "forwardedTo",
  x.handle_days as "handleDays", x.handled_on::text as "handledOn", x.outcome, x.note, x.provisional, coalesce(x.accepted_on, x.received_on)::text as "acceptedOn"`;

async function withClocks(
  db: Queryable,
  today: string,
  list: Omit<ComplaintOut, 'handleDue' | 'forwardOverdue' | 'handleOverdue'>[],
): Promise<ComplaintOut[]> {
  const cal = await loadCalendar(db);
  return list.map((x) => {
    const clocks = complaintClocks(cal, x.acceptedOn, x.forwardedOn, x.handleDays);
    return {
      ...x,
      handleDue: clocks.handleDue,
      forwardOverdue: (x.forwardedOn ?? today) > clocks.forwardDue,
      handleOverdue: (x.handledOn ?? today) > clocks.handleDue,
    };
  });
}

export async function getComplaint(s: PluginServices, db: Queryable, id: string): Promise<ComplaintOut> {
  const list = await rows<Omit<ComplaintOut, 'handleDue' | 'forwardOverdue' | 'handleOverdue'>>(
    db,
    sql`
    select ${COLUMNS} from procurement.arrears_complaint x join procurement.contract c on c.id = x.contract_id where x.id = ${id}`,
  );
  if (!list[0]) throw notFound('complaint', '欠款投诉', id);
  return (await withClocks(db, s.today, list))[0]!;
}

export async function listComplaints(
  s: PluginServices,
  db: Queryable,
  input: { open?: boolean | undefined; limit: number },
) {
  const list = await rows<Omit<ComplaintOut, 'handleDue' | 'forwardOverdue' | 'handleOverdue'>>(
    db,
    sql`
    select ${COLUMNS} from procurement.arrears_complaint x join procurement.contract c on c.id = x.contract_id
    where ${orgInScope(s.scope, sql`c.buyer_org_id`)} ${input.open ? sql`and x.handled_on is null` : sql``}
    order by x.received_on desc, x.id desc limit ${input.limit}`,
  );
  return withClocks(db, s.today, list);
}

export async function receiveComplaint(
  s: PluginServices,
  db: Queryable,
  input: z.infer<typeof complaintReceiveInput>,
): Promise<string> {
  notAfterToday(s.today, 'receivedOn', input.receivedOn);
  notAfterToday(s.today, 'acceptedOn', input.acceptedOn);
  if (input.acceptedOn && input.acceptedOn < input.receivedOn)
    throw badInput(
      'ACCEPTED_BEFORE_RECEIVED',
      'acceptedOn',
      '正式受理日期不能早于收到日期',
      'Accepted before it was received',
    );
  const cal = await loadCalendar(db);
  // §25 ¶1: forwarding is counted from formal acceptance; empty means accepted the day it arrived.
  const clocks = complaintClocks(cal, input.acceptedOn ?? input.receivedOn, null, HANDLE_DAYS);
  const id = newId();
  await s.write(async (tx, audit) => {
    const [c] = await rows<{ id: string }>(
      tx,
      sql`select id::text from procurement.contract where id = ${input.contractId}`,
    );
    if (!c) throw badInput('CONTRACT_NOT_FOUND', 'contractId', '采购合同不存在', 'No such contract');
    await tx.insert(arrearsComplaint).values({
      id,
      ...input,
      acceptedOn: input.acceptedOn ?? input.receivedOn,
      forwardDue: clocks.forwardDue,
      provisional: clocks.provisional,
    });
    await audit('procurement.complaint.receive', 'procurement.arrears_complaint', id, {
      contractId: input.contractId,
      receivedOn: input.receivedOn,
      forwardDue: clocks.forwardDue,
    });
  });
  return id;
}

async function openComplaint(db: Queryable, id: string) {
  const [x] = await rows<{ received: string; forwarded: string | null; handled: string | null; days: number }>(
    db,
    sql`
    select received_on::text as received, forwarded_on::text as forwarded, handled_on::text as handled, handle_days as days from procurement.arrears_complaint where id = ${id} for update`,
  );
  if (!x) throw notFound('complaint', '欠款投诉', id);
  if (x.handled)
    throw new AppError('CONFLICT', 'COMPLAINT_CLOSED', '该投诉已办结', 'The complaint is closed', 'complaintId');
  return x;
}

export async function forwardComplaint(s: PluginServices, input: z.infer<typeof complaintForwardInput>) {
  notAfterToday(s.today, 'forwardedOn', input.forwardedOn);
  await s.write(async (tx, audit) => {
    const x = await openComplaint(tx, input.complaintId);
    if (x.forwarded)
      throw new AppError('CONFLICT', 'COMPLAINT_FORWARDED', '该投诉已转交', 'Already forwarded', 'complaintId');
    if (input.forwardedOn < x.received)
      throw badInput(
        'FORWARD_BEFORE_RECEIPT',
        'forwardedOn',
        `转交日期不能早于收到日期（${x.received}）`,
        'Forwarded before receipt',
      );
    await tx.execute(
      sql`update procurement.arrears_complaint set forwarded_on = ${input.forwardedOn}, forwarded_to = ${input.forwardedTo} where id = ${input.complaintId}`,
    );
    await audit('procurement.complaint.forward', 'procurement.arrears_complaint', input.complaintId, {
      forwardedOn: input.forwardedOn,
      forwardedTo: input.forwardedTo,
    });
  });
}

export async function extendComplaint(s: PluginServices, input: z.infer<typeof complaintExtendInput>) {
  await s.write(async (tx, audit) => {
    const x = await openComplaint(tx, input.complaintId);
    const due = complaintClocks(await loadCalendar(tx), x.received, x.forwarded, x.days).handleDue;
    if (s.today > due)
      throw new AppError(
        'CONFLICT',
        'COMPLAINT_OVERDUE',
        `办理期限（${due}）已过，不能再延长`,
        `The handling deadline ${due} has passed; it cannot be extended`,
        'totalDays',
      );
    if (input.totalDays <= x.days)
      throw badInput(
        'EXTENSION_NOT_LONGER',
        'totalDays',
        `延长后的期限须长于当前的${x.days}日`,
        `Must be longer than the current ${x.days} days`,
      );
    await tx.execute(
      sql`update procurement.arrears_complaint set handle_days = ${input.totalDays}, extension_reason = ${input.reason} where id = ${input.complaintId}`,
    );
    await audit('procurement.complaint.extend', 'procurement.arrears_complaint', input.complaintId, {
      totalDays: input.totalDays,
      reason: input.reason,
    });
  });
}

export async function handleComplaint(s: PluginServices, input: z.infer<typeof complaintHandleInput>) {
  notAfterToday(s.today, 'handledOn', input.handledOn);
  await s.write(async (tx, audit) => {
    const x = await openComplaint(tx, input.complaintId);
    if (!x.forwarded)
      throw badInput(
        'NOT_FORWARDED',
        'handledOn',
        '投诉尚未转交有关部门，不能办结',
        'Forward the complaint before closing it',
      );
    if (input.handledOn < x.forwarded)
      throw badInput(
        'HANDLED_BEFORE_FORWARD',
        'handledOn',
        `办结日期不能早于转交日期（${x.forwarded}）`,
        'Handled before forwarding',
      );
    await tx.execute(
      sql`update procurement.arrears_complaint set handled_on = ${input.handledOn}, outcome = ${input.outcome}, note = ${input.note} where id = ${input.complaintId}`,
    );
    await audit('procurement.complaint.handle', 'procurement.arrears_complaint', input.complaintId, {
      handledOn: input.handledOn,
      outcome: input.outcome,
    });
  });
}
