import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrate, rows } from '@chengxin/db';
import { createTestDatabase, testEngines, type TestDatabase } from '@chengxin/db/testing';
import { TEST_SECRETS } from '@chengxin/kernel';
import { buildFixture, testContext, usccFor } from '@chengxin/kernel/testing';
import { sql } from 'drizzle-orm';
import { exportCommand, importCommand } from './exchange-cli';
import { MIGRATION_OWNERS, type System } from './system';

/** An administrative penalty's national disclosure fields (required once a record is submitted), as a CSV cell. */
const PENALTY_CELL = '"{""penaltyCategories"":[""warning""],""penaltyContent"":""给予警告""}"';

/** `chengxin import` / `chengxin export` as the CLI runs them (in-process, on a test database). */

describe.each(testEngines())('chengxin import / export on %s', (engine) => {
  let database: TestDatabase;
  let system: System;
  const dir = mkdtempSync(join(tmpdir(), 'chengxin-exchange-'));
  const logs: string[] = [];
  const log = (l: string) => logs.push(l);

  beforeAll(async () => {
    database = await createTestDatabase(engine);
    system = { database, secrets: TEST_SECRETS, migrations: await migrate(database, MIGRATION_OWNERS) };
    await buildFixture(testContext(database));
  });
  afterAll(async () => {
    await database?.dispose();
    rmSync(dir, { recursive: true, force: true });
  });

  it('imports a file with a mapping, writes the error report beside it, then sends and acknowledges a platform batch', async () => {
    const file = join(dir, 'penalties.csv');
    writeFileSync(
      file,
      [
        '编号,代码,记录类型,失信事实,依据,决定书文号,决定日期,决定机关,状态,扩展信息',
        `c1,${usccFor('120103', 3)},行政处罚,逾期支付,条例第八条,津财罚〔2026〕c1号,2026.4.1,天津市财政局,published,${PENALTY_CELL}`,
        `c2,${usccFor('120103', 3)},行政处罚,逾期支付,条例第八条,津财罚〔2026〕c2号,2026-04-31,天津市财政局,published,${PENALTY_CELL}`,
      ].join('\n'),
    );
    writeFileSync(join(dir, 'm.json'), JSON.stringify({ sourceId: '编号', uscc: '代码' }));
    expect(
      await importCommand(
        system,
        [file, '--mapping', join(dir, 'm.json'), '--mode', 'row', '--source-system', 'finance'],
        log,
      ),
    ).toBe(2);
    expect(readFileSync(`${file}.errors.csv`, 'utf8')).toContain('3,决定日期');
    const [n] = await rows<{ n: number }>(
      database.db,
      sql`select count(*)::int as n from kernel.credit_record where source_system = 'finance'`,
    );
    expect(Number(n!.n)).toBe(1);
    const out = join(dir, 'batch.json');
    expect(await exportCommand(system, ['--platform', 'public', '--out', out], log)).toBe(0);
    const batch = JSON.parse(readFileSync(out, 'utf8')) as {
      batchNo: number;
      items: { data: { decisionNo: string } }[];
    };
    expect(batch.items.map((i) => i.data.decisionNo)).toEqual(['津财罚〔2026〕c1号']);
    const sha = /sha256 ([0-9a-f]{64})/.exec(logs.join('\n'))![1]!;
    expect(
      await exportCommand(system, ['--platform', 'public', '--ack', String(batch.batchNo), '--sha256', sha], log),
    ).toBe(0);
    expect(await exportCommand(system, ['--platform', 'public'], log)).toBe(0);
    expect(logs.at(-1)).toContain('nothing new');
    expect(await exportCommand(system, ['--type', 'orgs', '--out', join(dir, 'orgs.csv')], log)).toBe(0);
    expect(readFileSync(join(dir, 'orgs.csv'), 'utf8').split('\n')).toHaveLength(5 + 2);
  });
});
