/**
 * Publishing OCDS 1.1: the package envelopes (release package, record package), the conventions every plugin shares
 * (ocid prefix, party ids, dates, money) and a check of what the official 1.1 schemas require
 * (release-package-schema.json, record-package-schema.json, release-schema.json in open-contracting/standard, 1.1.5):
 * required fields, the closed codelists, date-time and identifier formats. Pure, so a test can run it on any package.
 */
import { settingValue } from '@chengxin/contract/settings';
import { checkExtensionFields } from './ocds-extension';
import { ocdsArray, ocdsObject, ocdsString, type OcdsJson } from './ocds-json';

export const OCDS_VERSION = '1.1';

/**
 * The deployment's ocid prefix (registered with the Open Contracting Partnership, `ocds-` and six characters). A
 * setting: `CHENGXIN_OCDS_PREFIX`; the default is a placeholder to be replaced before publishing for real.
 */
export const ocdsPrefix = () => settingValue('CHENGXIN_OCDS_PREFIX') ?? 'ocds-cx0000';
/** Where the packages say they are published (the portal's origin): `CHENGXIN_PUBLIC_URL`. */
export const ocdsBaseUri = () => (settingValue('CHENGXIN_PUBLIC_URL') ?? 'http://127.0.0.1:3000').replace(/\/$/, '');

/** A contracting process we hold without an ocid gets one under our prefix, stable for ever. */
export const ocidFor = (plugin: string, id: string) => `${ocdsPrefix()}-${plugin}-${id}`;
/** A party's id inside a release: the identifier scheme and code (org-id.guide style). */
export const partyId = (uscc: string) => `CN-USCC-${uscc}`;
/** A legal day as an OCDS date-time: midnight in Shanghai, so an importer reads the same day back. */
export const ocdsDay = (day: string | null | undefined) => (day ? `${day}T00:00:00+08:00` : undefined);
/** Money in fen as an OCDS Value. */
export const ocdsMoney = (fen: number) => ({ amount: fen / 100, currency: 'CNY' });

/** A party as we publish it: a body or a firm by its credit code and name, never a person. */
export function ocdsParty(uscc: string, name: string, roles: string[], scale?: 'sme' | 'large'): OcdsJson {
  return {
    id: partyId(uscc),
    name,
    identifier: { scheme: 'CN-USCC', id: uscc, legalName: name },
    roles,
    ...(scale ? { details: { scale } } : {}),
  };
}

/** Drops undefined fields (JSON would drop them anyway; the checks and the round trip compare exact objects). */
export function compact<T>(v: T): T {
  return JSON.parse(JSON.stringify(v)) as T;
}

export interface OcdsPublisher {
  name: string;
  scheme?: string;
  uid?: string;
}

/** The official extensions our releases use (the PPP profile's, and lots for tenders in lots); our own fields are our extensions (ocds-extension.ts). */
export const OCDS_EXTENSIONS = {
  riskAllocation:
    'https://raw.githubusercontent.com/open-contracting-extensions/ocds_riskAllocation_extension/master/extension.json',
  performanceFailures:
    'https://raw.githubusercontent.com/open-contracting-extensions/ocds_performance_failures/master/extension.json',
  project: 'https://raw.githubusercontent.com/open-contracting-extensions/ocds_project_extension/master/extension.json',
  lots: 'https://raw.githubusercontent.com/open-contracting-extensions/ocds_lots_extension/master/extension.json',
} as const;

const envelope = (path: string, publisher: OcdsPublisher, publishedDate: string, extensions: readonly string[]) =>
  compact({
    uri: `${ocdsBaseUri()}${path}`,
    version: OCDS_VERSION,
    publishedDate,
    publisher,
    license: 'https://creativecommons.org/licenses/by/4.0/',
    publicationPolicy: `${ocdsBaseUri()}/ocds/policy`,
    ...(extensions.length ? { extensions: [...extensions] } : {}),
  });

export function releasePackage(
  path: string,
  publisher: OcdsPublisher,
  publishedDate: string,
  releases: OcdsJson[],
  extensions: readonly string[] = [],
): OcdsJson {
  return { ...envelope(path, publisher, publishedDate, extensions), releases };
}

/** A record package: each process's current state as its compiled release, with that release embedded. */
export function recordPackage(
  path: string,
  publisher: OcdsPublisher,
  publishedDate: string,
  releases: OcdsJson[],
  extensions: readonly string[] = [],
): OcdsJson {
  return {
    ...envelope(path, publisher, publishedDate, extensions),
    records: releases.map((r) => ({
      ocid: r['ocid'],
      releases: [r],
      compiledRelease: { ...r, id: `${String(r['ocid'])}-${String(r['date'])}`, tag: ['compiled'] },
    })),
  };
}

// ---- What the 1.1 schemas require ------------------------------------------------------------------------------

const CODELISTS = {
  releaseTag: [
    'planning',
    'planningUpdate',
    'tender',
    'tenderAmendment',
    'tenderUpdate',
    'tenderCancellation',
    'award',
    'awardUpdate',
    'awardCancellation',
    'contract',
    'contractUpdate',
    'contractAmendment',
    'implementation',
    'implementationUpdate',
    'contractTermination',
    'compiled',
  ],
  initiationType: ['tender'],
  tenderStatus: ['planning', 'planned', 'active', 'cancelled', 'unsuccessful', 'complete', 'withdrawn'],
  awardStatus: ['pending', 'active', 'cancelled', 'unsuccessful'],
  contractStatus: ['pending', 'active', 'cancelled', 'terminated'],
  milestoneStatus: ['scheduled', 'met', 'notMet', 'partiallyMet'],
  procurementMethod: ['open', 'selective', 'limited', 'direct'],
  // Open codelists: other values are allowed by the schema, but ours must come from these.
  partyRole: [
    'buyer',
    'procuringEntity',
    'supplier',
    'tenderer',
    'funder',
    'enquirer',
    'payer',
    'payee',
    'reviewBody',
    'interestedParty',
    'privateParty',
  ],
  milestoneType: [
    'preProcurement',
    'approval',
    'engagement',
    'assessment',
    'delivery',
    'reporting',
    'financing',
    'payment',
  ],
} as const;
const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;
const URI = /^https?:\/\/[^\s]+$/;
const VERSION = /^(\d+\.)(\d+)$/;
const CURRENCY = /^[A-Z]{3}$/;
const USCC = /^[0-9A-HJ-NPQRTUWXY]{2}\d{6}[0-9A-HJ-NPQRTUWXY]{10}$/;

export interface OcdsSchemaIssue {
  path: string;
  problem: string;
}

/**
 * Checks a release or record package against what the OCDS 1.1 schemas require; an empty list means it passes these
 * checks (the full JSON Schema is applied from outside, e.g. with the OCDS Data Review Tool).
 */
export function checkOcdsPackage(pkg: OcdsJson): OcdsSchemaIssue[] {
  const issues: OcdsSchemaIssue[] = [];
  const bad = (path: string, problem: string) => issues.push({ path, problem });
  const required = (o: OcdsJson | null, path: string, keys: string[]) =>
    keys.forEach((k) => {
      if (o?.[k] === undefined || o[k] === null || o[k] === '') bad(path ? `${path}.${k}` : k, 'required');
    });
  const dateTime = (v: unknown, path: string) => {
    if (v !== undefined && (typeof v !== 'string' || !DATE_TIME.test(v) || Number.isNaN(Date.parse(v))))
      bad(path, 'not a date-time');
  };
  const code = (list: readonly string[], v: unknown, path: string) => {
    if (v !== undefined && !list.includes(String(v))) bad(path, `not in the codelist: ${String(v)}`);
  };
  const value = (v: unknown, path: string) => {
    const o = ocdsObject(v);
    if (!o) return;
    if (typeof o['amount'] !== 'number' || !Number.isFinite(o['amount'])) bad(`${path}.amount`, 'not a number');
    if (typeof o['currency'] !== 'string' || !CURRENCY.test(o['currency']))
      bad(`${path}.currency`, 'not an ISO 4217 code');
  };
  const period = (v: unknown, path: string) => {
    const o = ocdsObject(v);
    if (o) for (const k of ['startDate', 'endDate', 'maxExtentDate']) dateTime(o[k], `${path}.${k}`);
  };
  const ids = (list: unknown[], path: string) => {
    const seen = new Set<string>();
    list.forEach((x, i) => {
      const id = ocdsObject(x)?.['id'];
      if (typeof id !== 'string' && typeof id !== 'number') bad(`${path}[${i}].id`, 'required');
      else if (seen.has(String(id))) bad(`${path}[${i}].id`, `duplicate id ${String(id)}`);
      else seen.add(String(id));
    });
  };
  const milestones = (list: unknown[], path: string) => {
    ids(list, path);
    list.forEach((raw, i) => {
      const m = ocdsObject(raw);
      code(CODELISTS.milestoneStatus, m?.['status'], `${path}[${i}].status`);
      code(CODELISTS.milestoneType, m?.['type'], `${path}[${i}].type`);
      for (const k of ['dueDate', 'dateMet', 'dateModified']) dateTime(m?.[k], `${path}[${i}].${k}`);
      value(m?.['value'], `${path}[${i}].value`);
    });
  };

  const release = (r: OcdsJson | null, path: string) => {
    if (!r) {
      bad(path, 'not an object');
      return;
    }
    required(r, path, ['ocid', 'id', 'date', 'tag', 'initiationType']);
    if (typeof r['ocid'] === 'string' && !/^ocds-[a-z0-9]{6}-/.test(r['ocid']))
      bad(`${path}.ocid`, 'not prefixed with a registered ocid prefix (ocds-xxxxxx-)');
    dateTime(r['date'], `${path}.date`);
    const tags = ocdsArray(r['tag']);
    if (tags.length === 0) bad(`${path}.tag`, 'needs at least one tag');
    tags.forEach((t, i) => code(CODELISTS.releaseTag, t, `${path}.tag[${i}]`));
    code(CODELISTS.initiationType, r['initiationType'], `${path}.initiationType`);
    const parties = ocdsArray(r['parties']);
    ids(parties, `${path}.parties`);
    const partyIds = new Set(parties.map((p) => String(ocdsObject(p)?.['id'])));
    parties.forEach((raw, i) => {
      const p = ocdsObject(raw);
      required(p, `${path}.parties[${i}]`, ['name']);
      ocdsArray(p?.['roles']).forEach((x, j) => code(CODELISTS.partyRole, x, `${path}.parties[${i}].roles[${j}]`));
      const identifier = ocdsObject(p?.['identifier']);
      if (identifier?.['scheme'] === 'CN-USCC' && !USCC.test(String(identifier['id'])))
        bad(`${path}.parties[${i}].identifier.id`, 'not a unified social credit code');
      // No personal data: we publish bodies and firms, never contact persons.
      if (p?.['contactPoint'] !== undefined)
        bad(`${path}.parties[${i}].contactPoint`, 'personal data is not published');
    });
    const ref = (v: unknown, at: string) => {
      const o = ocdsObject(v);
      if (o && !partyIds.has(String(o['id']))) bad(`${at}.id`, 'names no party');
    };
    ref(r['buyer'], `${path}.buyer`);
    const tender = ocdsObject(r['tender']);
    if (tender) {
      required(tender, `${path}.tender`, ['id']);
      code(CODELISTS.tenderStatus, tender['status'], `${path}.tender.status`);
      code(CODELISTS.procurementMethod, tender['procurementMethod'], `${path}.tender.procurementMethod`);
      for (const k of ['tenderPeriod', 'enquiryPeriod', 'awardPeriod', 'contractPeriod'])
        period(tender[k], `${path}.tender.${k}`);
      value(tender['value'], `${path}.tender.value`);
      ocdsArray(tender['amendments']).forEach((a, i) =>
        dateTime(ocdsObject(a)?.['date'], `${path}.tender.amendments[${i}].date`),
      );
      ref(tender['procuringEntity'], `${path}.tender.procuringEntity`);
    }
    const awards = ocdsArray(r['awards']);
    ids(awards, `${path}.awards`);
    awards.forEach((raw, i) => {
      const a = ocdsObject(raw);
      code(CODELISTS.awardStatus, a?.['status'], `${path}.awards[${i}].status`);
      dateTime(a?.['date'], `${path}.awards[${i}].date`);
      value(a?.['value'], `${path}.awards[${i}].value`);
      ocdsArray(a?.['suppliers']).forEach((s, j) => ref(s, `${path}.awards[${i}].suppliers[${j}]`));
    });
    const awardIds = new Set(awards.map((a) => String(ocdsObject(a)?.['id'])));
    const contracts = ocdsArray(r['contracts']);
    ids(contracts, `${path}.contracts`);
    contracts.forEach((raw, i) => {
      const k = ocdsObject(raw);
      const at = `${path}.contracts[${i}]`;
      required(k, at, ['awardID']);
      if (k?.['awardID'] !== undefined && !awardIds.has(String(k['awardID']))) bad(`${at}.awardID`, 'names no award');
      code(CODELISTS.contractStatus, k?.['status'], `${at}.status`);
      dateTime(k?.['dateSigned'], `${at}.dateSigned`);
      period(k?.['period'], `${at}.period`);
      value(k?.['value'], `${at}.value`);
      milestones(ocdsArray(k?.['milestones']), `${at}.milestones`);
      const impl = ocdsObject(k?.['implementation']);
      milestones(ocdsArray(impl?.['milestones']), `${at}.implementation.milestones`);
      const tx = ocdsArray(impl?.['transactions']);
      ids(tx, `${at}.implementation.transactions`);
      tx.forEach((t, j) => {
        const o = ocdsObject(t);
        dateTime(o?.['date'], `${at}.implementation.transactions[${j}].date`);
        value(o?.['value'], `${at}.implementation.transactions[${j}].value`);
        ref(o?.['payer'], `${at}.implementation.transactions[${j}].payer`);
        ref(o?.['payee'], `${at}.implementation.transactions[${j}].payee`);
      });
    });
  };

  required(pkg, '', ['uri', 'publisher', 'publishedDate', 'version']);
  if (typeof pkg['uri'] === 'string' && !URI.test(pkg['uri'])) bad('uri', 'not a URI');
  if (typeof pkg['version'] === 'string' && !VERSION.test(pkg['version'])) bad('version', 'not a major.minor version');
  dateTime(pkg['publishedDate'], 'publishedDate');
  required(ocdsObject(pkg['publisher']), 'publisher', ['name']);
  ocdsArray(pkg['extensions']).forEach((e, i) => {
    if (typeof e !== 'string' || !URI.test(e)) bad(`extensions[${i}]`, 'not a URI');
  });
  if (Array.isArray(pkg['releases'])) pkg['releases'].forEach((r, i) => release(ocdsObject(r), `releases[${i}]`));
  else if (Array.isArray(pkg['records'])) {
    pkg['records'].forEach((raw, i) => {
      const rec = ocdsObject(raw);
      required(rec, `records[${i}]`, ['ocid', 'releases']);
      ocdsArray(rec?.['releases']).forEach((r, j) => release(ocdsObject(r), `records[${i}].releases[${j}]`));
      if (rec?.['compiledRelease'] !== undefined) {
        release(ocdsObject(rec['compiledRelease']), `records[${i}].compiledRelease`);
        if (ocdsString(ocdsObject(rec['compiledRelease'])?.['ocid']) !== ocdsString(rec['ocid']))
          bad(`records[${i}].compiledRelease.ocid`, "differs from the record's ocid");
      }
    });
  } else bad('releases', 'required (or records)');
  // Our own fields, against the release schema as our extensions patch it (ocds-extension.ts).
  issues.push(...checkExtensionFields(pkg));
  return issues;
}
