import { z } from 'zod';

// The same shape as the kernel contract's messages: Chinese message, English in params (rendered by the error bridge).
const bilingual = (zh: string, en: string) => ({ message: zh, params: { en } });

/** Input of `kernel.calendar.markOfficial` (browser-safe: the console's form renders from it). */
export const markOfficialInput = z.object({
  year: z.number().int().min(2000).max(2100),
  /** The notice's document number, e.g. 国办发明电〔2026〕7号. */
  documentNo: z.string().trim().min(3, bilingual('请填写国务院办公厅通知的文号', 'give the notice\'s document number')).max(100),
  note: z.string().trim().max(500).nullable().default(null),
});
