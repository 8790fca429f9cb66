import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrate } from '@chengxin/db';
import { createTestDatabase, testEngines, type TestDatabase } from '@chengxin/db/testing';
import { loadCalendar, TEST_SECRETS } from '@chengxin/kernel';
import { calendarCommand } from './calendar-cli';
import { MIGRATION_OWNERS, type System } from './system';

/** `chengxin calendar set | mark-official | years` as the CLI runs them (issue 25, finding 15). */
describe.each(testEngines())('chengxin calendar on %s', (engine) => {
  let database: TestDatabase;
  let system: System;
  const dir = mkdtempSync(join(tmpdir(), 'chengxin-calendar-'));
  const logs: string[] = [];
  const log = (l: string) => logs.push(l);

  beforeAll(async () => {
    database = await createTestDatabase(engine);
    system = { database, secrets: TEST_SECRETS, migrations: await migrate(database, MIGRATION_OWNERS) };
  });
  afterAll(async () => {
    await database?.dispose();
    rmSync(dir, { recursive: true, force: true });
  });

  it("enters a year's days from a file, marks the year official with its number, and deadlines stop being provisional", async () => {
    expect((await loadCalendar(database.db)).addWorkingDays('2027-06-08', 1)).toEqual({
      date: '2027-06-10',
      provisional: true,
    });
    const file = join(dir, '2027.csv');
    writeFileSync(
      file,
      'date,kind,nameZh\n2027-06-09,holiday,端午节\n2027-06-10,holiday,端午节\n2027-06-12,workday,端午节调休上班\n',
    );
    expect(await calendarCommand(system, ['set', file, '--note', '示例通知'], log)).toBe(0);
    await expect(calendarCommand(system, ['mark-official', '2027'], log)).rejects.toThrow(/documentNo/);
    expect(await calendarCommand(system, ['mark-official', '2027', '--doc', '国办发明电〔2026〕5号'], log)).toBe(0);
    expect((await loadCalendar(database.db)).addWorkingDays('2027-06-08', 1)).toEqual({
      date: '2027-06-11',
      provisional: false,
    });
    expect(await calendarCommand(system, ['years', '--around', '2026'], log)).toBe(0);
    expect(logs).toContain('2027  official  overrides 3  国办发明电〔2026〕5号');
    writeFileSync(file, '2027-13-01,holiday,春节\n');
    await expect(calendarCommand(system, ['set', file], log)).rejects.toThrow(/line 1/);
  });
});
