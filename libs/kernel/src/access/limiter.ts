/**
 * Token-bucket rate limits kept in memory, per key (an API token, a client address). Per process: behind several
 * server processes each enforces its own share, which errs on the side of letting more through, never fewer.
 */
export class RateLimiter {
  private readonly buckets = new Map<string, { tokens: number; at: number }>();

  constructor(private readonly clock: () => number = Date.now) {}

  /** Takes one request from `key`'s allowance of `perMinute`; when none is left, says how many seconds to wait. */
  take(key: string, perMinute: number): { ok: true } | { ok: false; retryAfterSeconds: number } {
    const now = this.clock();
    const rate = perMinute / 60_000;
    // Forget idle keys now and then, so spoofed addresses cannot grow the map without bound.
    if (this.buckets.size > 10_000) for (const [k, b] of this.buckets) if (now - b.at > 60_000) this.buckets.delete(k);
    const bucket = this.buckets.get(key) ?? { tokens: perMinute, at: now };
    bucket.tokens = Math.min(perMinute, bucket.tokens + (now - bucket.at) * rate);
    bucket.at = now;
    this.buckets.set(key, bucket);
    if (bucket.tokens >= 1) {
      bucket.tokens -= 1;
      return { ok: true };
    }
    return { ok: false, retryAfterSeconds: Math.max(1, Math.ceil((1 - bucket.tokens) / rate / 1000)) };
  }
}
