/**
 * The typed client for integrators written in TypeScript:
 *
 *   const api = createClient('http://127.0.0.1:3000', { username: 'officer', password: '…' });
 *   const file = await api.kernel.files.get.query({ subject: { kind: 'person', personId } });
 *
 * Types come from the AppRouter of libs/api (a type-only import: no server code is bundled).
 */
import { createTRPCClient, httpBatchLink, httpSubscriptionLink, splitLink, TRPCClientError } from '@trpc/client';
import { EventSource } from 'eventsource';
import type { AppRouter } from '@chengxin/api';

export type { AppRouter };
export { TRPCClientError };

export type ClientAuth =
  /** Logs in on first use and keeps the session cookie. */
  | { username: string; password: string }
  /** A session or API token sent as `Authorization: Bearer`. */
  | { token: string }
  | null;

export interface ClientOptions {
  /** Requests per batch (default 10); 1 disables batching. */
  maxBatch?: number;
}

export type ChengxinClient = ReturnType<typeof createTRPCClient<AppRouter>>;

export function createClient(baseUrl: string, auth: ClientAuth = null, options: ClientOptions = {}): ChengxinClient {
  const root = baseUrl.replace(/\/$/, '');
  let cookie: string | null = null;
  let csrf: string | null = null;
  let loggingIn: Promise<void> | null = null;

  // A small jar: the session cookie the server sets (login, logout) goes back with later calls, and the CSRF cookie's
  // value goes back in the X-CSRF-Token header, as the admin console's script does.
  const remember = (res: Response) => {
    for (const set of res.headers.getSetCookie()) {
      const session = /^cx_session=([^;]*)/.exec(set);
      if (session) cookie = session[1] ? `cx_session=${session[1]}` : null;
      const token = /^cx_csrf=([^;]*)/.exec(set);
      if (token) csrf = token[1] || null;
    }
  };

  const login = async (credentials: { username: string; password: string }) => {
    const res = await fetch(`${root}/trpc/kernel.auth.login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(credentials),
    });
    if (!res.ok) {
      const body = (await res.json().catch(() => null)) as { error?: { message?: string } } | null;
      throw new Error(`login failed (${res.status}): ${body?.error?.message ?? res.statusText}`);
    }
    remember(res);
  };

  const authedFetch = async (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    if (auth && 'username' in auth) await (loggingIn ??= login(auth));
    const headers = new Headers(init?.headers);
    if (auth && 'token' in auth) headers.set('authorization', `Bearer ${auth.token}`);
    else if (cookie) {
      headers.set('cookie', cookie);
      if (csrf) headers.set('x-csrf-token', csrf);
    }
    const res = await fetch(input, { ...init, headers });
    remember(res);
    return res;
  };

  // Subscriptions (e.g. an import's live progress) arrive as server-sent events. Node 20 has no EventSource: the
  // `eventsource` package's, whose requests go through the same authenticated fetch (cookie or bearer token).
  return createTRPCClient<AppRouter>({
    links: [
      splitLink({
        condition: (op) => op.type === 'subscription',
        true: httpSubscriptionLink({
          url: `${root}/trpc`,
          EventSource,
          eventSourceOptions: () => ({
            fetch: (input: string | URL | Request, init?: RequestInit) => authedFetch(input, init),
          }),
        }),
        false: httpBatchLink({
          url: `${root}/trpc`,
          fetch: authedFetch as typeof fetch,
          maxItems: options.maxBatch ?? 10,
        }),
      }),
    ],
  });
}
