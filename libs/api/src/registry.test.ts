import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { router } from '@chengxin/kernel';
import { describe, expect, it } from 'vitest';
// eslint-disable-next-line @nx/enforce-module-boundaries -- the registry generator is a repository script, not a package
import { check, expected, pluginFolders, registry } from '../../../tools/scripts/plugin-registry.mjs';
import { appRouter, installAll, PLUGINS } from './index';

const root = join(import.meta.dirname, '..', '..', '..');

describe('the one plugin registry', () => {
  it('names every plugin folder, and every derived place agrees with it', () => {
    expect(registry().slice().sort()).toEqual(pluginFolders());
    expect(check()).toEqual([]);
  });

  it('is what the server mounts and the AppRouter carries, in migration order', () => {
    expect(Object.values(PLUGINS).map((p) => p.id)).toEqual(registry());
    expect(() => installAll(appRouter)).not.toThrow();
  });

  it('finds a plugin missing from any of the places that follow from it', () => {
    const ids = registry();
    const files = expected(ids);
    // Each generated place, with one plugin left out, no longer matches what the registry implies.
    const without = expected(ids.filter((id) => id !== 'ppp'));
    for (const path of [
      'libs/api/src/plugins.generated.ts',
      'libs/api/src/router.generated.ts',
      'apps/admin/src/plugins.generated.ts',
    ]) {
      expect(without[path]).not.toEqual(files[path]);
      expect(readFileSync(join(root, path), 'utf8')).toEqual(files[path]);
    }
    // A registry that forgets a folder, or names one that does not exist, is refused.
    expect(check(ids.filter((id) => id !== 'ppp'))).toContain('plugins/ppp is not in plugins/registry.json');
    expect(check([...ids, 'no-such-plugin'])).toContain(
      'plugins/registry.json names no-such-plugin, but plugins/no-such-plugin does not exist',
    );
    // Workspace dependencies: the server's API package and the console both depend on every registered plugin.
    for (const path of ['libs/api/package.json', 'apps/admin/package.json']) {
      const deps = Object.keys(
        (JSON.parse(readFileSync(join(root, path), 'utf8')) as { dependencies: Record<string, string> }).dependencies,
      );
      for (const id of ids) expect(deps, path).toContain(`@chengxin/plugin-${id}`);
    }
  });

  it('refuses an AppRouter that does not mount a registered plugin', () => {
    const { ppp: _left, ...rest } = PLUGINS;
    const partial = router({
      kernel: appRouter.kernel,
      ...Object.fromEntries(Object.entries(rest).map(([k, p]) => [k, p.router])),
    });
    expect(() => installAll(partial)).toThrow(/plugin ppp is not mounted in the AppRouter under ppp/);
  });
});
