import { rows, type Queryable } from '@chengxin/db';
import { sql } from 'drizzle-orm';
import nodemailer from 'nodemailer';

/** Email out, only when SMTP is configured: CHENGXIN_SMTP_URL (smtp://user:pass@host:port) and CHENGXIN_MAIL_FROM. */
export interface Mailer {
  send(to: string, subject: string, text: string): Promise<void>;
}

export function mailerFromEnv(env: NodeJS.ProcessEnv = process.env): Mailer | null {
  const url = env['CHENGXIN_SMTP_URL'];
  if (!url) return null;
  const transport = nodemailer.createTransport(url);
  const from = env['CHENGXIN_MAIL_FROM'] ?? 'chengxin@localhost';
  return { send: async (to, subject, text) => { await transport.sendMail({ from, to, subject, text }); } };
}

/**
 * Sends inbox messages not yet emailed to users who have an address (an outbox: a message is marked only after the
 * server accepted it, so a failed send is retried next time and nothing is lost).
 */
export async function sendPendingEmails(db: Queryable, mailer: Mailer | null, limit = 200): Promise<{ sent: number; failed: number }> {
  if (!mailer) return { sent: 0, failed: 0 };
  const pending = await rows<{ id: string; email: string; title_zh: string; body_zh: string }>(db, sql`
    select n.id::text, u.email, n.title_zh, n.body_zh from kernel.notification n join kernel.app_user u on u.id = n.user_id
    where n.emailed_at is null and u.email is not null and not u.disabled order by n.created_at limit ${limit}`);
  let sent = 0;
  let failed = 0;
  for (const n of pending) {
    try {
      await mailer.send(n.email, `【诚信】${n.title_zh}`, `${n.body_zh}\n\n（此邮件由政务诚信平台自动发送，请登录平台查看详情。）`);
      await db.execute(sql`update kernel.notification set emailed_at = now() where id = ${n.id}`);
      sent++;
    } catch {
      failed++;
    }
  }
  return { sent, failed };
}
