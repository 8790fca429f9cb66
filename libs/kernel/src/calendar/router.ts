import * as c from '@chengxin/contract';
import { markYearOfficial } from './years';
import { serviceContext, procedure, router } from '../core';
import { calendarMonth, calendarYears, loadCalendar, removeCalendarDay, setCalendarDays } from './service';

const k = serviceContext;

export const calendarRouter = router({
  month: procedure
    .meta({
      permission: 'kernel.calendar.read',
      scope: 'global',
      summary: '某月每一天是否工作日（含节假日、调休及其依据）',
    })
    .input(c.calendarMonthInput)
    .output(c.calendarMonthOutput)
    .query(({ ctx, input }) => calendarMonth(ctx.db, input.year, input.month)),
  years: procedure
    .meta({
      permission: 'kernel.calendar.read',
      scope: 'global',
      summary: '哪些年份已有国务院放假安排，哪些仅按法定节假日推算',
    })
    .input(c.calendarYearsInput)
    .output(c.calendarYearsOutput)
    .query(({ ctx, input }) => calendarYears(ctx.db, input.around)),
  deadline: procedure
    .meta({ permission: 'kernel.calendar.read', scope: 'global', summary: '期限：自某日起第N个工作日（当日不计）' })
    .input(c.calendarDeadlineInput)
    .output(c.calendarDeadlineOutput)
    .query(async ({ ctx, input }) => (await loadCalendar(ctx.db)).addWorkingDays(input.from, input.workingDays)),
  setDays: procedure
    .meta({ permission: 'kernel.calendar.manage', scope: 'city', summary: '录入节假日或调休上班日（如次年放假安排）' })
    .input(c.calendarSetDaysInput)
    .output(c.calendarSetDaysOutput)
    .mutation(({ ctx, input }) => setCalendarDays(k(ctx), input.days, input.note)),
  removeDay: procedure
    .meta({ permission: 'kernel.calendar.manage', scope: 'city', summary: '删除一条日历调整' })
    .input(c.calendarRemoveDayInput)
    .output(c.okOut)
    .mutation(({ ctx, input }) => removeCalendarDay(k(ctx), input.date)),
  markOfficial: procedure
    .meta({
      permission: 'kernel.calendar.manage',
      scope: 'city',
      summary: '将某年已录入的放假安排标记为依国务院通知正式录入（填写文号），该年期限不再为暂定',
    })
    .input(c.calendarMarkOfficialInput)
    .output(c.calendarMarkOfficialOutput)
    .mutation(({ ctx, input }) => markYearOfficial(k(ctx), input)),
});
