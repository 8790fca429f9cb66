import { MemoryLimitStore, RateLimiter, TEST_SECRETS } from '@chengxin/kernel';
import { describe, expect, it } from 'vitest';
import { personKey, throttle } from './public';

describe('public procedure helpers', () => {
  it('throttles per client address and bucket, refusing with the given code and a retry time', async () => {
    let now = 1_000_000;
    const limiter = new RateLimiter(new MemoryLimitStore(), () => now);
    const ctx = { limiter, clientIp: '203.0.113.7' };
    for (let i = 0; i < 3; i++) await throttle(ctx, 'x.rate', 3, 'X_THROTTLED');
    await expect(throttle(ctx, 'x.rate', 3, 'X_THROTTLED')).rejects.toThrowError(
      expect.objectContaining({ appCode: 'X_THROTTLED', retryAfterSeconds: 20 }),
    );
    // Another address, or another bucket, has its own allowance; a minute later the address may rate again.
    await expect(throttle({ limiter, clientIp: '203.0.113.8' }, 'x.rate', 3, 'X_THROTTLED')).resolves.toBeUndefined();
    await expect(throttle(ctx, 'y.rate', 3, 'Y_THROTTLED')).resolves.toBeUndefined();
    now += 60_000;
    await expect(throttle(ctx, 'x.rate', 3, 'X_THROTTLED')).resolves.toBeUndefined();
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
