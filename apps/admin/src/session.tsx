/** Who is signed in and what they may do: the console shows only what the caller's grants allow. */
import { createContext, useContext } from 'react';

export interface Me {
  id: string;
  username: string;
  displayName: string;
  orgId: string | null;
  grants: { role: string; permissions: string[]; scopeOrgId: string | null; plugins: string[] | null }[];
}

/** A permission against a granted pattern (`*`, `kernel.*`, `procurement.contracts.*` or the name itself). */
export function patternPermits(pattern: string, permission: string): boolean {
  if (pattern === '*' || pattern === permission) return true;
  return pattern.endsWith('.*') && permission.startsWith(pattern.slice(0, -1));
}

export function can(me: Me | null, permission: string): boolean {
  if (!me) return false;
  return me.grants.some(
    (g) =>
      g.permissions.some((p) => patternPermits(p, permission)) &&
      (!g.plugins ||
        !permission.includes('.') ||
        permission.startsWith('kernel.') ||
        g.plugins.some(
          (id) =>
            permission.startsWith(`${id.replace(/-([a-z])/g, (_, c: string) => c.toUpperCase())}.`) ||
            permission.startsWith(`${id}.`),
        )),
  );
}

/** null: city-wide for that permission; otherwise the bodies the grants limit it to. */
export function scopeRoots(me: Me | null, permission: string): string[] | null {
  const grants = (me?.grants ?? []).filter((g) => g.permissions.some((p) => patternPermits(p, permission)));
  if (grants.some((g) => g.scopeOrgId === null)) return null;
  return grants.map((g) => g.scopeOrgId!);
}

export const SessionContext = createContext<{ me: Me | null; logout: () => void }>({
  me: null,
  logout: () => undefined,
});

export function useSession() {
  const { me, logout } = useContext(SessionContext);
  return { me, logout, can: (p: string) => can(me, p) };
}
