/**
 * The only kernel surface plugins may import (lint enforces it): the contract a plugin fills in, the kernel's procedure
 * builders, and the services a plugin's handlers use to write (one transaction with its audit entry) and to propose
 * draft records.
 */
import { rows, type Queryable, type Tx } from '@chengxin/db';
import { sql, type SQL } from 'drizzle-orm';
import {
  audit,
  kernelContext,
  KERNEL_API_VERSION,
  pluginProcedure,
  pluginSchemaName,
  router,
  settingForOrg,
  requirePlugin,
  scopeSql,
  badInput as badInputError,
  type KernelPlugin,
  type PluginLabel,
  type Scope,
  type SignedInActor,
  type TrpcContext,
} from '@chengxin/kernel';
import type { AnyRouter } from '@trpc/server';

export {
  AppError,
  badInput,
  notFound,
  forbidden,
  batchRejected,
  addDays,
  addMonths,
  compareDates,
  maxDate,
  isLegalDate,
  today,
  loadCalendar,
  WorkingCalendar,
  newId,
  scopeSql,
  withinScope,
  shanghaiDate,
  router,
  checkPlugin,
  KERNEL_API_VERSION,
  PAYLOAD_VERSION_KEY,
  upcastPayload,
  checkUscc,
  type KernelPlugin,
  type PluginRecordType,
  type PluginRule,
  type PluginIndicator,
  type PluginForm,
  type PluginNavEntry,
  type PluginRuntimeContext,
  type ProposedDraft,
  type ScanReport,
  type KernelEvent,
  type DemoContext,
  type RuleSource,
  type RowIssue,
  type LegalDate,
  type Severity,
  type TrpcContext,
} from '@chengxin/kernel';
export { rows, jsonValue, type Db, type Tx, type Queryable } from '@chengxin/db';
export {
  periodEnd,
  periodEndFlagged,
  daysBetween,
  deadlineState,
  isBreach,
  perOrg,
  emptyReport,
  tally,
  DEADLINE_STATES,
  type DayCalendar,
  type DeadlineState,
} from './deadlines';
export * from './promises';
export { yuan } from './contract';
export * from './promise-tables';
export { afterCursor, chunksById, cursorOf } from './cursors';
export { throttle, personKey } from './public';
export { officialsInPost, type OfficialInPost } from './officials';
export { openAccountability } from './accountability';
export { checkSecondReview } from './second-review';
export { inSubtree, subtreeSql, personsById } from './kernel-reads';
export {
  importOcdsPackage,
  ocdsReleases,
  ocdsProcesses,
  ocdsReleaseReader,
  ocdsPartyUscc,
  ocdsObject,
  ocdsArray,
  ocdsString,
  OcdsReleaseRefused,
  type OcdsJson,
  type OcdsReleaseError,
  type OcdsParsed,
  type OcdsParse,
  type OcdsWriteCount,
  type OcdsImportResult,
} from './ocds';
export { compileReleases, ocdsTime, type CompiledRelease } from './ocds-merge';

type Defaults =
  | 'kernelApi'
  | 'enabledByDefault'
  | 'roles'
  | 'rules'
  | 'subjects'
  | 'indicators'
  | 'forms'
  | 'nav'
  | 'migrations'
  | 'recordTypes'
  | 'permissions';

/** What a plugin author writes; everything with a sensible default may be left out. */
export type PluginInput<R extends AnyRouter> = Omit<KernelPlugin, Defaults> &
  Partial<Pick<KernelPlugin, Exclude<Defaults, 'migrations'>>> & {
    kernelApi?: number;
    /** The folder of the plugin's drizzle migrations; its tables live in the schema named after the plugin id. */
    migrationsFolder?: string;
    router: R;
  };

export type Plugin<R extends AnyRouter = AnyRouter> = KernelPlugin & { router: R };

/** Declares a plugin. The kernel checks it at start-up (ids, key prefixes, schema name, kernel API version). */
export function definePlugin<R extends AnyRouter>(input: PluginInput<R>): Plugin<R> {
  const { migrationsFolder, ...rest } = input;
  return {
    kernelApi: KERNEL_API_VERSION,
    enabledByDefault: false,
    roles: {},
    rules: [],
    subjects: {},
    indicators: [],
    forms: {},
    nav: [],
    recordTypes: [],
    permissions: {},
    ...rest,
    migrations: migrationsFolder ? { schema: pluginSchemaName(input.id), folder: migrationsFolder } : null,
  };
}

/** The builder every plugin procedure is made from: the kernel's permission and scope checks, plus enablement. */
export const procedureFor = pluginProcedure;
export const pluginRouter = router;

export { defineAdminPlugin, type AdminPlugin, type AdminPage } from './admin';

/** A label in both languages. */
export const label = (zh: string, en: string): PluginLabel => ({ zh, en });

/** What a plugin handler gets from its tRPC context: who acts, where, and a way to write with the audit entry. */
export interface PluginServices {
  actor: SignedInActor | null;
  scope: Scope;
  today: string;
  /** Runs `fn` as one transaction; `audit` appends to the kernel's hash-chained log inside it. */
  write<T>(
    fn: (
      tx: Tx,
      audit: (action: string, entity: string, entityId: string, detail?: Record<string, unknown>) => Promise<void>,
    ) => Promise<T>,
  ): Promise<T>;
  /** The configuration a body is judged by (set above it; a body never sets its own thresholds). */
  config<C>(pluginId: string, orgId: string | null): Promise<C>;
}

export function services(ctx: TrpcContext & { scope?: Scope }): PluginServices {
  const k = kernelContext(ctx.db, ctx.secrets, ctx.actor, ctx.scope);
  return {
    actor: ctx.actor,
    scope: k.scope,
    today: k.today(),
    write: (fn) =>
      ctx.db.transaction((tx) =>
        fn(tx, (action, entity, entityId, detail = {}) => audit(tx, k, action, entity, entityId, detail)),
      ),
    config: async <C>(pluginId: string, orgId: string | null) =>
      (await settingForOrg(ctx.db, requirePlugin(pluginId), orgId)).governing as C,
  };
}

/** The bodies a plugin refers to (kernel ids), with their names and paths; missing ids are absent from the map. */
export async function orgsById(
  db: Queryable,
  ids: readonly string[],
): Promise<Map<string, { id: string; name: string; uscc: string; path: string; level: string }>> {
  if (ids.length === 0) return new Map();
  const list = await rows<{ id: string; name: string; uscc: string; path: string; level: string }>(
    db,
    sql`
    select id::text, name, uscc, path, level from kernel_api.org_unit where id = any(${sql.param([...new Set(ids)])}::uuid[])`,
  );
  return new Map(list.map((o) => [o.id, o]));
}

/** Bodies by 统一社会信用代码 (for imports that name the buyer by code). */
export async function orgsByUscc(
  db: Queryable,
  codes: readonly string[],
): Promise<Map<string, { id: string; name: string; path: string }>> {
  if (codes.length === 0) return new Map();
  const list = await rows<{ id: string; name: string; uscc: string; path: string }>(
    db,
    sql`
    select id::text, name, uscc, path from kernel_api.org_unit where uscc = any(${sql.param([...new Set(codes)])}::text[])`,
  );
  return new Map(list.map((o) => [o.uscc, o]));
}

/** The SQL condition "this org id lies in the caller's scope", for a plugin's list queries. */
export function orgInScope(scope: Scope, orgId: SQL): SQL {
  if (scope.roots === null) return sql`true`;
  return sql`exists (select 1 from kernel_api.org_unit so where so.id = ${orgId} and ${scopeSql(scope, sql`so.path`)})`;
}

export { sql, type SQL } from 'drizzle-orm';

/** Refuses a legal date after today (a fact cannot be recorded before it happened), naming the field. */
export function notAfterToday(today: string, field: string, date: string | null | undefined): void {
  if (date && date > today)
    throw badInputError(
      'DATE_IN_FUTURE',
      field,
      `日期不能晚于今天（${today}）`,
      `${field} cannot be after today (${today})`,
    );
}

/** Whether a plugin is enabled for a body, and its effective configuration there. */
export function settingFor(db: Queryable, pluginId: string, orgId: string | null) {
  return settingForOrg(db, requirePlugin(pluginId), orgId);
}
export { versionInForce, judges, type RuleVersion } from './rule-sets';
export {
  OCDS_VERSION,
  OCDS_EXTENSIONS,
  ocdsPrefix,
  ocdsBaseUri,
  ocidFor,
  partyId,
  ocdsDay,
  ocdsMoney,
  ocdsParty,
  compact,
  releasePackage,
  recordPackage,
  checkOcdsPackage,
  type OcdsPublisher,
  type OcdsSchemaIssue,
} from './ocds-publish';
export {
  ocdsFeedProcedures,
  ocdsPublisher,
  ocdsRecordPath,
  ocdsReleasesPath,
  type OcdsPublication,
  type OcdsFeedPage,
} from './ocds-feed';
export {
  OCDS_EXTENSION_PLUGINS,
  ocdsExtensionUri,
  ocdsExtensionFile,
  checkExtensionFields,
  mergePatch,
} from './ocds-extension';
