/**
 * PPP projects in and out as OCDS 1.1 with the PPP profile's extensions: import (compiled releases, pending projects),
 * publication that passes the 1.1 schema checks, and a round trip into a fresh database.
 */
import { checkOcdsPackage, OCDS_EXTENSIONS, rows, sql, type OcdsJson } from '@chengxin/plugin-sdk';
import { createPluginHarness, testEngines, usccFor, type PluginHarness } from '@chengxin/plugin-sdk/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pppPlugin } from './plugin';

const TODAY = '2026-11-20';
const PARTNER = '91120105MA07BBBB2R';

describe.each(testEngines())('PPP OCDS in and out on %s', (engine) => {
  let h: PluginHarness<typeof pppPlugin.router>;
  beforeAll(async () => {
    process.env['CHENGXIN_TODAY'] = TODAY;
    h = await createPluginHarness(pppPlugin, engine);
    await h.enable(null);
  });
  afterAll(async () => {
    delete process.env['CHENGXIN_TODAY'];
    await h.dispose();
  });

  it('imports a project from releases out of order, publishes it as valid OCDS and round-trips it', async () => {
    const ocid = 'ocds-tj0001-PPP-OUT';
    const base = {
      ocid,
      initiationType: 'tender',
      parties: [
        {
          id: 'B',
          name: '天津市河西区财政局',
          roles: ['buyer'],
          identifier: { scheme: 'CN-USCC', id: usccFor('120103', 3) },
        },
        { id: 'P', name: '天津乙公司', roles: ['privateParty'], identifier: { scheme: 'CN-USCC', id: PARTNER } },
      ],
    };
    const planning = {
      ...base,
      id: 'p',
      date: '2021-03-01T09:00:00+08:00',
      tag: ['planning'],
      planning: { project: { title: '河西区污水处理厂PPP项目', sector: '市政工程' } },
      tender: { id: 'T', tenderPeriod: { startDate: '2021-04-01' } },
    };
    const contract = {
      ...base,
      id: 'c',
      date: '2022-01-05T09:00:00+08:00',
      tag: ['contract'],
      awards: [{ id: 'A', status: 'active', suppliers: [{ id: 'P' }] }],
      contracts: [
        {
          id: 'C',
          awardID: 'A',
          status: 'active',
          dateSigned: '2022-01-05',
          paymentMechanism: 'viability_gap',
          period: { durationInDays: 7300 },
          riskAllocation: [{ id: 'R1', category: 'demand', allocation: 'shared', description: '需求风险' }],
          milestones: [
            {
              id: 'M1',
              code: 'payment',
              type: 'payment',
              title: '2025年度可行性缺口补助',
              dueDate: '2025-12-31',
              value: { amount: 500000, currency: 'CNY' },
            },
          ],
        },
      ],
    };
    const paid = {
      ...base,
      id: 'i',
      date: '2026-01-20T09:00:00+08:00',
      tag: ['implementation'],
      contracts: [
        {
          id: 'C',
          milestones: [
            { id: 'M1', dateMet: '2026-01-15', status: 'met' },
            { id: 'M2', code: 'approval', type: 'approval', title: '调价审批', dueDate: '2027-06-30' },
          ],
          implementation: {
            performanceFailures: [
              {
                id: 'F1',
                period: { startDate: '2025-01-01', endDate: '2025-12-31' },
                category: '出水超标',
                events: 2,
                penaltyPaid: true,
              },
            ],
          },
        },
      ],
    };
    const officer = h.caller('officer', { scopeOrgId: h.fixture.hexi });
    expect(await officer.plugin.projects.importOcds({ package: { releases: [planning] } })).toMatchObject({
      pending: 1,
      imported: 0,
      errors: [],
    });
    expect(
      await officer.plugin.projects.importOcds({ package: { releases: [paid, planning, contract] } }),
    ).toMatchObject({ imported: 1, errors: [] });
    const [project] = (await officer.plugin.projects.list({ limit: 10, q: '污水处理厂' })).items;
    expect(project).toMatchObject({
      startDate: '2021-04-01',
      agreementDate: '2022-01-05',
      termYears: 20,
      paymentMechanism: 'viability_gap',
      phase: 'execution',
    });
    expect(project!.obligations.map((o) => [o.kind, o.dueDate, o.metOn, o.state])).toEqual([
      ['payment', '2025-12-31', '2026-01-15', 'ok'],
      ['approval', '2027-06-30', null, 'pending'],
    ]);

    const published = (await h.anonymous().plugin.ocds.releases({ limit: 100 })).package;
    expect(checkOcdsPackage(published)).toEqual([]);
    // The PPP profile's three extensions and ours (served at the URL it names).
    expect(published['extensions']).toEqual([
      OCDS_EXTENSIONS.project,
      OCDS_EXTENSIONS.riskAllocation,
      OCDS_EXTENSIONS.performanceFailures,
      expect.stringMatching(/\/api\/v1\/ocds\/extensions\/ppp\/extension\.json$/),
    ]);
    const release = (published['releases'] as OcdsJson[]).find((r) => r['ocid'] === ocid)!;
    expect(release).toMatchObject({
      planning: { project: { title: '河西区污水处理厂PPP项目' } },
      contracts: [
        {
          status: 'active',
          paymentMechanism: 'viability_gap',
          period: { durationInDays: 7300 },
          milestones: [
            {
              id: 'M1',
              code: 'payment',
              status: 'met',
              dateMet: '2026-01-15T00:00:00+08:00',
              value: { amount: 500000, currency: 'CNY' },
            },
            { id: 'M2', code: 'approval', status: 'scheduled' },
          ],
          implementation: { performanceFailures: [{ id: 'F1', events: 2 }] },
        },
      ],
    });
    expect(checkOcdsPackage(await h.anonymous().plugin.ocds.record({ ocid }))).toEqual([]);

    const fresh = await createPluginHarness(pppPlugin, engine);
    try {
      await fresh.enable(null);
      expect(
        await fresh
          .caller('officer', { scopeOrgId: fresh.fixture.hexi })
          .plugin.projects.importOcds({ package: published }),
      ).toMatchObject({ imported: 1, errors: [] });
      const strip = (r: OcdsJson) => {
        const { date: _d, id: _i, ...rest } = r;
        return rest;
      };
      const again = (await fresh.anonymous().plugin.ocds.releases({ limit: 100 })).package['releases'] as OcdsJson[];
      expect(again.map(strip)).toEqual((published['releases'] as OcdsJson[]).map(strip));
    } finally {
      await fresh.dispose();
    }
  });

  it('imports every contract: each one stored with its own obligations, judged by the same rules, and published back', async () => {
    const ocid = 'ocds-tj0001-PPP-MULTI';
    const release = {
      ocid,
      id: 'k',
      date: '2024-03-01T09:00:00+08:00',
      tag: ['contract', 'implementation'],
      initiationType: 'tender',
      parties: [
        {
          id: 'B',
          name: '天津市河西区财政局',
          roles: ['buyer'],
          identifier: { scheme: 'CN-USCC', id: usccFor('120103', 3) },
        },
        { id: 'P', name: '天津乙公司', roles: ['privateParty'], identifier: { scheme: 'CN-USCC', id: PARTNER } },
      ],
      planning: { project: { title: '河西区体育公园PPP项目', sector: '体育' } },
      tender: { id: 'T', tenderPeriod: { startDate: '2021-05-01' } },
      awards: [{ id: 'A', status: 'active', suppliers: [{ id: 'P' }] }],
      contracts: [
        {
          id: 'K0',
          awardID: 'A',
          status: 'active',
          dateSigned: '2021-09-01',
          paymentMechanism: 'viability_gap',
          period: { durationInDays: 5475 },
          milestones: [
            {
              id: 'M1',
              code: 'payment',
              dueDate: '2025-06-30',
              dateMet: '2025-07-01',
              status: 'met',
              value: { amount: 100000, currency: 'CNY' },
            },
          ],
        },
        {
          id: 'K1',
          awardID: 'A',
          title: '补充协议（配套道路）',
          status: 'active',
          dateSigned: '2024-03-01',
          paymentMechanism: 'government_pays',
          // The same milestone id as the agreement's: ids are per contract.
          milestones: [
            {
              id: 'M1',
              code: 'payment',
              dueDate: '2025-12-31',
              status: 'scheduled',
              value: { amount: 200000, currency: 'CNY' },
            },
          ],
          implementation: {
            performanceFailures: [
              { id: 'F1', category: '道路养护', period: { startDate: '2025-01-01', endDate: '2025-06-30' }, events: 1 },
            ],
          },
        },
        {
          id: 'K2',
          awardID: 'A',
          title: '补充协议（已取消）',
          status: 'cancelled',
          milestones: [{ id: 'M9', code: 'land_delivery', dueDate: '2024-06-30', status: 'scheduled' }],
        },
      ],
    };
    const officer = h.caller('officer', { scopeOrgId: h.fixture.hexi });
    expect(await officer.plugin.projects.importOcds({ package: { releases: [release] } })).toMatchObject({
      imported: 1,
      errors: [],
      notices: [{ field: 'releases[0].contracts[2]' }],
    });
    const [project] = (await officer.plugin.projects.list({ q: '体育公园', limit: 5 })).items;
    expect(project!.contracts).toEqual([
      {
        sourceId: 'K1',
        title: '补充协议（配套道路）',
        status: 'active',
        dateSigned: '2024-03-01',
        paymentMechanism: 'government_pays',
        termYears: null,
      },
      {
        sourceId: 'K2',
        title: '补充协议（已取消）',
        status: 'cancelled',
        dateSigned: null,
        paymentMechanism: null,
        termYears: null,
      },
    ]);
    // The agreement's payment was met (within the grace period); the supplementary agreement's is unpaid and overdue;
    // the cancelled contract's land delivery is not stored.
    expect(project!.obligations.map((o) => [o.contractSourceId, o.kind, o.dueDate, o.state])).toEqual([
      ['', 'payment', '2025-06-30', 'ok'],
      ['K1', 'payment', '2025-12-31', 'breach'],
    ]);
    expect(project!.failures.map((f) => f.category)).toEqual(['道路养护']);
    expect(await officer.plugin.projects.importOcds({ package: { releases: [release] } })).toMatchObject({
      unchanged: 1,
    });
    await h.scan(TODAY);
    const overdue = project!.obligations.find((o) => o.contractSourceId === 'K1')!;
    const drafts = await rows<{ n: number }>(
      h.database.db,
      sql`select count(*)::int as n from kernel_api.record where payload->>'obligationId' = ${overdue.id}`,
    );
    expect(drafts[0]!.n).toBeGreaterThan(0);

    const record = await h.anonymous().plugin.ocds.record({ ocid });
    expect(checkOcdsPackage(record)).toEqual([]);
    const compiled = (record['records'] as { compiledRelease: OcdsJson }[])[0]!.compiledRelease;
    expect(compiled['contracts']).toMatchObject([
      { milestones: [{ id: 'M1', status: 'met' }] },
      {
        id: 'K1',
        status: 'active',
        paymentMechanism: 'government_pays',
        milestones: [{ id: 'M1', code: 'payment', status: 'scheduled', value: { amount: 200000 } }],
        implementation: { performanceFailures: [{ id: 'F1' }] },
      },
      { id: 'K2', status: 'cancelled' },
    ]);
    // Round trip of the record package into a fresh database: the same compiled release comes back.
    const fresh = await createPluginHarness(pppPlugin, engine);
    try {
      await fresh.enable(null);
      expect(
        await fresh
          .caller('officer', { scopeOrgId: fresh.fixture.hexi })
          .plugin.projects.importOcds({ package: record }),
      ).toMatchObject({ imported: 1, errors: [] });
      const strip = (p: OcdsJson) => {
        const { date: _d, id: _i, ...rest } = (p['records'] as { compiledRelease: OcdsJson }[])[0]!.compiledRelease;
        return rest;
      };
      expect(strip(await fresh.anonymous().plugin.ocds.record({ ocid }))).toEqual(strip(record));
    } finally {
      await fresh.dispose();
    }
  });
});
