/**
 * axe-core (Deque's accessibility engine, pinned) run over the page a browser test has open. The engine is evaluated
 * into the page through the DevTools protocol, which the server's CSP (scripts from 'self' only) does not govern, so
 * the pages are measured exactly as they are served.
 */
import axe from 'axe-core';
import type { Page } from 'playwright-core';

export interface AxeFinding {
  rule: string;
  target: string;
  summary: string;
}

/** WCAG 2.0/2.1 A and AA violations on the page as it is now, once its finite animations have ended. */
export async function axeViolations(page: Page): Promise<AxeFinding[]> {
  await page.waitForLoadState('networkidle').catch(() => undefined);
  // Contrast is measured on the colours at rest, not half-way through antd's entrance animations.
  await page.waitForFunction(() =>
    document
      .getAnimations()
      .every((a) => a.playState !== 'running' || a.effect?.getComputedTiming().endTime === Number.POSITIVE_INFINITY),
  );
  await page.evaluate(axe.source);
  const violations = await page.evaluate(async () => {
    const engine = (window as unknown as { axe: typeof axe }).axe;
    const r = await engine.run(document, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] },
      resultTypes: ['violations'],
    });
    return r.violations.map((v) => ({
      id: v.id,
      nodes: v.nodes.map((n) => ({ target: n.target.join(' '), summary: n.failureSummary ?? '' })),
    }));
  });
  return violations.flatMap((v) =>
    v.nodes.map((n) => ({ rule: v.id, target: n.target, summary: n.summary.replace(/\s+/g, ' ') })),
  );
}
