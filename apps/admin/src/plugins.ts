/**
 * Each plugin's admin module, imported only when one of its pages opens (a separate chunk per plugin, not in the first
 * bundle). Menus and forms come from the server's manifest (kernel.plugins.list); the module gives the page descriptors.
 */
import type { AdminPlugin } from '@chengxin/plugin-sdk/admin';

export const ADMIN_MODULES: Record<string, () => Promise<AdminPlugin>> = {
  procurement: () => import('@chengxin/plugin-procurement/admin').then((m) => m.procurementAdmin),
  'local-debt': () => import('@chengxin/plugin-local-debt/admin').then((m) => m.localDebtAdmin),
  ppp: () => import('@chengxin/plugin-ppp/admin').then((m) => m.pppAdmin),
  bidding: () => import('@chengxin/plugin-bidding/admin').then((m) => m.biddingAdmin),
  'investment-promises': () => import('@chengxin/plugin-investment-promises/admin').then((m) => m.investmentPromisesAdmin),
  townships: () => import('@chengxin/plugin-townships/admin').then((m) => m.townshipsAdmin),
};

/** The mount key of a plugin in the AppRouter: its id in camelCase. */
export const mountKey = (id: string) => id.replace(/-([a-z])/g, (_, c: string) => c.toUpperCase());
