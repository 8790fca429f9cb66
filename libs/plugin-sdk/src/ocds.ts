/**
 * OCDS package import, the part every plugin shares: the releases of a release package compiled per ocid (ocds-merge.ts,
 * whatever order they arrive in) or the records of a record package, each compiled release parsed by the plugin, its
 * buyer found by credit code inside the caller's scope with the plugin enabled, then written by the plugin in its own
 * transaction (one contracting process imported whole or not at all). Errors name the path in the package as sent
 * (`releases[i].<path>` of the release that gave the value, `records[i].compiledRelease.<path>`).
 */
import type { Queryable } from '@chengxin/db';
import { shanghaiDate, withinScope } from '@chengxin/kernel';
import { checkUscc } from '@chengxin/kernel';
import { orgsByUscc, type PluginServices } from './index';
import { ocdsArray, ocdsObject, ocdsString, type OcdsJson } from './ocds-json';
import { compileReleases, type CompiledRelease } from './ocds-merge';

export { ocdsArray, ocdsObject, ocdsString, type OcdsJson };
export interface OcdsReleaseError {
  index: number;
  ocid: string | null;
  field: string;
  messageZh: string;
  messageEn: string;
}
export interface OcdsParsed {
  index: number;
  ocid: string;
  buyerUscc: string;
}
/**
 * A plugin's reading of one compiled release: the value to write, or null when the process has nothing for this plugin
 * yet (a planning or tender stage without a contract: counted as `pending`, not an error); `notices` are what was read
 * but deliberately not stored (a payment to a subcontractor), so nothing is lost silently.
 */
export type OcdsParse<P extends OcdsParsed> = (
  raw: unknown,
  index: number,
  today: string,
) => { ok: true; value: P | null; notices?: OcdsReleaseError[] } | { ok: false; errors: OcdsReleaseError[] };
/** What a write did, per stored item (a process may hold several contracts). */
export interface OcdsWriteCount {
  imported: number;
  updated: number;
  unchanged: number;
  notices?: OcdsReleaseError[];
}

/** A release the plugin refuses while writing it: `field` is the path inside the release. */
export class OcdsReleaseRefused extends Error {
  constructor(
    readonly field: string,
    readonly messageZh: string,
    messageEn: string,
  ) {
    super(messageEn);
  }
}

const DATE_TIME = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})?)?$/;

/**
 * The start every release parser shares: the release object and its ocid, the errors so far, `fail(path, zh, en)`
 * naming `releases[i].<path>`, and `date(path, value, required, future?)` — an OCDS date or date-time read as the
 * Asia/Shanghai day it falls on (a bare date as it is), refused when malformed or (unless `future`) after today.
 */
export function ocdsReleaseReader(raw: unknown, index: number, today: string) {
  const release = ocdsObject(raw);
  const ocid = ocdsString(release?.['ocid']);
  const errors: OcdsReleaseError[] = [];
  const fail = (field: string, zh: string, en: string) =>
    errors.push({ index, ocid, field: `releases[${index}].${field}`, messageZh: zh, messageEn: en });
  if (!release)
    errors.push({
      index,
      ocid: null,
      field: `releases[${index}]`,
      messageZh: '发布（release）不是对象',
      messageEn: 'a release must be an object',
    });
  else if (!ocid) fail('ocid', '缺少ocid（开放合同编号）', 'ocid is missing');
  const date = (field: string, v: unknown, required: boolean, future = false): string | null => {
    if (v === undefined || v === null || v === '') {
      if (required) fail(field, '缺少日期', 'date is missing');
      return null;
    }
    if (
      typeof v !== 'string' ||
      !DATE_TIME.test(v) ||
      Number.isNaN(Date.parse(v.length === 10 ? `${v}T00:00:00+08:00` : v))
    ) {
      fail(field, `日期格式不正确：${String(v)}`, `malformed date: ${String(v)}`);
      return null;
    }
    const day = v.length === 10 ? v : shanghaiDate(new Date(v));
    if (!future && day > today) fail(field, `日期不能晚于今天：${day}`, `date is in the future: ${day}`);
    return day;
  };
  return { release, ocid, errors, fail, date };
}

/**
 * A party's 统一社会信用代码, checked as the forms check it (GB 32100: 18 characters of the code's charset, area digits):
 * the identifier must say `scheme: "CN-USCC"` and carry a well-formed code, or the release is refused naming
 * `parties[i].identifier.*`. A check character that does not match is kept with a notice, as the kernel does for the
 * early pilot codes that fail the check yet are legal.
 */
export function ocdsPartyUscc(
  parties: OcdsJson[],
  i: number,
  fail: (field: string, zh: string, en: string) => void,
  notice: (field: string, zh: string, en: string) => void,
  roleZh: string,
): string | null {
  const id = ocdsObject(parties[i]?.['identifier']);
  const code = id?.['id'];
  if (id?.['scheme'] !== 'CN-USCC') {
    fail(
      `parties[${i}].identifier.scheme`,
      `${roleZh}的标识方案须为CN-USCC（统一社会信用代码）`,
      'identifier.scheme must be CN-USCC',
    );
    return null;
  }
  const check = typeof code === 'string' ? checkUscc(code) : null;
  if (!check || !check.ok) {
    fail(
      `parties[${i}].identifier.id`,
      `${roleZh}的统一社会信用代码不正确：${String(code ?? '')}${check && !check.ok ? `（${check.reason}）` : ''}`,
      `malformed unified social credit code: ${String(code ?? '')}`,
    );
    return null;
  }
  if (check.warning)
    notice(
      `parties[${i}].identifier.id`,
      `${roleZh}的统一社会信用代码校验位不符（应为${check.warning.expected}），已按原样登记`,
      `the check character does not match (expected ${check.warning.expected}); stored as given`,
    );
  return check.code;
}

/** One contracting process to import: its compiled release, where it came from, and its index in the package. */
export interface OcdsProcess {
  index: number;
  compiled: CompiledRelease;
}

/**
 * The contracting processes of a package: a release package's releases grouped by ocid and compiled (any order); a
 * record package's records, each its `compiledRelease` or, when it carries only releases, those compiled. What cannot
 * be read (no ocid, a record with only linked releases) is an error with its path.
 */
export function ocdsProcesses(pkg: OcdsJson): { processes: OcdsProcess[]; errors: OcdsReleaseError[]; count: number } {
  const errors: OcdsReleaseError[] = [];
  const processes: OcdsProcess[] = [];
  const err = (index: number, ocid: string | null, field: string, zh: string, en: string) =>
    errors.push({ index, ocid, field, messageZh: zh, messageEn: en });
  if (Array.isArray(pkg['releases'])) {
    const groups = new Map<string, { index: number; list: { release: OcdsJson; at: string }[] }>();
    pkg['releases'].forEach((raw, i) => {
      const release = ocdsObject(raw);
      const ocid = ocdsString(release?.['ocid']);
      if (!release) return err(i, null, `releases[${i}]`, '发布（release）不是对象', 'a release must be an object');
      if (!ocid) return err(i, null, `releases[${i}].ocid`, '缺少ocid（开放合同编号）', 'ocid is missing');
      const g = groups.get(ocid) ?? { index: i, list: [] };
      g.list.push({ release, at: `releases[${i}]` });
      groups.set(ocid, g);
    });
    for (const [ocid, g] of groups) {
      // Releases of one process are ordered by date; one without a valid date cannot be placed, so the process waits.
      const undated =
        g.list.length > 1 ? g.list.find((r) => Number.isNaN(Date.parse(String(r.release['date'] ?? '')))) : undefined;
      if (undated)
        err(
          g.index,
          ocid,
          `${undated.at}.date`,
          '同一ocid有多个发布时，每个发布须有有效的date（用于按时间合并）',
          'with several releases of one ocid, each needs a valid date to be merged in order',
        );
      else processes.push({ index: g.index, compiled: compileReleases(ocid, g.list) });
    }
    return { processes, errors, count: pkg['releases'].length };
  }
  if (Array.isArray(pkg['records'])) {
    pkg['records'].forEach((raw, i) => {
      const record = ocdsObject(raw);
      const ocid = ocdsString(record?.['ocid']);
      if (!record || !ocid)
        return err(i, null, `records[${i}].ocid`, '记录（record）缺少ocid', 'the record has no ocid');
      const compiled = ocdsObject(record['compiledRelease']);
      if (compiled) {
        const at = `records[${i}].compiledRelease`;
        return void processes.push({
          index: i,
          compiled: { ocid, release: { ...compiled, ocid }, sources: [at], locate: (p) => (p ? `${at}.${p}` : at) },
        });
      }
      const full = ocdsArray(record['releases'])
        .map(ocdsObject)
        .filter((r): r is OcdsJson => r !== null && !('url' in r && !('tag' in r)));
      if (full.length === 0)
        return err(
          i,
          ocid,
          `records[${i}].compiledRelease`,
          '记录既无compiledRelease，也无完整的releases（仅有链接的发布无法读取）',
          'the record has no compiledRelease and no embedded releases (linked releases cannot be read)',
        );
      processes.push({
        index: i,
        compiled: compileReleases(
          ocid,
          full.map((r, j) => ({ release: r, at: `records[${i}].releases[${j}]` })),
        ),
      });
    });
    return { processes, errors, count: pkg['records'].length };
  }
  err(-1, null, 'package.releases', '文件中没有releases或records', 'the package has no releases or records');
  return { processes, errors, count: 0 };
}

/** The compiled releases of a package (as an importer reads them), without their origins. */
export function ocdsReleases(pkg: OcdsJson): OcdsJson[] {
  return ocdsProcesses(pkg).processes.map((p) => p.compiled.release);
}

export interface OcdsImportOptions<P extends OcdsParsed> {
  parse: OcdsParse<P>;
  enabled: (orgId: string) => Promise<boolean>;
  /** The buyer's role in this sector (采购人 / 招标人 / 实施机构) and the plugin's name, for the refusals. */
  buyerRole: { zh: string; en: string };
  pluginName: { zh: string; en: string };
  /** Writes one process (inside `s.write`); says how many items it stored new, changed or found unchanged. */
  write: (p: P, buyer: { id: string; path: string }) => Promise<OcdsWriteCount>;
}

export interface OcdsImportResult {
  /** Releases (or records) in the package, and the contracting processes they compiled into. */
  releases: number;
  processes: number;
  imported: number;
  updated: number;
  unchanged: number;
  /** Processes with nothing to store yet (planning, an open tender). */
  pending: number;
  errors: OcdsReleaseError[];
  notices: OcdsReleaseError[];
}

export async function importOcdsPackage<P extends OcdsParsed>(
  s: PluginServices,
  db: Queryable,
  pkg: OcdsJson,
  o: OcdsImportOptions<P>,
): Promise<OcdsImportResult> {
  const { processes, errors, count } = ocdsProcesses(pkg);
  const notices: OcdsReleaseError[] = [];
  // The plugin names paths in the compiled release (`releases[g].awards[1].date`); each is moved to where it was sent.
  const relocate =
    (proc: OcdsProcess) =>
    (e: OcdsReleaseError): OcdsReleaseError => {
      const prefix = `releases[${proc.index}]`;
      const inner =
        e.field === prefix ? '' : e.field.startsWith(`${prefix}.`) ? e.field.slice(prefix.length + 1) : null;
      const field = inner === null ? e.field : proc.compiled.locate(inner);
      const at = /^(?:releases|records)\[(\d+)\]/.exec(field);
      return { ...e, index: at ? Number(at[1]) : proc.index, ocid: proc.compiled.ocid, field };
    };
  const parsed: { proc: OcdsProcess; value: P }[] = [];
  let pending = 0;
  for (const proc of processes) {
    const result = o.parse(proc.compiled.release, proc.index, s.today);
    if (!result.ok) {
      errors.push(...result.errors.map(relocate(proc)));
      continue;
    }
    notices.push(...(result.notices ?? []).map(relocate(proc)));
    if (result.value) parsed.push({ proc, value: result.value });
    else pending += 1;
  }
  const buyers = await orgsByUscc(
    db,
    parsed.map((p) => p.value.buyerUscc),
  );
  const total = { imported: 0, updated: 0, unchanged: 0 };
  for (const { proc, value: p } of parsed) {
    const buyer = buyers.get(p.buyerUscc);
    const refuse = (zh: string, en: string) =>
      errors.push(
        relocate(proc)({
          index: proc.index,
          ocid: p.ocid,
          field: `releases[${proc.index}].parties`,
          messageZh: zh,
          messageEn: en,
        }),
      );
    if (!buyer || !withinScope(s.scope, buyer.path)) {
      refuse(
        `${o.buyerRole.zh}（${p.buyerUscc}）不是本辖区内已登记的单位`,
        `${o.buyerRole.en} ${p.buyerUscc} is not a known body in your scope`,
      );
      continue;
    }
    if (!(await o.enabled(buyer.id))) {
      refuse(
        `${o.pluginName.zh}未对该${o.buyerRole.zh}启用`,
        `${o.pluginName.en} is not enabled for this ${o.buyerRole.en}`,
      );
      continue;
    }
    const done = await o.write(p, buyer).catch((error: Error) => {
      const refused = error instanceof OcdsReleaseRefused ? error : null;
      errors.push(
        relocate(proc)({
          index: proc.index,
          ocid: p.ocid,
          field: `releases[${proc.index}]${refused ? `.${refused.field}` : ''}`,
          messageZh: `该合同过程未导入：${refused?.messageZh ?? '写入失败'}`,
          messageEn: refused?.message ?? 'write failed',
        }),
      );
      return null;
    });
    if (!done) continue;
    total.imported += done.imported;
    total.updated += done.updated;
    total.unchanged += done.unchanged;
    notices.push(...(done.notices ?? []).map(relocate(proc)));
  }
  return { releases: count, processes: processes.length, ...total, pending, errors, notices };
}
