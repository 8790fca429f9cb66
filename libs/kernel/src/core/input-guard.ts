/**
 * Text the database cannot store: PostgreSQL refuses the NUL character in text and jsonb, and a lone UTF-16 surrogate
 * is not Unicode at all (PGlite refuses it, postgres.js silently turns it into U+FFFD). Such input used to reach SQL
 * and answer 500; it is refused up front, naming the field, before any procedure runs.
 */
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;
const unstorable = (text: string) => text.includes('\u0000') || LONE_SURROGATE.test(text);

export function unstorableTextField(value: unknown, path = ''): string | null {
  if (typeof value === 'string') return unstorable(value) ? path || '(input)' : null;
  if (!value || typeof value !== 'object') return null;
  for (const [key, v] of Object.entries(value)) {
    const here = path ? `${path}.${key}` : key;
    if (unstorable(key)) return here;
    const found = unstorableTextField(v, here);
    if (found) return found;
  }
  return null;
}
