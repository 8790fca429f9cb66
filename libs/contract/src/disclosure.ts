/**
 * The one 双公示 (administrative licensing and penalty disclosure) field list (docs/DOMAIN.md, "双公示 disclosure fields", [2nd]) — stable English
 * codes, Chinese and English labels. The record → fields mapping the platform export and the portal share is the
 * kernel's (libs/kernel/src/public/disclosure.ts), because it masks free text. Browser-safe.
 *
 * ID numbers are never a field: a natural person is named, never identified by number, in any disclosed item.
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
export const DISCLOSURE_FIELD_CODES = DISCLOSURE_FIELDS.map((f) => f.code) as DisclosureFieldCode[];
