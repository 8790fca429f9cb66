/**
 * Leads from monitoring on both engines: intake by API and by CSV/XLSX, idempotent by source + source id, every bad row
 * named and nothing written; the body resolved by code or exact name, or left as text to resolve; triage — dismiss with
 * a reason, merge a duplicate, resolve, turn into a draft record carrying the evidence (never further than a draft);
 * figures per source; scope by the lead's body; audit entries.
 */
import { rows } from '@chengxin/db';
import type { TestDatabase } from '@chengxin/db/testing';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppError, type KernelContext } from '../core';
import { buildFixture, migratedTestDatabase, testContext, testEngines, type Fixture } from '../core/testing';
import { writeXlsx } from '../exchange';
import { getRecordRow } from '../records';
import { importLeads } from './import';
import {
  dismissLead,
  getLead,
  leadFigures,
  leadToRecord,
  listLeads,
  mergeLead,
  resolveLead,
  submitLeads,
  LEAD_RECORD_SOURCE,
} from './leads';

const refusal = (p: Promise<unknown>) =>
  p.then(
    () => null,
    (e: unknown) => (e instanceof AppError ? e : null),
  );
const COURT = '中国裁判文书网监测';
const NEWS = '天津舆情监测平台';

describe.each(testEngines())('leads on %s', (engine) => {
  let db: TestDatabase;
  let ctx: KernelContext;
  let f: Fixture;
  let ids: string[];
  let hexiFinanceUscc: string;
  let hexiPath: string;
  const count = async () => (await rows<{ n: number }>(db.db, sql`select count(*)::int as n from kernel.lead`))[0]!.n;

  beforeAll(async () => {
    process.env['CHENGXIN_TODAY'] = '2026-11-20';
    db = await migratedTestDatabase(engine);
    ctx = testContext(db);
    f = await buildFixture(ctx);
    const [found] = await rows<{ uscc: string; path: string }>(
      db.db,
      sql`select (select uscc from kernel.org_unit where id = ${f.hexiFinance}) as uscc, path from kernel.org_unit where id = ${f.hexi}`,
    );
    hexiFinanceUscc = found!.uscc;
    hexiPath = found!.path;
  }, 120_000);
  afterAll(async () => {
    delete process.env['CHENGXIN_TODAY'];
    await db.dispose();
  });

  it('takes in a feed by API once, resolving bodies by code or exact name, and refuses a bad batch whole', async () => {
    const bad = await refusal(
      submitLeads(ctx, {
        source: COURT,
        sourceKind: 'court',
        leads: [
          { sourceId: '(2026)津0103执1号', allegation: '拒不履行生效判决', documents: [] },
          {
            sourceId: '(2026)津0103执2号',
            orgId: '01900000-0000-7000-8000-00000000dead',
            allegation: '—',
            documents: [],
          },
          { sourceId: '(2026)津0103执2号', orgText: '某单位', allegation: '—', documents: [] },
        ],
      }),
    );
    expect(bad?.issues?.map((i) => [i.field, i.code])).toEqual([
      ['leads.0.orgText', 'LEAD_ORG_REQUIRED'],
      ['leads.1.orgId', 'ORG_NOT_FOUND'],
      ['leads.2.sourceId', 'LEAD_DUPLICATE_ROW'],
    ]);
    expect(await count()).toBe(0);

    const feed = {
      source: COURT,
      sourceKind: 'court' as const,
      leads: [
        {
          sourceId: '(2026)津0103执345号',
          uscc: hexiFinanceUscc,
          allegation: '作为被执行人未履行生效判决确定的付款义务（工程款128万元）',
          link: 'https://wenshu.court.gov.cn/website/wenshu/181107ANFZ0BXSK4/index.html?docId=a1',
          documents: [{ title: '执行裁定书', link: 'https://wenshu.court.gov.cn/doc/a1.pdf' }],
          occurredOn: '2026-09-14',
        },
        {
          sourceId: '(2026)津0104民初88号',
          orgText: '天津市南开区人民政府',
          allegation: '未按约支付征收补偿款',
          documents: [],
        },
        { sourceId: '(2026)津01行终9号', orgText: '某区住建部门', allegation: '行政协议违约', documents: [] },
      ],
    };
    const first = await submitLeads(ctx, feed);
    expect(first).toMatchObject({ received: 3, created: 3, unchanged: 0 });
    ids = first.ids;
    // The same feed again changes nothing and answers the same ids.
    expect(await submitLeads(ctx, feed)).toEqual({ received: 3, created: 0, unchanged: 3, ids });
    expect(await count()).toBe(3);
    const [a, b, c] = await Promise.all(ids.map((id) => getLead(db.db, id)));
    expect([a!.orgId, b!.orgId, c!.orgId]).toEqual([f.hexiFinance, f.nankai, null]);
    expect(a).toMatchObject({
      status: 'new',
      sourceKind: 'court',
      orgName: '天津市河西区财政局',
      occurredOn: '2026-09-14',
      documents: [{ title: '执行裁定书', link: 'https://wenshu.court.gov.cn/doc/a1.pdf' }],
    });
    expect(c).toMatchObject({ orgText: '某区住建部门', orgName: null });
  });

  it('imports a CSV or XLSX feed, naming each bad line and column, idempotent on a second import', async () => {
    const csv = (text: string) => Buffer.from(`\uFEFF${text}`).toString('base64');
    const bad = await refusal(
      importLeads(ctx, {
        format: 'csv',
        source: NEWS,
        sourceKind: 'news',
        columns: {},
        contentBase64: csv(
          '来源编号,链接,统一社会信用代码,涉及单位,反映问题,发生日期,附件名称\n' +
            'YQ-1,https://news.example.cn/a/1,,天津市河西区人民政府,媒体报道拖欠企业账款,2026/10/8,\n' +
            'YQ-2,ftp://bad,,天津市河西区人民政府,报道,2026-10-09,\n' +
            'YQ-3,,,,报道,2026-13-40,\n',
        ),
      }),
    );
    expect(bad?.appCode).toBe('BATCH_REJECTED');
    expect(bad?.issues?.map((i) => [i.index, i.field])).toEqual([
      [2, '链接'],
      [3, '发生日期'],
    ]);
    expect(await count()).toBe(3);

    const file = csv(
      '来源编号,链接,统一社会信用代码,涉及单位,反映问题,发生日期,附件名称\n' +
        'YQ-1,https://news.example.cn/a/1,,天津市河西区人民政府,媒体报道拖欠企业账款,2026/10/8,报道截图\n' +
        'YQ-4,,,,区财政局拖欠工程款被曝光,2026-10-12,\n',
    );
    const missingBody = await refusal(
      importLeads(ctx, { format: 'csv', source: NEWS, sourceKind: 'news', columns: {}, contentBase64: file }),
    );
    expect(missingBody?.issues?.map((i) => [i.index, i.field, i.code])).toEqual([[2, '涉及单位', 'LEAD_ORG_REQUIRED']]);

    const good = csv(
      '来源编号,链接,统一社会信用代码,涉及单位,反映问题,发生日期,附件名称\n' +
        'YQ-1,https://news.example.cn/a/1,,天津市河西区人民政府,媒体报道拖欠企业账款,2026/10/8,报道截图\n' +
        `YQ-4,,${hexiFinanceUscc},,区财政局拖欠工程款被曝光,2026-10-12,\n`,
    );
    expect(
      await importLeads(ctx, { format: 'csv', source: NEWS, sourceKind: 'news', columns: {}, contentBase64: good }),
    ).toMatchObject({ rows: 2, created: 2, unchanged: 0 });
    const xlsx = await writeXlsx(
      '线索',
      ['编号', '反映问题', '涉及单位'],
      [
        ['YQ-1', '媒体报道拖欠企业账款', '天津市河西区人民政府'],
        ['YQ-5', '街道办承诺未兑现', '天津市河西区友谊路街道办事处'],
      ],
    );
    const out = await importLeads(ctx, {
      format: 'xlsx',
      source: NEWS,
      sourceKind: 'news',
      columns: { sourceId: '编号' },
      contentBase64: xlsx.toString('base64'),
    });
    expect(out).toMatchObject({ rows: 2, created: 1, unchanged: 1 });
    const yq1 = (await listLeads(db.db, { source: NEWS, limit: 50 }, { roots: null })).items.find(
      (l) => l.sourceId === 'YQ-1',
    )!;
    expect(yq1).toMatchObject({
      orgId: f.hexi,
      occurredOn: '2026-10-08',
      documents: [{ title: '报道截图', link: 'https://news.example.cn/a/1' }],
    });
  });

  it('triages: dismiss with a reason, merge a duplicate, resolve, and turn into a draft carrying the evidence', async () => {
    const [a, b, c] = ids as [string, string, string];
    expect((await dismissLead(ctx, { id: b, reason: '系民事合同纠纷，已按约支付，不属失信' })).status).toBe(
      'dismissed',
    );
    expect(await refusal(dismissLead(ctx, { id: b, reason: '再次排除' }))).toMatchObject({
      appCode: 'LEAD_ALREADY_TRIAGED',
    });
    const news = (await listLeads(db.db, { source: NEWS, limit: 50 }, { roots: null })).items.find(
      (l) => l.sourceId === 'YQ-4',
    )!;
    expect(await refusal(mergeLead(ctx, { id: news.id, intoId: b }))).toMatchObject({
      appCode: 'LEAD_MERGE_TARGET_CLOSED',
    });
    expect(await mergeLead(ctx, { id: news.id, intoId: a })).toMatchObject({ status: 'merged', mergedInto: a });
    expect((await getLead(db.db, a)).duplicates).toBe(1);

    const record = {
      typeKey: 'administrative_penalty',
      severity: 'ordinary' as const,
      facts: '被人民法院列为被执行人，未履行生效判决确定的付款义务',
      legalBasis: '《保障中小企业款项支付条例》第八条',
      decisionNo: '(2026)津0103执345号',
      decisionDate: '2026-09-14',
      issuingAuthority: '天津市河西区人民法院',
      disclosureScope: 'public' as const,
      payload: {},
    };
    expect(await refusal(leadToRecord(ctx, c, record))).toMatchObject({ appCode: 'LEAD_ORG_UNRESOLVED' });
    expect((await resolveLead(ctx, { id: c, orgId: f.hexiStreet })).orgId).toBe(f.hexiStreet);

    const made = await leadToRecord(ctx, a, record);
    expect(made.lead).toMatchObject({ status: 'converted', recordId: made.recordId });
    const draft = await getRecordRow(db.db, made.recordId);
    expect(draft).toMatchObject({
      status: 'draft',
      sourceSystem: LEAD_RECORD_SOURCE,
      sourceId: a,
      orgId: f.hexiFinance,
    });
    const evidence = (draft.current.payload as { leads: { sourceId: string; link: string | null }[] }).leads;
    expect(evidence.map((e) => [e.sourceId, e.link])).toEqual([
      ['(2026)津0103执345号', 'https://wenshu.court.gov.cn/website/wenshu/181107ANFZ0BXSK4/index.html?docId=a1'],
      ['YQ-4', null],
    ]);
    expect(await refusal(leadToRecord(ctx, a, record))).toMatchObject({ appCode: 'LEAD_ALREADY_TRIAGED' });
  });

  it('counts per source and keeps each caller to the leads of bodies in scope', async () => {
    expect(
      (await leadFigures(db.db, {}, { roots: null })).map((x) => [
        x.source,
        x.received,
        x.open,
        x.dismissed,
        x.merged,
        x.converted,
        x.standing,
      ]),
    ).toEqual([
      [COURT, 3, 1, 1, 0, 1, 0],
      [NEWS, 3, 2, 0, 1, 0, 0],
    ]);
    expect(await leadFigures(db.db, { from: '2026-01-01', to: '2026-01-31' }, { roots: null })).toEqual([]);
    const hexi = await listLeads(db.db, { limit: 50 }, { roots: [hexiPath] });
    // Every lead about a 河西区 body, none about 南开区 and none still unresolved.
    expect(hexi.items.every((l) => l.orgId !== null && l.orgId !== f.nankai)).toBe(true);
    expect(hexi.items.map((l) => l.sourceId).sort()).toEqual(
      ['(2026)津0103执345号', '(2026)津01行终9号', 'YQ-1', 'YQ-4', 'YQ-5'].sort(),
    );
    const trail = await rows<{ action: string; n: number }>(
      db.db,
      sql`select action, count(*)::int as n from kernel.audit_log where action like 'lead.%' group by action order by action`,
    );
    expect(trail.map((t) => [t.action, t.n])).toEqual([
      ['lead.dismiss', 1],
      ['lead.intake', 4],
      ['lead.merge', 1],
      ['lead.resolve', 1],
      ['lead.to_record', 1],
    ]);
  });
  it("takes a district's file only about its own bodies, naming each line that is outside or cannot be placed", async () => {
    const district = { ...ctx, scope: { roots: [hexiPath] } };
    const csv = (text: string) => Buffer.from(`\uFEFF${text}`).toString('base64');
    const header = '来源编号,统一社会信用代码,涉及单位,反映问题\n';
    const before = await count();
    const bad = await refusal(
      importLeads(district, {
        format: 'csv',
        source: '河西区舆情监测',
        sourceKind: 'news',
        columns: {},
        contentBase64: csv(
          header +
            `HX-1,${hexiFinanceUscc},,区财政局拖欠工程款\n` +
            'HX-2,,天津市南开区人民政府,南开区承诺未兑现\n' +
            'HX-3,,某区某局（名称待核）,报道拖欠账款\n',
        ),
      }),
    );
    expect(bad?.issues?.map((i) => [i.index, i.field, i.code])).toEqual([
      [2, '涉及单位', 'LEAD_OUT_OF_SCOPE'],
      [3, '涉及单位', 'LEAD_ORG_UNRESOLVED_IN_SCOPE'],
    ]);
    expect(bad?.issues?.[1]?.messageZh).toContain('无法确定单位的线索由全市范围的监测平台报送');
    expect(await count()).toBe(before);
    const ok = await importLeads(district, {
      format: 'csv',
      source: '河西区舆情监测',
      sourceKind: 'news',
      columns: {},
      contentBase64: csv(header + `HX-1,${hexiFinanceUscc},,区财政局拖欠工程款\n`),
    });
    expect(ok).toMatchObject({ rows: 1, created: 1 });
    expect((await getLead(db.db, ok.ids[0]!)).orgId).toBe(f.hexiFinance);
  });
});
