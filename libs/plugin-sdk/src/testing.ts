/**
 * The plugin test harness: a fresh database (PGlite in memory or a new PostgreSQL database), the kernel's and the
 * plugin's migrations, a small Tianjin fixture, and callers with a chosen role and scope that go through the same
 * middleware as HTTP calls (permission, scope, enablement).
 */
import { migrate, rows, type EngineKind } from '@chengxin/db';
import { sql } from 'drizzle-orm';
import { createTestDatabase, type TestDatabase } from '@chengxin/db/testing';
import {
  builtinRoles, configurePlugin, createCallerFactory, installPlugins, kernelMigrations, kernelRouter, RateLimiter, router, runPluginScan, TEST_SECRETS,
  type SignedInActor, type ScanReport, type TrpcContext,
} from '@chengxin/kernel';
import { buildFixture, testAdmin, testContext, type Fixture } from '@chengxin/kernel/testing';
import type { AnyRouter } from '@trpc/server';
import type { Plugin } from './index';

export { testEngines } from '@chengxin/db/testing';
export type { Fixture };

export interface CallerOptions {
  /** The body the user belongs to; defaults to the scope's body. */
  orgId?: string | null;
  /** The subtree the grant covers; null = the whole city. */
  scopeOrgId?: string | null;
  /** Extra permissions beside the role's (a custom role). */
  extra?: string[];
}

function callerFactory<R extends AnyRouter>(plugin: Plugin<R>) {
  return createCallerFactory(router({ kernel: kernelRouter, plugin: plugin.router }));
}
/** A typed caller of `{ kernel, plugin }`: the plugin's router is mounted under `plugin`. */
export type HarnessCaller<R extends AnyRouter> = ReturnType<ReturnType<typeof callerFactory<R>>>;

export interface PluginHarness<R extends AnyRouter> {
  database: TestDatabase;
  fixture: Fixture;
  /** A caller acting as a user holding `role` (admin, officer, reviewer, viewer, auditor) within the given scope. */
  caller(role: string, options?: CallerOptions): HarnessCaller<R>;
  /** Enables (or disables) the plugin for the deployment or one body, with configuration, as the city admin. */
  enable(orgId: string | null, config?: Record<string, unknown>, enabled?: boolean): Promise<void>;
  scan(day: string): Promise<ScanReport>;
  dispose(): Promise<void>;
}

export async function createPluginHarness<R extends AnyRouter>(plugin: Plugin<R>, engine: EngineKind): Promise<PluginHarness<R>> {
  const owners = installPlugins([plugin]);
  const database = await createTestDatabase(engine);
  await migrate(database, [kernelMigrations, ...owners]);
  const admin = testContext(database, testAdmin);
  const fixture = await buildFixture(admin);
  const createCaller = callerFactory(plugin);
  const paths = new Map<string, string>();
  const pathOf = async (orgId: string) => {
    if (!paths.has(orgId)) {
      const [org] = await rows<{ path: string }>(database.db, sql`select path from kernel.org_unit where id = ${orgId}`);
      if (!org) throw new Error(`no org ${orgId}`);
      paths.set(orgId, org.path);
    }
    return paths.get(orgId)!;
  };
  let n = 0;
  return {
    database,
    fixture,
    caller(role, options = {}) {
      const scopeOrgId = options.scopeOrgId === undefined ? null : options.scopeOrgId;
      const permissions = [...(builtinRoles()[role]?.permissions ?? []), ...(options.extra ?? [])];
      if (permissions.length === 0) throw new Error(`unknown role ${role}`);
      n += 1;
      const actorPromise = (async (): Promise<SignedInActor> => ({
        id: `01900000-0000-7000-8000-${String(900000000000 + n)}`, username: `${role}.${n}`, displayName: role, kind: 'user',
        orgId: options.orgId === undefined ? scopeOrgId : options.orgId,
        grants: [{ role, permissions, scopeOrgId, scopePath: scopeOrgId ? await pathOf(scopeOrgId) : null, plugins: null }],
      }))();
      // The caller is built lazily so the actor's scope path can be read first.
      return createCaller(async () => ({
        db: database.db, secrets: TEST_SECRETS, actor: await actorPromise, clientIp: '127.0.0.1', limiter: new RateLimiter(),
        auth: { via: 'bearer', token: null, csrfOk: true },
        http: { setSessionCookie: () => undefined, clearSessionCookie: () => undefined, setHeader: () => undefined },
      }) satisfies TrpcContext) as never;
    },
    async enable(orgId, config = {}, enabled = true) {
      await configurePlugin(admin, { pluginId: plugin.id, orgId, enabled, config });
    },
    scan: (day) => runPluginScan(database.db, TEST_SECRETS, plugin.id, day),
    dispose: () => database.dispose(),
  };
}
