import { initTRPC, TRPCError } from '@trpc/server';
import type { Db } from '@chengxin/db';
import { z } from 'zod';
import type { Actor } from '../context';
import { AppError, type RowIssue } from '../errors';
import type { Access } from '../permissions';
import { rolesGrant } from '../permissions';
import type { Secrets } from '../secrets';

/** What the HTTP layer hands every procedure. */
export interface TrpcContext {
  db: Db;
  secrets: Secrets;
  actor: (Actor & { displayName: string }) | null;
  sessionToken: string | null;
  http: {
    setSessionCookie(token: string, expiresAt: string): void;
    clearSessionCookie(): void;
  };
}

export interface ProcedureMeta {
  /** Required on every procedure: the permission it needs, or 'public' / 'authenticated'. */
  permission: Access;
  /** One line for the API reference. */
  summary?: string;
}

const ZH = z.locales.zhCN();
const EN = z.locales.en();
// Finalised zod issues no longer carry the input, so the locale's "received …" tail would read "undefined".
const clean = (s: string) => s.replace(/，实际接收 undefined$|, received undefined$/, '');

function zodIssues(cause: unknown): RowIssue[] | null {
  const issues = (cause as { issues?: unknown })?.issues;
  if (!Array.isArray(issues)) return null;
  return issues.map((i: { path: PropertyKey[]; code: string; message: string; params?: { en?: string } }) => {
    const custom = i.code === 'custom';
    return {
      field: i.path.map(String).join('.') || '(input)',
      code: `INPUT_${i.code.toUpperCase()}`,
      messageZh: custom ? i.message : clean(ZH.localeError(i as never) as string),
      messageEn: custom ? (i.params?.en ?? i.message) : clean(EN.localeError(i as never) as string),
    };
  });
}

const t = initTRPC.context<TrpcContext>().meta<ProcedureMeta>().create({
  isDev: process.env['NODE_ENV'] === 'development',
  errorFormatter({ shape, error }) {
    const cause = error.cause;
    if (cause instanceof AppError) {
      return { ...shape, message: cause.messageZh, data: { ...shape.data, stack: undefined, appCode: cause.appCode, field: cause.field ?? null, messageZh: cause.messageZh, messageEn: cause.messageEn, issues: cause.issues ?? [] } };
    }
    const issues = error.code === 'BAD_REQUEST' ? zodIssues(cause) : null;
    if (issues) {
      const first = issues[0]!;
      const zh = `${first.field}：${first.messageZh}`;
      return { ...shape, message: zh, data: { ...shape.data, stack: undefined, appCode: 'INPUT_INVALID', field: first.field, messageZh: zh, messageEn: `${first.field}: ${first.messageEn}`, issues } };
    }
    if (error.code === 'INTERNAL_SERVER_ERROR') {
      // Never leak internals (SQL, stack, personal data) to callers; the server log has the detail.
      return { ...shape, message: '服务器内部错误', data: { ...shape.data, stack: undefined, appCode: 'INTERNAL', field: null, messageZh: '服务器内部错误，请稍后重试', messageEn: 'Internal server error', issues: [] } };
    }
    const zh = error.code === 'UNAUTHORIZED' ? '请先登录' : error.code === 'FORBIDDEN' ? '没有权限执行此操作' : error.message;
    return { ...shape, message: zh, data: { ...shape.data, stack: undefined, appCode: error.code, field: null, messageZh: zh, messageEn: error.message, issues: [] } };
  },
});

export const router = t.router;
export const createCallerFactory = t.createCallerFactory;

/** Domain errors become tRPC errors with the HTTP status their kind implies. */
const bridgeErrors = t.middleware(async ({ next }) => {
  const result = await next();
  if (!result.ok && result.error.cause instanceof AppError) {
    throw new TRPCError({ code: result.error.cause.kind, message: result.error.cause.messageEn, cause: result.error.cause });
  }
  return result;
});

/** The one place access is decided: from the procedure's declared permission and the acting user's roles. */
const authorize = t.middleware(({ meta, ctx, next, path }) => {
  const access = meta?.permission;
  if (!access) throw new TRPCError({ code: 'INTERNAL_SERVER_ERROR', message: `procedure ${path} declares no permission` });
  if (access === 'public') return next();
  if (!ctx.actor) throw new TRPCError({ code: 'UNAUTHORIZED', message: 'Login required' });
  if (access !== 'authenticated' && !rolesGrant(ctx.actor.roles, access)) {
    throw new TRPCError({ code: 'FORBIDDEN', message: `Permission ${access} required` });
  }
  return next({ ctx: { ...ctx, actor: ctx.actor } });
});

/** The only procedure builder: kernel routers and (later) plugin routers are built from it. */
export const procedure = t.procedure.use(bridgeErrors).use(authorize);
