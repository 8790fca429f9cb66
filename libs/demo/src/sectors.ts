/**
 * Demo steps that cross the kernel and a sector: a district's overdue local debt (the local-debt plugin's daily scan
 * proposes the draft) confirmed by an officer and approved by a reviewer, which opens 责任追究 tasks for the principal
 * officials in post at the default (国办函〔2016〕88号; the district's 应急处置 log is the plugin's own demo data); and
 * an objection to an item already shared with the government platform in an export batch (an error in sharing, which
 * the regional credit regulations let a body raise beyond publication).
 */
import { rows } from '@chengxin/db';
import { sql } from 'drizzle-orm';
import {
  correct,
  fileObjection,
  installedPlugins,
  nextBatch,
  runPluginScan,
  systemActor,
  transition,
  type KernelContext,
} from '@chengxin/kernel';

const OVERDUE_TYPE = 'local-debt.overdue_debt';

export async function seedSectorSteps(ctx: KernelContext, log: (line: string) => void): Promise<void> {
  const today = ctx.today();
  const officer: KernelContext = {
    ...ctx,
    actor: systemActor('01900000-0000-7000-8000-0000000000e4', 'seed-debt-officer'),
  };
  const reviewer: KernelContext = {
    ...ctx,
    actor: systemActor('01900000-0000-7000-8000-0000000000e5', 'seed-debt-reviewer'),
  };
  let accountability = 0;
  if (installedPlugins().some((p) => p.id === 'local-debt')) {
    await runPluginScan(ctx.db, ctx.secrets, 'local-debt', today);
    // The default of a district whose debt risk event is still being handled (the plugin's demo opens one).
    const [draft] = await rows<{ id: string; version: number; year: string; org_name: string }>(
      ctx.db,
      sql`select r.id::text, r.current_version as version, r.payload->>'year' as year, o.name as org_name
      from kernel.current_record r join kernel.org_unit o on o.id = r.org_id
      where r.type_key = ${OVERDUE_TYPE} and r.status = 'draft'
      order by exists (select 1 from local_debt.risk_event e where e.org_id = r.org_id and e.closed_on is null) desc,
        (r.severity = 'serious') desc, o.path, r.decision_date desc limit 1`,
    );
    if (draft) {
      await correct(officer, {
        recordId: draft.id,
        expectedVersion: Number(draft.version),
        reason: '经核实债务报表，填写认定文书文号',
        changes: { decisionNo: `津财债〔${today.slice(0, 4)}〕7号` },
        confirm: ['decisionDate'],
      });
      await transition(officer, 'submit', draft.id);
      await transition(reviewer, 'approve', draft.id);
      const [n] = await rows<{ n: number }>(
        ctx.db,
        sql`select count(*)::int as n from kernel.accountability_task where record_id = ${draft.id}`,
      );
      accountability = Number(n?.n ?? 0);
    }
  }

  // A batch for the government sharing platform, and an objection to one item it carried (under review).
  let objections = 0;
  const batch = await nextBatch(officer, 'government', 'json', 200);
  if (batch) {
    const [item] = await rows<{ seq: string; record_id: string; org_name: string }>(
      ctx.db,
      sql`select c.seq::text, c.record_id::text, o.name as org_name from kernel.exchange_change c
      join kernel.current_record r on r.id = c.record_id join kernel.org_unit o on o.id = r.org_id
      where c.channel = 'government' and c.seq between ${batch.batch.fromSeq} and ${batch.batch.toSeq} and c.op <> 'DEL'
        and r.status = 'published' and r.subject_kind = 'org' and r.polarity = 'dishonesty' and not r.disputed
        and not exists (select 1 from kernel.objection x where x.record_id = r.id)
        and not exists (select 1 from kernel.repair x where x.record_id = r.id)
        and not exists (select 1 from kernel.criticism_notice_record x where x.record_id = r.id)
      order by r.source_id limit 1`,
    );
    if (item) {
      await fileObjection(officer, {
        recordId: item.record_id,
        applicantKind: 'subject',
        applicantName: item.org_name,
        reasons: '共享至政务信息共享平台的数据中处罚金额与决定书不一致，请核实更正共享数据。',
        evidence: [{ name: '行政处罚决定书', description: '' }],
        concerns: 'sharing',
        exchangeItem: { channel: 'government', seq: Number(item.seq) },
      });
      objections++;
    }
  }
  log(
    `  行业联动 sector steps: 逾期债务记录审核通过 → 责任追究 ${accountability} 项; 共享批次 ${batch?.batch.batchNo ?? 0} (${batch?.batch.itemCount ?? 0} items), 针对共享数据的异议 ${objections} 项`,
  );
}
