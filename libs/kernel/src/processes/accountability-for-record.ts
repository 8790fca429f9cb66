import { rows, type Tx } from '@chengxin/db';
import { sql } from 'drizzle-orm';
import { appendAudit } from '../audit';
import { newId, type Actor } from '../core';

/**
 * 主要负责人问责 opened for one record at a rule's request, ahead of the daily job (which opens the same tasks when
 * the record is published; the record-and-tenure key keeps one task each). A plugin reaches it through the SDK's
 * `openAccountability`, e.g. local debt when a district defaults or enters the red tier (国办函〔2016〕88号 责任追究).
 * Only a record a person has confirmed (never a draft) and only the principal officials in post in its body on
 * `inPostOn`.
 */
export async function openAccountabilityForRecord(
  tx: Tx,
  actor: Actor,
  input: { recordId: string; inPostOn: string; openedOn: string; detail: Record<string, unknown> },
): Promise<{ taskId: string; personId: string; tenureId: string }[]> {
  const [record] = await rows<{ org_id: string | null; status: string; subject_kind: string }>(
    tx,
    sql`select org_id::text, status, subject_kind from kernel.credit_record where id = ${input.recordId}`,
  );
  if (!record || record.status === 'draft' || record.subject_kind !== 'org' || !record.org_id) return [];
  const officials = await rows<{ person_id: string; tenure_id: string }>(
    tx,
    sql`select t.person_id::text, t.id::text as tenure_id from kernel.tenure t join kernel.post p on p.id = t.post_id and p.principal
    where t.org_id = ${record.org_id} and t.start_date <= ${input.inPostOn}::date and (t.end_date is null or t.end_date >= ${input.inPostOn}::date)
    order by t.start_date, t.id`,
  );
  const opened: { taskId: string; personId: string; tenureId: string }[] = [];
  for (const o of officials) {
    const id = newId();
    const inserted = await rows<{ id: string }>(
      tx,
      sql`insert into kernel.accountability_task (id, record_id, person_id, tenure_id, status, opened_on)
      values (${id}, ${input.recordId}, ${o.person_id}, ${o.tenure_id}, 'open', ${input.openedOn}::date)
      on conflict (record_id, tenure_id) do nothing returning id::text`,
    );
    if (inserted.length) opened.push({ taskId: id, personId: o.person_id, tenureId: o.tenure_id });
  }
  await appendAudit(
    tx,
    actor,
    opened.map((o) => ({
      action: 'accountability.open',
      entity: 'accountability_task',
      entityId: o.taskId,
      detail: { recordId: input.recordId, personId: o.personId, inPostOn: input.inPostOn, ...input.detail },
    })),
  );
  return opened;
}
