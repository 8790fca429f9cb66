/**
 * Our PPP projects published as OCDS 1.1 with the PPP profile's extensions (planning.project, riskAllocation,
 * performanceFailures): the implementing body and the partner by credit code, the project agreement with its term and
 * payment mechanism, each government obligation as a contract milestone (due date, amount, date met) and the
 * performance failures. Excuses, agreement changes, officials and who entered what are not published. What we publish
 * imports back unchanged (ocds.ts reads these fields); an obligation paid in parts is published once it is met.
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
  OCDS_EXTENSIONS,
  type OcdsJson,
  type OcdsPublication,
  type Queryable,
} from '@chengxin/plugin-sdk';
import { PLUGIN_ID } from '../contract';

interface Row {
  id: string;
  ocid: string;
  orgId: string;
  name: string;
  sector: string;
  partnerName: string;
  partnerUscc: string;
  phase: string;
  paymentMechanism: string;
  startDate: string;
  agreementDate: string | null;
  termYears: number;
  risks: unknown;
  changed: string;
  obligations: unknown;
  failures: unknown;
  contracts: unknown;
}
interface Obligation {
  id: string;
  contract: string;
  kind: string;
  description: string;
  dueDate: string;
  amountFen: number | null;
  fulfilments: { fulfilledOn: string; amountFen: number | null }[];
}

interface OtherContract {
  sourceId: string;
  title: string;
  status: string;
  dateSigned: string | null;
  paymentMechanism: string | null;
  termYears: number | null;
}

const PUBLISHER = { name: 'PPP项目信息（政务诚信平台）' };
const EXTENSIONS = [OCDS_EXTENSIONS.project, OCDS_EXTENSIONS.riskAllocation, OCDS_EXTENSIONS.performanceFailures];
const key = sql`coalesce(p.ocid, ${ocidFor(PLUGIN_ID, '')} || p.id::text)`;
const json = <T>(v: unknown): T => (typeof v === 'string' ? JSON.parse(v) : v) as T;
/** The day an obligation was met, as the rules count it: a payment when the fulfilments reach its amount, another duty at its first fulfilment. */
function metOn(o: Obligation): string | null {
  let paid = 0;
  for (const f of [...o.fulfilments].sort((a, b) => a.fulfilledOn.localeCompare(b.fulfilledOn))) {
    paid += Number(f.amountFen ?? 0);
    if (o.kind !== 'payment' || paid >= Number(o.amountFen ?? 0)) return f.fulfilledOn;
  }
  return null;
}

async function releasesFor(db: Queryable, keys: string[]): Promise<OcdsJson[]> {
  if (keys.length === 0) return [];
  const list = await rows<Row>(
    db,
    sql`
    select p.id::text, ${key} as ocid, p.org_id::text as "orgId", p.name, p.sector, p.partner_name as "partnerName", p.partner_uscc as "partnerUscc", p.phase,
      p.payment_mechanism as "paymentMechanism", p.start_date::text as "startDate", p.agreement_date::text as "agreementDate", p.term_years as "termYears", p.risks,
      to_json(p.updated_at)#>>'{}' as changed,
      coalesce((select json_agg(json_build_object('id', coalesce(o.source_id, o.id::text), 'contract', o.contract_source_id, 'kind', o.kind, 'description', o.description, 'dueDate', o.due_date::text, 'amountFen', o.amount_fen,
        'fulfilments', coalesce((select json_agg(json_build_object('fulfilledOn', f.fulfilled_on::text, 'amountFen', f.amount_fen)) from ppp.fulfilment f where f.obligation_id = o.id), '[]')) order by o.due_date, o.id)
        from ppp.obligation o where o.project_id = p.id), '[]') as obligations,
      coalesce((select json_agg(json_build_object('id', coalesce(x.source_id, x.id::text), 'contract', x.contract_source_id, 'periodStart', x.period_start::text, 'periodEnd', x.period_end::text, 'category', x.category,
        'events', x.events, 'penaltyContracted', x.penalty_contracted, 'penaltyImposed', x.penalty_imposed, 'penaltyPaid', x.penalty_paid) order by x.period_start, x.id)
        from ppp.performance_failure x where x.project_id = p.id), '[]') as failures,
      coalesce((select json_agg(json_build_object('sourceId', k.source_id, 'title', k.title, 'status', k.status, 'dateSigned', k.date_signed::text,
        'paymentMechanism', k.payment_mechanism, 'termYears', k.term_years) order by k.source_id) from ppp.project_contract k where k.project_id = p.id), '[]') as contracts
    from ppp.project p where ${key} = any(${sql.param(keys)}::text[]) order by 2`,
  );
  const bodies = await orgsById(
    db,
    list.map((p) => p.orgId),
  );
  return list.map((p) => {
    const body = bodies.get(p.orgId)!;
    const date = new Date(p.changed).toISOString();
    const awardId = `${p.ocid}-award`;
    const milestones = json<Obligation[]>(p.obligations).map((o) => {
      const contract = o.contract;
      const met = metOn(o);
      return {
        id: o.id,
        code: o.kind,
        type: o.kind === 'payment' ? 'payment' : 'approval',
        title: o.description,
        dueDate: ocdsDay(o.dueDate),
        status: met ? 'met' : 'scheduled',
        dateMet: ocdsDay(met),
        value: o.amountFen === null ? undefined : ocdsMoney(Number(o.amountFen)),
        contract,
      };
    });
    const failures = json<
      {
        id: string;
        contract: string;
        periodStart: string;
        periodEnd: string;
        category: string;
        events: number;
        penaltyContracted: string | null;
        penaltyImposed: string | null;
        penaltyPaid: boolean;
      }[]
    >(p.failures).map((f) => ({
      contract: f.contract,
      id: f.id,
      period: { startDate: ocdsDay(f.periodStart), endDate: ocdsDay(f.periodEnd) },
      category: f.category,
      events: f.events,
      penaltyContracted: f.penaltyContracted ?? undefined,
      penaltyImposed: f.penaltyImposed ?? undefined,
      penaltyPaid: f.penaltyPaid,
    }));
    // A contract's milestones and failures: those stored under its id ('' = the project agreement).
    const partsOf = (contract: string) => {
      const ms = milestones.filter((m) => m.contract === contract).map(({ contract: _c, ...m }) => m);
      const fs = failures.filter((f) => f.contract === contract).map(({ contract: _c, ...f }) => f);
      return {
        ...(ms.length || contract === '' ? { milestones: ms } : {}),
        ...(fs.length ? { implementation: { performanceFailures: fs } } : {}),
      };
    };
    return compact({
      ocid: p.ocid,
      id: `${p.ocid}-${date}`,
      date,
      tag: ['planning', 'contract', 'implementation'],
      initiationType: 'tender',
      language: 'zh',
      parties: [ocdsParty(body.uscc, body.name, ['buyer']), ocdsParty(p.partnerUscc, p.partnerName, ['privateParty'])],
      buyer: { id: partyId(body.uscc), name: body.name },
      planning: { project: { title: p.name, sector: p.sector } },
      tender: { id: `${p.ocid}-tender`, tenderPeriod: { startDate: ocdsDay(p.startDate) } },
      awards: [{ id: awardId, status: 'active', suppliers: [{ id: partyId(p.partnerUscc), name: p.partnerName }] }],
      contracts: [
        {
          id: `${p.ocid}-contract`,
          awardID: awardId,
          title: p.name,
          status: p.phase === 'handover' ? 'terminated' : p.phase === 'execution' ? 'active' : 'pending',
          dateSigned: ocdsDay(p.agreementDate),
          period: { durationInDays: p.termYears * 365 },
          paymentMechanism: p.paymentMechanism,
          riskAllocation: json<OcdsJson[]>(p.risks),
          ...partsOf(''),
        },
        // The project's other contracts, each with its own obligations and failures (a cancelled one has none).
        ...json<OtherContract[]>(p.contracts).map((k) => ({
          id: k.sourceId,
          awardID: awardId,
          title: k.title,
          status: k.status,
          dateSigned: ocdsDay(k.dateSigned),
          ...(k.termYears === null ? {} : { period: { durationInDays: k.termYears * 365 } }),
          ...(k.paymentMechanism === null ? {} : { paymentMechanism: k.paymentMechanism }),
          ...partsOf(k.sourceId),
        })),
      ],
    });
  });
}

export const publication: OcdsPublication = {
  pluginId: PLUGIN_ID,
  subjectZh: 'PPP项目',
  publisher: PUBLISHER,
  extensions: EXTENSIONS,
  from: sql`ppp.project p`,
  key: key,
  changedAt: sql`p.updated_at`,
  releasesFor,
};

/** The record package of one process and the paged release packages (the SDK's shared envelope and paging). */
export const { publishRecord, publishReleases } = ocdsPublisher(publication);
