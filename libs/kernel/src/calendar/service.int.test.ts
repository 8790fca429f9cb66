import { rows } from '@chengxin/db';
import type { TestDatabase } from '@chengxin/db/testing';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { verifyAudit } from '../audit';
import { TEST_SECRETS } from '../core';
import { migratedTestDatabase, testContext, testEngines } from '../core/testing';
import { calendarMonth, calendarYears, loadCalendar, removeCalendarDay, setCalendarDays } from './service';
import { markYearOfficial } from './years';

describe.each(testEngines())('working-day calendar with overrides on %s', (engine) => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await migratedTestDatabase(engine);
  }, 60_000);
  afterAll(async () => database?.dispose());

  it("takes next year's arrangement entered by an administrator, audited, and deadlines follow at once", async () => {
    const ctx = testContext(database);
    // Corrected (issue 25, finding 14): the statutory fallback now gives 9–10 Feb 2027 off in lieu (放假办法 §6); this
    // test expected 9 Feb before, and the override dates below moved by two days with it.
    expect((await loadCalendar(database.db)).addWorkingDays('2027-02-04', 1)).toEqual({
      date: '2027-02-11',
      provisional: true,
    });
    await setCalendarDays(
      ctx,
      [
        { date: '2027-02-11', kind: 'holiday', nameZh: '春节' },
        { date: '2027-02-12', kind: 'holiday', nameZh: '春节' },
        { date: '2027-02-20', kind: 'workday', nameZh: '春节调休上班' },
      ],
      '国办发明电〔2026〕号通知（示例）',
    );
    expect((await loadCalendar(database.db)).addWorkingDays('2027-02-04', 1).date).toBe('2027-02-15');
    const february = await calendarMonth(database.db, 2027, 2);
    expect(february.find((d) => d.date === '2027-02-20')).toMatchObject({
      working: true,
      kind: 'adjusted_workday',
      basis: 'override',
    });
    expect(await calendarYears(database.db, 2026)).toEqual([
      { year: 2025, basis: 'official', overrides: 0 },
      { year: 2026, basis: 'official', overrides: 0 },
      { year: 2027, basis: 'override', overrides: 3 },
    ]);
    await removeCalendarDay(ctx, '2027-02-12');
    expect((await loadCalendar(database.db)).addWorkingDays('2027-02-04', 1).date).toBe('2027-02-12');
    const [entries] = await rows<{ n: number }>(
      database.db,
      sql`select count(*)::int as n from kernel.audit_log where entity = 'calendar_day'`,
    );
    expect(entries!.n).toBe(2);
    expect((await verifyAudit(database.db, TEST_SECRETS.audit)).ok).toBe(true);
  });

  it('marks a year entered from the notice as official (with its number): its deadlines stop being provisional', async () => {
    const ctx = testContext(database);
    const refused = await markYearOfficial(ctx, { year: 2028, documentNo: '国办发明电〔2027〕1号', note: null }).catch(
      (e: unknown) => e,
    );
    expect(refused).toMatchObject({ appCode: 'CALENDAR_YEAR_NOT_ENTERED', field: 'year' });
    expect(
      await markYearOfficial(ctx, { year: 2026, documentNo: '国办发明电〔2025〕7号', note: null }).catch(
        (e: unknown) => e,
      ),
    ).toMatchObject({ appCode: 'CALENDAR_YEAR_ALREADY_OFFICIAL' });
    expect((await loadCalendar(database.db)).addWorkingDays('2027-06-08', 1)).toEqual({
      date: '2027-06-10',
      provisional: true,
    });
    await setCalendarDays(
      ctx,
      [
        { date: '2027-02-05', kind: 'holiday', nameZh: '春节' },
        { date: '2027-02-08', kind: 'holiday', nameZh: '春节' },
        { date: '2027-02-09', kind: 'holiday', nameZh: '春节' },
        { date: '2027-02-10', kind: 'holiday', nameZh: '春节' },
        { date: '2027-06-09', kind: 'holiday', nameZh: '端午节' },
      ],
      null,
    );
    expect(
      await markYearOfficial(ctx, { year: 2027, documentNo: '国办发明电〔2026〕5号', note: '据国务院办公厅通知录入' }),
    ).toEqual({ year: 2027, basis: 'official', documentNo: '国办发明电〔2026〕5号' });
    const cal = await loadCalendar(database.db);
    expect(cal.addWorkingDays('2027-06-08', 1)).toEqual({ date: '2027-06-10', provisional: false });
    // 11 Feb was entered as a holiday above; 12 Feb (removed) is now an ordinary Friday of an official year.
    expect(cal.addWorkingDays('2027-02-04', 1)).toEqual({ date: '2027-02-12', provisional: false });
    expect((await calendarYears(database.db, 2026))[2]).toEqual({
      year: 2027,
      basis: 'official',
      overrides: 7,
      documentNo: '国办发明电〔2026〕5号',
    });
    const [entries] = await rows<{ n: number }>(
      database.db,
      sql`select count(*)::int as n from kernel.audit_log where entity = 'calendar_year' and entity_id = '2027'`,
    );
    expect(entries!.n).toBe(1);
  });
});
