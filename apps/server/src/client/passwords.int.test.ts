/**
 * The password policy over HTTP. Before it, the only rule was ten characters: `aaaaaaaaaa`, `1234567890`, ten spaces
 * and the published demo password were accepted, and ten spaces then logged in.
 */
import { rows } from '@chengxin/db';
import { testEngines } from '@chengxin/db/testing';
import { startTestServer, TEST_PASSWORD, type TestServer } from '../testing';
import { DEMO_PASSWORD, hashPassword } from '@chengxin/kernel';
import { sql } from 'drizzle-orm';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createClient, TRPCClientError } from '@chengxin/client';

async function failure(p: Promise<unknown>) {
  const e = await p.then(
    () => null,
    (error: unknown) => error,
  );
  expect(e, 'expected the call to fail').toBeInstanceOf(TRPCClientError);
  return (e as { data: { httpStatus: number; appCode: string; field: string | null; messageZh: string } }).data;
}

describe.each(testEngines())('password policy on %s', (engine) => {
  let t: TestServer;
  let admin: ReturnType<typeof createClient>;
  beforeAll(async () => {
    t = await startTestServer(engine);
    admin = createClient(t.url, { username: 'admin', password: TEST_PASSWORD });
  }, 120_000);
  afterAll(async () => t?.close());
  afterEach(() => {
    delete process.env['CHENGXIN_DEMO_MODE'];
  });

  const create = (username: string, password: string) =>
    admin.kernel.users.create.mutate({ username, displayName: '测试', password, orgId: t.fixture.hexi, grants: [] });
  const login = (username: string, password: string, newPassword?: string) =>
    fetch(`${t.url}/trpc/kernel.auth.login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-forwarded-for': username },
      body: JSON.stringify({ username, password, ...(newPassword ? { newPassword } : {}) }),
    }).then(async (r) => ({ status: r.status, body: JSON.stringify(await r.json()) }));

  it('refuses repeated, sequential, blank, common and username passwords, naming the field', async () => {
    for (const weak of [
      'aaaaaaaaaa',
      '1234567890',
      ' '.repeat(10),
      '          x',
      'password123',
      'qwertyuiop',
      'zhangsan-2026-pw',
    ]) {
      const refused = await failure(create('zhangsan', weak));
      expect(refused).toMatchObject({ httpStatus: 400, field: 'password' });
    }
    expect(await rows(t.database.db, sql`select 1 from kernel.app_user where username = 'zhangsan'`)).toHaveLength(0);
    expect((await create('zhangsan', 'Hai-he river 2026')).username).toBe('zhangsan');
  });

  it('refuses the demo password outside demo mode, and applies the policy to resets and changes', async () => {
    process.env['CHENGXIN_DEMO_MODE'] = '0';
    expect(await failure(create('lisi', DEMO_PASSWORD))).toMatchObject({
      httpStatus: 400,
      field: 'password',
      appCode: 'PASSWORD_WEAK',
    });
    const user = await create('lisi', 'Hai-he river 2027');
    expect(
      await failure(admin.kernel.users.resetPassword.mutate({ id: user.id, password: '0000000000' })),
    ).toMatchObject({ httpStatus: 400, field: 'password' });
    const me = createClient(t.url, { username: 'lisi', password: 'Hai-he river 2027' });
    expect(
      await failure(
        me.kernel.auth.changePassword.mutate({ currentPassword: 'Hai-he river 2027', newPassword: ' '.repeat(12) }),
      ),
    ).toMatchObject({ httpStatus: 400, field: 'newPassword' });
  });

  it('makes an account with the demo password (or one the policy refuses) set a new one at sign-in outside demo mode', async () => {
    for (const [username, old] of [
      ['demo.user', DEMO_PASSWORD],
      ['spaces.user', ' '.repeat(10)],
    ] as const) {
      // Accounts as the seed (or an older version) left them: hashed directly, not through the policy.
      await t.database.db.execute(
        sql`insert into kernel.app_user (id, username, display_name, password_hash) values (gen_random_uuid(), ${username}, '演示', ${await hashPassword(old)})`,
      );
      process.env['CHENGXIN_DEMO_MODE'] = '0';
      const first = await login(username, old);
      expect(first.status).toBe(403);
      expect(first.body).toContain('PASSWORD_CHANGE_REQUIRED');
      expect(first.body).not.toContain('cx_session');
      expect((await login(username, old, '1234567890')).status).toBe(400);
      expect((await login(username, old, 'Hai-he river 2028')).status).toBe(200);
      expect((await login(username, old)).status).toBe(401);
      expect((await login(username, 'Hai-he river 2028')).status).toBe(200);
    }
    // In demo mode the demo accounts keep working as published.
    delete process.env['CHENGXIN_DEMO_MODE'];
    await t.database.db.execute(
      sql`insert into kernel.app_user (id, username, display_name, password_hash) values (gen_random_uuid(), 'demo.two', '演示', ${await hashPassword(DEMO_PASSWORD)})`,
    );
    process.env['CHENGXIN_DEMO_MODE'] = '1';
    expect((await login('demo.two', DEMO_PASSWORD)).status).toBe(200);
  });
});
