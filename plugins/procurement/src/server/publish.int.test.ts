/**
 * Our procurement data published as OCDS 1.1: public record and release packages that pass what the official 1.1
 * schemas require (checked in our own code), carry no personal data, page and filter by change, and round-trip —
 * published from one database, imported into a fresh one, published again: the same releases.
 */
import { checkOcdsPackage, rows, sql, type OcdsJson } from '@chengxin/plugin-sdk';
import { createPluginHarness, testEngines, usccFor, type PluginHarness } from '@chengxin/plugin-sdk/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { procurementPlugin } from './plugin';

const TODAY = '2026-11-20';
const BUYER = usccFor('120103', 3);
const SUP_A = '91120104MA05AAAA1D';
type Json = Record<string, unknown>;

/** A release without its publication metadata (date and id change with every publication). */
const content = (r: OcdsJson) => {
  const { date: _d, id: _i, ...rest } = r;
  return rest;
};

describe.each(testEngines())('procurement OCDS publication on %s', (engine) => {
  let a: PluginHarness<typeof procurementPlugin.router>;
  let b: PluginHarness<typeof procurementPlugin.router>;
  let manualId = '';

  beforeAll(async () => {
    process.env['CHENGXIN_TODAY'] = TODAY;
    a = await createPluginHarness(procurementPlugin, engine);
    await a.enable(null);
    const officer = a.caller('officer', { scopeOrgId: a.fixture.hexi });
    // Entered by hand: signed, delivered, accepted, one payment (its voucher number is internal and stays so).
    const c = await officer.plugin.contracts.create({
      buyerOrgId: a.fixture.hexiFinance,
      title: '办公家具采购',
      supplierName: '天津市惠民办公设备有限公司',
      supplierUscc: '91120103MA05XK8T4H',
      supplierSme: true,
      amountFen: 2_000_000,
      awardNoticeDate: '2026-03-02',
      signingDate: '2026-03-16',
      acceptanceDeadline: '2026-06-30',
      deliveryDate: '2026-06-01',
      paymentTermDays: 30,
      lateInterestPpmPerDay: 600,
      ocid: null,
    });
    manualId = c.id;
    await officer.plugin.contracts.recordAcceptance({
      contractId: c.id,
      acceptanceDate: '2026-06-10',
      result: 'passed',
      reportNo: 'YS-2026-07',
    });
    await officer.plugin.contracts.recordPayment({
      contractId: c.id,
      paidOn: '2026-07-01',
      amountFen: 500_000,
      voucherNo: '内部凭证-0001',
    });
    // Imported: a multi-lot process with a cancelled lot, and one whose source carried no payment records.
    const parties = [
      { id: 'b', name: '天津市河西区财政局', identifier: { scheme: 'CN-USCC', id: BUYER }, roles: ['buyer'] },
      {
        id: 'a',
        name: '天津甲公司',
        identifier: { scheme: 'CN-USCC', id: SUP_A },
        roles: ['supplier'],
        details: { scale: 'large' },
      },
    ];
    const imported = await officer.plugin.contracts.importOcds({
      package: {
        releases: [
          {
            ocid: 'ocds-tj0001-PUB-1',
            id: '1',
            date: '2026-05-01T10:00:00+08:00',
            tag: ['contract'],
            initiationType: 'tender',
            parties,
            awards: [
              { id: 'L1', status: 'active', date: '2026-04-01', suppliers: [{ id: 'a' }] },
              { id: 'L2', status: 'cancelled', date: '2026-04-01', suppliers: [{ id: 'a' }] },
            ],
            contracts: [
              {
                id: 'K1',
                awardID: 'L1',
                title: '一标段',
                status: 'active',
                dateSigned: '2026-04-10',
                value: { amount: 3000, currency: 'CNY' },
                implementation: {
                  transactions: [{ id: 'T1', date: '2026-05-01', value: { amount: 1000, currency: 'CNY' } }],
                },
              },
              {
                id: 'K2',
                awardID: 'L2',
                title: '二标段',
                status: 'cancelled',
                value: { amount: 500, currency: 'CNY' },
              },
            ],
          },
          {
            ocid: 'ocds-tj0001-PUB-2',
            id: '1',
            date: '2026-05-01T10:00:00+08:00',
            tag: ['contract'],
            initiationType: 'tender',
            parties,
            awards: [{ id: 'A', date: '2026-04-01', suppliers: [{ id: 'a' }] }],
            contracts: [
              {
                id: 'C',
                awardID: 'A',
                title: '专线租用',
                dateSigned: '2026-04-05',
                value: { amount: 800, currency: 'CNY' },
              },
            ],
          },
        ],
      },
    });
    expect(imported).toMatchObject({ imported: 3, errors: [] });
    b = await createPluginHarness(procurementPlugin, engine);
    await b.enable(null);
  });
  afterAll(async () => {
    delete process.env['CHENGXIN_TODAY'];
    await a.dispose();
    await b.dispose();
  });

  it('serves a record package per ocid and a bulk release package to anyone, passing the 1.1 schema checks', async () => {
    const bulk = await a.anonymous().plugin.ocds.releases({ limit: 100 });
    expect(checkOcdsPackage(bulk.package)).toEqual([]);
    const releases = bulk.package['releases'] as OcdsJson[];
    expect(releases.map((r) => r['ocid'])).toEqual([
      `ocds-cx0000-procurement-${manualId}`,
      'ocds-tj0001-PUB-1',
      'ocds-tj0001-PUB-2',
    ]);
    expect(bulk.package).toMatchObject({
      version: '1.1',
      publisher: { name: expect.any(String) },
      uri: expect.stringMatching(/^http/),
    });
    const manual = content(releases[0]!);
    expect(manual).toEqual({
      ocid: `ocds-cx0000-procurement-${manualId}`,
      tag: ['award', 'contract', 'implementation'],
      initiationType: 'tender',
      language: 'zh',
      parties: [
        {
          id: `CN-USCC-${BUYER}`,
          name: '天津市河西区财政局',
          identifier: { scheme: 'CN-USCC', id: BUYER, legalName: '天津市河西区财政局' },
          roles: ['buyer', 'procuringEntity', 'payer'],
        },
        {
          id: 'CN-USCC-91120103MA05XK8T4H',
          name: '天津市惠民办公设备有限公司',
          identifier: { scheme: 'CN-USCC', id: '91120103MA05XK8T4H', legalName: '天津市惠民办公设备有限公司' },
          roles: ['supplier', 'payee'],
          details: { scale: 'sme' },
        },
      ],
      buyer: { id: `CN-USCC-${BUYER}`, name: '天津市河西区财政局' },
      awards: [
        {
          id: `${manualId}-award`,
          status: 'active',
          date: '2026-03-02T00:00:00+08:00',
          suppliers: [{ id: 'CN-USCC-91120103MA05XK8T4H', name: '天津市惠民办公设备有限公司' }],
        },
      ],
      contracts: [
        {
          id: manualId,
          awardID: `${manualId}-award`,
          title: '办公家具采购',
          status: 'active',
          dateSigned: '2026-03-16T00:00:00+08:00',
          value: { amount: 20000, currency: 'CNY' },
          paymentTermDays: 30,
          lateInterestPpmPerDay: 600,
          implementation: {
            milestones: [
              { id: 'delivery', type: 'delivery', title: '交付', status: 'met', dateMet: '2026-06-01T00:00:00+08:00' },
              {
                id: 'acceptance',
                code: 'acceptance',
                type: 'assessment',
                title: '履约验收',
                dueDate: '2026-06-30T00:00:00+08:00',
                status: 'met',
                dateMet: '2026-06-10T00:00:00+08:00',
              },
            ],
            transactions: [
              {
                id: expect.any(String),
                date: '2026-07-01T00:00:00+08:00',
                value: { amount: 5000, currency: 'CNY' },
                payer: { id: `CN-USCC-${BUYER}`, name: '天津市河西区财政局' },
                payee: { id: 'CN-USCC-91120103MA05XK8T4H', name: '天津市惠民办公设备有限公司' },
              },
            ],
          },
        },
      ],
    });
    // The cancelled lot is published as cancelled; the process without payment records has no implementation section.
    expect((releases[1]!['awards'] as Json[]).map((x) => x['status'])).toEqual(['active', 'cancelled']);
    expect((releases[2]!['contracts'] as Json[])[0]!['implementation']).toBeUndefined();
    const record = await a.anonymous().plugin.ocds.record({ ocid: 'ocds-tj0001-PUB-1' });
    expect(checkOcdsPackage(record)).toEqual([]);
    expect((record['records'] as Json[])[0]).toMatchObject({
      ocid: 'ocds-tj0001-PUB-1',
      compiledRelease: { tag: ['compiled'], ocid: 'ocds-tj0001-PUB-1' },
    });
    await expect(a.anonymous().plugin.ocds.record({ ocid: 'ocds-tj0001-NONE' })).rejects.toMatchObject({
      cause: { appCode: 'OCDS_NOT_FOUND' },
    });
  });

  it('publishes no personal data and nothing internal', async () => {
    const text = JSON.stringify((await a.anonymous().plugin.ocds.releases({ limit: 100 })).package);
    const [officer] = await rows<{ id: string }>(
      a.database.db,
      sql`select distinct created_by::text as id from procurement.contract where created_by is not null limit 1`,
    );
    for (const secret of [
      '内部凭证-0001',
      'YS-2026-07',
      officer?.id ?? 'no-officer',
      a.fixture.officialIdNumber,
      '张建国',
      'contactPoint',
      'createdBy',
    ])
      expect(text).not.toContain(secret);
  });

  it('pages through the bulk package and answers "changed since"', async () => {
    const first = await a.anonymous().plugin.ocds.releases({ limit: 2 });
    expect((first.package['releases'] as Json[]).length).toBe(2);
    const rest = await a.anonymous().plugin.ocds.releases({ limit: 2, cursor: first.nextCursor! });
    expect((rest.package['releases'] as Json[]).map((r) => r['ocid'])).toEqual(['ocds-tj0001-PUB-2']);
    expect(rest.nextCursor).toBeNull();
    const since = new Date().toISOString();
    expect((await a.anonymous().plugin.ocds.releases({ limit: 100, since })).package['releases']).toEqual([]);
    await a.caller('officer', { scopeOrgId: a.fixture.hexi }).plugin.contracts.recordPayment({
      contractId: manualId,
      paidOn: '2026-08-01',
      amountFen: 100_000,
      voucherNo: '内部凭证-0002',
    });
    const changed = await a.anonymous().plugin.ocds.releases({ limit: 100, since });
    expect((changed.package['releases'] as Json[]).map((r) => r['ocid'])).toEqual([
      `ocds-cx0000-procurement-${manualId}`,
    ]);
  });

  it('round-trips: what we publish imports into a fresh database and publishes back unchanged', async () => {
    const published = (await a.anonymous().plugin.ocds.releases({ limit: 100 })).package;
    const result = await b
      .caller('officer', { scopeOrgId: b.fixture.hexi })
      .plugin.contracts.importOcds({ package: published });
    expect(result).toMatchObject({
      releases: 3,
      processes: 3,
      imported: 4,
      updated: 0,
      pending: 0,
      errors: [],
      notices: [],
    });
    const again = (await b.anonymous().plugin.ocds.releases({ limit: 100 })).package;
    expect((again['releases'] as OcdsJson[]).map(content)).toEqual((published['releases'] as OcdsJson[]).map(content));
    // And the stored facts the rules read are the same on both sides.
    const facts = (h: PluginHarness<typeof procurementPlugin.router>) =>
      rows<Json>(
        h.database.db,
        sql`
      select title, supplier_uscc, supplier_sme, amount_fen::bigint::text as amount, award_notice_date::text, signing_date::text, acceptance_deadline::text, acceptance_date::text,
        acceptance_result, delivery_date::text, payment_term_days, late_interest_ppm_per_day, status, unknown_facts,
        (select json_agg(json_build_object('on', p.paid_on::text, 'fen', p.amount_fen) order by p.paid_on) from procurement.payment p where p.contract_id = c.id) as paid
      from procurement.contract c order by title`,
      );
    expect(await facts(b)).toEqual(await facts(a));
    expect(
      await b.caller('officer', { scopeOrgId: b.fixture.hexi }).plugin.contracts.importOcds({ package: published }),
    ).toMatchObject({ imported: 0, updated: 0, unchanged: 4 });
  });
});
