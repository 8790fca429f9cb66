/** A small history router under /admin: enough for a console, no dependency. */
import { useSyncExternalStore, type MouseEvent, type ReactNode } from 'react';

const BASE = '/admin';
const listeners = new Set<() => void>();
const notify = () => listeners.forEach((l) => l());
window.addEventListener('popstate', notify);

const subscribe = (l: () => void) => {
  listeners.add(l);
  return () => listeners.delete(l);
};
const snapshot = () => window.location.pathname + window.location.search;

/** The path inside the console (`/records/…`) and its query. */
export function useLocation(): { path: string; query: URLSearchParams } {
  const full = useSyncExternalStore(subscribe, snapshot);
  const [pathname, search = ''] = full.split('?');
  const path = pathname!.startsWith(BASE) ? pathname!.slice(BASE.length) || '/' : pathname!;
  return { path, query: new URLSearchParams(search) };
}

export function navigate(to: string, replace = false): void {
  const url = `${BASE}${to}`;
  if (replace) window.history.replaceState(null, '', url);
  else window.history.pushState(null, '', url);
  window.scrollTo(0, 0);
  notify();
}

/** `match('/records/:id', '/records/abc')` → { id: 'abc' }. */
export function match(pattern: string, path: string): Record<string, string> | null {
  const a = pattern.split('/').filter(Boolean);
  const b = path.split('/').filter(Boolean);
  if (a.length !== b.length) return null;
  const params: Record<string, string> = {};
  for (let i = 0; i < a.length; i++) {
    if (a[i]!.startsWith(':')) params[a[i]!.slice(1)] = decodeURIComponent(b[i]!);
    else if (a[i] !== b[i]) return null;
  }
  return params;
}

export function Link({ to, children, className }: { to: string; children: ReactNode; className?: string }) {
  const onClick = (e: MouseEvent) => {
    if (e.metaKey || e.ctrlKey || e.shiftKey || e.button !== 0) return;
    e.preventDefault();
    navigate(to);
  };
  return (
    <a href={`${BASE}${to}`} onClick={onClick} className={className}>
      {children}
    </a>
  );
}

/**
 * The body and person searches remember their last URL (with its query), so an integrity file's breadcrumb returns to
 * the search as it was left.
 */
export function rememberSearch(kind: 'org' | 'person', to: string): void {
  sessionStorage.setItem(`cx.search.${kind}`, to);
}
export function lastSearch(kind: 'org' | 'person'): string {
  return sessionStorage.getItem(`cx.search.${kind}`) ?? (kind === 'org' ? '/orgs' : '/persons');
}
