/**
 * Our procurement contracts published as OCDS 1.1 (依法依规公开政府采购信息): one release per contracting process with
 * its current state — buyer and suppliers (bodies and firms by credit code, never a person), every award and contract
 * with its status, delivery and acceptance milestones, and the buyer's payments — as a record package per ocid and a
 * release package of all processes or of those changed since a moment. What we publish imports back unchanged
 * (ocds.ts reads exactly these fields). Voucher numbers, who entered what, and complaints are not published.
 */
import {
  compact,
  ocdsDay,
  ocdsMoney,
  ocdsParty,
  ocidFor,
  orgsById,
  partyId,
  ocdsPublisher,
  rows,
  sql,
  type OcdsJson,
  type OcdsPublication,
  type Queryable,
} from '@chengxin/plugin-sdk';
import { PLUGIN_ID } from '../contract';

interface Row {
  id: string;
  ocid: string;
  ocdsContractId: string | null;
  ocdsAwardId: string | null;
  buyerOrgId: string;
  title: string;
  supplierName: string;
  supplierUscc: string;
  supplierSme: boolean;
  amountFen: string | number;
  awardNoticeDate: string | null;
  signingDate: string | null;
  acceptanceDeadline: string | null;
  acceptanceDate: string | null;
  acceptanceResult: 'passed' | 'failed' | null;
  deliveryDate: string | null;
  paymentTermDays: number;
  lateInterestPpmPerDay: number | null;
  status: string;
  unknownFacts: unknown;
  changed: string;
  payments: unknown;
}

const PUBLISHER = { name: '政府采购合同信息（政务诚信平台）' };
const processKey = sql`coalesce(c.ocid, ${`${ocidFor(PLUGIN_ID, '')}`} || c.id::text)`;
/** A process changes when a contract or one of its payments does. */
const changedAt = sql`greatest(c.updated_at, coalesce((select max(p.updated_at) from procurement.payment p where p.contract_id = c.id), c.updated_at))`;

async function processRows(db: Queryable, keys: string[]): Promise<Row[]> {
  if (keys.length === 0) return [];
  return rows<Row>(
    db,
    sql`
    select c.id::text, ${processKey} as ocid, c.ocds_contract_id as "ocdsContractId", c.ocds_award_id as "ocdsAwardId", c.buyer_org_id::text as "buyerOrgId", c.title,
      c.supplier_name as "supplierName", c.supplier_uscc as "supplierUscc", c.supplier_sme as "supplierSme", c.amount_fen::bigint as "amountFen",
      c.award_notice_date::text as "awardNoticeDate", c.signing_date::text as "signingDate", c.acceptance_deadline::text as "acceptanceDeadline",
      c.acceptance_date::text as "acceptanceDate", c.acceptance_result as "acceptanceResult", c.delivery_date::text as "deliveryDate",
      c.payment_term_days as "paymentTermDays", c.late_interest_ppm_per_day as "lateInterestPpmPerDay", c.status, c.unknown_facts as "unknownFacts", to_json(${changedAt})#>>'{}' as changed,
      coalesce((select json_agg(json_build_object('id', coalesce(p.source_id, p.id::text), 'paidOn', p.paid_on::text, 'amountFen', p.amount_fen) order by p.paid_on, p.id)
        from procurement.payment p where p.contract_id = c.id), '[]') as payments
    from procurement.contract c where ${processKey} = any(${sql.param(keys)}::text[]) order by ${processKey}, c.ocds_contract_id nulls first, c.id`,
  );
}

const json = <T>(v: unknown): T => (typeof v === 'string' ? JSON.parse(v) : v) as T;

/** One process as an OCDS release (its current state). */
function toRelease(ocid: string, list: Row[], buyer: { name: string; uscc: string }): OcdsJson {
  const date = list
    .map((c) => new Date(c.changed).toISOString())
    .sort()
    .at(-1)!;
  const buyerId = partyId(buyer.uscc);
  const suppliers = new Map<string, OcdsJson>();
  for (const c of list)
    if (!suppliers.has(c.supplierUscc))
      suppliers.set(
        c.supplierUscc,
        ocdsParty(c.supplierUscc, c.supplierName, ['supplier', 'payee'], c.supplierSme ? 'sme' : 'large'),
      );
  const awards = new Map<string, OcdsJson>();
  const contracts = list.map((c) => {
    const awardId = c.ocdsAwardId ?? `${c.ocdsContractId ?? c.id}-award`;
    const cancelled = c.status === 'cancelled';
    if (!awards.has(awardId)) {
      awards.set(awardId, {
        id: awardId,
        status: cancelled ? 'cancelled' : 'active',
        date: ocdsDay(c.awardNoticeDate),
        suppliers: [{ id: partyId(c.supplierUscc), name: c.supplierName }],
      });
    }
    const milestones = [
      ...(c.deliveryDate
        ? [{ id: 'delivery', type: 'delivery', title: '交付', status: 'met', dateMet: ocdsDay(c.deliveryDate) }]
        : []),
      ...(c.acceptanceDeadline
        ? [
            {
              id: 'acceptance',
              code: 'acceptance',
              type: 'assessment',
              title: '履约验收',
              dueDate: ocdsDay(c.acceptanceDeadline),
              status: c.acceptanceDate ? (c.acceptanceResult === 'failed' ? 'notMet' : 'met') : 'scheduled',
              dateMet: ocdsDay(c.acceptanceDate),
            },
          ]
        : []),
    ];
    // Without the payment records (an import that carried none), the implementation section stays out, as it came in.
    const paymentsKnown = !json<string[]>(c.unknownFacts).includes('payments');
    const transactions = json<{ id: string; paidOn: string; amountFen: string | number }[]>(c.payments).map((p) => ({
      id: p.id,
      date: ocdsDay(p.paidOn),
      value: ocdsMoney(Number(p.amountFen)),
      payer: { id: buyerId, name: buyer.name },
      payee: { id: partyId(c.supplierUscc), name: c.supplierName },
    }));
    return {
      id: c.ocdsContractId ?? c.id,
      awardID: awardId,
      title: c.title,
      status: c.status,
      dateSigned: ocdsDay(c.signingDate),
      value: ocdsMoney(Number(c.amountFen)),
      // Our field (the agreed payment term in days, 保障中小企业款项支付条例 §9), documented in docs/PLUGINS.md.
      paymentTermDays: c.paymentTermDays,
      lateInterestPpmPerDay: c.lateInterestPpmPerDay ?? undefined,
      ...(paymentsKnown || milestones.length
        ? {
            implementation: {
              ...(milestones.length ? { milestones } : {}),
              ...(paymentsKnown ? { transactions } : {}),
            },
          }
        : {}),
    };
  });
  const tags = ['award', 'contract', ...(contracts.some((k) => k.implementation) ? ['implementation'] : [])];
  return compact({
    ocid,
    id: `${ocid}-${date}`,
    date,
    tag: tags,
    initiationType: 'tender',
    language: 'zh',
    parties: [ocdsParty(buyer.uscc, buyer.name, ['buyer', 'procuringEntity', 'payer']), ...suppliers.values()],
    buyer: { id: buyerId, name: buyer.name },
    awards: [...awards.values()],
    contracts,
  });
}

async function releasesFor(db: Queryable, keys: string[]): Promise<OcdsJson[]> {
  const list = await processRows(db, keys);
  const bodies = await orgsById(
    db,
    list.map((c) => c.buyerOrgId),
  );
  const byOcid = new Map<string, Row[]>();
  for (const c of list) byOcid.set(c.ocid, [...(byOcid.get(c.ocid) ?? []), c]);
  return [...byOcid].map(([ocid, rowsOf]) => {
    const body = bodies.get(rowsOf[0]!.buyerOrgId)!;
    return toRelease(ocid, rowsOf, { name: body.name, uscc: body.uscc });
  });
}

export const publication: OcdsPublication = {
  pluginId: PLUGIN_ID,
  subjectZh: '采购过程',
  publisher: PUBLISHER,
  from: sql`procurement.contract c`,
  key: processKey,
  changedAt: changedAt,
  releasesFor,
};

/** The record package of one process and the paged release packages (the SDK's shared envelope and paging). */
export const { publishRecord, publishReleases } = ocdsPublisher(publication);
