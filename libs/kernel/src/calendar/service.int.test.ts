import { rows } from '@chengxin/db';
import type { TestDatabase } from '@chengxin/db/testing';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyAudit } from '../audit';
import { TEST_SECRETS } from '../core';
import { migratedTestDatabase, testContext, testEngines } from '../core/testing';
import { calendarMonth, calendarYears, loadCalendar, removeCalendarDay, setCalendarDays } from './service';

describe.each(testEngines())('working-day calendar with overrides on %s', (engine) => {
  let database: TestDatabase;
  beforeAll(async () => { database = await migratedTestDatabase(engine); }, 60_000);
  afterAll(async () => database?.dispose());

  it('takes next year\'s arrangement entered by an administrator, audited, and deadlines follow at once', async () => {
    const ctx = testContext(database);
    expect((await loadCalendar(database.db)).addWorkingDays('2027-02-04', 1)).toEqual({ date: '2027-02-09', provisional: true });
    await setCalendarDays(ctx, [
      { date: '2027-02-09', kind: 'holiday', nameZh: '春节' }, { date: '2027-02-10', kind: 'holiday', nameZh: '春节' },
      { date: '2027-02-20', kind: 'workday', nameZh: '春节调休上班' },
    ], '国办发明电〔2026〕号通知（示例）');
    expect((await loadCalendar(database.db)).addWorkingDays('2027-02-04', 1).date).toBe('2027-02-11');
    const february = await calendarMonth(database.db, 2027, 2);
    expect(february.find((d) => d.date === '2027-02-20')).toMatchObject({ working: true, kind: 'adjusted_workday', basis: 'override' });
    expect(await calendarYears(database.db, 2026)).toEqual([
      { year: 2025, basis: 'official', overrides: 0 }, { year: 2026, basis: 'official', overrides: 0 }, { year: 2027, basis: 'override', overrides: 3 },
    ]);
    await removeCalendarDay(ctx, '2027-02-10');
    expect((await loadCalendar(database.db)).addWorkingDays('2027-02-04', 1).date).toBe('2027-02-10');
    const [entries] = await rows<{ n: number }>(database.db, sql`select count(*)::int as n from kernel.audit_log where entity = 'calendar_day'`);
    expect(entries!.n).toBe(2);
    expect((await verifyAudit(database.db, TEST_SECRETS.audit)).ok).toBe(true);
  });
});
