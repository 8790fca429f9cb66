/** Cursors for id-ordered lists (`{ items, nextCursor }`). */
import { badInput } from '@chengxin/kernel';

/** An opaque cursor for id-ordered lists (`{ items, nextCursor }`), and its reading, refusing a forged one by field. */
export const cursorOf = (id: string): string => Buffer.from(id).toString('base64url');
export function afterCursor(cursor: string | undefined | null): string | null {
  if (!cursor) return null;
  const id = Buffer.from(cursor, 'base64url').toString();
  if (!/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(id)) throw badInput('CURSOR_INVALID', 'cursor', '分页游标无效', 'Invalid cursor');
  return id;
}


