import { kernelRouter, router } from '@chengxin/kernel';

/**
 * The one AppRouter, a literal object so integrators get one stable type: `{ kernel, procurement, ppp, … }`.
 * Plugins are mounted here as they are built; whether an agency enabled one is checked at run time.
 */
export const appRouter = router({
  kernel: kernelRouter,
});

export type AppRouter = typeof appRouter;
