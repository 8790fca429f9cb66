/**
 * Column mapping and cell validation for imports: which heading holds which field (defaults for the Chinese headings
 * registers use, plus the English field codes; a caller's mapping overrides them), and the checks every cell gets
 * (dates in several spellings, enumerations by code or Chinese label, credit codes, ID numbers) with a row-level
 * issue naming the file's line and the column as headed in the file.
 */
import { formatLegalDate, isLegalDate } from '@chengxin/contract';
import { checkIdNumber, checkUscc } from '../core';
import {
  DISCLOSURE_LABELS,
  ORG_KIND_LABELS,
  ORG_LEVEL_LABELS,
  RECORD_STATUS_LABELS,
  SANCTION_LABELS,
  SEVERITY_LABELS,
  type DisclosureScope,
  type OrgKind,
  type OrgLevel,
  type RecordStatus,
  type SanctionType,
  type Severity,
} from '@chengxin/contract';
import { recordTypes } from '../records';

export const IMPORT_KINDS = ['records', 'orgs', 'persons'] as const;
export type ImportKind = (typeof IMPORT_KINDS)[number];

export interface FieldSpec {
  key: string;
  zh: string;
  en: string;
  /** Headings recognised without a mapping (the key itself always is). */
  headings: string[];
  required?: boolean;
}

const f = (key: string, zh: string, en: string, headings: string[], required = false): FieldSpec => ({
  key,
  zh,
  en,
  headings: [zh, ...headings],
  required,
});

export const IMPORT_FIELDS: Record<ImportKind, FieldSpec[]> = {
  records: [
    f('sourceId', '来源编号', 'Source id', ['记录编号', '源记录编号', '数据编号'], true),
    f('sourceSystem', '来源系统', 'Source system', ['数据来源系统']),
    f('subjectKind', '主体类别', 'Subject kind', ['相对人类别', '行政相对人类别', '对象类别']),
    f('subjectName', '主体名称', 'Subject name', ['行政相对人名称', '单位名称', '姓名', '名称']),
    f('uscc', '统一社会信用代码', 'Unified social credit code', ['主体代码', '单位代码', '相对人代码']),
    f('idNumber', '公民身份号码', 'Citizen ID number', ['身份证号', '身份证号码', '证件号码']),
    f('personOrgUscc', '所在单位代码', "Person's body (credit code)", ['所在单位统一社会信用代码', '任职单位代码']),
    f('typeKey', '记录类型', 'Record type', ['类型', '信用记录类型'], true),
    f('severity', '严重程度', 'Severity', ['失信程度', '严重等级']),
    f('facts', '失信事实', 'Facts', ['违法事实', '事实', '主要事实', '表彰事由'], true),
    f('legalBasis', '依据', 'Legal basis', ['处罚依据', '处分依据', '法律依据'], true),
    f('decisionNo', '决定书文号', 'Decision no.', ['处罚决定书文号', '文号', '决定文号'], true),
    f('decisionDate', '决定日期', 'Decision date', ['处罚决定日期', '处分决定日期', '作出决定日期'], true),
    f('effectiveDate', '生效日期', 'Effective date', ['决定生效日期']),
    f('issuingAuthority', '决定机关', 'Issuing authority', ['处罚机关', '作出决定机关', '处分机关'], true),
    f('issuingAuthorityUscc', '决定机关代码', "Issuing authority's credit code", [
      '处罚机关统一社会信用代码',
      '决定机关统一社会信用代码',
    ]),
    f('disclosureScope', '公开范围', 'Disclosure scope', ['是否公开']),
    f('sanctionType', '处分种类', 'Sanction type', ['处分类别']),
    f('offenceCount', '违纪行为数', 'Offence count', []),
    f('combinedMonths', '合并处分期间（月）', 'Combined period (months)', ['合并处分期间']),
    f('payload', '扩展信息', 'Payload (JSON)', ['扩展数据', '业务数据']),
    f('status', '状态', 'Status on entry', ['记录状态']),
  ],
  orgs: [
    f('name', '单位名称', 'Name', ['名称'], true),
    f('shortName', '简称', 'Short name', []),
    f('uscc', '统一社会信用代码', 'Unified social credit code', ['单位代码'], true),
    f('parentUscc', '上级单位代码', "Parent's credit code", ['上级单位统一社会信用代码']),
    f('level', '层级', 'Level', ['单位层级'], true),
    f('kind', '单位类别', 'Kind', ['类别'], true),
    f('areaCode', '行政区划代码', 'Area code', ['区划代码'], true),
  ],
  persons: [
    f('name', '姓名', 'Name', [], true),
    f('idNumber', '公民身份号码', 'Citizen ID number', ['身份证号', '身份证号码'], true),
    f('orgUscc', '任职单位代码', "Body's credit code", ['单位代码', '统一社会信用代码', '任职单位统一社会信用代码']),
    f('postTitle', '职务', 'Post', ['职位', '岗位']),
    f('principal', '主要负责人', 'Principal', ['是否主要负责人']),
    f('leading', '领导职务', 'Leading post', ['是否领导职务']),
    f('startDate', '任职日期', 'Start date', ['任职开始日期']),
    f('endDate', '离任日期', 'End date', ['任职结束日期']),
  ],
};

/** Field key → the heading that holds it in this file (a caller's mapping first, then the defaults). */
export function resolveColumns(
  kind: ImportKind,
  headings: string[],
  mapping: Record<string, string>,
): { columns: Map<string, string>; issues: { field: string; zh: string; en: string; code: string }[] } {
  const columns = new Map<string, string>();
  const issues: { field: string; zh: string; en: string; code: string }[] = [];
  const norm = (s: string) => s.replace(/\s+/g, '').toLowerCase();
  const byNorm = new Map(headings.map((h) => [norm(h), h]));
  const specs = IMPORT_FIELDS[kind];
  for (const [key, heading] of Object.entries(mapping)) {
    if (!specs.some((s) => s.key === key)) {
      issues.push({
        field: key,
        code: 'MAPPING_UNKNOWN_FIELD',
        zh: `列映射中的字段“${key}”不存在`,
        en: `Unknown field ${key} in the mapping`,
      });
      continue;
    }
    const found = byNorm.get(norm(heading));
    if (!found)
      issues.push({
        field: key,
        code: 'MAPPING_COLUMN_MISSING',
        zh: `文件中没有列映射指定的列“${heading}”`,
        en: `The file has no column ${heading}`,
      });
    else columns.set(key, found);
  }
  for (const spec of specs) {
    if (columns.has(spec.key)) continue;
    const found = [spec.key, ...spec.headings].map((h) => byNorm.get(norm(h))).find((h) => h !== undefined);
    if (found) columns.set(spec.key, found);
    else if (spec.required)
      issues.push({
        field: spec.key,
        code: 'TABLE_COLUMN_MISSING',
        zh: `缺少列：${spec.zh}（${spec.key}）`,
        en: `Missing column: ${spec.en} (${spec.key})`,
      });
  }
  return { columns, issues };
}

// ---- cells ------------------------------------------------------------------------------------------------------

export type Cell<T> = { ok: true; value: T } | { ok: false; code: string; zh: string; en: string };
const bad = (code: string, zh: string, en: string): { ok: false; code: string; zh: string; en: string } => ({
  ok: false,
  code,
  zh,
  en,
});

/**
 * A calendar day in the spellings registers use: 2025-08-31, 2025/8/31, 2025.8.31, 2025年8月31日, 20250831, an ISO
 * instant (its date part), or an Excel serial day number.
 */
export function parseLooseDate(raw: string): Cell<string> {
  const s = raw.trim();
  let m =
    /^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?$/.exec(s) ??
    /^(\d{4})(\d{2})(\d{2})$/.exec(s) ??
    /^(\d{4})-(\d{2})-(\d{2})T[\d:.]+(?:Z|[+-]\d{2}:?\d{2})?$/.exec(s);
  if (m) {
    const d = formatLegalDate(Number(m[1]), Number(m[2]), Number(m[3]));
    if (isLegalDate(d)) return { ok: true, value: d };
    return bad('DATE_INVALID', `日期不存在：${s}`, `No such date: ${s}`);
  }
  m = /^(\d{5})(?:\.0+)?$/.exec(s);
  if (m && Number(m[1]) > 20000 && Number(m[1]) < 80000) {
    // Excel's day 1 is 1900-01-01 with the phantom 1900-02-29: serial N is 1899-12-30 + N days.
    const t = new Date(Date.UTC(1899, 11, 30) + Number(m[1]) * 86_400_000);
    return { ok: true, value: t.toISOString().slice(0, 10) };
  }
  return bad(
    'DATE_MALFORMED',
    `日期格式不正确：“${s}”（应如2025-08-31、2025/8/31或2025年8月31日）`,
    `Malformed date "${s}" (use 2025-08-31, 2025/8/31 or 2025年8月31日)`,
  );
}

/** An enumeration cell: the stable code, or its Chinese or English label. */
export function parseEnum<T extends string>(
  raw: string,
  labels: Record<T, { zh: string; en: string }>,
  what: { zh: string; en: string },
  extra: Record<string, T> = {},
): Cell<T> {
  const s = raw.trim();
  for (const [code, l] of Object.entries(labels) as [T, { zh: string; en: string }][]) {
    if (s === code || s === l.zh || s.toLowerCase() === l.en.toLowerCase()) return { ok: true, value: code };
  }
  if (s in extra) return { ok: true, value: extra[s]! };
  const allowed = (Object.values(labels) as { zh: string }[]).map((l) => l.zh).join('、');
  return bad(
    'ENUM_INVALID',
    `${what.zh}“${s}”无效，应为：${allowed}`,
    `Invalid ${what.en} "${s}"; allowed: ${Object.keys(labels).join(', ')}`,
  );
}

export const parseSeverity = (s: string) =>
  parseEnum<Severity>(s, SEVERITY_LABELS, { zh: '严重程度', en: 'severity' }, { 较轻: 'minor', 较重: 'serious' });
export const parseSanction = (s: string) =>
  parseEnum<SanctionType>(s, SANCTION_LABELS, { zh: '处分种类', en: 'sanction type' });
export const parseDisclosure = (s: string) =>
  parseEnum<DisclosureScope>(
    s,
    DISCLOSURE_LABELS,
    { zh: '公开范围', en: 'disclosure scope' },
    { 公开: 'public', 是: 'public', 共享: 'government', 否: 'none' },
  );
export const parseLevel = (s: string) =>
  parseEnum<OrgLevel>(
    s,
    ORG_LEVEL_LABELS,
    { zh: '层级', en: 'level' },
    {
      市: 'city',
      区: 'district',
      区县级: 'district',
      街道: 'street',
      乡镇: 'street',
      街道级: 'street',
      乡镇级: 'street',
    },
  );
export const parseOrgKind = (s: string) =>
  parseEnum<OrgKind>(
    s,
    ORG_KIND_LABELS,
    { zh: '单位类别', en: 'org kind' },
    { 政府: 'government', 部门: 'department', 街道: 'street_office', 乡镇: 'township_government' },
  );

/** The states a record may enter by import (later states come from its own lifecycle, never from a file). */
export const IMPORTABLE_STATUSES = ['draft', 'submitted', 'approved', 'published'] as const;
export type ImportableStatus = (typeof IMPORTABLE_STATUSES)[number];
export function parseImportStatus(s: string): Cell<ImportableStatus> {
  const c = parseEnum<RecordStatus>(s, RECORD_STATUS_LABELS, { zh: '状态', en: 'status' });
  if (!c.ok) return c;
  if ((IMPORTABLE_STATUSES as readonly string[]).includes(c.value))
    return { ok: true, value: c.value as ImportableStatus };
  return bad(
    'STATUS_NOT_IMPORTABLE',
    `记录只能以草稿、待审核、已审核或已公示状态导入（不能导入“${RECORD_STATUS_LABELS[c.value].zh}”）`,
    `Records enter only as draft, submitted, approved or published (not ${c.value})`,
  );
}

export function parseSubjectKind(s: string): Cell<'org' | 'person'> {
  const v = s.trim();
  if (['org', '单位', '法人', '法人及非法人组织', '机关', '组织'].includes(v)) return { ok: true, value: 'org' };
  if (['person', '个人', '自然人', '公务员'].includes(v)) return { ok: true, value: 'person' };
  return bad(
    'ENUM_INVALID',
    `主体类别“${v}”无效，应为：单位、个人`,
    `Invalid subject kind "${v}"; allowed: org, person`,
  );
}

/** A record type by key (kernel or plugin) or by its Chinese label. */
export function parseTypeKey(s: string): Cell<string> {
  const v = s.trim();
  const t = recordTypes().find((t) => t.key === v || t.labelZh === v || t.labelEn.toLowerCase() === v.toLowerCase());
  if (t) return { ok: true, value: t.key };
  return bad('RECORD_TYPE_UNKNOWN', `未知的记录类型“${v}”`, `Unknown record type ${v}`);
}

export function parseBool(s: string): Cell<boolean> {
  const v = s.trim().toLowerCase();
  if (['是', 'y', 'yes', 'true', '1', '√'].includes(v)) return { ok: true, value: true };
  if (['否', 'n', 'no', 'false', '0', ''].includes(v)) return { ok: true, value: false };
  return bad('BOOLEAN_INVALID', `应填“是”或“否”：${s}`, `Must be yes or no: ${s}`);
}

export function parseInt10(s: string, min: number, max: number): Cell<number> {
  const v = s.trim();
  if (/^\d+$/.test(v) && Number(v) >= min && Number(v) <= max) return { ok: true, value: Number(v) };
  return bad('NUMBER_INVALID', `应为${min}至${max}之间的整数`, `Must be an integer ${min}–${max}`);
}

export function parseUsccCell(s: string): Cell<string> {
  const c = checkUscc(s);
  if (!c.ok)
    return bad(c.code, `统一社会信用代码格式错误：${c.reason}`, `Malformed unified social credit code: ${c.code}`);
  return { ok: true, value: c.code };
}

/** GB 11643: the reason would quote digits of the number (its birth date), so the message names only what is wrong. */
export function parseIdNumberCell(s: string): Cell<string> {
  const c = checkIdNumber(s);
  if (!c.ok)
    return bad(
      c.code,
      '公民身份号码有误（位数、出生日期或校验码不符，GB 11643）',
      `Invalid citizen ID number (GB 11643): ${c.code}`,
    );
  return { ok: true, value: c.idNumber };
}

export function parsePayload(s: string): Cell<Record<string, unknown>> {
  if (s.trim() === '') return { ok: true, value: {} };
  try {
    const v = JSON.parse(s) as unknown;
    if (v && typeof v === 'object' && !Array.isArray(v)) return { ok: true, value: v as Record<string, unknown> };
  } catch {
    // fall through
  }
  return bad('PAYLOAD_MALFORMED', '扩展信息应为JSON对象', 'The payload must be a JSON object');
}
