/**
 * The fuzzer: random inputs for every procedure's input schema (generate.ts), sent over HTTP the three ways a client
 * can — tRPC single calls, tRPC batches, and the REST face (/api/v1) — plus raw probes (odd methods and paths), by an
 * anonymous caller, a signed-in administrator (cookie + CSRF) and a 河西区 officer. Any 5xx is a finding. Deterministic
 * for a seed, so a finding is replayed by its seed and index.
 */
import { request } from 'node:http';
import fc from 'fast-check';
import type { z } from 'zod';
import { appRouter } from '@chengxin/api';
import { REST_ROUTES, type RestRoute } from '../rest/routes';
import { inputArbitrary } from './generate';

interface Proc {
  path: string;
  type: 'query' | 'mutation' | 'subscription';
  input: z.ZodType | undefined;
}

// Calls that would end the fuzzer's own sessions; they are exercised by the security tests instead.
const SKIP = new Set([
  'kernel.auth.logout',
  'kernel.users.revokeSessions',
  'kernel.users.update',
  'kernel.users.resetPassword',
  'kernel.auth.changePassword',
]);

export function procedures(): Proc[] {
  const all = (
    appRouter._def as unknown as { procedures: Record<string, { _def: { type: Proc['type']; inputs: z.ZodType[] } }> }
  ).procedures;
  return Object.entries(all)
    .filter(([path, p]) => p._def.type !== 'subscription' && !SKIP.has(path))
    .map(([path, p]) => ({ path, type: p._def.type, input: p._def.inputs[0] }));
}

export interface Caller {
  name: string;
  headers: Record<string, string>;
}
export interface Finding {
  status: number;
  how: string;
  path: string;
  body: string;
  input: string;
}
export interface FuzzReport {
  requests: number;
  statuses: Record<string, number>;
  findings: Finding[];
}

const RAW_PROBES: { method: string; path: string; body?: string }[] = [
  { method: 'TRACE', path: '/trpc/kernel.public.districts' },
  { method: 'TRACE', path: '/' },
  { method: 'OPTIONS', path: '/trpc/kernel.auth.me' },
  { method: 'PUT', path: '/trpc/kernel.auth.me' },
  { method: 'DELETE', path: '/api/v1/orgs' },
  { method: 'PATCH', path: '/api/v1/records' },
  { method: 'GET', path: '/trpc/' },
  { method: 'GET', path: '/trpc/no.such.procedure' },
  { method: 'GET', path: '/trpc/kernel.auth.me?input=%7B' },
  { method: 'GET', path: '/trpc/kernel.orgs.search,kernel.orgs.search?batch=1&input=%5B%5D' },
  { method: 'POST', path: '/trpc/kernel.auth.login', body: '{"username":' },
  { method: 'POST', path: '/trpc/kernel.auth.login', body: '\u0000' },
  { method: 'GET', path: '/api/v1/%00' },
  { method: 'GET', path: '/api/v1/orgs?q=%00' },
  { method: 'GET', path: '/%2e%2e/%2e%2e/etc/passwd' },
  { method: 'GET', path: '/admin/%E0%A4%A' },
  { method: 'GET', path: `/trpc/${'a'.repeat(5000)}` },
];

// A lone surrogate cannot be URI-encoded; an attacker sends its raw (invalid) UTF-8 bytes instead.
const pathPart = (v: string) => {
  try {
    return encodeURIComponent(v);
  } catch {
    return v.replace(/[\ud800-\udfff]/g, '%ED%A0%80').replace(/[^\w%.-]/g, (c) => {
      try {
        return encodeURIComponent(c);
      } catch {
        return '';
      }
    });
  }
};

export async function fuzz(
  baseUrl: string,
  options: {
    seed: number;
    requests: number;
    callers: Caller[];
    restCallers: Caller[];
    ids: string[];
    onProgress?: (n: number) => void;
  },
): Promise<FuzzReport> {
  const procs = procedures();
  const byPath = new Map(procs.map((p) => [p.path, p]));
  const arbs = new Map(procs.map((p) => [p.path, inputArbitrary(p.input, { ids: options.ids })]));
  const report: FuzzReport = { requests: 0, statuses: {}, findings: [] };
  const rng = fc.sample(fc.nat(), { seed: options.seed, numRuns: 1 })[0]!;
  let counter = rng;
  const sampleOf = (path: string) => fc.sample(arbs.get(path)!, { seed: options.seed + ++counter, numRuns: 1 })[0];
  const pick = <T>(list: readonly T[]) => list[(++counter * 2654435761) % list.length]!;

  const send = async (
    how: string,
    method: string,
    url: string,
    headers: Record<string, string>,
    body: string | undefined,
    path: string,
    input: unknown,
  ) => {
    let status = 0;
    let text = '';
    try {
      if (how === 'raw') {
        // node:http, since fetch refuses methods such as TRACE on the client side.
        ({ status, text } = await new Promise<{ status: number; text: string }>((resolve, reject) => {
          const req = request(`${baseUrl}${url}`, { method, headers }, (res) => {
            let data = '';
            res.on('data', (c: Buffer) => {
              data += c.toString();
            });
            res.on('end', () => resolve({ status: res.statusCode ?? 0, text: data }));
          });
          req.on('error', reject);
          req.end(body);
        }));
      } else {
        const res = await fetch(`${baseUrl}${url}`, {
          method,
          headers: { ...headers, ...(body !== undefined ? { 'content-type': 'application/json' } : {}) },
          ...(body !== undefined ? { body } : {}),
        });
        status = res.status;
        text = await res.text();
      }
    } catch (e) {
      status = 599; // the connection broke: as bad as a 500
      text = e instanceof Error ? e.message : String(e);
    }
    report.requests++;
    report.statuses[status] = (report.statuses[status] ?? 0) + 1;
    // A batch answers 207 when its calls differ: each call's own status is in its error's data.
    if (how === 'batch' && status < 500) {
      const inner = [...text.matchAll(/"httpStatus":(\d{3})/g)].map((m) => Number(m[1]));
      if (inner.some((s) => s >= 500)) status = Math.max(...inner);
    }
    if (status >= 500)
      report.findings.push({
        status,
        how,
        path,
        body: text.slice(0, 300),
        input: (JSON.stringify(input) ?? 'undefined').slice(0, 300),
      });
    if (report.requests % 500 === 0) options.onProgress?.(report.requests);
  };
  const enc = (v: unknown) => encodeURIComponent(JSON.stringify(v) ?? '');

  for (const probe of RAW_PROBES) await send('raw', probe.method, probe.path, {}, probe.body, probe.path, null);
  for (let i = 0; report.requests < options.requests; i++) {
    const mode = i % 10;
    if (mode < 5) {
      const proc = pick(procs);
      const input = sampleOf(proc.path);
      const caller = pick(options.callers);
      if (proc.type === 'query')
        await send(
          'trpc',
          'GET',
          `/trpc/${proc.path}${input === undefined ? '' : `?input=${enc(input)}`}`,
          caller.headers,
          undefined,
          proc.path,
          input,
        );
      else
        await send(
          'trpc',
          'POST',
          `/trpc/${proc.path}`,
          caller.headers,
          input === undefined ? '' : JSON.stringify(input),
          proc.path,
          input,
        );
    } else if (mode < 7) {
      const kind = i % 3 === 0 ? 'mutation' : 'query';
      const group = Array.from({ length: 2 + (i % 4) }, () => pick(procs.filter((p) => p.type === kind)));
      const inputs = Object.fromEntries(group.map((p, i) => [String(i), sampleOf(p.path)]));
      const caller = pick(options.callers);
      const paths = group.map((p) => p.path).join(',');
      if (kind === 'query')
        await send(
          'batch',
          'GET',
          `/trpc/${paths}?batch=1&input=${enc(inputs)}`,
          caller.headers,
          undefined,
          paths,
          inputs,
        );
      else await send('batch', 'POST', `/trpc/${paths}?batch=1`, caller.headers, JSON.stringify(inputs), paths, inputs);
    } else {
      const route: RestRoute = pick(REST_ROUTES);
      const proc = byPath.get(route.procedure);
      if (!proc) continue;
      const raw = route.params
        ? fc.sample(inputArbitrary(route.params, { ids: options.ids }), {
            seed: options.seed + ++counter,
            numRuns: 1,
          })[0]
        : sampleOf(proc.path);
      const input = (raw && typeof raw === 'object' && !Array.isArray(raw) ? raw : {}) as Record<string, unknown>;
      const used = new Set<string>();
      const url = `/api/v1${route.path.replace(/\{(\w+)\}/g, (_, name: string) => {
        used.add(name);
        return pathPart(String(input[name] ?? 'x'));
      })}`;
      const rest = Object.fromEntries(Object.entries(input).filter(([k]) => !used.has(k)));
      const caller = pick(options.restCallers);
      if (route.method === 'GET') {
        const query = new URLSearchParams(
          Object.entries(rest).map(([k, v]) => [k, typeof v === 'string' ? v : (JSON.stringify(v) ?? '')]),
        );
        await send(
          'rest',
          'GET',
          `${url}${query.size ? `?${query}` : ''}`,
          caller.headers,
          undefined,
          route.path,
          rest,
        );
      } else await send('rest', 'POST', url, caller.headers, JSON.stringify(rest), route.path, rest);
    }
  }
  return report;
}
