import { describe, expect, it } from 'vitest';
import { MemoryLimitStore, RateLimiter } from './limiter';
import { includesEntry, isPermissionPattern, permits } from './permissions';
import { canDelegate, grantCovers, scopeFor, withinScope, type Grant } from './scope';

const grant = (permissions: string[], scopePath: string | null, plugins: string[] | null = null): Grant => ({
  role: 'r',
  permissions,
  scopeOrgId: scopePath ? 'x' : null,
  scopePath,
  plugins,
});

describe('permissions and patterns', () => {
  it('matches exact names, owner and resource patterns, and *', () => {
    expect(permits(['kernel.records.read'], 'kernel.records.read')).toBe(true);
    expect(permits(['kernel.records.read'], 'kernel.records.review')).toBe(false);
    expect(permits(['kernel.records.*'], 'kernel.records.review')).toBe(true);
    expect(permits(['kernel.*'], 'procurement.contracts.read')).toBe(false);
    expect(permits(['*'], 'procurement.contracts.read')).toBe(true);
    expect(isPermissionPattern('kernel.records.*')).toBe(true);
    expect(isPermissionPattern('kernel.nothing.*')).toBe(false);
    expect(isPermissionPattern('kernel.records.delete')).toBe(false);
  });

  it('knows when one set of entries includes another (no escalation through patterns)', () => {
    expect(includesEntry(['kernel.*'], 'kernel.records.*')).toBe(true);
    expect(includesEntry(['kernel.records.*'], 'kernel.*')).toBe(false);
    expect(includesEntry(['kernel.records.read'], '*')).toBe(false);
  });
});

describe('scopes', () => {
  it('is inside a subtree by path prefix, never by a sibling sharing a prefix', () => {
    expect(withinScope({ roots: ['a/b'] }, 'a/b')).toBe(true);
    expect(withinScope({ roots: ['a/b'] }, 'a/b/c')).toBe(true);
    expect(withinScope({ roots: ['a/b'] }, 'a/bc')).toBe(false);
    expect(withinScope({ roots: ['a/b'] }, null)).toBe(false);
    expect(withinScope({ roots: null }, null)).toBe(true);
  });

  it('combines grants: any city-wide grant makes the scope everywhere, otherwise the union of subtrees', () => {
    expect(
      scopeFor([grant(['kernel.records.read'], 'a/b'), grant(['kernel.records.read'], 'a/c')], 'kernel.records.read'),
    ).toEqual({ roots: ['a/b', 'a/c'] });
    expect(scopeFor([grant(['kernel.records.read'], 'a/b'), grant(['*'], null)], 'kernel.records.read')).toEqual({
      roots: null,
    });
    expect(scopeFor([grant(['kernel.records.read'], 'a/b')], 'kernel.records.review')).toBeNull();
  });

  it("limits a plugin-scoped grant to its plugins and the kernel's read permissions", () => {
    const finance = grant(['*'], null, ['procurement', 'local-debt']);
    expect(grantCovers(finance, 'procurement.contracts.write')).toBe(true);
    expect(grantCovers(finance, 'ppp.projects.write')).toBe(false);
    expect(grantCovers(finance, 'kernel.orgs.read')).toBe(true);
    expect(grantCovers(finance, 'kernel.records.write')).toBe(false);
    expect(grantCovers(finance, 'kernel.audit.read')).toBe(false);
  });

  it('delegates only what the delegator holds, over a scope they cover', () => {
    const districtAdmin = [grant(['*'], 'city/hexi')];
    expect(canDelegate(districtAdmin, ['kernel.records.read'], 'city/hexi/finance', null)).toBe(true);
    expect(canDelegate(districtAdmin, ['kernel.records.read'], 'city/nankai', null)).toBe(false);
    expect(canDelegate(districtAdmin, ['kernel.records.read'], null, null)).toBe(false);
    const officer = [grant(['kernel.records.read', 'kernel.records.write'], null)];
    expect(canDelegate(officer, ['kernel.records.review'], 'city/hexi', null)).toBe(false);
    expect(canDelegate(officer, ['*'], 'city/hexi', null)).toBe(false);
    const pluginOnly = [grant(['*'], null, ['procurement'])];
    expect(canDelegate(pluginOnly, ['procurement.contracts.read'], null, ['procurement'])).toBe(true);
    expect(canDelegate(pluginOnly, ['procurement.contracts.read'], null, null)).toBe(false);
  });
});

describe('rate limiter', () => {
  it('allows the per-minute allowance, then says how long to wait, and refills with time', async () => {
    let now = 0;
    const limiter = new RateLimiter(new MemoryLimitStore(), () => now);
    for (let i = 0; i < 3; i++) expect(await limiter.take('k', 3)).toEqual({ ok: true });
    expect(await limiter.take('k', 3)).toEqual({ ok: false, retryAfterSeconds: 20 });
    expect(await limiter.take('other', 3)).toEqual({ ok: true });
    now = 20_000;
    expect(await limiter.take('k', 3)).toEqual({ ok: true });
  });
});
