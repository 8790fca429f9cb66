import { kernelRouter, router } from '@chengxin/kernel';
import { PLUGINS } from './plugins';

/**
 * The one AppRouter, a literal object so integrators get one stable type: `{ kernel, procurement, localDebt, ppp, bidding, investmentPromises, townships }`.
 * Every plugin is mounted in every deployment; whether an agency enabled one is checked at run time.
 */
export const appRouter = router({
  kernel: kernelRouter,
  procurement: PLUGINS.procurement.router,
  localDebt: PLUGINS.localDebt.router,
  ppp: PLUGINS.ppp.router,
  bidding: PLUGINS.bidding.router,
  investmentPromises: PLUGINS.investmentPromises.router,
  townships: PLUGINS.townships.router,
});

export type AppRouter = typeof appRouter;
