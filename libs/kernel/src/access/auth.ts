import { createHash, randomBytes } from 'node:crypto';
import { hash, verify } from '@node-rs/argon2';
import { rows, type Queryable } from '@chengxin/db';
import { eq, sql } from 'drizzle-orm';
import type { Grant } from './scope';
import { SECURITY_POLICY } from './policy';
import { audit, write, type Actor, type KernelContext, AppError, badInput, tooManyRequests, newId } from '../core';
import { appUser, session } from './schema';
import { assertPasswordPolicy, mustChangePassword, passwordProblem } from './password-policy';

/** argon2id with the library's defaults (memory-hard; ~20 ms on this machine). */
export const hashPassword = (password: string) => hash(password, { algorithm: 2 });

// Verifying against a real hash for unknown users keeps the response time the same: no username probing by timing.
let dummyHash: Promise<string> | null = null;

export const secretHash = (token: string) => createHash('sha256').update(token).digest('base64url');
const newSecret = () => randomBytes(32).toString('base64url');

export type SignedInActor = Actor & { displayName: string };

export interface LoginResult {
  token: string;
  /** Sent back by the browser in the X-CSRF-Token header on every cookie-authenticated mutation. */
  csrfToken: string;
  user: SignedInActor;
  expiresAt: string;
}

/**
 * Password login with throttling: after `maxFailedLogins` consecutive wrong passwords the account is locked for
 * `lockMinutes` (each failure and the lock are audited); unknown users cost the same time as known ones.
 */
export async function login(
  ctx: KernelContext,
  username: string,
  password: string,
  newPassword?: string,
): Promise<LoginResult> {
  const [user] = await ctx.db.select().from(appUser).where(eq(appUser.username, username));
  // No account lock: an outsider could lock the owner out and learn which names exist. Throttling is per address and
  // name (access/login-guard.ts, in the login procedure); failures here are only counted and audited.
  dummyHash ??= hashPassword('chengxin-timing-equaliser');
  const ok = await verify(user?.passwordHash ?? (await dummyHash), password).catch(() => false);
  if (!user || !ok || user.disabled) {
    if (user && !user.disabled) {
      const self = { ...ctx, actor: null };
      // Counted in the database (the owner and an administrator see the attempts), never locking.
      await write(self, async (tx) => {
        const [counted] = await rows<{ failures: number }>(
          tx,
          sql`update kernel.app_user set failed_logins = failed_logins + 1 where id = ${user.id} returning failed_logins as failures`,
        );
        await audit(tx, self, 'auth.login_failed', 'app_user', user.id, { failures: Number(counted!.failures) });
      });
    }
    throw new AppError('UNAUTHORIZED', 'LOGIN_FAILED', '用户名或密码错误', 'Wrong username or password', 'password');
  }
  // The demo password outside demo mode, or a password the policy now refuses (ten spaces), must be replaced first.
  const replace = mustChangePassword(password) || passwordProblem(password, user.username) !== null;
  if (replace && !newPassword) {
    throw new AppError(
      'FORBIDDEN',
      'PASSWORD_CHANGE_REQUIRED',
      '请先设置新密码：当前密码为演示密码或不符合密码规则',
      'Set a new password first: the current one is the demo password or breaks the password policy',
      'newPassword',
    );
  }
  if (replace) {
    assertPasswordPolicy(newPassword!, user.username, 'newPassword');
    if (newPassword!.trim() === password.trim())
      throw badInput(
        'PASSWORD_UNCHANGED',
        'newPassword',
        '新密码不能与当前密码相同',
        'The new password must differ from the current one',
      );
    const passwordHash = await hashPassword(newPassword!);
    const self = {
      ...ctx,
      actor: { id: user.id, username: user.username, kind: 'user' as const, orgId: user.orgId, grants: [] },
    };
    await write(self, async (tx) => {
      await tx
        .update(appUser)
        .set({ passwordHash, passwordChangedAt: sql`now()` })
        .where(eq(appUser.id, user.id));
      await tx.execute(
        sql`update kernel.session set revoked_at = now() where user_id = ${user.id} and revoked_at is null`,
      );
      await audit(tx, self, 'auth.change_password', 'app_user', user.id, { atLogin: true });
    });
  }
  const token = newSecret();
  const csrfToken = newSecret();
  const expiresAt = new Date(Date.now() + SECURITY_POLICY.sessionHours * 3600_000).toISOString();
  const actorBase = { id: user.id, username: user.username, kind: 'user' as const, orgId: user.orgId, grants: [] };
  await write({ ...ctx, actor: actorBase }, async (tx) => {
    await tx.insert(session).values({
      id: newId(),
      tokenHash: secretHash(token),
      csrfHash: secretHash(csrfToken),
      userId: user.id,
      expiresAt,
    });
    if (user.failedLogins > 0 || user.lockedUntil)
      await tx.update(appUser).set({ failedLogins: 0, lockedUntil: null }).where(eq(appUser.id, user.id));
    await audit(tx, { ...ctx, actor: actorBase }, 'auth.login', 'app_user', user.id, {});
  });
  const signedIn = await actorForSession(ctx.db, token);
  return { token, csrfToken, user: signedIn!.actor, expiresAt };
}

/** The same answer whether the name exists or not: this address may not try this name for a while. */
export const loginThrottled = (seconds: number) =>
  tooManyRequests(
    'LOGIN_THROTTLED',
    `该地址登录失败次数过多，请${Math.ceil(seconds / 60)}分钟后再试（可从其他设备登录）`,
    `Too many failed logins from this address; retry in ${Math.ceil(seconds / 60)} minute(s)`,
    seconds,
    'username',
  );

export async function logout(ctx: KernelContext, token: string): Promise<void> {
  await write(ctx, async (tx) => {
    await tx
      .update(session)
      .set({ revokedAt: sql`now()` })
      .where(eq(session.tokenHash, secretHash(token)));
    await audit(tx, ctx, 'auth.logout', 'app_user', ctx.actor?.id ?? 'unknown', {});
  });
}

export async function changePassword(
  ctx: KernelContext,
  currentPassword: string,
  newPassword: string,
  keepToken: string | null,
): Promise<void> {
  const me = ctx.actor!;
  const [user] = await ctx.db.select().from(appUser).where(eq(appUser.id, me.id));
  if (!user || !(await verify(user.passwordHash, currentPassword).catch(() => false))) {
    throw badInput('PASSWORD_WRONG', 'currentPassword', '当前密码不正确', 'The current password is wrong');
  }
  assertPasswordPolicy(newPassword, user.username, 'newPassword');
  if (newPassword.trim() === currentPassword.trim())
    throw badInput(
      'PASSWORD_UNCHANGED',
      'newPassword',
      '新密码不能与当前密码相同',
      'The new password must differ from the current one',
    );
  const passwordHash = await hashPassword(newPassword);
  await write(ctx, async (tx) => {
    await tx
      .update(appUser)
      .set({ passwordHash, passwordChangedAt: sql`now()` })
      .where(eq(appUser.id, me.id));
    // Every other session ends: whoever knew the old password is out.
    await tx.execute(sql`update kernel.session set revoked_at = now() where user_id = ${me.id} and revoked_at is null
      and token_hash <> ${keepToken ? secretHash(keepToken) : ''}`);
    await audit(tx, ctx, 'auth.change_password', 'app_user', me.id, {});
  });
}

type GrantRow = {
  id: string;
  role: string;
  permissions: string[];
  scopeOrgId: string | null;
  scopePath: string | null;
  plugins: string[] | null;
};
/** A text[] column as an array, whichever driver returned it (PGlite may give the literal `{a,b}`). */
export const pgArray = (v: string[] | string | null): string[] | null =>
  v === null
    ? null
    : Array.isArray(v)
      ? v
      : v === '{}'
        ? []
        : v
            .replace(/^{|}$/g, '')
            .split(',')
            .map((x) => x.replace(/^"|"$/g, ''));
const parseJson = <T>(v: T | string): T => (typeof v === 'string' ? (JSON.parse(v) as T) : v);
const toGrant = (g: GrantRow): Grant => ({
  id: g.id,
  role: g.role,
  permissions: g.permissions,
  scopeOrgId: g.scopeOrgId,
  scopePath: g.scopePath,
  plugins: g.plugins,
});

/** A user's grants with their roles' permissions and scope paths, as one JSON column. */
export const GRANTS_JSON = (
  userId: ReturnType<typeof sql>,
) => sql`coalesce((select json_agg(json_build_object('id', g.id, 'role', g.role_key, 'permissions', r.permissions,
    'scopeOrgId', g.scope_org_id, 'scopePath', o.path, 'plugins', g.plugins) order by g.created_at)
  from kernel.user_grant g join kernel.role r on r.key = g.role_key left join kernel.org_unit o on o.id = g.scope_org_id where g.user_id = ${userId}), '[]')`;

/**
 * The acting user behind a session token, with the session's CSRF hash, or null when the token is unknown, expired,
 * idle too long or revoked, or the user is disabled. Touches the session at most once a minute.
 */
export async function actorForSession(
  db: Queryable,
  token: string,
): Promise<{ actor: SignedInActor; csrfHash: string | null } | null> {
  const [row] = await rows<{
    session_id: string;
    id: string;
    username: string;
    display_name: string;
    org_id: string | null;
    csrf_hash: string | null;
    stale: boolean;
    grants: GrantRow[] | string;
  }>(
    db,
    sql`
    select s.id as session_id, u.id, u.username, u.display_name, u.org_id, s.csrf_hash, s.last_seen_at < now() - interval '1 minute' as stale,
      ${GRANTS_JSON(sql`u.id`)} as grants
    from kernel.session s join kernel.app_user u on u.id = s.user_id
    where s.token_hash = ${secretHash(token)} and s.revoked_at is null and s.expires_at > now()
      and s.last_seen_at > now() - make_interval(mins => ${SECURITY_POLICY.idleMinutes}) and not u.disabled`,
  );
  if (!row) return null;
  if (row.stale) await db.execute(sql`update kernel.session set last_seen_at = now() where id = ${row.session_id}`);
  return {
    actor: {
      id: row.id,
      username: row.username,
      displayName: row.display_name,
      kind: 'user',
      orgId: row.org_id,
      grants: parseJson(row.grants).map(toGrant),
    },
    csrfHash: row.csrf_hash,
  };
}

export const API_TOKEN_PREFIX = 'cxt_';

/** The integrator behind an API token, or null when unknown, expired or revoked. */
export async function actorForApiToken(db: Queryable, token: string): Promise<SignedInActor | null> {
  const [row] = await rows<{
    id: string;
    name: string;
    role_key: string;
    permissions: string[];
    scope_org_id: string | null;
    scope_path: string | null;
    plugins: string[] | null;
    rate_per_minute: number;
    stale: boolean;
  }>(
    db,
    sql`
    select k.id, k.name, k.role_key, r.permissions, k.scope_org_id, o.path as scope_path, k.plugins, k.rate_per_minute,
      (k.last_used_at is null or k.last_used_at < now() - interval '1 minute') as stale
    from kernel.api_token k join kernel.role r on r.key = k.role_key left join kernel.org_unit o on o.id = k.scope_org_id
    where k.token_hash = ${secretHash(token)} and k.revoked_at is null and k.expires_at > now()`,
  );
  if (!row) return null;
  if (row.stale) await db.execute(sql`update kernel.api_token set last_used_at = now() where id = ${row.id}`);
  return {
    id: row.id,
    username: `token:${row.name}`,
    displayName: row.name,
    kind: 'token',
    orgId: row.scope_org_id,
    ratePerMinute: Number(row.rate_per_minute),
    grants: [
      {
        role: row.role_key,
        permissions: pgArray(row.permissions)!,
        scopeOrgId: row.scope_org_id,
        scopePath: row.scope_path,
        plugins: pgArray(row.plugins),
      },
    ],
  };
}

/** Whoever a bearer or cookie token belongs to. */
export async function actorForToken(db: Queryable, token: string): Promise<SignedInActor | null> {
  return token.startsWith(API_TOKEN_PREFIX)
    ? actorForApiToken(db, token)
    : ((await actorForSession(db, token))?.actor ?? null);
}

export const newApiTokenSecret = () => `${API_TOKEN_PREFIX}${newSecret()}`;
