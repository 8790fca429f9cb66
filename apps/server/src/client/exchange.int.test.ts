import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testEngines } from '@chengxin/db/testing';
import { usccFor } from '@chengxin/kernel/testing';
import { startTestServer, TEST_PASSWORD, type TestServer } from '../testing';
import { createClient } from '@chengxin/client';

type Progress = { status: string; rowsRead: number; created: number; rejectedRows: number };

/** An administrative penalty's national disclosure fields (required once a record is submitted), as a CSV cell. */
const PENALTY_CELL = '"{""penaltyCategories"":[""warning""],""penaltyContent"":""给予警告""}"';

describe.each(testEngines())('exchange over HTTP on %s', (engine) => {
  let server: TestServer;
  const as = (role: string) => createClient(server.url, { username: role, password: TEST_PASSWORD });
  beforeAll(async () => {
    server = await startTestServer(engine);
  });
  afterAll(async () => server?.close());

  it('uploads a file in parts under the body limit, imports it with live progress over SSE, and serves the row-level error report', async () => {
    const officer = as('officer');
    const finance = usccFor('120103', 3);
    const lines = ['来源编号,统一社会信用代码,记录类型,严重程度,失信事实,依据,决定书文号,决定日期,决定机关,扩展信息'];
    for (let i = 1; i <= 2500; i++)
      lines.push(
        `h${i},${finance},行政处罚,${i === 2222 ? '特别严重' : '一般'},逾期支付账款,《保障中小企业款项支付条例》第八条,津财罚〔2026〕${i}号,2026年4月${1 + (i % 28)}日,天津市财政局,${PENALTY_CELL}`,
      );
    const file = Buffer.from(`${lines.join('\n')}\n`);
    const { uploadId } = await officer.kernel.exchange.upload.begin.mutate({
      filename: 'penalties.csv',
      format: 'csv',
      bytes: file.length,
    });
    const part = Math.ceil(file.length / 3);
    for (let seq = 0; seq * part < file.length; seq++)
      await officer.kernel.exchange.upload.part.mutate({
        uploadId,
        seq,
        dataBase64: file.subarray(seq * part, (seq + 1) * part).toString('base64'),
      });
    await officer.kernel.exchange.upload.finish.mutate({
      uploadId,
      sha256: createHash('sha256').update(file).digest('hex'),
    });

    // Row mode: the 2,499 good rows are written, the bad one reported.
    const started = await officer.kernel.exchange.import.records.mutate({
      uploadId,
      format: 'csv',
      filename: 'penalties.csv',
      mode: 'row',
      sourceSystem: 'finance-http',
    });
    const events: Progress[] = [];
    await new Promise<void>((resolve, reject) => {
      const sub = officer.kernel.exchange.import.progress.subscribe(
        { importId: started.importId },
        {
          onData: (p) => {
            events.push(p);
            if (p.status !== 'running') {
              sub.unsubscribe();
              resolve();
            }
          },
          onError: reject,
        },
      );
    });
    const last = events.at(-1)!;
    expect(last).toMatchObject({ status: 'done', rowsRead: 2500, created: 2499, rejectedRows: 1 });
    expect(events.length).toBeGreaterThanOrEqual(1);
    const report = await officer.kernel.exchange.import.errorReport.query({ importId: started.importId });
    expect(report.content).toContain('2223,严重程度');
    // Batch mode, the same file: followed live too (on PGlite the import holds the one connection), nothing written.
    const batch = await officer.kernel.exchange.import.records.mutate({
      uploadId,
      format: 'csv',
      mode: 'batch',
      sourceSystem: 'finance-http-batch',
    });
    const final = await new Promise<Progress>((resolve, reject) => {
      const sub = officer.kernel.exchange.import.progress.subscribe(
        { importId: batch.importId },
        {
          onData: (p) => {
            if (p.status !== 'running') {
              sub.unsubscribe();
              resolve(p);
            }
          },
          onError: reject,
        },
      );
    });
    expect(final).toMatchObject({ status: 'rejected', rowsRead: 2500, created: 0, rejectedRows: 1 });
    // Another user's import is not theirs to read.
    await expect(as('viewer').kernel.exchange.import.get.query({ importId: started.importId })).rejects.toMatchObject({
      data: { appCode: 'IMPORT_NOT_FOUND' },
    });
  });

  it('says how large a part may be, refuses a part out of order and an upload whose checksum does not match', async () => {
    const officer = as('officer');
    const { uploadId, partBytes } = await officer.kernel.exchange.upload.begin.mutate({
      filename: 'x.csv',
      format: 'csv',
      bytes: 10,
    });
    expect(partBytes).toBe(4 * 1024 * 1024);
    await officer.kernel.exchange.upload.part.mutate({
      uploadId,
      seq: 0,
      dataBase64: Buffer.from('a,b\n1,2\n').toString('base64'),
    });
    await expect(
      officer.kernel.exchange.upload.finish.mutate({ uploadId, sha256: 'f'.repeat(64) }),
    ).rejects.toMatchObject({ data: { appCode: 'UPLOAD_CHECKSUM_MISMATCH' } });
    await expect(
      officer.kernel.exchange.upload.part.mutate({ uploadId, seq: 5, dataBase64: 'YQ==' }),
    ).rejects.toMatchObject({ data: { appCode: 'UPLOAD_PART_OUT_OF_ORDER' } });
  });

  it('a platform pulls a batch, loses it, gets it again unchanged, acknowledges it; a consumer pages the feed', async () => {
    const officer = as('officer');
    const reviewer = as('reviewer');
    const csv = [
      '来源编号,统一社会信用代码,记录类型,失信事实,依据,决定书文号,决定日期,决定机关,状态,扩展信息',
      `e1,${usccFor('120103', 3)},行政处罚,逾期支付,条例第八条,津财罚〔2026〕e1号,2026-05-01,天津市财政局,已公示,${PENALTY_CELL}`,
    ].join('\n');
    const done = await reviewer.kernel.exchange.import.records.mutate({
      format: 'csv',
      contentBase64: Buffer.from(csv).toString('base64'),
      sourceSystem: 'finance-http',
      wait: true,
    });
    expect(done).toMatchObject({ status: 'done', created: 1 });
    // An officer may not enter records as published.
    const refused = await officer.kernel.exchange.import.records.mutate({
      format: 'csv',
      contentBase64: Buffer.from(csv.replace('e1', 'e2').replace('e1号', 'e2号')).toString('base64'),
      sourceSystem: 'finance-http',
      wait: true,
    });
    expect(refused).toMatchObject({ status: 'rejected', created: 0 });
    // A plugin's record type, by its Chinese label, with its payload checked against the plugin's schema (JSON Lines).
    const plugin = (payload: Record<string, unknown>, id: string) =>
      JSON.stringify({
        来源编号: id,
        统一社会信用代码: usccFor('120103', 3),
        记录类型: '招标人违法失信',
        失信事实: '招标文件发出至投标截止不足二十日',
        依据: '《招标投标法》第二十四条',
        决定书文号: `津建〔2026〕${id}号`,
        决定日期: '2026-05-02',
        决定机关: '天津市住房和城乡建设委员会',
        扩展信息: payload,
      });
    const good = { tenderId: '01900000-0000-7000-8000-0000000000d1', ruleId: 'bid_period', detail: '仅12日' };
    const jsonl = `${plugin(good, 'b1')}\n${plugin({ ...good, tenderId: 'not-a-uuid' }, 'b2')}\n`;
    const pluginImport = await officer.kernel.exchange.import.records.mutate({
      format: 'jsonl',
      contentBase64: Buffer.from(jsonl).toString('base64'),
      mode: 'row',
      sourceSystem: 'bidding-register',
      wait: true,
    });
    expect(pluginImport).toMatchObject({ status: 'done', created: 1, rejectedRows: 1 });
    expect(
      (await officer.kernel.exchange.import.errorReport.query({ importId: pluginImport.importId })).content,
    ).toMatch(/\n2,扩展信息,/);
    const first = (await reviewer.kernel.exchange.export.next.mutate({ channel: 'public', format: 'csv' }))!;
    const again = (await reviewer.kernel.exchange.export.next.mutate({ channel: 'public', format: 'csv' }))!;
    expect(again.payload).toBe(first.payload);
    expect(again.batch.servedCount).toBe(2);
    expect(first.payload).toContain('津财罚〔2026〕e1号');
    await reviewer.kernel.exchange.export.ack.mutate({
      channel: 'public',
      batchNo: first.batch.batchNo,
      sha256: first.sha256,
    });
    expect(await reviewer.kernel.exchange.export.next.mutate({ channel: 'public' })).toBeNull();
    const feed = await as('viewer').kernel.exchange.changes.query({ channel: 'public' });
    expect(feed.items.map((i) => [i.op, i.data?.decisionNo])).toContainEqual(['ADD', '津财罚〔2026〕e1号']);
    const later = await as('viewer').kernel.exchange.changes.query({ channel: 'public', cursor: feed.nextCursor! });
    expect(later.items).toEqual([]);
  });
});
