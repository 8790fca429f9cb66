import { RateLimiter, TEST_SECRETS } from '@chengxin/kernel';
import { describe, expect, it } from 'vitest';
import { personKey, throttle } from './public';

describe('public procedure helpers', () => {
  it('throttles per client address and bucket, refusing with the given code and a retry time', () => {
    let now = 1_000_000;
    const limiter = new RateLimiter(() => now);
    const ctx = { limiter, clientIp: '203.0.113.7' };
    for (let i = 0; i < 3; i++) throttle(ctx, 'x.rate', 3, 'X_THROTTLED');
    expect(() => throttle(ctx, 'x.rate', 3, 'X_THROTTLED')).toThrowError(
      expect.objectContaining({ appCode: 'X_THROTTLED', retryAfterSeconds: 20 }),
    );
    // Another address, or another bucket, has its own allowance; a minute later the address may rate again.
    expect(() => throttle({ limiter, clientIp: '203.0.113.8' }, 'x.rate', 3, 'X_THROTTLED')).not.toThrow();
    expect(() => throttle(ctx, 'y.rate', 3, 'Y_THROTTLED')).not.toThrow();
    now += 60_000;
    expect(() => throttle(ctx, 'x.rate', 3, 'X_THROTTLED')).not.toThrow();
  });

  it('keys a person by a keyed hash of the identifier, stable across spacing and case, never the identifier itself', () => {
    const ctx = { secrets: TEST_SECRETS };
    const key = personKey(ctx, 'townships.rating', '13800000001');
    expect(key).toMatch(/^[0-9a-f]{64}$/);
    expect(key).not.toContain('13800000001');
    expect(personKey(ctx, 'townships.rating', ' 13800000001 ')).toBe(key);
    expect(personKey(ctx, 'other', '13800000001')).not.toBe(key);
  });
});
