import { settingValue } from '@chengxin/contract/settings';
import { initTRPC, TRPCError } from '@trpc/server';
import type { Db, ReadRouting } from '@chengxin/db';
import { z } from 'zod';
import {
  RateLimiter,
  SECURITY_POLICY,
  EVERYWHERE,
  scopeFor,
  subjectPaths,
  withinScope,
  type Scope,
  type SubjectRef,
  logAccess,
} from '../access';
import type { Access, SignedInActor } from '../access';
import { AppError, badInput, forbidden, tooManyRequests, type RowIssue } from './errors';
import type { Secrets } from './secrets';
import { unstorableTextField } from './input-guard';
import { EXPENSIVE_PER_MINUTE, EXPENSIVE_PROCEDURES } from '../access';
import { databaseInputError } from './db-errors';
import { kernelContext, type KernelContext } from './context';

export { RateLimiter };

/** What the HTTP layer hands every procedure. */
export interface TrpcContext {
  /** The primary: every write, and every read the read routing (below) does not send to a replica. */
  db: Db;
  /**
   * Read replicas (DATABASE_REPLICA_URL), when configured: the authorize middleware — the one place — swaps `db` for
   * a replica's for the queries that may read a little stale (`readTarget`). Absent: everything on the primary.
   */
  reads?: ReadRouting;
  secrets: Secrets;
  actor: SignedInActor | null;
  /** How the caller authenticated: a session cookie needs CSRF proof on mutations; a bearer token does not. */
  auth: { via: 'cookie' | 'bearer' | null; token: string | null; csrfOk: boolean };
  clientIp: string;
  limiter: RateLimiter;
  http: {
    setSessionCookie(token: string, csrfToken: string, expiresAt: string): void;
    clearSessionCookie(): void;
    setHeader(name: string, value: string): void;
  };
  /** One line per integrator call and per refusal; never the input (it may hold personal data). */
  log?: (line: string) => void;
}

/**
 * How a procedure's subject is scoped. `subject`: the middleware finds the subject's body from the input and checks it
 * lies in the caller's scope. `list`: the handler filters by `ctx.scope` in SQL. `global`: not tied to a body (rule
 * tables). `city`: changes city-wide data, so only a grant without an org limit allows it.
 */
export type ScopeKind = 'subject' | 'list' | 'global' | 'city';

/**
 * The input as sent, before validation: read only to name subjects for the scope check, and every id read from it
 * must be a UUID or the call is refused, so nothing unvalidated goes further.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- unvalidated JSON by nature; see above.
export type RawInput = any;

export interface ProcedureMeta {
  /** Required on every procedure: the permission it needs, or 'public' / 'authenticated'. */
  permission: Access;
  scope: ScopeKind;
  /** For `subject` procedures: what the raw input names. Every id named must be a UUID, or the call is refused. */
  subjects?: (input: RawInput) => SubjectRef[];
  /** When set, each successful call is written to the query log under this action. */
  accessLog?: string;
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

const t = initTRPC
  .context<TrpcContext>()
  .meta<ProcedureMeta>()
  .create({
    isDev: settingValue('NODE_ENV') === 'development',
    errorFormatter({ shape, error }) {
      const cause = error.cause;
      if (cause instanceof AppError) {
        return {
          ...shape,
          message: cause.messageZh,
          data: {
            ...shape.data,
            stack: undefined,
            appCode: cause.appCode,
            field: cause.field ?? null,
            messageZh: cause.messageZh,
            messageEn: cause.messageEn,
            issues: cause.issues ?? [],
          },
        };
      }
      const issues = error.code === 'BAD_REQUEST' ? zodIssues(cause) : null;
      if (issues) {
        const first = issues[0]!;
        const zh = `${first.field}：${first.messageZh}`;
        return {
          ...shape,
          message: zh,
          data: {
            ...shape.data,
            stack: undefined,
            appCode: 'INPUT_INVALID',
            field: first.field,
            messageZh: zh,
            messageEn: `${first.field}: ${first.messageEn}`,
            issues,
          },
        };
      }
      if (error.code === 'INTERNAL_SERVER_ERROR') {
        // Never leak internals (SQL, stack, personal data) to callers; the server log has the detail.
        return {
          ...shape,
          message: '服务器内部错误',
          data: {
            ...shape.data,
            stack: undefined,
            appCode: 'INTERNAL',
            field: null,
            messageZh: '服务器内部错误，请稍后重试',
            messageEn: 'Internal server error',
            issues: [],
          },
        };
      }
      const zh =
        error.code === 'UNAUTHORIZED'
          ? '请先登录'
          : error.code === 'FORBIDDEN'
            ? '没有权限执行此操作'
            : error.code === 'PAYLOAD_TOO_LARGE'
              ? '请求数据过大'
              : error.message;
      return {
        ...shape,
        message: zh,
        data: {
          ...shape.data,
          stack: undefined,
          appCode: error.code,
          field: null,
          messageZh: zh,
          messageEn: error.message,
          issues: [],
        },
      };
    },
  });

export const router = t.router;
export const createCallerFactory = t.createCallerFactory;

/** Domain errors become tRPC errors with the HTTP status their kind implies (and Retry-After when there is one). */
const bridgeErrors = t.middleware(async ({ ctx, next }) => {
  const result = await next();
  // A database error caused by the caller's values is a 400, not a 500 (api/db-errors.ts).
  const fromDb =
    !result.ok && !(result.error.cause instanceof AppError) ? databaseInputError(result.error.cause) : null;
  if (fromDb) throw new TRPCError({ code: 'BAD_REQUEST', message: fromDb.messageEn, cause: fromDb });
  if (!result.ok && result.error.cause instanceof AppError) {
    const cause = result.error.cause;
    if (cause.retryAfterSeconds) ctx.http.setHeader('Retry-After', String(cause.retryAfterSeconds));
    throw new TRPCError({ code: cause.kind, message: cause.messageEn, cause });
  }
  return result;
});

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * The one place access is decided: the procedure's declared permission against the caller's grants, the subject's
 * body against the grant's scope, CSRF proof for cookie-authenticated mutations, and integrators' rate limits.
 */
const authorize = t.middleware(async ({ meta, ctx, next, path, type, getRawInput }) => {
  const access = meta?.permission;
  if (!access || !meta.scope || (meta.scope === 'subject') !== !!meta.subjects) {
    throw new TRPCError({
      code: 'INTERNAL_SERVER_ERROR',
      message: `procedure ${path} declares no permission or scope`,
    });
  }
  // Public procedures see no one's grants and must return only public data.
  if (access === 'public') return routed(ctx, type, path, (db) => next({ ctx: { ...ctx, scope: EVERYWHERE, ...db } }));
  const actor = ctx.actor;
  if (!actor) throw new TRPCError({ code: 'UNAUTHORIZED', message: 'Login required' });
  if (type === 'mutation' && ctx.auth.via === 'cookie' && !ctx.auth.csrfOk) {
    throw forbidden(
      'CSRF_FAILED',
      '请求缺少有效的防伪令牌（CSRF），请刷新页面后重试',
      'Missing or wrong X-CSRF-Token for a cookie-authenticated request',
    );
  }
  if (actor.kind === 'token') {
    const take = await ctx.limiter.take(`token:${actor.id}`, actor.ratePerMinute ?? SECURITY_POLICY.tokenRatePerMinute);
    if (!take.ok) {
      ctx.log?.(`rate-limited ${path} by ${actor.username}`);
      throw tooManyRequests(
        'RATE_LIMITED',
        `调用过于频繁，请${take.retryAfterSeconds}秒后重试`,
        `Rate limit exceeded; retry after ${take.retryAfterSeconds} s`,
        take.retryAfterSeconds,
      );
    }
  }
  if (EXPENSIVE_PROCEDURES.has(path)) {
    const take = await ctx.limiter.take(`expensive:${actor.id}`, EXPENSIVE_PER_MINUTE);
    if (!take.ok)
      throw tooManyRequests(
        'EXPENSIVE_THROTTLED',
        `导出等耗时操作过于频繁，请${take.retryAfterSeconds}秒后再试`,
        `Too many exports; retry after ${take.retryAfterSeconds} s`,
        take.retryAfterSeconds,
      );
  }
  let scope: Scope = EVERYWHERE;
  let refs: { kind: SubjectRef['kind']; id: string }[] = [];
  if (access !== 'authenticated') {
    const granted = scopeFor(actor.grants, access);
    if (!granted) throw forbidden('PERMISSION_DENIED', '没有权限执行此操作', `Permission ${access} required`);
    if (meta.scope === 'city' && granted.roots !== null)
      throw forbidden('CITY_SCOPE_REQUIRED', '此操作须由全市范围的管理员执行', 'Only a city-wide grant allows this');
    scope = granted;
    if (meta.scope === 'subject') {
      refs = (meta.subjects!(await getRawInput()) ?? [])
        .filter((r) => r.id !== undefined && r.id !== null)
        .map((r) => {
          if (typeof r.id !== 'string' || !UUID.test(r.id))
            throw badInput('INPUT_INVALID', r.kind, '编号格式不正确', `${r.kind} id must be a UUID`);
          return { kind: r.kind, id: r.id.toLowerCase() };
        });
      if (scope.roots !== null) {
        const paths = await subjectPaths(ctx.db, refs);
        for (const ref of refs) {
          const found = paths.get(`${ref.kind}:${ref.id}`);
          // An unknown id is left to the handler (not found); a known one must lie in the scope.
          if (found && !found.some((p) => withinScope(scope, p))) {
            ctx.log?.(`out-of-scope ${path} by ${actor.username}`);
            throw forbidden('OUT_OF_SCOPE', '该对象不在您的管辖范围内', `The ${ref.kind} is outside your scope`);
          }
        }
      }
    }
  }
  const result = await routed(ctx, type, path, (db) => next({ ctx: { ...ctx, actor, scope, ...db } }));
  if (actor.kind === 'token') ctx.log?.(`call ${path} ${result.ok ? 'ok' : result.error.code} by ${actor.username}`);
  // Answered only once the query-log entries are stored (written in groups with other reads: access-log.ts).
  if (result.ok && meta.accessLog)
    await Promise.all(refs.map((ref) => logAccess(ctx.db, actor, meta.accessLog!, ref.kind, ref.id)));
  return result;
});

/**
 * Where a call reads (the only place this is decided; docs/REPLICAS.md):
 * - mutations (and everything else that is not a query) run on the primary, and mark the caller as having written;
 * - queries of a signed-in person (a console session, by cookie or as a bearer) run on the primary, always: an officer
 *   reads their own writes, and the console's small load never sees a replica's lag;
 * - queries of anonymous callers (the portal, search, reports, open data) and of integrator tokens go to a healthy
 *   replica — unless that caller (the token, or the client address for an anonymous one) wrote since the replica was
 *   last seen current, so an integrator or a complainant reads what they just wrote.
 * A read the replica fails (it went down, a recovery conflict, a query that writes) is run again on the primary.
 */
export function readTarget(ctx: Pick<TrpcContext, 'actor' | 'reads'>, type: string): 'primary' | 'replica' {
  if (!ctx.reads || type !== 'query') return 'primary';
  // A signed-in person: a console session, by cookie or by its token sent as a bearer.
  if (ctx.actor && ctx.actor.kind !== 'token') return 'primary';
  return 'replica';
}

const readerKey = (ctx: TrpcContext) => (ctx.actor ? `actor:${ctx.actor.id}` : `ip:${ctx.clientIp}`);

async function routed<R extends { ok: true } | { ok: false; error: TRPCError }>(
  ctx: TrpcContext,
  type: string,
  path: string,
  next: (extra: { db?: Db }) => Promise<R>,
): Promise<R> {
  const reads = ctx.reads;
  if (!reads) return next({});
  if (readTarget(ctx, type) === 'primary') {
    const result = await next({});
    if (result.ok && type === 'mutation') reads.noteWrite(readerKey(ctx));
    return result;
  }
  const choice = reads.pick(readerKey(ctx));
  if (choice.target === 'primary') return next({});
  const result = await next({ db: choice.db });
  if (!result.ok && reads.failed(choice, result.error.cause ?? result.error)) {
    ctx.log?.(
      `read ${path} failed on a replica (${(result.error.cause ?? result.error).message.split('\n')[0]}); run on the primary`,
    );
    return next({});
  }
  return result;
}

/** NUL characters and lone surrogates in any text of the input: a 400 naming the field (api/input-guard.ts). */
const refuseUnstorableText = t.middleware(async ({ next, getRawInput }) => {
  const field = unstorableTextField(await getRawInput().catch(() => undefined));
  if (field)
    throw badInput(
      'TEXT_UNSTORABLE',
      field,
      '文本中含有不允许的字符（空字符或无效的Unicode编码）',
      'The text contains a character that is not allowed (NUL or invalid Unicode)',
    );
  return next();
});

/** The only procedure builder: kernel routers and (later) plugin routers are built from it. */
export const procedure = t.procedure.use(bridgeErrors).use(refuseUnstorableText).use(authorize);

/** Builds a SubjectRef list from optional ids, for `subjects` in procedure meta. */
export const refs = (...list: [SubjectRef['kind'], unknown][]): SubjectRef[] =>
  list.map(([kind, id]) => ({ kind, id }));

/**
 * The services' context for a procedure that passed the authorize middleware (which sets the caller's scope): the one
 * bridge from a tRPC context to the kernel's, so every domain router calls its services the same way.
 */
export const serviceContext = (ctx: TrpcContext & { scope: Scope }): KernelContext =>
  kernelContext(ctx.db, ctx.secrets, ctx.actor, ctx.scope);
