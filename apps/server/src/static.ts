/**
 * The built consoles (apps/admin/dist under /admin, apps/portal/dist at /) served by @fastify/static: hashed assets
 * cached for a year, index.html never (a new build must be picked up at once). They are single-page apps, so a page
 * path with no file behind it gets the app's index.html — for the console any path under /admin, for the portal only
 * its own sections (PORTAL_SECTIONS); every other path is a real 404.
 */
import { existsSync } from 'node:fs';
import { extname, join, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fastifyStatic from '@fastify/static';
import { PORTAL_SECTIONS } from '@chengxin/contract/public';
import { noteRequest } from './request-info';

export interface StaticSite {
  /** URL prefix without a trailing slash ('' for the root site). */
  prefix: string;
  /** The directory of the build (index.html + assets/). */
  dir: string;
}

/** The builds that exist in this checkout: the admin console first (its prefix is the longer match). */
export function defaultSites(): StaticSite[] {
  const app = (name: string) => fileURLToPath(new URL(`../../${name}/dist`, import.meta.url));
  return [
    { prefix: '/admin', dir: app('admin') },
    { prefix: '', dir: app('portal') },
  ].filter((s) => existsSync(join(s.dir, 'index.html')));
}

const cacheHeaders = (reply: FastifyReply, path: string) =>
  void reply.header(
    'cache-control',
    path.includes(`${sep}assets${sep}`) ? 'public, max-age=31536000, immutable' : 'no-cache',
  );

/** Whether `path` (below the site's prefix) is one of the app's pages rather than a file or an unknown path. */
function isPage(site: StaticSite, rest: string): boolean {
  if (extname(rest) !== '') return false;
  if (site.prefix) return true;
  const first = rest.split('/')[1] ?? '';
  return (PORTAL_SECTIONS as readonly string[]).includes(first);
}

export async function registerSites(app: FastifyInstance, sites: StaticSite[]): Promise<void> {
  for (const [i, site] of sites.entries()) {
    await app.register(fastifyStatic, {
      root: site.dir,
      prefix: `${site.prefix}/`,
      // One decorator for the whole app (sendFile); each further site registers without it.
      decorateReply: i === 0,
      cacheControl: false,
      setHeaders: cacheHeaders,
      redirect: true,
      index: ['index.html'],
      // A request for a missing file falls through to the not-found handler below (the app's page, or a 404).
      wildcard: true,
    });
  }
  if (sites.length === 0) return;
  // A page path: the app's index.html (client-side routes survive a reload). Runs before the 404 handler.
  app.decorate('sitePage', (request: FastifyRequest, reply: FastifyReply): boolean => {
    if (request.method !== 'GET' && request.method !== 'HEAD') return false;
    const path = (request.raw.url ?? '/').split('?')[0]!;
    const site = sites.find((s) => path === s.prefix || path.startsWith(`${s.prefix}/`));
    if (!site) return false;
    if (site.prefix && path === site.prefix) {
      void reply.redirect(`${site.prefix}/`, 301);
      return true;
    }
    if (!isPage(site, path.slice(site.prefix.length) || '/')) return false;
    noteRequest(request.raw, { procedure: 'static' });
    void reply.header('cache-control', 'no-cache').sendFile('index.html', site.dir);
    return true;
  });
}

declare module 'fastify' {
  interface FastifyInstance {
    /** Answers a console or portal page path with the app's index.html; false when the path is not one. */
    sitePage?: (request: FastifyRequest, reply: FastifyReply) => boolean;
  }
}
