/**
 * API errors as people read them: the server's Chinese (or English) message, its field issues, never a stack. A
 * network failure or an unknown shape gets a plain sentence.
 */
import type { Lang } from './schema';

export interface ApiIssue {
  field: string;
  messageZh: string;
  messageEn: string;
}
interface ErrorData {
  appCode?: string;
  field?: string | null;
  messageZh?: string;
  messageEn?: string;
  issues?: ApiIssue[];
  httpStatus?: number;
  code?: string;
}

export function errorData(error: unknown): ErrorData | null {
  const data = (error as { data?: unknown } | null)?.data;
  return data && typeof data === 'object' ? (data as ErrorData) : null;
}

export function issuesOf(error: unknown): ApiIssue[] {
  const data = errorData(error);
  if (!data) return [];
  if (data.issues?.length) return data.issues;
  if (data.field && data.messageZh)
    return [{ field: data.field, messageZh: data.messageZh, messageEn: data.messageEn ?? data.messageZh }];
  return [];
}

export function messageOf(error: unknown, lang: Lang = 'zh'): string {
  const data = errorData(error);
  if (data?.messageZh) return lang === 'zh' ? data.messageZh : (data.messageEn ?? data.messageZh);
  const message = (error as { message?: string } | null)?.message ?? '';
  if (/fetch|network|Failed to/i.test(message))
    return lang === 'zh'
      ? '无法连接服务器，请检查网络后重试'
      : 'Cannot reach the server; check the connection and retry';
  return lang === 'zh' ? '操作失败，请稍后重试' : 'Something went wrong; please retry';
}

/** True when the session is gone (logged out elsewhere, expired, revoked). */
export function isUnauthorized(error: unknown): boolean {
  const data = errorData(error);
  return data?.httpStatus === 401 || data?.code === 'UNAUTHORIZED';
}
