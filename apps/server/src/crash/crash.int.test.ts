import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrate, rows } from '@chengxin/db';
import { createTestDatabase, type TestDatabase } from '@chengxin/db/testing';
import { ingest, TEST_SECRETS, verifyAudit } from '@chengxin/kernel';
import { buildFixture, testContext, usccFor, type Fixture } from '@chengxin/kernel/testing';
import { sql } from 'drizzle-orm';
import { MIGRATION_OWNERS } from '../system';
import { PENALTY_CELL, startChild } from './child';

/**
 * Kill -9 in the middle of bulk work, then run it again: every row exactly once, the audit log verifies. The work runs
 * in a child process (crash-child.ts) against a PostgreSQL database; crash-pglite.int.test.ts does the same to the
 * embedded database in a data directory.
 */
const ROWS = 12_000;

/** Polls `count` until it reaches at least `min` (some work committed), then kills the child with SIGKILL. */
async function killWhen(child: ChildProcess, exited: Promise<unknown>, count: () => Promise<number>, min: number) {
  for (;;) {
    if ((await count()) >= min) break;
    if (child.exitCode !== null) throw new Error('the child finished before it could be killed: make the work larger');
    await new Promise((r) => setTimeout(r, 25));
  }
  child.kill('SIGKILL');
  await exited;
}

describe('kill -9 during bulk work, then run again (PostgreSQL)', () => {
  let database: TestDatabase;
  let url: string;
  let f: Fixture;
  const dir = mkdtempSync(join(tmpdir(), 'chengxin-crash-'));
  const n = async (q: ReturnType<typeof sql>) => Number((await rows<{ n: number }>(database.db, q))[0]!.n);

  beforeAll(async () => {
    database = await createTestDatabase('postgres');
    await migrate(database, MIGRATION_OWNERS);
    f = await buildFixture(testContext(database));
    url = database.location.replace('***', '');
  }, 120_000);
  afterAll(async () => {
    await database?.dispose();
    rmSync(dir, { recursive: true, force: true });
  });

  it('a row-mode file import killed part-way and run again stores every row exactly once; the log verifies', async () => {
    const file = join(dir, 'records.csv');
    const uscc = [usccFor('120103', 2), usccFor('120103', 3), usccFor('120104', 5)];
    const lines = ['来源编号,统一社会信用代码,记录类型,失信事实,依据,决定书文号,决定日期,决定机关,扩展信息'];
    for (let i = 0; i < ROWS; i++)
      lines.push(
        `k${i},${uscc[i % 3]},行政处罚,逾期支付中小企业款项第${i}笔,《保障中小企业款项支付条例》第八条,津财罚〔2026〕${i}号,2026/4/${(i % 28) + 1},天津市财政局,${PENALTY_CELL}`,
      );
    writeFileSync(file, `${lines.join('\n')}\n`);
    const stored = () => n(sql`select count(*)::int as n from kernel.credit_record where source_system = 'crash'`);
    const first = startChild(['import', url, file, 'row']);
    await first.waitFor(/started/);
    await killWhen(first.child, first.exited, stored, 2000);
    const partial = await stored();
    expect(partial).toBeGreaterThan(0);
    expect(partial).toBeLessThan(ROWS);
    const again = startChild(['import', url, file, 'row']);
    expect(await again.exited, again.output()).toBe(0);
    expect(again.output()).toContain('exit 0');
    expect(await stored()).toBe(ROWS);
    expect(
      await n(sql`select count(distinct source_id)::int as n from kernel.credit_record where source_system = 'crash'`),
    ).toBe(ROWS);
    // One ingest entry per record: the killed run's committed chunks were not written twice.
    expect(
      await n(
        sql`select count(*)::int as n from kernel.audit_log where action = 'record.ingest' and detail->>'sourceSystem' = 'crash'`,
      ),
    ).toBe(ROWS);
    const report = await verifyAudit(database.db, TEST_SECRETS.audit);
    expect(report.problems ?? [], JSON.stringify(report).slice(0, 500)).toEqual([]);
    expect(report.ok).toBe(true);
  }, 240_000);

  it('a batch-mode file import killed part-way leaves nothing; run again it stores every row once', async () => {
    const file = join(dir, 'batch.csv');
    const lines = ['来源编号,统一社会信用代码,记录类型,失信事实,依据,决定书文号,决定日期,决定机关,扩展信息'];
    for (let i = 0; i < ROWS; i++)
      lines.push(
        `b${i},${usccFor('120103', 3)},行政处罚,逾期支付第${i}笔,条例第八条,津财罚〔2026〕b${i}号,2026-04-01,天津市财政局,${PENALTY_CELL}`,
      );
    writeFileSync(file, `${lines.join('\n')}\n`);
    const stored = () =>
      n(sql`select count(*)::int as n from kernel.credit_record where source_id like 'b%' and source_system = 'crash'`);
    // The batch is one transaction: wait until the import has read part of the file, then kill it.
    const first = startChild(['import', url, file, 'batch']);
    await first.waitFor(/\d[\d,]* rows read/);
    first.child.kill('SIGKILL');
    await first.exited;
    expect(await stored()).toBe(0);
    const again = startChild(['import', url, file, 'batch']);
    expect(await again.exited, again.output()).toBe(0);
    expect(await stored()).toBe(ROWS);
    expect((await verifyAudit(database.db, TEST_SECRETS.audit)).ok).toBe(true);
  }, 240_000);

  it('the daily job killed part-way and run again moves every due record exactly once; the log verifies', async () => {
    const ctx = testContext(database);
    const batch = Array.from({ length: ROWS }, (_, i) => ({
      sourceId: `d${i}`,
      subject: { kind: 'org', orgId: [f.hexi, f.hexiFinance, f.nankai][i % 3] },
      typeKey: 'administrative_penalty',
      severity: 'minor',
      facts: `未按规定公示年度报告第${i}次`,
      legalBasis: '《企业信息公示暂行条例》第十八条',
      decisionNo: `津市监罚〔2026〕${i}号`,
      decisionDate: '2026-03-01',
      issuingAuthority: '天津市市场监督管理局',
      payload: { penaltyCategories: ['warning'], penaltyContent: '给予警告' },
    }));
    await ingest(ctx, batch, { sourceSystem: 'crash-daily', initialStatus: 'published', chunkSize: 5000 });
    const day = '2031-01-01'; // past every maximum publication end of the records of this file (decided in 2026)
    const due = await n(sql`select count(*)::int as n from kernel.credit_record where status = 'published'`);
    expect(due).toBeGreaterThanOrEqual(ROWS);
    const expired = () => n(sql`select count(*)::int as n from kernel.record_event where action = 'expire'`);
    const first = startChild(['daily', url, day]);
    await first.waitFor(/started/);
    await killWhen(first.child, first.exited, expired, 1);
    expect(await expired()).toBeLessThan(due);
    const again = startChild(['daily', url, day]);
    expect(await again.exited, again.output()).toBe(0);
    expect(again.output()).toMatch(/done \d+ 0/);
    expect(await expired()).toBe(due);
    expect(
      await n(
        sql`select count(*)::int as n from (select record_id from kernel.record_event where action = 'expire' group by record_id having count(*) <> 1) x`,
      ),
    ).toBe(0);
    expect(await n(sql`select count(*)::int as n from kernel.credit_record where status = 'published'`)).toBe(0);
    expect((await verifyAudit(database.db, TEST_SECRETS.audit)).ok).toBe(true);
  }, 240_000);

  it('the query log: killed, it holds at least every answered read; stopped cleanly, every read issued', async () => {
    const subject = f.official;
    const logged = () => n(sql`select count(*)::int as n from kernel.access_log where actor_name = 'crash-reader'`);
    const killed = startChild(['reads', url, subject]);
    await killed.waitFor(/answered [1-9]\d{2,}/);
    killed.child.kill('SIGKILL');
    await killed.exited;
    const answered = Math.max(...[...killed.output().matchAll(/answered (\d+)/g)].map((m) => Number(m[1])));
    const afterKill = await logged();
    // The crash window: reads in flight (at most the 8 readers' current entries) may be lost; answered ones never.
    expect(afterKill).toBeGreaterThanOrEqual(answered);
    const clean = startChild(['reads', url, subject]);
    await clean.waitFor(/answered [1-9]\d{2,}/);
    clean.child.kill('SIGTERM');
    expect(await clean.exited).toBe(0);
    const issued = Number(/issued (\d+)/.exec(clean.output())![1]);
    expect((await logged()) - afterKill).toBe(issued);
  }, 120_000);
});
