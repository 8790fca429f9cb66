/** Deterministic benchmark rows: the same sequence feeds the kernel ingest and the raw COPY baseline. */
import { addDays } from '@chengxin/kernel';

export interface BenchSubjects {
  persons: { idNumber: string }[];
  orgs: { uscc: string }[];
}

const TYPES = ['administrative_penalty', 'judicial_judgment', 'accountability'] as const;
const SEVERITIES = ['minor', 'ordinary', 'serious'] as const;
const SANCTIONS = ['warning', 'demerit', 'major_demerit', 'demotion', 'removal'] as const;

export function benchRow(i: number, s: BenchSubjects) {
  const person = i % 5 !== 0;
  const decisionDate = addDays('2021-01-01', (i * 7919) % 2000);
  const base = {
    sourceId: `bench-${i}`,
    severity: SEVERITIES[i % 3]!,
    facts: `第${i}号：未按合同约定支付中小企业款项，经核实属实，拒不整改`,
    legalBasis: '《保障中小企业款项支付条例》第八条',
    decisionNo: `津财〔${decisionDate.slice(0, 4)}〕${i}号`,
    decisionDate,
    issuingAuthority: '天津市财政局',
  };
  return person
    ? {
        ...base,
        subject: { kind: 'person' as const, idNumber: s.persons[(i * 31) % s.persons.length]!.idNumber },
        typeKey: 'disciplinary_sanction',
        sanctionType: SANCTIONS[i % 5]!,
      }
    : {
        ...base,
        subject: { kind: 'org' as const, uscc: s.orgs[(i * 17) % s.orgs.length]!.uscc },
        typeKey: TYPES[i % 3]!,
        // An administrative penalty enters submitted only with its national disclosure fields (the submit check).
        ...(TYPES[i % 3] === 'administrative_penalty'
          ? { payload: { penaltyCategories: ['warning'], penaltyContent: '给予警告' } }
          : {}),
      };
}

/** The same row as one CSV line for the bare-table COPY baseline. */
export function csvLine(row: ReturnType<typeof benchRow>): string {
  const subject = 'idNumber' in row.subject ? row.subject.idNumber : row.subject.uscc;
  const cells = [
    row.sourceId,
    row.subject.kind,
    subject,
    row.typeKey,
    row.severity,
    row.facts,
    row.legalBasis,
    row.decisionNo,
    row.decisionDate,
    row.issuingAuthority,
    'sanctionType' in row ? row.sanctionType : '',
  ];
  return cells.map((c) => `"${String(c).replace(/"/g, '""')}"`).join(',');
}

export const RAW_TABLE_DDL = `create table if not exists bench.raw_record (
  source_id text, subject_kind text, subject text, type_key text, severity text, facts text, legal_basis text,
  decision_no text, decision_date date, issuing_authority text, sanction_type text)`;
