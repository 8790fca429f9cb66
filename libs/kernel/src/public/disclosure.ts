/**
 * The part of a record → 双公示 fields mapping that the platform export (exchange/disclosure-fields.ts) and the portal's
 * open data (open-data.ts, records.ts) share. Each adds what is genuinely its own: the export fills every field as a
 * string and takes the penalty details a sector payload supplies; the portal marks a record under objection. Free text
 * and codes are masked here, since an ID or phone number was once published through each of them.
 */
import type { DisclosureFieldCode } from '@chengxin/contract';
import { checkIdNumber, checkUscc } from '../core';
import { maskCode, maskFreeText } from './mask';

// An 18-character code shaped like an ID number (valid birth date; checksum right or not) is never shown as a code.
const idLike = (c: string) => {
  const r = checkIdNumber(c);
  return r.ok || r.code === 'ID_NUMBER_CHECKSUM';
};
const uscc = (c: string) => checkUscc(c).ok;
/** Codes that reach the public: a credit code as it is, anything else masked like free text (public/mask.ts). */
export const publicCode = (code: string | null) => maskCode(code, idLike, uscc);

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
