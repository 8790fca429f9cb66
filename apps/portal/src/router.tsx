/** A small client-side router (history API): the server answers every unknown path with index.html. */
import { useEffect, useState, type AnchorHTMLAttributes, type MouseEvent } from 'react';

const listeners = new Set<() => void>();

/**
 * After a navigation inside the site (a link, back or forward — not the first load), the focus moves to the new page's
 * main heading, so a screen reader announces the page and keyboard users start from its content. Pages load lazily:
 * the heading is looked for until it appears (at most two seconds).
 */
let focusTimer: number | undefined;
let lastPath = window.location.pathname;
function focusMainHeading(): void {
  // A new page only: a filter that changes the query keeps the focus where the user is.
  if (window.location.pathname === lastPath) return;
  lastPath = window.location.pathname;
  window.clearInterval(focusTimer);
  let tries = 0;
  focusTimer = window.setInterval(() => {
    // While the next page loads, the old one stays in the DOM hidden (display: none): only a visible heading will do.
    const h = [...document.querySelectorAll<HTMLElement>('main h1, main h2')].find((e) => e.offsetParent !== null);
    if (h) {
      if (!h.hasAttribute('tabindex')) h.setAttribute('tabindex', '-1');
      h.focus({ preventScroll: true });
    }
    if ((h && document.activeElement === h) || ++tries > 40) window.clearInterval(focusTimer);
  }, 50);
}
window.addEventListener('popstate', focusMainHeading);

export function navigate(to: string): void {
  window.history.pushState(null, '', to);
  window.scrollTo(0, 0);
  for (const l of listeners) l();
  focusMainHeading();
}

export function useLocation(): { path: string; query: URLSearchParams } {
  const [, setTick] = useState(0);
  useEffect(() => {
    const update = () => setTick((n) => n + 1);
    listeners.add(update);
    window.addEventListener('popstate', update);
    return () => {
      listeners.delete(update);
      window.removeEventListener('popstate', update);
    };
  }, []);
  return { path: window.location.pathname, query: new URLSearchParams(window.location.search) };
}

export function Link({ href, onClick, ...rest }: AnchorHTMLAttributes<HTMLAnchorElement> & { href: string }) {
  const click = (e: MouseEvent<HTMLAnchorElement>) => {
    onClick?.(e);
    if (e.defaultPrevented || e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey) return;
    e.preventDefault();
    navigate(href);
  };
  return <a href={href} onClick={click} {...rest} />;
}
