/**
 * Our tenders published as OCDS 1.1 (依法公开招标投标信息): one release per procedure with its current state — the
 * tenderer (buyer) and the tendering agency (procuringEntity) by credit code, the tender (method, period, estimate,
 * amendments that affect bids), the award notice and the contract date. Officials' interference, incidents and who
 * entered what are not published. What we publish imports back unchanged (ocds.ts reads these fields).
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
  OCDS_EXTENSIONS,
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
  orgId: string;
  project: string;
  method: string;
  mustTender: boolean;
  openRequired: boolean;
  estimateFen: string | number | null;
  issueDate: string;
  bidDeadline: string;
  awardNoticeDate: string | null;
  contractDate: string | null;
  unknownFacts: unknown;
  changed: string;
  agencyName: string | null;
  agencyUscc: string | null;
  amendments: unknown;
  lots: unknown;
}
interface Lot {
  sourceId: string;
  title: string;
  status: 'active' | 'cancelled';
  estimateFen: string | number | null;
  awardNoticeDate: string | null;
  contractDate: string | null;
}

const PUBLISHER = { name: '招标投标信息（政务诚信平台）' };
const key = sql`coalesce(t.ocid, ${ocidFor(PLUGIN_ID, '')} || t.id::text)`;
const changedAt = sql`t.updated_at`;
const json = <T>(v: unknown): T => (typeof v === 'string' ? JSON.parse(v) : v) as T;

/** A tender in lots: one award per awarded lot (relatedLots naming it) and that award's contract when signed. */
function lotSections(ocid: string, lots: Lot[], contractsKnown: boolean) {
  const awarded = lots.filter((l) => l.status === 'active' && l.awardNoticeDate);
  const awardId = (l: Lot) => `${ocid}-award-${l.sourceId}`;
  return {
    ...(awarded.length
      ? {
          awards: awarded.map((l) => ({
            id: awardId(l),
            status: 'active',
            date: ocdsDay(l.awardNoticeDate),
            relatedLots: [l.sourceId],
          })),
        }
      : {}),
    ...(awarded.length && contractsKnown
      ? {
          contracts: awarded
            .filter((l) => l.contractDate)
            .map((l) => ({
              id: `${ocid}-contract-${l.sourceId}`,
              awardID: awardId(l),
              status: 'active',
              dateSigned: ocdsDay(l.contractDate),
            })),
        }
      : {}),
  };
}

async function releasesFor(db: Queryable, keys: string[]): Promise<OcdsJson[]> {
  if (keys.length === 0) return [];
  const list = await rows<Row>(
    db,
    sql`
    select t.id::text, ${key} as ocid, t.org_id::text as "orgId", t.project, t.method, t.must_tender as "mustTender", t.open_required as "openRequired", t.estimate_fen::bigint as "estimateFen",
      t.issue_date::text as "issueDate", t.bid_deadline::text as "bidDeadline", t.award_notice_date::text as "awardNoticeDate", t.contract_date::text as "contractDate",
      t.unknown_facts as "unknownFacts", to_json(${changedAt})#>>'{}' as changed, a.name as "agencyName", a.uscc as "agencyUscc",
      coalesce((select json_agg(json_build_object('id', coalesce(c.source_id, c.id::text), 'date', c.issued_on::text, 'summary', c.summary) order by c.issued_on, c.id)
        from bidding.clarification c where c.tender_id = t.id and c.affects_bids), '[]') as amendments,
      coalesce((select json_agg(json_build_object('sourceId', l.source_id, 'title', l.title, 'status', l.status, 'estimateFen', l.estimate_fen,
        'awardNoticeDate', l.award_notice_date::text, 'contractDate', l.contract_date::text) order by l.source_id) from bidding.lot l where l.tender_id = t.id), '[]') as lots
    from bidding.tender t left join bidding.agency a on a.id = t.agency_id where ${key} = any(${sql.param(keys)}::text[]) order by 2`,
  );
  const bodies = await orgsById(
    db,
    list.map((t) => t.orgId),
  );
  return list.map((t) => {
    const body = bodies.get(t.orgId)!;
    const unknown = json<string[]>(t.unknownFacts);
    const amendments = json<{ id: string; date: string; summary: string }[]>(t.amendments);
    const awardId = `${t.ocid}-award`;
    const lots = json<Lot[]>(t.lots);
    // A contract section only when its date is known (an import without one keeps it unknown, as it came in).
    const contractsKnown = !unknown.includes('contractDate');
    const tenderSections = () => ({
      ...(t.awardNoticeDate ? { awards: [{ id: awardId, status: 'active', date: ocdsDay(t.awardNoticeDate) }] } : {}),
      ...(t.awardNoticeDate && contractsKnown
        ? {
            contracts: t.contractDate
              ? [{ id: `${t.ocid}-contract`, awardID: awardId, status: 'active', dateSigned: ocdsDay(t.contractDate) }]
              : [],
          }
        : {}),
    });
    return compact({
      ocid: t.ocid,
      id: `${t.ocid}-${new Date(t.changed).toISOString()}`,
      date: new Date(t.changed).toISOString(),
      tag: [
        'tender',
        ...(amendments.length ? ['tenderAmendment'] : []),
        ...(t.awardNoticeDate ? ['award'] : []),
        ...(t.contractDate ? ['contract'] : []),
      ],
      initiationType: 'tender',
      language: 'zh',
      parties: [
        ocdsParty(body.uscc, body.name, ['buyer']),
        ...(t.agencyUscc ? [ocdsParty(t.agencyUscc, t.agencyName ?? t.agencyUscc, ['procuringEntity'])] : []),
      ],
      buyer: { id: partyId(body.uscc), name: body.name },
      tender: {
        id: `${t.ocid}-tender`,
        title: t.project,
        status: t.awardNoticeDate ? 'complete' : 'active',
        procurementMethod: t.method === 'invited' ? 'selective' : 'open',
        ...(t.agencyUscc ? { procuringEntity: { id: partyId(t.agencyUscc), name: t.agencyName ?? t.agencyUscc } } : {}),
        // Our fields (documented in docs/PLUGINS.md); must-tender only when it is known.
        ...(unknown.includes('mustTender') ? {} : { mustTender: t.mustTender }),
        openRequired: t.openRequired,
        ...(t.estimateFen === null ? {} : { value: ocdsMoney(Number(t.estimateFen)) }),
        tenderPeriod: { startDate: ocdsDay(t.issueDate), endDate: ocdsDay(t.bidDeadline) },
        ...(amendments.length
          ? { amendments: amendments.map((a) => ({ id: a.id, date: ocdsDay(a.date), description: a.summary })) }
          : {}),
        // The lots extension: each lot with its status and estimate; its award and contract below name it.
        ...(lots.length
          ? {
              lots: lots.map((l) => ({
                id: l.sourceId,
                title: l.title,
                status: l.status === 'cancelled' ? 'cancelled' : l.awardNoticeDate ? 'complete' : 'active',
                ...(l.estimateFen === null ? {} : { value: ocdsMoney(Number(l.estimateFen)) }),
              })),
            }
          : {}),
      },
      ...(lots.length ? lotSections(t.ocid, lots, contractsKnown) : tenderSections()),
    });
  });
}

export const publication: OcdsPublication = {
  pluginId: PLUGIN_ID,
  subjectZh: '招标项目',
  publisher: PUBLISHER,
  extensions: [OCDS_EXTENSIONS.lots],
  from: sql`bidding.tender t`,
  key: key,
  changedAt: changedAt,
  releasesFor,
};

/** The record package of one process and the paged release packages (the SDK's shared envelope and paging). */
export const { publishRecord, publishReleases } = ocdsPublisher(publication);
