import { RateLimiter, type LimitStore } from './limiter';

/** The test runner's `it` and `expect` (vitest's), passed in so that this file carries no test dependency. */
export interface ContractRunner {
  it: (name: string, test: () => Promise<void>) => void;
  expect: (value: unknown) => {
    toEqual(expected: unknown): void;
    toBe(expected: unknown): void;
    toBeNull(): void;
    toHaveLength(length: number): void;
  };
}

/**
 * What every limit store must do, as tests: the PostgreSQL store (limiter.int.test.ts, both engines) and the Redis
 * store (apps/server) run the same ones. Time is the injected clock, never a wait. `store()` gives a store whose keys
 * no other test touches.
 */
export function limitStoreContract(store: () => LimitStore, { it, expect }: ContractRunner) {
  it('admits a per-minute allowance, then says how long to wait, and refills with time', async () => {
    let now = 1_000_000;
    const limiter = new RateLimiter(store(), () => now);
    for (let i = 0; i < 3; i++) expect(await limiter.take('k', 3)).toEqual({ ok: true });
    expect(await limiter.take('k', 3)).toEqual({ ok: false, retryAfterSeconds: 20 });
    expect(await limiter.take('k', 3)).toEqual({ ok: false, retryAfterSeconds: 20 }); // a refusal costs nothing
    expect(await limiter.take('other', 3)).toEqual({ ok: true });
    now += 5_000;
    expect(await limiter.take('k', 3)).toEqual({ ok: false, retryAfterSeconds: 15 });
    now += 15_000;
    expect(await limiter.take('k', 3)).toEqual({ ok: true });
    expect(await limiter.take('k', 3)).toEqual({ ok: false, retryAfterSeconds: 20 });
    // After a quiet minute the whole allowance is back (the key has expired).
    now += 60_000;
    for (let i = 0; i < 3; i++) expect(await limiter.take('k', 3)).toEqual({ ok: true });
    expect((await limiter.take('k', 3)).ok).toBe(false);
  });

  it('keeps fractional rates exact: 7 a minute admits 7, then one every 60/7 s', async () => {
    let now = 2_000_000;
    const limiter = new RateLimiter(store(), () => now);
    for (let i = 0; i < 7; i++) expect(await limiter.take('f', 7)).toEqual({ ok: true });
    expect(await limiter.take('f', 7)).toEqual({ ok: false, retryAfterSeconds: 9 });
    now += 8_572; // 60 000 / 7 = 8 571.43 ms
    expect(await limiter.take('f', 7)).toEqual({ ok: true });
  });

  it('decides concurrent requests atomically: of 12 at once against 5 a minute, exactly 5 pass', async () => {
    const limiter = new RateLimiter(store(), () => 3_000_000);
    const answers = await Promise.all(Array.from({ length: 12 }, () => limiter.take('c', 5)));
    expect(answers.filter((a) => a.ok)).toHaveLength(5);
  });

  it('counts events per key until a window after the latest, and forgets on clear', async () => {
    const s = store();
    const t = 4_000_000;
    expect(await s.peek('n', t)).toBeNull();
    expect(await s.hit('n', 60_000, t)).toBe(1);
    expect(await s.hit('n', 60_000, t + 10_000)).toBe(2);
    // The window runs from the latest event.
    expect(await s.peek('n', t + 30_000)).toEqual({ count: 2, leftMs: 40_000 });
    expect(await s.hit('n', 60_000, t + 65_000)).toBe(3);
    expect(await s.peek('n', t + 125_000)).toBeNull();
    expect(await s.hit('n', 60_000, t + 125_000)).toBe(1);
    await s.clear('n');
    expect(await s.peek('n', t + 125_000)).toBeNull();
    expect(await s.hit('n', 60_000, t + 125_000)).toBe(1);
  });
}
