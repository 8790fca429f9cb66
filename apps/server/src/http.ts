/**
 * The HTTP server, on Fastify: security headers (@fastify/helmet), cookies (@fastify/cookie), the built consoles
 * (@fastify/static), the tRPC router (tRPC's Fastify adapter), the REST face (rest/, which reads its own body), health
 * and readiness, Prometheus metrics, and one JSON log line per request (pino) with a request id that is also sent
 * back as X-Request-Id. Everything a request carries stays out of the logs.
 */
import { randomUUID } from 'node:crypto';
import type { IncomingMessage, Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import Fastify, {
  LogController,
  type FastifyBaseLogger,
  type FastifyInstance,
  type FastifyReply,
  type FastifyRequest,
} from 'fastify';
import fastifyCookie from '@fastify/cookie';
import fastifyHelmet from '@fastify/helmet';
import { fastifyTRPCPlugin, type FastifyTRPCPluginOptions } from '@trpc/server/adapters/fastify';
import { TRPCError } from '@trpc/server';
import { getHTTPStatusCodeFromError } from '@trpc/server/http';
import {
  actorForSession,
  actorForToken,
  createCallerFactory,
  MAX_BATCH,
  PostgresLimitStore,
  RateLimiter,
  type LimitStore,
  secretHash,
  SECURITY_POLICY,
  type Secrets,
  type TrpcContext,
} from '@chengxin/kernel';
import type { Database, ReadRouting } from '@chengxin/db';
import { sql } from 'drizzle-orm';
import { appRouter, type AppRouter } from '@chengxin/api';
import { createRestHandler, REST_BASE } from './rest/handler';
import { registerSites, type StaticSite } from './static';
import { createLogger, lineDestination, type Logger } from './logger';
import { createMetrics, type Metrics } from './metrics';
import { noteRequest, requestInfo } from './request-info';

export const SESSION_COOKIE = 'cx_session';
/** Where the console fetches a complaint's attachment (authenticated; see the route below). */
export const COMPLAINT_ATTACHMENT_PATH = '/files/complaints/:complaintId/attachments/:attachmentId';
/** Readable by the page's script, which echoes it in X-CSRF-Token; a cross-site page can neither read nor send it. */
export const CSRF_COOKIE = 'cx_csrf';

/** One readiness check: the database, migrations, background jobs… */
export type ReadinessCheck = () => Promise<{ ok: boolean; detail?: string }>;

export interface HttpOptions {
  database: Database;
  /** Read replicas (DATABASE_REPLICA_URL): handed to every call's context; the kernel decides which reads use them. */
  reads?: ReadRouting;
  secrets: Secrets;
  secure?: boolean;
  /** Take the client address from X-Forwarded-For (only behind a proxy you run). */
  trustProxy?: boolean;
  /**
   * Receives the server's messages as plain text (failed calls, token calls, rate-limit refusals); never inputs.
   * Tests collect them; the JSON log gets the same messages.
   */
  log?: (line: string) => void;
  /** The JSON logger; by default one writing to stdout at LOG_LEVEL. */
  logger?: Logger;
  /** Metrics registry; by default a new one. */
  metrics?: Metrics;
  /** Bearer token that opens /metrics on this port; without it /metrics is only on the separate metrics port. */
  metricsToken?: string;
  /** Checks behind /readyz beside the database's (migrations, jobs). */
  readiness?: Record<string, ReadinessCheck>;
  /**
   * Where rate limits and login failures are counted, shared by every process behind one address (limits.ts): by
   * default the database (kernel.rate_limit); Redis when REDIS_URL is set.
   */
  limits?: LimitStore;
  /** Built consoles to serve beside the API (see static.ts); none in API-only tests. */
  sites?: StaticSite[];
}

function bearer(req: IncomingMessage): string | null {
  const h = req.headers.authorization;
  return h?.startsWith('Bearer ') ? h.slice(7).trim() : null;
}

/** A browser sends Origin on cross-site POSTs: one naming another host is refused before anything runs. */
function foreignOrigin(req: IncomingMessage): boolean {
  const origin = req.headers.origin;
  if (!origin || req.method === 'GET' || req.method === 'HEAD') return false;
  try {
    return new URL(origin).host !== req.headers.host;
  } catch {
    return true;
  }
}

function clientIp(req: IncomingMessage, trustProxy: boolean): string {
  // The address our own proxy appended is the last one; earlier ones are whatever the client sent.
  const forwarded = trustProxy
    ? String(req.headers['x-forwarded-for'] ?? '')
        .split(',')
        .at(-1)
        ?.trim()
    : '';
  return forwarded || req.socket.remoteAddress || 'unknown';
}

/** An id the caller sent (a proxy's X-Request-Id) when it is a plain token, else a new one. */
function requestId(req: IncomingMessage): string {
  const sent = req.headers['x-request-id'];
  return typeof sent === 'string' && /^[\w.-]{1,64}$/.test(sent) ? sent : randomUUID();
}

const PROCEDURE_NAMES = new Set(Object.keys(appRouter._def.procedures));

/** The label a request is counted and logged under: bounded, never carrying ids or inputs. */
function procedureLabel(req: IncomingMessage): string {
  const noted = requestInfo(req).procedure;
  if (noted) return noted;
  const path = (req.url ?? '/').split('?')[0]!;
  if (path.startsWith('/trpc/')) {
    const calls = path.slice(6).split(',');
    if (calls.length > 1) return 'trpc:batch';
    return PROCEDURE_NAMES.has(calls[0]!) ? calls[0]! : 'trpc:unknown';
  }
  // The consoles' files (a fixed set of names per build).
  return req.method === 'GET' || req.method === 'HEAD' ? 'static' : 'other';
}

const problem = (reply: FastifyReply, status: number, body: Record<string, unknown>) =>
  reply
    .code(status)
    .type('application/json; charset=utf-8')
    .send({ ...body, requestId: reply.request.id });

export async function buildServer(options: HttpOptions): Promise<FastifyInstance> {
  const { database, secrets } = options;
  const secure = options.secure ?? false;
  const logger = options.logger ?? createLogger('info');
  const metrics = options.metrics ?? createMetrics();
  const say = (line: string) => {
    logger.info(line);
    options.log?.(line);
  };
  const limits: LimitStore = options.limits ?? new PostgresLimitStore(database.db);
  const limiter = new RateLimiter(limits);

  const app = Fastify({
    loggerInstance: logger as FastifyBaseLogger,
    // Fastify's own request lines would print the URL with its query (tRPC GET inputs): we log our own line instead.
    logController: new LogController({ disableRequestLogging: true }),
    genReqId: requestId,
    requestIdHeader: false,
    bodyLimit: SECURITY_POLICY.maxBodyBytes,
    // Idle keep-alive connections are kept longer than clients keep them (undici: 4 s, proxies: 60 s), so the server
    // never closes a socket a client is just reusing (that race shows up as "fetch failed" on a busy event loop).
    keepAliveTimeout: 65_000,
    routerOptions: { ignoreTrailingSlash: false, maxParamLength: 10_000 },
    return503OnClosing: true,
  });

  app.addHook('onRequest', async (request, reply) => {
    const started = process.hrtime.bigint();
    reply.raw.setHeader('X-Request-Id', request.id);
    reply.raw.setHeader('Permissions-Policy', 'camera=(), microphone=(), geolocation=(), payment=()');
    reply.raw.once('finish', () => {
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      const status = reply.raw.statusCode;
      const procedure = procedureLabel(request.raw);
      metrics.requestDuration.observe({ procedure, status: String(status) }, seconds);
      if (status === 429) metrics.rateLimited.inc({ procedure });
      logger.info(
        {
          reqId: request.id,
          method: request.method,
          procedure,
          actorId: requestInfo(request.raw).actorId ?? null,
          status,
          ms: Math.round(seconds * 1000),
        },
        'request',
      );
    });
  });
  await app.register(fastifyHelmet, {
    global: true,
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        imgSrc: ["'self'", 'data:'],
        styleSrc: ["'self'", "'unsafe-inline'"],
        scriptSrc: ["'self'"],
        objectSrc: ["'none'"],
        frameAncestors: ["'none'"],
        baseUri: ["'self'"],
        formAction: ["'self'"],
      },
    },
    frameguard: { action: 'deny' },
    referrerPolicy: { policy: 'same-origin' },
    crossOriginOpenerPolicy: { policy: 'same-origin' },
    crossOriginResourcePolicy: { policy: 'same-origin' },
    crossOriginEmbedderPolicy: false,
    strictTransportSecurity: secure ? { maxAge: 31_536_000, includeSubDomains: true } : false,
  });
  await app.register(fastifyCookie);

  // Only the methods we serve (TRACE and the like used to answer 500); the REST face answers its own 405s. Then
  // cross-site writes, and oversized tRPC batches, are refused before anything runs.
  app.addHook('onRequest', async (request, reply) => {
    const url = request.raw.url ?? '/';
    const isRest = url === REST_BASE || url.startsWith(`${REST_BASE}/`) || url.startsWith(`${REST_BASE}?`);
    if (!isRest && !['GET', 'HEAD', 'POST', 'OPTIONS'].includes(request.method)) {
      reply.header('Allow', 'GET, HEAD, POST, OPTIONS');
      return problem(reply, 405, {
        error: 'METHOD_NOT_ALLOWED',
        field: 'method',
        messageZh: '不支持的请求方法',
        messageEn: `Method ${request.method} not allowed`,
      });
    }
    if (foreignOrigin(request.raw))
      return problem(reply, 403, {
        error: 'FORBIDDEN_ORIGIN',
        messageZh: '拒绝跨站请求',
        messageEn: 'Cross-site request refused',
      });
    if (url.startsWith('/trpc/')) {
      // A cap on calls per batch: one request must not carry unbounded work past the per-call limits.
      const calls = url.slice(6).split('?')[0]!.split(',').length;
      if (calls > MAX_BATCH)
        return problem(reply, 400, {
          error: 'BATCH_TOO_LARGE',
          field: 'batch',
          messageZh: `一次批量请求最多${MAX_BATCH}个调用`,
          messageEn: `At most ${MAX_BATCH} calls per batch`,
        });
    }
  });

  await app.register(fastifyTRPCPlugin, {
    prefix: '/trpc',
    trpcOptions: {
      router: appRouter,
      async createContext({ req, res }: { req: FastifyRequest; res: FastifyReply }): Promise<TrpcContext> {
        const fromHeader = bearer(req.raw);
        const fromCookie = fromHeader ? null : (req.cookies[SESSION_COOKIE] ?? null);
        let actor: TrpcContext['actor'] = null;
        let csrfOk = false;
        if (fromHeader) actor = await actorForToken(database.db, fromHeader);
        else if (fromCookie) {
          const signedIn = await actorForSession(database.db, fromCookie);
          actor = signedIn?.actor ?? null;
          const sent = req.headers['x-csrf-token'];
          csrfOk = !!signedIn?.csrfHash && typeof sent === 'string' && secretHash(sent) === signedIn.csrfHash;
        }
        noteRequest(req.raw, { actorId: actor?.id ?? null });
        const flags = `Path=/; SameSite=Strict${secure ? '; Secure' : ''}`;
        const cookies = (session: string, csrf: string, maxAge: number) => [
          `${SESSION_COOKIE}=${session}; HttpOnly; Max-Age=${maxAge}; ${flags}`,
          `${CSRF_COOKIE}=${csrf}; Max-Age=${maxAge}; ${flags}`,
        ];
        return {
          db: database.db,
          ...(options.reads ? { reads: options.reads } : {}),
          secrets,
          actor,
          auth: {
            via: actor ? (fromHeader ? 'bearer' : 'cookie') : null,
            token: actor ? (fromHeader ?? fromCookie) : null,
            csrfOk,
          },
          clientIp: clientIp(req.raw, options.trustProxy ?? false),
          limiter,
          http: {
            setSessionCookie: (t, csrf, expiresAt) =>
              void res.header(
                'Set-Cookie',
                cookies(t, csrf, Math.max(0, Math.floor((Date.parse(expiresAt) - Date.now()) / 1000))),
              ),
            clearSessionCookie: () => void res.header('Set-Cookie', cookies('', '', 0)),
            setHeader: (name, value) => void res.header(name, value),
          },
          log: say,
        };
      },
      onError({ error, path }) {
        // Only the first line, and never a query's parameters (they may hold names, facts or reasons).
        if (error.code === 'INTERNAL_SERVER_ERROR') {
          const line = `error ${path ?? '?'}: ${(error.cause?.message ?? error.message).split(/\n|params:/)[0]!.slice(0, 300)}`;
          logger.error(line);
          options.log?.(line);
        }
      },
    } satisfies FastifyTRPCPluginOptions<AppRouter>['trpcOptions'],
  });

  // A complaint's attachments for the console: the session (or a token) and the procedure kernel.complaints.attachment
  // decide — its permission and the complaint's scope — so the route is never public. Only the stored types are sent,
  // with their own Content-Type, nosniff, a sandboxing CSP and a Content-Disposition (a PDF downloads, an image shows).
  const attachmentCaller = createCallerFactory(appRouter);
  app.get<{ Params: { complaintId: string; attachmentId: string } }>(
    COMPLAINT_ATTACHMENT_PATH,
    async (request, reply) => {
      const fromHeader = bearer(request.raw);
      const fromCookie = fromHeader ? null : (request.cookies[SESSION_COOKIE] ?? null);
      const actor = fromHeader
        ? await actorForToken(database.db, fromHeader)
        : fromCookie
          ? ((await actorForSession(database.db, fromCookie))?.actor ?? null)
          : null;
      noteRequest(request.raw, { actorId: actor?.id ?? null });
      reply.header('cache-control', 'private, no-store');
      try {
        const caller = attachmentCaller({
          db: database.db,
          secrets,
          actor,
          auth: {
            via: actor ? (fromHeader ? 'bearer' : 'cookie') : null,
            token: fromHeader ?? fromCookie,
            csrfOk: false,
          },
          clientIp: clientIp(request.raw, options.trustProxy ?? false),
          limiter,
          http: { setSessionCookie: () => undefined, clearSessionCookie: () => undefined, setHeader: () => undefined },
          log: say,
        });
        const file = await caller.kernel.complaints.attachment({
          complaintId: request.params.complaintId,
          attachmentId: request.params.attachmentId,
        });
        const ext = { 'image/jpeg': 'jpg', 'image/png': 'png', 'application/pdf': 'pdf' }[file.contentType];
        const disposition = file.contentType === 'application/pdf' ? 'attachment' : 'inline';
        return reply
          .header('content-type', file.contentType)
          .header('x-content-type-options', 'nosniff')
          .header('content-security-policy', "default-src 'none'; sandbox")
          .header(
            'content-disposition',
            `${disposition}; filename="attachment.${ext}"; filename*=UTF-8''${encodeURIComponent(file.filename)}`,
          )
          .send(Buffer.from(file.dataBase64, 'base64'));
      } catch (e) {
        const error = e instanceof TRPCError ? e : new TRPCError({ code: 'INTERNAL_SERVER_ERROR', cause: e });
        const status = getHTTPStatusCodeFromError(error);
        const cause = error.cause as { appCode?: string; messageZh?: string; messageEn?: string } | undefined;
        return problem(reply, status, {
          error: cause?.appCode ?? error.code,
          messageZh: cause?.messageZh ?? '无法提供该附件',
          messageEn: cause?.messageEn ?? 'The attachment cannot be served',
        });
      }
    },
  );

  // The REST face reads and checks its own body (JSON only, 415 otherwise), so Fastify must not parse it here.
  const rest = createRestHandler({
    database,
    ...(options.reads ? { reads: options.reads } : {}),
    secrets,
    limiter,
    clientIp: (req) => clientIp(req, options.trustProxy ?? false),
    log: say,
  });
  await app.register(async (scope) => {
    scope.removeAllContentTypeParsers();
    scope.addContentTypeParser('*', (_request, _payload, done) => done(null));
    const handler = async (request: FastifyRequest, reply: FastifyReply) => {
      reply.hijack();
      await rest(request.raw, reply.raw);
    };
    scope.all(REST_BASE, handler);
    scope.all(`${REST_BASE}/*`, handler);
  });

  // Alive: the process answers. Ready: the database answers and every other check passes (a load balancer sends no
  // traffic to a node that is not ready). /healthz stays the liveness probe it always was.
  app.get('/healthz', async (request, reply) => {
    noteRequest(request.raw, { procedure: 'healthz' });
    const started = Date.now();
    try {
      await database.db.execute(sql`select 1`);
      return { status: 'ok', engine: database.kind, dbMillis: Date.now() - started };
    } catch {
      return reply.code(503).send({ status: 'unavailable', engine: database.kind });
    }
  });
  app.get('/readyz', async (request, reply) => {
    noteRequest(request.raw, { procedure: 'readyz' });
    const checks: Record<string, { ok: boolean; detail?: string }> = {};
    const all: Record<string, ReadinessCheck> = {
      database: async () => {
        await database.db.execute(sql`select 1`);
        return { ok: true };
      },
      ...(limits.ping ? { limits: async () => (await limits.ping!(), { ok: true }) } : {}),
      ...options.readiness,
    };
    for (const [name, check] of Object.entries(all)) {
      try {
        checks[name] = await check();
      } catch (error) {
        checks[name] = { ok: false, detail: error instanceof Error ? error.message.split('\n')[0]! : 'failed' };
      }
    }
    const ok = Object.values(checks).every((c) => c.ok);
    return reply.code(ok ? 200 : 503).send({ status: ok ? 'ready' : 'not_ready', checks });
  });
  app.get('/metrics', async (request, reply) => {
    noteRequest(request.raw, { procedure: 'metrics' });
    if (!options.metricsToken || bearer(request.raw) !== options.metricsToken)
      return problem(reply, 404, { error: 'NOT_FOUND', messageZh: '页面不存在', messageEn: 'Not found' });
    return reply.type(metrics.registry.contentType).send(await metrics.registry.metrics());
  });

  await registerSites(app, options.sites ?? []);
  app.setNotFoundHandler((request, reply) => {
    if (app.sitePage?.(request, reply)) return reply;
    noteRequest(request.raw, { procedure: 'not_found' });
    return problem(reply, 404, { error: 'NOT_FOUND', messageZh: '页面不存在', messageEn: 'Not found' });
  });
  app.setErrorHandler((error: { statusCode?: number; code?: string; message: string }, request, reply) => {
    // Fastify's own refusals (a body too large, a malformed or unsupported one) are the client's: a 4xx naming it.
    const status = error.statusCode && error.statusCode >= 400 && error.statusCode < 500 ? error.statusCode : 500;
    if (status === 500) {
      logger.error({ reqId: request.id, err: { message: error.message.split('\n')[0] } }, 'unhandled error');
      options.log?.(`error ${request.method}: ${error.message.split('\n')[0]!.slice(0, 300)}`);
    }
    return problem(reply, status, {
      error: status === 500 ? 'INTERNAL' : (error.code ?? 'BAD_REQUEST'),
      field: status === 413 ? 'body' : null,
      messageZh: status === 413 ? '请求体过大' : status === 500 ? '服务器内部错误' : '请求格式不正确',
      messageEn: status === 500 ? 'Internal error' : error.message.split('\n')[0],
    });
  });
  return app;
}

/**
 * Serves on `host:port` (port 0 = any free port) and returns the Fastify app, its node server and its URL. `close()`
 * stops accepting, lets requests in flight finish, then resolves.
 */
export async function listen(
  options: HttpOptions & { port: number; host: string; metricsPort?: number },
): Promise<{ app: FastifyInstance; server: Server; url: string; metricsUrl?: string; close(): Promise<void> }> {
  const metrics = options.metrics ?? createMetrics();
  const app = await buildServer({
    ...options,
    metrics,
    ...(options.log && !options.logger
      ? {
          logger: createLogger(
            'info',
            lineDestination(() => undefined),
          ),
        }
      : {}),
  });
  await app.listen({ port: options.port, host: options.host });
  const { port } = app.server.address() as AddressInfo;
  const host = options.host === '0.0.0.0' ? '127.0.0.1' : options.host;
  // The metrics port: Prometheus scrapes it from inside the network, no token, nothing else served there.
  let metricsApp: FastifyInstance | undefined;
  if (options.metricsPort !== undefined) {
    metricsApp = Fastify();
    metricsApp.get('/metrics', async (_request, reply) =>
      reply.type(metrics.registry.contentType).send(await metrics.registry.metrics()),
    );
    await metricsApp.listen({ port: options.metricsPort, host: options.host });
  }
  const metricsPort = metricsApp ? (metricsApp.server.address() as AddressInfo).port : undefined;
  return {
    app,
    server: app.server,
    url: `http://${host}:${port}`,
    ...(metricsPort !== undefined ? { metricsUrl: `http://${host}:${metricsPort}/metrics` } : {}),
    async close() {
      await Promise.all([app.close(), metricsApp?.close()]);
    },
  };
}
