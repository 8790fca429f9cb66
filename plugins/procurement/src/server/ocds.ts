/**
 * Import of contracts from OCDS 1.1 release or record packages (https://standard.open-contracting.org/1.1/), read from
 * the compiled release of each process (the SDK merges the releases by date): parties (buyer / supplier with CN-USCC
 * identifiers and details.scale), every award (date = award notice; status) and every contract, each linked to its
 * award by `awardID` (dateSigned, value, status, our extension `paymentTermDays`), contract milestones (in
 * `milestones` or `implementation.milestones`: type `delivery`; code `acceptance` with dueDate = acceptance deadline,
 * dateMet and status) and transactions (payments from the buyer to the supplier; others are reported, not counted).
 * A process is one transaction: imported whole or not at all; errors name the path of the bad field as sent.
 */
import {
  newId,
  ocdsArray,
  ocdsObject,
  ocdsPartyUscc,
  ocdsReleaseReader,
  OcdsReleaseRefused,
  ocdsString,
  rows,
  sql,
  importOcdsPackage,
  type OcdsReleaseError,
  type OcdsWriteCount,
  type PluginServices,
  type Queryable,
  type Tx,
} from '@chengxin/plugin-sdk';
import { MAX_PAYMENT_TERM_DAYS } from '../contract';
import { contract, payment } from './schema';

type Json = Record<string, unknown>;

export type ContractStatus = 'pending' | 'active' | 'cancelled' | 'terminated';

export interface ParsedContract {
  ocdsContractId: string;
  ocdsAwardId: string;
  /** Where the contract sits in the compiled release, for refusals while writing. */
  path: string;
  status: ContractStatus;
  title: string;
  supplierName: string;
  supplierUscc: string;
  supplierSme: boolean;
  amountFen: number;
  awardNoticeDate: string | null;
  signingDate: string | null;
  acceptanceDeadline: string | null;
  acceptanceDate: string | null;
  acceptanceResult: 'passed' | 'failed' | null;
  deliveryDate: string | null;
  paymentTermDays: number;
  lateInterestPpmPerDay: number | null;
  unknownFacts: string[];
  payments: { sourceId: string; paidOn: string; amountFen: number }[];
}

export interface ParsedRelease {
  index: number;
  ocid: string;
  buyerUscc: string;
  contracts: ParsedContract[];
}

const obj = ocdsObject;
const arr = ocdsArray;
const str = ocdsString;
const idOf = (v: unknown) => (typeof v === 'string' || typeof v === 'number' ? String(v) : null);

/** A cancelled or unsuccessful award, or a cancelled contract, was never a contract to judge. */
function statusOf(award: Json | null, k: Json): ContractStatus {
  const a = str(award?.['status']);
  const c = str(k['status']);
  if (a === 'cancelled' || a === 'unsuccessful' || c === 'cancelled') return 'cancelled';
  if (c === 'terminated') return 'terminated';
  if (c === 'pending') return 'pending';
  return 'active';
}

export function parseRelease(
  raw: unknown,
  index: number,
  today: string,
):
  { ok: true; release: ParsedRelease | null; notices: OcdsReleaseError[] } | { ok: false; errors: OcdsReleaseError[] } {
  const { release: r, ocid, errors, fail, date: readDate } = ocdsReleaseReader(raw, index, today);
  if (!r) return { ok: false, errors };
  const notices: OcdsReleaseError[] = [];
  const notice = (field: string, zh: string, en: string) =>
    notices.push({ index, ocid, field: `releases[${index}].${field}`, messageZh: zh, messageEn: en });
  // Facts (signed, met, paid) cannot lie ahead; a milestone's due date normally does.
  const fact = (field: string, v: unknown, required: boolean) => readDate(field, v, required);
  const due = (field: string, v: unknown, required: boolean) => readDate(field, v, required, true);
  const money = (field: string, v: unknown): number => {
    const amount = obj(v)?.['amount'];
    const currency = obj(v)?.['currency'];
    if (typeof amount !== 'number' || !Number.isFinite(amount)) {
      fail(`${field}.amount`, '缺少金额', 'amount is missing');
      return 0;
    }
    if (amount < 0) {
      fail(`${field}.amount`, '金额不能为负数', 'amount cannot be negative');
      return 0;
    }
    if (currency !== undefined && currency !== 'CNY')
      fail(`${field}.currency`, `币种须为CNY：${String(currency)}`, 'currency must be CNY');
    return Math.round(amount * 100);
  };
  const parties = arr(r['parties'])
    .map(obj)
    .filter((p): p is Json => p !== null);
  const buyerIndex = parties.findIndex((p) => arr(p['roles']).includes('buyer'));
  if (buyerIndex < 0) {
    fail('parties', '缺少角色为buyer（采购人）的参与方', 'no party with role buyer');
    return { ok: false, errors };
  }
  const buyerUscc = ocdsPartyUscc(parties, buyerIndex, fail, notice, '采购人');
  const buyerParty = parties[buyerIndex]!;
  const awards = arr(r['awards']).map(obj);
  const list = arr(r['contracts']).map(obj);
  // Planning and tender stages have nothing to store yet; awards without a contract are said, not dropped silently.
  awards.forEach((a, i) => {
    if (a && !list.some((k) => idOf(k?.['awardID']) === idOf(a['id'])))
      notice(`awards[${i}]`, '该授标尚无合同，未登记', 'the award has no contract yet; nothing stored');
  });
  const partyMatches = (ref: unknown, party: Json | undefined) => {
    const o = obj(ref);
    if (!o || !party) return false;
    return (
      (idOf(o['id']) !== null && idOf(o['id']) === idOf(party['id'])) ||
      (!!obj(o['identifier'])?.['id'] && obj(o['identifier'])!['id'] === obj(party['identifier'])?.['id'])
    );
  };
  const contracts: ParsedContract[] = [];
  list.forEach((k, j) => {
    const at = `contracts[${j}]`;
    if (!k) {
      fail(at, '合同不是对象', 'a contract must be an object');
      return;
    }
    const ocdsContractId = idOf(k['id']);
    if (!ocdsContractId) fail(`${at}.id`, '合同缺少编号', 'contract id is missing');
    const awardIndex = awards.findIndex((a) => idOf(a?.['id']) !== null && idOf(a?.['id']) === idOf(k['awardID']));
    const award = awards[awardIndex] ?? null;
    if (!award) {
      fail(
        `${at}.awardID`,
        `合同的awardID（${String(k['awardID'] ?? '')}）找不到对应的授标`,
        'awardID names no award in this process',
      );
      return;
    }
    const status = statusOf(award, k);
    const aw = `awards[${awardIndex}]`;
    const supplierRef = obj(arr(award['suppliers'])[0]);
    const supplierIndex = parties.findIndex((p) => partyMatches(supplierRef, p));
    if (supplierIndex < 0) {
      fail(
        `${aw}.suppliers`,
        '授标缺少中标（成交）供应商，或供应商不在parties中',
        'the award names no supplier found in parties',
      );
      return;
    }
    if (arr(award['suppliers']).length > 1)
      notice(`${aw}.suppliers`, '联合体中标：以第一个供应商登记', 'a consortium: the first supplier is stored');
    const supplier = parties[supplierIndex]!;
    const supplierUscc = ocdsPartyUscc(parties, supplierIndex, fail, notice, '供应商');
    // An award without a date (some publishers omit it) is stored with the date unknown: the 30-day signing check
    // then says "unknown", never a breach; a notice names the field.
    const awardNoticeDate = fact(`${aw}.date`, award['date'], false);
    if (award['date'] === undefined || award['date'] === null)
      notice(
        `${aw}.date`,
        '授标缺少日期：中标（成交）通知书发出日期未知，30日内签订合同的规则不予判断',
        'the award has no date: the award notice date is unknown and the 30-day signing rule is not judged',
      );
    const signingDate = fact(`${at}.dateSigned`, k['dateSigned'], false);
    const value = k['value'] ?? (status === 'cancelled' ? (award['value'] ?? { amount: 0 }) : undefined);
    const amountFen = money(`${at}.value`, value);
    const termRaw = k['paymentTermDays'] ?? 30;
    const paymentTermDays = typeof termRaw === 'number' && Number.isInteger(termRaw) ? termRaw : NaN;
    if (!(paymentTermDays >= 1 && paymentTermDays <= MAX_PAYMENT_TERM_DAYS))
      fail(
        `${at}.paymentTermDays`,
        `付款期限须为1至${MAX_PAYMENT_TERM_DAYS}日`,
        `paymentTermDays must be 1–${MAX_PAYMENT_TERM_DAYS}`,
      );
    // Our field: the late interest agreed in the contract, per day in millionths (absent: the statutory default).
    const ppm = k['lateInterestPpmPerDay'];
    if (
      ppm !== undefined &&
      ppm !== null &&
      !(typeof ppm === 'number' && Number.isInteger(ppm) && ppm >= 1 && ppm <= 10_000)
    )
      fail(
        `${at}.lateInterestPpmPerDay`,
        '约定逾期利息须为每日百万分之1至10000',
        'lateInterestPpmPerDay must be 1–10000',
      );
    const impl = obj(k['implementation']);
    const milestones = [
      ...arr(k['milestones']).map((m, i) => ({ m: obj(m), path: `${at}.milestones[${i}]` })),
      ...arr(impl?.['milestones']).map((m, i) => ({ m: obj(m), path: `${at}.implementation.milestones[${i}]` })),
    ];
    const delivery = milestones.find((x) => x.m?.['type'] === 'delivery');
    const acceptance = milestones.find((x) => x.m?.['code'] === 'acceptance');
    const metOn = (x: { m: Json | null; path: string }) =>
      str(x.m?.['status']) === 'scheduled' ? null : fact(`${x.path}.dateMet`, x.m?.['dateMet'], false);
    const deliveryDate = delivery ? metOn(delivery) : null;
    const acceptanceDeadline = acceptance ? due(`${acceptance.path}.dueDate`, acceptance.m?.['dueDate'], true) : null;
    const acceptanceDate = acceptance ? metOn(acceptance) : null;
    const mStatus = str(acceptance?.m?.['status']);
    // partiallyMet is not a passed acceptance: the payment clock waits, as after a failed one.
    const acceptanceResult = acceptanceDate
      ? mStatus === 'notMet' || mStatus === 'partiallyMet'
        ? 'failed'
        : 'passed'
      : null;
    const payments: ParsedContract['payments'] = [];
    arr(impl?.['transactions']).forEach((raw, i) => {
      const t = obj(raw);
      const tp = `${at}.implementation.transactions[${i}]`;
      const sourceId = idOf(t?.['id']);
      if (!sourceId) {
        fail(`${tp}.id`, '付款缺少编号', 'transaction id is missing');
        return;
      }
      const payer = t?.['payer'] ?? t?.['providerOrganization'];
      const payee = t?.['payee'] ?? t?.['receiverOrganization'];
      // Only the buyer's payments to this contract's supplier count (a supplier paying its subcontractor does not).
      if (payer && !partyMatches(payer, buyerParty)) {
        notice(
          `${tp}.payer`,
          '付款方不是采购人，不计入对供应商的付款',
          'the payer is not the buyer; not counted as a payment to the supplier',
        );
        return;
      }
      if (payee && !partyMatches(payee, supplier)) {
        notice(
          `${tp}.payee`,
          '收款方不是该合同的供应商，不计入',
          "the payee is not this contract's supplier; not counted",
        );
        return;
      }
      payments.push({
        sourceId,
        paidOn: fact(`${tp}.date`, t?.['date'], true) ?? '',
        amountFen: money(`${tp}.value`, t?.['value'] ?? t?.['amount']),
      });
    });
    if (signingDate && awardNoticeDate && signingDate < awardNoticeDate)
      fail(`${at}.dateSigned`, '签订日期早于授标日期', 'signed before the award');
    if (acceptanceDate && signingDate && acceptanceDate < signingDate)
      fail(`${acceptance!.path}.dateMet`, '验收日期早于签订日期', 'accepted before signing');
    if (deliveryDate && signingDate && deliveryDate < signingDate)
      fail(`${delivery!.path}.dateMet`, '交付日期早于签订日期', 'delivered before signing');
    payments.forEach((p, i) => {
      if (signingDate && p.paidOn && p.paidOn < signingDate)
        fail(`${at}.implementation.transactions[${i}].date`, '付款日期早于签订日期', 'paid before signing');
    });
    if (payments.reduce((s, p) => s + p.amountFen, 0) > amountFen && amountFen > 0)
      fail(`${at}.implementation.transactions`, '累计付款超过合同金额', 'payments exceed the contract value');
    if (amountFen === 0 && status !== 'cancelled' && errors.length === 0)
      fail(`${at}.value.amount`, '合同金额须大于零', 'the contract value must be positive');
    const title = str(k['title']) ?? str(obj(r['tender'])?.['title']) ?? `${ocid}/${ocdsContractId}`;
    contracts.push({
      ocdsContractId: ocdsContractId ?? '',
      ocdsAwardId: idOf(award['id'])!,
      path: at,
      status,
      title: title.slice(0, 300),
      supplierName: (str(supplier['name']) ?? supplierUscc ?? '').slice(0, 200),
      supplierUscc: supplierUscc ?? '',
      supplierSme: ['sme', 'micro', 'small', 'medium'].includes(String(obj(supplier['details'])?.['scale'] ?? '')),
      amountFen,
      awardNoticeDate,
      signingDate,
      acceptanceDeadline,
      acceptanceDate,
      acceptanceResult,
      deliveryDate,
      paymentTermDays,
      lateInterestPpmPerDay: typeof ppm === 'number' ? ppm : null,
      // Without an implementation section the source says nothing about payments: the payment rule cannot judge.
      unknownFacts: impl ? [] : ['payments'],
      payments,
    });
  });
  if (errors.length > 0) return { ok: false, errors };
  if (!buyerUscc) return { ok: false, errors };
  return { ok: true, release: contracts.length > 0 ? { index, ocid: ocid!, buyerUscc, contracts } : null, notices };
}

const FIELDS = [
  'title',
  'supplierName',
  'supplierUscc',
  'supplierSme',
  'amountFen',
  'awardNoticeDate',
  'signingDate',
  'acceptanceDeadline',
  'acceptanceDate',
  'acceptanceResult',
  'deliveryDate',
  'paymentTermDays',
  'lateInterestPpmPerDay',
  'status',
  'ocdsAwardId',
  'unknownFacts',
] as const;
const same = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

/** Writes one contract of a process; says whether it was new, changed or unchanged. */
async function writeContract(
  s: PluginServices,
  db: Tx,
  audit: (action: string, entity: string, entityId: string, detail?: Record<string, unknown>) => Promise<void>,
  ocid: string,
  buyerId: string,
  c: ParsedContract,
): Promise<'imported' | 'updated' | 'unchanged'> {
  const [existing] = await rows<Record<string, unknown> & { id: string; buyer: string }>(
    db,
    sql`
    select id::text, buyer_org_id::text as buyer, title, supplier_name as "supplierName", supplier_uscc as "supplierUscc", supplier_sme as "supplierSme", amount_fen::bigint as "amountFen",
      award_notice_date::text as "awardNoticeDate", signing_date::text as "signingDate", acceptance_deadline::text as "acceptanceDeadline", acceptance_date::text as "acceptanceDate",
      acceptance_result as "acceptanceResult", delivery_date::text as "deliveryDate", payment_term_days as "paymentTermDays", late_interest_ppm_per_day as "lateInterestPpmPerDay", status, ocds_award_id as "ocdsAwardId", unknown_facts as "unknownFacts"
    from procurement.contract where ocid = ${ocid} and (ocds_contract_id = ${c.ocdsContractId} or ocds_contract_id is null) order by ocds_contract_id nulls last limit 1 for update`,
  );
  if (existing && existing.buyer !== buyerId)
    throw new OcdsReleaseRefused('ocid', 'ocid已属于其他采购人', 'the ocid belongs to another buyer');
  const id = existing?.id ?? newId();
  const parsed: Record<string, unknown> = { ...c, amountFen: c.amountFen };
  const fields = Object.fromEntries(FIELDS.map((f) => [f, parsed[f] ?? null]));
  // An update merges what the process says; what it leaves out (an officer's recorded signing, say) stays.
  const present = Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== null));
  const before = existing
    ? Object.fromEntries(FIELDS.map((f) => [f, f === 'amountFen' ? Number(existing[f]) : existing[f]]))
    : null;
  const changed = before ? Object.keys(present).filter((f) => !same(present[f], before[f])) : Object.keys(present);
  if (existing && changed.length > 0)
    await db
      .update(contract)
      .set({ ...present, ocdsContractId: c.ocdsContractId, updatedAt: sql`now()` as never })
      .where(sql`id = ${id}`);
  else if (!existing)
    await db.insert(contract).values({
      id,
      ocid,
      ocdsContractId: c.ocdsContractId,
      buyerOrgId: buyerId,
      ...(fields as unknown as Omit<typeof contract.$inferInsert, 'id' | 'buyerOrgId'>),
      createdBy: s.actor?.id ?? null,
    });
  // Payments by transaction id: a corrected transaction (same id, new amount or date) updates the payment, audited.
  const paid = await rows<{ id: string; sourceId: string; paidOn: string; amountFen: string | number }>(
    db,
    sql`
    select id::text, source_id as "sourceId", paid_on::text as "paidOn", amount_fen as "amountFen" from procurement.payment where contract_id = ${id} and source_id is not null`,
  );
  const corrected: Record<string, unknown>[] = [];
  const added: string[] = [];
  for (const pay of c.payments) {
    const old = paid.find((p) => p.sourceId === pay.sourceId);
    if (!old) {
      await db.insert(payment).values({
        id: newId(),
        contractId: id,
        paidOn: pay.paidOn,
        amountFen: pay.amountFen,
        voucherNo: `OCDS ${pay.sourceId}`,
        sourceId: pay.sourceId,
        createdBy: s.actor?.id ?? null,
      });
      added.push(pay.sourceId);
    } else if (old.paidOn !== pay.paidOn || Number(old.amountFen) !== pay.amountFen) {
      await db.execute(
        sql`update procurement.payment set paid_on = ${pay.paidOn}, amount_fen = ${pay.amountFen}, updated_at = now() where id = ${old.id}`,
      );
      corrected.push({
        sourceId: pay.sourceId,
        before: { paidOn: old.paidOn, amountFen: Number(old.amountFen) },
        after: { paidOn: pay.paidOn, amountFen: pay.amountFen },
      });
    }
  }
  // Payments recorded by hand count too: together they may not exceed the contract amount.
  const [total] = await rows<{ total: string | number }>(
    db,
    sql`select coalesce(sum(amount_fen), 0) as total from procurement.payment where contract_id = ${id}`,
  );
  if (Number(total!.total) > c.amountFen)
    throw new OcdsReleaseRefused(
      `${c.path}.value.amount`,
      `已登记的付款（${Number(total!.total) / 100}元）超过合同金额`,
      'recorded payments exceed the contract value',
    );
  if (existing && changed.length === 0 && added.length === 0 && corrected.length === 0) return 'unchanged';
  await audit(
    existing ? 'procurement.contract.update_from_ocds' : 'procurement.contract.import_ocds',
    'procurement.contract',
    id,
    {
      ocid,
      ocdsContractId: c.ocdsContractId,
      changed,
      after: Object.fromEntries(changed.map((f) => [f, present[f]])),
      before: before ? Object.fromEntries(changed.map((f) => [f, before[f]])) : null,
      payments: added,
      corrected,
    },
  );
  return existing ? 'updated' : 'imported';
}

/**
 * Imports a package: each process that parses, whose buyer is a known body in the caller's scope with the plugin
 * enabled, is written in its own transaction — every contract new, changed or unchanged, counted one by one.
 */
export async function importOcds(
  s: PluginServices,
  db: Queryable,
  pkg: Json,
  enabled: (orgId: string) => Promise<boolean>,
) {
  return importOcdsPackage<ParsedRelease>(s, db, pkg, {
    parse: (raw, index, today) => {
      const r = parseRelease(raw, index, today);
      return r.ok ? { ok: true, value: r.release, notices: r.notices } : r;
    },
    enabled,
    buyerRole: { zh: '采购人', en: 'buyer' },
    pluginName: { zh: '采购插件', en: 'the procurement plugin' },
    write: (p, buyer) =>
      s.write(async (tx, audit) => {
        const count: OcdsWriteCount = { imported: 0, updated: 0, unchanged: 0 };
        for (const c of p.contracts) count[await writeContract(s, tx, audit, p.ocid, buyer.id, c)] += 1;
        return count;
      }),
  });
}
