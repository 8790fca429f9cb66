import { addMonths, type LegalDate } from '@chengxin/contract';
import type { RecordStatus } from '@chengxin/contract';
import type { RuleSource } from './source';

/**
 * Negative records stay queryable at most five years, then are archived. Tianjin's own regulation gives no period we
 * could read, so the five years are other provinces' rules used as an analogy (2nd, not law), and they differ on the
 * day the five years start: 上海 §35 ¶2 and 山东 §38 from the end of the act (失信行为终止之日), 浙江 §16 from the day
 * the act is found (认定之日, i.e. the decision), 河南 §19 names no start. A record carries its decision date but not
 * the act's end, so we count from the decision (浙江's rule), which is never earlier than the act's end.
 */
export const RETENTION = {
  id: 'retention-5y',
  years: 5,
  countsFrom: 'decisionDate',
  summaryZh: '失信信息自认定失信行为的决定作出之日起满五年停止查询、转为档案保存（参照外省市条例，天津未规定）',
  summaryEn:
    "Five years from the decision a negative record is no longer queryable and is archived (other provinces' rules, by analogy)",
  source: {
    law: '参照：上海市社会信用条例（2017）第三十五条（自失信行为或者事件终止之日起算）；山东省社会信用条例（2020）第三十八条（自失信行为终止之日起算）；浙江省公共信用信息管理条例（2017）第十六条（自认定之日起算）；河南省社会信用条例（2019）第十九条（最长不超过五年）',
    article: '失信信息查询、披露期限五年（外省市规定类推适用，非天津法规）',
    confidence: '2nd',
  } satisfies RuleSource,
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
