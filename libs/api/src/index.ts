/**
 * The composed API: the kernel's router and every registered plugin's, as one literal AppRouter (create-t3-turbo keeps
 * its router in a package the same way). apps/server serves it; libs/client imports its type only.
 */
export { appRouter, type AppRouter } from './router.generated';
export { PLUGINS, installAll, mountKey } from './install';
