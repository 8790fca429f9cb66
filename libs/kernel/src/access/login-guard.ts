import { SECURITY_POLICY } from './policy';
import type { RateLimiter } from './limiter';

/**
 * Login throttling that an outsider cannot turn against the owner. Wrong passwords are counted per client address and
 * account name together: after `maxFailedLogins` of them that address may not try that name for `lockMinutes`, while
 * the owner still signs in from anywhere else. Nothing is stored per account, so an unknown name is throttled exactly
 * like a known one (no answer tells which names exist). Guessing across many names from one address is bounded by the
 * per-address login rate; guessing one name from many addresses costs one argon2 verification per try and is audited.
 */
export class LoginGuard {
  private readonly failures = new Map<string, { count: number; blockedUntil: number; at: number }>();

  constructor(private readonly clock: () => number = Date.now) {}

  private key = (address: string, username: string) =>
    `${address}\u0000${username.normalize('NFKC').trim().toLowerCase()}`;

  /** Seconds this address must wait before trying this name again (0 = may try). */
  blockedFor(address: string, username: string): number {
    const f = this.failures.get(this.key(address, username));
    const left = f ? f.blockedUntil - this.clock() : 0;
    return left > 0 ? Math.ceil(left / 1000) : 0;
  }

  fail(address: string, username: string): void {
    const now = this.clock();
    const window = SECURITY_POLICY.lockMinutes * 60_000;
    // Forget stale pairs now and then, so spoofed addresses or names cannot grow the map without bound.
    if (this.failures.size > 50_000)
      for (const [k, v] of this.failures) if (now - v.at > window) this.failures.delete(k);
    const key = this.key(address, username);
    const f = this.failures.get(key);
    const count = f && now - f.at < window ? f.count + 1 : 1;
    this.failures.set(key, {
      count,
      at: now,
      blockedUntil: count >= SECURITY_POLICY.maxFailedLogins ? now + window : 0,
    });
  }

  succeed(address: string, username: string): void {
    this.failures.delete(this.key(address, username));
  }
}

// One guard per server (its limiter), so two servers in one process (tests) do not share counts.
const guards = new WeakMap<RateLimiter, LoginGuard>();
export const loginGuardFor = (limiter: RateLimiter) =>
  guards.get(limiter) ?? guards.set(limiter, new LoginGuard()).get(limiter)!;
