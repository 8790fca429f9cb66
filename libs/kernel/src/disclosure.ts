/**
 * The one 双公示 (administrative licensing and penalty disclosure) field list of DOMAIN.md §5 [2nd] — stable English
 * codes, Chinese and English labels — and the part of a record → fields mapping that the platform export
 * (exchange/disclosure-fields.ts) and the portal's open data (public/open-data.ts, public/records.ts) share. Each of
 * them adds what is genuinely its own: the export fills every field as a string and takes the penalty details a sector
 * payload supplies; the portal masks free text for the public and marks a record under objection. Browser-safe.
 *
 * ID numbers are never a field: a natural person is named, never identified by number, in any disclosed item.
 */
import { checkIdNumber, checkUscc } from './identifiers';
import { maskCode, maskFreeText } from './public/mask';

// An 18-character code shaped like an ID number (valid birth date; checksum right or not) is never shown as a code.
const idLike = (c: string) => { const r = checkIdNumber(c); return r.ok || r.code === 'ID_NUMBER_CHECKSUM'; };
const uscc = (c: string) => checkUscc(c).ok;
/** Codes that reach the public: a credit code as it is, anything else masked like free text (public/mask.ts). */
export const publicCode = (code: string | null) => maskCode(code, idLike, uscc);

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
export const DISCLOSURE_FIELD_CODES = DISCLOSURE_FIELDS.map((f) => f.code) as DisclosureFieldCode[];

/** What the shared part of the mapping reads of a record (current version, with its body, person and principal). */
export interface DisclosureBase {
  subjectKind: 'org' | 'person';
  orgName: string;
  orgUscc: string | null;
  personName: string | null;
  /** The body's principal (主要负责人) in post on the decision date, for a body's record. */
  principalName: string | null;
  typeLabelZh: string;
  sanctionZh: string | null;
  decisionNo: string;
  legalBasis: string;
  decisionDate: string;
  impactEnd: string | null;
  publicationMaxEnd: string | null;
  issuingAuthority: string;
  issuingAuthorityUscc: string | null;
  sourceOrgName: string | null;
  sourceOrgUscc: string | null;
  sourceSystem: string;
}

/** The fields both faces compute alike; absent values are null (the export writes them as empty strings). */
export function disclosureCommon(r: DisclosureBase) {
  const person = r.subjectKind === 'person';
  return {
    subjectName: person ? (r.personName ?? '') : r.orgName,
    uscc: person ? null : r.orgUscc,
    legalRepresentative: person ? null : r.principalName,
    // Free text typed by officers: masked, since an ID or phone number was found published through each of these.
    decisionNo: maskFreeText(r.decisionNo),
    violationType: r.typeLabelZh,
    legalBasis: maskFreeText(r.legalBasis),
    penaltyCategory: r.sanctionZh ?? r.typeLabelZh,
    decisionDate: r.decisionDate,
    validUntil: r.impactEnd,
    publicationEnd: r.publicationMaxEnd,
    authority: maskFreeText(r.issuingAuthority),
    authorityCode: publicCode(r.issuingAuthorityUscc),
    sourceOrg: r.sourceOrgName ?? r.sourceSystem,
    sourceOrgCode: publicCode(r.sourceOrgUscc),
  } satisfies Partial<Record<DisclosureFieldCode, string | null>>;
}
