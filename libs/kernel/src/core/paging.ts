import { badInput } from './errors';

/** Opaque cursors: offsets for ranked searches, last-seen keys for id-ordered lists. */
export function encodeOffset(offset: number): string {
  return Buffer.from(`o:${offset}`).toString('base64url');
}

export function decodeOffset(cursor: string | undefined): number {
  if (!cursor) return 0;
  const m = /^o:(\d{1,9})$/.exec(Buffer.from(cursor, 'base64url').toString());
  if (!m) throw badInput('CURSOR_INVALID', 'cursor', '分页游标无效', 'Invalid cursor');
  return Number(m[1]);
}

export function encodeKey(key: string): string {
  return Buffer.from(`k:${key}`).toString('base64url');
}

export function decodeKey(cursor: string | undefined): string | null {
  if (!cursor) return null;
  const m = /^k:([0-9a-f-]{36}|\d{1,18})$/.exec(Buffer.from(cursor, 'base64url').toString());
  if (!m) throw badInput('CURSOR_INVALID', 'cursor', '分页游标无效', 'Invalid cursor');
  return m[1]!;
}
