export { ADMIN_MODULES } from './plugins.generated';

/** The mount key of a plugin in the AppRouter: its id in camelCase. */
export const mountKey = (id: string) => id.replace(/-([a-z])/g, (_, c: string) => c.toUpperCase());
