/**
 * OCDS 1.1 compiled-release merging, as the standard's merge routine specifies (schema/merging.md in
 * open-contracting/standard, 1.1.5): the releases of one ocid in date order (oldest first, the package's order for equal
 * dates); `id`, `date` and `tag` discarded (omitWhenMerged); objects merged field by field; a `null` removes the field;
 * arrays of objects merged by their `id` (identifier merge), an empty one changing nothing; other arrays, arrays whose
 * objects lack an `id` and the schema's `wholeListMerge` fields replaced whole. The compiled release gets
 * `tag: ["compiled"]`, `date` = the latest release date and `id` = `{ocid}-{date}`.
 *
 * Because an importer reads the compiled release but a person fixes the releases they sent, every node of the result
 * remembers where its current value came from: `locate('awards[1].date')` answers `releases[4].awards[0].date`.
 */
import { ocdsObject, type OcdsJson } from './ocds-json';

/** Fields the 1.1 release schema marks `wholeListMerge` (array items written `[]`): replaced whole, never merged by id. */
const WHOLE_LIST = new Set([
  'parties[].additionalIdentifiers',
  'buyer.additionalIdentifiers',
  'tender.procuringEntity.additionalIdentifiers',
  'tender.items[].additionalClassifications',
  'tender.tenderers[].additionalIdentifiers',
  'awards[].suppliers[].additionalIdentifiers',
  'awards[].items[].additionalClassifications',
  'contracts[].items[].additionalClassifications',
  'contracts[].implementation.transactions[].payer.additionalIdentifiers',
  'contracts[].implementation.transactions[].payee.additionalIdentifiers',
]);
const OMIT_WHEN_MERGED = new Set(['id', 'date', 'tag']);

/** One release as sent, with the path it has in the package (`releases[3]`, `records[0].releases[1]`). */
export interface OcdsSourceRelease {
  release: OcdsJson;
  at: string;
}

export interface CompiledRelease {
  ocid: string;
  release: OcdsJson;
  /** The package paths of the releases merged, oldest first. */
  sources: string[];
  /** The package path of a compiled path's current value (`contracts[2].value.amount` → `releases[5].contracts[0].value.amount`). */
  locate: (path: string) => string;
}

const join = (base: string, key: string) => (base ? `${base}.${key}` : key);
const same = (a: unknown, b: unknown) =>
  a !== undefined && a !== null && b !== undefined && b !== null && String(a) === String(b);

/** The milliseconds of an OCDS date-time, or NaN. */
export const ocdsTime = (v: unknown): number =>
  typeof v === 'string' ? Date.parse(v.length === 10 ? `${v}T00:00:00+08:00` : v) : NaN;

/** Compiles the releases of one ocid; they need not arrive in order. */
export function compileReleases(ocid: string, sources: OcdsSourceRelease[]): CompiledRelease {
  const ordered = sources
    .map((s, i) => ({ ...s, i, t: ocdsTime(s.release['date']) }))
    .sort((a, b) => a.t - b.t || a.i - b.i);
  const origin = new Map<string, string>();
  const out: OcdsJson = {};

  const mergeObject = (
    target: OcdsJson,
    input: OcdsJson,
    cPath: string,
    sPath: string,
    schemaPath: string,
    root: boolean,
  ) => {
    for (const [key, value] of Object.entries(input)) {
      if (root && OMIT_WHEN_MERGED.has(key)) continue;
      const cp = join(cPath, key);
      const sp = join(sPath, key);
      const schema = join(schemaPath, key);
      if (value === null) {
        delete target[key];
        continue;
      }
      if (ocdsObject(value)) {
        if (!ocdsObject(target[key])) target[key] = {};
        origin.set(cp, sp);
        mergeObject(target[key] as OcdsJson, value as OcdsJson, cp, sp, schema, false);
      } else if (
        Array.isArray(value) &&
        value.every((x) => ocdsObject(x) && 'id' in (x as OcdsJson)) &&
        !WHOLE_LIST.has(schema)
      ) {
        // Identifier merge (an empty array is "nothing to merge").
        if (value.length === 0) continue;
        if (!Array.isArray(target[key])) target[key] = [];
        const list = target[key] as unknown[];
        origin.set(cp, sp);
        value.forEach((item, j) => {
          let at = list.findIndex((x) => same(ocdsObject(x)?.['id'], (item as OcdsJson)['id']));
          if (at < 0) {
            list.push({});
            at = list.length - 1;
          }
          origin.set(`${cp}[${at}]`, `${sp}[${j}]`);
          mergeObject(list[at] as OcdsJson, item as OcdsJson, `${cp}[${at}]`, `${sp}[${j}]`, `${schema}[]`, false);
        });
      } else {
        target[key] = structuredClone(value);
        origin.set(cp, sp);
      }
    }
  };
  for (const s of ordered) mergeObject(out, s.release, '', s.at, '', true);

  const latest = ordered.filter((s) => Number.isFinite(s.t)).at(-1);
  const date = typeof latest?.release['date'] === 'string' ? latest.release['date'] : null;
  const release: OcdsJson = {
    ...out,
    ocid,
    id: `${ocid}-${date ?? 'undated'}`,
    ...(date ? { date } : {}),
    tag: ['compiled'],
  };
  const last = ordered.at(-1)?.at ?? 'releases';
  return {
    ocid,
    release,
    sources: ordered.map((s) => s.at),
    locate(path: string) {
      if (path === '') return last;
      // The longest prefix of the path that has an origin, then the rest of the path as written.
      const parts = path.match(/[^.[\]]+|\[\d+\]/g) ?? [];
      for (let n = parts.length; n > 0; n -= 1) {
        const prefix = parts.slice(0, n).reduce((p, s) => (s.startsWith('[') ? `${p}${s}` : join(p, s)), '');
        const found = origin.get(prefix);
        if (found) return found + path.slice(prefix.length);
      }
      return join(last, path);
    },
  };
}
