/** Building blocks of every domain's contract: legal dates, ids, pages, bilingual messages. */
import { z } from 'zod';
import { isLegalDate } from './dates';

/** A custom rule's message: Chinese in `message` (what UI users read), English in params for integrators. */
export const bilingual = (zh: string, en: string) => ({ message: zh, params: { en } });

export const legalDate = z
  .string()
  .refine(isLegalDate, bilingual('应为有效日期，格式YYYY-MM-DD', 'must be a valid calendar date YYYY-MM-DD'))
  // Far dates used to reach date arithmetic past year 9999 (a 500): no deadline or record lies outside these years.
  .refine(
    (v) => v >= '1900-01-01' && v <= '2999-12-31',
    bilingual('日期应在1900年至2999年之间', 'the date must lie between 1900 and 2999'),
  )
  .meta({ format: 'date' });
export const id = z.uuid();
export const text = (max: number) => z.string().trim().min(1).max(max);

export const pageInput = z.object({
  cursor: z.string().max(200).optional(),
  limit: z.number().int().min(1).max(200).default(50),
});

export const page = <T extends z.ZodType>(item: T) =>
  z.object({ items: z.array(item), nextCursor: z.string().nullable() });

/** The answer of a procedure that has nothing else to say. */
export const okOut = z.object({ ok: z.literal(true) });
