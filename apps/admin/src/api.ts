/**
 * The typed API: one tRPC client over /trpc with the session cookie (sent by the browser) and the CSRF token echoed from
 * the readable `cx_csrf` cookie on every request; TanStack Query hooks through @trpc/tanstack-react-query.
 * Subscriptions (an import's live progress) go over SSE (EventSource, same origin: the session cookie goes along; a
 * subscription is a read, so it needs no CSRF token).
 */
import type { AppRouter } from '@chengxin/client';
import { QueryCache, QueryClient } from '@tanstack/react-query';
import { createTRPCClient, httpBatchLink, httpSubscriptionLink, splitLink } from '@trpc/client';
import { createTRPCContext } from '@trpc/tanstack-react-query';
import { isUnauthorized } from '@chengxin/ui';

export type { AppRouter };

function csrfToken(): string | null {
  for (const part of document.cookie.split(';')) {
    const [k, ...v] = part.trim().split('=');
    if (k === 'cx_csrf') return decodeURIComponent(v.join('=')) || null;
  }
  return null;
}

export const client = createTRPCClient<AppRouter>({
  links: [
    splitLink({
      condition: (op) => op.type === 'subscription',
      true: httpSubscriptionLink({ url: '/trpc', eventSourceOptions: () => ({ withCredentials: true }) }),
      false: httpBatchLink({
        url: '/trpc',
        maxItems: 10,
        // Any refused call (not a failed sign-in) means the session is gone, whichever way the call was made.
        async fetch(url, options) {
          const res = await fetch(url, options as RequestInit);
          if (res.status === 401 && !String(url).includes('kernel.auth.login')) onSessionLost();
          return res;
        },
        headers() {
          const token = csrfToken();
          return token ? { 'x-csrf-token': token } : {};
        },
      }),
    }),
  ],
});

export const { TRPCProvider, useTRPC } = createTRPCContext<AppRouter>();

/** Called when any call finds the session gone: the shell shows the login page with a note. */
let onSessionLost: () => void = () => undefined;
export const setSessionLostHandler = (fn: () => void) => {
  onSessionLost = fn;
};

export const queryClient = new QueryClient({
  defaultOptions: { queries: { retry: false, refetchOnWindowFocus: false, staleTime: 10_000 } },
  queryCache: new QueryCache({
    onError: (e) => {
      if (isUnauthorized(e)) onSessionLost();
    },
  }),
});

/** Calls a procedure named by a string (a plugin page's descriptor names its procedures as `procurement.contracts.list`). */
export function callByPath(path: string, kind: 'query' | 'mutate', input: unknown): Promise<unknown> {
  let node: unknown = client;
  for (const segment of path.split('.')) node = (node as Record<string, unknown>)[segment];
  const fn = (node as Record<string, (i: unknown) => Promise<unknown>>)[kind]!;
  return fn(input);
}
