import { z } from 'zod';
import { bilingual, legalDate } from './common';

// ---- procedure inputs and outputs (named for the procedure they belong to) ----
export const calendarDayOut = z.object({
  date: z.string(),
  working: z.boolean(),
  kind: z.enum(['workday', 'weekend', 'holiday', 'adjusted_workday']),
  nameZh: z.string().nullable(),
  basis: z.enum(['override', 'official', 'provisional']),
});
export const calendarMonthInput = z.object({
  year: z.number().int().min(2000).max(2100),
  month: z.number().int().min(1).max(12),
});
export const calendarMonthOutput = z.array(calendarDayOut);
export const calendarYearsInput = z.object({ around: z.number().int().min(2000).max(2100) });
export const calendarYearsOutput = z.array(
  z.object({
    year: z.number(),
    basis: z.enum(['official', 'override', 'provisional']),
    overrides: z.number(),
    documentNo: z.string().optional(),
  }),
);
export const calendarDeadlineInput = z.object({ from: legalDate, workingDays: z.number().int().min(0).max(365) });
export const calendarDeadlineOutput = z.object({ date: z.string(), provisional: z.boolean() });
export const calendarSetDaysInput = z.object({
  days: z
    .array(
      z.object({ date: legalDate, kind: z.enum(['holiday', 'workday']), nameZh: z.string().trim().min(1).max(50) }),
    )
    .min(1)
    .max(400),
  note: z.string().trim().max(500).nullable().default(null),
});
export const calendarSetDaysOutput = z.object({ saved: z.number() });
export const calendarRemoveDayInput = z.object({ date: legalDate });
/** Marking a year's entered arrangement as official (the State Council notice's document number recorded). */
export const calendarMarkOfficialInput = z.object({
  year: z.number().int().min(2000).max(2100),
  /** The notice's document number, e.g. 国办发明电〔2026〕7号. */
  documentNo: z
    .string()
    .trim()
    .min(3, bilingual('请填写国务院办公厅通知的文号', "give the notice's document number"))
    .max(100),
  note: z.string().trim().max(500).nullable().default(null),
});
export const calendarMarkOfficialOutput = z.object({
  year: z.number(),
  basis: z.literal('official'),
  documentNo: z.string(),
});
