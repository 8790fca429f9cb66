/**
 * Import of contracts from OCDS 1.1 release or record packages (https://standard.open-contracting.org/1.1/):
 * parties (buyer / supplier with CN-USCC identifiers and details.scale), awards (date = award notice), contracts
 * (dateSigned, value, our extension `paymentTermDays`), implementation milestones (type `delivery`; code `acceptance`
 * with dueDate = acceptance deadline, dateMet and status met/notMet) and transactions (payments). Each release is one
 * transaction: it is imported whole or not at all, and its errors name the path of the bad field.
 */
import { newId, rows, sql, type PluginServices, type Queryable, importOcdsPackage, OcdsReleaseRefused, type OcdsReleaseError, ocdsReleaseReader, ocdsObject, ocdsArray } from '@chengxin/plugin-sdk';
import { MAX_PAYMENT_TERM_DAYS } from '../contract';
import { contract, payment } from './schema';

type Json = Record<string, unknown>;
type ReleaseError = OcdsReleaseError;

export interface ParsedRelease {
  index: number;
  ocid: string;
  buyerUscc: string;
  title: string;
  supplierName: string;
  supplierUscc: string;
  supplierSme: boolean;
  amountFen: number;
  awardNoticeDate: string;
  signingDate: string | null;
  acceptanceDeadline: string | null;
  acceptanceDate: string | null;
  acceptanceResult: 'passed' | 'failed' | null;
  deliveryDate: string | null;
  paymentTermDays: number;
  payments: { sourceId: string; paidOn: string; amountFen: number }[];
}

const obj = ocdsObject;
const arr = ocdsArray;

/** A release refused while writing (rolled back with its transaction), with the reason to report. */

export function parseRelease(raw: unknown, index: number, today: string): { ok: true; release: ParsedRelease } | { ok: false; errors: ReleaseError[] } {
  const { release: r, ocid, errors, fail, date: readDate } = ocdsReleaseReader(raw, index, today);
  if (!r) return { ok: false, errors };
  const date = (field: string, v: unknown, required: boolean) => readDate(field, v, required);
  const money = (field: string, v: unknown): number => {
    const amount = obj(v)?.['amount'];
    const currency = obj(v)?.['currency'];
    if (typeof amount !== 'number' || !Number.isFinite(amount)) { fail(`${field}.amount`, '缺少金额', 'amount is missing'); return 0; }
    if (amount < 0) { fail(`${field}.amount`, '金额不能为负数', 'amount cannot be negative'); return 0; }
    if (currency !== undefined && currency !== 'CNY') fail(`${field}.currency`, `币种须为CNY：${String(currency)}`, 'currency must be CNY');
    return Math.round(amount * 100);
  };
  const parties = arr(r['parties']).map(obj).filter((p): p is Json => p !== null);
  const roleOf = (role: string) => parties.findIndex((p) => arr(p['roles']).includes(role));
  const usccOf = (p: Json | undefined) => {
    const id = obj(p?.['identifier']);
    return typeof id?.['id'] === 'string' && (id['scheme'] === 'CN-USCC' || id['scheme'] === undefined) ? id['id'] : null;
  };
  const buyerIndex = roleOf('buyer');
  const buyerUscc = usccOf(parties[buyerIndex]);
  if (buyerIndex < 0) fail('parties', '缺少角色为buyer（采购人）的参与方', 'no party with role buyer');
  else if (!buyerUscc) fail(`parties[${buyerIndex}].identifier.id`, '采购人缺少统一社会信用代码（scheme为CN-USCC）', 'the buyer needs a CN-USCC identifier');
  const awards = arr(r['awards']).map(obj);
  const contracts = arr(r['contracts']).map(obj);
  const award = awards[0];
  const k = contracts[0];
  if (!award) fail('awards', '缺少授标信息（awards）', 'awards are missing');
  if (!k) fail('contracts', '缺少合同信息（contracts）', 'contracts are missing');
  const supplierRef = obj(arr(award?.['suppliers'])[0]);
  const supplierIndex = parties.findIndex((p) => p['id'] === supplierRef?.['id']);
  const supplier = parties[supplierIndex >= 0 ? supplierIndex : roleOf('supplier')];
  if (!supplier) fail('awards[0].suppliers', '缺少中标（成交）供应商', 'no supplier');
  const supplierUscc = usccOf(supplier);
  if (supplier && !supplierUscc) fail(`parties[${parties.indexOf(supplier)}].identifier.id`, '供应商缺少统一社会信用代码', 'the supplier needs a CN-USCC identifier');
  const awardNoticeDate = date('awards[0].date', award?.['date'], true);
  const signingDate = date('contracts[0].dateSigned', k?.['dateSigned'], false);
  const amountFen = k ? money('contracts[0].value', k['value']) : 0;
  const termRaw = k?.['paymentTermDays'] ?? 30;
  const paymentTermDays = typeof termRaw === 'number' && Number.isInteger(termRaw) ? termRaw : NaN;
  if (!(paymentTermDays >= 1 && paymentTermDays <= MAX_PAYMENT_TERM_DAYS)) fail('contracts[0].paymentTermDays', `付款期限须为1至${MAX_PAYMENT_TERM_DAYS}日`, `paymentTermDays must be 1–${MAX_PAYMENT_TERM_DAYS}`);
  const impl = obj(k?.['implementation']);
  const milestones = [...arr(k?.['milestones']), ...arr(impl?.['milestones'])].map(obj);
  const deliveryIndex = milestones.findIndex((m) => m?.['type'] === 'delivery');
  const acceptanceIndex = milestones.findIndex((m) => m?.['code'] === 'acceptance');
  const delivery = milestones[deliveryIndex];
  const acceptance = milestones[acceptanceIndex];
  const deliveryDate = delivery ? date(`contracts[0].implementation.milestones[${deliveryIndex}].dateMet`, delivery['dateMet'], false) : null;
  const acceptanceDeadline = acceptance ? date(`contracts[0].implementation.milestones[${acceptanceIndex}].dueDate`, acceptance['dueDate'], true) : null;
  const acceptanceDate = acceptance ? date(`contracts[0].implementation.milestones[${acceptanceIndex}].dateMet`, acceptance['dateMet'], false) : null;
  const status = acceptance?.['status'];
  const acceptanceResult = acceptanceDate ? (status === 'notMet' ? 'failed' : 'passed') : null;
  const payments = arr(impl?.['transactions']).map(obj).map((t, i) => ({
    sourceId: typeof t?.['id'] === 'string' || typeof t?.['id'] === 'number' ? String(t['id']) : (fail(`contracts[0].implementation.transactions[${i}].id`, '付款缺少编号', 'transaction id is missing'), ''),
    paidOn: date(`contracts[0].implementation.transactions[${i}].date`, t?.['date'], true) ?? '',
    amountFen: money(`contracts[0].implementation.transactions[${i}].value`, t?.['value']),
  }));
  if (signingDate && awardNoticeDate && signingDate < awardNoticeDate) fail('contracts[0].dateSigned', '签订日期早于授标日期', 'signed before the award');
  if (acceptanceDate && signingDate && acceptanceDate < signingDate) fail(`contracts[0].implementation.milestones[${acceptanceIndex}].dateMet`, '验收日期早于签订日期', 'accepted before signing');
  if (deliveryDate && signingDate && deliveryDate < signingDate) fail(`contracts[0].implementation.milestones[${deliveryIndex}].dateMet`, '交付日期早于签订日期', 'delivered before signing');
  payments.forEach((p, i) => { if (signingDate && p.paidOn && p.paidOn < signingDate) fail(`contracts[0].implementation.transactions[${i}].date`, '付款日期早于签订日期', 'paid before signing'); });
  if (payments.reduce((s, p) => s + p.amountFen, 0) > amountFen && amountFen > 0) fail('contracts[0].implementation.transactions', '累计付款超过合同金额', 'payments exceed the contract value');
  if (amountFen === 0 && errors.length === 0) fail('contracts[0].value.amount', '合同金额须大于零', 'the contract value must be positive');
  if (errors.length > 0) return { ok: false, errors };
  const title = typeof k!['title'] === 'string' && k!['title'].trim() ? k!['title'].trim() : typeof obj(r['tender'])?.['title'] === 'string' ? String(obj(r['tender'])!['title']) : ocid!;
  return {
    ok: true,
    release: {
      index, ocid: ocid!, buyerUscc: buyerUscc!, title: title.slice(0, 300), supplierName: String(supplier!['name'] ?? supplierUscc).slice(0, 200), supplierUscc: supplierUscc!,
      supplierSme: ['sme', 'micro', 'small', 'medium'].includes(String(obj(supplier!['details'])?.['scale'] ?? '')),
      amountFen, awardNoticeDate: awardNoticeDate!, signingDate, acceptanceDeadline, acceptanceDate, acceptanceResult, deliveryDate, paymentTermDays, payments,
    },
  };
}

/**
 * Imports a package: each release that parses, whose buyer is a known body in the caller's scope with the plugin
 * enabled, is written in its own transaction (a new contract, or the same ocid updated and its new transactions added).
 */
export async function importOcds(s: PluginServices, db: Queryable, pkg: Json, enabled: (orgId: string) => Promise<boolean>) {
  return importOcdsPackage<ParsedRelease>(s, db, pkg, {
    parse: (raw, index, today) => {
      const r = parseRelease(raw, index, today);
      return r.ok ? { ok: true, value: r.release } : r;
    },
    enabled,
    buyerRole: { zh: '采购人', en: 'buyer' },
    pluginName: { zh: '采购插件', en: 'the procurement plugin' },
    write: (p, buyer) => s.write(async (tx, audit) => {
      const fields = {
        buyerOrgId: buyer.id, title: p.title, supplierName: p.supplierName, supplierUscc: p.supplierUscc, supplierSme: p.supplierSme, amountFen: p.amountFen,
        awardNoticeDate: p.awardNoticeDate, signingDate: p.signingDate, acceptanceDeadline: p.acceptanceDeadline, acceptanceDate: p.acceptanceDate,
        acceptanceResult: p.acceptanceResult, deliveryDate: p.deliveryDate, paymentTermDays: p.paymentTermDays,
      };
      const [existing] = await rows<Record<string, unknown> & { id: string; buyer: string }>(tx, sql`
        select id::text, buyer_org_id::text as buyer, amount_fen::bigint as "amountFen", signing_date::text as "signingDate", delivery_date::text as "deliveryDate",
          acceptance_deadline::text as "acceptanceDeadline", acceptance_date::text as "acceptanceDate", acceptance_result as "acceptanceResult"
        from procurement.contract where ocid = ${p.ocid} for update`);
      if (existing && existing.buyer !== buyer.id) throw new OcdsReleaseRefused('ocid', 'ocid已属于其他采购人', 'the ocid belongs to another buyer');
      const id = existing?.id ?? newId();
      // An update merges what the release says; what it leaves out (an officer's recorded signing, say) stays.
      const present = Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== null));
      if (existing) await tx.update(contract).set({ ...present, updatedAt: sql`now()` as never }).where(sql`id = ${id}`);
      else await tx.insert(contract).values({ id, ocid: p.ocid, ...fields, createdBy: s.actor?.id ?? null });
      for (const pay of p.payments) {
        await tx.insert(payment).values({ id: newId(), contractId: id, paidOn: pay.paidOn, amountFen: pay.amountFen, voucherNo: `OCDS ${pay.sourceId}`, sourceId: pay.sourceId, createdBy: s.actor?.id ?? null })
          .onConflictDoNothing();
      }
      // Payments recorded by hand count too: together they may not exceed the contract amount.
      const [paid] = await rows<{ total: string | number }>(tx, sql`select coalesce(sum(amount_fen), 0) as total from procurement.payment where contract_id = ${id}`);
      if (Number(paid!.total) > p.amountFen) throw new OcdsReleaseRefused('contracts[0].value.amount', `已登记的付款（${Number(paid!.total) / 100}元）超过合同金额`, 'recorded payments exceed the contract value');
      const { id: _id, buyer: _buyer, ...before } = existing ?? { id: '', buyer: '' };
      await audit(existing ? 'procurement.contract.update_from_ocds' : 'procurement.contract.import_ocds', 'procurement.contract', id, {
        ocid: p.ocid, after: present, before: existing ? before : null, payments: p.payments.map((x) => x.sourceId),
      });
      return !existing;
    }),
  });
}
