export { appRouter, type AppRouter } from '@chengxin/api';
export { buildServer, listen, SESSION_COOKIE } from './http';
export { openSystem, MIGRATION_OWNERS } from './system';
export { configFromEnv, type ServerConfig } from './config';
export { compileRoutes, REST_BASE } from './rest/handler';
export { REST_ROUTES, type RestRoute } from './rest/routes';
