import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createHTTPHandler } from '@trpc/server/adapters/standalone';
import { actorForToken, type Secrets, type TrpcContext } from '@chengxin/kernel';
import type { Database } from '@chengxin/db';
import { sql } from 'drizzle-orm';
import { appRouter } from './router';

export const SESSION_COOKIE = 'cx_session';
const MAX_BODY_BYTES = 8 * 1024 * 1024;

export interface HttpOptions {
  database: Database;
  secrets: Secrets;
  secure?: boolean;
  /** Logs one line per failed call; never the input (it may hold personal data). */
  log?: (line: string) => void;
}

function readCookie(req: IncomingMessage, name: string): string | null {
  const header = req.headers.cookie;
  if (!header) return null;
  for (const part of header.split(';')) {
    const [k, ...v] = part.trim().split('=');
    if (k === name) return decodeURIComponent(v.join('='));
  }
  return null;
}

function bearer(req: IncomingMessage): string | null {
  const h = req.headers.authorization;
  return h?.startsWith('Bearer ') ? h.slice(7).trim() : null;
}

/** Headers every response carries (the trust issue tightens the CSP for the consoles). */
export function securityHeaders(res: ServerResponse, secure: boolean): void {
  res.setHeader('X-Content-Type-Options', 'nosniff');
  res.setHeader('X-Frame-Options', 'DENY');
  res.setHeader('Referrer-Policy', 'same-origin');
  res.setHeader('Content-Security-Policy', "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; frame-ancestors 'none'; base-uri 'self'; form-action 'self'");
  if (secure) res.setHeader('Strict-Transport-Security', 'max-age=31536000; includeSubDomains');
}

export function createRequestHandler(options: HttpOptions) {
  const { database, secrets } = options;
  const secure = options.secure ?? false;
  const trpc = createHTTPHandler({
    router: appRouter,
    basePath: '/trpc/',
    maxBodySize: MAX_BODY_BYTES,
    async createContext({ req, res }): Promise<TrpcContext> {
      const token = bearer(req) ?? readCookie(req, SESSION_COOKIE);
      const actor = token ? await actorForToken(database.db, token) : null;
      const cookie = (value: string, maxAge: number) =>
        `${SESSION_COOKIE}=${value}; Path=/; HttpOnly; SameSite=Lax; Max-Age=${maxAge}${secure ? '; Secure' : ''}`;
      return {
        db: database.db,
        secrets,
        actor,
        sessionToken: actor ? token : null,
        http: {
          setSessionCookie: (t, expiresAt) => res.setHeader('Set-Cookie', cookie(t, Math.max(0, Math.floor((Date.parse(expiresAt) - Date.now()) / 1000)))),
          clearSessionCookie: () => res.setHeader('Set-Cookie', cookie('', 0)),
        },
      };
    },
    onError({ error, path }) {
      if (error.code === 'INTERNAL_SERVER_ERROR') options.log?.(`error ${path ?? '?'}: ${error.cause?.message ?? error.message}`);
    },
  });

  return async (req: IncomingMessage, res: ServerResponse) => {
    securityHeaders(res, secure);
    const url = req.url ?? '/';
    if (url.startsWith('/trpc/')) return trpc(req, res);
    if (url === '/healthz') {
      const started = Date.now();
      try {
        await database.db.execute(sql`select 1`);
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ status: 'ok', engine: database.kind, dbMillis: Date.now() - started }));
      } catch {
        res.writeHead(503, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ status: 'unavailable', engine: database.kind }));
      }
      return;
    }
    res.writeHead(404, { 'content-type': 'application/json; charset=utf-8' });
    res.end(JSON.stringify({ error: 'NOT_FOUND', messageZh: '页面不存在', messageEn: 'Not found' }));
  };
}

/**
 * Serves the handler on `host:port` (port 0 = any free port) and returns the server and its URL. Idle keep-alive
 * connections are kept longer than clients keep them (undici: 4 s, proxies: 60 s), so the server never closes a
 * socket that a client is just reusing — that race shows up as "fetch failed" when the event loop is busy.
 */
export async function listen(options: HttpOptions & { port: number; host: string }): Promise<{ server: Server; url: string }> {
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
