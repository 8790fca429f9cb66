/** What changed between two versions of a record: one row per changed field (nested payload fields by path). */
export interface FieldChange {
  path: string;
  before: unknown;
  after: unknown;
}

const flat = (value: unknown, prefix = '', out: Record<string, unknown> = {}): Record<string, unknown> => {
  if (value && typeof value === 'object' && !Array.isArray(value)) {
    for (const [k, v] of Object.entries(value)) flat(v, prefix ? `${prefix}.${k}` : k, out);
  } else out[prefix] = value;
  return out;
};

export function diffVersions(
  before: Record<string, unknown>,
  after: Record<string, unknown>,
  ignore: string[] = [],
): FieldChange[] {
  const a = flat(before);
  const b = flat(after);
  const paths = [...new Set([...Object.keys(a), ...Object.keys(b)])].filter(
    (p) => !ignore.some((i) => p === i || p.startsWith(`${i}.`)),
  );
  return paths
    .filter((p) => JSON.stringify(a[p] ?? null) !== JSON.stringify(b[p] ?? null))
    .map((p) => ({ path: p, before: a[p] ?? null, after: b[p] ?? null }));
}
