import { rows, type Db } from '@chengxin/db';
import { sql } from 'drizzle-orm';
import { appendAudit, remacAuditLog, useAuditMacKey } from '../audit';
import type { Actor } from '../core';
import { idNumberHash, protectIdNumber, revealIdNumber, type Secrets } from '../core';

/**
 * Re-encrypts every stored ID number under new data keys and recomputes the lookup hashes, in one transaction with
 * its audit entry: either all rows move to the new keys or none do. The caller stores the new key only after this
 * commits (and keeps the old one until then).
 */
export async function rotateDataKey(db: Db, from: Secrets, to: Secrets, actor: Actor): Promise<number> {
  return db.transaction(async (tx) => {
    const list = await rows<{ id: string; cipher: string }>(
      tx,
      sql`select id, id_number_cipher as cipher from kernel.person order by id for update`,
    );
    for (let i = 0; i < list.length; i += 1000) {
      const chunk = list.slice(i, i + 1000).map((p) => {
        const idNumber = revealIdNumber(from, p.cipher);
        return { id: p.id, hash: idNumberHash(to, idNumber), cipher: protectIdNumber(to, idNumber).cipher };
      });
      await tx.execute(sql`update kernel.person p set id_number_hash = t.hash, id_number_cipher = t.cipher
        from unnest(${sql.param(chunk.map((c) => c.id))}::uuid[], ${sql.param(chunk.map((c) => c.hash))}::text[], ${sql.param(chunk.map((c) => c.cipher))}::text[]) as t(id, hash, cipher)
        where p.id = t.id`);
    }
    // The audit MAC key derives from the data key: remake every MAC under the new one (audit/mac.ts).
    if (from.audit.macKey && to.audit.macKey) {
      await remacAuditLog(tx, from.audit.macKey, to.audit.macKey);
      useAuditMacKey(to.audit.macKey);
    }
    await appendAudit(tx, actor, [
      { action: 'keys.rotate_data_key', entity: 'person', entityId: '*', detail: { persons: list.length } },
    ]);
    return list.length;
  });
}
