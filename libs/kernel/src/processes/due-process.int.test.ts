/**
 * Due-process review fixes, on the services (and the one procedure that refuses input), against a real database:
 * the public complaint actor, the daily job refusing a future day, eligibility and the integrity file after a broken
 * promise / an archival / a revocation, consequences closed when their record is revoked or repaired, the complaint
 * triage deadline, provisional deadlines, and the smaller fixes. Each test sets its own day (`at`), never the clock.
 */
import { rows } from '@chengxin/db';
import type { TestDatabase } from '@chengxin/db/testing';
import { TRPCError } from '@trpc/server';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EVERYWHERE, createUser } from '../access';
import { kernelRouter } from '../router';
import { createCallerFactory, AppError, newId } from '../core';
import type { Actor, KernelContext } from '../core';
import type { LegalDate } from '@chengxin/contract';
import {
  buildFixture,
  callerContext,
  migratedTestDatabase,
  testAdmin,
  testContext,
  testEngines,
  uniqueSource,
  type Fixture,
} from '../core/testing';
import {
  closeComplaint,
  complaintStatus,
  escalateOverdueComplaints,
  getComplaint,
  listComplaints,
  PUBLIC_COMPLAINT_ACTOR,
  submitComplaint,
  triageComplaint,
} from './complaints';
import { honoursEligibility, integrityFile } from '../file';
import { ingest, transition } from '../records';
import { listNotifications, sendDigests } from './notifications';
import { extendObjection, fileObjection } from './objections';
import {
  closeAccountability,
  explainRectification,
  getRectification,
  listAccountability,
  listRectifications,
  openConsequences,
} from './rectifications';
import { breakRepairPromise, decideRepair, fileRepair, getRepair } from './repairs';
import { answerProposal, listProposals, registerProposal } from './supervision';

async function failure(p: Promise<unknown>): Promise<AppError> {
  const e = await p.then(
    () => null,
    (error: unknown) => error,
  );
  expect(e, 'expected the call to fail').toBeInstanceOf(AppError);
  return e as AppError;
}

describe.each(testEngines())('due-process review fixes on %s', (engine) => {
  let database: TestDatabase;
  let ctx: KernelContext;
  let f: Fixture;
  let serial = 0;
  const at = (day: LegalDate): KernelContext => ({ ...ctx, today: () => day });
  const penalty = (
    orgId: string,
    decisionDate: LegalDate,
    severity: 'minor' | 'ordinary' | 'serious' = 'ordinary',
  ) => ({
    sourceId: uniqueSource(),
    subject: { kind: 'org', orgId },
    typeKey: 'administrative_penalty',
    payload: { penaltyCategories: ['warning'], penaltyContent: '警告' },
    severity,
    facts: '未按合同约定支付中小企业款项',
    legalBasis: '《保障中小企业款项支付条例》第八条',
    decisionNo: `津财罚〔${decisionDate.slice(0, 4)}〕${++serial}号`,
    decisionDate,
    issuingAuthority: '天津市财政局',
  });
  /** A published dishonesty record of the body, entered (published) on `enteredOn`. */
  const publish = async (orgId: string, decisionDate: LegalDate, enteredOn: LegalDate = decisionDate) =>
    (
      await ingest(at(enteredOn), [penalty(orgId, decisionDate)], {
        sourceSystem: 'review',
        initialStatus: 'published',
      })
    ).ids[0]!;
  const reasonIds = async (orgId: string, date: LegalDate) =>
    (await honoursEligibility(database.db, orgId, date)).reasons.map((r) => r.recordId);
  const inFile = async (orgId: string, asOf: LegalDate, recordId: string) =>
    (await integrityFile(database.db, { kind: 'org', orgId }, asOf)).groups
      .flatMap((g) => g.records)
      .find((r) => r.id === recordId)!;

  beforeAll(async () => {
    database = await migratedTestDatabase(engine);
    ctx = testContext(database);
    f = await buildFixture(ctx);
  }, 60_000);
  afterAll(async () => database?.dispose());

  it('jobs.runDaily refuses a day after today (CHENGXIN_TODAY), naming the field, and runs for today', async () => {
    const caller = createCallerFactory(kernelRouter)(callerContext(database.db, testAdmin));
    const pinned = process.env['CHENGXIN_TODAY'];
    process.env['CHENGXIN_TODAY'] = '2026-03-02';
    try {
      const refused = await caller.jobs.runDaily({ day: '2026-03-03' }).then(
        () => null,
        (e: unknown) => e,
      );
      expect(refused).toBeInstanceOf(TRPCError);
      expect((refused as TRPCError).code).toBe('BAD_REQUEST');
      expect((refused as TRPCError).cause).toMatchObject({
        appCode: 'JOB_DAY_IN_FUTURE',
        field: 'day',
        messageZh: expect.stringContaining('2026-03-03'),
        messageEn: expect.stringContaining('future'),
      });
      const [claimed] = await rows<{ n: number }>(
        database.db,
        sql`select count(*)::int as n from kernel.job_run where day = '2026-03-03'`,
      );
      expect(claimed!.n).toBe(0);
      expect(await caller.jobs.runDaily({ day: '2026-03-02' })).toMatchObject({ day: '2026-03-02', skipped: false });
      expect(await caller.jobs.runDaily({})).toMatchObject({
        day: '2026-03-02',
        skipped: true,
        skippedBecause: 'done',
      });
    } finally {
      if (pinned === undefined) delete process.env['CHENGXIN_TODAY'];
      else process.env['CHENGXIN_TODAY'] = pinned;
    }
  });

  it('a complaint sent by a signed-in user is audited under the public actor, never the user', async () => {
    const user: Actor = {
      id: newId(),
      username: 'hexi.officer',
      kind: 'user',
      orgId: f.hexi,
      grants: [
        { role: 'officer', permissions: ['kernel.records.write'], scopeOrgId: f.hexi, scopePath: null, plugins: null },
      ],
    };
    for (const anonymous of [true, false]) {
      const { receiptCode } = await submitComplaint(
        { ...at('2026-03-02'), actor: user },
        {
          category: 'service',
          aboutOrgId: f.hexiStreet,
          content: `窗口服务推诿扯皮${++serial}`,
          anonymous,
          complainantName: '王某',
        },
      );
      const entries = await rows<{ actor_id: string; actor_name: string }>(
        database.db,
        sql`
        select actor_id::text, actor_name from kernel.audit_log where action = 'complaint.submit' and detail->>'receiptCode' = ${receiptCode}`,
      );
      expect(entries).toEqual([{ actor_id: PUBLIC_COMPLAINT_ACTOR.id, actor_name: 'public:complaint' }]);
    }
    const [mine] = await rows<{ n: number }>(
      database.db,
      sql`select count(*)::int as n from kernel.audit_log where actor_id = ${user.id}`,
    );
    expect(mine!.n).toBe(0);
  });

  it('eligibility and the integrity file: a broken promise cancels the repair; an archived repair keeps its end; revoked-then-archived never binds', async () => {
    // Ordinary penalties decided in January 2025 (58号令, issue 25 finding 10): minimum 3 months, maximum 3 years. Corrected:
    // this test read them under the 2019 set (maximum 12 months, 2026-01-10).
    const restored = await publish(f.hexiFinance, '2025-01-10', '2025-01-15');
    const archivedRepair = await publish(f.hexiFinance, '2025-01-12', '2025-01-15');
    const revokedArchived = await publish(f.hexiFinance, '2025-01-14', '2025-01-15');
    const repairs: string[] = [];
    for (const id of [restored, archivedRepair]) {
      const filed = await fileRepair(at('2025-05-06'), {
        recordId: id,
        applicantName: '天津市河西区财政局',
        proof: '已全额支付并取得企业确认',
        promiseSigned: true,
      });
      await decideRepair(at('2025-05-07'), filed.id, true, '已履行义务并签署信用承诺书');
      repairs.push(filed.id);
    }
    expect(await reasonIds(f.hexiFinance, '2025-06-02')).not.toContain(restored);
    await breakRepairPromise(at('2025-06-10'), repairs[0]!, '再次拖欠同一企业款项');
    // Publication restored until the original maximum: the repair no longer ends the window.
    expect(await reasonIds(f.hexiFinance, '2025-06-02')).toContain(restored);
    expect(await inFile(f.hexiFinance, '2025-06-02', restored)).toMatchObject({
      status: 'published',
      effective: true,
      effectiveUntil: '2028-01-10',
    });

    await transition(at('2025-05-08'), 'archive', archivedRepair);
    expect(await reasonIds(f.hexiFinance, '2025-06-02')).not.toContain(archivedRepair);
    expect(await inFile(f.hexiFinance, '2025-06-02', archivedRepair)).toMatchObject({
      status: 'archived',
      effective: false,
      effectiveUntil: '2025-05-07',
    });
    expect(await inFile(f.hexiFinance, '2025-05-06', archivedRepair)).toMatchObject({
      effective: true,
      effectiveUntil: '2025-05-07',
    });

    await transition(at('2025-03-01'), 'revoke', revokedArchived, '原处罚决定已被行政复议撤销');
    await transition(at('2025-03-02'), 'archive', revokedArchived);
    for (const day of ['2025-02-01', '2025-06-02']) {
      expect(await reasonIds(f.hexiFinance, day)).not.toContain(revokedArchived);
      expect(await inFile(f.hexiFinance, day, revokedArchived)).toMatchObject({ status: 'archived', effective: false });
    }
  });

  it('breaking a promise after the maximum publication end expires the record at once', async () => {
    // Decided under the 2019 set (maximum 12 months); corrected from 2025 dates, which now fall under 58号令 (3 years).
    const id = await publish(f.hexiFinance, '2022-01-20', '2022-01-21');
    const filed = await fileRepair(at('2022-05-06'), {
      recordId: id,
      applicantName: '天津市河西区财政局',
      proof: '已全额支付',
      promiseSigned: true,
    });
    await decideRepair(at('2022-05-07'), filed.id, true, '已履行义务并签署信用承诺书');
    await breakRepairPromise(at('2023-02-02'), filed.id, '再次拖欠同一企业款项');
    const events = await rows<{ action: string; to_status: string; day: string }>(
      database.db,
      sql`
      select action, to_status, effective_date::text as day from kernel.record_event where record_id = ${id} order by id`,
    );
    expect(events.slice(-2)).toEqual([
      { action: 'restore', to_status: 'published', day: '2023-02-02' },
      { action: 'expire', to_status: 'expired', day: '2023-02-02' },
    ]);
    expect(await getRepair(at('2023-02-02'), filed.id)).toMatchObject({ status: 'promise_broken' });
  });

  it('the daily consequences step closes the tasks of revoked and repaired records and the repair cases they leave stuck', async () => {
    const revoked = await publish(f.hexiFinance, '2025-03-03');
    const repaired = await publish(f.hexiFinance, '2025-03-04');
    const revokedWhileRepairing = await publish(f.hexiFinance, '2025-03-05');
    await openConsequences(at('2025-03-20'), '2025-03-20');
    const rect = async (recordId: string) =>
      (
        await rows<{ id: string }>(
          database.db,
          sql`select id::text from kernel.rectification where record_id = ${recordId}`,
        )
      )[0]!.id;
    const task = async (recordId: string) =>
      (
        await rows<{ id: string; status: string; outcome: string | null; closed_on: string | null }>(
          database.db,
          sql`
      select id::text, status, outcome, closed_on::text from kernel.accountability_task where record_id = ${recordId}`,
        )
      )[0]!;
    for (const id of [revoked, repaired, revokedWhileRepairing]) expect((await task(id)).status).toBe('open');

    const approved = await fileRepair(at('2025-07-01'), {
      recordId: repaired,
      applicantName: '天津市河西区财政局',
      proof: '已全额支付',
      promiseSigned: true,
    });
    await decideRepair(at('2025-07-01'), approved.id, true, '已履行义务并签署信用承诺书');
    const stuck = await fileRepair(at('2025-07-01'), {
      recordId: revokedWhileRepairing,
      applicantName: '天津市河西区财政局',
      proof: '已全额支付',
      promiseSigned: true,
    });
    await transition(at('2025-07-02'), 'revoke', revokedWhileRepairing, '原处罚决定已被依法撤销');
    await transition(at('2025-07-02'), 'revoke', revoked, '原处罚决定已被依法撤销');

    const result = await openConsequences(at('2025-07-03'), '2025-07-03');
    expect(result.cancelled).toBeGreaterThanOrEqual(7);
    for (const [id, why] of [
      [revoked, '撤销'],
      [repaired, '信用修复'],
      [revokedWhileRepairing, '撤销'],
    ] as const) {
      const r = await getRectification(at('2025-07-03'), await rect(id));
      expect(r).toMatchObject({
        status: 'cancelled',
        cancelledOn: '2025-07-03',
        cancelReason: expect.stringContaining(why),
        escalatedOn: null,
      });
      expect(await task(id)).toMatchObject({
        status: 'cancelled',
        closed_on: '2025-07-03',
        outcome: expect.stringContaining(why),
      });
    }
    expect(await getRepair(at('2025-07-03'), stuck.id)).toMatchObject({
      status: 'cancelled',
      decidedOn: '2025-07-03',
      decisionReason: expect.stringContaining('撤销'),
    });
    const open = await listRectifications(at('2025-07-03'), { status: 'open', limit: 200 }, EVERYWHERE);
    expect(open.map((r) => r.recordId)).not.toContain(revoked);
    expect(
      (await listAccountability(at('2025-07-03'), { status: 'open', limit: 200 }, EVERYWHERE)).map((a) => a.recordId),
    ).not.toContain(revoked);
    expect((await failure(closeAccountability(at('2025-07-04'), (await task(revoked)).id, '诫勉谈话'))).appCode).toBe(
      'ACCOUNTABILITY_CLOSED',
    );
    const [audited] = await rows<{ n: number }>(
      database.db,
      sql`select count(*)::int as n from kernel.audit_log where action in ('rectification.cancel', 'accountability.cancel', 'repair.cancel')`,
    );
    expect(audited!.n).toBe(result.cancelled);
    // Nothing left to close: a second run closes nothing.
    expect((await openConsequences(at('2025-07-04'), '2025-07-04')).cancelled).toBe(0);
  });

  it('opens a rectification for every due record, past one chunk of 5,000', async () => {
    const street = f.hexiStreet;
    const many = Array.from({ length: 5001 }, () => penalty(street, '2026-01-05'));
    const { ids } = await ingest(at('2026-01-06'), many, { sourceSystem: 'review-bulk', initialStatus: 'published' });
    const result = await openConsequences(at('2026-01-07'), '2026-01-07');
    expect(result.rectifications).toBeGreaterThanOrEqual(5001);
    const [n] = await rows<{ n: number }>(
      database.db,
      sql`select count(*)::int as n from kernel.rectification where record_id = any(${sql.param(ids)}::uuid[])`,
    );
    expect(n!.n).toBe(5001);
  }, 120_000);

  it('complaints still received after the triage deadline are overdue, escalated and in the digest', async () => {
    // Filed Monday 2 March 2026: triage due Thursday 5 March; handling (payment, 10 more working days) due 19 March.
    const filed = await submitComplaint(at('2026-03-02'), {
      category: 'payment',
      aboutOrgId: f.nankai,
      content: `南开区拖欠工程款${++serial}`,
      anonymous: true,
    });
    expect(filed).toMatchObject({ triageDue: '2026-03-05', handleDue: '2026-03-19', provisional: false });
    const [row] = await rows<{ id: string }>(
      database.db,
      sql`select id::text from kernel.complaint where receipt_code = ${filed.receiptCode}`,
    );
    const id = row!.id;
    expect(await getComplaint(at('2026-03-05'), id)).toMatchObject({ overdue: false, workingDaysLate: 0 });
    expect(await getComplaint(at('2026-03-06'), id)).toMatchObject({
      status: 'received',
      overdue: true,
      workingDaysLate: 1,
    });
    expect(
      (await listComplaints(at('2026-03-06'), { overdueOnly: true, limit: 200 }, EVERYWHERE)).map((c) => c.id),
    ).toContain(id);

    const reviewer = await createUser(ctx, {
      username: `nankai.reviewer${++serial}`,
      displayName: '南开审核员',
      password: 'a-long-password-1',
      orgId: f.nankai,
      grants: [{ role: 'reviewer', scopeOrgId: f.nankai, plugins: null }],
    });
    await sendDigests(at('2026-03-06'), '2026-03-06');
    expect((await listNotifications(database.db, reviewer.id, false, 10)).map((n) => n.bodyZh)).toEqual([
      expect.stringContaining('投诉举报：1件'),
    ]);

    expect(await escalateOverdueComplaints(at('2026-03-06'), '2026-03-06')).toBeGreaterThanOrEqual(1);
    expect(await getComplaint(at('2026-03-06'), id)).toMatchObject({
      escalatedOn: '2026-03-06',
      escalatedToOrgId: f.city,
    });
    expect(await complaintStatus(database.db, filed.receiptCode)).toMatchObject({ escalated: true });
    // Accepted late: the handling deadline now runs, and it is not passed.
    await triageComplaint(at('2026-03-09'), { id, decision: 'accept' });
    expect(await getComplaint(at('2026-03-09'), id)).toMatchObject({ status: 'accepted', overdue: false });
  });

  it('deadlines counted into a year without the official arrangement are stored and returned as provisional', async () => {
    const late = await publish(f.hexiFinance, '2026-06-01', '2026-06-02');
    const early = await publish(f.hexiFinance, '2026-06-03', '2026-06-04');
    const inDecember = await fileObjection(at('2026-12-28'), {
      recordId: late,
      applicantKind: 'subject',
      applicantName: '天津市河西区财政局',
      reasons: '款项已付清',
      evidence: [],
    });
    expect(inDecember).toMatchObject({
      markDue: '2026-12-29',
      decideDue: expect.stringMatching(/^2027-/),
      provisional: true,
    });
    expect(
      await fileObjection(at('2026-06-10'), {
        recordId: early,
        applicantKind: 'subject',
        applicantName: '天津市河西区财政局',
        reasons: '文号有误',
        evidence: [],
      }),
    ).toMatchObject({ provisional: false });

    const forRepair = await publish(f.hexiFinance, '2026-04-01', '2026-04-02');
    expect(
      await fileRepair(at('2026-12-30'), {
        recordId: forRepair,
        applicantName: '天津市河西区财政局',
        proof: '已全额支付',
        promiseSigned: true,
      }),
    ).toMatchObject({ decideDue: expect.stringMatching(/^2027-/), provisional: true });

    const complaint = await submitComplaint(at('2026-12-21'), {
      category: 'payment',
      aboutOrgId: f.hexiFinance,
      content: `年底拖欠款项${++serial}`,
      anonymous: true,
    });
    expect(complaint).toMatchObject({
      triageDue: '2026-12-24',
      handleDue: expect.stringMatching(/^2027-/),
      provisional: true,
    });
    expect(await complaintStatus(database.db, complaint.receiptCode)).toMatchObject({ provisional: true });

    const fresh = await publish(f.hexiFinance, '2026-12-01', '2026-12-02');
    await openConsequences(at('2026-12-28'), '2026-12-28');
    const [r] = await rows<{ id: string }>(
      database.db,
      sql`select id::text from kernel.rectification where record_id = ${fresh}`,
    );
    expect(await getRectification(at('2026-12-28'), r!.id)).toMatchObject({
      explanationDue: expect.stringMatching(/^2027-/),
      provisional: true,
    });
  });

  it("smaller fixes: re-filing a referred complaint, no extension once overdue, a cap on the plan's own completion date", async () => {
    const content = `街道承诺的停车位未兑现${++serial}`;
    const first = await submitComplaint(at('2026-04-01'), {
      category: 'promise',
      aboutOrgId: f.hexiStreet,
      content,
      anonymous: true,
    });
    expect(
      (
        await failure(
          submitComplaint(at('2026-04-01'), {
            category: 'promise',
            aboutOrgId: f.hexiStreet,
            content,
            anonymous: true,
          }),
        )
      ).appCode,
    ).toBe('COMPLAINT_DUPLICATE');
    const [c] = await rows<{ id: string }>(
      database.db,
      sql`select id::text from kernel.complaint where receipt_code = ${first.receiptCode}`,
    );
    await triageComplaint(at('2026-04-02'), { id: c!.id, decision: 'not_ours', note: '属区住建委职责，已告知' });
    expect(
      (
        await submitComplaint(at('2026-04-10'), {
          category: 'promise',
          aboutOrgId: f.hexiStreet,
          content,
          anonymous: true,
        })
      ).receiptCode,
    ).not.toBe(first.receiptCode);
    const closing = await submitComplaint(at('2026-04-10'), {
      category: 'promise',
      aboutOrgId: f.hexiStreet,
      content: `${content}（二）`,
      anonymous: true,
    });
    const [c2] = await rows<{ id: string }>(
      database.db,
      sql`select id::text from kernel.complaint where receipt_code = ${closing.receiptCode}`,
    );
    await triageComplaint(at('2026-04-10'), { id: c2!.id, decision: 'accept' });
    await closeComplaint(at('2026-04-20'), { id: c2!.id, outcome: '已督促兑现', substantiated: true });
    await submitComplaint(at('2026-04-21'), {
      category: 'promise',
      aboutOrgId: f.hexiStreet,
      content: `${content}（二）`,
      anonymous: true,
    });

    // Extending on the due day is still in time; a day after it, it is refused.
    const onTime = await fileObjection(at('2026-05-06'), {
      recordId: await publish(f.hexiFinance, '2026-04-20', '2026-04-21'),
      applicantKind: 'subject',
      applicantName: '甲',
      reasons: '有误',
      evidence: [],
    });
    expect(await extendObjection(at(onTime.decideDue), onTime.id, '需税务部门核实')).toMatchObject({
      status: 'extended',
    });
    const late = await fileObjection(at('2026-05-06'), {
      recordId: await publish(f.hexiFinance, '2026-04-21', '2026-04-22'),
      applicantKind: 'subject',
      applicantName: '乙',
      reasons: '有误',
      evidence: [],
    });
    const refused = await failure(extendObjection(at('2026-06-01'), late.id, '需税务部门核实'));
    expect(refused).toMatchObject({
      kind: 'CONFLICT',
      appCode: 'OBJECTION_OVERDUE',
      messageZh: expect.stringContaining(late.decideDue),
    });

    const record = await publish(f.hexiFinance, '2026-05-11', '2026-05-12');
    await openConsequences(at('2026-05-13'), '2026-05-13');
    const [x] = await rows<{ id: string }>(
      database.db,
      sql`select id::text from kernel.rectification where record_id = ${record}`,
    );
    const plan = { id: x!.id, explanation: '审批环节过多导致逾期付款', plan: '建立付款台账，压缩审批环节' };
    const tooLate = await failure(explainRectification(at('2026-05-14'), { ...plan, completionDue: '2028-05-14' }));
    expect(tooLate).toMatchObject({
      kind: 'BAD_REQUEST',
      appCode: 'COMPLETION_DUE_TOO_LATE',
      field: 'completionDue',
      messageZh: expect.stringMatching(/不得晚于2026-/),
    });
    expect(await explainRectification(at('2026-05-14'), { ...plan, completionDue: '2026-09-30' })).toMatchObject({
      status: 'in_progress',
      completionDue: '2026-09-30',
    });
  });

  it('proposal figures count every proposal in scope, not only the page returned', async () => {
    const reg = (code: string, receivedOn: LegalDate, dueOn: LegalDate) =>
      registerProposal(at(receivedOn), {
        kind: 'npc_suggestion',
        code,
        title: '关于及时支付中小企业账款的建议',
        handlingOrgId: f.hexiStreet,
        receivedOn,
        dueOn,
      });
    const onTime = await reg('第0001号', '2026-01-05', '2026-04-03');
    const late = await reg('第0002号', '2026-01-06', '2026-04-03');
    await reg('第0003号', '2026-01-07', '2026-04-03');
    await answerProposal(at('2026-03-01'), onTime.id, 'satisfied');
    await answerProposal(at('2026-04-20'), late.id, 'basically_satisfied');
    const stats = await listProposals(at('2026-06-01'), EVERYWHERE, 1);
    expect(stats.items).toHaveLength(1);
    expect(stats).toMatchObject({ answered: 2, onTime: 1, overdue: 2, satisfied: 1 });
  });
});
