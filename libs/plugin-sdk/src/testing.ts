/**
 * The plugin test harness: a fresh database (PGlite in memory or a new PostgreSQL database), the kernel's and the
 * plugin's migrations, a small Tianjin fixture, and callers with a chosen role and scope that go through the same
 * middleware as HTTP calls (permission, scope, enablement).
 */
import { migrate, rows, type EngineKind } from '@chengxin/db';
import { createTestDatabase, type TestDatabase } from '@chengxin/db/testing';
import {
  builtinRoles,
  configurePlugin,
  createCallerFactory,
  getOrgPath,
  installPlugins,
  kernelMigrations,
  kernelRouter,
  router,
  runPluginScan,
  TEST_SECRETS,
  type Actor,
  type ScanReport,
} from '@chengxin/kernel';
import { buildFixture, callerContext, testAdmin, testContext, type Fixture } from '@chengxin/kernel/testing';
import type { AnyRouter } from '@trpc/server';
import { sql } from 'drizzle-orm';
import type { Plugin } from './index';

export { testEngines } from '@chengxin/db/testing';
/** Valid demo identifiers for test data: a 公民身份号码 and a body's 统一社会信用代码 (the fixture's bodies use usccFor(area, 1…5)). */
export { idNumberFor, usccFor } from '@chengxin/kernel/testing';
import { usccFor } from '@chengxin/kernel/testing';
import { checkUscc } from '@chengxin/kernel';
import { ocdsArray, ocdsObject, type OcdsJson } from './ocds-json';
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
  /** A caller signed in as nobody (the public portal): only `public` procedures answer. */
  anonymous(): HarnessCaller<R>;
  /** Enables (or disables) the plugin for the deployment or one body, with configuration, as the city admin. */
  enable(orgId: string | null, config?: Record<string, unknown>, enabled?: boolean): Promise<void>;
  scan(day: string): Promise<ScanReport>;
  /** How many audit entries of these actions (for this entity) the kernel's log holds: a test's witness that a write was audited. */
  auditCount(actions: readonly string[], entityId?: string): Promise<number>;
  /** The details of the audit entries of one action whose detail carries these fields (e.g. { ocid }), oldest first. */
  auditDetails(action: string, match: Record<string, string>): Promise<{ detail: unknown }[]>;
  /** How many links join two records, in either direction. */
  linkCount(a: string, b: string): Promise<number>;
  /** Overwrites the stored payload of every version of a record, as an older plugin version wrote it (tests of upcasting only). */
  storePayload(recordId: string, payload: Record<string, unknown>): Promise<void>;
  dispose(): Promise<void>;
}

export async function createPluginHarness<R extends AnyRouter>(
  plugin: Plugin<R>,
  engine: EngineKind,
): Promise<PluginHarness<R>> {
  const owners = installPlugins([plugin]);
  const database = await createTestDatabase(engine);
  await migrate(database, [kernelMigrations, ...owners]);
  const admin = testContext(database, testAdmin);
  const fixture = await buildFixture(admin);
  const createCaller = callerFactory(plugin);
  let n = 0;
  return {
    database,
    fixture,
    caller(role, options = {}) {
      const scopeOrgId = options.scopeOrgId === undefined ? null : options.scopeOrgId;
      const permissions = [...(builtinRoles()[role]?.permissions ?? []), ...(options.extra ?? [])];
      if (permissions.length === 0) throw new Error(`unknown role ${role}`);
      n += 1;
      const actorPromise = (async (): Promise<Actor> => ({
        id: `01900000-0000-7000-8000-${String(900000000000 + n)}`,
        username: `${role}.${n}`,
        kind: 'user',
        orgId: options.orgId === undefined ? scopeOrgId : options.orgId,
        grants: [
          {
            role,
            permissions,
            scopeOrgId,
            scopePath: scopeOrgId ? await getOrgPath(database.db, scopeOrgId) : null,
            plugins: null,
          },
        ],
      }))();
      // The caller is built lazily so the actor's scope path can be read first.
      return createCaller(async () => callerContext(database.db, await actorPromise)) as never;
    },
    anonymous: () => createCaller(async () => callerContext(database.db, null)) as never,
    async enable(orgId, config = {}, enabled = true) {
      await configurePlugin(admin, { pluginId: plugin.id, orgId, enabled, config });
    },
    scan: (day) => runPluginScan(database.db, TEST_SECRETS, plugin.id, day),
    ...kernelWitness(database),
    dispose: () => database.dispose(),
  };
}

/**
 * What a refused call says, for assertions: the domain error's code and field, or for input that failed validation
 * `INPUT_INVALID` and the path of the first bad field; null when the call succeeded.
 */
export async function refusalOf(call: Promise<unknown>): Promise<{ appCode: string; field: string | null } | null> {
  const error = await call.then(
    () => null,
    (e: unknown) =>
      e as { code?: string; cause?: { appCode?: string; field?: string; issues?: { path: PropertyKey[] }[] } },
  );
  if (!error) return null;
  const cause = error.cause;
  if (cause?.appCode) return { appCode: cause.appCode, field: cause.field ?? null };
  if (cause?.issues) return { appCode: 'INPUT_INVALID', field: cause.issues[0]?.path.map(String).join('.') ?? null };
  return { appCode: error.code ?? 'UNKNOWN', field: null };
}

/** Asserts that a call was refused with `appCode` (and, when given, on `field`): for plugin tests. */
export async function expectRefusal(call: Promise<unknown>, appCode: string, field?: string): Promise<void> {
  const refusal = await refusalOf(call);
  if (refusal?.appCode !== appCode || (field !== undefined && refusal.field !== field)) {
    throw new Error(
      `expected refusal ${appCode}${field ? ` on ${field}` : ''}, got ${refusal ? `${refusal.appCode} on ${refusal.field ?? '—'}` : 'success'}`,
    );
  }
}

/** Reads (and one deliberate overwrite) of kernel tables for plugin tests, which may not name kernel tables themselves. */
function kernelWitness(
  database: TestDatabase,
): Pick<PluginHarness<AnyRouter>, 'auditCount' | 'auditDetails' | 'linkCount' | 'storePayload'> {
  return {
    async auditCount(actions, entityId) {
      const [r] = await rows<{ n: number }>(
        database.db,
        sql`select count(*)::int as n from kernel.audit_log
        where action = any(${sql.param([...actions])}::text[]) ${entityId === undefined ? sql`` : sql`and entity_id = ${entityId}`}`,
      );
      return r!.n;
    },
    async auditDetails(action, match) {
      return rows<{ detail: unknown }>(
        database.db,
        sql`select detail from kernel.audit_log
        where action = ${action} and detail @> ${JSON.stringify(match)}::jsonb order by seq`,
      );
    },
    async linkCount(a, b) {
      const [r] = await rows<{ n: number }>(
        database.db,
        sql`select count(*)::int as n from kernel.record_link
        where (from_record_id = ${a} and to_record_id = ${b}) or (from_record_id = ${b} and to_record_id = ${a})`,
      );
      return r!.n;
    },
    async storePayload(recordId, payload) {
      await database.db.execute(
        sql`update kernel.credit_record_version set payload = ${JSON.stringify(payload)}::jsonb where record_id = ${recordId}`,
      );
    },
  };
}

/**
 * A foreign OCDS package as a Chinese publisher would send it (the real-data check, `npm run ocds:check -- --adapt`):
 * every currency becomes CNY; each party gets a valid demo 统一社会信用代码 under the scheme CN-USCC, deterministic by
 * party id, the first buyer the fixture's 河西区财政局 (`usccFor('120103', 3)`). Nothing else changes, so whatever the
 * import cannot map is still reported.
 */
export function adaptOcdsPackage(pkg: OcdsJson): OcdsJson {
  const codes = new Map<string, string>();
  const demo = (n: number) => {
    const first17 = `91120101MA${String(n).padStart(7, '0')}`;
    const check = checkUscc(`${first17}0`);
    return check.ok && check.warning ? `${first17}${check.warning.expected}` : `${first17}0`;
  };
  const out = JSON.parse(JSON.stringify(pkg).replace(/"currency":"[A-Z]{3}"/g, '"currency":"CNY"')) as OcdsJson;
  const buyer = usccFor('120103', 3);
  const all = [
    ...ocdsArray(out['releases']),
    ...ocdsArray(out['records']).flatMap((r) => [
      ocdsObject(r)?.['compiledRelease'],
      ...ocdsArray(ocdsObject(r)?.['releases']),
    ]),
  ];
  for (const r of all) {
    for (const p of ocdsArray(ocdsObject(r)?.['parties']).map(ocdsObject)) {
      if (!p) continue;
      const id = String(p['id']);
      if (!codes.has(id))
        codes.set(
          id,
          ocdsArray(p['roles']).includes('buyer') && ![...codes.values()].includes(buyer) ? buyer : demo(codes.size),
        );
      p['identifier'] = { scheme: 'CN-USCC', id: codes.get(id), legalName: ocdsObject(p['identifier'])?.['legalName'] };
    }
  }
  return out;
}
