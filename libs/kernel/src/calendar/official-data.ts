import { createRequire } from 'node:module';
import type { LegalDate } from '@chengxin/contract';
import type { RuleSource } from '../records';

/**
 * The State Council's holiday arrangements (holidays, adjusted working weekends) as published each November, from the
 * maintained `chinese-days` data package. A year is "official" when the package holds its arrangement.
 */
interface PackageData {
  holidays: Record<string, string>;
  workdays: Record<string, string>;
  inLieuDays: Record<string, string>;
}

// The package's data file itself rather than its helpers: the helpers treat a year they do not know as one without
// holidays, and we must know which years are official so an unknown one is computed from the statute and marked.
const data = createRequire(import.meta.url)('chinese-days/dist/chinese-days.json') as PackageData;

const nameZh = (entry: string) => entry.split(',')[1] ?? entry;

export const OFFICIAL_YEARS: ReadonlySet<number> = new Set(
  Object.keys(data.holidays).map((d) => Number(d.slice(0, 4))),
);

export function officialDay(date: LegalDate): { kind: 'holiday' | 'adjusted_workday'; nameZh: string } | null {
  const holiday = data.holidays[date];
  if (holiday) return { kind: 'holiday', nameZh: nameZh(holiday) };
  const workday = data.workdays[date];
  if (workday) return { kind: 'adjusted_workday', nameZh: `${nameZh(workday)}调休上班` };
  return null;
}

export const OFFICIAL_SOURCE: RuleSource = {
  law: '国务院办公厅关于部分节假日安排的通知（逐年发布）',
  article: '放假调休日期的具体安排',
  confidence: 'law',
};
