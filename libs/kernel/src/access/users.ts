import { jsonValue, rows, type Queryable } from '@chengxin/db';
import { and, eq, sql } from 'drizzle-orm';
import type { z } from 'zod';
import { canDelegate, EVERYWHERE, scopeSql, type Scope } from './scope';
import { isPermissionPattern } from './permissions';
import type { grantInput, roleSaveInput, tokenCreateInput, userCreateInput, userUpdateInput } from '@chengxin/contract';
import {
  audit,
  write,
  type KernelContext,
  AppError,
  badInput,
  forbidden,
  notFound,
  newId,
  decodeOffset,
  encodeOffset,
} from '../core';
import { apiToken, appUser, role, session, userGrant } from './schema';
import { assertPasswordPolicy } from './password-policy';
import { GRANTS_JSON, hashPassword, newApiTokenSecret, pgArray, secretHash } from './auth';
import { getOrgPath } from '../registry';
import { SECURITY_POLICY } from './policy';

type GrantIn = z.infer<typeof grantInput>;

/** The role's entries, or a field error. */
async function roleEntries(db: Queryable, key: string, field: string): Promise<string[]> {
  const [r] = await db.select().from(role).where(eq(role.key, key));
  if (!r) throw badInput('ROLE_NOT_FOUND', field, `角色不存在：${key}`, `Role not found: ${key}`);
  return pgArray(r.permissions as unknown as string[])!;
}

/** No escalation: the caller must hold what they hand out, over the scope they hand it out for. */
async function assertDelegable(ctx: KernelContext, g: GrantIn, field: string): Promise<void> {
  const entries = await roleEntries(ctx.db, g.role, `${field}.role`);
  const path = g.scopeOrgId
    ? await getOrgPath(ctx.db, g.scopeOrgId).catch(() => {
        throw badInput('ORG_NOT_FOUND', `${field}.scopeOrgId`, '授权范围单位不存在', 'Scope org unit not found');
      })
    : null;
  if (!canDelegate(ctx.actor?.grants ?? [], entries, path, g.plugins ?? null)) {
    throw forbidden(
      'GRANT_ESCALATION',
      `不能授予超出本人权限或管辖范围的角色“${g.role}”`,
      `You cannot grant role ${g.role} beyond your own permissions or scope`,
      field,
    );
  }
}

/** The user's home body must be inside the caller's user-management scope (null = city level: city-wide admins only). */
async function assertUserHome(ctx: KernelContext, orgId: string | null, field: string): Promise<void> {
  if (ctx.scope.roots === null) return;
  const path = orgId ? await getOrgPath(ctx.db, orgId) : null;
  if (!path || !ctx.scope.roots.some((r) => path === r || path.startsWith(`${r}/`))) {
    throw forbidden('OUT_OF_SCOPE', '该单位不在您的管辖范围内', 'That body is outside your scope', field);
  }
}

/**
 * Managing a user (password, sessions, disabling, more grants) is taking over what they can do: allowed only to
 * someone who could have granted every grant that user holds.
 */
async function assertCanManageUser(ctx: KernelContext, userId: string): Promise<void> {
  const held = await rows<{
    role_key: string;
    permissions: string[] | string;
    path: string | null;
    plugins: string[] | string | null;
  }>(
    ctx.db,
    sql`
    select g.role_key, r.permissions, o.path, g.plugins from kernel.user_grant g join kernel.role r on r.key = g.role_key
    left join kernel.org_unit o on o.id = g.scope_org_id where g.user_id = ${userId}`,
  );
  for (const g of held) {
    if (!canDelegate(ctx.actor?.grants ?? [], pgArray(g.permissions)!, g.path, pgArray(g.plugins))) {
      throw forbidden(
        'USER_OUTRANKS',
        `该用户拥有超出您权限或管辖范围的授权（${g.role_key}），不能由您管理`,
        `The user holds a grant (${g.role_key}) beyond your own; you cannot manage them`,
        'id',
      );
    }
  }
}

export async function createUser(ctx: KernelContext, input: z.infer<typeof userCreateInput>) {
  await assertUserHome(ctx, input.orgId, 'orgId');
  for (const [i, g] of input.grants.entries()) await assertDelegable(ctx, g, `grants.${i}`);
  const id = newId();
  assertPasswordPolicy(input.password, input.username, 'password');
  const passwordHash = await hashPassword(input.password);
  await write(ctx, async (tx) => {
    const [dup] = await tx.select({ id: appUser.id }).from(appUser).where(eq(appUser.username, input.username));
    if (dup) throw new AppError('CONFLICT', 'USERNAME_TAKEN', '用户名已存在', 'Username already exists', 'username');
    await tx.insert(appUser).values({
      id,
      username: input.username,
      displayName: input.displayName,
      passwordHash,
      orgId: input.orgId,
      email: input.email ?? null,
    });
    for (const g of input.grants)
      await tx.insert(userGrant).values({
        id: newId(),
        userId: id,
        roleKey: g.role,
        scopeOrgId: g.scopeOrgId,
        plugins: g.plugins,
        createdBy: ctx.actor?.id ?? null,
      });
    await audit(tx, ctx, 'user.create', 'app_user', id, {
      username: input.username,
      orgId: input.orgId,
      grants: input.grants,
      email: input.email ? 'set' : null,
    });
  });
  return getUser(ctx.db, id);
}

export async function getUser(db: Queryable, id: string) {
  const [u] = await rows<{
    id: string;
    username: string;
    display_name: string;
    org_id: string | null;
    email: string | null;
    disabled: boolean;
    locked_until: string | null;
    grants: unknown;
  }>(
    db,
    sql`
    select u.id, u.username, u.display_name, u.org_id, u.email, u.disabled, to_json(u.locked_until)#>>'{}' as locked_until, ${GRANTS_JSON(sql`u.id`)} as grants
    from kernel.app_user u where u.id = ${id}`,
  );
  if (!u) throw notFound('user', '用户', id);
  return toUserOut(u);
}

type GrantJson = {
  id: string;
  role: string;
  permissions: string[];
  scopeOrgId: string | null;
  plugins: string[] | null;
};
function toUserOut(u: {
  id: string;
  username: string;
  display_name: string;
  org_id: string | null;
  email: string | null;
  disabled: boolean;
  locked_until: string | null;
  grants: unknown;
}) {
  const grants = jsonValue(u.grants) as GrantJson[];
  return {
    id: u.id,
    username: u.username,
    displayName: u.display_name,
    orgId: u.org_id,
    email: u.email,
    disabled: u.disabled,
    lockedUntil: u.locked_until,
    grants: grants.map((g) => ({ id: g.id, role: g.role, scopeOrgId: g.scopeOrgId, plugins: g.plugins })),
  };
}

/** Users whose home body is inside the caller's scope (city-level users only for city-wide administrators). */
export async function listUsers(
  db: Queryable,
  input: { q: string; limit: number; cursor?: string | undefined },
  scope: Scope = EVERYWHERE,
) {
  const offset = decodeOffset(input.cursor);
  const like = `%${input.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
  const list = await rows<Parameters<typeof toUserOut>[0]>(
    db,
    sql`
    select u.id, u.username, u.display_name, u.org_id, u.email, u.disabled, to_json(u.locked_until)#>>'{}' as locked_until, ${GRANTS_JSON(sql`u.id`)} as grants
    from kernel.app_user u left join kernel.org_unit o on o.id = u.org_id
    where (u.username like ${like} or u.display_name like ${like}) and ${scope.roots === null ? sql`true` : scopeSql(scope, sql`o.path`)}
    order by u.username limit ${input.limit + 1} offset ${offset}`,
  );
  return {
    items: list.slice(0, input.limit).map(toUserOut),
    nextCursor: list.length > input.limit ? encodeOffset(offset + input.limit) : null,
  };
}

export async function updateUser(ctx: KernelContext, input: z.infer<typeof userUpdateInput>) {
  await assertCanManageUser(ctx, input.id);
  if (input.orgId !== undefined) await assertUserHome(ctx, input.orgId, 'orgId');
  await write(ctx, async (tx) => {
    const set: Partial<typeof appUser.$inferInsert> = {};
    if (input.displayName !== undefined) set.displayName = input.displayName;
    if (input.orgId !== undefined) set.orgId = input.orgId;
    if (input.disabled !== undefined) set.disabled = input.disabled;
    if (input.email !== undefined) set.email = input.email;
    if (input.unlock) Object.assign(set, { failedLogins: 0, lockedUntil: null });
    if (Object.keys(set).length) await tx.update(appUser).set(set).where(eq(appUser.id, input.id));
    if (input.disabled)
      await tx
        .update(session)
        .set({ revokedAt: sql`now()` })
        .where(and(eq(session.userId, input.id), sql`${session.revokedAt} is null`));
    await audit(tx, ctx, 'user.update', 'app_user', input.id, {
      ...input,
      id: undefined,
      email: input.email === undefined ? undefined : input.email ? 'changed' : 'removed',
    });
  });
  return getUser(ctx.db, input.id);
}

/** An administrator sets a new password (e.g. the user forgot theirs): every session of that user ends. */
export async function resetPassword(ctx: KernelContext, userId: string, password: string) {
  await assertCanManageUser(ctx, userId);
  const [target] = await ctx.db.select({ username: appUser.username }).from(appUser).where(eq(appUser.id, userId));
  assertPasswordPolicy(password, target?.username ?? null, 'password');
  const passwordHash = await hashPassword(password);
  await write(ctx, async (tx) => {
    await tx
      .update(appUser)
      .set({ passwordHash, passwordChangedAt: sql`now()`, failedLogins: 0, lockedUntil: null })
      .where(eq(appUser.id, userId));
    await tx
      .update(session)
      .set({ revokedAt: sql`now()` })
      .where(and(eq(session.userId, userId), sql`${session.revokedAt} is null`));
    await audit(tx, ctx, 'user.reset_password', 'app_user', userId, {});
  });
  return { ok: true as const };
}

export async function revokeSessions(ctx: KernelContext, userId: string) {
  await assertCanManageUser(ctx, userId);
  return write(ctx, async (tx) => {
    const ended = await tx
      .update(session)
      .set({ revokedAt: sql`now()` })
      .where(and(eq(session.userId, userId), sql`${session.revokedAt} is null`))
      .returning({ id: session.id });
    await audit(tx, ctx, 'user.revoke_sessions', 'app_user', userId, { sessions: ended.length });
    return { revoked: ended.length };
  });
}

export async function addGrant(ctx: KernelContext, userId: string, g: GrantIn) {
  await assertCanManageUser(ctx, userId);
  await assertDelegable(ctx, g, 'grant');
  await write(ctx, async (tx) => {
    const id = newId();
    await tx.insert(userGrant).values({
      id,
      userId,
      roleKey: g.role,
      scopeOrgId: g.scopeOrgId,
      plugins: g.plugins,
      createdBy: ctx.actor?.id ?? null,
    });
    await audit(tx, ctx, 'user.grant', 'app_user', userId, { grantId: id, ...g });
  });
  return getUser(ctx.db, userId);
}

export async function revokeGrant(ctx: KernelContext, grantId: string) {
  const [g] = await ctx.db.select().from(userGrant).where(eq(userGrant.id, grantId));
  if (!g) throw notFound('grant', '授权', grantId);
  await assertDelegable(
    ctx,
    { role: g.roleKey, scopeOrgId: g.scopeOrgId, plugins: pgArray(g.plugins as unknown as string[]) },
    'grantId',
  );
  await write(ctx, async (tx) => {
    await tx.delete(userGrant).where(eq(userGrant.id, grantId));
    await audit(tx, ctx, 'user.revoke_grant', 'app_user', g.userId, {
      grantId,
      role: g.roleKey,
      scopeOrgId: g.scopeOrgId,
      plugins: g.plugins,
    });
  });
  return getUser(ctx.db, g.userId);
}

export async function listRoles(db: Queryable) {
  const list = await db.select().from(role).orderBy(role.builtin, role.key);
  return list.map((r) => ({
    key: r.key,
    nameZh: r.nameZh,
    nameEn: r.nameEn,
    permissions: pgArray(r.permissions as unknown as string[])!,
    builtin: r.builtin,
  }));
}

/** Creates or changes a custom role; built-in roles follow the code and cannot be edited. */
export async function saveRole(ctx: KernelContext, input: z.infer<typeof roleSaveInput>) {
  input.permissions.forEach((p, i) => {
    if (!isPermissionPattern(p))
      throw badInput('PERMISSION_UNKNOWN', `permissions.${i}`, `未知的权限“${p}”`, `Unknown permission ${p}`);
  });
  await write(ctx, async (tx) => {
    const [existing] = await tx.select().from(role).where(eq(role.key, input.key));
    if (existing?.builtin)
      throw new AppError('CONFLICT', 'ROLE_BUILTIN', '内置角色不能修改', 'Built-in roles cannot be changed', 'key');
    if (existing)
      await tx
        .update(role)
        .set({ nameZh: input.nameZh, nameEn: input.nameEn, permissions: input.permissions })
        .where(eq(role.key, input.key));
    else
      await tx
        .insert(role)
        .values({ key: input.key, nameZh: input.nameZh, nameEn: input.nameEn, permissions: input.permissions });
    await audit(tx, ctx, existing ? 'role.update' : 'role.create', 'role', input.key, {
      permissions: input.permissions,
      before: existing ? pgArray(existing.permissions as unknown as string[]) : null,
    });
  });
  return (await listRoles(ctx.db)).find((r) => r.key === input.key)!;
}

/** Built-in roles are kept in step with the code at every start (custom roles are left alone). */
export async function syncBuiltinRoles(
  db: Queryable,
  roles: Record<string, { zh: string; en: string; permissions: readonly string[] }>,
): Promise<void> {
  for (const [key, r] of Object.entries(roles)) {
    await db.execute(sql`insert into kernel.role (key, name_zh, name_en, permissions, builtin) values (${key}, ${r.zh}, ${r.en}, ${sql.param([...r.permissions])}::text[], true)
      on conflict (key) do update set name_zh = excluded.name_zh, name_en = excluded.name_en, permissions = excluded.permissions, builtin = true`);
  }
}

// ---- integrator tokens -------------------------------------------------------------------------------------------

/** Creates a token for a named external system. The secret is returned once; only its hash is kept. */
export async function createApiToken(ctx: KernelContext, input: z.infer<typeof tokenCreateInput>) {
  await assertDelegable(ctx, { role: input.role, scopeOrgId: input.scopeOrgId, plugins: input.plugins }, 'role');
  const maxEnd = Date.now() + SECURITY_POLICY.tokenMaxDays * 86_400_000;
  if (Date.parse(input.expiresAt) > maxEnd || Date.parse(input.expiresAt) <= Date.now()) {
    throw badInput(
      'TOKEN_EXPIRY_INVALID',
      'expiresAt',
      `有效期须在今后${SECURITY_POLICY.tokenMaxDays}天之内`,
      `expiresAt must be in the future and within ${SECURITY_POLICY.tokenMaxDays} days`,
    );
  }
  const token = newApiTokenSecret();
  const id = newId();
  await write(ctx, async (tx) => {
    await tx.insert(apiToken).values({
      id,
      name: input.name,
      prefix: token.slice(0, 12),
      tokenHash: secretHash(token),
      roleKey: input.role,
      scopeOrgId: input.scopeOrgId,
      plugins: input.plugins,
      ratePerMinute: input.ratePerMinute ?? SECURITY_POLICY.tokenRatePerMinute,
      expiresAt: new Date(input.expiresAt).toISOString(),
      createdBy: ctx.actor?.id ?? null,
    });
    await audit(tx, ctx, 'token.create', 'api_token', id, {
      name: input.name,
      role: input.role,
      scopeOrgId: input.scopeOrgId,
      plugins: input.plugins,
      expiresAt: input.expiresAt,
    });
  });
  return { token, info: (await listApiTokens(ctx.db, EVERYWHERE, id))[0]! };
}

export async function listApiTokens(db: Queryable, scope: Scope = EVERYWHERE, id?: string) {
  const list = await rows<{
    id: string;
    name: string;
    prefix: string;
    role_key: string;
    scope_org_id: string | null;
    plugins: string[] | string | null;
    rate_per_minute: number;
    expires_at: string;
    revoked_at: string | null;
    last_used_at: string | null;
    created_at: string;
  }>(
    db,
    sql`
    select k.id, k.name, k.prefix, k.role_key, k.scope_org_id, k.plugins, k.rate_per_minute, to_json(k.expires_at)#>>'{}' as expires_at,
      to_json(k.revoked_at)#>>'{}' as revoked_at, to_json(k.last_used_at)#>>'{}' as last_used_at, to_json(k.created_at)#>>'{}' as created_at
    from kernel.api_token k left join kernel.org_unit o on o.id = k.scope_org_id
    where ${id ? sql`k.id = ${id}` : sql`true`} and ${scope.roots === null ? sql`true` : scopeSql(scope, sql`o.path`)}
    order by k.created_at desc limit 500`,
  );
  return list.map((k) => ({
    id: k.id,
    name: k.name,
    prefix: k.prefix,
    role: k.role_key,
    scopeOrgId: k.scope_org_id,
    plugins: pgArray(k.plugins),
    ratePerMinute: Number(k.rate_per_minute),
    expiresAt: k.expires_at,
    revokedAt: k.revoked_at,
    lastUsedAt: k.last_used_at,
    createdAt: k.created_at,
  }));
}

export async function revokeApiToken(ctx: KernelContext, id: string) {
  await write(ctx, async (tx) => {
    const done = await tx
      .update(apiToken)
      .set({ revokedAt: sql`now()` })
      .where(and(eq(apiToken.id, id), sql`${apiToken.revokedAt} is null`))
      .returning({ id: apiToken.id });
    if (!done.length) throw notFound('token', '接口令牌', id);
    await audit(tx, ctx, 'token.revoke', 'api_token', id, {});
  });
  return (await listApiTokens(ctx.db, EVERYWHERE, id))[0]!;
}
