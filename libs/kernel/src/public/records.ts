import { jsonValue, rows, type Queryable } from '@chengxin/db';
import { sql, type SQL } from 'drizzle-orm';
import type { LegalDate } from '@chengxin/contract';
import {
  PENALTY_CATEGORY_LABELS,
  RECORD_TYPE_LABELS,
  SANCTION_LABELS,
  SEVERITY_LABELS,
  type SanctionType,
  type Severity,
} from '@chengxin/contract';
import { disclosureCommon } from './disclosure';
import { principalOnDecisionDate, sourceOrgJoin, recordTypes } from '../records';
import { maskText, publicOn } from './visibility';

export const typeZh = (key: string) =>
  RECORD_TYPE_LABELS[key as keyof typeof RECORD_TYPE_LABELS]?.zh ??
  recordTypes().find((t) => t.key === key)?.labelZh ??
  key;

const RECTIFICATION_ZH: Record<string, string> = {
  awaiting_explanation: '待书面说明',
  in_progress: '整改中',
  completed: '已整改，待核查',
  verified: '已整改并经核查',
  cancelled: '已终止',
};

/**
 * A published record as the public sees it: the 双公示 fields (docs/DOMAIN.md) plus the marks the pages show. Never
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
  honourName: string | null;
  honourContent: string | null;
  disputed: boolean;
  rectification: { status: string; statusZh: string } | null;
}

const COLUMNS = sql`r.id, r.version, r.subject_kind, r.org_id, o.name as org_name, o.uscc as org_uscc, r.person_id, p.name as person_name,
  r.type_key, r.polarity, r.disputed, r.severity, r.decision_no, r.facts, r.legal_basis, r.sanction_type, r.payload,
  r.decision_date::text as decision_date, r.impact_end::text as impact_end, r.publication_max_end::text as publication_end,
  r.issuing_authority, r.issuing_authority_uscc, r.source_system, src.name as source_name, src.uscc as source_uscc, rc.status as rectification,
  case when r.subject_kind = 'org' then ${principalOnDecisionDate} end as legal_rep`;

const FROM = sql`kernel.current_record r
  join kernel.org_unit o on o.id = r.org_id
  left join kernel.person p on p.id = r.person_id
  left join kernel.rectification rc on rc.record_id = r.id
  ${sourceOrgJoin}`;

type Row = Record<string, unknown>;

const wan = (fen: unknown) => (typeof fen === 'number' && Number.isFinite(fen) ? Math.round(fen / 100) / 10_000 : null);
const str = (value: unknown) =>
  typeof value === 'string' && value.trim() ? maskText(value.trim()).slice(0, 500) : null;

/** 处罚类别 of an administrative penalty (payload.penaltyCategories, 行政处罚法 §9) in Chinese, or null. */
export function penaltyCategoryZh(payload: Record<string, unknown>): string | null {
  const list = Array.isArray(payload['penaltyCategories']) ? (payload['penaltyCategories'] as unknown[]) : [];
  const names = list
    .map((c) => PENALTY_CATEGORY_LABELS[c as keyof typeof PENALTY_CATEGORY_LABELS]?.zh)
    .filter((x): x is string => !!x);
  return names.length ? names.join('、') : null;
}

export function toPublicRecord(row: Row): PublicRecord {
  const payload = (jsonValue(row['payload']) ?? {}) as Record<string, unknown>;
  const sanction = row['sanction_type'] as SanctionType | null;
  const severity = row['severity'] as Severity;
  const person = row['subject_kind'] === 'person';
  const label = typeZh(row['type_key'] as string);
  const rect = row['rectification'] as string | null;
  const common = disclosureCommon({
    subjectKind: person ? 'person' : 'org',
    orgName: row['org_name'] as string,
    orgUscc: row['org_uscc'] as string,
    personName: row['person_name'] as string | null,
    principalName: (row['legal_rep'] as string | null) ?? null,
    typeLabelZh: label,
    sanctionZh: sanction ? SANCTION_LABELS[sanction].zh : null,
    decisionNo: row['decision_no'] as string,
    legalBasis: row['legal_basis'] as string,
    decisionDate: row['decision_date'] as string,
    impactEnd: (row['impact_end'] as string | null) ?? null,
    publicationMaxEnd: (row['publication_end'] as string | null) ?? null,
    issuingAuthority: row['issuing_authority'] as string,
    issuingAuthorityUscc: (row['issuing_authority_uscc'] as string | null) ?? null,
    sourceOrgName: (row['source_name'] as string | null) ?? null,
    sourceOrgUscc: (row['source_uscc'] as string | null) ?? null,
    sourceSystem: row['source_system'] as string,
  });
  return {
    ...common,
    id: row['id'] as string,
    version: Number(row['version']),
    subjectKind: person ? 'person' : 'org',
    orgId: row['org_id'] as string,
    orgName: row['org_name'] as string,
    personId: person ? (row['person_id'] as string) : null,
    subjectCategory: person ? '自然人（公职人员）' : '法人及非法人组织（国家机关）',
    typeKey: row['type_key'] as string,
    typeZh: label,
    polarity: row['polarity'] as PublicRecord['polarity'],
    severity,
    severityZh: SEVERITY_LABELS[severity]?.zh ?? severity,
    // For the public: free text masked (long digit runs), amounts to the yuan.
    facts: maskText(row['facts'] as string),
    penaltyCategory: penaltyCategoryZh(payload) ?? common.penaltyCategory,
    penaltyContent: str(payload['penaltyContent']),
    fineWan: wan(payload['fineFen']),
    confiscationWan: wan(payload['confiscationFen']),
    licence: str(payload['licence']),
    remarks: row['disputed'] ? '异议处理中' : null,
    honourName: row['polarity'] === 'commendation' ? (str(payload['honourName']) ?? label) : null,
    honourContent: row['polarity'] === 'commendation' ? maskText(row['facts'] as string) : null,
    disputed: Boolean(row['disputed']),
    rectification: rect ? { status: rect, statusZh: RECTIFICATION_ZH[rect] ?? rect } : null,
  };
}

/** Published records matching `where`, as the public sees them on `day`. */
export async function publicRecords(
  db: Queryable,
  where: SQL,
  day: LegalDate,
  today: LegalDate,
  tail: SQL = sql`order by r.decision_date desc, r.id desc limit 500`,
): Promise<PublicRecord[]> {
  const list = await rows<Row>(
    db,
    sql`select ${COLUMNS} from ${FROM} where ${where} and ${publicOn(day, today)} ${tail}`,
  );
  return list.map(toPublicRecord);
}
