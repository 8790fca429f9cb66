/**
 * OCDS in and out over real HTTP with the typed client: an officer imports a release package into procurement, anyone
 * (no login) reads the public record and release packages (the packages' full 1.1 schema checks run in the plugin
 * tests); bad input is refused.
 */
import { testEngines } from '@chengxin/db/testing';
import { usccFor } from '@chengxin/kernel/testing';
import { startTestServer, TEST_PASSWORD, type TestServer } from '../testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createClient, TRPCClientError } from '@chengxin/client';

describe.each(testEngines())('OCDS over HTTP on %s', (engine) => {
  let t: TestServer;
  beforeAll(async () => {
    t = await startTestServer(engine);
    await createClient(t.url, { username: 'admin', password: TEST_PASSWORD }).kernel.plugins.configureDeployment.mutate(
      { pluginId: 'procurement', enabled: true },
    );
  });
  afterAll(async () => t.close());

  it('imports a release package and publishes it to anyone as valid OCDS 1.1', async () => {
    const officer = createClient(t.url, { username: 'hexi.officer', password: TEST_PASSWORD });
    const parties = [
      {
        id: 'b',
        name: '天津市河西区财政局',
        identifier: { scheme: 'CN-USCC', id: usccFor('120103', 3) },
        roles: ['buyer'],
      },
      {
        id: 'a',
        name: '天津甲公司',
        identifier: { scheme: 'CN-USCC', id: '91120104MA05AAAA1D' },
        roles: ['supplier'],
        details: { scale: 'sme' },
      },
    ];
    const release = (id: string, date: string, body: Record<string, unknown>) => ({
      ocid: 'ocds-tj0001-HTTP-1',
      id,
      date,
      tag: ['contract'],
      initiationType: 'tender',
      parties,
      ...body,
    });
    const result = await officer.procurement.contracts.importOcds.mutate({
      package: {
        version: '1.1',
        releases: [
          release('2', '2026-05-06T09:00:00+08:00', {
            contracts: [{ id: 'C1', value: { amount: 1200, currency: 'CNY' } }],
          }),
          release('1', '2026-03-20T09:00:00+08:00', {
            awards: [{ id: 'A1', status: 'active', date: '2026-03-02', suppliers: [{ id: 'a' }] }],
            contracts: [
              {
                id: 'C1',
                awardID: 'A1',
                status: 'active',
                dateSigned: '2026-03-20',
                value: { amount: 1000, currency: 'CNY' },
                implementation: {},
              },
            ],
          }),
        ],
      },
    });
    expect(result).toMatchObject({ releases: 2, processes: 1, imported: 1, errors: [], notices: [] });
    const anyone = createClient(t.url);
    const record = await anyone.procurement.ocds.record.query({ ocid: 'ocds-tj0001-HTTP-1' });
    expect(record).toMatchObject({
      version: '1.1',
      uri: expect.stringMatching(/^http/),
      publishedDate: expect.any(String),
      publisher: { name: expect.any(String) },
    });
    expect(record).toMatchObject({
      records: [
        {
          ocid: 'ocds-tj0001-HTTP-1',
          compiledRelease: { contracts: [{ id: 'C1', awardID: 'A1', value: { amount: 1200, currency: 'CNY' } }] },
        },
      ],
    });
    const bulk = await anyone.procurement.ocds.releases.query({ limit: 10 });
    expect(bulk.package).toMatchObject({
      version: '1.1',
      releases: [
        { ocid: 'ocds-tj0001-HTTP-1', tag: ['award', 'contract', 'implementation'], initiationType: 'tender' },
      ],
    });
    expect(bulk.nextCursor).toBeNull();
    const bad = await anyone.procurement.ocds.releases.query({ limit: 10, since: 'yesterday' }).then(
      () => null,
      (e: unknown) => e,
    );
    expect(bad).toBeInstanceOf(TRPCClientError);
    expect((bad as TRPCClientError<never>).data).toMatchObject({ httpStatus: 400 });
  });
});
