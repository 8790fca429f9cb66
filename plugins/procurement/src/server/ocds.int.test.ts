/**
 * OCDS import of procurement contracts as real publishers send it: releases out of order compiled per ocid, every
 * award and contract, statuses, future due dates, supplier codes, corrected transactions, subcontractor payments,
 * record packages, rules with start dates and inputs OCDS cannot carry — each asserting what is stored and what the
 * scan proposes. Fixtures are written here, modelled on the OCDS 1.1 schema and open-contracting/sample-data.
 */
import { readFileSync } from 'node:fs';
import { rows, sql } from '@chengxin/plugin-sdk';
import { createPluginHarness, testEngines, usccFor, type PluginHarness } from '@chengxin/plugin-sdk/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { procurementPlugin } from './plugin';
import { RULES } from './rules';
import { BREACH_TYPE } from './scan';

const TODAY = '2026-11-20';
const BUYER = usccFor('120103', 3); // 天津市河西区财政局 in the harness fixture
const SUP_A = '91120104MA05AAAA1D';
const SUP_B = '91120105MA07BBBB2R';
const SUB = '91120101MA01CCCC39';
type Json = Record<string, unknown>;

const party = (id: string, code: string, roles: string[], scale = 'sme') => ({
  id,
  name: `单位${id}`,
  identifier: { scheme: 'CN-USCC', id: code },
  roles,
  details: { scale },
});
const buyer = party('buyer', BUYER, ['buyer', 'procuringEntity'], 'large');
const rel = (ocid: string, id: string, date: string, body: Json) => ({
  ocid,
  id,
  date,
  tag: ['update'],
  initiationType: 'tender',
  parties: [buyer, party('a', SUP_A, ['supplier']), party('b', SUP_B, ['supplier'])],
  ...body,
});
const pkg = (...releases: Json[]) => ({ version: '1.1', releases });

describe.each(testEngines())('procurement OCDS import on %s', (engine) => {
  let h: PluginHarness<typeof procurementPlugin.router>;
  const officer = () => h.caller('officer', { scopeOrgId: h.fixture.hexi });
  const stored = (ocid: string) =>
    rows<Json>(
      h.database.db,
      sql`
    select ocds_contract_id as "contractId", ocds_award_id as "awardId", status, supplier_uscc as supplier, amount_fen::int as "amountFen", award_notice_date::text as award,
      signing_date::text as signed, acceptance_deadline::text as "acceptanceDue", acceptance_date::text as accepted, acceptance_result as result, unknown_facts as unknown
    from procurement.contract where ocid = ${ocid} order by ocds_contract_id`,
    );
  const payments = (ocid: string) =>
    rows<Json>(
      h.database.db,
      sql`
    select p.source_id as id, p.paid_on::text as "paidOn", p.amount_fen::int as "amountFen" from procurement.payment p join procurement.contract c on c.id = p.contract_id where c.ocid = ${ocid} order by p.source_id`,
    );
  const drafts = (ocid: string) =>
    rows<{ rule: string; decisionDate: string }>(
      h.database.db,
      sql`
    select split_part(r.source_id, ':', 1) as rule, r.decision_date::text as "decisionDate" from kernel_api.record r
    where r.type_key = ${BREACH_TYPE} and split_part(r.source_id, ':', 2)::uuid in (select id from procurement.contract where ocid = ${ocid}) order by 1`,
    );

  beforeAll(async () => {
    process.env['CHENGXIN_TODAY'] = TODAY;
    h = await createPluginHarness(procurementPlugin, engine);
    await h.enable(null);
  });
  afterAll(async () => {
    delete process.env['CHENGXIN_TODAY'];
    await h.dispose();
  });

  it('compiles releases sent out of order: planning and tender are pending, not errors, and the newest value wins', async () => {
    const ocid = 'ocds-tj0001-ORDER-1';
    const planning = rel(ocid, 'p', '2026-01-05T09:00:00+08:00', {
      tag: ['planning'],
      tender: { id: 't', title: '档案数字化', status: 'planned' },
    });
    const tender = rel(ocid, 't', '2026-02-01T09:00:00+08:00', {
      tag: ['tender'],
      tender: { id: 't', status: 'active' },
    });
    const award = rel(ocid, 'aw', '2026-03-02T09:00:00+08:00', {
      tag: ['award'],
      awards: [{ id: 'A1', status: 'active', date: '2026-03-02T09:00:00+08:00', suppliers: [{ id: 'a' }] }],
    });
    const signed = rel(ocid, 'c1', '2026-03-20T09:00:00+08:00', {
      tag: ['contract'],
      contracts: [
        {
          id: 'C1',
          awardID: 'A1',
          status: 'active',
          dateSigned: '2026-03-20',
          value: { amount: 100000, currency: 'CNY' },
          implementation: {},
        },
      ],
    });
    const amended = rel(ocid, 'c2', '2026-05-06T09:00:00+08:00', {
      tag: ['contractAmendment'],
      contracts: [{ id: 'C1', value: { amount: 120000, currency: 'CNY' } }],
    });
    const early = await officer().plugin.contracts.importOcds({ package: pkg(tender, planning) });
    expect(early).toMatchObject({ releases: 2, processes: 1, imported: 0, pending: 1, errors: [] });
    // The amendment is sent before the contract it amends: the compiled value is still the amended one.
    const result = await officer().plugin.contracts.importOcds({
      package: pkg(amended, award, signed, planning, tender),
    });
    expect(result).toMatchObject({
      releases: 5,
      processes: 1,
      imported: 1,
      updated: 0,
      unchanged: 0,
      pending: 0,
      errors: [],
      notices: [],
    });
    expect(await stored(ocid)).toEqual([
      {
        contractId: 'C1',
        awardId: 'A1',
        status: 'active',
        supplier: SUP_A,
        amountFen: 12_000_000,
        award: '2026-03-02',
        signed: '2026-03-20',
        acceptanceDue: null,
        accepted: null,
        result: null,
        unknown: [],
      },
    ]);
    const again = await officer().plugin.contracts.importOcds({
      package: pkg(tender, signed, amended, planning, award),
    });
    expect(again).toMatchObject({ imported: 0, updated: 0, unchanged: 1, errors: [] });
  });

  it('imports every award and contract of a multi-lot process, each with its own award, and honours cancelled awards', async () => {
    const ocid = 'ocds-tj0001-LOTS-1';
    const awards = [
      { id: 'L1', status: 'active', date: '2026-04-01T10:00:00+08:00', suppliers: [{ id: 'a' }] },
      { id: 'L2', status: 'active', date: '2026-04-15T10:00:00+08:00', suppliers: [{ id: 'b' }] },
      { id: 'L3', status: 'cancelled', date: '2026-04-01T10:00:00+08:00', suppliers: [{ id: 'a' }] },
    ];
    const contracts = [
      {
        id: 'K1',
        awardID: 'L1',
        status: 'active',
        dateSigned: '2026-04-20',
        value: { amount: 1000, currency: 'CNY' },
        implementation: {},
      },
      {
        id: 'K2',
        awardID: 'L1',
        status: 'active',
        dateSigned: '2026-04-25',
        value: { amount: 2000, currency: 'CNY' },
        implementation: {},
      },
      {
        id: 'K3',
        awardID: 'L2',
        status: 'active',
        dateSigned: '2026-05-10',
        value: { amount: 3000, currency: 'CNY' },
        implementation: {},
      },
      { id: 'K4', awardID: 'L3', status: 'cancelled', value: { amount: 4000, currency: 'CNY' } },
    ];
    const result = await officer().plugin.contracts.importOcds({
      package: pkg(rel(ocid, 'r1', '2026-05-10T10:00:00+08:00', { awards, contracts })),
    });
    expect(result).toMatchObject({ processes: 1, imported: 4, errors: [] });
    const list = await stored(ocid);
    expect(
      list.map((c) => [c['contractId'], c['awardId'], c['supplier'], c['award'], c['status'], c['amountFen']]),
    ).toEqual([
      ['K1', 'L1', SUP_A, '2026-04-01', 'active', 100_000],
      ['K2', 'L1', SUP_A, '2026-04-01', 'active', 200_000],
      ['K3', 'L2', SUP_B, '2026-04-15', 'active', 300_000],
      ['K4', 'L3', SUP_A, '2026-04-01', 'cancelled', 400_000],
    ]);
    // Never signed, but cancelled: judged by no rule, so the scan proposes nothing for this process.
    await h.scan(TODAY);
    expect(await drafts(ocid)).toEqual([]);
  });

  it('accepts a future acceptance due date on a running contract and refuses only future facts', async () => {
    const ocid = 'ocds-tj0001-RUNNING-1';
    const k = (milestones: Json[]) =>
      rel(ocid, 'r', '2026-10-01T10:00:00+08:00', {
        awards: [{ id: 'A', status: 'active', date: '2026-09-01', suppliers: [{ id: 'a' }] }],
        contracts: [
          {
            id: 'C',
            awardID: 'A',
            dateSigned: '2026-09-10',
            value: { amount: 50000, currency: 'CNY' },
            implementation: { milestones },
          },
        ],
      });
    const future = await officer().plugin.contracts.importOcds({
      package: pkg(k([{ id: 'm1', code: 'acceptance', type: 'delivery', dueDate: '2027-03-31', status: 'scheduled' }])),
    });
    expect(future).toMatchObject({ imported: 1, errors: [] });
    expect(await stored(ocid)).toMatchObject([{ acceptanceDue: '2027-03-31', accepted: null, result: null }]);
    const met = await officer().plugin.contracts.importOcds({
      package: pkg(k([{ id: 'm1', code: 'acceptance', dueDate: '2027-03-31', dateMet: '2026-12-01', status: 'met' }])),
    });
    expect(met.errors.map((e) => e.field)).toEqual(['releases[0].contracts[0].implementation.milestones[0].dateMet']);
    const partly = await officer().plugin.contracts.importOcds({
      package: pkg(
        k([
          { id: 'd', type: 'delivery', dateMet: '2026-10-10', status: 'met' },
          { id: 'm1', code: 'acceptance', dueDate: '2027-03-31', dateMet: '2026-11-02', status: 'partiallyMet' },
        ]),
      ),
    });
    expect(partly).toMatchObject({ updated: 1, errors: [] });
    expect(await stored(ocid)).toMatchObject([{ accepted: '2026-11-02', result: 'failed' }]);
    await h.scan(TODAY);
    expect(await drafts(ocid)).toEqual([]);
  });

  it('checks supplier codes as the form does: CN-USCC scheme and GB 32100; a check character that does not match is a notice', async () => {
    const withSupplier = (ocid: string, identifier: Json) =>
      rel(ocid, 'r', '2026-06-01T10:00:00+08:00', {
        parties: [buyer, { id: 'a', name: '某公司', identifier, roles: ['supplier'] }],
        awards: [{ id: 'A', date: '2026-05-01', suppliers: [{ id: 'a' }] }],
        contracts: [
          {
            id: 'C',
            awardID: 'A',
            dateSigned: '2026-05-10',
            value: { amount: 1000, currency: 'CNY' },
            implementation: {},
          },
        ],
      });
    const result = await officer().plugin.contracts.importOcds({
      package: pkg(
        withSupplier('ocds-tj0001-CODE-1', { scheme: 'CN-USCC', id: '12345' }),
        withSupplier('ocds-tj0001-CODE-2', { id: SUP_A }),
        withSupplier('ocds-tj0001-CODE-3', { scheme: 'CN-USCC', id: `${SUP_A.slice(0, 17)}0` }),
      ),
    });
    expect(result.errors.map((e) => e.field)).toEqual([
      'releases[0].parties[1].identifier.id',
      'releases[1].parties[1].identifier.scheme',
    ]);
    expect(result.imported).toBe(1);
    expect(result.notices.map((e) => [e.field, e.messageEn])).toEqual([
      ['releases[2].parties[1].identifier.id', 'the check character does not match (expected D); stored as given'],
    ]);
    expect((await stored('ocds-tj0001-CODE-1')).length + (await stored('ocds-tj0001-CODE-2')).length).toBe(0);
  });

  it("updates a corrected transaction by id with the change audited, and counts only the buyer's payments to the supplier", async () => {
    const ocid = 'ocds-tj0001-PAY-1';
    const parties = [buyer, party('a', SUP_A, ['supplier', 'payer']), party('s', SUB, ['payee'])];
    const k = (transactions: Json[]) =>
      rel(ocid, `r${transactions.length}`, '2026-08-01T10:00:00+08:00', {
        parties,
        awards: [{ id: 'A', date: '2026-05-01', suppliers: [{ id: 'a' }] }],
        contracts: [
          {
            id: 'C',
            awardID: 'A',
            dateSigned: '2026-05-10',
            value: { amount: 10000, currency: 'CNY' },
            implementation: { transactions },
          },
        ],
      });
    const t1 = {
      id: 'T1',
      date: '2026-06-01',
      value: { amount: 3000, currency: 'CNY' },
      payer: { id: 'buyer' },
      payee: { id: 'a' },
    };
    const sub = {
      id: 'T2',
      date: '2026-06-05',
      value: { amount: 800, currency: 'CNY' },
      payer: { id: 'a' },
      payee: { id: 's' },
    };
    const first = await officer().plugin.contracts.importOcds({ package: pkg(k([t1, sub])) });
    expect(first).toMatchObject({ imported: 1, errors: [] });
    expect(first.notices.map((n) => n.field)).toEqual([
      'releases[0].contracts[0].implementation.transactions[1].payer',
    ]);
    expect(await payments(ocid)).toEqual([{ id: 'T1', paidOn: '2026-06-01', amountFen: 300_000 }]);
    const corrected = await officer().plugin.contracts.importOcds({
      package: pkg(k([{ ...t1, date: '2026-06-02', value: { amount: 3500, currency: 'CNY' } }, sub])),
    });
    expect(corrected).toMatchObject({ imported: 0, updated: 1, unchanged: 0, errors: [] });
    expect(await payments(ocid)).toEqual([{ id: 'T1', paidOn: '2026-06-02', amountFen: 350_000 }]);
    const [audit] = (await h.auditDetails('procurement.contract.update_from_ocds', { ocid })) as {
      detail: { corrected: Json[] };
    }[];
    expect(audit!.detail.corrected).toEqual([
      {
        sourceId: 'T1',
        before: { paidOn: '2026-06-01', amountFen: 300_000 },
        after: { paidOn: '2026-06-02', amountFen: 350_000 },
      },
    ]);
  });

  it('reads record packages (compiled or embedded releases) and names paths inside the record', async () => {
    const body = (ocid: string, date: string) => ({
      ocid,
      parties: [buyer, party('a', SUP_A, ['supplier'])],
      awards: [{ id: 'A', date, suppliers: [{ id: 'a' }] }],
      contracts: [
        {
          id: 'C',
          awardID: 'A',
          dateSigned: '2026-05-10',
          value: { amount: 1000, currency: 'CNY' },
          implementation: {},
        },
      ],
    });
    const result = await officer().plugin.contracts.importOcds({
      package: {
        version: '1.1',
        records: [
          { ocid: 'ocds-tj0001-REC-1', compiledRelease: body('ocds-tj0001-REC-1', '2026-05-01') },
          { ocid: 'ocds-tj0001-REC-2', compiledRelease: body('ocds-tj0001-REC-2', '2026-15-01') },
          {
            ocid: 'ocds-tj0001-REC-3',
            releases: [
              { ...body('ocds-tj0001-REC-3', '2026-05-01'), id: 'x', date: '2026-05-10T00:00:00Z', tag: ['contract'] },
            ],
          },
        ],
      },
    });
    expect(result).toMatchObject({ releases: 3, processes: 3, imported: 2 });
    expect(result.errors.map((e) => [e.index, e.field])).toEqual([[1, 'records[1].compiledRelease.awards[0].date']]);
  });

  it('judges no fact by a rule not yet in force, and proposes nothing from a payment record the source does not carry', async () => {
    const old = 'ocds-tj0001-2011-1';
    await officer().plugin.contracts.importOcds({
      package: pkg(
        rel(old, 'r', '2011-06-01T10:00:00+08:00', {
          awards: [{ id: 'A', date: '2011-03-01', suppliers: [{ id: 'a' }] }],
          contracts: [
            {
              id: 'C',
              awardID: 'A',
              dateSigned: '2011-03-15',
              value: { amount: 109_000_00, currency: 'CNY' },
              implementation: { milestones: [{ id: 'd', type: 'delivery', dateMet: '2011-05-01', status: 'met' }] },
            },
          ],
        }),
      ),
    });
    const silent = 'ocds-tj0001-NOIMPL-1';
    await officer().plugin.contracts.importOcds({
      package: pkg(
        rel(silent, 'r', '2026-06-01T10:00:00+08:00', {
          awards: [{ id: 'A', date: '2026-03-01', suppliers: [{ id: 'a' }] }],
          contracts: [
            {
              id: 'C',
              awardID: 'A',
              dateSigned: '2026-03-15',
              value: { amount: 1000, currency: 'CNY' },
              milestones: [{ id: 'd', type: 'delivery', dateMet: '2026-04-01', status: 'met' }],
            },
          ],
        }),
      ),
    });
    expect(await stored(silent)).toMatchObject([{ unknown: ['payments'] }]);
    const list = (await officer().plugin.contracts.list({ limit: 200 })).items;
    expect(list.find((c) => c.ocid === old)!.compliance.payment).toMatchObject({
      state: 'not_applicable',
      daysLate: 0,
      interestFen: 0,
    });
    expect(list.find((c) => c.ocid === silent)!.compliance.payment).toMatchObject({
      state: 'unknown',
      due: '2026-05-06',
    }); // 1 May falls in the Labour Day holiday (民法典 §203)
    await h.scan(TODAY);
    expect(await drafts(old)).toEqual([]);
    expect(await drafts(silent)).toEqual([]);
    const rules = await h.caller('viewer').kernel.rules.list();
    expect(rules.pluginRules.find((r) => r.ruleId === RULES.payment.id)?.inForce?.map((v) => v.from)).toEqual([
      '2020-09-01',
      '2025-06-01',
    ]);
  });

  it('dates a draft on the first day of the breach, the day after the deadline', async () => {
    const ocid = 'ocds-tj0001-LATE-1';
    await officer().plugin.contracts.importOcds({
      package: pkg(
        rel(ocid, 'r', '2026-09-01T10:00:00+08:00', {
          awards: [{ id: 'A', status: 'active', date: '2026-08-03', suppliers: [{ id: 'a' }] }],
          contracts: [{ id: 'C', awardID: 'A', status: 'pending', value: { amount: 1000, currency: 'CNY' } }],
        }),
      ),
    });
    await h.scan(TODAY);
    // Award notice 3 August: the 30 days end 2 September (a Wednesday); the breach begins 3 September.
    expect(await drafts(ocid)).toEqual([{ rule: RULES.signing.id, decisionDate: '2026-09-03' }]);
  });

  it("imports the standard's worked example (6 releases, planning → implementation) as a Chinese publisher would send it, losing nothing", async () => {
    const example = JSON.parse(
      readFileSync(new URL('./fixtures/ocds-fictional-example.json', import.meta.url), 'utf8'),
    ) as { releases: Json[] };
    // CN-USCC identifiers for the buyer and the two firms, and CNY: what a Chinese publisher would send.
    const codes: Record<string, string> = {
      'GB-LAC-E09000003': BUYER,
      'GB-COH-11111111': SUP_A,
      'GB-COH-22222222': SUP_B,
    };
    const text = JSON.stringify(example).replace(/"currency":"GBP"/g, '"currency":"CNY"');
    const adapted = JSON.parse(text) as { releases: { parties?: { id: string; identifier: Json }[] }[] };
    for (const r of adapted.releases)
      for (const p of r.parties ?? [])
        p.identifier = {
          scheme: 'CN-USCC',
          id: codes[p.id] ?? p.identifier['id'],
          legalName: p.identifier['legalName'],
        };
    const shuffled = { ...adapted, releases: [...adapted.releases].reverse() };
    const result = await officer().plugin.contracts.importOcds({ package: shuffled });
    expect(result).toMatchObject({
      releases: 6,
      processes: 1,
      imported: 1,
      updated: 0,
      pending: 0,
      errors: [],
      notices: [],
    });
    expect(await stored('ocds-213czf-000-00001')).toEqual([
      {
        contractId: 'ocds-213czf-000-00001-contract-01',
        awardId: 'ocds-213czf-000-00001-award-01',
        status: 'active',
        supplier: SUP_A,
        amountFen: 1_100_000_000,
        award: '2010-05-10',
        signed: '2010-06-10',
        acceptanceDue: null,
        accepted: null,
        result: null,
        unknown: [],
      },
    ]);
    expect(await payments('ocds-213czf-000-00001')).toEqual([
      { id: 'ocds-213czf-000-00001-1', paidOn: '2010-08-01', amountFen: 5_000_000 },
      { id: 'ocds-213czf-000-00001-2', paidOn: '2010-10-01', amountFen: 1_000_000 },
    ]);
    await h.scan(TODAY);
    // What the data supports and nothing else: signed 10 June 2010, 31 days after the award (the 30th day was 9 June);
    // no payment draft, because the SME payment regulation took effect in 2020.
    expect(await drafts('ocds-213czf-000-00001')).toEqual([{ rule: RULES.signing.id, decisionDate: '2010-06-10' }]);
  });
});
