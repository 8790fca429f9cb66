import type { Db, Tx } from '@chengxin/db';
import { sql } from 'drizzle-orm';
import type { Grant, Scope } from '../access';
import { EVERYWHERE } from '../access';
import { appendAudit, type AuditInput } from '../audit';
import { today } from '@chengxin/contract';
import type { Secrets } from './secrets';

/** Who is acting. Every write records it. */
export interface Actor {
  id: string;
  /** Username, or `token:<name>` for an integrator token, or a system job's name. */
  username: string;
  kind: 'user' | 'token' | 'system';
  /** The body the user belongs to; null = city level. */
  orgId: string | null;
  grants: Grant[];
  /** Requests per minute allowed to an integrator token. */
  ratePerMinute?: number;
}

/** An actor holding one city-wide grant of a built-in role: for the seed, jobs, benchmarks and tests. */
export function systemActor(id: string, username: string, role = 'admin', permissions: string[] = ['*']): Actor {
  return {
    id,
    username,
    kind: 'system',
    orgId: null,
    grants: [{ role, permissions, scopeOrgId: null, scopePath: null, plugins: null }],
  };
}

/** What a kernel service needs: the database, the keys, the acting user, the scope of the call and the calendar. */
export interface KernelContext {
  db: Db;
  secrets: Secrets;
  actor: Actor | null;
  /** Where the current procedure's permission holds: lists and bulk writes are filtered by it in SQL. */
  scope: Scope;
  today: () => string;
}

export function kernelContext(
  db: Db,
  secrets: Secrets,
  actor: Actor | null = null,
  scope: Scope = EVERYWHERE,
): KernelContext {
  return { db, secrets, actor, scope, today };
}

/** Appends one entry to the audit chain inside the caller's transaction, so the write and its entry commit together. */
export async function audit(
  tx: Tx,
  ctx: KernelContext,
  action: string,
  entity: string,
  entityId: string,
  detail: Record<string, unknown> = {},
  digests: Pick<AuditInput, 'before' | 'after'> = {},
): Promise<void> {
  await appendAudit(tx, ctx.actor, [{ action, entity, entityId, detail, ...digests }]);
}

/** Runs a write as one transaction. */
export function write<T>(ctx: KernelContext, fn: (tx: Tx) => Promise<T>): Promise<T> {
  return ctx.db.transaction(fn);
}

export const now = () => sql`now()`;
