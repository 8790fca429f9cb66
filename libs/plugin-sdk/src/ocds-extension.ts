/**
 * Our own OCDS extensions: the fields the procurement, bidding and PPP plugins publish beside the 1.1 schema, each
 * described as an OCDS extension (libs/plugin-sdk/ocds-extensions/<plugin>/: extension.json per the OCDS extension
 * specification, release-schema.json as a JSON Merge Patch of the release schema, codelists, README). Every package a
 * plugin publishes lists its extension's URL; the server serves the files there, and `checkExtensionFields` validates
 * a package's releases against the release schema as our patch changes it (JSON Schema, with Ajv).
 */
import { readFileSync } from 'node:fs';
import { Ajv, type ValidateFunction } from 'ajv';
import { ocdsArray, ocdsObject, type OcdsJson } from './ocds-json';
import { ocdsBaseUri } from './ocds-publish';

export const OCDS_EXTENSION_PLUGINS = ['procurement', 'bidding', 'ppp'] as const;
export type OcdsExtensionPlugin = (typeof OCDS_EXTENSION_PLUGINS)[number];

const dir = new URL('../ocds-extensions/', import.meta.url);
const isOurs = (p: string): p is OcdsExtensionPlugin => (OCDS_EXTENSION_PLUGINS as readonly string[]).includes(p);
const extensionPath = (pluginId: string) => `/api/v1/ocds/extensions/${pluginId}/`;

/** The public URL of a plugin's extension.json, as the packages list it in `extensions`. */
export const ocdsExtensionUri = (pluginId: string) => `${ocdsBaseUri()}${extensionPath(pluginId)}extension.json`;

const read = (pluginId: string, file: string) => readFileSync(new URL(`${pluginId}/${file}`, dir), 'utf8');
const descriptor = (pluginId: OcdsExtensionPlugin) =>
  JSON.parse(read(pluginId, 'extension.json')) as { schemas: string[]; codelists?: string[] } & OcdsJson;

/**
 * One file of a plugin's extension, for the public route: only the files extension.json names (and itself and the
 * README), so no other path can be read. extension.json gets its documentation URL made absolute.
 */
export function ocdsExtensionFile(pluginId: string, file: string): { body: string; contentType: string } | null {
  if (!isOurs(pluginId)) return null;
  const ext = descriptor(pluginId);
  if (file === 'extension.json') {
    const body = { ...ext, documentationUrl: { en: `${ocdsBaseUri()}${extensionPath(pluginId)}README.md` } };
    return { body: `${JSON.stringify(body, null, 2)}\n`, contentType: 'application/json; charset=utf-8' };
  }
  if (file === 'README.md') return { body: read(pluginId, file), contentType: 'text/markdown; charset=utf-8' };
  if (ext.schemas.includes(file)) return { body: read(pluginId, file), contentType: 'application/json; charset=utf-8' };
  const codelist = file.startsWith('codelists/') ? file.slice('codelists/'.length) : null;
  if (codelist && (ext.codelists ?? []).includes(codelist))
    return { body: read(pluginId, file), contentType: 'text/csv; charset=utf-8' };
  return null;
}

// ---- Validation against the patched release schema -----------------------------------------------------------

/**
 * The part of the OCDS 1.1 release schema (release-schema.json, 1.1.5) our patches touch, with its structure as the
 * official schema has it: the tender, contracts with their milestones and implementation milestones.
 */
const BASE: OcdsJson = {
  type: 'object',
  properties: {
    tender: { $ref: '#/definitions/Tender' },
    contracts: { type: 'array', items: { $ref: '#/definitions/Contract' } },
  },
  definitions: {
    Tender: { type: 'object', properties: { id: { type: ['string', 'integer'] } } },
    Contract: {
      type: 'object',
      properties: {
        milestones: { type: 'array', items: { $ref: '#/definitions/Milestone' } },
        implementation: { $ref: '#/definitions/Implementation' },
      },
    },
    Implementation: {
      type: 'object',
      properties: { milestones: { type: 'array', items: { $ref: '#/definitions/Milestone' } } },
    },
    Milestone: { type: 'object', properties: { code: { type: ['string', 'null'] } } },
  },
};

/** JSON Merge Patch (RFC 7386), how an OCDS extension's release-schema.json applies to the release schema. */
export function mergePatch(target: unknown, patch: unknown): unknown {
  const p = ocdsObject(patch);
  if (!p) return patch;
  const out: OcdsJson = { ...(ocdsObject(target) ?? {}) };
  for (const [k, v] of Object.entries(p)) {
    if (v === null) delete out[k];
    else out[k] = mergePatch(out[k], v);
  }
  return out;
}

/** Our open codelists name values a reader may extend; what we publish ourselves comes from them (as in checkOcdsPackage). */
function withCodelists(pluginId: OcdsExtensionPlugin, schema: unknown): unknown {
  const o = ocdsObject(schema);
  if (!o) return Array.isArray(schema) ? schema.map((x) => withCodelists(pluginId, x)) : schema;
  const out = Object.fromEntries(Object.entries(o).map(([k, v]) => [k, withCodelists(pluginId, v)]));
  if (typeof o['codelist'] === 'string' && !o['enum']) {
    const codes = read(pluginId, `codelists/${o['codelist']}`)
      .trim()
      .split('\n')
      .slice(1)
      .map((line) => line.split(',')[0]!);
    out['enum'] = [...codes, null];
  }
  return out;
}

const ajv = new Ajv({ allErrors: true, allowUnionTypes: true });
ajv.addVocabulary(['codelist', 'openCodelist']);
const validators = new Map<OcdsExtensionPlugin, ValidateFunction>();
function validatorFor(pluginId: OcdsExtensionPlugin): ValidateFunction {
  let v = validators.get(pluginId);
  if (!v) {
    const patch = JSON.parse(read(pluginId, 'release-schema.json')) as unknown;
    v = ajv.compile(withCodelists(pluginId, mergePatch(BASE, patch)) as object);
    validators.set(pluginId, v);
  }
  return v;
}

/** The plugin whose extension an `extensions` URL names (ours, on any host), or null. */
export function ourExtensionIn(url: unknown): OcdsExtensionPlugin | null {
  const m = typeof url === 'string' ? /\/api\/v1\/ocds\/extensions\/([a-z-]+)\/extension\.json$/.exec(url) : null;
  return m && isOurs(m[1]!) ? m[1] : null;
}

/**
 * Validates every release of a package against the release schema patched by each of our extensions the package
 * lists; the issues name the path inside the package (`releases[0].contracts[1].paymentTermDays`).
 */
export function checkExtensionFields(pkg: OcdsJson): { path: string; problem: string }[] {
  const plugins = ocdsArray(pkg['extensions'])
    .map(ourExtensionIn)
    .filter((p): p is OcdsExtensionPlugin => p !== null);
  const releases: [unknown, string][] = Array.isArray(pkg['releases'])
    ? pkg['releases'].map((r, i) => [r, `releases[${i}]`])
    : ocdsArray(pkg['records']).flatMap((rec, i) => [
        ...ocdsArray(ocdsObject(rec)?.['releases']).map((r, j): [unknown, string] => [
          r,
          `records[${i}].releases[${j}]`,
        ]),
        ...(ocdsObject(rec)?.['compiledRelease'] === undefined
          ? []
          : [[ocdsObject(rec)!['compiledRelease'], `records[${i}].compiledRelease`] as [unknown, string]]),
      ]);
  const issues: { path: string; problem: string }[] = [];
  for (const plugin of plugins) {
    const validate = validatorFor(plugin);
    for (const [release, at] of releases) {
      if (validate(release)) continue;
      for (const e of validate.errors ?? [])
        issues.push({
          path: `${at}${e.instancePath.replace(/\/(\d+)(?=\/|$)/g, '[$1]').replace(/\//g, '.')}`,
          problem: `${plugin} extension: ${e.message ?? 'invalid'}`,
        });
    }
  }
  return issues;
}
