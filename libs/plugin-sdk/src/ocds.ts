/**
 * OCDS package import, the part every plugin shares: the releases of a release or record package, each parsed by the
 * plugin, its buyer found by credit code inside the caller's scope with the plugin enabled, then written by the
 * plugin in its own transaction (one release imported whole or not at all). Errors name `releases[i].<path>`.
 */
import type { Queryable } from '@chengxin/db';
import { shanghaiDate, withinScope } from '@chengxin/kernel';
import { orgsByUscc, type PluginServices } from './index';

export type OcdsJson = Record<string, unknown>;
export interface OcdsReleaseError { index: number; ocid: string | null; field: string; messageZh: string; messageEn: string }
export interface OcdsParsed { index: number; ocid: string; buyerUscc: string }
export type OcdsParse<P extends OcdsParsed> = (raw: unknown, index: number, today: string) => { ok: true; value: P } | { ok: false; errors: OcdsReleaseError[] };

/** A release the plugin refuses while writing it: `field` is the path inside the release. */
export class OcdsReleaseRefused extends Error {
  constructor(readonly field: string, readonly messageZh: string, messageEn: string) {
    super(messageEn);
  }
}

/** Reading untyped OCDS JSON: an object, an array, a non-blank string — or their absence. */
export const ocdsObject = (v: unknown): OcdsJson | null => (v && typeof v === 'object' && !Array.isArray(v) ? (v as OcdsJson) : null);
export const ocdsArray = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
export const ocdsString = (v: unknown): string | null => (typeof v === 'string' && v.trim() ? v.trim() : null);
const obj = ocdsObject;
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
  const fail = (field: string, zh: string, en: string) => errors.push({ index, ocid, field: `releases[${index}].${field}`, messageZh: zh, messageEn: en });
  if (!release) errors.push({ index, ocid: null, field: `releases[${index}]`, messageZh: '发布（release）不是对象', messageEn: 'a release must be an object' });
  else if (!ocid) fail('ocid', '缺少ocid（开放合同编号）', 'ocid is missing');
  const date = (field: string, v: unknown, required: boolean, future = false): string | null => {
    if (v === undefined || v === null || v === '') {
      if (required) fail(field, '缺少日期', 'date is missing');
      return null;
    }
    if (typeof v !== 'string' || !DATE_TIME.test(v) || Number.isNaN(Date.parse(v.length === 10 ? `${v}T00:00:00+08:00` : v))) {
      fail(field, `日期格式不正确：${String(v)}`, `malformed date: ${String(v)}`);
      return null;
    }
    const day = v.length === 10 ? v : shanghaiDate(new Date(v));
    if (!future && day > today) fail(field, `日期不能晚于今天：${day}`, `date is in the future: ${day}`);
    return day;
  };
  return { release, ocid, errors, fail, date };
}

/** The releases of a release package, or the compiled releases of a record package. */
export function ocdsReleases(pkg: OcdsJson): unknown[] {
  if (Array.isArray(pkg['releases'])) return pkg['releases'];
  if (Array.isArray(pkg['records'])) return pkg['records'].map((r) => obj(r)?.['compiledRelease'] ?? r);
  return [];
}

export interface OcdsImportOptions<P extends OcdsParsed> {
  parse: OcdsParse<P>;
  enabled: (orgId: string) => Promise<boolean>;
  /** The buyer's role in this sector (采购人 / 招标人 / 实施机构) and the plugin's name, for the refusals. */
  buyerRole: { zh: string; en: string };
  pluginName: { zh: string; en: string };
  /** Writes one release (inside `s.write`); returns whether it was new. */
  write: (p: P, buyer: { id: string; path: string }) => Promise<boolean>;
}

export async function importOcdsPackage<P extends OcdsParsed>(s: PluginServices, db: Queryable, pkg: OcdsJson, o: OcdsImportOptions<P>) {
  const raw = ocdsReleases(pkg);
  const errors: OcdsReleaseError[] = [];
  if (raw.length === 0) errors.push({ index: -1, ocid: null, field: 'package.releases', messageZh: '文件中没有releases或records', messageEn: 'the package has no releases or records' });
  const parsed: P[] = [];
  for (const [i, r] of raw.entries()) {
    const result = o.parse(r, i, s.today);
    if (result.ok) parsed.push(result.value);
    else errors.push(...result.errors);
  }
  const buyers = await orgsByUscc(db, parsed.map((p) => p.buyerUscc));
  let imported = 0;
  let updated = 0;
  for (const p of parsed) {
    const buyer = buyers.get(p.buyerUscc);
    const refuse = (zh: string, en: string) => errors.push({ index: p.index, ocid: p.ocid, field: `releases[${p.index}].parties`, messageZh: zh, messageEn: en });
    if (!buyer || !withinScope(s.scope, buyer.path)) { refuse(`${o.buyerRole.zh}（${p.buyerUscc}）不是本辖区内已登记的单位`, `${o.buyerRole.en} ${p.buyerUscc} is not a known body in your scope`); continue; }
    if (!(await o.enabled(buyer.id))) { refuse(`${o.pluginName.zh}未对该${o.buyerRole.zh}启用`, `${o.pluginName.en} is not enabled for this ${o.buyerRole.en}`); continue; }
    const wasNew = await o.write(p, buyer).catch((error: Error) => {
      const refused = error instanceof OcdsReleaseRefused ? error : null;
      errors.push({ index: p.index, ocid: p.ocid, field: `releases[${p.index}].${refused?.field ?? 'ocid'}`, messageZh: `该发布未导入：${refused?.messageZh ?? '写入失败'}`, messageEn: refused?.message ?? 'write failed' });
      return null;
    });
    if (wasNew === true) imported += 1;
    else if (wasNew === false) updated += 1;
  }
  return { releases: raw.length, imported, updated, errors };
}
