/**
 * PPP projects in and out as OCDS 1.1 with the PPP profile's extensions: import (compiled releases, pending projects),
 * publication that passes the 1.1 schema checks, and a round trip into a fresh database.
 */
import { checkOcdsPackage, OCDS_EXTENSIONS, type OcdsJson } from '@chengxin/plugin-sdk';
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
});
