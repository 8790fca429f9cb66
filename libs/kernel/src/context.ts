import type { Db, Tx } from '@chengxin/db';
import { sql } from 'drizzle-orm';
import { today } from './dates';
import type { Role } from './labels';
import { auditLog } from './schema';
import type { Secrets } from './secrets';

/** Who is acting. Every write records it. */
export interface Actor {
  id: string;
  username: string;
  roles: Role[];
  /** Root of the org subtree the actor works in; null = the whole city. */
  orgId: string | null;
}

/** What a kernel service needs: the database, the keys, the acting user and the calendar. */
export interface KernelContext {
  db: Db;
  secrets: Secrets;
  actor: Actor | null;
  today: () => string;
}

export function kernelContext(db: Db, secrets: Secrets, actor: Actor | null = null): KernelContext {
  return { db, secrets, actor, today };
}

/** Appends to the audit log inside the caller's transaction, so the write and its audit entry commit together. */
export async function audit(tx: Tx, ctx: KernelContext, action: string, entity: string, entityId: string, detail: Record<string, unknown> = {}): Promise<void> {
  await tx.insert(auditLog).values({ actorId: ctx.actor?.id ?? null, action, entity, entityId, detail });
}

/** Runs a write as one transaction. */
export function write<T>(ctx: KernelContext, fn: (tx: Tx) => Promise<T>): Promise<T> {
  return ctx.db.transaction(fn);
}

export const now = () => sql`now()`;
