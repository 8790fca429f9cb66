import { createHash, randomBytes } from 'node:crypto';
import { hash, verify } from '@node-rs/argon2';
import { rows, type Queryable } from '@chengxin/db';
import { eq, sql } from 'drizzle-orm';
import type { z } from 'zod';
import type { userCreateInput } from '../contract';
import { audit, write, type Actor, type KernelContext } from '../context';
import { AppError } from '../errors';
import { newId } from '../ids';
import type { Role } from '../labels';
import { appUser, session } from '../schema';

/** argon2id with the library's defaults (memory-hard; ~20 ms on this machine). */
export const hashPassword = (password: string) => hash(password, { algorithm: 2 });

// Verifying against a real hash for unknown users keeps the response time the same: no username probing by timing.
let dummyHash: Promise<string> | null = null;

export const SESSION_HOURS = 8;

const tokenHash = (token: string) => createHash('sha256').update(token).digest('base64url');

export async function createUser(ctx: KernelContext, input: z.infer<typeof userCreateInput>) {
  const id = newId();
  const passwordHash = await hashPassword(input.password);
  await write(ctx, async (tx) => {
    const [dup] = await tx.select({ id: appUser.id }).from(appUser).where(eq(appUser.username, input.username));
    if (dup) throw new AppError('CONFLICT', 'USERNAME_TAKEN', '用户名已存在', 'Username already exists', 'username');
    await tx.insert(appUser).values({ id, username: input.username, displayName: input.displayName, passwordHash, roles: input.roles, orgId: input.orgId });
    await audit(tx, ctx, 'user.create', 'app_user', id, { username: input.username, roles: input.roles });
  });
  return { id, username: input.username, displayName: input.displayName, roles: input.roles, orgId: input.orgId };
}

export async function login(ctx: KernelContext, username: string, password: string): Promise<{ token: string; user: Actor & { displayName: string }; expiresAt: string }> {
  const [user] = await ctx.db.select().from(appUser).where(eq(appUser.username, username));
  dummyHash ??= hashPassword('chengxin-timing-equaliser');
  const ok = await verify(user?.passwordHash ?? (await dummyHash), password).catch(() => false);
  if (!user || !ok || user.disabled) {
    throw new AppError('UNAUTHORIZED', 'LOGIN_FAILED', '用户名或密码错误', 'Wrong username or password', 'password');
  }
  const token = randomBytes(32).toString('base64url');
  const expiresAt = new Date(Date.now() + SESSION_HOURS * 3600_000).toISOString();
  const actor: Actor = { id: user.id, username: user.username, roles: user.roles as Role[], orgId: user.orgId };
  await write({ ...ctx, actor }, async (tx) => {
    await tx.insert(session).values({ id: newId(), tokenHash: tokenHash(token), userId: user.id, expiresAt });
    await audit(tx, { ...ctx, actor }, 'auth.login', 'app_user', user.id, {});
  });
  return { token, user: { ...actor, displayName: user.displayName }, expiresAt };
}

export async function logout(ctx: KernelContext, token: string): Promise<void> {
  await write(ctx, async (tx) => {
    await tx.update(session).set({ revokedAt: sql`now()` }).where(eq(session.tokenHash, tokenHash(token)));
    await audit(tx, ctx, 'auth.logout', 'app_user', ctx.actor?.id ?? 'unknown', {});
  });
}

/** The acting user behind a session token, or null when the token is unknown, expired or revoked. */
export async function actorForToken(db: Queryable, token: string): Promise<(Actor & { displayName: string }) | null> {
  const [row] = await rows<{ id: string; username: string; display_name: string; roles: string[] | string; org_id: string | null }>(db, sql`
    select u.id, u.username, u.display_name, u.roles, u.org_id from kernel.session s join kernel.app_user u on u.id = s.user_id
    where s.token_hash = ${tokenHash(token)} and s.revoked_at is null and s.expires_at > now() and not u.disabled`);
  if (!row) return null;
  const roles = (Array.isArray(row.roles) ? row.roles : String(row.roles).replace(/[{}]/g, '').split(',')) as Role[];
  return { id: row.id, username: row.username, displayName: row.display_name, roles, orgId: row.org_id };
}
