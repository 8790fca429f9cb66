import { createServer, type Server } from 'node:net';
import { rows } from '@chengxin/db';
import type { TestDatabase } from '@chengxin/db/testing';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migratedTestDatabase, testContext, testEngines } from '../core/testing';
import { mailerFromEnv, sendPendingEmails } from './mailer';
import { notify } from './notifications';
import { createUser } from '../access';

/**
 * A minimal SMTP server that keeps every message it accepts, so email is tested over a real socket; recipients in
 * `reject` are refused at RCPT TO (550), as a server refuses an unknown mailbox.
 */
function fakeSmtp(reject: readonly string[] = []): Promise<{ server: Server; port: number; messages: string[] }> {
  const messages: string[] = [];
  const server = createServer((socket) => {
    let data = false;
    let buffer = '';
    socket.write('220 fake ESMTP\r\n');
    socket.on('data', (chunk) => {
      buffer += chunk.toString('utf8');
      for (let i = buffer.indexOf('\r\n'); i >= 0; i = buffer.indexOf('\r\n')) {
        const line = buffer.slice(0, i);
        if (data) {
          if (line === '.') {
            data = false;
            socket.write('250 queued\r\n');
          } else messages[messages.length - 1] += `${line}\n`;
          buffer = buffer.slice(i + 2);
          continue;
        }
        buffer = buffer.slice(i + 2);
        const verb = line.slice(0, 4).toUpperCase();
        if (verb === 'EHLO' || verb === 'HELO') socket.write('250 fake\r\n');
        else if (verb === 'DATA') {
          data = true;
          messages.push('');
          socket.write('354 go ahead\r\n');
        } else if (verb === 'QUIT') {
          socket.end('221 bye\r\n');
        } else if (verb === 'RCPT' && reject.some((r) => line.includes(r)))
          socket.write('550 5.1.1 mailbox unavailable\r\n');
        else socket.write('250 ok\r\n');
      }
    });
  });
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () =>
      resolve({ server, port: (server.address() as { port: number }).port, messages }),
    ),
  );
}

describe.each(testEngines())('email out through SMTP, only when configured, on %s', (engine) => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await migratedTestDatabase(engine);
  }, 60_000);
  afterAll(async () => database?.dispose());

  it('sends each inbox message once to users with an address, and does nothing without SMTP', async () => {
    const ctx = testContext(database);
    const withMail = await createUser(ctx, {
      username: 'mailer.one',
      displayName: '有邮箱',
      password: 'a-long-password-1',
      orgId: null,
      email: 'one@example.gov.cn',
      grants: [],
    });
    const without = await createUser(ctx, {
      username: 'mailer.two',
      displayName: '无邮箱',
      password: 'a-long-password-1',
      orgId: null,
      grants: [],
    });
    await database.db.transaction((tx) =>
      notify(tx, [
        { userId: withMail.id, kind: 'outcome', titleZh: '异议处理结果', bodyZh: '您登记的异议已处理：维持原记录。' },
        { userId: without.id, kind: 'outcome', titleZh: '异议处理结果', bodyZh: '无邮箱用户' },
      ]),
    );
    expect(await sendPendingEmails(database.db, mailerFromEnv({}))).toEqual({ sent: 0, failed: 0, gaveUp: 0 });
    const smtp = await fakeSmtp();
    try {
      const mailer = mailerFromEnv({
        CHENGXIN_SMTP_URL: `smtp://127.0.0.1:${smtp.port}`,
        CHENGXIN_MAIL_FROM: 'chengxin@tj.gov.cn',
      });
      expect(await sendPendingEmails(database.db, mailer)).toEqual({ sent: 1, failed: 0, gaveUp: 0 });
      expect(await sendPendingEmails(database.db, mailer)).toEqual({ sent: 0, failed: 0, gaveUp: 0 });
      expect(smtp.messages).toHaveLength(1);
      expect(smtp.messages[0]).toContain('one@example.gov.cn');
      const [left] = await rows<{ n: number }>(
        database.db,
        sql`select count(*)::int as n from kernel.notification where emailed_at is null`,
      );
      expect(left!.n).toBe(1); // the user without an address keeps it in the inbox only
    } finally {
      smtp.server.close();
    }
  });

  it('keeps a message for the next try when the SMTP server is down', async () => {
    const ctx = testContext(database);
    const user = await createUser(ctx, {
      username: 'mailer.three',
      displayName: '重试',
      password: 'a-long-password-1',
      orgId: null,
      email: 'three@example.gov.cn',
      grants: [],
    });
    await database.db.transaction((tx) =>
      notify(tx, [{ userId: user.id, kind: 'digest', titleZh: '逾期事项提醒', bodyZh: '逾期未决的异议：1件' }]),
    );
    const down = mailerFromEnv({ CHENGXIN_SMTP_URL: 'smtp://127.0.0.1:1' });
    expect((await sendPendingEmails(database.db, down)).failed).toBe(1);
    const [pending] = await rows<{ n: number; attempts: number; error: string | null }>(
      database.db,
      sql`
      select count(*)::int as n, max(email_attempts)::int as attempts, max(email_last_error) as error from kernel.notification where user_id = ${user.id} and emailed_at is null`,
    );
    expect(pending).toMatchObject({ n: 1, attempts: 1, error: expect.any(String) });
  });

  it('a failing message waits (backoff) and never holds up the ones after it; it is given up after the maximum attempts', async () => {
    const ctx = testContext(database);
    await database.db.execute(sql`update kernel.notification set email_failed_at = now() where emailed_at is null`); // earlier tests' leftovers
    const bad = await createUser(ctx, {
      username: 'mailer.bad',
      displayName: '退信',
      password: 'a-long-password-1',
      orgId: null,
      email: 'gone@example.gov.cn',
      grants: [],
    });
    const good = await createUser(ctx, {
      username: 'mailer.good',
      displayName: '正常',
      password: 'a-long-password-1',
      orgId: null,
      email: 'good@example.gov.cn',
      grants: [],
    });
    await database.db.transaction((tx) =>
      notify(tx, [{ userId: bad.id, kind: 'outcome', titleZh: '异议处理结果', bodyZh: '先入队的退信' }]),
    );
    await database.db.transaction((tx) =>
      notify(tx, [{ userId: good.id, kind: 'outcome', titleZh: '异议处理结果', bodyZh: '后入队的正常邮件' }]),
    );
    const smtp = await fakeSmtp(['gone@example.gov.cn']);
    try {
      const mailer = mailerFromEnv({ CHENGXIN_SMTP_URL: `smtp://127.0.0.1:${smtp.port}` });
      // One message per call: the refused one is first in line, then waits out its backoff while the next goes out.
      expect(await sendPendingEmails(database.db, mailer, { limit: 1 })).toEqual({ sent: 0, failed: 1, gaveUp: 0 });
      expect(await sendPendingEmails(database.db, mailer, { limit: 1 })).toEqual({ sent: 1, failed: 0, gaveUp: 0 });
      expect(smtp.messages).toHaveLength(1);
      expect(smtp.messages[0]).toContain('good@example.gov.cn');
      expect(await sendPendingEmails(database.db, mailer)).toEqual({ sent: 0, failed: 0, gaveUp: 0 });
      // Without a wait between attempts, the second failure reaches the maximum and the message is given up.
      const noWait = { maxAttempts: 2, backoffSeconds: () => 0 };
      await database.db.execute(sql`update kernel.notification set email_next_at = null where user_id = ${bad.id}`);
      expect(await sendPendingEmails(database.db, mailer, noWait)).toEqual({ sent: 0, failed: 1, gaveUp: 1 });
      expect(await sendPendingEmails(database.db, mailer, noWait)).toEqual({ sent: 0, failed: 0, gaveUp: 0 });
      const [state] = await rows<{ attempts: number; error: string; failed: boolean; emailed: boolean }>(
        database.db,
        sql`
        select email_attempts as attempts, email_last_error as error, email_failed_at is not null as failed, emailed_at is not null as emailed from kernel.notification where user_id = ${bad.id}`,
      );
      expect(state).toMatchObject({ attempts: 2, error: expect.stringContaining('550'), failed: true, emailed: false });
    } finally {
      smtp.server.close();
    }
  });

  it('two senders at once never send the same message twice (claimed with skip locked)', async () => {
    const ctx = testContext(database);
    const users = await Promise.all(
      [1, 2, 3].map((i) =>
        createUser(ctx, {
          username: `mailer.many${i}`,
          displayName: '并发',
          password: 'a-long-password-1',
          orgId: null,
          email: `many${i}@example.gov.cn`,
          grants: [],
        }),
      ),
    );
    await database.db.transaction((tx) =>
      notify(
        tx,
        users.flatMap((u) =>
          [1, 2].map((n) => ({ userId: u.id, kind: 'outcome', titleZh: '通知', bodyZh: `第${n}条` })),
        ),
      ),
    );
    const smtp = await fakeSmtp();
    try {
      const mailer = mailerFromEnv({ CHENGXIN_SMTP_URL: `smtp://127.0.0.1:${smtp.port}` });
      const results = await Promise.all([
        sendPendingEmails(database.db, mailer),
        sendPendingEmails(database.db, mailer),
      ]);
      expect(results.reduce((n, r) => n + r.sent, 0)).toBe(6);
      expect(smtp.messages).toHaveLength(6);
      const [left] = await rows<{ n: number; attempts: number }>(
        database.db,
        sql`
        select count(*) filter (where emailed_at is null)::int as n, max(email_attempts)::int as attempts from kernel.notification where user_id = any(${sql.param(users.map((u) => u.id))}::uuid[])`,
      );
      expect(left).toEqual({ n: 0, attempts: 1 });
    } finally {
      smtp.server.close();
    }
  });
});
