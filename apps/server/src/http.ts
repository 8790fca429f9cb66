import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createHTTPHandler } from '@trpc/server/adapters/standalone';
import {
  actorForSession,
  actorForToken,
  MAX_BATCH,
  RateLimiter,
  secretHash,
  SECURITY_POLICY,
  type Secrets,
  type TrpcContext,
} from '@chengxin/kernel';
import type { Database } from '@chengxin/db';
import { sql } from 'drizzle-orm';
import { appRouter } from '@chengxin/api';
import { createRestHandler, REST_BASE } from './rest/handler';
import { serveStatic, type StaticSite } from './static';

export const SESSION_COOKIE = 'cx_session';
/** Readable by the page's script, which echoes it in X-CSRF-Token; a cross-site page can neither read nor send it. */
export const CSRF_COOKIE = 'cx_csrf';

export interface HttpOptions {
  database: Database;
  secrets: Secrets;
  secure?: boolean;
  /** Take the client address from X-Forwarded-For (only behind a proxy you run). */
  trustProxy?: boolean;
  /** Logs one line per failed call; never the input (it may hold personal data). */
  log?: (line: string) => void;
  /** Built consoles to serve beside the API (see static.ts); none in API-only tests. */
  sites?: StaticSite[];
}

function readCookie(req: IncomingMessage, name: string): string | null {
  const header = req.headers.cookie;
  if (!header) return null;
  for (const part of header.split(';')) {
    const [k, ...v] = part.trim().split('=');
    if (k === name) {
      try {
        return decodeURIComponent(v.join('='));
      } catch {
        return null;
      }
    }
  }
  return null;
}

function bearer(req: IncomingMessage): string | null {
  const h = req.headers.authorization;
  return h?.startsWith('Bearer ') ? h.slice(7).trim() : null;
}

/** Headers every response carries. */
export function securityHeaders(res: ServerResponse, secure: boolean): void {
  res.setHeader('X-Content-Type-Options', 'nosniff');
  res.setHeader('X-Frame-Options', 'DENY');
  res.setHeader('Referrer-Policy', 'same-origin');
  res.setHeader('Cross-Origin-Opener-Policy', 'same-origin');
  res.setHeader('Cross-Origin-Resource-Policy', 'same-origin');
  res.setHeader('Permissions-Policy', 'camera=(), microphone=(), geolocation=(), payment=()');
  res.setHeader(
    'Content-Security-Policy',
    "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; script-src 'self'; object-src 'none'; frame-ancestors 'none'; base-uri 'self'; form-action 'self'",
  );
  if (secure) res.setHeader('Strict-Transport-Security', 'max-age=31536000; includeSubDomains');
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

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8' });
  res.end(JSON.stringify(body));
}

export function createRequestHandler(options: HttpOptions) {
  const { database, secrets } = options;
  const secure = options.secure ?? false;
  const limiter = new RateLimiter();
  // The REST face (/api/v1, rest/): the same procedures, context and limiter as /trpc.
  const rest = createRestHandler({
    database,
    secrets,
    limiter,
    clientIp: (req) => clientIp(req, options.trustProxy ?? false),
    ...(options.log ? { log: options.log } : {}),
  });
  const trpc = createHTTPHandler({
    router: appRouter,
    basePath: '/trpc/',
    maxBodySize: SECURITY_POLICY.maxBodyBytes,
    async createContext({ req, res }): Promise<TrpcContext> {
      const fromHeader = bearer(req);
      const fromCookie = fromHeader ? null : readCookie(req, SESSION_COOKIE);
      let actor: TrpcContext['actor'] = null;
      let csrfOk = false;
      if (fromHeader) actor = await actorForToken(database.db, fromHeader);
      else if (fromCookie) {
        const signedIn = await actorForSession(database.db, fromCookie);
        actor = signedIn?.actor ?? null;
        const sent = req.headers['x-csrf-token'];
        csrfOk = !!signedIn?.csrfHash && typeof sent === 'string' && secretHash(sent) === signedIn.csrfHash;
      }
      const flags = `Path=/; SameSite=Strict${secure ? '; Secure' : ''}`;
      const cookies = (session: string, csrf: string, maxAge: number) => [
        `${SESSION_COOKIE}=${session}; HttpOnly; Max-Age=${maxAge}; ${flags}`,
        `${CSRF_COOKIE}=${csrf}; Max-Age=${maxAge}; ${flags}`,
      ];
      return {
        db: database.db,
        secrets,
        actor,
        auth: {
          via: actor ? (fromHeader ? 'bearer' : 'cookie') : null,
          token: actor ? (fromHeader ?? fromCookie) : null,
          csrfOk,
        },
        clientIp: clientIp(req, options.trustProxy ?? false),
        limiter,
        http: {
          setSessionCookie: (t, csrf, expiresAt) =>
            res.setHeader(
              'Set-Cookie',
              cookies(t, csrf, Math.max(0, Math.floor((Date.parse(expiresAt) - Date.now()) / 1000))),
            ),
          clearSessionCookie: () => res.setHeader('Set-Cookie', cookies('', '', 0)),
          setHeader: (name, value) => res.setHeader(name, value),
        },
        ...(options.log ? { log: options.log } : {}),
      };
    },
    onError({ error, path }) {
      // Only the first line, and never a query's parameters (they may hold names, facts or reasons).
      if (error.code === 'INTERNAL_SERVER_ERROR')
        options.log?.(
          `error ${path ?? '?'}: ${(error.cause?.message ?? error.message).split(/\n|params:/)[0]!.slice(0, 300)}`,
        );
    },
  });

  return async (req: IncomingMessage, res: ServerResponse) => {
    securityHeaders(res, secure);
    const url = req.url ?? '/';
    // Only the methods we serve; TRACE and the like used to reach tRPC and answer 500 (the REST face answers its own 405s).
    const isRest = url === REST_BASE || url.startsWith(`${REST_BASE}/`) || url.startsWith(`${REST_BASE}?`);
    if (!isRest && !['GET', 'HEAD', 'POST', 'OPTIONS'].includes(req.method ?? '')) {
      res.setHeader('Allow', 'GET, HEAD, POST, OPTIONS');
      return sendJson(res, 405, {
        error: 'METHOD_NOT_ALLOWED',
        field: 'method',
        messageZh: '不支持的请求方法',
        messageEn: `Method ${req.method} not allowed`,
      });
    }
    if (foreignOrigin(req))
      return sendJson(res, 403, {
        error: 'FORBIDDEN_ORIGIN',
        messageZh: '拒绝跨站请求',
        messageEn: 'Cross-site request refused',
      });
    if (url.startsWith('/trpc/')) {
      // A cap on calls per batch: one request must not carry unbounded work past the per-call limits.
      const calls = url.slice(6).split('?')[0]!.split(',').length;
      if (calls > MAX_BATCH)
        return sendJson(res, 400, {
          error: 'BATCH_TOO_LARGE',
          field: 'batch',
          messageZh: `一次批量请求最多${MAX_BATCH}个调用`,
          messageEn: `At most ${MAX_BATCH} calls per batch`,
        });
      return trpc(req, res);
    }
    if (url === REST_BASE || url.startsWith(`${REST_BASE}/`) || url.startsWith(`${REST_BASE}?`)) return rest(req, res);
    if (url === '/healthz') {
      const started = Date.now();
      try {
        await database.db.execute(sql`select 1`);
        sendJson(res, 200, { status: 'ok', engine: database.kind, dbMillis: Date.now() - started });
      } catch {
        sendJson(res, 503, { status: 'unavailable', engine: database.kind });
      }
      return;
    }
    if (options.sites && serveStatic(options.sites, req, res)) return;
    sendJson(res, 404, { error: 'NOT_FOUND', messageZh: '页面不存在', messageEn: 'Not found' });
  };
}

/**
 * Serves the handler on `host:port` (port 0 = any free port) and returns the server and its URL. Idle keep-alive
 * connections are kept longer than clients keep them (undici: 4 s, proxies: 60 s), so the server never closes a
 * socket that a client is just reusing — that race shows up as "fetch failed" when the event loop is busy.
 */
export async function listen(
  options: HttpOptions & { port: number; host: string },
): Promise<{ server: Server; url: string }> {
  const server = createServer(createRequestHandler(options));
  server.keepAliveTimeout = 65_000;
  server.headersTimeout = 66_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return { server, url: `http://${options.host === '0.0.0.0' ? '127.0.0.1' : options.host}:${port}` };
}
