/**
 * The 双公示 item as platforms receive it: every field of the shared list (../disclosure.ts) as a string, the penalty
 * details a sector payload supplies taking precedence, and the remarks the platforms expect. Browser-safe.
 */
import {
  COMMENDATION_FIELD_CODES,
  COMMENDATION_FIELDS,
  DISCLOSURE_FIELD_CODES,
  DISCLOSURE_FIELDS,
  type CommendationFieldCode,
  type DisclosureFieldCode,
  type DisclosureSchema,
} from '@chengxin/contract';
import { disclosureCommon, maskFreeText, penaltyCategoryZh, type DisclosureBase } from '../public';

export {
  COMMENDATION_FIELD_CODES,
  COMMENDATION_FIELDS,
  DISCLOSURE_FIELD_CODES,
  DISCLOSURE_FIELDS,
  type DisclosureFieldCode,
};
export type DisclosureItem = Record<DisclosureFieldCode, string>;
export type CommendationItem = Record<CommendationFieldCode, string>;
/** A record as it leaves: its field list (schema) and the fields of that list. */
export type DisclosedItem =
  { schema: 'penalty'; data: DisclosureItem } | { schema: 'commendation'; data: CommendationItem };
export const fieldCodesOf = (schema: DisclosureSchema): readonly string[] =>
  schema === 'commendation' ? COMMENDATION_FIELD_CODES : DISCLOSURE_FIELD_CODES;

/** What the mapping reads of a record (one row of the export query). */
export interface DisclosureSource extends DisclosureBase {
  orgUscc: string;
  typeKey: string;
  polarity: string;
  severityZh: string;
  facts: string;
  payload: Record<string, unknown>;
}

/** Integer fen → 万元 as a decimal string (1 万元 = 1,000,000 fen), exact. */
export function fenToWan(fen: number): string {
  const sign = fen < 0 ? '-' : '';
  const abs = Math.abs(Math.trunc(fen));
  const whole = Math.floor(abs / 1_000_000);
  const frac = String(abs % 1_000_000)
    .padStart(6, '0')
    .replace(/0+$/, '');
  return `${sign}${whole}${frac ? `.${frac}` : ''}`;
}

// Payload text reaches public platforms and the change feed: masked like the portal's (public/mask.ts).
const str = (v: unknown) => (typeof v === 'string' ? maskFreeText(v) : typeof v === 'number' ? String(v) : '');
const fen = (v: unknown) => (typeof v === 'number' && Number.isFinite(v) ? fenToWan(v) : '');

/**
 * A record as the 双公示 item. Sector payloads may carry the penalty-specific fields (fineFen, confiscationFen,
 * licence, penaltyCategory, penaltyContent, legalRepresentative); otherwise they follow from the record's type.
 */
export function disclosureItem(r: DisclosureSource): DisclosureItem {
  const p = r.payload;
  const common = disclosureCommon(r);
  return {
    ...(Object.fromEntries(Object.entries(common).map(([k, v]) => [k, v ?? ''])) as Record<
      keyof typeof common,
      string
    >),
    subjectCategory: r.subjectKind === 'person' ? '自然人' : '法人及非法人组织',
    legalRepresentative: str(p['legalRepresentative']) || (common.legalRepresentative ?? ''),
    facts: maskFreeText(r.facts),
    penaltyCategory: str(p['penaltyCategory']) || penaltyCategoryZh(p) || common.penaltyCategory,
    penaltyContent: str(p['penaltyContent']) || (r.sanctionZh ? `给予${r.sanctionZh}处分` : ''),
    fineWan: fen(p['fineFen']),
    confiscationWan: fen(p['confiscationFen']),
    licence: str(p['licence']),
    remarks: [r.polarity === 'commendation' ? '守信激励' : `失信程度：${r.severityZh}`, str(p['remarks'])]
      .filter(Boolean)
      .join('；'),
  };
}

/** A commendation (守信) in its own field list: the honour's name and grounds, never a 处罚类别. */
export function commendationItem(r: DisclosureSource): CommendationItem {
  const p = r.payload;
  const common = disclosureCommon(r);
  return {
    subjectName: common.subjectName,
    subjectCategory: r.subjectKind === 'person' ? '自然人' : '法人及非法人组织',
    uscc: common.uscc ?? '',
    legalRepresentative: str(p['legalRepresentative']) || (common.legalRepresentative ?? ''),
    honourName: str(p['honourName']) || r.typeLabelZh,
    honourContent: maskFreeText(r.facts),
    decisionNo: common.decisionNo,
    decisionDate: common.decisionDate,
    authority: common.authority,
    authorityCode: common.authorityCode ?? '',
    publicationEnd: common.publicationEnd ?? '',
    sourceOrg: common.sourceOrg,
    sourceOrgCode: common.sourceOrgCode ?? '',
    remarks: ['守信激励', str(p['remarks'])].filter(Boolean).join('；'),
  };
}

/** A record in the field list its polarity calls for. */
export function disclosedItem(r: DisclosureSource): DisclosedItem {
  return r.polarity === 'commendation'
    ? { schema: 'commendation', data: commendationItem(r) }
    : { schema: 'penalty', data: disclosureItem(r) };
}
