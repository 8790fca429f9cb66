import { permissionCatalogue } from './permissions';
import { SECURITY_POLICY } from './policy';
import { loginGuardFor } from './login-guard';
import { changePassword, login, loginThrottled, logout } from './auth';
import * as c from '@chengxin/contract';
import { serviceContext, AppError, tooManyRequests, procedure, refs, router } from '../core';
import {
  addGrant,
  createApiToken,
  createUser,
  getUser,
  listApiTokens,
  listRoles,
  listUsers,
  resetPassword,
  revokeApiToken,
  revokeGrant,
  revokeSessions,
  saveRole,
  updateUser,
} from './users';

const k = serviceContext;

export const authRouter = router({
  login: procedure
    .meta({ permission: 'public', scope: 'global', summary: '登录' })
    .input(c.loginInput)
    .output(c.authLoginOutput)
    .mutation(async ({ ctx, input }) => {
      const take = await ctx.limiter.take(`login:${ctx.clientIp}`, SECURITY_POLICY.loginPerIpPerMinute);
      if (!take.ok)
        throw tooManyRequests(
          'LOGIN_THROTTLED',
          `登录尝试过于频繁，请${take.retryAfterSeconds}秒后再试`,
          `Too many login attempts; retry after ${take.retryAfterSeconds} s`,
          take.retryAfterSeconds,
          'username',
        );
      const guard = loginGuardFor(ctx.limiter);
      const wait = await guard.blockedFor(ctx.clientIp, input.username);
      if (wait > 0) throw loginThrottled(wait);
      const result = await login(k(ctx), input.username, input.password, input.newPassword).catch(
        async (e: unknown) => {
          if (e instanceof AppError && e.appCode === 'LOGIN_FAILED') await guard.fail(ctx.clientIp, input.username);
          throw e;
        },
      );
      await guard.succeed(ctx.clientIp, input.username);
      ctx.http.setSessionCookie(result.token, result.csrfToken, result.expiresAt);
      return { user: result.user, expiresAt: result.expiresAt, csrfToken: result.csrfToken };
    }),
  logout: procedure
    .meta({ permission: 'authenticated', scope: 'global', summary: '退出登录' })
    .input(c.authLogoutInput)
    .output(c.okOut)
    .mutation(async ({ ctx }) => {
      if (ctx.auth.via === 'cookie' && ctx.auth.token) await logout(k(ctx), ctx.auth.token);
      ctx.http.clearSessionCookie();
      return { ok: true as const };
    }),
  me: procedure
    .meta({ permission: 'public', scope: 'global', summary: '当前用户及其授权' })
    .input(c.authMeInput)
    .output(c.meOut.nullable())
    .query(({ ctx }) => ctx.actor),
  changePassword: procedure
    .meta({ permission: 'authenticated', scope: 'global', summary: '修改本人密码（其他会话随之失效）' })
    .input(c.passwordChangeInput)
    .output(c.okOut)
    .mutation(async ({ ctx, input }) => {
      if (ctx.actor?.kind !== 'user')
        throw new AppError('BAD_REQUEST', 'NOT_A_USER', '接口令牌没有密码', 'API tokens have no password');
      await changePassword(
        k(ctx),
        input.currentPassword,
        input.newPassword,
        ctx.auth.via === 'cookie' ? ctx.auth.token : null,
      );
      return { ok: true as const };
    }),
});

export const usersRouter = router({
  list: procedure
    .meta({ permission: 'kernel.users.manage', scope: 'list', summary: '用户列表（本人管辖范围内）' })
    .input(c.usersListInput)
    .output(c.page(c.userOut))
    .query(({ ctx, input }) => listUsers(ctx.db, input, ctx.scope)),
  get: procedure
    .meta({
      permission: 'kernel.users.manage',
      scope: 'subject',
      subjects: (i) => refs(['user', i?.id]),
      summary: '用户详情',
    })
    .input(c.usersGetInput)
    .output(c.userOut)
    .query(({ ctx, input }) => getUser(ctx.db, input.id)),
  create: procedure
    .meta({
      permission: 'kernel.users.manage',
      scope: 'subject',
      subjects: (i) => refs(['org', i?.orgId]),
      summary: '新建用户并授权',
    })
    .input(c.userCreateInput)
    .output(c.userOut)
    .mutation(({ ctx, input }) => createUser(k(ctx), input)),
  update: procedure
    .meta({
      permission: 'kernel.users.manage',
      scope: 'subject',
      subjects: (i) => refs(['user', i?.id], ['org', i?.orgId]),
      summary: '修改用户（姓名、单位、停用、解锁）',
    })
    .input(c.userUpdateInput)
    .output(c.userOut)
    .mutation(({ ctx, input }) => updateUser(k(ctx), input)),
  resetPassword: procedure
    .meta({
      permission: 'kernel.users.manage',
      scope: 'subject',
      subjects: (i) => refs(['user', i?.id]),
      summary: '重置密码（该用户所有会话失效）',
    })
    .input(c.usersResetPasswordInput)
    .output(c.okOut)
    .mutation(({ ctx, input }) => resetPassword(k(ctx), input.id, input.password)),
  revokeSessions: procedure
    .meta({
      permission: 'kernel.users.manage',
      scope: 'subject',
      subjects: (i) => refs(['user', i?.id]),
      summary: '强制下线',
    })
    .input(c.usersRevokeSessionsInput)
    .output(c.usersRevokeSessionsOutput)
    .mutation(({ ctx, input }) => revokeSessions(k(ctx), input.id)),
  grant: procedure
    .meta({
      permission: 'kernel.users.manage',
      scope: 'subject',
      subjects: (i) => refs(['user', i?.userId], ['org', i?.grant?.scopeOrgId]),
      summary: '授权（角色 + 单位范围 + 插件范围）',
    })
    .input(c.usersGrantInput)
    .output(c.userOut)
    .mutation(({ ctx, input }) => addGrant(k(ctx), input.userId, input.grant)),
  revokeGrant: procedure
    .meta({
      permission: 'kernel.users.manage',
      scope: 'subject',
      subjects: (i) => refs(['grant', i?.grantId]),
      summary: '撤销授权',
    })
    .input(c.usersRevokeGrantInput)
    .output(c.userOut)
    .mutation(({ ctx, input }) => revokeGrant(k(ctx), input.grantId)),
});

export const rolesRouter = router({
  list: procedure
    .meta({ permission: 'kernel.users.manage', scope: 'global', summary: '角色列表' })
    .input(c.rolesListInput)
    .output(c.rolesListOutput)
    .query(({ ctx }) => listRoles(ctx.db)),
  permissions: procedure
    .meta({ permission: 'kernel.users.manage', scope: 'global', summary: '权限目录' })
    .input(c.rolesPermissionsInput)
    .output(c.rolesPermissionsOutput)
    .query(() => permissionCatalogue()),
  save: procedure
    .meta({ permission: 'kernel.roles.manage', scope: 'city', summary: '新建或修改自定义角色' })
    .input(c.roleSaveInput)
    .output(c.roleOut)
    .mutation(({ ctx, input }) => saveRole(k(ctx), input)),
});

export const tokensRouter = router({
  list: procedure
    .meta({ permission: 'kernel.tokens.manage', scope: 'list', summary: '接口令牌列表（不含令牌本身）' })
    .input(c.tokensListInput)
    .output(c.tokensListOutput)
    .query(({ ctx }) => listApiTokens(ctx.db, ctx.scope)),
  create: procedure
    .meta({
      permission: 'kernel.tokens.manage',
      scope: 'subject',
      subjects: (i) => refs(['org', i?.scopeOrgId]),
      summary: '为外部系统签发接口令牌（令牌只显示这一次）',
    })
    .input(c.tokenCreateInput)
    .output(c.tokensCreateOutput)
    .mutation(({ ctx, input }) => createApiToken(k(ctx), input)),
  revoke: procedure
    .meta({
      permission: 'kernel.tokens.manage',
      scope: 'subject',
      subjects: (i) => refs(['token', i?.id]),
      summary: '吊销接口令牌',
    })
    .input(c.tokensRevokeInput)
    .output(c.tokenOut)
    .mutation(({ ctx, input }) => revokeApiToken(k(ctx), input.id)),
});
