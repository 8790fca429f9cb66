import { AppError, type RowIssue } from '../core';

/** Every problem of a list input at once, the first named as the error's field (its full path, e.g. `rows.3.uscc`). */
export function rowErrors(issues: RowIssue[]): AppError {
  const first = issues[0]!;
  return new AppError(
    'BAD_REQUEST',
    first.code,
    `${issues.length > 1 ? `共${issues.length}处错误，未写入任何数据。` : ''}${first.field}：${first.messageZh}`,
    `${issues.length > 1 ? `${issues.length} errors; nothing was written. ` : ''}${first.field}: ${first.messageEn}`,
    first.field,
    issues,
  );
}

export const illegalRunTransition = (status: string, action: string) =>
  new AppError(
    'CONFLICT',
    'EVALUATION_ILLEGAL_TRANSITION',
    `评价结果当前状态为“${status}”，不能${action}`,
    `The run is ${status}; it cannot be ${action === '审核' ? 'reviewed' : 'published'}`,
  );
