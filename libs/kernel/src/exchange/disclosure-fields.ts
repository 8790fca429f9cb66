/**
 * The 双公示 item as platforms receive it: every field of the shared list (../disclosure.ts) as a string, the penalty
 * details a sector payload supplies taking precedence, and the remarks the platforms expect. Browser-safe.
 */
import { DISCLOSURE_FIELD_CODES, DISCLOSURE_FIELDS, type DisclosureFieldCode } from '@chengxin/contract';
import { disclosureCommon, maskFreeText, type DisclosureBase } from '../public';

export { DISCLOSURE_FIELD_CODES, DISCLOSURE_FIELDS, type DisclosureFieldCode };
export type DisclosureItem = Record<DisclosureFieldCode, string>;

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
    penaltyCategory: str(p['penaltyCategory']) || common.penaltyCategory,
    penaltyContent: str(p['penaltyContent']) || (r.sanctionZh ? `给予${r.sanctionZh}处分` : ''),
    fineWan: fen(p['fineFen']),
    confiscationWan: fen(p['confiscationFen']),
    licence: str(p['licence']),
    remarks: [r.polarity === 'commendation' ? '守信激励' : `失信程度：${r.severityZh}`, str(p['remarks'])]
      .filter(Boolean)
      .join('；'),
  };
}
