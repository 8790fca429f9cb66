import { rows, type Queryable } from '@chengxin/db';
import { sql } from 'drizzle-orm';
import nodemailer from 'nodemailer';
import { settings, type SettingsSource } from '@chengxin/contract/settings';

/** Email out, only when SMTP is configured: CHENGXIN_SMTP_URL (smtp://user:pass@host:port) and CHENGXIN_MAIL_FROM. */
export interface Mailer {
  send(to: string, subject: string, text: string): Promise<void>;
}

/** The mailer of the deployment's settings (the configuration module's checked CHENGXIN_SMTP_URL and CHENGXIN_MAIL_FROM), or of `env`. */
export function mailerFromEnv(env: SettingsSource = settings()): Mailer | null {
  const url = env['CHENGXIN_SMTP_URL'];
  if (!url) return null;
  const transport = nodemailer.createTransport(url);
  const from = env['CHENGXIN_MAIL_FROM'] ?? 'chengxin@localhost';
  return {
    send: async (to, subject, text) => {
      await transport.sendMail({ from, to, subject, text });
    },
  };
}

export interface OutboxOptions {
  /** Messages claimed per call. */
  limit?: number;
  /** Attempts before a message is given up (marked failed; it stays in the inbox). Default CHENGXIN_MAIL_MAX_ATTEMPTS or 8. */
  maxAttempts?: number;
  /** Seconds to wait after the n-th failed attempt. Default 5 minutes doubling each time, at most a day. */
  backoffSeconds?: (attempts: number) => number;
  /** How long a claim holds a message, so a sender that died mid-send frees it. Default 15 minutes. */
  leaseSeconds?: number;
}

const DEFAULT_MAX_ATTEMPTS = 8;
export function mailMaxAttempts(env: SettingsSource = settings()): number {
  const n = Number(env['CHENGXIN_MAIL_MAX_ATTEMPTS']);
  return Number.isInteger(n) && n >= 1 ? n : DEFAULT_MAX_ATTEMPTS;
}
export const defaultBackoffSeconds = (attempts: number) => Math.min(300 * 2 ** Math.max(0, attempts - 1), 86_400);

/**
 * Sends inbox messages not yet emailed to users who have an address. An outbox: each call claims due messages with
 * `for update skip locked` (two senders never take the same message) and counts the attempt; a message is marked sent
 * only after the server accepted it. A failure records the error and waits (backoff) before the next attempt, so one
 * failing message never holds up the others; after `maxAttempts` it is given up (email_failed_at) and stays in the inbox.
 */
export async function sendPendingEmails(
  db: Queryable,
  mailer: Mailer | null,
  options: OutboxOptions = {},
): Promise<{ sent: number; failed: number; gaveUp: number }> {
  if (!mailer) return { sent: 0, failed: 0, gaveUp: 0 };
  const limit = options.limit ?? 200;
  const maxAttempts = options.maxAttempts ?? mailMaxAttempts();
  const backoff = options.backoffSeconds ?? defaultBackoffSeconds;
  const lease = options.leaseSeconds ?? 900;
  const claimed = await rows<{ id: string; email: string; title_zh: string; body_zh: string; attempts: number }>(
    db,
    sql`
    update kernel.notification n set email_attempts = n.email_attempts + 1, email_next_at = now() + ${lease}::double precision * interval '1 second'
    from kernel.app_user u
    where u.id = n.user_id and n.id in (
      select x.id from kernel.notification x join kernel.app_user xu on xu.id = x.user_id
      where x.emailed_at is null and x.email_failed_at is null and (x.email_next_at is null or x.email_next_at <= now())
        and xu.email is not null and not xu.disabled
      order by x.created_at, x.id limit ${limit} for update of x skip locked)
    returning n.id::text, u.email, n.title_zh, n.body_zh, n.email_attempts as attempts`,
  );
  let sent = 0;
  let failed = 0;
  let gaveUp = 0;
  for (const n of claimed) {
    try {
      await mailer.send(
        n.email,
        `【诚信】${n.title_zh}`,
        `${n.body_zh}\n\n（此邮件由政务诚信平台自动发送，请登录平台查看详情。）`,
      );
      await db.execute(
        sql`update kernel.notification set emailed_at = now(), email_next_at = null, email_last_error = null where id = ${n.id}`,
      );
      sent++;
    } catch (error) {
      failed++;
      const message = (error instanceof Error ? error.message : String(error)).slice(0, 1000);
      const giveUp = Number(n.attempts) >= maxAttempts;
      if (giveUp) gaveUp++;
      await db.execute(sql`update kernel.notification set email_last_error = ${message},
        email_failed_at = ${giveUp ? sql`now()` : sql`null`},
        email_next_at = ${giveUp ? sql`null` : sql`now() + ${backoff(Number(n.attempts))}::double precision * interval '1 second'`} where id = ${n.id}`);
    }
  }
  return { sent, failed, gaveUp };
}
