import { describe, expect, it } from 'vitest';
import { DISCLOSURE_FIELD_CODES, DISCLOSURE_FIELDS } from '@chengxin/contract';
import { disclosureCommon } from './disclosure';
import { disclosureItem, type DisclosureSource } from '../exchange';
import { OPEN_DATA_FIELDS, toOpenData } from './open-data';
import { toPublicRecord } from './records';

const source: DisclosureSource = {
  subjectKind: 'org',
  orgName: '天津市河西区财政局',
  orgUscc: '11120103MB1234567X',
  personName: null,
  principalName: '张建国',
  typeKey: 'administrative_penalty',
  typeLabelZh: '行政处罚',
  polarity: 'dishonesty',
  severityZh: '一般',
  sanctionZh: null,
  decisionNo: '津西财罚〔2026〕1号',
  facts: '联系电话13812345678未按期答复',
  legalBasis: '《天津市社会信用条例》第十条',
  decisionDate: '2026-03-01',
  impactEnd: null,
  publicationMaxEnd: '2027-03-01',
  issuingAuthority: '天津市财政局',
  issuingAuthorityUscc: '11120000MB0000000A',
  sourceOrgName: null,
  sourceOrgUscc: null,
  sourceSystem: 'manual',
  payload: { fineFen: 1_250_000 },
};

// The same record as a row of the public query.
const row = {
  id: '0190a0b0-0000-7000-8000-000000000001',
  version: 1,
  subject_kind: 'org',
  org_id: '0190a0b0-0000-7000-8000-000000000002',
  org_name: source.orgName,
  org_uscc: source.orgUscc,
  person_id: null,
  person_name: null,
  type_key: source.typeKey,
  polarity: 'dishonesty',
  disputed: true,
  severity: 'minor',
  decision_no: source.decisionNo,
  facts: source.facts,
  legal_basis: source.legalBasis,
  sanction_type: null,
  payload: source.payload,
  decision_date: source.decisionDate,
  impact_end: null,
  publication_end: source.publicationMaxEnd,
  issuing_authority: source.issuingAuthority,
  issuing_authority_uscc: source.issuingAuthorityUscc,
  source_system: 'manual',
  source_name: null,
  source_uscc: null,
  rectification: null,
  legal_rep: '张建国',
};

describe('the one 双公示 field list', () => {
  it('has 21 distinct codes and serves the export and open data in the same order', () => {
    expect(new Set(DISCLOSURE_FIELD_CODES).size).toBe(21);
    expect(OPEN_DATA_FIELDS.map((f) => f.code)).toEqual(DISCLOSURE_FIELD_CODES);
    expect(OPEN_DATA_FIELDS.map((f) => f.zh)).toEqual(DISCLOSURE_FIELDS.map((f) => f.zh));
    for (const [i, f] of OPEN_DATA_FIELDS.entries()) expect(f.en.startsWith(DISCLOSURE_FIELDS[i]!.en)).toBe(true);
  });

  it('maps a record alike on both faces where they compute the same thing, and keeps their differences', () => {
    const item = disclosureItem(source);
    const open = toOpenData(toPublicRecord(row));
    const common = disclosureCommon(source);
    for (const [code, value] of Object.entries(common)) {
      expect(item[code as keyof typeof item]).toBe(value ?? '');
      expect(open[code as keyof typeof open]).toBe(value);
    }
    // The platforms' item is masked like the portal's: batches and the change feed reach public platforms too.
    expect(item).toMatchObject({
      subjectCategory: '法人及非法人组织',
      fineWan: '1.25',
      remarks: '失信程度：一般',
      facts: open.facts,
      sourceOrg: 'manual',
    });
    expect(item.facts).not.toContain('13812345678');
    expect(open).toMatchObject({
      subjectCategory: '法人及非法人组织（国家机关）',
      fineWan: 1.25,
      remarks: '异议处理中',
    });
    expect(open.facts).not.toContain('13812345678');
    expect(Object.keys(item).sort()).toEqual([...DISCLOSURE_FIELD_CODES].sort());
  });
});
