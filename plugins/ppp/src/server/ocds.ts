/**
 * Import of PPP projects from OCDS release or record packages with the PPP profile's extensions: parties (buyer =
 * implementing body by CN-USCC; privateParty or supplier = partner), planning.project (title, sector), the contract
 * (dateSigned, period → term, riskAllocation, status → phase, our field paymentMechanism), the government's obligations
 * as contract milestones (code payment | approval | land_delivery | price_adjustment, dueDate, value; dateMet = fulfilled)
 * and implementation.performanceFailures. Each release is one transaction, imported whole or not at all; errors name
 * the path of the bad field. Re-importing an ocid merges: new obligations and failures are added by their ids.
 */
import {
  jsonValue,
  newId,
  rows,
  sql,
  type PluginServices,
  type Queryable,
  importOcdsPackage,
  OcdsReleaseRefused,
  type OcdsReleaseError,
  ocdsReleaseReader,
  ocdsObject,
  ocdsArray,
  ocdsString,
  ocdsPartyUscc,
} from '@chengxin/plugin-sdk';
import { OBLIGATION_KINDS, PAYMENT_MECHANISMS, RISK_ALLOCATIONS } from '../contract';
import { fulfilment, obligation, performanceFailure, project, projectContract } from './schema';

type Json = Record<string, unknown>;
type ReleaseError = OcdsReleaseError;

const obj = ocdsObject;
const arr = ocdsArray;
const str = ocdsString;

export interface ParsedProject {
  index: number;
  ocid: string;
  buyerUscc: string;
  name: string;
  sector: string;
  partnerName: string;
  partnerUscc: string;
  phase: string;
  paymentMechanism: string;
  startDate: string;
  agreementDate: string | null;
  termYears: number;
  risks: { id: string; category: string; allocation: string; description: string; mitigation: string | null }[];
  obligations: {
    sourceId: string;
    /** '' for the project agreement, else the OCDS id of the contract it comes from. */
    contractSourceId: string;
    kind: string;
    description: string;
    dueDate: string;
    amountFen: number | null;
    metOn: string | null;
  }[];
  failures: {
    sourceId: string;
    contractSourceId: string;
    periodStart: string;
    periodEnd: string;
    category: string;
    events: number;
    penaltyContracted: string | null;
    penaltyImposed: string | null;
    penaltyPaid: boolean;
  }[];
  /** The contracts after the project agreement. */
  contracts: {
    sourceId: string;
    title: string;
    status: 'pending' | 'active' | 'cancelled' | 'terminated';
    dateSigned: string | null;
    paymentMechanism: 'user_pays' | 'viability_gap' | 'government_pays' | null;
    termYears: number | null;
  }[];
}

export function parseRelease(
  raw: unknown,
  index: number,
  today: string,
): { ok: true; project: ParsedProject | null; notices: ReleaseError[] } | { ok: false; errors: ReleaseError[] } {
  const { release: r, ocid, errors, fail, date: readDate } = ocdsReleaseReader(raw, index, today);
  if (!r) return { ok: false, errors };
  const notices: ReleaseError[] = [];
  const notice = (field: string, zh: string, en: string) =>
    notices.push({ index, ocid, field: `releases[${index}].${field}`, messageZh: zh, messageEn: en });
  // A project still in preparation or procurement (no contract yet) has no government obligations to judge: pending.
  if (arr(r['contracts']).length === 0) return { ok: true, project: null, notices };
  // PPP dates (obligations' due dates, the term) may lie ahead.
  const date = (field: string, v: unknown, required: boolean) => readDate(field, v, required, true);
  const past = (field: string, d: string | null) => {
    if (d && d > today) fail(field, `日期不能晚于今天：${d}`, `date is in the future: ${d}`);
    return d;
  };
  const money = (field: string, v: unknown): number | null => {
    if (v === undefined || v === null) return null;
    const amount = obj(v)?.['amount'];
    if (typeof amount !== 'number' || !Number.isFinite(amount) || amount < 0) {
      fail(`${field}.amount`, '金额须为非负数', 'amount must be a non-negative number');
      return null;
    }
    if (obj(v)?.['currency'] !== undefined && obj(v)?.['currency'] !== 'CNY')
      fail(`${field}.currency`, '币种须为CNY', 'currency must be CNY');
    return Math.round(amount * 100);
  };
  const parties = arr(r['parties'])
    .map(obj)
    .filter((p): p is Json => p !== null);
  const withRole = (...roles: string[]) =>
    parties.findIndex((p) => arr(p['roles']).some((x) => roles.includes(String(x))));
  const bi = withRole('buyer', 'procuringEntity');
  const pi = withRole('privateParty', 'supplier');
  if (bi < 0) fail('parties', '缺少角色为buyer（实施机构）的参与方', 'no party with role buyer');
  const buyerUscc = bi < 0 ? null : ocdsPartyUscc(parties, bi, fail, notice, '实施机构');
  if (pi < 0) fail('parties', '缺少角色为privateParty或supplier（社会资本方）的参与方', 'no private party');
  const partnerUscc = pi < 0 ? null : ocdsPartyUscc(parties, pi, fail, notice, '社会资本方');
  const planning = obj(obj(r['planning'])?.['project']);
  const k = obj(arr(r['contracts'])[0]);
  if (!k) fail('contracts', '缺少合同信息（contracts）', 'contracts are missing');
  const mechanism = str(k?.['paymentMechanism']);
  if (!mechanism || !(PAYMENT_MECHANISMS as readonly string[]).includes(mechanism))
    fail(
      'contracts[0].paymentMechanism',
      `回报机制须为${PAYMENT_MECHANISMS.join('、')}之一`,
      `paymentMechanism must be one of ${PAYMENT_MECHANISMS.join(', ')}`,
    );
  const agreementDate = past('contracts[0].dateSigned', date('contracts[0].dateSigned', k?.['dateSigned'], false));
  const startDate =
    past(
      'tender.tenderPeriod.startDate',
      date('tender.tenderPeriod.startDate', obj(obj(r['tender'])?.['tenderPeriod'])?.['startDate'], false),
    ) ?? agreementDate;
  if (!startDate && errors.length === 0)
    fail('tender.tenderPeriod.startDate', '缺少项目发起日期（tenderPeriod.startDate或dateSigned）', 'no start date');
  const period = obj(k?.['period']);
  const days = typeof period?.['durationInDays'] === 'number' ? period['durationInDays'] : null;
  const pStart = date('contracts[0].period.startDate', period?.['startDate'], false);
  const pEnd = date('contracts[0].period.endDate', period?.['endDate'], false);
  const termYears = days
    ? Math.round(days / 365)
    : pStart && pEnd
      ? Number(pEnd.slice(0, 4)) - Number(pStart.slice(0, 4))
      : 0;
  if (!(termYears >= 1 && termYears <= 50))
    fail(
      'contracts[0].period',
      '合作期限须为1至50年（period.durationInDays或startDate/endDate）',
      'the term must be 1–50 years',
    );
  const risks = arr(k?.['riskAllocation'])
    .map(obj)
    .map((x, i) => {
      const allocation = str(x?.['allocation']) ?? '';
      if (!(RISK_ALLOCATIONS as readonly string[]).includes(allocation))
        fail(
          `contracts[0].riskAllocation[${i}].allocation`,
          '风险分配须为public、private或shared',
          'allocation must be public, private or shared',
        );
      return {
        id: String(x?.['id'] ?? i + 1),
        category: str(x?.['category']) ?? '未分类',
        allocation,
        description: str(x?.['description']) ?? '',
        mitigation: str(x?.['mitigation']),
      };
    });
  // Every contract's government obligations (its milestones) and performance failures, each kept with its contract:
  // the project agreement (contracts[0]) as '', every other contract by its id.
  const partsOf = (c: Json | null, j: number, contractSourceId: string) => {
    const at = `contracts[${j}]`;
    const milestones = [
      ...arr(c?.['milestones']).map((m, i) => ({ m: obj(m), field: `${at}.milestones[${i}]` })),
      ...arr(obj(c?.['implementation'])?.['milestones']).map((m, i) => ({
        m: obj(m),
        field: `${at}.implementation.milestones[${i}]`,
      })),
    ];
    const obligations = milestones.flatMap(({ m, field }) => {
      const kind = str(m?.['code']);
      if (!kind || !(OBLIGATION_KINDS as readonly string[]).includes(kind)) return [];
      const amountFen = money(`${field}.value`, m?.['value']);
      if (kind === 'payment' && !amountFen)
        fail(`${field}.value.amount`, '付费义务须有金额', 'a payment needs an amount');
      const sourceId = str(m?.['id']) ?? (fail(`${field}.id`, '里程碑缺少编号', 'milestone id is missing'), '');
      return [
        {
          sourceId,
          contractSourceId,
          kind,
          description: str(m?.['title']) ?? str(m?.['description']) ?? kind,
          dueDate: date(`${field}.dueDate`, m?.['dueDate'], true) ?? '',
          amountFen,
          metOn: past(`${field}.dateMet`, date(`${field}.dateMet`, m?.['dateMet'], false)),
        },
      ];
    });
    const failures = arr(obj(c?.['implementation'])?.['performanceFailures'])
      .map(obj)
      .map((f, i) => {
        const field = `${at}.implementation.performanceFailures[${i}]`;
        const per = obj(f?.['period']);
        return {
          sourceId: str(f?.['id']) ?? (fail(`${field}.id`, '缺少编号', 'id is missing'), ''),
          contractSourceId,
          category: str(f?.['category']) ?? (fail(`${field}.category`, '缺少类别', 'category is missing'), ''),
          periodStart: date(`${field}.period.startDate`, per?.['startDate'], true) ?? '',
          periodEnd: date(`${field}.period.endDate`, per?.['endDate'], true) ?? '',
          events:
            typeof f?.['events'] === 'number' && f['events'] >= 1
              ? Math.floor(f['events'])
              : (fail(`${field}.events`, '次数须为正整数', 'events must be a positive integer'), 0),
          penaltyContracted: str(f?.['penaltyContracted']),
          penaltyImposed: str(f?.['penaltyImposed']),
          penaltyPaid: f?.['penaltyPaid'] === true,
        };
      });
    return { obligations, failures };
  };
  const main = partsOf(k, 0, '');
  const obligations = [...main.obligations];
  const failures = [...main.failures];
  // The other contracts (supplementary or related agreements): stored by id with their own terms; their obligations
  // are judged like the agreement's. A cancelled contract is stored as such and carries no obligations.
  const contracts: ParsedProject['contracts'] = [];
  arr(r['contracts']).forEach((raw, j) => {
    if (j === 0) return;
    const c = obj(raw);
    const at = `contracts[${j}]`;
    const rawId = c?.['id'];
    const sourceId = typeof rawId === 'string' || typeof rawId === 'number' ? String(rawId).trim() : '';
    if (!sourceId) fail(`${at}.id`, '合同缺少编号', 'the contract id is missing');
    else if (contracts.some((x) => x.sourceId === sourceId))
      fail(`${at}.id`, `合同编号重复：${sourceId}`, `duplicate contract id ${sourceId}`);
    const status = str(c?.['status']) ?? 'active';
    if (!['pending', 'active', 'cancelled', 'terminated'].includes(status))
      fail(`${at}.status`, `合同状态须为pending、active、cancelled或terminated：${status}`, 'not a contract status');
    const mech = str(c?.['paymentMechanism']);
    if (mech && !(PAYMENT_MECHANISMS as readonly string[]).includes(mech))
      fail(
        `${at}.paymentMechanism`,
        `回报机制须为${PAYMENT_MECHANISMS.join('、')}之一`,
        `paymentMechanism must be one of ${PAYMENT_MECHANISMS.join(', ')}`,
      );
    const per = obj(c?.['period']);
    const d = typeof per?.['durationInDays'] === 'number' ? per['durationInDays'] : null;
    const term = d ? Math.round(d / 365) : null;
    if (term !== null && !(term >= 1 && term <= 50))
      fail(`${at}.period`, '合作期限须为1至50年', 'the term must be 1–50 years');
    contracts.push({
      sourceId,
      title: (str(c?.['title']) ?? sourceId).slice(0, 300),
      status: status as ParsedProject['contracts'][number]['status'],
      dateSigned: past(`${at}.dateSigned`, date(`${at}.dateSigned`, c?.['dateSigned'], false)),
      paymentMechanism: (mech as ParsedProject['contracts'][number]['paymentMechanism']) ?? null,
      termYears: term,
    });
    if (status === 'cancelled') {
      if (arr(c?.['milestones']).length || arr(obj(c?.['implementation'])?.['milestones']).length)
        notice(at, '合同已取消，其所列义务不予登记和判断', 'the contract is cancelled: its obligations are not stored');
      return;
    }
    const parts = partsOf(c, j, sourceId);
    obligations.push(...parts.obligations);
    failures.push(...parts.failures);
  });
  if (errors.length > 0) return { ok: false, errors };
  const status = str(k!['status']);
  return {
    ok: true,
    project: {
      index,
      ocid: ocid!,
      buyerUscc: buyerUscc!,
      name: (str(planning?.['title']) ?? str(k!['title']) ?? ocid!).slice(0, 300),
      sector: (str(planning?.['sector']) ?? '未注明').slice(0, 100),
      partnerName: (str(parties[pi]!['name']) ?? partnerUscc!).slice(0, 200),
      partnerUscc: partnerUscc!,
      phase: status === 'terminated' ? 'handover' : status === 'active' || agreementDate ? 'execution' : 'procurement',
      paymentMechanism: mechanism!,
      startDate: startDate!,
      agreementDate,
      termYears,
      risks,
      obligations,
      failures,
      contracts,
    },
    notices,
  };
}

/** JSON with sorted keys (jsonb stores keys in its own order), for "did anything change". */
const canonical = (v: unknown): string =>
  JSON.stringify(v ?? null, (_k, x: unknown) =>
    x && typeof x === 'object' && !Array.isArray(x)
      ? Object.fromEntries(Object.entries(x).sort(([a], [b]) => a.localeCompare(b)))
      : x,
  );

export async function importOcds(
  s: PluginServices,
  db: Queryable,
  pkg: Json,
  enabled: (orgId: string) => Promise<boolean>,
) {
  return importOcdsPackage<ParsedProject>(s, db, pkg, {
    parse: (raw, index, today) => {
      const r = parseRelease(raw, index, today);
      return r.ok ? { ok: true, value: r.project, notices: r.notices } : r;
    },
    enabled,
    buyerRole: { zh: '实施机构', en: 'body' },
    pluginName: { zh: 'PPP插件', en: 'the PPP plugin' },
    write: (p, buyer) =>
      s.write(async (tx, audit) => {
        const [existing] = await rows<Record<string, unknown> & { id: string; orgId: string }>(
          tx,
          sql`
        select id::text, org_id::text as "orgId", name, sector, partner_name as "partnerName", partner_uscc as "partnerUscc", phase, payment_mechanism as "paymentMechanism",
          start_date::text as "startDate", agreement_date::text as "agreementDate", term_years as "termYears", risks
        from ppp.project where ocid = ${p.ocid} for update`,
        );
        if (existing && existing.orgId !== buyer.id)
          throw new OcdsReleaseRefused('ocid', 'ocid已属于其他实施机构', 'the ocid belongs to another body');
        const id = existing?.id ?? newId();
        const fields = {
          orgId: buyer.id,
          name: p.name,
          sector: p.sector,
          partnerName: p.partnerName,
          partnerUscc: p.partnerUscc,
          phase: p.phase,
          paymentMechanism: p.paymentMechanism,
          startDate: p.startDate,
          agreementDate: p.agreementDate,
          termYears: p.termYears,
          risks: p.risks,
        };
        const changed = existing
          ? Object.keys(fields).filter(
              (k) =>
                canonical(fields[k as keyof typeof fields]) !==
                canonical(k === 'risks' ? jsonValue(existing[k]) : existing[k]),
            )
          : [];
        if (existing && changed.length > 0)
          await tx
            .update(project)
            .set({ ...fields, updatedAt: sql`now()` as never })
            .where(sql`id = ${id}`);
        else if (!existing)
          await tx.insert(project).values({ id, ocid: p.ocid, ...fields, createdBy: s.actor?.id ?? null });
        // Obligations, fulfilments and failures are added by their OCDS ids; what is already there is kept.
        let added = 0;
        for (const o of p.obligations) {
          added += (
            await tx
              .insert(obligation)
              .values({
                id: newId(),
                projectId: id,
                kind: o.kind,
                description: o.description,
                dueDate: o.dueDate,
                amountFen: o.amountFen,
                sourceId: o.sourceId,
                contractSourceId: o.contractSourceId,
                createdBy: s.actor?.id ?? null,
              })
              .onConflictDoNothing()
              .returning({ id: obligation.id })
          ).length;
          if (!o.metOn) continue;
          const [ob] = await rows<{ id: string }>(
            tx,
            sql`select id::text from ppp.obligation where project_id = ${id} and contract_source_id = ${o.contractSourceId} and source_id = ${o.sourceId}`,
          );
          added += (
            await tx
              .insert(fulfilment)
              .values({
                id: newId(),
                obligationId: ob!.id,
                fulfilledOn: o.metOn,
                amountFen: o.kind === 'payment' ? o.amountFen : null,
                note: `OCDS ${o.sourceId}`,
                sourceId: o.sourceId,
                createdBy: s.actor?.id ?? null,
              })
              .onConflictDoNothing()
              .returning({ id: fulfilment.id })
          ).length;
        }
        for (const f of p.failures)
          added += (
            await tx
              .insert(performanceFailure)
              .values({ id: newId(), projectId: id, ...f, createdBy: s.actor?.id ?? null })
              .onConflictDoNothing()
              .returning({ id: performanceFailure.id })
          ).length;
        // The other contracts, by their ids, as the compiled release has them.
        const storedContracts = existing
          ? await rows<ParsedProject['contracts'][number]>(
              tx,
              sql`select source_id as "sourceId", title, status, date_signed::text as "dateSigned", payment_mechanism as "paymentMechanism", term_years as "termYears"
              from ppp.project_contract where project_id = ${id}`,
            )
          : [];
        const contractChanges = p.contracts.filter((c) => {
          const k = storedContracts.find((x) => x.sourceId === c.sourceId);
          return !k || canonical(k) !== canonical(c);
        });
        for (const c of contractChanges) {
          const { sourceId, ...values } = c;
          await tx
            .insert(projectContract)
            .values({ id: newId(), projectId: id, sourceId, ...values, createdBy: s.actor?.id ?? null })
            .onConflictDoUpdate({ target: [projectContract.projectId, projectContract.sourceId], set: values });
        }
        added += contractChanges.length;
        if (existing && changed.length === 0 && added > 0)
          await tx
            .update(project)
            .set({ updatedAt: sql`now()` as never })
            .where(sql`id = ${id}`);
        if (existing && changed.length === 0 && added === 0) return { imported: 0, updated: 0, unchanged: 1 };
        await audit(existing ? 'ppp.project.update_from_ocds' : 'ppp.project.import_ocds', 'ppp.project', id, {
          ocid: p.ocid,
          changed,
          obligations: p.obligations.map((o) => o.sourceId),
          failures: p.failures.map((f) => f.sourceId),
          contracts: contractChanges.map((c) => ({
            ...c,
            before: storedContracts.find((x) => x.sourceId === c.sourceId) ?? null,
          })),
        });
        return existing ? { imported: 0, updated: 1, unchanged: 0 } : { imported: 1, updated: 0, unchanged: 0 };
      }),
  });
}
