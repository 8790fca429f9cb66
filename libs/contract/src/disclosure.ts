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

/**
 * Commendations (表彰奖励, 守信激励) are not penalties: they leave in their own field list, never the penalty schema
 * (a 处罚类别 "表彰奖励" misleads every reader). The same subject and authority columns; the honour's name and content
 * in place of the penalty's; no fine, confiscation, licence or validity.
 */
export const COMMENDATION_FIELDS = [
  { code: 'subjectName', zh: '主体名称', en: 'Subject name' },
  { code: 'subjectCategory', zh: '主体类别', en: 'Subject category' },
  { code: 'uscc', zh: '统一社会信用代码', en: 'Unified social credit code' },
  { code: 'legalRepresentative', zh: '法定代表人（主要负责人）', en: 'Legal representative' },
  { code: 'honourName', zh: '表彰奖励名称', en: 'Honour' },
  { code: 'honourContent', zh: '表彰奖励事由', en: 'Grounds' },
  { code: 'decisionNo', zh: '表彰决定文号', en: 'Decision no.' },
  { code: 'decisionDate', zh: '表彰决定日期', en: 'Decision date' },
  { code: 'authority', zh: '授予机关', en: 'Granting authority' },
  { code: 'authorityCode', zh: '授予机关统一社会信用代码', en: "Granting authority's credit code" },
  { code: 'publicationEnd', zh: '公示截止期', en: 'Publication ends' },
  { code: 'sourceOrg', zh: '数据来源单位', en: 'Source organisation' },
  { code: 'sourceOrgCode', zh: '数据来源单位统一社会信用代码', en: "Source organisation's credit code" },
  { code: 'remarks', zh: '备注', en: 'Remarks' },
] as const;
export type CommendationFieldCode = (typeof COMMENDATION_FIELDS)[number]['code'];
export const COMMENDATION_FIELD_CODES = COMMENDATION_FIELDS.map((f) => f.code) as CommendationFieldCode[];

/** Which field list a record leaves in: `commendation` for 守信 records, `penalty` (the 双公示 list) otherwise. */
export const DISCLOSURE_SCHEMAS = ['penalty', 'commendation'] as const;
export type DisclosureSchema = (typeof DISCLOSURE_SCHEMAS)[number];
export const DISCLOSURE_SCHEMA_LABELS: Record<DisclosureSchema, { zh: string; en: string }> = {
  penalty: { zh: '失信信息（行政处罚等）', en: 'Dishonesty (penalties and others)' },
  commendation: { zh: '守信信息（表彰奖励）', en: 'Commendations' },
};
