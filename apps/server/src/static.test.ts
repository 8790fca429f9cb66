import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PORTAL_SECTIONS } from '@chengxin/contract/public';

// The server answers the portal's page only for these sections and 404 for anything else, so a page the portal routes
// to but the list lacks would break on reload. The portal's router is a switch on the first path segment.
describe('the portal sections the server serves', () => {
  it('are exactly the sections the portal routes', () => {
    const app = readFileSync(join(import.meta.dirname, '../../portal/src/App.tsx'), 'utf8');
    const routed = [...app.matchAll(/case '([^']*)':/g)].map((m) => m[1]!);
    expect([...routed].sort()).toEqual([...PORTAL_SECTIONS].sort());
  });
});
