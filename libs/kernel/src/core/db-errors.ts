import { AppError } from './errors';

/**
 * The last line against a 500 for bad input: a database error that can only come from the caller's values (a
 * reference to a row that does not exist, a number out of the column's range, a malformed value) becomes a 400. The
 * field is named from the violated constraint's column where the database says it; services still check what they
 * can first, with their own messages — this only catches what slipped past them.
 */
const INPUT_SQLSTATES: Record<string, { zh: string; en: string }> = {
  '23503': { zh: '引用的对象不存在', en: 'refers to something that does not exist' },
  '22003': { zh: '数值超出允许范围', en: 'number out of range' },
  '22P02': { zh: '格式不正确', en: 'malformed value' },
  '22007': { zh: '日期或时间格式不正确', en: 'malformed date or time' },
  '22008': { zh: '日期或时间超出范围', en: 'date or time out of range' },
  '22001': { zh: '文本过长', en: 'text too long' },
  '22021': { zh: '含有无效字符', en: 'invalid character' },
  '22P05': { zh: '含有无效字符', en: 'invalid character' },
  '2201W': { zh: '数值超出允许范围', en: 'number out of range' },
  '2201X': { zh: '数值超出允许范围', en: 'number out of range' },
  '54000': { zh: '输入过长或过于复杂', en: 'input too long or too complex' },
};

const camel = (column: string) => column.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase());

type DriverError = { code?: unknown; cause?: unknown; constraint?: string; constraint_name?: string; detail?: string };

/** drizzle wraps the driver's error; PGlite and postgres.js both carry the SQLSTATE as `code`. */
function driverError(error: unknown): DriverError | undefined {
  let e = error as DriverError | undefined;
  for (let i = 0; i < 4 && e && typeof e.code !== 'string'; i++) e = e.cause as DriverError | undefined;
  return e;
}

/** A unique constraint refused the write (SQLSTATE 23505). */
export const isUniqueViolation = (error: unknown) => driverError(error)?.code === '23505';

export function databaseInputError(error: unknown): AppError | null {
  const e = driverError(error);
  const code = typeof e?.code === 'string' ? e.code : null;
  const kind = code ? INPUT_SQLSTATES[code] : undefined;
  if (!kind) return null;
  const column =
    /Key \(([a-z_]+)\)/.exec(e?.detail ?? '')?.[1] ??
    /_([a-z_]+?)_fkey$/.exec(e?.constraint ?? e?.constraint_name ?? '')?.[1];
  const field = column ? camel(column) : '(input)';
  return new AppError(
    'BAD_REQUEST',
    code === '23503' ? 'REFERENCE_NOT_FOUND' : 'INPUT_OUT_OF_RANGE',
    `${field}：${kind.zh}`,
    `${field}: ${kind.en}`,
    field,
    [
      {
        field,
        code: code === '23503' ? 'REFERENCE_NOT_FOUND' : 'INPUT_OUT_OF_RANGE',
        messageZh: kind.zh,
        messageEn: kind.en,
      },
    ],
  );
}
