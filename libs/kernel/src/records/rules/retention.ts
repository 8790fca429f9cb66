import { addMonths, type LegalDate } from '@chengxin/contract';
import type { RecordStatus } from '@chengxin/contract';
import type { RuleSource } from './source';

/**
 * Negative records stay queryable at most five years from the end of the act, then are archived. We count from the
 * decision date, the act's end date not being a field of the record (the decision follows the act, so this never
 * archives early). Regional regulations agree on five years.
 */
export const RETENTION = {
  id: 'retention-5y',
  years: 5,
  source: { law: '上海市社会信用条例 第三十五条；山东省社会信用条例 第三十八条；河南省社会信用条例 第十九条；浙江省公共信用信息管理条例 第十六条', article: '失信信息查询期限五年', confidence: 'law' } satisfies RuleSource,
} as const;

export const archiveOn = (decisionDate: LegalDate): LegalDate => addMonths(decisionDate, RETENTION.years * 12);

export interface ScheduleInput {
  status: RecordStatus;
  decisionDate: LegalDate;
  /** End of the publication window (exclusive): on this day a published record is no longer public. */
  publicationMaxEnd: LegalDate | null;
  /** The day of the record's latest move, so a scheduled move is never dated before it. */
  lastMoveOn: LegalDate;
}

export interface ScheduledMove {
  action: 'expire' | 'archive';
  on: LegalDate;
}

/**
 * The moves time alone makes by day D, and the status they lead to: publication ends at its maximum, and five years
 * after the decision an ended record is archived. Pure: the daily job applies exactly this, so "status as of D"
 * computed here and the job's result always agree.
 */
export function scheduledStatus(r: ScheduleInput, day: LegalDate): { status: RecordStatus; moves: ScheduledMove[] } {
  let status = r.status;
  let last = r.lastMoveOn;
  const moves: ScheduledMove[] = [];
  if (status === 'published' && r.publicationMaxEnd && r.publicationMaxEnd <= day) {
    last = r.publicationMaxEnd > last ? r.publicationMaxEnd : last;
    moves.push({ action: 'expire', on: last });
    status = 'expired';
  }
  const archive = archiveOn(r.decisionDate);
  if ((status === 'expired' || status === 'repaired' || status === 'revoked') && archive <= day) {
    last = archive > last ? archive : last;
    moves.push({ action: 'archive', on: last });
    status = 'archived';
  }
  return { status, moves };
}
