/**
 * Demo criticism notices (公开通报批评) in every state — draft, submitted, approved, published (one on the portal, one
 * whose record was later revoked and awaits withdrawal), withdrawn with its reason — and self-correction applications
 * (主动自新): under review, overdue, granted with measures waived or lightened, refused; and an objection to a record
 * approved but not yet published. Drafters and reviewers are different people, as the services require.
 */
import { rows } from '@chengxin/db';
import { sql } from 'drizzle-orm';
import {
  addDays,
  decideSelfCorrection,
  draftNotice,
  fileObjection,
  fileSelfCorrection,
  publicOn,
  publishNotice,
  reviewNotice,
  submitNotice,
  systemActor,
  transition,
  withdrawNotice,
  type KernelContext,
} from '@chengxin/kernel';

export async function seedMeasures(
  ctx: KernelContext,
  log: (line: string) => void,
): Promise<{ notices: number; selfCorrections: number }> {
  const today = ctx.today();
  const past = (days: number) => addDays(today, -days);
  const drafter = (day: string): KernelContext => ({
    ...ctx,
    actor: systemActor('01900000-0000-7000-8000-0000000000e2', 'seed-notice-drafter'),
    today: () => day,
  });
  const reviewer = (day: string): KernelContext => ({
    ...ctx,
    actor: systemActor('01900000-0000-7000-8000-0000000000e3', 'seed-notice-reviewer'),
    today: () => day,
  });
  // Published, public dishonesty records of district departments with no case on them, one per body.
  const basis = await rows<{ id: string; org_id: string; org_name: string; issuer_id: string }>(
    ctx.db,
    sql`select distinct on (r.org_id) r.id::text, r.org_id::text, o.name as org_name, p.id::text as issuer_id
    from kernel.current_record r join kernel.org_unit o on o.id = r.org_id join kernel.org_unit p on p.id = o.parent_id
    where r.polarity = 'dishonesty' and r.subject_kind = 'org' and o.kind = 'department' and p.kind = 'government' and p.level = 'district'
      and ${publicOn(past(8), past(8))} and ${publicOn(today, today)} and not r.disputed
      and not exists (select 1 from kernel.objection x where x.record_id = r.id)
      and not exists (select 1 from kernel.repair x where x.record_id = r.id)
    order by r.org_id, r.decision_date desc, r.id limit 12`,
  );
  if (basis.length < 10) return { notices: 0, selfCorrections: 0 };
  const due = addDays(today, 60);
  const noticeFor = (i: number, day: string) =>
    draftNotice(drafter(day), {
      issuerOrgId: basis[i]!.issuer_id,
      targetOrgId: basis[i]!.org_id,
      title: `关于${basis[i]!.org_name}政务失信问题的通报`,
      documentNo: `津信用通〔${today.slice(0, 4)}〕${i + 1}号`,
      recordIds: [basis[i]!.id],
      facts: `经查，${basis[i]!.org_name}未按约定履行对企业的付款义务，经催告仍未纠正，已被依法处理并记入政务失信记录。`,
      rectificationDemand: '立即纠正失信行为，向受损主体书面说明情况，建立整改台账并按月报告整改进度。',
      rectificationDue: due,
    });
  let notices = 0;
  // Published and on the portal (two), one published then its record revoked (flagged), one withdrawn.
  for (const i of [0, 1, 2, 3]) {
    const n = await noticeFor(i, past(8));
    await submitNotice(drafter(past(7)), n.id);
    await reviewNotice(reviewer(past(6)), n.id, true, '事实清楚，依据充分，同意发布。');
    await publishNotice(reviewer(past(5)), n.id);
    notices++;
    if (i === 2) await transition(reviewer(past(2)), 'revoke', basis[i]!.id, '原处罚决定经行政复议被撤销');
    if (i === 3)
      await withdrawNotice(reviewer(past(1)), n.id, '被通报单位已完成整改并经核验，依据的失信记录经复核存在瑕疵');
  }
  // Draft (returned once with a note), submitted, approved.
  const returned = await noticeFor(4, past(4));
  await submitNotice(drafter(past(3)), returned.id);
  await reviewNotice(reviewer(past(2)), returned.id, false, '请补充被通报单位的整改要求和期限依据。');
  const submitted = await noticeFor(5, past(2));
  await submitNotice(drafter(past(1)), submitted.id);
  const approved = await noticeFor(6, past(3));
  await submitNotice(drafter(past(2)), approved.id);
  await reviewNotice(reviewer(past(1)), approved.id, true, '同意发布。');
  notices += 3;

  // Self-correction: granted (honours and accountability waived; evaluation lightened), notice kept internal
  // (lightened), refused, under review, and one past its deadline.
  const applicant = (i: number) => basis[i]!.org_name;
  let selfCorrections = 0;
  const file = (i: number, day: string, description: string) =>
    fileSelfCorrection(drafter(day), {
      recordId: basis[i]!.id,
      applicantName: applicant(i),
      evidence: [
        { kind: 'loss_recovered', description, documents: ['付款凭证', '情况说明'] },
        { kind: 'effect_removed', description: '已向受影响企业书面致歉并公开说明情况', documents: [] },
      ],
    });
  const granted = await file(7, past(20), '已于决定后十日内主动付清全部欠款及利息');
  await decideSelfCorrection(reviewer(past(10)), {
    id: granted.id,
    grant: true,
    measures: [
      { measure: 'honours', effect: 'waived' },
      { measure: 'accountability', effect: 'waived' },
      { measure: 'evaluation', effect: 'lightened' },
    ],
    reason: '主动挽回全部损失并消除不良影响，符合《实施意见》二.5从轻或免于惩戒的情形。',
  });
  const internal = await file(1, past(4), '已全额退还多收取的费用');
  await decideSelfCorrection(reviewer(past(3)), {
    id: internal.id,
    grant: true,
    measures: [{ measure: 'notice', effect: 'lightened' }],
    reason: '主动退还全部费用，有效阻止危害扩大，通报改为内部通报。',
  });
  const refused = await file(8, past(15), '已支付部分欠款');
  await decideSelfCorrection(reviewer(past(6)), {
    id: refused.id,
    grant: false,
    measures: [],
    reason: '仅支付部分欠款，尚未挽回主要损失，不予认定。',
  });
  await file(9, past(2), '已与企业签订还款协议并支付首期款项');
  await file(5, past(30), '已完成全部整改并挽回损失');
  selfCorrections += 5;

  // An objection to an error in collection, on a record approved but not yet published (the regional regulations
  // allow it before publication).
  const [unpublished] = await rows<{ id: string; org_name: string }>(
    ctx.db,
    sql`select r.id::text, o.name as org_name from kernel.current_record r join kernel.org_unit o on o.id = r.org_id
    where r.status = 'approved' and r.subject_kind = 'org' and r.polarity = 'dishonesty' and not r.disputed
    order by r.source_id limit 1`,
  );
  if (unpublished)
    await fileObjection(drafter(past(1)), {
      recordId: unpublished.id,
      applicantKind: 'subject',
      applicantName: unpublished.org_name,
      reasons: '归集的决定书文号与原件不一致，请予核实更正。',
      evidence: [{ name: '决定书复印件', description: '' }],
      concerns: 'collection',
    });
  log(
    `  通报批评 criticism notices: ${notices} (draft, submitted, approved, published, flagged, withdrawn); 主动自新 self-corrections: ${selfCorrections}`,
  );
  return { notices, selfCorrections };
}
