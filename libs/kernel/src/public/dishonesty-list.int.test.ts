/**
 * 政务失信公示 on both engines: only dishonesty records in publication today and disclosed to society (no commendation,
 * draft, revoked or government-only record), masked as on every public page; filters by district, type, severity and
 * decision date; counts; latest changes first; pages; the Atom and JSON feeds carry the same entries.
 */
import type { TestDatabase } from '@chengxin/db/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { KernelContext } from '../core';
import { buildFixture, migratedTestDatabase, testContext, testEngines, type Fixture } from '../core/testing';
import { createDraft, ingest, transition } from '../records';
import { dishonestyFeed, dishonestyList } from './dishonesty-list';

const TODAY = '2026-11-20';

describe.each(testEngines())('dishonesty list on %s', (engine) => {
  let db: TestDatabase;
  let ctx: KernelContext;
  let f: Fixture;
  const ids: Record<string, string> = {};
  const record = async (
    key: string,
    orgId: string,
    severity: 'minor' | 'ordinary' | 'serious',
    decisionDate: string,
    steps: ('submit' | 'approve' | 'publish' | 'revoke')[],
    extra: { typeKey?: string; disclosureScope?: 'public' | 'government'; facts?: string } = {},
  ) => {
    const r = await createDraft(ctx, {
      subject: { kind: 'org', orgId },
      typeKey: extra.typeKey ?? 'administrative_penalty',
      severity,
      facts: extra.facts ?? '未按合同约定支付中小企业款项',
      legalBasis: '《保障中小企业款项支付条例》第八条',
      decisionNo: `津发改罚〔2026〕${key}号`,
      decisionDate,
      issuingAuthority: '天津市发展和改革委员会',
      disclosureScope: extra.disclosureScope ?? 'public',
      // A penalty carries the national fields its submission requires; other types need none here.
      payload:
        (extra.typeKey ?? 'administrative_penalty') === 'administrative_penalty'
          ? { penaltyCategories: ['warning'], penaltyContent: '警告' }
          : {},
      linkTo: [],
    });
    for (const s of steps) await transition(ctx, s, r.id, s === 'revoke' ? '原决定被撤销' : undefined);
    ids[key] = r.id;
  };

  beforeAll(async () => {
    process.env['CHENGXIN_TODAY'] = TODAY;
    db = await migratedTestDatabase(engine);
    ctx = testContext(db);
    f = await buildFixture(ctx);
    const published = ['submit', 'approve', 'publish'] as const;
    await record('1', f.hexiFinance, 'ordinary', '2026-03-01', [...published], {
      facts: '拖欠中小企业款项，联系人手机13812345678 & 见<附件>',
    });
    await record('2', f.hexiStreet, 'serious', '2026-06-10', [...published]);
    await record('3', f.nankai, 'ordinary', '2026-10-15', [...published]);
    // Never on the list: a commendation, a draft, a government-only record, a revoked one (and a minor record is not
    // published at all by default: reading.minor-published).
    await record('4', f.hexi, 'minor', '2026-04-01', [...published], { typeKey: 'commendation' });
    await record('5', f.nankai, 'serious', '2026-04-02', []);
    await record('6', f.hexi, 'serious', '2026-04-03', [...published], { disclosureScope: 'government' });
    await record('7', f.nankai, 'serious', '2026-04-04', [...published, 'revoke']);
    // Taken in already published from a source system (as the demo seeds its records): no status move was ever logged.
    const ingested = await ingest(
      ctx,
      [
        {
          sourceId: 'SRC-8',
          subject: { kind: 'org', orgId: f.hexiStreet },
          typeKey: 'administrative_penalty',
          severity: 'ordinary',
          facts: '逾期未支付中小企业款项',
          legalBasis: '《保障中小企业款项支付条例》第八条',
          decisionNo: '津发改罚〔2026〕8号',
          decisionDate: '2026-01-10',
          issuingAuthority: '天津市发展和改革委员会',
          payload: { penaltyCategories: ['warning'], penaltyContent: '给予警告' },
        },
      ],
      { sourceSystem: 'tj-finance', initialStatus: 'published' },
    );
    ids['8'] = ingested.ids[0]!;
  }, 120_000);
  afterAll(async () => {
    delete process.env['CHENGXIN_TODAY'];
    await db.dispose();
  });

  it('lists what is in publication today, latest change first, masked, with counts', async () => {
    const list = await dishonestyList(db.db, { page: 1, pageSize: 20 }, TODAY);
    // Newest change first; a record taken in published changed when it was taken in (the latest here).
    expect(list.items.map((e) => e.recordId)).toEqual([ids['8'], ids['3'], ids['2'], ids['1']]);
    expect(list).toMatchObject({ asOf: TODAY, total: 4, page: 1 });
    expect(list.counts).toEqual({
      records: 4,
      bodies: 3,
      bySeverity: [
        { key: 'ordinary', label: '一般', count: 3 },
        { key: 'serious', label: '严重', count: 1 },
      ],
      byType: [{ key: 'administrative_penalty', label: '行政处罚', count: 4 }],
      byDistrict: [
        { key: f.hexi, label: '天津市河西区人民政府', count: 3 },
        { key: f.nankai, label: '天津市南开区人民政府', count: 1 },
      ],
    });
    const first = list.items.find((e) => e.recordId === ids['1'])!;
    expect(first).toMatchObject({
      subjectName: '天津市河西区财政局',
      districtId: f.hexi,
      districtName: '天津市河西区人民政府',
      severityZh: '一般',
      decisionDate: '2026-03-01',
      decisionNo: '津发改罚〔2026〕1号',
      disputed: false,
    });
    expect(first.facts).not.toContain('13812345678');
  });

  it('filters by district, type, severity and decision date, and pages', async () => {
    const keys = async (input: Parameters<typeof dishonestyList>[1]) =>
      (await dishonestyList(db.db, input, TODAY)).items.map((e) => e.recordId);
    expect(await keys({ districtId: f.hexi, page: 1, pageSize: 20 })).toEqual([ids['8'], ids['2'], ids['1']]);
    expect(await keys({ severity: 'serious', page: 1, pageSize: 20 })).toEqual([ids['2']]);
    expect(await keys({ from: '2026-10-01', to: '2026-10-31', page: 1, pageSize: 20 })).toEqual([ids['3']]);
    expect(await keys({ typeKey: 'commendation', page: 1, pageSize: 20 })).toEqual([]);
    const second = await dishonestyList(db.db, { page: 2, pageSize: 3 }, TODAY);
    expect(second.items.map((e) => e.recordId)).toEqual([ids['1']]);
    expect(second.total).toBe(4);
  });

  it('serves the same entries as an Atom feed and a JSON Feed', async () => {
    const atom = await dishonestyFeed(db.db, { format: 'atom', limit: 50 }, TODAY, 'https://credit.tj.example/');
    expect(atom.contentType).toBe('application/atom+xml; charset=utf-8');
    expect(atom.content.match(/<entry>/g)).toHaveLength(4);
    expect(atom.content).toContain(`<id>urn:chengxin:record:${ids['8']}</id>`);
    expect(atom.content).toContain(`<id>urn:chengxin:record:${ids['1']}</id>`);
    expect(atom.content).toContain(`href="https://credit.tj.example/body/${f.hexiFinance}"`);
    expect(atom.content).toContain('&amp; 见&lt;附件&gt;');
    expect(atom.content).not.toContain('13812345678');
    const json = JSON.parse(
      (
        await dishonestyFeed(
          db.db,
          { format: 'json', limit: 2, severity: 'serious' },
          TODAY,
          'https://credit.tj.example',
        )
      ).content,
    ) as { version: string; items: { id: string; url: string; date_published: string; tags: string[] }[] };
    expect(json.version).toBe('https://jsonfeed.org/version/1.1');
    expect(json.items).toEqual([
      expect.objectContaining({
        id: `urn:chengxin:record:${ids['2']}`,
        url: `https://credit.tj.example/body/${f.hexiStreet}`,
        date_published: '2026-06-10T00:00:00+08:00',
        tags: ['行政处罚', '严重', '天津市河西区人民政府'],
      }),
    ]);
  });
});
