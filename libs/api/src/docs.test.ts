import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
// eslint-disable-next-line @nx/enforce-module-boundaries -- the registry generator is a repository script, not a package
import { registry } from '../../../tools/scripts/plugin-registry.mjs';
import { appRouter } from './index';

const root = join(import.meta.dirname, '..', '..', '..');
const architecture = readFileSync(join(root, 'docs/ARCHITECTURE.md'), 'utf8');

/** The keys one level under `prefix` (tRPC flattens procedures to dotted paths in `_def.procedures`). */
const procedures = Object.keys(appRouter._def.procedures as Record<string, unknown>);
const keysUnder = (prefix: string) =>
  [...new Set(procedures.filter((p) => p.startsWith(prefix)).map((p) => p.slice(prefix.length).split('.')[0]!))].sort();

describe('docs/ARCHITECTURE.md matches the code', () => {
  it('lists every kernel router key exactly once, by domain', () => {
    const table = architecture.slice(architecture.indexOf('### Router keys and plugins'));
    const rows = [...table.matchAll(/^\|\s*([a-z]+)\s*\|\s*([A-Za-z, ]+?)\s*\|$/gm)];
    const documented = rows.flatMap((r) => r[2]!.split(',').map((k) => k.trim())).sort();
    expect(documented).toEqual(keysUnder('kernel.'));
    // Each domain named in the table is a folder of the kernel that exports the routers it lists.
    for (const [, domain] of rows) expect(architecture).toMatch(new RegExp(`│ {12}${domain}/`));
  });

  it('names the plugins of the registry, in migration order', () => {
    const line = /^Plugins, in migration order: (.+)\.$/m.exec(architecture);
    expect(line?.[1]?.split(', ')).toEqual(registry());
    expect(keysUnder('').filter((k) => k !== 'kernel')).toEqual(
      registry()
        .map((id) => id.replace(/-([a-z0-9])/g, (_, c: string) => c.toUpperCase()))
        .sort(),
    );
  });

  it('the README map names every plugin and package', () => {
    const readme = readFileSync(join(root, 'README.md'), 'utf8');
    const map = readme.slice(readme.indexOf('## Map of the repository'), readme.indexOf('## Two commands'));
    for (const id of registry()) expect(map).toContain(id);
    for (const lib of ['api', 'client', 'contract', 'kernel', 'demo', 'db', 'plugin-sdk', 'ui'])
      expect(map).toContain(`libs/${lib} `);
  });
});
