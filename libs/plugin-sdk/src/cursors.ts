/** Cursors for id-ordered lists (`{ items, nextCursor }`). */
import { badInput } from '@chengxin/kernel';

/** An opaque cursor for id-ordered lists (`{ items, nextCursor }`), and its reading, refusing a forged one by field. */
export const cursorOf = (id: string): string => Buffer.from(id).toString('base64url');
export function afterCursor(cursor: string | undefined | null): string | null {
  if (!cursor) return null;
  const id = Buffer.from(cursor, 'base64url').toString();
  if (!/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(id))
    throw badInput('CURSOR_INVALID', 'cursor', '分页游标无效', 'Invalid cursor');
  return id;
}

/**
 * Every row of a scan, a chunk at a time by descending id (keyset paging), so memory stays flat whatever the table's
 * size. `fetch(before)` returns the next rows with ids below `before`, highest first; an empty chunk ends the scan.
 */
export async function* chunksById<R extends { id: string }>(
  fetch: (before: string) => Promise<R[]>,
): AsyncGenerator<R[]> {
  let before = 'ffffffff-ffff-ffff-ffff-ffffffffffff';
  for (;;) {
    const chunk = await fetch(before);
    if (chunk.length === 0) return;
    yield chunk;
    before = chunk.at(-1)!.id;
  }
}
