import { rows, type Queryable } from '@chengxin/db';
import { sql } from 'drizzle-orm';
import type { LegalDate } from '@chengxin/contract';
import { AppError } from '../core';
import { ORG_KIND_LABELS, ORG_LEVEL_LABELS, type OrgKind, type OrgLevel } from '@chengxin/contract';
import { publicRecords, typeZh, type PublicRecord } from './records';
import { repairDay } from './visibility';

export interface PublicBody {
  id: string;
  name: string;
  uscc: string;
  level: OrgLevel;
  levelZh: string;
  kindZh: string;
  areaCode: string;
  districtName: string | null;
  parentId: string | null;
  parentName: string | null;
}

export interface RepairNote {
  typeKey: string;
  typeZh: string;
  repairedOn: LegalDate;
  noteZh: string;
  noteEn: string;
}

export interface IntegrityPage {
  asOf: LegalDate;
  body: PublicBody;
  records: PublicRecord[];
  repairs: RepairNote[];
  counts: { dishonesty: number; commendation: number; disputed: number };
}

export async function publicBody(db: Queryable, orgId: string): Promise<PublicBody> {
  const [o] = await rows<{
    id: string;
    name: string;
    uscc: string;
    level: OrgLevel;
    kind: OrgKind;
    area_code: string;
    parent_id: string | null;
    parent_name: string | null;
    district_name: string | null;
  }>(
    db,
    sql`
    select o.id, o.name, o.uscc, o.level, o.kind, o.area_code, o.parent_id, pa.name as parent_name, dn.name as district_name
    from kernel.org_unit o left join kernel.org_unit pa on pa.id = o.parent_id
    left join kernel.org_unit dn on dn.id = nullif(split_part(o.path, '/', 2), '')::uuid and dn.level = 'district'
    where o.id = ${orgId}::uuid`,
  );
  if (!o) throw new AppError('NOT_FOUND', 'ORG_NOT_FOUND', '单位不存在', 'Body not found', 'orgId');
  return {
    id: o.id,
    name: o.name,
    uscc: o.uscc,
    level: o.level,
    levelZh: ORG_LEVEL_LABELS[o.level]?.zh ?? o.level,
    kindZh: ORG_KIND_LABELS[o.kind]?.zh ?? o.kind,
    areaCode: o.area_code,
    districtName: o.district_name ?? (o.level === 'district' ? o.name : null),
    parentId: o.parent_id,
    parentName: o.parent_name,
  };
}

/** Credit repairs that ended a record's publication early, as a note (never the record itself as current). */
async function repairNotes(db: Queryable, owner: ReturnType<typeof sql>, day: LegalDate): Promise<RepairNote[]> {
  const list = await rows<{ type_key: string; repaired_on: string | null }>(
    db,
    sql`
    select r.type_key, ${repairDay(day)} as repaired_on from kernel.current_record r
    where ${owner} and r.status = 'repaired' and r.disclosure_scope = 'public' and (r.publication_max_end is null or ${day}::date < r.publication_max_end)
    order by r.id limit 200`,
  );
  return list
    .filter((r) => r.repaired_on !== null)
    .map((r) => ({
      typeKey: r.type_key,
      typeZh: typeZh(r.type_key),
      repairedOn: r.repaired_on!,
      noteZh: `该单位一条${typeZh(r.type_key)}记录已于${r.repaired_on}经信用修复提前终止公示`,
      noteEn: `Publication of one ${r.type_key} record ended early by credit repair on ${r.repaired_on}`,
    }));
}

/** 诚信页: a body's records public on the day, each with its marks; repairs as notes. */
export async function integrityPage(
  db: Queryable,
  orgId: string,
  day: LegalDate,
  today: LegalDate,
): Promise<IntegrityPage> {
  const owner = sql`r.org_id = ${orgId}::uuid and r.subject_kind = 'org'`;
  // Three independent reads at once (an unknown body makes the first one fail, and the call with it).
  const [body, records, repairs] = await Promise.all([
    publicBody(db, orgId),
    publicRecords(db, owner, day, today),
    repairNotes(db, owner, day),
  ]);
  return {
    asOf: day,
    body,
    records,
    repairs,
    counts: {
      dishonesty: records.filter((r) => r.polarity === 'dishonesty').length,
      commendation: records.filter((r) => r.polarity === 'commendation').length,
      disputed: records.filter((r) => r.disputed).length,
    },
  };
}

export interface PersonPage {
  asOf: LegalDate;
  person: { id: string; name: string };
  records: PublicRecord[];
  repairs: RepairNote[];
}

/**
 * A civil servant's public page exists only while the person has a record disclosed to society; it shows the name
 * and the records (each with the body), never an ID number, birth date or contact data.
 */
export async function personPage(db: Queryable, personId: string, today: LegalDate): Promise<PersonPage> {
  const owner = sql`r.person_id = ${personId}::uuid`;
  const records = await publicRecords(db, owner, today, today);
  if (!records.length)
    throw new AppError(
      'NOT_FOUND',
      'PERSON_NOT_PUBLIC',
      '该人员没有依法公开的信用记录',
      'This person has no record disclosed to the public',
      'personId',
    );
  return {
    asOf: today,
    person: { id: personId, name: records[0]!.subjectName },
    records,
    repairs: await repairNotes(db, owner, today),
  };
}
