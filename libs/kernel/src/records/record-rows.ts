import { jsonValue } from '@chengxin/db';
import { sql, type SQL } from 'drizzle-orm';
import type { RecordOut } from '@chengxin/contract';
import { recordType, upcastPayload } from './record-types';
import { rulesFromStored } from './rules/registry';

/** The one SELECT that turns a record and its current version into the API shape. Dates as text, instants as ISO. */
export const RECORD_COLUMNS = sql`
  r.id, r.subject_kind as "subjectKind", r.org_id as "orgId", o.name as "orgName", r.person_id as "personId", p.name as "personName",
  r.type_key as "typeKey", r.polarity, r.status, r.disputed, r.source_system as "sourceSystem", r.source_id as "sourceId",
  to_json(r.created_at)#>>'{}' as "createdAt", to_json(r.updated_at)#>>'{}' as "updatedAt",
  ${versionColumns(sql`r`, true)}`;

/** A version's columns in the API shape; `current`: `v` is a kernel.current_record row (its version's created_* are prefixed). */
export function versionColumns(v: SQL, current = false): SQL {
  const [createdAt, createdBy] = current
    ? [sql`${v}.version_created_at`, sql`${v}.version_created_by`]
    : [sql`${v}.created_at`, sql`${v}.created_by`];
  return sql`${v}.version as "v_version", ${v}.severity as "v_severity", ${v}.facts as "v_facts", ${v}.legal_basis as "v_legalBasis",
  ${v}.decision_no as "v_decisionNo", ${v}.decision_date::text as "v_decisionDate", ${v}.effective_date::text as "v_effectiveDate",
  ${v}.issuing_authority as "v_issuingAuthority", ${v}.issuing_authority_uscc as "v_issuingAuthorityUscc", ${v}.disclosure_scope as "v_disclosureScope",
  ${v}.sanction_type as "v_sanctionType", ${v}.impact_start::text as "v_impactStart", ${v}.impact_end::text as "v_impactEnd",
  ${v}.publication_start::text as "v_publicationStart", ${v}.publication_min_end::text as "v_publicationMinEnd", ${v}.publication_max_end::text as "v_publicationMaxEnd",
  ${v}.payload as "v_payload", ${v}.rules as "v_rules", ${v}.reason as "v_reason", to_json(${createdAt})#>>'{}' as "v_createdAt", ${createdBy} as "v_createdBy"`;
}

export const RECORD_FROM = sql`kernel.current_record r
  join kernel.org_unit o on o.id = r.org_id
  left join kernel.person p on p.id = r.person_id`;

type Row = Record<string, unknown>;

export function toVersionOut(row: Row): RecordOut['current'] {
  return {
    version: Number(row['v_version']),
    severity: row['v_severity'] as RecordOut['current']['severity'],
    facts: row['v_facts'] as string,
    legalBasis: row['v_legalBasis'] as string,
    decisionNo: row['v_decisionNo'] as string,
    decisionDate: row['v_decisionDate'] as string,
    effectiveDate: row['v_effectiveDate'] as string,
    issuingAuthority: row['v_issuingAuthority'] as string,
    issuingAuthorityUscc: (row['v_issuingAuthorityUscc'] as string | null) ?? null,
    disclosureScope: row['v_disclosureScope'] as RecordOut['current']['disclosureScope'],
    sanctionType: (row['v_sanctionType'] as RecordOut['current']['sanctionType']) ?? null,
    impactStart: (row['v_impactStart'] as string | null) ?? null,
    impactEnd: (row['v_impactEnd'] as string | null) ?? null,
    publicationStart: (row['v_publicationStart'] as string | null) ?? null,
    publicationMinEnd: (row['v_publicationMinEnd'] as string | null) ?? null,
    publicationMaxEnd: (row['v_publicationMaxEnd'] as string | null) ?? null,
    payload: jsonValue(row['v_payload']) as Record<string, unknown>,
    rules: rulesFromStored(row['v_rules']),
    reason: (row['v_reason'] as string | null) ?? null,
    createdAt: row['v_createdAt'] as string,
    createdBy: (row['v_createdBy'] as string | null) ?? null,
  };
}

export function toRecordOut(row: Row): RecordOut {
  return {
    id: row['id'] as string,
    subjectKind: row['subjectKind'] as RecordOut['subjectKind'],
    orgId: row['orgId'] as string,
    orgName: row['orgName'] as string,
    personId: (row['personId'] as string | null) ?? null,
    personName: (row['personName'] as string | null) ?? null,
    typeKey: row['typeKey'] as string,
    polarity: row['polarity'] as RecordOut['polarity'],
    status: row['status'] as RecordOut['status'],
    disputed: Boolean(row['disputed']),
    sourceSystem: row['sourceSystem'] as string,
    sourceId: row['sourceId'] as string,
    createdAt: row['createdAt'] as string,
    updatedAt: row['updatedAt'] as string,
    current: upcastVersion(row['typeKey'] as string, toVersionOut(row)),
  };
}

/** A plugin record's payload as its type reads it today; the stored version is left as it was written. */
export function upcastVersion<V extends { payload: Record<string, unknown> }>(typeKey: string, v: V): V {
  const def = recordType(typeKey)?.payload;
  return def ? { ...v, payload: upcastPayload(def, v.payload) } : v;
}
