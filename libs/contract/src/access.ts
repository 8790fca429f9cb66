import { z } from 'zod';
import { bilingual, id, pageInput, text } from './common';

/** Identity and access: login, users, grants, roles, API tokens. */
export const loginInput = z.object({
  username: text(100),
  password: z.string().min(1).max(200),
  /** Required when the password must be replaced first (the demo password outside demo mode, or one the policy now refuses). */
  newPassword: z.string().min(1).max(200).optional(),
});
export const roleKey = z
  .string()
  .trim()
  .regex(
    /^[a-z][a-z0-9_.-]{1,39}$/,
    bilingual('角色标识应为2–40位小写字母、数字或._-', 'role key: 2–40 of a-z 0-9 . _ -'),
  );
export const pluginsField = z
  .array(z.string().regex(/^[a-z][a-z0-9-]{1,39}$/))
  .min(1)
  .max(20)
  .nullable()
  .default(null);
export const grantInput = z.object({ role: roleKey, scopeOrgId: id.nullable().default(null), plugins: pluginsField });
export const grantOut = z.object({
  id: z.string(),
  role: z.string(),
  scopeOrgId: id.nullable(),
  plugins: z.array(z.string()).nullable(),
});
export const userOut = z.object({
  id,
  username: z.string(),
  displayName: z.string(),
  orgId: id.nullable(),
  email: z.string().nullable(),
  disabled: z.boolean(),
  lockedUntil: z.string().nullable(),
  grants: z.array(grantOut),
});
export const meOut = z.object({
  id: z.string(),
  username: z.string(),
  displayName: z.string(),
  kind: z.enum(['user', 'token', 'system']),
  orgId: id.nullable(),
  grants: z.array(
    z.object({
      role: z.string(),
      permissions: z.array(z.string()),
      scopeOrgId: id.nullable(),
      plugins: z.array(z.string()).nullable(),
    }),
  ),
});
export const password = z
  .string()
  .min(10, bilingual('密码至少10位', 'password must have at least 10 characters'))
  .max(200);
export const userCreateInput = z.object({
  username: z
    .string()
    .trim()
    .regex(/^[a-z0-9_.-]{3,40}$/, bilingual('用户名应为3–40位小写字母、数字或._-', 'username: 3–40 of a-z 0-9 . _ -')),
  displayName: text(50),
  password,
  orgId: id.nullable().default(null),
  email: z.email().max(200).optional(),
  grants: z.array(grantInput).max(20).default([]),
});
export const userUpdateInput = z.object({
  id,
  displayName: text(50).optional(),
  orgId: id.nullable().optional(),
  email: z.email().max(200).nullable().optional(),
  disabled: z.boolean().optional(),
  unlock: z.boolean().optional(),
});
export const passwordChangeInput = z.object({ currentPassword: z.string().min(1).max(200), newPassword: password });
export const roleSaveInput = z.object({
  key: roleKey,
  nameZh: text(50),
  nameEn: text(80),
  permissions: z.array(z.string().max(100)).min(1).max(200),
});
export const roleOut = z.object({
  key: z.string(),
  nameZh: z.string(),
  nameEn: z.string(),
  permissions: z.array(z.string()),
  builtin: z.boolean(),
});
export const tokenCreateInput = z.object({
  name: text(100),
  role: roleKey,
  scopeOrgId: id.nullable().default(null),
  plugins: pluginsField,
  expiresAt: z.iso.datetime({ offset: true }),
  ratePerMinute: z.number().int().min(1).max(100_000).optional(),
});
export const tokenOut = z.object({
  id,
  name: z.string(),
  prefix: z.string(),
  role: z.string(),
  scopeOrgId: id.nullable(),
  plugins: z.array(z.string()).nullable(),
  ratePerMinute: z.number(),
  expiresAt: z.string(),
  revokedAt: z.string().nullable(),
  lastUsedAt: z.string().nullable(),
  createdAt: z.string(),
});

// ---- procedure inputs and outputs (named for the procedure they belong to) ----
export const authLoginOutput = z.object({ user: meOut, expiresAt: z.string(), csrfToken: z.string() });
export const authLogoutInput = z.void();
export const authMeInput = z.void();
export const usersListInput = pageInput.extend({ q: z.string().trim().max(50).default('') });
export const usersGetInput = z.object({ id: id });
export const usersResetPasswordInput = z.object({ id: id, password: userCreateInput.shape.password });
export const usersRevokeSessionsInput = z.object({ id: id });
export const usersRevokeSessionsOutput = z.object({ revoked: z.number() });
export const usersGrantInput = z.object({ userId: id, grant: grantInput });
export const usersRevokeGrantInput = z.object({ grantId: id });
export const rolesListInput = z.void();
export const rolesListOutput = z.array(roleOut);
export const rolesPermissionsInput = z.void();
export const rolesPermissionsOutput = z.array(z.object({ name: z.string(), zh: z.string(), en: z.string() }));
export const tokensListInput = z.void();
export const tokensListOutput = z.array(tokenOut);
export const tokensCreateOutput = z.object({ token: z.string(), info: tokenOut });
export const tokensRevokeInput = z.object({ id: id });
