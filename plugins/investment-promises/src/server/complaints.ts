/**
 * Enterprise complaints about unkept promises (12345, the arrears platform, the credit website): received, forwarded to
 * the superior department, verified — each step on a working-day clock (settings: 1103号 sets no period).
 */
import {
  AppError,
  afterCursor,
  badInput,
  cursorOf,
  forbidden,
  deadlineState,
  inSubtree,
  loadCalendar,
  newId,
  notAfterToday,
  orgInScope,
  rows,
  sql,
  type DayCalendar,
  type PluginServices,
  type Queryable,
  type SQL,
} from '@chengxin/plugin-sdk';
import type { z } from 'zod';
import {
  PLUGIN_ID,
  type ComplaintOut,
  type complaintInput,
  type complaintListInput,
  type forwardInput,
  type InvestmentConfig,
  type verifyInput,
} from '../contract';
import { complaint } from './schema';

type Row = Omit<ComplaintOut, 'forwardDue' | 'forwardState' | 'verifyDue' | 'verifyState' | 'provisional'>;
const COLUMNS = sql`c.id::text, c.promise_id::text as "promiseId", p.title as "promiseTitle", p.org_id::text as "orgId", o.name as "orgName", c.channel, c.ticket_no as "ticketNo",
  c.received_on::text as "receivedOn", c.summary, c.forwarded_on::text as "forwardedOn", c.forwarded_to as "forwardedTo", c.verified_on::text as "verifiedOn", c.outcome, c.note`;

/** A complaint's clocks on `today`: forward within N working days of receipt, verify within M working days of forwarding. */
export function complaintClocks(
  cal: DayCalendar,
  c: Pick<Row, 'receivedOn' | 'forwardedOn' | 'verifiedOn'>,
  today: string,
  cfg: Pick<InvestmentConfig, 'forwardWorkingDays' | 'verifyWorkingDays'>,
) {
  const forward = cal.addWorkingDays(c.receivedOn, cfg.forwardWorkingDays);
  const verify = c.forwardedOn ? cal.addWorkingDays(c.forwardedOn, cfg.verifyWorkingDays) : null;
  return {
    forwardDue: forward.date,
    forwardState: deadlineState(forward.date, c.forwardedOn, today),
    verifyDue: verify?.date ?? null,
    verifyState: verify ? deadlineState(verify.date, c.verifiedOn, today) : ('not_applicable' as const),
    provisional: forward.provisional || (verify?.provisional ?? false),
  };
}

export async function complaintRows(db: Queryable, where: SQL, limit: number): Promise<Row[]> {
  return rows<Row>(
    db,
    sql`select ${COLUMNS} from investment_promises.complaint c join investment_promises.promise p on p.id = c.promise_id join kernel_api.org_unit o on o.id = p.org_id
    where ${where} order by c.id desc limit ${limit}`,
  );
}

async function view(s: PluginServices, db: Queryable, list: Row[]): Promise<ComplaintOut[]> {
  const cal = await loadCalendar(db);
  const out: ComplaintOut[] = [];
  for (const r of list)
    out.push({ ...r, ...complaintClocks(cal, r, s.today, await s.config<InvestmentConfig>(PLUGIN_ID, r.orgId)) });
  return out;
}

export async function getComplaint(s: PluginServices, db: Queryable, id: string): Promise<ComplaintOut> {
  return (await view(s, db, await complaintRows(db, sql`c.id = ${id}`, 1)))[0]!;
}

export async function listComplaints(s: PluginServices, db: Queryable, input: z.infer<typeof complaintListInput>) {
  const after = afterCursor(input.cursor);
  const chunk = await complaintRows(
    db,
    sql`${orgInScope(s.scope, sql`p.org_id`)} ${after ? sql`and c.id < ${after}::uuid` : sql``}
    ${input.open === undefined ? sql`` : input.open ? sql`and c.verified_on is null` : sql`and c.verified_on is not null`}`,
    input.limit + 1,
  );
  return {
    items: await view(s, db, chunk.slice(0, input.limit)),
    nextCursor: chunk.length > input.limit ? cursorOf(chunk[input.limit - 1]!.id) : null,
  };
}

export async function receiveComplaint(s: PluginServices, input: z.infer<typeof complaintInput>): Promise<string> {
  notAfterToday(s.today, 'receivedOn', input.receivedOn);
  const id = newId();
  await s.write(async (tx, audit) => {
    const [p] = await rows<{ madeOn: string }>(
      tx,
      sql`select made_on::text as "madeOn" from investment_promises.promise where id = ${input.promiseId}`,
    );
    if (!p) throw badInput('PROMISE_NOT_FOUND', 'promiseId', '承诺不存在', 'No such promise');
    if (input.receivedOn < p.madeOn)
      throw badInput(
        'COMPLAINT_BEFORE_PROMISE',
        'receivedOn',
        `收到日期不能早于承诺日期（${p.madeOn}）`,
        'Received before the promise was made',
      );
    await tx.insert(complaint).values({ id, ...input, createdBy: s.actor?.id ?? null });
    await audit('investment-promises.complaint.receive', 'investment-promises.complaint', id, {
      promiseId: input.promiseId,
      channel: input.channel,
    });
  });
  return id;
}

async function lockComplaint(tx: Parameters<Parameters<PluginServices['write']>[0]>[0], id: string) {
  const [c] = await rows<{ receivedOn: string; forwardedOn: string | null; verifiedOn: string | null }>(
    tx,
    sql`
    select received_on::text as "receivedOn", forwarded_on::text as "forwardedOn", verified_on::text as "verifiedOn" from investment_promises.complaint where id = ${id} for update`,
  );
  if (!c) throw badInput('COMPLAINT_NOT_FOUND', 'complaintId', '投诉不存在', 'No such complaint');
  return c;
}

export async function forwardComplaint(s: PluginServices, input: z.infer<typeof forwardInput>): Promise<void> {
  notAfterToday(s.today, 'forwardedOn', input.forwardedOn);
  await s.write(async (tx, audit) => {
    const c = await lockComplaint(tx, input.complaintId);
    if (c.forwardedOn)
      throw new AppError(
        'CONFLICT',
        'ALREADY_FORWARDED',
        `已于${c.forwardedOn}转交`,
        `Already forwarded on ${c.forwardedOn}`,
        'complaintId',
      );
    if (input.forwardedOn < c.receivedOn)
      throw badInput(
        'FORWARDED_BEFORE_RECEIPT',
        'forwardedOn',
        `转交日期不能早于收到日期（${c.receivedOn}）`,
        'Forwarded before it was received',
      );
    await tx
      .update(complaint)
      .set({ forwardedOn: input.forwardedOn, forwardedTo: input.forwardedTo })
      .where(sql`id = ${input.complaintId}`);
    await audit('investment-promises.complaint.forward', 'investment-promises.complaint', input.complaintId, {
      forwardedOn: input.forwardedOn,
      forwardedTo: input.forwardedTo,
    });
  });
}

/** The superior department's finding; "true, refused to fix" is what the scan proposes as 违约失信. */
export async function verifyComplaint(s: PluginServices, input: z.infer<typeof verifyInput>): Promise<void> {
  notAfterToday(s.today, 'verifiedOn', input.verifiedOn);
  await s.write(async (tx, audit) => {
    const c = await lockComplaint(tx, input.complaintId);
    if (!c.forwardedOn)
      throw new AppError(
        'CONFLICT',
        'NOT_FORWARDED',
        '尚未转交上级部门核实',
        'Not yet forwarded to the superior department',
        'complaintId',
      );
    if (c.verifiedOn)
      throw new AppError(
        'CONFLICT',
        'ALREADY_VERIFIED',
        `已于${c.verifiedOn}核实`,
        `Already verified on ${c.verifiedOn}`,
        'complaintId',
      );
    if (input.verifiedOn < c.forwardedOn)
      throw badInput(
        'VERIFIED_BEFORE_FORWARD',
        'verifiedOn',
        `核实日期不能早于转交日期（${c.forwardedOn}）`,
        'Verified before it was forwarded',
      );
    // Verification is the superior department's (the promising body may not clear complaints about itself): the
    // caller's grant must sit strictly above the body — city-wide, or rooted at an ancestor of it.
    const [body] = await rows<{ path: string }>(
      tx,
      sql`select o.path from investment_promises.complaint c join investment_promises.promise p on p.id = c.promise_id
      join kernel_api.org_unit o on o.id = p.org_id where c.id = ${input.complaintId}`,
    );
    if (s.scope.roots !== null && !s.scope.roots.some((r) => body!.path !== r && inSubtree(body!.path, r))) {
      throw forbidden(
        'VERIFIER_NOT_SUPERIOR',
        '投诉应由承诺单位的上级部门核实，本单位不能核实针对自己的投诉',
        'A complaint is verified by a body above the promising one, not by the body itself',
        'complaintId',
      );
    }
    await tx
      .update(complaint)
      .set({ verifiedOn: input.verifiedOn, outcome: input.outcome, note: input.note })
      .where(sql`id = ${input.complaintId}`);
    await audit('investment-promises.complaint.verify', 'investment-promises.complaint', input.complaintId, {
      verifiedOn: input.verifiedOn,
      outcome: input.outcome,
    });
  });
}
