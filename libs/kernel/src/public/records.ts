import { jsonValue, rows, type Queryable } from '@chengxin/db';
import { sql, type SQL } from 'drizzle-orm';
import type { LegalDate } from '../dates';
import { RECORD_TYPE_LABELS, SANCTION_LABELS, SEVERITY_LABELS, type SanctionType, type Severity } from '../labels';
import { recordTypes } from '../record-types';
import { maskText, publicOn } from './visibility';

export const typeZh = (key: string) => RECORD_TYPE_LABELS[key as keyof typeof RECORD_TYPE_LABELS]?.zh ?? recordTypes().find((t) => t.key === key)?.labelZh ?? key;

const RECTIFICATION_ZH: Record<string, string> = {
  awaiting_explanation: '待书面说明', in_progress: '整改中', completed: '已整改，待核查', verified: '已整改并经核查', cancelled: '已终止',
};

/**
 * A published record as the public sees it: the 双公示 fields (DOMAIN.md §5) plus the marks the pages show. Never
 * an ID number, a birth date, contact data or a third party: persons appear by name only, and free text is masked.
 */
export interface PublicRecord {
  id: string;
  version: number;
  subjectKind: 'org' | 'person';
  orgId: string;
  orgName: string;
  personId: string | null;
  subjectName: string;
  subjectCategory: string;
  uscc: string | null;
  legalRepresentative: string | null;
  typeKey: string;
  typeZh: string;
  polarity: 'dishonesty' | 'commendation';
  severity: Severity;
  severityZh: string;
  decisionNo: string;
  violationType: string;
  facts: string;
  legalBasis: string;
  penaltyCategory: string;
  penaltyContent: string | null;
  fineWan: number | null;
  confiscationWan: number | null;
  licence: string | null;
  decisionDate: LegalDate;
  validUntil: LegalDate | null;
  publicationEnd: LegalDate | null;
  authority: string;
  authorityCode: string | null;
  sourceOrg: string;
  sourceOrgCode: string | null;
  remarks: string | null;
  disputed: boolean;
  rectification: { status: string; statusZh: string } | null;
}

const COLUMNS = sql`r.id, v.version, r.subject_kind, r.org_id, o.name as org_name, o.uscc as org_uscc, r.person_id, p.name as person_name,
  r.type_key, r.polarity, r.disputed, v.severity, v.decision_no, v.facts, v.legal_basis, v.sanction_type, v.payload,
  v.decision_date::text as decision_date, v.impact_end::text as impact_end, v.publication_max_end::text as publication_end,
  v.issuing_authority, v.issuing_authority_uscc, r.source_system, src.name as source_name, src.uscc as source_uscc, rc.status as rectification,
  case when r.subject_kind = 'org' then (select p2.name from kernel.tenure t join kernel.post po on po.id = t.post_id join kernel.person p2 on p2.id = t.person_id
    where t.org_id = r.org_id and po.principal and t.start_date <= v.decision_date and (t.end_date is null or t.end_date > v.decision_date)
    order by t.start_date desc limit 1) end as legal_rep`;

const FROM = sql`kernel.credit_record r
  join kernel.credit_record_version v on v.record_id = r.id and v.version = r.current_version
  join kernel.org_unit o on o.id = r.org_id
  left join kernel.person p on p.id = r.person_id
  left join kernel.rectification rc on rc.record_id = r.id
  left join lateral (select so.name, so.uscc from kernel.reporting_source rs join kernel.org_unit so on so.id = rs.org_id where rs.code = r.source_system limit 1) src on true`;

type Row = Record<string, unknown>;

const wan = (fen: unknown) => (typeof fen === 'number' && Number.isFinite(fen) ? Math.round(fen / 100) / 10_000 : null);
const str = (value: unknown) => (typeof value === 'string' && value.trim() ? maskText(value.trim()).slice(0, 500) : null);

export function toPublicRecord(row: Row): PublicRecord {
  const payload = (jsonValue(row['payload']) ?? {}) as Record<string, unknown>;
  const sanction = row['sanction_type'] as SanctionType | null;
  const severity = row['severity'] as Severity;
  const person = row['subject_kind'] === 'person';
  const label = typeZh(row['type_key'] as string);
  const rect = row['rectification'] as string | null;
  return {
    id: row['id'] as string,
    version: Number(row['version']),
    subjectKind: person ? 'person' : 'org',
    orgId: row['org_id'] as string,
    orgName: row['org_name'] as string,
    personId: person ? (row['person_id'] as string) : null,
    subjectName: person ? (row['person_name'] as string) : (row['org_name'] as string),
    subjectCategory: person ? '自然人（公职人员）' : '法人及非法人组织（国家机关）',
    uscc: person ? null : (row['org_uscc'] as string),
    legalRepresentative: person ? null : ((row['legal_rep'] as string | null) ?? null),
    typeKey: row['type_key'] as string,
    typeZh: label,
    polarity: row['polarity'] as PublicRecord['polarity'],
    severity,
    severityZh: SEVERITY_LABELS[severity]?.zh ?? severity,
    decisionNo: row['decision_no'] as string,
    violationType: label,
    facts: maskText(row['facts'] as string),
    legalBasis: row['legal_basis'] as string,
    penaltyCategory: sanction ? SANCTION_LABELS[sanction].zh : label,
    penaltyContent: str(payload['penaltyContent']),
    fineWan: wan(payload['fineFen']),
    confiscationWan: wan(payload['confiscationFen']),
    licence: str(payload['licence']),
    decisionDate: row['decision_date'] as string,
    validUntil: (row['impact_end'] as string | null) ?? null,
    publicationEnd: (row['publication_end'] as string | null) ?? null,
    authority: row['issuing_authority'] as string,
    authorityCode: (row['issuing_authority_uscc'] as string | null) ?? null,
    sourceOrg: (row['source_name'] as string | null) ?? (row['source_system'] as string),
    sourceOrgCode: (row['source_uscc'] as string | null) ?? null,
    remarks: row['disputed'] ? '异议处理中' : null,
    disputed: Boolean(row['disputed']),
    rectification: rect ? { status: rect, statusZh: RECTIFICATION_ZH[rect] ?? rect } : null,
  };
}

/** Published records matching `where`, as the public sees them on `day`. */
export async function publicRecords(db: Queryable, where: SQL, day: LegalDate, today: LegalDate, tail: SQL = sql`order by v.decision_date desc, r.id desc limit 500`): Promise<PublicRecord[]> {
  const list = await rows<Row>(db, sql`select ${COLUMNS} from ${FROM} where ${where} and ${publicOn(day, today)} ${tail}`);
  return list.map(toPublicRecord);
}
