/**
 * Import of tenders from OCDS release or record packages — the tender and award sections: parties (buyer = tenderer
 * by CN-USCC; procuringEntity = the tendering agency, linked when registered), tender.procurementMethod (open →
 * open; selective/limited → invited), tender.tenderPeriod (startDate = documents issued, endDate = bid deadline),
 * tender.amendments (clarifications affecting bids), awards[0].date (award notice), contracts[0].dateSigned; our
 * fields tender.mustTender / tender.openRequired (defaults true / false). Each release is one transaction, imported
 * whole or not at all; errors name the path of the bad field. Re-importing an ocid fills dates not yet recorded.
 */
import {
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
import { checkDateOrder } from '../contract';
import { clarification, lot, tender } from './schema';

type Json = Record<string, unknown>;
type ReleaseError = OcdsReleaseError;

const obj = ocdsObject;
const arr = ocdsArray;
const str = ocdsString;

export interface ParsedTender {
  index: number;
  ocid: string;
  buyerUscc: string;
  agencyUscc: string | null;
  project: string;
  method: 'open' | 'invited';
  mustTender: boolean;
  openRequired: boolean;
  estimateFen: number | null;
  issueDate: string;
  bidDeadline: string;
  awardNoticeDate: string | null;
  contractDate: string | null;
  amendments: { sourceId: string; issuedOn: string; summary: string }[];
  /** The lots (OCDS lots extension: tender.lots, awards[].relatedLots), each with its own award notice and contract. */
  lots: ParsedLot[];
  /** Inputs OCDS cannot carry (the written report; must-tender status unless our extension says it): judged "unknown". */
  unknownFacts: string[];
}

export interface ParsedLot {
  sourceId: string;
  title: string;
  status: 'active' | 'cancelled';
  estimateFen: number | null;
  awardNoticeDate: string | null;
  contractDate: string | null;
}

type DateReader = (field: string, v: unknown, required: boolean, future?: boolean) => string | null;

/**
 * The lots of a tender in lots: each lot's award notice is the earliest active award naming it in `relatedLots` (an
 * award without `relatedLots` belongs to the only lot, or is a notice when there are several), its contract date the
 * earliest non-cancelled contract of that award. A lot cancelled, unsuccessful or withdrawn starts no clock.
 */
function parseLots(
  t: Json | null,
  awards: (Json | null)[],
  contracts: (Json | null)[],
  h: {
    fail: (field: string, zh: string, en: string) => void;
    notice: (field: string, zh: string, en: string) => void;
    date: DateReader;
    awarded: (a: Json | null) => unknown;
    contractFor: (awardId: unknown) => { ci: number; day: string } | null;
    issueDate: string | null;
    bidDeadline: string | null;
  },
): ParsedLot[] {
  const lots: (ParsedLot & { ai: number; ci: number })[] = [];
  arr(t?.['lots'])
    .map(obj)
    .forEach((l, i) => {
      const raw = l?.['id'];
      const sourceId = typeof raw === 'string' || typeof raw === 'number' ? String(raw).trim() : '';
      if (!sourceId) h.fail(`tender.lots[${i}].id`, '标段缺少编号', 'the lot id is missing');
      else if (lots.some((x) => x.sourceId === sourceId))
        h.fail(`tender.lots[${i}].id`, `标段编号重复：${sourceId}`, `duplicate lot id ${sourceId}`);
      const value = obj(l?.['value']);
      lots.push({
        sourceId,
        title: (str(l?.['title']) ?? `标段${sourceId}`).slice(0, 300),
        status: ['cancelled', 'unsuccessful', 'withdrawn'].includes(str(l?.['status']) ?? '') ? 'cancelled' : 'active',
        estimateFen:
          typeof value?.['amount'] === 'number' && value['amount'] >= 0 ? Math.round(value['amount'] * 100) : null,
        awardNoticeDate: null,
        contractDate: null,
        ai: -1,
        ci: -1,
      });
    });
  if (lots.length === 0) return [];
  awards.forEach((a, i) => {
    if (!h.awarded(a)) return;
    const related = arr(a!['relatedLots']).map((x) => String(x));
    related.forEach((id, j) => {
      if (!lots.some((l) => l.sourceId === id))
        h.fail(`awards[${i}].relatedLots[${j}]`, `中标结果所属标段不存在：${id}`, `names no lot: ${id}`);
    });
    if (related.length === 0 && lots.length > 1) {
      h.notice(
        `awards[${i}].relatedLots`,
        '分标段招标的中标结果未注明所属标段（relatedLots），未按标段判断',
        'the award names no lot (relatedLots) and is not judged per lot',
      );
      return;
    }
    const day = h.date(`awards[${i}].date`, a!['date'], false);
    if (!day) return;
    const contract = h.contractFor(a!['id']);
    for (const l of lots.filter((x) => (related.length ? related.includes(x.sourceId) : true))) {
      if (l.awardNoticeDate && l.awardNoticeDate <= day) continue;
      Object.assign(l, { awardNoticeDate: day, ai: i, contractDate: contract?.day ?? null, ci: contract?.ci ?? -1 });
    }
  });
  for (const l of lots)
    checkDateOrder(
      {
        issueDate: h.issueDate,
        bidDeadline: h.bidDeadline,
        awardNoticeDate: l.awardNoticeDate,
        contractDate: l.contractDate,
      },
      (path, zh, en) =>
        h.fail(
          path === 'contractDate'
            ? `contracts[${l.ci}].dateSigned`
            : path === 'bidDeadline'
              ? 'tender.tenderPeriod.endDate'
              : `awards[${l.ai}].date`,
          `标段“${l.title}”：${zh}`,
          `lot ${l.sourceId}: ${en}`,
        ),
    );
  return lots;
}

export function parseRelease(
  raw: unknown,
  index: number,
  today: string,
): { ok: true; tender: ParsedTender | null; notices: ReleaseError[] } | { ok: false; errors: ReleaseError[] } {
  const { release: r, ocid, errors, fail, date: readDate } = ocdsReleaseReader(raw, index, today);
  if (!r) return { ok: false, errors };
  const notices: ReleaseError[] = [];
  const notice = (field: string, zh: string, en: string) =>
    notices.push({ index, ocid, field: `releases[${index}].${field}`, messageZh: zh, messageEn: en });
  const date = readDate;
  const parties = arr(r['parties'])
    .map(obj)
    .filter((p): p is Json => p !== null);
  const usccOf = (p: Json | undefined) => {
    const i = obj(p?.['identifier']);
    return typeof i?.['id'] === 'string' && (i['scheme'] === 'CN-USCC' || i['scheme'] === undefined) ? i['id'] : null;
  };
  const bi = parties.findIndex((p) => arr(p['roles']).includes('buyer'));
  const agency = parties.find((p, i) => i !== bi && arr(p['roles']).includes('procuringEntity'));
  if (bi < 0) fail('parties', '缺少角色为buyer（招标人）的参与方', 'no party with role buyer');
  const buyerUscc = bi < 0 ? null : ocdsPartyUscc(parties, bi, fail, notice, '招标人');
  const t = obj(r['tender']);
  // A planning stage, or a tender not yet issued, has nothing to judge yet: pending, not an error.
  if (!t || (!obj(t['tenderPeriod']) && ['planning', 'planned'].includes(str(t['status']) ?? 'planning')))
    return errors.length > 0 ? { ok: false, errors } : { ok: true, tender: null, notices };
  const period = obj(t?.['tenderPeriod']);
  const issueDate = date('tender.tenderPeriod.startDate', period?.['startDate'], true);
  const bidDeadline = date('tender.tenderPeriod.endDate', period?.['endDate'], true, true);
  const m = str(t?.['procurementMethod']);
  if (m && !['open', 'selective', 'limited'].includes(m))
    fail(
      'tender.procurementMethod',
      `招标方式须为open、selective或limited：${m}`,
      'procurementMethod must be open, selective or limited',
    );
  const value = obj(t?.['value']);
  const estimateFen =
    typeof value?.['amount'] === 'number' && value['amount'] >= 0 ? Math.round(value['amount'] * 100) : null;
  const awards = arr(r['awards']).map(obj);
  const contracts = arr(r['contracts']).map(obj);
  const awarded = (a: Json | null) => a && !['cancelled', 'unsuccessful', 'pending'].includes(str(a['status']) ?? '');
  // The earliest non-cancelled contract signed for an award answers its 30-day clock.
  const contractFor = (awardId: unknown) => {
    let best: { ci: number; day: string } | null = null;
    contracts.forEach((c, ci) => {
      if (!c || String(c['awardID']) !== String(awardId) || str(c['status']) === 'cancelled') return;
      const day = date(`contracts[${ci}].dateSigned`, c['dateSigned'], false);
      if (day && (!best || day < best.day)) best = { ci, day };
    });
    return best as { ci: number; day: string } | null;
  };
  const lots = parseLots(t, awards, contracts, { fail, notice, date, awarded, contractFor, issueDate, bidDeadline });
  // Without lots, the first active award starts the 30-day contract clock and its contracts answer it; cancelled or
  // unsuccessful awards start nothing. With lots, each lot has its own clock (parseLots); the tender's award notice is
  // the earliest lot's (the written report's clock, 法 §47).
  let ai = -1;
  let ci = -1;
  let awardNoticeDate: string | null = null;
  let contractDate: string | null = null;
  if (lots.length === 0) {
    ai = awards.findIndex(awarded);
    const award = awards[ai];
    awardNoticeDate = award ? date(`awards[${ai}].date`, award['date'], false) : null;
    ci = award
      ? contracts.findIndex(
          (c) => c && String(c['awardID']) === String(award['id']) && str(c['status']) !== 'cancelled',
        )
      : -1;
    contractDate = ci >= 0 ? date(`contracts[${ci}].dateSigned`, contracts[ci]!['dateSigned'], false) : null;
  } else {
    const first = lots
      .filter((l) => l.status === 'active' && l.awardNoticeDate)
      .sort((a, b) => a.awardNoticeDate!.localeCompare(b.awardNoticeDate!))[0];
    awardNoticeDate = first?.awardNoticeDate ?? null;
    contractDate = first?.contractDate ?? null;
  }
  const amendments = arr(t?.['amendments'])
    .map(obj)
    .map((a, i) => ({
      sourceId: str(a?.['id']) ?? (fail(`tender.amendments[${i}].id`, '修改缺少编号', 'amendment id is missing'), ''),
      issuedOn: date(`tender.amendments[${i}].date`, a?.['date'], true) ?? '',
      summary: (str(a?.['description']) ?? str(a?.['rationale']) ?? '招标文件修改').slice(0, 1000),
    }));
  const dates = { issueDate, bidDeadline, awardNoticeDate, contractDate };
  if (lots.length === 0)
    checkDateOrder(dates, (path, zh, en) =>
      fail(
        path === 'bidDeadline'
          ? 'tender.tenderPeriod.endDate'
          : path === 'contractDate'
            ? `contracts[${ci}].dateSigned`
            : `awards[${ai}].date`,
        zh,
        en,
      ),
    );
  amendments.forEach((a, i) => {
    if (issueDate && bidDeadline && a.issuedOn && (a.issuedOn < issueDate || a.issuedOn > bidDeadline))
      fail(
        `tender.amendments[${i}].date`,
        '修改日期须在招标期间内',
        'the amendment must fall within the tender period',
      );
  });
  if (errors.length > 0) return { ok: false, errors };
  return {
    ok: true,
    tender: {
      index,
      ocid: ocid!,
      buyerUscc: buyerUscc!,
      agencyUscc: usccOf(agency),
      project: (str(t!['title']) ?? ocid!).slice(0, 300),
      method: m === 'selective' || m === 'limited' ? 'invited' : 'open',
      mustTender: t!['mustTender'] !== false,
      openRequired: t!['openRequired'] === true,
      estimateFen,
      issueDate: issueDate!,
      bidDeadline: bidDeadline!,
      awardNoticeDate,
      contractDate,
      amendments,
      lots: lots.map(({ sourceId, title, status, estimateFen, awardNoticeDate: a, contractDate: c }) => ({
        sourceId,
        title,
        status,
        estimateFen,
        awardNoticeDate: a,
        contractDate: c,
      })),
      unknownFacts: [
        ...(typeof t!['mustTender'] === 'boolean' ? [] : ['mustTender']),
        'reportDate',
        // No contracts section at all: the publisher did not publish the contracting stage, which is not "not signed".
        ...(awardNoticeDate && !Array.isArray(r['contracts']) ? ['contractDate'] : []),
      ],
    },
    notices,
  };
}

export async function importOcds(
  s: PluginServices,
  db: Queryable,
  pkg: Json,
  enabled: (orgId: string) => Promise<boolean>,
) {
  return importOcdsPackage<ParsedTender>(s, db, pkg, {
    parse: (raw, index, today) => {
      const r = parseRelease(raw, index, today);
      return r.ok ? { ok: true, value: r.tender, notices: r.notices } : r;
    },
    enabled,
    buyerRole: { zh: '招标人', en: 'tenderer' },
    pluginName: { zh: '招标投标插件', en: 'the bidding plugin' },
    write: (p, buyer) =>
      s.write(async (tx, audit) => {
        const [agencyRow] = p.agencyUscc
          ? await rows<{ id: string }>(tx, sql`select id::text from bidding.agency where uscc = ${p.agencyUscc}`)
          : [];
        const [existing] = await rows<
          Record<string, unknown> & {
            id: string;
            orgId: string;
            awardNoticeDate: string | null;
            contractDate: string | null;
          }
        >(
          tx,
          sql`
        select id::text, org_id::text as "orgId", project, method, must_tender as "mustTender", open_required as "openRequired", estimate_fen::bigint as "estimateFen",
          agency_id::text as "agencyId", issue_date::text as "issueDate", bid_deadline::text as "bidDeadline", award_notice_date::text as "awardNoticeDate",
          contract_date::text as "contractDate", unknown_facts as "unknownFacts"
        from bidding.tender where ocid = ${p.ocid} for update`,
        );
        if (existing && existing.orgId !== buyer.id)
          throw new OcdsReleaseRefused('ocid', 'ocid已属于其他招标人', 'the ocid belongs to another tenderer');
        const id = existing?.id ?? newId();
        const fields: Record<string, unknown> = {
          project: p.project,
          method: p.method,
          mustTender: p.mustTender,
          openRequired: p.openRequired,
          estimateFen: p.estimateFen,
          agencyId: agencyRow?.id ?? null,
          issueDate: p.issueDate,
          bidDeadline: p.bidDeadline,
          unknownFacts: p.unknownFacts,
        };
        // The compiled release is the process as it stands: an amendment that moved the bid deadline moves it here too
        // (audited before/after). Award and contract dates an officer recorded are never rewritten; missing ones are filled.
        const later = {
          ...(p.awardNoticeDate && !existing?.awardNoticeDate ? { awardNoticeDate: p.awardNoticeDate } : {}),
          ...(p.contractDate && !existing?.contractDate ? { contractDate: p.contractDate } : {}),
        };
        const norm = (k: string, v: unknown) =>
          JSON.stringify(k === 'estimateFen' && v !== null && v !== undefined ? Number(v) : (v ?? null));
        const changed = existing ? Object.keys(fields).filter((k) => norm(k, fields[k]) !== norm(k, existing[k])) : [];
        const known = existing
          ? await rows<{ sourceId: string }>(
              tx,
              sql`select source_id as "sourceId" from bidding.clarification where tender_id = ${id} and source_id is not null`,
            )
          : [];
        const added = p.amendments.filter((a) => !known.some((k) => k.sourceId === a.sourceId));
        // Lots are kept as the compiled release has them, by their ids (a lot no longer sent is kept: nothing is deleted).
        const storedLots = existing
          ? await rows<ParsedLot>(
              tx,
              sql`select source_id as "sourceId", title, status, estimate_fen::bigint as "estimateFen", award_notice_date::text as "awardNoticeDate",
                contract_date::text as "contractDate" from bidding.lot where tender_id = ${id}`,
            )
          : [];
        const lotKey = (l: ParsedLot) =>
          JSON.stringify([
            l.title,
            l.status,
            l.estimateFen === null ? null : Number(l.estimateFen),
            l.awardNoticeDate,
            l.contractDate,
          ]);
        const lotChanges = p.lots.filter((l) => {
          const k = storedLots.find((x) => x.sourceId === l.sourceId);
          return !k || lotKey(k) !== lotKey(l);
        });
        if (
          existing &&
          changed.length === 0 &&
          Object.keys(later).length === 0 &&
          added.length === 0 &&
          lotChanges.length === 0
        )
          return { imported: 0, updated: 0, unchanged: 1 };
        if (existing)
          await tx
            .update(tender)
            .set({
              ...Object.fromEntries(changed.map((k) => [k, fields[k]])),
              ...later,
              updatedAt: sql`now()` as never,
            })
            .where(sql`id = ${id}`);
        else
          await tx.insert(tender).values({
            id,
            orgId: buyer.id,
            ocid: p.ocid,
            ...(fields as Omit<typeof tender.$inferInsert, 'id' | 'orgId'>),
            ...later,
            createdBy: s.actor?.id ?? null,
          });
        for (const a of added)
          await tx
            .insert(clarification)
            .values({
              id: newId(),
              tenderId: id,
              issuedOn: a.issuedOn,
              affectsBids: true,
              summary: a.summary,
              sourceId: a.sourceId,
              createdBy: s.actor?.id ?? null,
            })
            .onConflictDoNothing();
        for (const l of lotChanges) {
          const values = {
            title: l.title,
            status: l.status,
            estimateFen: l.estimateFen,
            awardNoticeDate: l.awardNoticeDate,
            contractDate: l.contractDate,
          };
          await tx
            .insert(lot)
            .values({ id: newId(), tenderId: id, sourceId: l.sourceId, ...values, createdBy: s.actor?.id ?? null })
            .onConflictDoUpdate({ target: [lot.tenderId, lot.sourceId], set: values });
        }
        if (existing && lotChanges.length > 0 && changed.length === 0 && Object.keys(later).length === 0)
          await tx
            .update(tender)
            .set({ updatedAt: sql`now()` as never })
            .where(sql`id = ${id}`);
        await audit(existing ? 'bidding.tender.update_from_ocds' : 'bidding.tender.import_ocds', 'bidding.tender', id, {
          ocid: p.ocid,
          ...later,
          changed,
          before: existing ? Object.fromEntries(changed.map((k) => [k, existing[k]])) : null,
          after: Object.fromEntries(changed.map((k) => [k, fields[k]])),
          amendments: added.map((a) => a.sourceId),
          lots: lotChanges.map((l) => ({
            ...l,
            before: storedLots.find((x) => x.sourceId === l.sourceId) ?? null,
          })),
        });
        return existing ? { imported: 0, updated: 1, unchanged: 0 } : { imported: 1, updated: 0, unchanged: 0 };
      }),
  });
}
