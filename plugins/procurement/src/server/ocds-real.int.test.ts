/**
 * A real publisher's package (fixtures/ocds-real-mx-record-package.json: a record of Mexico's federal procurement
 * feed, two awards and two contracts, no award dates, foreign identifiers and currency) through the procurement import
 * and the real-data check (`npm run ocds:check -- --adapt`): refused with paths as sent, stored with every mapped field
 * once adapted as a Chinese publisher would send it, what the data lacks reported as notices and judged "unknown" —
 * never a 500, never a draft from a missing fact.
 */
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { checkOcdsPackage, rows, sql, type OcdsJson } from '@chengxin/plugin-sdk';
import {
  adaptOcdsPackage,
  createPluginHarness,
  testEngines,
  usccFor,
  type PluginHarness,
} from '@chengxin/plugin-sdk/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { procurementPlugin } from './plugin';

const TODAY = '2026-11-20';
const FIXTURE = fileURLToPath(new URL('./fixtures/ocds-real-mx-record-package.json', import.meta.url));
const ROOT = fileURLToPath(new URL('../../../../', import.meta.url));
const real = () => JSON.parse(readFileSync(FIXTURE, 'utf8')) as OcdsJson;
const OCID = 'ocds-07smqs-993235';

describe.each(testEngines())('a real OCDS record package on %s', (engine) => {
  let h: PluginHarness<typeof procurementPlugin.router>;
  beforeAll(async () => {
    process.env['CHENGXIN_TODAY'] = TODAY;
    h = await createPluginHarness(procurementPlugin, engine);
    await h.enable(null);
  });
  afterAll(async () => {
    delete process.env['CHENGXIN_TODAY'];
    await h.dispose();
  });

  it('refuses the file as published with the paths of what a Chinese buyer cannot be, and writes nothing', async () => {
    const result = await h.caller('officer').plugin.contracts.importOcds({ package: real() });
    expect(result).toMatchObject({ releases: 1, processes: 1, imported: 0 });
    expect(new Set(result.errors.map((e) => e.field))).toEqual(
      new Set([
        'records[0].compiledRelease.parties[0].identifier.scheme',
        'records[0].compiledRelease.parties[2].identifier.scheme',
        'records[0].compiledRelease.contracts[0].value.currency',
        'records[0].compiledRelease.contracts[1].value.currency',
      ]),
    );
    const [n] = await rows<{ n: number }>(h.database.db, sql`select count(*)::int as n from procurement.contract`);
    expect(n!.n).toBe(0);
  });

  it('adapted, stores both contracts with their mapped fields; the missing award dates are notices and "unknown"', async () => {
    const officer = h.caller('officer', { scopeOrgId: h.fixture.hexi });
    const result = await officer.plugin.contracts.importOcds({ package: adaptOcdsPackage(real()) });
    expect(result).toMatchObject({ releases: 1, processes: 1, imported: 2, updated: 0, pending: 0, errors: [] });
    expect(result.notices.map((n) => n.field)).toEqual([
      'records[0].compiledRelease.awards[0].date',
      'records[0].compiledRelease.awards[1].date',
    ]);
    const stored = await rows<OcdsJson>(
      h.database.db,
      sql`select ocds_contract_id as contract, ocds_award_id as award, title, supplier_name as supplier, amount_fen::bigint as fen, status,
        award_notice_date::text as award_date, signing_date::text as signed, unknown_facts as unknown, buyer_org_id::text as buyer
      from procurement.contract where ocid = ${OCID} order by ocds_contract_id`,
    );
    const title = 'SERVICIO DE ASESORÍA EXTERNA DE SEGUROS PARA EL INSTITUTO NACIONAL DE ANTROPOLOGÍA E HISTORIA';
    const supplier = 'GLOBAL ASSURANCE BROKERS, AGENTE DE SEGUROS Y DE FIANZAS SA DE C';
    expect(stored.map((c) => ({ ...c, fen: Number(c['fen']) }))).toEqual([
      // contracts[1]: 37,930.71 (currency adapted) in fen, terminated, never given a signing date.
      {
        contract: '1322806',
        award: '1322806',
        title,
        supplier,
        fen: 3_793_071,
        status: 'terminated',
        award_date: null,
        signed: null,
        unknown: ['payments'],
        buyer: h.fixture.hexiFinance,
      },
      // contracts[0]: the numeric id read as text, signed 2016-01-29 (UTC midnight is the same Shanghai day).
      {
        contract: '991324',
        award: '991324',
        title,
        supplier,
        fen: 18_965_400,
        status: 'terminated',
        award_date: null,
        signed: '2016-01-29',
        unknown: ['payments'],
        buyer: h.fixture.hexiFinance,
      },
    ]);
    const { items } = await officer.plugin.contracts.list({ limit: 10 });
    for (const c of items.filter((x) => x.ocid === OCID)) {
      expect(c.compliance.signing).toEqual({ deadline: null, state: 'unknown' });
      expect(c.compliance.breaches).toEqual([]);
    }
    expect(await officer.plugin.contracts.importOcds({ package: adaptOcdsPackage(real()) })).toMatchObject({
      imported: 0,
      updated: 0,
      unchanged: 2,
      errors: [],
    });
    await h.scan(TODAY);
    const [drafts] = await rows<{ n: number }>(
      h.database.db,
      sql`select count(*)::int as n from kernel_api.record where type_key like 'procurement.%'`,
    );
    expect(drafts!.n).toBe(0);
    // Published back as valid OCDS: the awards without a date, as they came in.
    const record = await h.anonymous().plugin.ocds.record({ ocid: OCID });
    expect(checkOcdsPackage(record)).toEqual([]);
    const compiled = (record['records'] as { compiledRelease: OcdsJson }[])[0]!.compiledRelease;
    expect((compiled['awards'] as OcdsJson[]).map((a) => a['date'])).toEqual([undefined, undefined]);
    expect(compiled['buyer']).toMatchObject({ id: `CN-USCC-${usccFor('120103', 3)}` });
  });
});

describe('npm run ocds:check on the real package', () => {
  it('adapted: reports every contract stored with the notices, proposes nothing, and exits 0 (no silent loss)', async () => {
    const run = (...args: string[]) =>
      promisify(execFile)('npx', ['tsx', 'tools/bench/src/ocds-check.ts', FIXTURE, ...args], {
        cwd: ROOT,
        env: { ...process.env, CHENGXIN_TODAY: TODAY },
      });
    const adapted = await run('--adapt');
    expect(adapted.stdout).toContain('releases 1, processes 1: imported 2, updated 0, unchanged 0, pending 0');
    expect(adapted.stdout).toContain('notice   records[0].compiledRelease.awards[0].date');
    expect(adapted.stdout).toContain('scan: 2 contracts, 0 breaches proposed as drafts');
    expect(adapted.stdout).toContain('no contract lost');
  }, 120_000);
});
