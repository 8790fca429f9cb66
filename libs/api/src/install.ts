import { installPlugins, type KernelPlugin } from '@chengxin/kernel';
import type { AnyRouter } from '@trpc/server';
import { PLUGINS } from './plugins.generated';

export { PLUGINS };

export const mountKey = (id: string) => id.replace(/-([a-z0-9])/g, (_, c: string) => c.toUpperCase());

/** Checks the declarations and that each plugin is mounted under its key; returns the plugins' migration owners. */
export function installAll(appRouter: AnyRouter) {
  const list = Object.values(PLUGINS) as (KernelPlugin & { router: AnyRouter })[];
  const owners = installPlugins(list);
  const mounted = appRouter._def.procedures as Record<string, unknown>;
  for (const [key, plugin] of Object.entries(PLUGINS)) {
    if (key !== mountKey(plugin.id))
      throw new Error(`plugin ${plugin.id} must be mounted as ${mountKey(plugin.id)}, not ${key}`);
    // tRPC flattens nested routers: every procedure of the plugin must sit under its key, the same object.
    const own = Object.entries(plugin.router._def.procedures as Record<string, unknown>);
    if (own.length === 0 || own.some(([path, proc]) => mounted[`${key}.${path}`] !== proc))
      throw new Error(`plugin ${plugin.id} is not mounted in the AppRouter under ${key}`);
  }
  return owners;
}
