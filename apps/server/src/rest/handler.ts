/**
 * The REST face at /api/v1: matches a route of the table, builds the procedure's input from the path, query and body,
 * refuses unknown fields, honours Idempotency-Key, and calls the tRPC procedure through the same router with the same
 * context a tRPC request gets (bearer API tokens only), so access, rate limits, validation and audit are the same
 * code. Errors are RFC 9457 problem+json carrying the tRPC error's machine code, field and messages.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { rows, type Database, type Db, type ReadRouting } from '@chengxin/db';
import {
  actorForToken,
  createCallerFactory,
  RateLimiter,
  SECURITY_POLICY,
  type ProcedureMeta,
  type Secrets,
  type TrpcContext,
} from '@chengxin/kernel';
import { TRPCError } from '@trpc/server';
import { getErrorShape } from '@trpc/server/unstable-core-do-not-import';
import { sql } from 'drizzle-orm';
import { appRouter } from '@chengxin/api';
import { ocdsExtensionFile } from '@chengxin/plugin-sdk';
import {
  compileRoute,
  openApiDocument,
  unknownFields,
  type CompiledRoute,
  type Json,
  type ProcedureInfo,
} from './openapi';
import { REST_ROUTES, type RestRoute } from './routes';
import { noteRequest } from '../request-info';

export const REST_BASE = '/api/v1';
export const API_VERSION = '1.0.0';

export interface RestOptions {
  database: Database;
  /** Read replicas: queries of integrators may read there (kernel core/trpc.ts decides). */
  reads?: ReadRouting;
  secrets: Secrets;
  /** The tRPC face's limiter: a token has one budget across both faces. */
  limiter: RateLimiter;
  clientIp: (req: IncomingMessage) => string;
  log?: (line: string) => void;
}

interface Problem {
  status: number;
  code: string;
  trpcCode?: string;
  field?: string | null;
  messageZh: string;
  messageEn: string;
  issues?: { field: string; code: string; messageZh: string; messageEn: string }[];
}

const STATUS_TITLES: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  409: 'Conflict',
  413: 'Content Too Large',
  415: 'Unsupported Media Type',
  422: 'Unprocessable Content',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
};

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- the flattened procedure record of a built router.
const PROCEDURES = (appRouter as any)._def.procedures as Record<
  string,
  { _def: { inputs: Json[]; output?: Json; meta?: ProcedureMeta; type: ProcedureInfo['type'] } }
>;

/** Resolves the table against the router: a route naming a missing procedure fails at start-up, not at first call. */
export function compileRoutes(routes: RestRoute[] = REST_ROUTES) {
  const components: Record<string, Json> = {};
  const compiled = routes.map((route) => {
    const p = PROCEDURES[route.procedure];
    if (!p) throw new Error(`REST route ${route.method} ${route.path}: no procedure ${route.procedure}`);
    // A mutation is never a GET; a query may be a POST when its input must not appear in a URL (ID numbers, receipt codes).
    if (p._def.type !== 'query' && route.method === 'GET')
      throw new Error(`REST route GET ${route.path}: ${route.procedure} is a ${p._def.type}`);
    if (p._def.inputs.length > 1) throw new Error(`REST route ${route.path}: ${route.procedure} has several inputs`);
    const info: ProcedureInfo = {
      input: p._def.inputs[0],
      output: p._def.output,
      meta: p._def.meta!,
      type: p._def.type,
    };
    return compileRoute(route, info, components);
  });
  const ops = new Set<string>();
  for (const c of compiled) {
    if (ops.has(c.route.operationId))
      throw new Error(`REST route ${c.route.path}: duplicate operationId ${c.route.operationId}`);
    ops.add(c.route.operationId);
  }
  return { compiled, components, document: openApiDocument(compiled, components, API_VERSION) };
}

/** Literal segments win over parameters, so /records/changes is never read as /records/{id}. */
function matcher(compiled: CompiledRoute[]) {
  const table = compiled
    .map((c) => {
      const segs = c.route.path.split('/').filter(Boolean);
      return { c, segs, literals: segs.filter((s) => !s.startsWith('{')).length };
    })
    .sort((a, b) => b.literals - a.literals);
  return (
    method: string,
    path: string,
  ): { c: CompiledRoute; params: Record<string, string> } | { allow: string[] } | null => {
    const parts = path.split('/').filter(Boolean);
    const allow: string[] = [];
    for (const { c, segs } of table) {
      if (segs.length !== parts.length) continue;
      const params: Record<string, string> = {};
      let ok = true;
      for (let i = 0; i < segs.length && ok; i++) {
        const s = segs[i]!;
        if (s.startsWith('{')) {
          try {
            params[s.slice(1, -1)] = decodeURIComponent(parts[i]!);
          } catch {
            ok = false;
          }
        } else ok = s === parts[i];
      }
      if (!ok) continue;
      if (c.route.method === method) return { c, params };
      allow.push(c.route.method);
    }
    return allow.length ? { allow } : null;
  };
}

/** A query string value in the type its schema asks for; anything that does not fit is left for zod to name. */
function coerce(schema: Json, value: string): unknown {
  const type = schema?.type ?? schema?.anyOf?.find((b: Json) => b.type !== 'null')?.type;
  if ((type === 'integer' || type === 'number') && /^-?\d+(\.\d+)?$/.test(value)) return Number(value);
  if (type === 'boolean' && (value === 'true' || value === 'false')) return value === 'true';
  return value;
}

/** JSON with sorted keys: the same body hashes the same whatever order its fields were sent in. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value && typeof value === 'object')
    return `{${Object.keys(value)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonical((value as Record<string, unknown>)[k])}`)
      .join(',')}}`;
  return JSON.stringify(value) ?? 'null';
}

const IDEMPOTENCY_KEY = /^[\x21-\x7e]{1,200}$/;

class RestProblem extends Error {
  constructor(
    readonly problem: Problem,
    readonly headers: Record<string, string> = {},
  ) {
    super(problem.messageEn);
  }
}

const bad = (
  code: string,
  field: string | null,
  messageZh: string,
  messageEn: string,
  status = 400,
  issues?: Problem['issues'],
) =>
  new RestProblem({
    status,
    code,
    trpcCode: status === 400 ? 'BAD_REQUEST' : undefined,
    field,
    messageZh,
    messageEn,
    issues: issues ?? (field ? [{ field, code, messageZh, messageEn }] : []),
  });

async function readBody(req: IncomingMessage, max: number): Promise<string> {
  const declared = Number(req.headers['content-length'] ?? 0);
  const tooLarge = () =>
    bad('PAYLOAD_TOO_LARGE', null, `请求数据过大（上限${max}字节）`, `Request body exceeds ${max} bytes`, 413);
  if (declared > max) throw tooLarge();
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > max) throw tooLarge();
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

function send(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
  type = 'application/json; charset=utf-8',
): void {
  res.writeHead(status, { 'content-type': type, 'cache-control': 'no-store', ...headers });
  res.end(typeof body === 'string' || Buffer.isBuffer(body) ? body : JSON.stringify(body));
}

function sendProblem(res: ServerResponse, p: Problem, instance: string, headers: Record<string, string> = {}): void {
  send(
    res,
    p.status,
    {
      type: `urn:chengxin:problem:${p.code}`,
      title: STATUS_TITLES[p.status] ?? 'Error',
      status: p.status,
      detail: p.messageEn,
      instance,
      // The id of this request in the server's log (X-Request-Id), for an integrator reporting a problem.
      ...(res.getHeader('x-request-id') ? { requestId: String(res.getHeader('x-request-id')) } : {}),
      code: p.code,
      ...(p.trpcCode ? { trpcCode: p.trpcCode } : {}),
      field: p.field ?? null,
      messageZh: p.messageZh,
      messageEn: p.messageEn,
      issues: p.issues ?? [],
    },
    headers,
    'application/problem+json; charset=utf-8',
  );
}

/** A tRPC error as the tRPC face would shape it (the router's own errorFormatter), then as a problem. */
function problemOf(error: TRPCError, path: string, ctx: TrpcContext): Problem {
  const shape = getErrorShape({
    config: appRouter._def._config,
    error,
    type: 'unknown',
    path,
    input: undefined,
    ctx,
  }) as {
    data: {
      httpStatus: number;
      code: string;
      appCode: string;
      field: string | null;
      messageZh: string;
      messageEn: string;
      issues: Problem['issues'];
    };
  };
  const d = shape.data;
  return {
    status: d.httpStatus,
    code: d.appCode,
    trpcCode: d.code,
    field: d.field,
    messageZh: d.messageZh,
    messageEn: d.messageEn,
    issues: d.issues,
  };
}

const assetsDir = fileURLToPath(new URL('./assets/', import.meta.url));
const swaggerDir = dirname(createRequire(import.meta.url).resolve('swagger-ui-dist/package.json'));
const DOC_FILES: Record<string, [string, string]> = {
  'swagger-ui.css': [join(swaggerDir, 'swagger-ui.css'), 'text/css; charset=utf-8'],
  'swagger-ui-bundle.js': [join(swaggerDir, 'swagger-ui-bundle.js'), 'text/javascript; charset=utf-8'],
  'favicon-32x32.png': [join(swaggerDir, 'favicon-32x32.png'), 'image/png'],
  'init.js': [join(assetsDir, 'init.js'), 'text/javascript; charset=utf-8'],
};

export function createRestHandler(options: RestOptions) {
  const { database, secrets, limiter } = options;
  const { compiled, components, document } = compileRoutes();
  const documentJson = JSON.stringify(document);
  const match = matcher(compiled);
  const factory = createCallerFactory(appRouter);
  const fileCache = new Map<string, Buffer>();
  const file = (path: string) => {
    let b = fileCache.get(path);
    if (!b) fileCache.set(path, (b = readFileSync(path)));
    return b;
  };

  return async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const path = url.pathname.slice(REST_BASE.length) || '/';
    const instance = url.pathname;
    try {
      if (req.method === 'GET' || req.method === 'HEAD') {
        if (path === '/openapi.json') return send(res, 200, documentJson, { 'cache-control': 'no-cache' });
        if (path === '/' || path === '/docs' || path === '/docs/') {
          if (path === '/') {
            res.writeHead(302, { location: `${REST_BASE}/docs` });
            return void res.end();
          }
          return send(
            res,
            200,
            file(join(assetsDir, 'docs.html')),
            { 'cache-control': 'no-cache' },
            'text/html; charset=utf-8',
          );
        }
        const asset = path.startsWith('/docs/') ? DOC_FILES[path.slice(6)] : undefined;
        if (asset) return send(res, 200, file(asset[0]), { 'cache-control': 'public, max-age=3600' }, asset[1]);
        // Our OCDS extensions (extension.json, the schema patch, codelists, README), public so that the URLs the
        // published packages list in `extensions` resolve; only the files an extension names are served.
        const ext = /^\/ocds\/extensions\/([a-z-]+)\/(.+)$/.exec(path);
        if (ext) {
          const found = ocdsExtensionFile(ext[1]!, ext[2]!);
          if (!found) throw bad('NOT_FOUND', null, '文件不存在', `No file at ${url.pathname}`, 404);
          return send(res, 200, found.body, { 'cache-control': 'public, max-age=3600' }, found.contentType);
        }
      }
      const found = match(req.method ?? 'GET', path);
      if (!found) throw bad('NOT_FOUND', null, '接口不存在', `No operation at ${req.method} ${url.pathname}`, 404);
      if ('allow' in found)
        throw new RestProblem(
          {
            status: 405,
            code: 'METHOD_NOT_ALLOWED',
            messageZh: '不支持该请求方法',
            messageEn: `Use ${found.allow.join(', ')}`,
          },
          { allow: found.allow.join(', ') },
        );
      const { c, params } = found;
      const { route } = c;
      noteRequest(req, { procedure: `${route.method} ${REST_BASE}${route.path}` });

      // Authentication: a bearer API token, as on /trpc. A token that is sent but unknown, revoked or expired is 401
      // even on a public operation, so an integrator learns at once that its credential is bad.
      const header = req.headers.authorization;
      let actor: TrpcContext['actor'] = null;
      let token: string | null = null;
      if (header !== undefined) {
        token = header.startsWith('Bearer ') ? header.slice(7).trim() : null;
        actor = token ? await actorForToken(database.db, token) : null;
        if (!actor) {
          throw new RestProblem(
            {
              status: 401,
              code: 'TOKEN_INVALID',
              trpcCode: 'UNAUTHORIZED',
              messageZh: '接口令牌无效、已吊销或已过期',
              messageEn: 'The bearer token is unknown, revoked or expired',
            },
            { 'www-authenticate': 'Bearer error="invalid_token"' },
          );
        }
      }
      noteRequest(req, { actorId: actor?.id ?? null });

      // Input: path parameters, then the query (GET) or the JSON body (POST). Nothing the schema does not name.
      const flat: Record<string, unknown> = {};
      const queryParams = new Map(c.params.filter((p) => p.in === 'query').map((p) => [p.name, p]));
      const unknown: string[] = [];
      for (const name of new Set(url.searchParams.keys())) {
        const p = queryParams.get(name);
        if (!p) {
          unknown.push(name);
          continue;
        }
        const values = url.searchParams.getAll(name);
        if (p.schema?.type === 'array') flat[name] = values.map((v) => coerce(p.schema.items, v));
        else if (values.length > 1) throw bad('INPUT_INVALID', name, `${name}：只能出现一次`, `${name}: give it once`);
        else flat[name] = coerce(p.schema, values[0]!);
      }
      let body: unknown;
      if (route.method === 'POST') {
        const text = await readBody(req, SECURITY_POLICY.maxBodyBytes);
        const type = String(req.headers['content-type'] ?? '')
          .split(';')[0]!
          .trim()
          .toLowerCase();
        // An empty body is an empty object (POST /records/{id}/submit needs nothing more).
        if (text.trim() && type !== 'application/json')
          throw bad(
            'UNSUPPORTED_MEDIA_TYPE',
            null,
            '请求体须为 application/json',
            'The body must be application/json',
            415,
          );
        try {
          body = text.trim() ? JSON.parse(text) : {};
        } catch {
          throw bad('INPUT_MALFORMED_JSON', '(input)', '请求体不是有效的JSON', 'The body is not valid JSON');
        }
        if (!body || typeof body !== 'object' || Array.isArray(body))
          throw bad('INPUT_INVALID', '(input)', '请求体应为JSON对象', 'The body must be a JSON object');
        unknown.push(...unknownFields(c.body, body, components));
        for (const name of Object.keys(params)) if (name in (body as object)) unknown.push(name);
      }
      if (unknown.length) {
        const issues = unknown.map((field) => ({
          field,
          code: 'INPUT_UNRECOGNIZED_KEYS',
          messageZh: `未知字段：${field}`,
          messageEn: `Unknown field: ${field}`,
        }));
        throw new RestProblem({
          status: 400,
          code: 'INPUT_INVALID',
          trpcCode: 'BAD_REQUEST',
          field: unknown[0]!,
          messageZh: `${unknown[0]}：未知字段`,
          messageEn: `${unknown[0]}: unknown field`,
          issues,
        });
      }
      // Path parameters in the type their schema asks for too (a batch number is a number).
      for (const p of c.params)
        if (p.in === 'path' && p.name in params) flat[p.name] = coerce(p.schema, params[p.name]!);
      for (const name of Object.keys(params)) if (!(name in flat)) flat[name] = params[name];
      const pathInput = Object.fromEntries(Object.keys(params).map((name) => [name, flat[name]]));
      const input = route.toInput
        ? route.toInput(flat)
        : route.method === 'POST'
          ? { ...(body as object), ...pathInput }
          : flat;

      const headers: Record<string, string> = {};
      const ctx: TrpcContext = {
        db: database.db,
        ...(options.reads ? { reads: options.reads } : {}),
        secrets,
        actor,
        auth: { via: actor ? 'bearer' : null, token: actor ? token : null, csrfOk: false },
        clientIp: options.clientIp(req),
        limiter,
        http: {
          setSessionCookie: () => undefined,
          clearSessionCookie: () => undefined,
          setHeader: (name, value) => void (headers[name.toLowerCase()] = value),
        },
        ...(options.log ? { log: options.log } : {}),
      };
      const call = async (db: Db) => {
        // Inside the idempotency transaction everything stays on it (no replica); on embedded PGlite (one session)
        // limits are counted through it too.
        const { reads: _reads, ...inTx } = ctx;
        // eslint-disable-next-line @typescript-eslint/no-explicit-any -- walking the caller by the route's dotted path.
        let fn: any = factory(
          db === database.db
            ? ctx
            : { ...inTx, db, ...(database.kind === 'pglite' ? { limiter: limiter.within(db) } : {}) },
        );
        for (const part of route.procedure.split('.')) fn = fn[part];
        return (await fn(input)) as unknown;
      };
      const status = route.created ? 201 : 200;
      const respond = (body: unknown, extra: Record<string, string> = {}, output = body) =>
        send(res, status, body, {
          ...headers,
          ...(route.created ? { location: route.created(output) } : {}),
          ...extra,
        });

      try {
        const key = req.headers['idempotency-key'];
        if (route.idempotent && key !== undefined && actor) {
          if (typeof key !== 'string' || !IDEMPOTENCY_KEY.test(key)) {
            throw bad(
              'IDEMPOTENCY_KEY_INVALID',
              'Idempotency-Key',
              'Idempotency-Key 应为1至200个可见ASCII字符',
              'Idempotency-Key must be 1 to 200 visible ASCII characters',
            );
          }
          const hash = createHash('sha256')
            .update(`${route.operationId}\n${canonical(body)}`)
            .digest('hex');
          // The claim, the write and the stored response commit together: a retry (even a concurrent one, which waits on
          // the claim's key) finds the first response, and a failed call leaves no claim behind.
          const outcome = await database.db.transaction(async (tx) => {
            const claimed = await rows(
              tx,
              sql`insert into kernel.idempotency_key (actor_id, key, operation, request_hash, status, response)
              values (${actor.id}, ${key}, ${route.operationId}, ${hash}, 0, '') on conflict do nothing returning key`,
            );
            if (claimed.length === 0) {
              const [prior] = await rows<{ operation: string; request_hash: string; status: number; response: string }>(
                tx,
                sql`
                select operation, request_hash, status, response from kernel.idempotency_key where actor_id = ${actor.id} and key = ${key}`,
              );
              return { prior: prior! };
            }
            const output = await call(tx as unknown as Db);
            await tx.execute(
              sql`update kernel.idempotency_key set status = ${status}, response = ${JSON.stringify(output)} where actor_id = ${actor.id} and key = ${key}`,
            );
            return { output };
          });
          if ('output' in outcome) return respond(outcome.output);
          const { prior } = outcome;
          if (prior.operation !== route.operationId || prior.request_hash !== hash) {
            throw bad(
              'IDEMPOTENCY_KEY_REUSED',
              'Idempotency-Key',
              '该幂等键已用于内容不同的请求',
              'This Idempotency-Key was used for a different request',
              409,
            );
          }
          return respond(prior.response, { 'idempotent-replayed': 'true' }, JSON.parse(prior.response));
        }
        const output = await call(database.db);
        if (route.raw) {
          const doc = output as { contentType: string; content: string };
          return send(res, status, doc.content, headers, doc.contentType);
        }
        return respond(output);
      } catch (e) {
        if (e instanceof RestProblem) throw e;
        const error = e instanceof TRPCError ? e : new TRPCError({ code: 'INTERNAL_SERVER_ERROR', cause: e });
        if (error.code === 'INTERNAL_SERVER_ERROR')
          options.log?.(
            `error rest ${route.procedure}: ${(error.cause?.message ?? error.message).split(/\n|params:/)[0]!.slice(0, 300)}`,
          );
        const p = problemOf(error, route.procedure, ctx);
        if (p.status === 401) headers['www-authenticate'] = 'Bearer';
        return sendProblem(res, p, instance, headers);
      }
    } catch (e) {
      if (e instanceof RestProblem) {
        if (e.problem.status === 413) res.setHeader('connection', 'close');
        return sendProblem(res, e.problem, instance, e.headers);
      }
      options.log?.(
        `error rest ${url.pathname}: ${String((e as Error)?.message ?? e)
          .split('\n')[0]!
          .slice(0, 300)}`,
      );
      return sendProblem(
        res,
        { status: 500, code: 'INTERNAL', messageZh: '服务器内部错误，请稍后重试', messageEn: 'Internal server error' },
        instance,
      );
    }
  };
}
