/**
 * The built consoles (apps/admin/dist under /admin, apps/portal/dist at /) served as static single-page apps: a
 * path with no file behind it gets the app's index.html, so client-side routes survive a reload. Hashed assets are
 * cached for a year; index.html never (a new build must be picked up at once).
 */
import { createReadStream, existsSync, statSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { extname, join, normalize, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

export interface StaticSite {
  /** URL prefix without a trailing slash ('' for the root site). */
  prefix: string;
  /** The directory of the build (index.html + assets/). */
  dir: string;
}

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.ttf': 'font/ttf',
  '.otf': 'font/otf',
  '.txt': 'text/plain; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
};

/** The builds that exist in this checkout: the admin console first (its prefix is the longer match). */
export function defaultSites(): StaticSite[] {
  const app = (name: string) => fileURLToPath(new URL(`../../${name}/dist`, import.meta.url));
  return [
    { prefix: '/admin', dir: app('admin') },
    { prefix: '', dir: app('portal') },
  ].filter((s) => existsSync(join(s.dir, 'index.html')));
}

function fileIn(dir: string, urlPath: string): string | null {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return null;
  }
  if (decoded.includes('\0')) return null;
  const path = normalize(join(dir, decoded));
  if (path !== dir && !path.startsWith(dir + sep)) return null;
  try {
    return statSync(path).isFile() ? path : null;
  } catch {
    return null;
  }
}

/** Serves the request from one of the sites; false when no site covers its path. */
export function serveStatic(sites: StaticSite[], req: IncomingMessage, res: ServerResponse): boolean {
  if (req.method !== 'GET' && req.method !== 'HEAD') return false;
  const path = (req.url ?? '/').split('?')[0]!;
  const site = sites.find((s) => path === s.prefix || path.startsWith(`${s.prefix}/`));
  if (!site) return false;
  if (site.prefix && path === site.prefix) {
    res.writeHead(301, { location: `${site.prefix}/` });
    res.end();
    return true;
  }
  const rest = path.slice(site.prefix.length) || '/';
  let file = rest.endsWith('/') ? null : fileIn(site.dir, rest);
  // Client-side routes have no extension; a missing asset is a real 404.
  if (!file && extname(rest) === '') file = join(site.dir, 'index.html');
  if (!file) return false;
  const immutable = rest.startsWith('/assets/');
  res.writeHead(200, {
    'content-type': TYPES[extname(file)] ?? 'application/octet-stream',
    'cache-control': immutable ? 'public, max-age=31536000, immutable' : 'no-cache',
  });
  if (req.method === 'HEAD') res.end();
  else createReadStream(file).pipe(res);
  return true;
}
