/**
 * The 双公示 (administrative licensing and penalty disclosure) field list of DOMAIN.md §5 [2nd], with the English field
 * codes the portal team uses for open data too, and the mapping from a record to those fields. Browser-safe.
 *
 * ID numbers are never a field: a natural person is named, never identified by number, in any exported item.
 */
export const DISCLOSURE_FIELDS = [
  { code: 'subjectName', zh: '行政相对人名称', en: 'Subject name' },
  { code: 'subjectCategory', zh: '相对人类别', en: 'Subject category' },
  { code: 'uscc', zh: '统一社会信用代码', en: 'Unified social credit code' },
  { code: 'legalRepresentative', zh: '法定代表人', en: 'Legal representative' },
  { code: 'decisionNo', zh: '处罚决定书文号', en: 'Decision no.' },
  { code: 'violationType', zh: '违法行为类型', en: 'Violation type' },
  { code: 'facts', zh: '违法事实', en: 'Facts' },
  { code: 'legalBasis', zh: '处罚依据', en: 'Legal basis' },
  { code: 'penaltyCategory', zh: '处罚类别', en: 'Penalty category' },
  { code: 'penaltyContent', zh: '处罚内容', en: 'Penalty content' },
  { code: 'fineWan', zh: '罚款金额（万元）', en: 'Fine (10,000 yuan)' },
  { code: 'confiscationWan', zh: '没收违法所得、没收非法财物的金额（万元）', en: 'Confiscation (10,000 yuan)' },
  { code: 'licence', zh: '暂扣或吊销证照名称及编号', en: 'Licence suspended or revoked' },
  { code: 'decisionDate', zh: '处罚决定日期', en: 'Decision date' },
  { code: 'validUntil', zh: '处罚有效期', en: 'Valid until' },
  { code: 'publicationEnd', zh: '公示截止期', en: 'Publication ends' },
  { code: 'authority', zh: '处罚机关', en: 'Authority' },
  { code: 'authorityCode', zh: '处罚机关统一社会信用代码', en: "Authority's credit code" },
  { code: 'sourceOrg', zh: '数据来源单位', en: 'Source organisation' },
  { code: 'sourceOrgCode', zh: '数据来源单位统一社会信用代码', en: "Source organisation's credit code" },
  { code: 'remarks', zh: '备注', en: 'Remarks' },
] as const;

export type DisclosureFieldCode = (typeof DISCLOSURE_FIELDS)[number]['code'];
export type DisclosureItem = Record<DisclosureFieldCode, string>;
export const DISCLOSURE_FIELD_CODES = DISCLOSURE_FIELDS.map((f) => f.code) as DisclosureFieldCode[];

/** What the mapping reads of a record (one row of the export query). */
export interface DisclosureSource {
  subjectKind: 'org' | 'person';
  orgName: string;
  orgUscc: string;
  personName: string | null;
  /** The body's principal (主要负责人) on the decision date, for a body's record. */
  principalName: string | null;
  typeKey: string;
  typeLabelZh: string;
  polarity: string;
  severityZh: string;
  sanctionZh: string | null;
  decisionNo: string;
  facts: string;
  legalBasis: string;
  decisionDate: string;
  impactEnd: string | null;
  publicationMaxEnd: string | null;
  issuingAuthority: string;
  issuingAuthorityUscc: string | null;
  sourceOrgName: string | null;
  sourceOrgUscc: string | null;
  sourceSystem: string;
  payload: Record<string, unknown>;
}

/** Integer fen → 万元 as a decimal string (1 万元 = 1,000,000 fen), exact. */
export function fenToWan(fen: number): string {
  const sign = fen < 0 ? '-' : '';
  const abs = Math.abs(Math.trunc(fen));
  const whole = Math.floor(abs / 1_000_000);
  const frac = String(abs % 1_000_000).padStart(6, '0').replace(/0+$/, '');
  return `${sign}${whole}${frac ? `.${frac}` : ''}`;
}

const str = (v: unknown) => (typeof v === 'string' ? v : typeof v === 'number' ? String(v) : '');
const fen = (v: unknown) => (typeof v === 'number' && Number.isFinite(v) ? fenToWan(v) : '');

/**
 * A record as the 双公示 item. Sector payloads may carry the penalty-specific fields (fineFen, confiscationFen,
 * licence, penaltyCategory, penaltyContent, legalRepresentative); otherwise they follow from the record's type.
 */
export function disclosureItem(r: DisclosureSource): DisclosureItem {
  const p = r.payload;
  return {
    subjectName: r.subjectKind === 'person' ? (r.personName ?? '') : r.orgName,
    subjectCategory: r.subjectKind === 'person' ? '自然人' : '法人及非法人组织',
    uscc: r.subjectKind === 'org' ? r.orgUscc : '',
    legalRepresentative: str(p['legalRepresentative']) || (r.subjectKind === 'org' ? (r.principalName ?? '') : ''),
    decisionNo: r.decisionNo,
    violationType: r.typeLabelZh,
    facts: r.facts,
    legalBasis: r.legalBasis,
    penaltyCategory: str(p['penaltyCategory']) || (r.sanctionZh ?? r.typeLabelZh),
    penaltyContent: str(p['penaltyContent']) || (r.sanctionZh ? `给予${r.sanctionZh}处分` : ''),
    fineWan: fen(p['fineFen']),
    confiscationWan: fen(p['confiscationFen']),
    licence: str(p['licence']),
    decisionDate: r.decisionDate,
    validUntil: r.impactEnd ?? '',
    publicationEnd: r.publicationMaxEnd ?? '',
    authority: r.issuingAuthority,
    authorityCode: r.issuingAuthorityUscc ?? '',
    sourceOrg: r.sourceOrgName ?? r.sourceSystem,
    sourceOrgCode: r.sourceOrgUscc ?? '',
    remarks: [r.polarity === 'commendation' ? '守信激励' : `失信程度：${r.severityZh}`, str(p['remarks'])].filter(Boolean).join('；'),
  };
}
