import type { Tx } from '@chengxin/db';
import { appendAudit } from '../audit/chain';

/** A plugin's writes join the kernel's one hash-chained audit log, inside the plugin's own transaction. */
export async function appendPluginAudit(tx: Tx, actor: { id: string; username: string } | null, action: string, entity: string, entityId: string, detail: Record<string, unknown>): Promise<void> {
  await appendAudit(tx, actor, [{ action, entity, entityId, detail }]);
}
