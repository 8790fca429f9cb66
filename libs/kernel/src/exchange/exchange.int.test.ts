import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rows } from '@chengxin/db';
import type { TestDatabase } from '@chengxin/db/testing';
import { sql } from 'drizzle-orm';
import type { KernelContext } from '../core';
import { transition, ingest } from '../records';
import {
  buildFixture,
  idNumberFor,
  migratedTestDatabase,
  testContext,
  testEngines,
  usccFor,
  type Fixture,
} from '../core/testing';
import { exchangeCompleteness as completeness } from './completeness';
import { acknowledgeBatch, changesSince, csvLine, exportDataRows, getBatch, nextBatch, type DataKind } from './export';
import { createImport, importIssuesCsv, runImport, type ImportOptions } from './import';
import { parseLooseDate } from './mapping';
import { bytesSource, writeXlsx } from './tabular';

const HEAD =
  '来源编号,主体类别,统一社会信用代码,公民身份号码,记录类型,严重程度,失信事实,依据,决定书文号,决定日期,决定机关,公开范围,扩展信息';
/** An administrative penalty's national disclosure fields (required from submission on), as the 扩展信息 cell. */
const PENALTY_PAYLOAD = JSON.stringify({ penaltyCategories: ['warning'], penaltyContent: '给予警告' });
const cells = (
  id: string,
  uscc: string,
  extra: Partial<Record<'kind' | 'idn' | 'type' | 'sev' | 'date' | 'scope' | 'no' | 'payload', string>> = {},
) => [
  id,
  extra.kind ?? '单位',
  extra.idn ? '' : uscc,
  extra.idn ?? '',
  extra.type ?? '行政处罚',
  extra.sev ?? '一般',
  '拖欠中小企业账款',
  '《保障中小企业款项支付条例》第八条',
  extra.no ?? `津财罚〔2026〕${id}号`,
  extra.date ?? '2026/3/5',
  '天津市财政局',
  extra.scope ?? '社会公开',
  extra.payload ?? ((extra.type ?? '行政处罚') === '行政处罚' ? PENALTY_PAYLOAD : ''),
];
const csvCell = (v: string) => (/[",\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);
const line = (...args: Parameters<typeof cells>) =>
  cells(...args)
    .map(csvCell)
    .join(',');

async function runFile(
  ctx: KernelContext,
  text: string | Buffer,
  options: Partial<ImportOptions> & { kind: ImportOptions['kind'] },
) {
  const o: ImportOptions = {
    mode: 'batch',
    format: 'csv',
    filename: 't.csv',
    sourceSystem: 'finance-register',
    ...options,
  };
  const id = await createImport(ctx, o);
  const bytes = typeof text === 'string' ? Buffer.from(text, 'utf8') : text;
  return { id, ...(await runImport(ctx, id, o, () => bytesSource(bytes, 97))) };
}

const count = async (db: TestDatabase, table: string) =>
  Number((await rows<{ n: number }>(db.db, sql`select count(*)::int as n from ${sql.raw(table)}`))[0]!.n);

describe('cell parsing', () => {
  it('reads dates in the spellings registers use and refuses impossible ones', () => {
    for (const s of [
      '2025-08-31',
      '2025/8/31',
      '2025.8.31',
      '2025年8月31日',
      '20250831',
      '2025-08-31T00:00:00+08:00',
      '45900',
    ])
      expect(parseLooseDate(s)).toEqual({ ok: true, value: '2025-08-31' });
    expect(parseLooseDate('2025-02-30')).toMatchObject({ ok: false, code: 'DATE_INVALID' });
    expect(parseLooseDate('去年')).toMatchObject({ ok: false, code: 'DATE_MALFORMED' });
  });
});

describe.each(testEngines())('exchange on %s', (engine) => {
  let database: TestDatabase;
  let ctx: KernelContext;
  let f: Fixture;
  const finance = usccFor('120103', 3);
  const nankai = usccFor('120104', 5);

  beforeAll(async () => {
    database = await migratedTestDatabase(engine);
    ctx = testContext(database);
    f = await buildFixture(ctx);
  });
  afterAll(async () => database?.dispose());

  it('batch mode: one bad row writes nothing; every bad cell is named by line and column, in both languages, as a CSV report', async () => {
    const before = await count(database, 'kernel.credit_record');
    const csv = [
      HEAD,
      line('b1', finance),
      line('b2', finance, { sev: '很重' }),
      line('b3', finance, { date: '2026-02-30' }),
      line('b4', '91350100M000100Y43'),
      line('b5', '', { kind: '个人', idn: '110105194912310021' }),
    ].join('\n');
    const r = await runFile(ctx, csv, { kind: 'records' });
    expect(r).toMatchObject({ status: 'rejected', created: 0, rejectedRows: 4 });
    expect(await count(database, 'kernel.credit_record')).toBe(before);
    const report = await importIssuesCsv(database.db, r.id);
    const lines = report
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\n');
    expect(lines[0]).toBe('行号 line,列 column,错误说明,message,代码 code');
    const byLine = lines
      .slice(1)
      .map((l) => l.split(','))
      .map((c) => [Number(c[0]), c[1], c.at(-1)]);
    expect(byLine).toEqual([
      [3, '严重程度', 'ENUM_INVALID'],
      [4, '决定日期', 'DATE_INVALID'],
      [5, '统一社会信用代码', 'ORG_NOT_FOUND'],
      [6, '公民身份号码', 'ID_NUMBER_CHECKSUM'],
    ]);
    expect(report).toContain('Invalid severity');
    expect(report).not.toContain('110105194912310021');
  });

  it('a file entering as submitted meets the submit checks: placeholder numbers, unconfirmed dates, penalty fields — by line and column, nothing written', async () => {
    const before = await count(database, 'kernel.credit_record');
    const csv = [
      HEAD,
      line('s1', finance),
      line('s2', finance, { no: '待认定' }),
      line('s3', finance, { payload: JSON.stringify({ penaltyCategories: ['fine'], penaltyContent: '罚款' }) }),
      line('s4', finance, { payload: '{}' }),
    ].join('\n');
    const r = await runFile(ctx, csv, { kind: 'records' });
    expect(r).toMatchObject({ status: 'rejected', created: 0, rejectedRows: 3 });
    expect(await count(database, 'kernel.credit_record')).toBe(before);
    const report = (await importIssuesCsv(database.db, r.id))
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\n')
      .slice(1);
    expect(report.map((l) => l.split(',')).map((c) => [Number(c[0]), c[1], c.at(-1)])).toEqual([
      [3, '决定书文号', 'DECISION_NO_PLACEHOLDER'],
      [4, '扩展信息', 'PUBLICATION_FIELD_REQUIRED'],
      [5, '扩展信息', 'PUBLICATION_FIELD_REQUIRED'],
      [5, '扩展信息', 'PUBLICATION_FIELD_REQUIRED'],
    ]);
    // The same rows as drafts are taken in: a person completes them, and submit checks them then.
    expect(await runFile(ctx, csv, { kind: 'records', initialStatus: 'draft' })).toMatchObject({
      status: 'done',
      created: 4,
    });
  });

  it('row mode writes the good rows and reports the bad; the same file again changes nothing (idempotent by source system + id)', async () => {
    const csv = [
      HEAD,
      line('r1', finance),
      line('r2', finance, { sev: '很重' }),
      line('r3', nankai, { type: 'accountability', date: '2026年3月6日' }),
      line('r4', '', { kind: '个人', idn: f.officialIdNumber, type: '问责处理' }),
    ].join('\r\n');
    const first = await runFile(ctx, csv, { kind: 'records', mode: 'row' });
    expect(first).toMatchObject({ status: 'done', rowsRead: 4, created: 3, rejectedRows: 1 });
    const again = await runFile(ctx, csv, { kind: 'records', mode: 'row' });
    expect(again).toMatchObject({ created: 0, unchanged: 3, rejectedRows: 1 });
    const [rec] = await rows<{ type_key: string; decision_date: string; status: string }>(
      database.db,
      sql`select r.type_key, r.decision_date::text, r.status from kernel.current_record r where r.source_system = 'finance-register' and r.source_id = 'r3'`,
    );
    expect(rec).toEqual({ type_key: 'accountability', decision_date: '2026-03-06', status: 'submitted' });
  });

  it('reads XLSX, JSON and JSON Lines, and a caller mapping for other headings', async () => {
    const xlsx = await writeXlsx('records', HEAD.split(','), [cells('x1', finance)]);
    expect(await runFile(ctx, xlsx, { kind: 'records', format: 'xlsx' })).toMatchObject({ status: 'done', created: 1 });
    const obj = {
      编号: 'j1',
      代码: finance,
      类型: 'administrative_penalty',
      严重程度: 'ordinary',
      失信事实: '未按期付款',
      依据: '条例第八条',
      决定书文号: '津财罚〔2026〕j1号',
      决定日期: '20260307',
      决定机关: '天津市财政局',
      扩展信息: PENALTY_PAYLOAD,
    };
    const mapping = { sourceId: '编号', uscc: '代码' };
    expect(await runFile(ctx, JSON.stringify([obj]), { kind: 'records', format: 'json', mapping })).toMatchObject({
      status: 'done',
      created: 1,
    });
    expect(
      await runFile(ctx, `${JSON.stringify({ ...obj, 编号: 'j2' })}\n${JSON.stringify({ ...obj, 编号: 'j3' })}\n`, {
        kind: 'records',
        format: 'jsonl',
        mapping,
      }),
    ).toMatchObject({ status: 'done', created: 2 });
    const missing = await runFile(ctx, JSON.stringify([obj]), {
      kind: 'records',
      format: 'json',
      mapping: { sourceId: '无此列' },
    });
    expect(missing.status).toBe('rejected');
    expect(await importIssuesCsv(database.db, missing.id)).toContain('MAPPING_COLUMN_MISSING');
  });

  it('imports org units (parents first) and persons with protected ID numbers; both idempotent', async () => {
    const child = usccFor('120103', 61);
    const grandchild = usccFor('120103', 62);
    const orgs = [
      '单位名称,统一社会信用代码,上级单位代码,层级,单位类别,行政区划代码',
      `天津市河西区测试局,${child},${usccFor('120103', 2)},区级,政府工作部门,120103`,
      `天津市河西区测试局下属中心,${grandchild},${child},district,institution,120103`,
    ].join('\n');
    expect(await runFile(ctx, orgs, { kind: 'orgs' })).toMatchObject({ status: 'done', created: 2 });
    expect(await runFile(ctx, orgs, { kind: 'orgs' })).toMatchObject({ status: 'done', created: 0, unchanged: 2 });
    const idn = idNumberFor('120103', '1985-04-01', 77);
    const persons = [
      '姓名,身份证号,任职单位代码,职务,主要负责人,任职日期',
      `王测试,${idn},${child},局长,是,2024.1.2`,
      `赵错误,120103198504019999,${child},科员,否,2024-01-02`,
    ].join('\n');
    const bad = await runFile(ctx, persons, { kind: 'persons' });
    expect(bad).toMatchObject({ status: 'rejected', created: 0, rejectedRows: 1 });
    const ok = await runFile(ctx, persons.split('\n').slice(0, 2).join('\n'), { kind: 'persons' });
    expect(ok).toMatchObject({ status: 'done', created: 1 });
    const [p] = await rows<{ cipher: string; masked: string }>(
      database.db,
      sql`select id_number_cipher as cipher, id_number_masked as masked from kernel.person where name = '王测试'`,
    );
    expect(p!.cipher).not.toContain(idn);
    expect(p!.masked).toMatch(/^1201\*+/);
    expect(await runFile(ctx, persons.split('\n').slice(0, 2).join('\n'), { kind: 'persons' })).toMatchObject({
      created: 0,
      unchanged: 1,
    });
  });

  it('exports 双公示 batches: checksummed, re-served identically until acknowledged, never duplicated; withdrawals follow', async () => {
    const src = 'platform-test';
    const penalty = (id: string, scope: string, uscc = finance) => ({
      sourceId: id,
      subject: { kind: 'org', uscc },
      typeKey: 'administrative_penalty',
      severity: 'ordinary',
      facts: '未按规定公开信息',
      legalBasis: '《政府信息公开条例》第五十三条',
      decisionNo: `津〔2026〕${id}号`,
      decisionDate: '2026-04-01',
      issuingAuthority: '天津市人民政府办公厅',
      disclosureScope: scope,
      payload: { penaltyCategories: ['warning'], penaltyContent: '警告', fineFen: 1_250_000 },
    });
    await ingest(ctx, [penalty('p1', 'public'), penalty('p2', 'government'), penalty('p3', 'none')], {
      sourceSystem: src,
      initialStatus: 'published',
    });
    // Drain whatever earlier tests produced, so the batches below hold only these records.
    for (let b = await nextBatch(ctx, 'public', 'json', 5000); b; b = await nextBatch(ctx, 'public', 'json', 5000))
      await acknowledgeBatch(ctx, 'public', b.batch.batchNo, b.sha256);
    await ingest(ctx, [penalty('p4', 'public')], { sourceSystem: src, initialStatus: 'published' });
    const first = (await nextBatch(ctx, 'public', 'json', 1000))!;
    const body = JSON.parse(first.payload) as {
      items: { op: string; data: Record<string, string> }[];
      fields: { code: string }[];
    };
    expect(body.items.map((i) => [i.op, i.data.decisionNo])).toEqual([['ADD', '津〔2026〕p4号']]);
    expect(body.items[0]!.data).toMatchObject({
      subjectName: '天津市河西区财政局',
      uscc: finance,
      fineWan: '1.25',
      legalRepresentative: '张建国',
      subjectCategory: '法人及非法人组织',
    });
    expect(body.fields.map((x) => x.code)).toContain('sourceOrgCode');
    // Lost in transit: asked again before any acknowledgement → the same batch, byte for byte.
    const again = (await nextBatch(ctx, 'public', 'json', 1000))!;
    expect([again.batch.batchNo, again.payload, again.sha256]).toEqual([
      first.batch.batchNo,
      first.payload,
      first.sha256,
    ]);
    const csv = await getBatch(database.db, 'public', first.batch.batchNo, 'csv');
    expect(csv.payload.split('\n')[0]).toMatch(/^seq,op,recordId,version,schema,subjectName,/);
    await expect(acknowledgeBatch(ctx, 'public', first.batch.batchNo, '0'.repeat(64))).rejects.toMatchObject({
      appCode: 'BATCH_CHECKSUM_MISMATCH',
    });
    await acknowledgeBatch(ctx, 'public', first.batch.batchNo, csv.sha256);
    expect(await nextBatch(ctx, 'public', 'json', 1000)).toBeNull();
    // Revoked → withdrawn from the public platform in the next batch.
    const [p4] = await rows<{ id: string }>(
      database.db,
      sql`select id::text from kernel.credit_record where source_system = ${src} and source_id = 'p4'`,
    );
    await transition(ctx, 'revoke', p4!.id, '原处罚决定被撤销');
    const withdrawal = (await nextBatch(ctx, 'public', 'json', 1000))!;
    expect(withdrawal.batch.batchNo).toBe(first.batch.batchNo + 1);
    expect((JSON.parse(withdrawal.payload) as { items: { op: string; recordId: string }[] }).items).toEqual([
      expect.objectContaining({ op: 'DEL', recordId: p4!.id }),
    ]);
    // Government sharing carries 政务共享 too, never 不公开.
    const gov = await changesSince(ctx, { channel: 'government', limit: 1000 });
    const govNos = gov.items.filter((i) => i.data).map((i) => i.data!.decisionNo);
    expect(govNos).toEqual(expect.arrayContaining(['津〔2026〕p1号', '津〔2026〕p2号']));
    expect(govNos).not.toContain('津〔2026〕p3号');
    const pub = await changesSince(ctx, { channel: 'public', limit: 1000 });
    expect(pub.items.filter((i) => i.data).map((i) => i.data!.decisionNo)).not.toContain('津〔2026〕p2号');
    // Cursor pagination: the rest after the first page, nothing twice.
    const page1 = await changesSince(ctx, { channel: 'government', limit: 1 });
    const page2 = await changesSince(ctx, { channel: 'government', cursor: page1.nextCursor!, limit: 1000 });
    expect(page1.hasMore).toBe(true);
    expect([...page1.items, ...page2.items].map((i) => i.seq)).toEqual(gov.items.map((i) => i.seq));
    // Never an ID number: person records carry the name only.
    expect(JSON.stringify(gov.items)).not.toContain(f.officialIdNumber);
  });

  it('penalty fields leave as entered; a commendation leaves in its own field list, never as a penalty', async () => {
    const src = 'platform-schemas';
    const base = {
      subject: { kind: 'org', uscc: finance },
      decisionDate: '2026-04-02',
      legalBasis: '《政府信息公开条例》第五十三条',
      disclosureScope: 'public',
    };
    await ingest(
      ctx,
      [
        {
          ...base,
          sourceId: 'fine',
          typeKey: 'administrative_penalty',
          severity: 'ordinary',
          facts: '未按规定公开信息',
          decisionNo: '津〔2026〕罚1号',
          issuingAuthority: '天津市市场监督管理委员会',
          issuingAuthorityUscc: finance,
          payload: {
            penaltyCategories: ['fine', 'confiscation'],
            penaltyContent: '没收违法所得，并处罚款',
            fineFen: 3_000_000,
            confiscationFen: 120_000,
          },
        },
        {
          ...base,
          subject: { kind: 'org', uscc: nankai },
          sourceId: 'honour',
          typeKey: 'commendation',
          severity: 'minor',
          facts: '年度政务诚信建设工作成绩突出',
          decisionNo: '津〔2026〕奖1号',
          issuingAuthority: '天津市人民政府',
          payload: { honourName: '政务诚信建设先进单位' },
        },
      ],
      { sourceSystem: src, initialStatus: 'published' },
    );
    const items: { schema: string | null; data: Record<string, string> | null }[] = [];
    for (let b = await nextBatch(ctx, 'public', 'json', 5000); b; b = await nextBatch(ctx, 'public', 'json', 5000)) {
      items.push(...(JSON.parse(b.payload) as { items: typeof items }).items);
      await acknowledgeBatch(ctx, 'public', b.batch.batchNo, b.sha256);
    }
    const fine = items.find((i) => i.data?.['decisionNo'] === '津〔2026〕罚1号')!;
    expect(fine.schema).toBe('penalty');
    expect(fine.data).toMatchObject({
      penaltyCategory: '罚款、没收违法所得、没收非法财物',
      penaltyContent: '没收违法所得，并处罚款',
      fineWan: '3',
      confiscationWan: '0.12',
      authorityCode: finance,
    });
    const honour = items.find((i) => i.data?.['decisionNo'] === '津〔2026〕奖1号')!;
    expect(honour.schema).toBe('commendation');
    expect(honour.data).toMatchObject({
      honourName: '政务诚信建设先进单位',
      honourContent: '年度政务诚信建设工作成绩突出',
    });
    expect(Object.keys(honour.data!)).not.toContain('penaltyCategory');
    expect(Object.keys(honour.data!)).not.toContain('fineWan');
  });

  it('completeness: what the source lists that we lack, what differs field by field, and what we hold that it does not', async () => {
    await ingest(
      ctx,
      ['c1', 'c2', 'c3'].map((id) => ({
        sourceId: id,
        subject: { kind: 'org', uscc: nankai },
        typeKey: 'accountability',
        severity: 'ordinary',
        facts: '问责',
        legalBasis: '《中国共产党问责条例》第七条',
        decisionNo: `津纪〔2025〕${id}号`,
        decisionDate: '2025-05-10',
        issuingAuthority: '天津市纪委监委',
      })),
      { sourceSystem: 'discipline' },
    );
    const feed = [
      '决定书文号,统一社会信用代码,决定日期,严重程度',
      `津纪[2025]c1号,${nankai},2025-05-10,一般`,
      `津纪（2025）c2号,${nankai},2025/5/11,严重`,
      `津纪〔2025〕c9号,${nankai},2025-05-12,一般`,
    ].join('\n');
    const bytes = Buffer.from(feed);
    const report = await completeness(
      ctx,
      { format: 'csv', from: '2025-05-01', to: '2025-05-31', issuingAuthority: '天津市纪委监委' },
      () => bytesSource(bytes),
    );
    expect(report).toMatchObject({ feedRows: 3, matched: 2, missingCount: 1, differentCount: 1, extraCount: 1 });
    expect(report.missing[0]).toMatchObject({ line: 4, decisionNo: '津纪〔2025〕c9号' });
    expect(report.different[0]!.fields).toEqual([
      { field: 'decisionDate', feed: '2025-05-11', ours: '2025-05-10' },
      { field: 'severity', feed: 'serious', ours: 'ordinary' },
    ]);
    expect(report.extra.map((e) => e.decisionNo)).toEqual(['津纪〔2025〕c3号']);
  });

  it('round trip: orgs, persons and records exported in the import format and imported into a fresh database arrive unchanged', async () => {
    // Demo-style content: a plugin-free mix of types, subjects, states and disclosure scopes.
    await ingest(
      ctx,
      [
        {
          sourceId: 'rt-1',
          subject: { kind: 'person', idNumber: f.officialIdNumber },
          typeKey: 'disciplinary_sanction',
          sanctionType: 'major_demerit',
          severity: 'ordinary',
          facts: '违规干预评审',
          legalBasis: '《公职人员政务处分法》第三十九条',
          decisionNo: '河西监〔2025〕21号',
          decisionDate: '2025-08-31',
          issuingAuthority: '天津市河西区监察委员会',
          disclosureScope: 'government',
        },
        {
          sourceId: 'rt-2',
          subject: { kind: 'org', uscc: finance },
          typeKey: 'commendation',
          severity: 'minor',
          facts: '优化营商环境成绩突出',
          legalBasis: '津政发〔2017〕29号',
          decisionNo: '津政〔2025〕5号',
          decisionDate: '2025-12-01',
          issuingAuthority: '天津市人民政府',
          payload: { remarks: '年度表彰' },
        },
      ],
      { sourceSystem: 'roundtrip', initialStatus: 'approved' },
    );
    const files = new Map<DataKind, string>();
    for (const kind of ['orgs', 'persons', 'records'] as const) {
      const lines: string[] = [];
      for await (const cells of exportDataRows(ctx, kind, 3)) lines.push(csvLine(cells));
      files.set(kind, `${lines.join('\n')}\n`);
    }
    const fresh = await migratedTestDatabase(engine);
    try {
      const c2 = testContext(fresh);
      for (const kind of ['orgs', 'persons', 'records'] as const) {
        const r = await runFile(c2, files.get(kind)!, { kind, sourceSystem: 'restore', initialStatus: 'approved' });
        expect(r, `${kind}: ${await importIssuesCsv(fresh.db, r.id)}`).toMatchObject({
          status: 'done',
          rejectedRows: 0,
        });
      }
      const snapshot = async (db: TestDatabase) => ({
        orgs: await rows(
          db.db,
          sql`select o.name, o.short_name, o.uscc, p.uscc as parent, o.level, o.kind, o.area_code, o.depth from kernel.org_unit o left join kernel.org_unit p on p.id = o.parent_id order by o.uscc`,
        ),
        persons: await rows(
          db.db,
          sql`select p.name, p.gender, p.birth_date::text, p.id_number_masked, o.uscc, po.title, po.principal, t.start_date::text, t.end_date::text
          from kernel.person p left join kernel.tenure t on t.person_id = p.id left join kernel.post po on po.id = t.post_id left join kernel.org_unit o on o.id = t.org_id order by p.id_number_masked, p.name, t.start_date`,
        ),
        records: await rows(
          db.db,
          sql`select case when r.source_system = 'chengxin' then 'chengxin-export' else r.source_system end as system, r.subject_kind, o.uscc, pe.name as person, r.type_key, r.polarity, r.status,
            r.severity, r.facts, r.legal_basis, r.decision_no, r.decision_date::text, r.effective_date::text, r.issuing_authority, r.issuing_authority_uscc, r.disclosure_scope, r.sanction_type,
            r.impact_start::text, r.impact_end::text, r.publication_start::text, r.publication_min_end::text, r.publication_max_end::text, r.payload
          from kernel.current_record r join kernel.org_unit o on o.id = r.org_id left join kernel.person pe on pe.id = r.person_id
          order by r.decision_no, o.uscc, r.type_key`,
        ),
      });
      const before = await snapshot(database);
      const after = await snapshot(fresh);
      expect(after.orgs).toEqual(before.orgs);
      expect(after.persons).toEqual(before.persons);
      // Records in states a file can carry (draft … published) come back as they were; later states belong to the lifecycle.
      const importable = (list: Record<string, unknown>[]) =>
        list.filter((r) => ['draft', 'submitted', 'approved', 'published'].includes(r['status'] as string));
      expect(importable(after.records)).toEqual(importable(before.records));
      expect(after.records.length).toBe(importable(before.records).length);
    } finally {
      await fresh.dispose();
    }
  });
});
