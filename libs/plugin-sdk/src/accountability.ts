/**
 * The kernel's accountability process (主要负责人问责) opened by a plugin's rule for one of its own records, ahead of
 * the record's publication. Plugins reach the kernel's tasks only through this function.
 */
import type { Tx } from '@chengxin/db';
import { openAccountabilityForRecord, pluginActor, today } from '@chengxin/kernel';
import { rows } from '@chengxin/db';
import { sql } from 'drizzle-orm';

/**
 * Opens a task for each principal official in post in the record's body on `inPostOn` (default: the record's decision
 * date) who has none for this record yet; returns the tasks opened. Only the plugin's own records and only once a
 * person has confirmed them (a draft opens nothing). Audited under the plugin's name with the rule and reason.
 */
export async function openAccountability(
  tx: Tx,
  input: { pluginId: string; recordId: string; ruleId: string; reason: string; inPostOn?: string },
): Promise<{ taskId: string; personId: string; tenureId: string }[]> {
  const [record] = await rows<{ type_key: string; decision_date: string | null }>(
    tx,
    sql`select type_key, decision_date::text from kernel_api.record where id = ${input.recordId}`,
  );
  if (!record?.type_key.startsWith(`${input.pluginId}.`))
    throw new Error(`${input.pluginId} may open accountability only for its own records (${input.recordId})`);
  return openAccountabilityForRecord(tx, pluginActor(input.pluginId), {
    recordId: input.recordId,
    inPostOn: input.inPostOn ?? record.decision_date ?? today(),
    openedOn: today(),
    detail: { ruleId: input.ruleId, reason: input.reason },
  });
}
