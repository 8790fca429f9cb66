/**
 * Domain errors. Services throw AppError; the tRPC error formatter turns it into `{ appCode, field, messageZh,
 * messageEn }` so the admin shows the Chinese message beside the field and integrators switch on the code.
 */
export type ErrorKind = 'BAD_REQUEST' | 'CONFLICT' | 'NOT_FOUND' | 'FORBIDDEN' | 'UNAUTHORIZED' | 'TOO_MANY_REQUESTS';

export interface RowIssue {
  /** Index of the row in the batch, for bulk calls. */
  index?: number;
  field: string;
  code: string;
  messageZh: string;
  messageEn: string;
}

export class AppError extends Error {
  /** For TOO_MANY_REQUESTS: sent as the Retry-After header. */
  retryAfterSeconds?: number;

  constructor(
    readonly kind: ErrorKind,
    readonly appCode: string,
    readonly messageZh: string,
    readonly messageEn: string,
    readonly field?: string,
    readonly issues?: RowIssue[],
  ) {
    super(messageEn);
    this.name = 'AppError';
  }
}

export function badInput(appCode: string, field: string, messageZh: string, messageEn: string): AppError {
  return new AppError('BAD_REQUEST', appCode, messageZh, messageEn, field, [
    { field, code: appCode, messageZh, messageEn },
  ]);
}

export function notFound(what: string, whatZh: string, id: string): AppError {
  return new AppError(
    'NOT_FOUND',
    `${what.toUpperCase()}_NOT_FOUND`,
    `${whatZh}不存在：${id}`,
    `${what} not found: ${id}`,
  );
}

export function batchRejected(issues: RowIssue[]): AppError {
  const first = issues[0];
  const where = first?.index !== undefined ? `第${first.index + 1}行` : '';
  return new AppError(
    'BAD_REQUEST',
    'BATCH_REJECTED',
    `批量数据有${issues.length}处错误，未写入任何数据。${where}${first ? `${first.field}：${first.messageZh}` : ''}`,
    `The batch has ${issues.length} error(s); nothing was written.${first ? ` Row ${first.index ?? '?'} ${first.field}: ${first.messageEn}` : ''}`,
    first?.index !== undefined ? `records.${first.index}.${first.field}` : first?.field,
    issues,
  );
}

export function tooManyRequests(
  appCode: string,
  messageZh: string,
  messageEn: string,
  retryAfterSeconds: number,
  field?: string,
): AppError {
  const error = new AppError('TOO_MANY_REQUESTS', appCode, messageZh, messageEn, field);
  error.retryAfterSeconds = retryAfterSeconds;
  return error;
}

export function forbidden(appCode: string, messageZh: string, messageEn: string, field?: string): AppError {
  return new AppError('FORBIDDEN', appCode, messageZh, messageEn, field);
}
