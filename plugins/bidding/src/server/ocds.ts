/**
 * Import of tenders from OCDS release or record packages — the tender and award sections: parties (buyer = tenderer
 * by CN-USCC; procuringEntity = the tendering agency, linked when registered), tender.procurementMethod (open →
 * open; selective/limited → invited), tender.tenderPeriod (startDate = documents issued, endDate = bid deadline),
 * tender.amendments (clarifications affecting bids), awards[0].date (award notice), contracts[0].dateSigned; our
 * fields tender.mustTender / tender.openRequired (defaults true / false). Each release is one transaction, imported
 * whole or not at all; errors name the path of the bad field. Re-importing an ocid fills dates not yet recorded.
 */
import { newId, rows, sql, type PluginServices, type Queryable, importOcdsPackage, OcdsReleaseRefused, type OcdsReleaseError, ocdsReleaseReader, ocdsObject, ocdsArray, ocdsString } from '@chengxin/plugin-sdk';
import { checkDateOrder } from '../contract';
import { clarification, tender } from './schema';

type Json = Record<string, unknown>;
type ReleaseError = OcdsReleaseError;

const obj = ocdsObject;
const arr = ocdsArray;
const str = ocdsString;


export interface ParsedTender {
  index: number; ocid: string; buyerUscc: string; agencyUscc: string | null; project: string; method: 'open' | 'invited'; mustTender: boolean; openRequired: boolean;
  estimateFen: number | null; issueDate: string; bidDeadline: string; awardNoticeDate: string | null; contractDate: string | null;
  amendments: { sourceId: string; issuedOn: string; summary: string }[];
}

export function parseRelease(raw: unknown, index: number, today: string): { ok: true; tender: ParsedTender } | { ok: false; errors: ReleaseError[] } {
  const { release: r, ocid, errors, fail, date: readDate } = ocdsReleaseReader(raw, index, today);
  if (!r) return { ok: false, errors };
  const date = readDate;
  const parties = arr(r['parties']).map(obj).filter((p): p is Json => p !== null);
  const usccOf = (p: Json | undefined) => { const i = obj(p?.['identifier']); return typeof i?.['id'] === 'string' && (i['scheme'] === 'CN-USCC' || i['scheme'] === undefined) ? i['id'] : null; };
  const bi = parties.findIndex((p) => arr(p['roles']).includes('buyer'));
  const agency = parties.find((p, i) => i !== bi && arr(p['roles']).includes('procuringEntity'));
  if (bi < 0) fail('parties', '缺少角色为buyer（招标人）的参与方', 'no party with role buyer');
  else if (!usccOf(parties[bi])) fail(`parties[${bi}].identifier.id`, '招标人缺少统一社会信用代码（scheme为CN-USCC）', 'the buyer needs a CN-USCC identifier');
  const t = obj(r['tender']);
  if (!t) fail('tender', '缺少招标信息（tender）', 'tender is missing');
  const period = obj(t?.['tenderPeriod']);
  const issueDate = date('tender.tenderPeriod.startDate', period?.['startDate'], true);
  const bidDeadline = date('tender.tenderPeriod.endDate', period?.['endDate'], true, true);
  const m = str(t?.['procurementMethod']);
  if (m && !['open', 'selective', 'limited'].includes(m)) fail('tender.procurementMethod', `招标方式须为open、selective或limited：${m}`, 'procurementMethod must be open, selective or limited');
  const value = obj(t?.['value']);
  const estimateFen = typeof value?.['amount'] === 'number' && value['amount'] >= 0 ? Math.round(value['amount'] * 100) : null;
  const awardNoticeDate = date('awards[0].date', obj(arr(r['awards'])[0])?.['date'], false);
  const contractDate = date('contracts[0].dateSigned', obj(arr(r['contracts'])[0])?.['dateSigned'], false);
  const amendments = arr(t?.['amendments']).map(obj).map((a, i) => ({
    sourceId: str(a?.['id']) ?? (fail(`tender.amendments[${i}].id`, '修改缺少编号', 'amendment id is missing'), ''),
    issuedOn: date(`tender.amendments[${i}].date`, a?.['date'], true) ?? '',
    summary: (str(a?.['description']) ?? str(a?.['rationale']) ?? '招标文件修改').slice(0, 1000),
  }));
  const dates = { issueDate, bidDeadline, awardNoticeDate, contractDate };
  checkDateOrder(dates, (path, zh, en) => fail(path === 'bidDeadline' ? 'tender.tenderPeriod.endDate' : path === 'contractDate' ? 'contracts[0].dateSigned' : 'awards[0].date', zh, en));
  amendments.forEach((a, i) => { if (issueDate && bidDeadline && a.issuedOn && (a.issuedOn < issueDate || a.issuedOn > bidDeadline)) fail(`tender.amendments[${i}].date`, '修改日期须在招标期间内', 'the amendment must fall within the tender period'); });
  if (errors.length > 0) return { ok: false, errors };
  return {
    ok: true,
    tender: {
      index, ocid: ocid!, buyerUscc: usccOf(parties[bi])!, agencyUscc: usccOf(agency), project: (str(t!['title']) ?? ocid!).slice(0, 300),
      method: m === 'selective' || m === 'limited' ? 'invited' : 'open', mustTender: t!['mustTender'] !== false, openRequired: t!['openRequired'] === true,
      estimateFen, issueDate: issueDate!, bidDeadline: bidDeadline!, awardNoticeDate, contractDate, amendments,
    },
  };
}

export async function importOcds(s: PluginServices, db: Queryable, pkg: Json, enabled: (orgId: string) => Promise<boolean>) {
  return importOcdsPackage<ParsedTender>(s, db, pkg, {
    parse: (raw, index, today) => {
      const r = parseRelease(raw, index, today);
      return r.ok ? { ok: true, value: r.tender } : r;
    },
    enabled,
    buyerRole: { zh: '招标人', en: 'tenderer' },
    pluginName: { zh: '招标投标插件', en: 'the bidding plugin' },
    write: (p, buyer) => s.write(async (tx, audit) => {
      const [agencyRow] = p.agencyUscc ? await rows<{ id: string }>(tx, sql`select id::text from bidding.agency where uscc = ${p.agencyUscc}`) : [];
      const [existing] = await rows<{ id: string; orgId: string; award: string | null; contract: string | null }>(tx, sql`
        select id::text, org_id::text as "orgId", award_notice_date::text as award, contract_date::text as contract from bidding.tender where ocid = ${p.ocid} for update`);
      if (existing && existing.orgId !== buyer.id) throw new OcdsReleaseRefused('ocid', 'ocid已属于其他招标人', 'the ocid belongs to another tenderer');
      const id = existing?.id ?? newId();
      const fields = { project: p.project, method: p.method, mustTender: p.mustTender, openRequired: p.openRequired, estimateFen: p.estimateFen, agencyId: agencyRow?.id ?? null, issueDate: p.issueDate, bidDeadline: p.bidDeadline };
      // Dates already recorded are never rewritten by an import; missing ones are filled.
      const later = { ...(p.awardNoticeDate && !existing?.award ? { awardNoticeDate: p.awardNoticeDate } : {}), ...(p.contractDate && !existing?.contract ? { contractDate: p.contractDate } : {}) };
      // What a tender was judged by (its dates, method, must-tender flags) is never rewritten by a later package.
      if (existing) await tx.update(tender).set({ ...later, updatedAt: sql`now()` as never }).where(sql`id = ${id}`);
      else await tx.insert(tender).values({ id, orgId: buyer.id, ocid: p.ocid, ...fields, ...later, createdBy: s.actor?.id ?? null });
      for (const a of p.amendments) await tx.insert(clarification).values({ id: newId(), tenderId: id, issuedOn: a.issuedOn, affectsBids: true, summary: a.summary, sourceId: a.sourceId, createdBy: s.actor?.id ?? null }).onConflictDoNothing();
      await audit(existing ? 'bidding.tender.update_from_ocds' : 'bidding.tender.import_ocds', 'bidding.tender', id, { ocid: p.ocid, ...later, amendments: p.amendments.map((a) => a.sourceId) });
      return !existing;
    }),
  });
}
