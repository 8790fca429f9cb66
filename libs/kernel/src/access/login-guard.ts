import { createHash } from 'node:crypto';
import { SECURITY_POLICY } from './policy';
import type { LimitStore, RateLimiter } from './limiter';

/**
 * Login throttling that an outsider cannot turn against the owner. Wrong passwords are counted per client address and
 * account name together: after `maxFailedLogins` of them that address may not try that name for `lockMinutes`, while
 * the owner still signs in from anywhere else. Nothing is stored per account, so an unknown name is throttled exactly
 * like a known one (no answer tells which names exist). Guessing across many names from one address is bounded by the
 * per-address login rate; guessing one name from many addresses costs one argon2 verification per try and is audited.
 * The counts live in the limiter's shared store, so a lock taken on one server process holds on all of them; the key
 * is a hash, so neither the address nor the typed name is stored.
 */
export class LoginGuard {
  constructor(
    private readonly store: LimitStore,
    private readonly clock: () => number = Date.now,
  ) {}

  private key = (address: string, username: string) =>
    `login-fail:${createHash('sha256')
      .update(`${address}\n${username.normalize('NFKC').trim().toLowerCase()}`)
      .digest('base64url')}`;

  /** Seconds this address must wait before trying this name again (0 = may try). */
  async blockedFor(address: string, username: string): Promise<number> {
    const f = await this.store.peek(this.key(address, username), this.clock());
    return f && f.count >= SECURITY_POLICY.maxFailedLogins ? Math.ceil(f.leftMs / 1000) : 0;
  }

  /** One more wrong password: the count lives `lockMinutes` after the latest, and locks once it reaches the maximum. */
  async fail(address: string, username: string): Promise<void> {
    await this.store.hit(this.key(address, username), SECURITY_POLICY.lockMinutes * 60_000, this.clock());
  }

  async succeed(address: string, username: string): Promise<void> {
    await this.store.clear(this.key(address, username));
  }
}

/** The guard over a server's limiter (its store and clock). */
export const loginGuardFor = (limiter: RateLimiter) => new LoginGuard(limiter.store, limiter.clock);
