/**
 * What a plugin's public procedures (permission 'public', the portal) need: a rate limit per client address, like the
 * kernel's public complaint submission, and a key that identifies a person for "once per person" rules without storing
 * who they are (an HMAC with the deployment's lookup key, never the identifier itself).
 */
import { createHmac } from 'node:crypto';
import { tooManyRequests, type TrpcContext } from '@chengxin/kernel';

/** Takes one request from the client address's allowance of `perMinute` for `bucket`; refuses with `code` when none is left. */
export async function throttle(
  ctx: Pick<TrpcContext, 'limiter' | 'clientIp'>,
  bucket: string,
  perMinute: number,
  code: string,
): Promise<void> {
  const take = await ctx.limiter.take(`${bucket}:${ctx.clientIp}`, perMinute);
  if (!take.ok)
    throw tooManyRequests(
      code,
      `操作过于频繁，请${take.retryAfterSeconds}秒后再试`,
      `Too many requests; retry after ${take.retryAfterSeconds} s`,
      take.retryAfterSeconds,
    );
}

/** A stable, non-reversible key for a personal identifier (a phone number, an ID number) within a namespace. */
export function personKey(ctx: Pick<TrpcContext, 'secrets'>, namespace: string, value: string): string {
  return createHmac('sha256', ctx.secrets.lookupKey)
    .update(`${namespace}\u0000${value.trim().toUpperCase()}`)
    .digest('hex');
}
