import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrate, openDatabase, rows, type Database } from '@chengxin/db';
import { TEST_SECRETS, verifyAudit } from '@chengxin/kernel';
import { buildFixture, testContext, usccFor } from '@chengxin/kernel/testing';
import { sql } from 'drizzle-orm';
import { MIGRATION_OWNERS } from '../system';
import { PENALTY_CELL, startChild } from './child';

/**
 * Kill -9 on the embedded default: `npm start` keeps its data in a PGlite data directory, and a process killed in the
 * middle of an import must leave a directory that opens again (PostgreSQL's own crash recovery, inside PGlite) with
 * every committed chunk in it; run again, the import stores every row exactly once and the audit log verifies. PGlite
 * is one process, so the test opens the directory only while no child has it open.
 */
const ROWS = 6_000;
const HEAD = '来源编号,统一社会信用代码,记录类型,失信事实,依据,决定书文号,决定日期,决定机关,扩展信息';

describe('kill -9 during an import on the embedded database (PGlite data directory)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'chengxin-crash-pglite-'));
  const dataDir = join(dir, 'pglite');
  const url = `pglite:${dataDir}`;

  async function withDatabase<T>(fn: (database: Database) => Promise<T>): Promise<T> {
    const database = await openDatabase({ dataDir });
    try {
      return await fn(database);
    } finally {
      await database.close();
    }
  }
  const count = (q: ReturnType<typeof sql>) =>
    withDatabase(async (d) => Number((await rows<{ n: number }>(d.db, q))[0]!.n));
  const verified = () =>
    withDatabase(async (d) => {
      const report = await verifyAudit(d.db, TEST_SECRETS.audit);
      return { ok: report.ok, problems: report.problems ?? [] };
    });

  beforeAll(async () => {
    await withDatabase(async (d) => {
      await migrate(d, MIGRATION_OWNERS);
      await buildFixture(testContext({ ...d, dispose: () => d.close() }));
    });
  }, 120_000);
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('a row-mode import killed part-way keeps what it reported stored; run again, every row once, the log verifies', async () => {
    const file = join(dir, 'records.csv');
    const uscc = [usccFor('120103', 2), usccFor('120103', 3), usccFor('120104', 5)];
    const lines = [HEAD];
    for (let i = 0; i < ROWS; i++)
      lines.push(
        `p${i},${uscc[i % 3]},行政处罚,逾期支付中小企业款项第${i}笔,《保障中小企业款项支付条例》第八条,津财罚〔2026〕p${i}号,2026/4/${(i % 28) + 1},天津市财政局,${PENALTY_CELL}`,
      );
    writeFileSync(file, `${lines.join('\n')}\n`);
    const stored = () =>
      count(
        sql`select count(*)::int as n from kernel.credit_record where source_system = 'crash' and source_id like 'p%'`,
      );

    const first = startChild(['import', url, file, 'row']);
    // A progress line comes after its chunk committed: kill once one says something was created.
    await first.waitFor(/ [1-9]\d* created/);
    first.child.kill('SIGKILL');
    await first.exited;
    const reported = Math.max(...[...first.output().matchAll(/ (\d+) created/g)].map((m) => Number(m[1])));
    const partial = await stored();
    expect(partial).toBeGreaterThanOrEqual(reported);
    expect(partial).toBeLessThan(ROWS);

    const again = startChild(['import', url, file, 'row']);
    expect(await again.exited, again.output()).toBe(0);
    expect(again.output()).toContain('exit 0');
    expect(await stored()).toBe(ROWS);
    expect(
      await count(
        sql`select count(distinct source_id)::int as n from kernel.credit_record where source_system = 'crash' and source_id like 'p%'`,
      ),
    ).toBe(ROWS);
    expect(await verified()).toEqual({ ok: true, problems: [] });
  }, 300_000);

  it('a batch-mode import killed part-way leaves nothing; run again, every row once, the log verifies', async () => {
    const file = join(dir, 'batch.csv');
    const lines = [HEAD];
    for (let i = 0; i < ROWS; i++)
      lines.push(
        `q${i},${usccFor('120103', 3)},行政处罚,逾期支付第${i}笔,条例第八条,津财罚〔2026〕q${i}号,2026-04-01,天津市财政局,${PENALTY_CELL}`,
      );
    writeFileSync(file, `${lines.join('\n')}\n`);
    const stored = () =>
      count(
        sql`select count(*)::int as n from kernel.credit_record where source_system = 'crash' and source_id like 'q%'`,
      );
    const first = startChild(['import', url, file, 'batch']);
    await first.waitFor(/\d[\d,]* rows read/);
    first.child.kill('SIGKILL');
    await first.exited;
    expect(await stored()).toBe(0);
    const again = startChild(['import', url, file, 'batch']);
    expect(await again.exited, again.output()).toBe(0);
    expect(await stored()).toBe(ROWS);
    expect(await verified()).toEqual({ ok: true, problems: [] });
  }, 300_000);
});
