import { installPlugins, type KernelPlugin } from '@chengxin/kernel';
import { biddingPlugin } from '@chengxin/plugin-bidding';
import { investmentPromisesPlugin } from '@chengxin/plugin-investment-promises';
import { localDebtPlugin } from '@chengxin/plugin-local-debt';
import { pppPlugin } from '@chengxin/plugin-ppp';
import { procurementPlugin } from '@chengxin/plugin-procurement';
import { townshipsPlugin } from '@chengxin/plugin-townships';
import type { AnyRouter } from '@trpc/server';

/**
 * Every plugin of this deployment, in migration order, with the key it is mounted under in the AppRouter (the id in
 * camelCase). All are mounted everywhere; whether an agency enabled one is data, checked at run time.
 */
export const PLUGINS = { procurement: procurementPlugin, localDebt: localDebtPlugin, ppp: pppPlugin, bidding: biddingPlugin,
  investmentPromises: investmentPromisesPlugin, townships: townshipsPlugin,
} as const;

export const mountKey = (id: string) => id.replace(/-([a-z0-9])/g, (_, c: string) => c.toUpperCase());

/** Checks the declarations and that each plugin is mounted under its key; returns the plugins' migration owners. */
export function installAll(appRouter: AnyRouter) {
  const list = Object.values(PLUGINS) as (KernelPlugin & { router: AnyRouter })[];
  const owners = installPlugins(list);
  const mounted = appRouter._def.procedures as Record<string, unknown>;
  for (const [key, plugin] of Object.entries(PLUGINS)) {
    if (key !== mountKey(plugin.id)) throw new Error(`plugin ${plugin.id} must be mounted as ${mountKey(plugin.id)}, not ${key}`);
    // tRPC flattens nested routers: every procedure of the plugin must sit under its key, the same object.
    const own = Object.entries(plugin.router._def.procedures as Record<string, unknown>);
    if (own.length === 0 || own.some(([path, proc]) => mounted[`${key}.${path}`] !== proc)) throw new Error(`plugin ${plugin.id} is not mounted in the AppRouter under ${key}`);
  }
  return owners;
}
