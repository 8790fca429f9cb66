/** Reading untyped OCDS JSON: an object, an array, a non-blank string — or their absence. Pure, browser-safe. */
export type OcdsJson = Record<string, unknown>;
export const ocdsObject = (v: unknown): OcdsJson | null =>
  v && typeof v === 'object' && !Array.isArray(v) ? (v as OcdsJson) : null;
export const ocdsArray = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
export const ocdsString = (v: unknown): string | null => (typeof v === 'string' && v.trim() ? v.trim() : null);
