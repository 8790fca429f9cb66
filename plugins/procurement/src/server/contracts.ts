import {
  afterCursor,
  AppError,
  badInput,
  cursorOf,
  jsonValue,
  notAfterToday as refuseFuture,
  loadCalendar,
  newId,
  notFound,
  orgInScope,
  orgsById,
  rows,
  sql,
  type Queryable,
  type PluginServices,
} from '@chengxin/plugin-sdk';
import type { z } from 'zod';
import type {
  ContractCreateInput,
  ContractOut,
  ProcurementConfig,
  contractListInput,
  recordAcceptanceInput,
  recordDeliveryInput,
  recordPaymentInput,
  recordSigningInput,
} from '../contract';
import { PLUGIN_ID } from '../contract';
import { judged } from './in-force';
import { compliance, type ContractFacts, type DayCalendar } from './rules';
import { contract, payment } from './schema';

/** What the rules read of a contract, and what a scan reports of it: one row per contract, its payments aggregated. */
export const FACT_COLUMNS = sql`c.id::text, c.buyer_org_id::text as "buyerOrgId", c.title, c.supplier_name as "supplierName", c.supplier_sme as "supplierSme",
  c.amount_fen::bigint as "amountFen", c.award_notice_date::text as "awardNoticeDate", c.signing_date::text as "signingDate",
  c.acceptance_deadline::text as "acceptanceDeadline", c.acceptance_date::text as "acceptanceDate", c.acceptance_result as "acceptanceResult",
  c.delivery_date::text as "deliveryDate", c.payment_term_days as "paymentTermDays", c.late_interest_ppm_per_day as "lateInterestPpmPerDay",
  c.evaluation_report_date::text as "evaluationReportDate", c.supplier_confirmed_on::text as "supplierConfirmedOn", c.contract_published_on::text as "contractPublishedOn",
  c.result_changed_on::text as "resultChangedOn", c.responsible_person_id::text as "responsiblePersonId", c.status, c.unknown_facts as "unknownFacts",
  coalesce((select json_agg(json_build_object('id', p.id, 'paidOn', p.paid_on::text, 'amountFen', p.amount_fen, 'voucherNo', p.voucher_no) order by p.paid_on, p.id)
    from procurement.payment p where p.contract_id = c.id), '[]') as payments`;

const CONTRACT_COLUMNS = sql`${FACT_COLUMNS}, o.name as "buyerName", c.supplier_uscc as "supplierUscc", c.ocid, to_json(c.created_at)#>>'{}' as "createdAt"`;

type ContractRow = Omit<ContractOut, 'compliance' | 'amountFen' | 'payments'> & {
  amountFen: string | number;
  payments: unknown;
  status: string;
  unknownFacts: unknown;
};

/** A row of FACT_COLUMNS as the rules take it (money as numbers; each payment keeps its id and voucher). */
export function factsOf(
  row: { amountFen: string | number; payments: unknown } & Omit<ContractFacts, 'amountFen' | 'payments'>,
): ContractFacts & { payments: ContractOut['payments'] } {
  const payments = jsonValue<ContractOut['payments']>(row.payments);
  return {
    ...row,
    amountFen: Number(row.amountFen),
    payments: payments.map((p) => ({ ...p, amountFen: Number(p.amountFen) })),
  };
}

function toOut(row: ContractRow, cal: DayCalendar, today: string, config: ProcurementConfig): ContractOut {
  const facts = factsOf(row as never);
  return {
    ...row,
    amountFen: facts.amountFen,
    payments: facts.payments,
    compliance: judged(compliance(cal, facts, today, config.defaultLateInterestPpmPerDay, config.lprTable), {
      ...facts,
      status: row.status,
      unknownFacts: jsonValue<string[]>(row.unknownFacts),
    }),
  };
}

async function contractRows(db: Queryable, where: ReturnType<typeof sql>, limit: number): Promise<ContractRow[]> {
  return rows<ContractRow>(
    db,
    sql`select ${CONTRACT_COLUMNS} from procurement.contract c join kernel_api.org_unit o on o.id = c.buyer_org_id where ${where} order by c.id desc limit ${limit}`,
  );
}

export async function getContract(s: PluginServices, db: Queryable, id: string): Promise<ContractOut> {
  const [row] = await contractRows(db, sql`c.id = ${id}`, 1);
  if (!row) throw notFound('contract', '采购合同', id);
  return toOut(row, await loadCalendar(db), s.today, await s.config<ProcurementConfig>(PLUGIN_ID, row.buyerOrgId));
}

export async function listContracts(s: PluginServices, db: Queryable, input: z.infer<typeof contractListInput>) {
  const after = afterCursor(input.cursor);
  const where = [orgInScope(s.scope, sql`c.buyer_org_id`)];
  if (input.buyerOrgId) where.push(sql`c.buyer_org_id = ${input.buyerOrgId}`);
  if (after) where.push(sql`c.id < ${after}`);
  if (input.q) where.push(sql`(c.title like ${`%${input.q}%`} or c.supplier_name like ${`%${input.q}%`})`);
  const list = await contractRows(db, sql.join(where, sql` and `), input.limit + 1);
  const cal = await loadCalendar(db);
  const configs = new Map<string, ProcurementConfig>();
  const items: ContractOut[] = [];
  for (const row of list.slice(0, input.limit)) {
    if (!configs.has(row.buyerOrgId))
      configs.set(row.buyerOrgId, await s.config<ProcurementConfig>(PLUGIN_ID, row.buyerOrgId));
    items.push(toOut(row, cal, s.today, configs.get(row.buyerOrgId)!));
  }
  return { items, nextCursor: list.length > input.limit ? cursorOf(items.at(-1)!.id) : null };
}

const notAfterToday = (s: PluginServices, field: string, date: string | null) => refuseFuture(s.today, field, date);

export async function createContract(s: PluginServices, db: Queryable, input: ContractCreateInput): Promise<string> {
  const buyer = (await orgsById(db, [input.buyerOrgId])).get(input.buyerOrgId);
  if (!buyer) throw badInput('ORG_NOT_FOUND', 'buyerOrgId', '采购人单位不存在', 'The buyer org unit does not exist');
  for (const f of [
    'awardNoticeDate',
    'signingDate',
    'deliveryDate',
    'evaluationReportDate',
    'supplierConfirmedOn',
    'resultChangedOn',
  ] as const)
    notAfterToday(s, f, input[f]);
  if (input.responsiblePersonId) {
    const [p] = await rows<{ id: string }>(
      db,
      sql`select id::text from kernel_api.person where id = ${input.responsiblePersonId}`,
    );
    if (!p) throw badInput('PERSON_NOT_FOUND', 'responsiblePersonId', '负责人不存在', 'No such person');
  }
  const id = newId();
  return s.write(async (tx, audit) => {
    if (input.ocid) {
      const [taken] = await rows<{ id: string }>(
        tx,
        sql`select id::text from procurement.contract where ocid = ${input.ocid}`,
      );
      if (taken)
        throw new AppError(
          'CONFLICT',
          'OCID_TAKEN',
          `开放合同编号（ocid）已被登记：${input.ocid}`,
          `ocid ${input.ocid} is already registered`,
          'ocid',
        );
    }
    await tx.insert(contract).values({ id, ...input, createdBy: s.actor?.id ?? null });
    await audit('procurement.contract.create', 'procurement.contract', id, {
      buyerOrgId: input.buyerOrgId,
      amountFen: input.amountFen,
      supplierSme: input.supplierSme,
    });
    return id;
  });
}

/**
 * Locks the contract first, then reads what was paid: a caller that waited for the lock sees the payments committed
 * while it waited (one statement would have taken its snapshot before the wait).
 */
async function current(t: Queryable, id: string) {
  const [row] = await rows<{
    award: string;
    signing: string | null;
    deadline: string | null;
    accepted: string | null;
    delivery: string | null;
    amount: string | number;
  }>(
    t,
    sql`
    select award_notice_date::text as award, signing_date::text as signing, acceptance_deadline::text as deadline, acceptance_date::text as accepted,
      delivery_date::text as delivery, amount_fen as amount from procurement.contract c where id = ${id} for update`,
  );
  if (!row) throw notFound('contract', '采购合同', id);
  const [paid] = await rows<{ total: string | number; first: string | null }>(
    t,
    sql`select coalesce(sum(amount_fen), 0) as total, min(paid_on)::text as first from procurement.payment where contract_id = ${id}`,
  );
  return { ...row, paid: Number(paid!.total), firstPaid: paid!.first };
}

/** Each step names the date that contradicts it, so the officer sees which field to fix. */
export async function recordSigning(s: PluginServices, input: z.infer<typeof recordSigningInput>) {
  notAfterToday(s, 'signingDate', input.signingDate);
  notAfterToday(s, 'publishedOn', input.publishedOn);
  if (input.publishedOn && input.publishedOn < input.signingDate)
    throw badInput(
      'PUBLISHED_BEFORE_SIGNING',
      'publishedOn',
      '合同公告日期不能早于签订日期（政府采购法实施条例第五十条）',
      'The contract is published before it was signed (§50)',
    );
  await s.write(async (tx, audit) => {
    const c = await current(tx, input.contractId);
    if (input.signingDate < c.award)
      throw badInput(
        'SIGNING_BEFORE_AWARD',
        'signingDate',
        `签订日期不能早于中标（成交）通知书发出日期（${c.award}）`,
        `Signing is before the award notice (${c.award})`,
      );
    if (c.delivery && input.signingDate > c.delivery)
      throw badInput(
        'SIGNING_AFTER_DELIVERY',
        'signingDate',
        `签订日期不能晚于交付日期（${c.delivery}）`,
        `Signing is after delivery (${c.delivery})`,
      );
    if (c.firstPaid && input.signingDate > c.firstPaid)
      throw badInput(
        'SIGNING_AFTER_PAYMENT',
        'signingDate',
        `签订日期不能晚于已登记的付款日期（${c.firstPaid}）`,
        `Signing is after a recorded payment (${c.firstPaid})`,
      );
    if (c.accepted && input.signingDate > c.accepted)
      throw badInput(
        'SIGNING_AFTER_ACCEPTANCE',
        'signingDate',
        `签订日期不能晚于验收日期（${c.accepted}）`,
        `Signing is after acceptance (${c.accepted})`,
      );
    await tx.execute(
      sql`update procurement.contract set signing_date = ${input.signingDate}, contract_published_on = coalesce(${input.publishedOn}::date, contract_published_on), updated_at = now() where id = ${input.contractId}`,
    );
    await audit('procurement.contract.sign', 'procurement.contract', input.contractId, {
      signingDate: input.signingDate,
      publishedOn: input.publishedOn,
      before: c.signing,
    });
  });
}

export async function recordDelivery(s: PluginServices, input: z.infer<typeof recordDeliveryInput>) {
  notAfterToday(s, 'deliveryDate', input.deliveryDate);
  await s.write(async (tx, audit) => {
    const c = await current(tx, input.contractId);
    if (!c.signing)
      throw badInput(
        'NOT_SIGNED',
        'deliveryDate',
        '合同尚未登记签订日期，不能登记交付',
        'Record the signing before delivery',
      );
    if (input.deliveryDate < c.signing)
      throw badInput(
        'DELIVERY_BEFORE_SIGNING',
        'deliveryDate',
        `交付日期不能早于签订日期（${c.signing}）`,
        `Delivery is before signing (${c.signing})`,
      );
    await tx.execute(
      sql`update procurement.contract set delivery_date = ${input.deliveryDate}, updated_at = now() where id = ${input.contractId}`,
    );
    await audit('procurement.contract.deliver', 'procurement.contract', input.contractId, {
      deliveryDate: input.deliveryDate,
      before: c.delivery,
    });
  });
}

export async function recordAcceptance(s: PluginServices, input: z.infer<typeof recordAcceptanceInput>) {
  notAfterToday(s, 'acceptanceDate', input.acceptanceDate);
  await s.write(async (tx, audit) => {
    const c = await current(tx, input.contractId);
    if (!c.signing)
      throw badInput(
        'NOT_SIGNED',
        'acceptanceDate',
        '合同尚未登记签订日期，不能登记验收',
        'Record the signing before acceptance',
      );
    if (input.acceptanceDate < c.signing)
      throw badInput(
        'ACCEPTANCE_BEFORE_SIGNING',
        'acceptanceDate',
        `验收日期不能早于签订日期（${c.signing}）`,
        `Acceptance is before signing (${c.signing})`,
      );
    if (c.delivery && input.acceptanceDate < c.delivery)
      throw badInput(
        'ACCEPTANCE_BEFORE_DELIVERY',
        'acceptanceDate',
        `验收日期不能早于交付日期（${c.delivery}）`,
        `Acceptance is before delivery (${c.delivery})`,
      );
    await tx.execute(
      sql`update procurement.contract set acceptance_date = ${input.acceptanceDate}, acceptance_result = ${input.result}, acceptance_report_no = ${input.reportNo}, updated_at = now() where id = ${input.contractId}`,
    );
    await audit('procurement.contract.accept', 'procurement.contract', input.contractId, {
      acceptanceDate: input.acceptanceDate,
      result: input.result,
      reportNo: input.reportNo,
      before: c.accepted,
    });
  });
}

export async function recordPayment(
  s: PluginServices,
  input: z.infer<typeof recordPaymentInput>,
  sourceId: string | null = null,
) {
  notAfterToday(s, 'paidOn', input.paidOn);
  const id = newId();
  await s.write(async (tx, audit) => {
    const c = await current(tx, input.contractId);
    if (!c.signing)
      throw badInput(
        'NOT_SIGNED',
        'paidOn',
        '合同尚未登记签订日期，不能登记付款',
        'Record the signing before payments',
      );
    if (input.paidOn < c.signing)
      throw badInput(
        'PAYMENT_BEFORE_SIGNING',
        'paidOn',
        `付款日期不能早于签订日期（${c.signing}）`,
        `Payment is before signing (${c.signing})`,
      );
    if (Number(c.paid) + input.amountFen > Number(c.amount)) {
      throw new AppError(
        'BAD_REQUEST',
        'PAYMENT_EXCEEDS_AMOUNT',
        `累计付款将超过合同金额（已付${Number(c.paid) / 100}元，合同${Number(c.amount) / 100}元）`,
        'Payments would exceed the contract amount',
        'amountFen',
      );
    }
    await tx.insert(payment).values({
      id,
      contractId: input.contractId,
      paidOn: input.paidOn,
      amountFen: input.amountFen,
      voucherNo: input.voucherNo,
      sourceId,
      createdBy: s.actor?.id ?? null,
    });
    await audit('procurement.payment.record', 'procurement.payment', id, {
      contractId: input.contractId,
      paidOn: input.paidOn,
      amountFen: input.amountFen,
    });
  });
  return id;
}
