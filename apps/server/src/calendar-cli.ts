/**
 * `chengxin calendar …` — entering next year's holiday arrangement when the State Council's notice comes out, before the
 * calendar data package has it. Runs in-process as the system actor `cli:calendar`; every write is audited.
 *
 *   calendar set <days.csv> [--note 文号或说明]      lines `date,kind,nameZh` (kind: holiday | workday), header optional
 *   calendar mark-official <year> --doc <文号> [--note …]   the whole year entered: its deadlines stop being provisional
 *   calendar years [--around YYYY]
 */
import { readFileSync } from 'node:fs';
import {
  calendarYears,
  isLegalDate,
  kernelContext,
  calendarMarkOfficialInput,
  markYearOfficial,
  setCalendarDays,
  systemActor,
} from '@chengxin/kernel';
import type { System } from './system';

export const CALENDAR_ACTOR = systemActor('01900000-0000-7000-8000-0000000e0002', 'cli:calendar');
const USAGE =
  'use: chengxin calendar set <days.csv> [--note …] | calendar mark-official <year> --doc <文号> [--note …] | calendar years [--around YYYY]';

const flag = (args: string[], name: string) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
};

export async function calendarCommand(system: System, args: string[], log: (line: string) => void): Promise<number> {
  const ctx = kernelContext(system.database.db, system.secrets, CALENDAR_ACTOR);
  const [sub, target] = args;
  if (sub === 'set' && target) {
    const days = readFileSync(target, 'utf8')
      .split(/\r?\n/)
      .map((l) => l.trim())
      .filter((l) => l && !/^date\b|^日期/.test(l))
      .map((line, i) => {
        const [date = '', kind = '', nameZh = ''] = line.split(',').map((c) => c.trim());
        if (!isLegalDate(date) || (kind !== 'holiday' && kind !== 'workday') || !nameZh)
          throw new Error(
            `第${i + 1}行格式应为 date,holiday|workday,名称 / line ${i + 1}: expected date,holiday|workday,name — got "${line}"`,
          );
        return { date, kind: kind as 'holiday' | 'workday', nameZh };
      });
    const { saved } = await setCalendarDays(ctx, days, flag(args, '--note') ?? null);
    log(`已录入 ${saved} 天 / entered ${saved} day(s)`);
    return 0;
  }
  if (sub === 'mark-official' && target) {
    const input = calendarMarkOfficialInput.safeParse({
      year: Number(target),
      documentNo: flag(args, '--doc') ?? '',
      note: flag(args, '--note') ?? null,
    });
    if (!input.success)
      throw new Error(`${input.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')} — ${USAGE}`);
    const r = await markYearOfficial(ctx, input.data);
    log(`${r.year}年放假安排已标记为正式（${r.documentNo}）/ ${r.year} marked official (${r.documentNo})`);
    return 0;
  }
  if (sub === 'years') {
    const around = Number(flag(args, '--around') ?? new Date().getUTCFullYear());
    for (const y of await calendarYears(system.database.db, around))
      log(`${y.year}  ${y.basis}  overrides ${y.overrides}${y.documentNo ? `  ${y.documentNo}` : ''}`);
    return 0;
  }
  throw new Error(USAGE);
}
