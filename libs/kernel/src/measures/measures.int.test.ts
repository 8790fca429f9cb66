/**
 * Public criticism notices, self-correction and objections beyond published records, on the services against a real
 * database (both engines). Each step sets its own day (`at`), never the clock.
 */
import { rows } from '@chengxin/db';
import type { TestDatabase } from '@chengxin/db/testing';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LegalDate } from '@chengxin/contract';
import { AppError, systemActor, type KernelContext } from '../core';
import {
  buildFixture,
  idNumberFor,
  migratedTestDatabase,
  testContext,
  testEngines,
  uniqueSource,
  type Fixture,
} from '../core/testing';
import { honoursEligibility, integrityFile, annualAssessment } from '../file';
import { ingest, transition } from '../records';
import {
  explainRectification,
  fileObjection,
  getRectification,
  listAccountability,
  openConsequences,
} from '../processes';
import { nextBatch } from '../exchange';
import { kernelIndicator } from '../evaluation';
import {
  draftNotice,
  listNotices,
  publishedNotices,
  publishNotice,
  reviewNotice,
  submitNotice,
  updateNotice,
  withdrawNotice,
} from './notices';
import { decideSelfCorrection, fileSelfCorrection, listSelfCorrections } from './self-corrections';
import { createPerson } from '../registry';

async function failure(p: Promise<unknown>): Promise<AppError> {
  const e = await p.then(
    () => null,
    (error: unknown) => error,
  );
  expect(e, 'expected the call to fail').toBeInstanceOf(AppError);
  return e as AppError;
}

const DRAFTER = systemActor('01900000-0000-7000-8000-00000000d001', 'drafter');
const REVIEWER = systemActor('01900000-0000-7000-8000-00000000d002', 'second-reviewer');

describe.each(testEngines())('criticism notices and self-correction on %s', (engine) => {
  let database: TestDatabase;
  let ctx: KernelContext;
  let f: Fixture;
  let serial = 0;
  const at = (day: LegalDate, actor = ctx.actor): KernelContext => ({ ...ctx, actor, today: () => day });
  const penalty = (orgId: string, decisionDate: LegalDate) => ({
    sourceId: uniqueSource(),
    subject: { kind: 'org', orgId },
    typeKey: 'administrative_penalty',
    severity: 'ordinary',
    facts: '拖欠中小企业货款，经办人手机13812345678',
    legalBasis: '《保障中小企业款项支付条例》第八条',
    decisionNo: `津财罚〔${decisionDate.slice(0, 4)}〕${++serial}号`,
    decisionDate,
    issuingAuthority: '天津市财政局',
    disclosureScope: 'public',
    payload: { penaltyCategories: ['warning'], penaltyContent: '给予警告' },
  });
  /** A record entered on its decision day (the file "as of D" shows what was entered by D). */
  const record = async (orgId: string, decisionDate: LegalDate, initialStatus = 'published') => {
    const id = (
      await ingest(at(decisionDate), [penalty(orgId, decisionDate)], {
        sourceSystem: 'measures',
        initialStatus: initialStatus as 'published',
      })
    ).ids[0]!;
    await database.db.execute(
      sql`update kernel.credit_record set created_at = ${`${decisionDate}T09:00:00+08:00`}::timestamptz where id = ${id}`,
    );
    return id;
  };
  const notice = (recordIds: string[], over: Partial<Parameters<typeof draftNotice>[1]> = {}) => ({
    issuerOrgId: f.hexi,
    targetOrgId: f.hexiFinance,
    title: '关于河西区财政局拖欠中小企业账款问题的通报',
    documentNo: '河西政通〔2026〕1号',
    recordIds,
    facts: '河西区财政局拖欠中小企业货款，造成不良影响。',
    rectificationDemand: '立即清偿欠款，完善付款台账',
    rectificationDue: '2026-06-30',
    ...over,
  });

  beforeAll(async () => {
    database = await migratedTestDatabase(engine);
    ctx = testContext(database);
    f = await buildFixture(ctx);
  }, 60_000);
  afterAll(async () => database?.dispose());

  it('a notice is issued only by the authority above the body, on its published records', async () => {
    const rec = await record(f.hexiFinance, '2026-03-02');
    const day = at('2026-03-10', DRAFTER);
    expect((await failure(draftNotice(day, notice([rec], { issuerOrgId: f.nankai })))).appCode).toBe(
      'NOTICE_ISSUER_NOT_ABOVE',
    );
    expect(
      (await failure(draftNotice(day, notice([rec], { issuerOrgId: f.hexiFinance, targetOrgId: f.hexi })))).field,
    ).toBe('issuerOrgId');
    // A district's street: the district issues; the city issues for the district itself.
    const other = await record(f.nankai, '2026-03-02');
    const wrong = await failure(draftNotice(day, notice([other])));
    expect(wrong).toMatchObject({ appCode: 'NOTICE_RECORD_NOT_OF_BODY', field: 'recordIds.0' });
    const draft = await record(f.hexiFinance, '2026-03-02', 'draft');
    expect(await failure(draftNotice(day, notice([draft])))).toMatchObject({
      appCode: 'NOTICE_RECORD_NOT_PUBLISHED',
      field: 'recordIds.0',
    });
    expect((await failure(draftNotice(day, notice([rec], { rectificationDue: '2026-03-10' })))).field).toBe(
      'rectificationDue',
    );
    const hexiRecord = await record(f.hexi, '2026-03-02');
    const byCity = await draftNotice(day, notice([hexiRecord], { issuerOrgId: f.city, targetOrgId: f.hexi }));
    expect(byCity).toMatchObject({ status: 'draft', issuerName: '天津市人民政府', targetName: '天津市河西区人民政府' });
  });

  it('draft → second-person review → published: on the portal masked, in the honours answer, rectification opened', async () => {
    const rec = await record(f.hexiFinance, '2026-03-02');
    // A notice is public: personal data is refused at the door (and masked on the way out besides).
    expect(
      await failure(
        draftNotice(
          at('2026-03-10', DRAFTER),
          notice([rec], { facts: '经办人张某，身份证号120103197001010014，拖欠货款' }),
        ),
      ),
    ).toMatchObject({ appCode: 'NOTICE_PERSONAL_DATA', field: 'facts' });
    const n = await draftNotice(at('2026-03-10', DRAFTER), notice([rec]));
    expect(n).toMatchObject({ status: 'draft', draftedOn: '2026-03-10', onPortal: false });
    expect(
      (
        await failure(
          updateNotice(at('2026-03-10', DRAFTER), { id: n.id, rectificationDemand: '联系电话022-23456789' }),
        )
      ).field,
    ).toBe('rectificationDemand');
    expect(
      (await updateNotice(at('2026-03-10', DRAFTER), { id: n.id, title: '关于河西区财政局的通报批评' })).title,
    ).toBe('关于河西区财政局的通报批评');
    await submitNotice(at('2026-03-11', DRAFTER), n.id);
    expect((await failure(reviewNotice(at('2026-03-12', DRAFTER), n.id, true, '同意'))).appCode).toBe(
      'NOTICE_SELF_REVIEW',
    );
    expect((await failure(publishNotice(at('2026-03-12', REVIEWER), n.id))).appCode).toBe('NOTICE_ILLEGAL_STEP');
    const returned = await reviewNotice(at('2026-03-12', REVIEWER), n.id, false, '请补充整改要求');
    expect(returned).toMatchObject({ status: 'draft', reviewNote: '请补充整改要求' });
    await submitNotice(at('2026-03-13', DRAFTER), n.id);
    expect(await reviewNotice(at('2026-03-16', REVIEWER), n.id, true, '事实清楚，同意发布')).toMatchObject({
      status: 'approved',
      reviewedOn: '2026-03-16',
    });
    const published = await publishNotice(at('2026-03-17', REVIEWER), n.id);
    expect(published).toMatchObject({ status: 'published', publishedOn: '2026-03-17', onPortal: true, flagZh: null });
    // The linked rectification: opened on publication, explanation due 10 working days on.
    const rect = await getRectification(at('2026-03-17'), published.rectificationId!);
    expect(rect).toMatchObject({
      recordId: rec,
      status: 'awaiting_explanation',
      requiredOn: '2026-03-17',
      explanationDue: '2026-03-31',
    });
    // The daily job does not open a second one for the same record.
    await openConsequences(at('2026-03-18'), '2026-03-18');
    const [count] = await rows<{ n: number }>(
      database.db,
      sql`select count(*)::int as n from kernel.rectification where record_id = ${rec}`,
    );
    expect(count!.n).toBe(1);

    const portal = await publishedNotices(database.db, { targetOrgId: f.hexiFinance, limit: 20, offset: 0 });
    const shown = portal.items.find((x) => x.id === n.id)!;
    expect(shown).toMatchObject({
      issuerName: '天津市河西区人民政府',
      targetName: '天津市河西区财政局',
      publishedOn: '2026-03-17',
    });
    expect(shown.facts).toBe('河西区财政局拖欠中小企业货款，造成不良影响。');
    expect(JSON.stringify(shown)).not.toMatch(/reviewNote|draftedBy|同意发布/);
    expect(
      (await publishedNotices(database.db, { underOrgId: f.hexi, limit: 20, offset: 0 })).items.map((x) => x.id),
    ).toContain(n.id);
    expect((await publishedNotices(database.db, { underOrgId: f.nankai, limit: 20, offset: 0 })).items).toHaveLength(0);

    const honours = await honoursEligibility(database.db, f.hexiFinance, '2026-04-01');
    expect(honours.eligible).toBe(false);
    expect(honours.notices).toEqual([
      expect.objectContaining({ noticeId: n.id, ruleId: 'honours.notice', publishedOn: '2026-03-17' }),
    ]);
    expect(honours.notices[0]!.source.law).toContain('津政发〔2017〕29号');
    expect((await honoursEligibility(database.db, f.hexiFinance, '2026-03-16')).notices).toHaveLength(0);

    const file = await integrityFile(database.db, { kind: 'org', orgId: f.hexiFinance }, '2026-04-01');
    expect(file.sections.processes).toContainEqual(
      expect.objectContaining({ kind: 'notice', id: n.id, kindZh: '公开通报批评', statusZh: '已发布' }),
    );
  });

  it('a revoked record flags its notice and takes it off the portal at once; withdrawal needs a reason', async () => {
    const rec = await record(f.hexiFinance, '2026-03-02');
    const n = await draftNotice(at('2026-03-10', DRAFTER), notice([rec], { title: '撤销测试通报' }));
    await submitNotice(at('2026-03-10', DRAFTER), n.id);
    await reviewNotice(at('2026-03-11', REVIEWER), n.id, true, '同意发布');
    await publishNotice(at('2026-03-11', REVIEWER), n.id);
    await transition(at('2026-04-01'), 'revoke', rec, '行政复议撤销原处罚决定');
    const flagged = await listNotices(at('2026-04-01'), { flaggedOnly: true, limit: 50 }, ctx.scope);
    expect(flagged.find((x) => x.id === n.id)).toMatchObject({
      flagZh: '所依据的失信记录已撤销，须撤回通报',
      onPortal: false,
    });
    expect(
      (await publishedNotices(database.db, { targetOrgId: f.hexiFinance, limit: 50, offset: 0 })).items.map(
        (x) => x.id,
      ),
    ).not.toContain(n.id);
    const withdrawn = await withdrawNotice(at('2026-04-02', REVIEWER), n.id, '所依据的处罚决定已被撤销');
    expect(withdrawn).toMatchObject({ status: 'withdrawn', withdrawnOn: '2026-04-02', flagZh: null });
    expect((await failure(withdrawNotice(at('2026-04-02', REVIEWER), n.id, '再次撤回'))).appCode).toBe(
      'NOTICE_ILLEGAL_STEP',
    );
  });

  it('a self-correction decision lightens or waives named measures, cites plan 二.5 and never erases the record', async () => {
    const principal = await createPerson(ctx, {
      name: '赵主任',
      idNumber: idNumberFor('120103', '1970-01-01', 14),
      tenure: { orgId: f.hexiStreet, postTitle: '主任', principal: true, startDate: '2020-01-01' },
    });
    expect(principal.id).toBeTruthy();
    const rec = await record(f.hexiStreet, '2026-02-02');
    await openConsequences(at('2026-02-03'), '2026-02-03');
    const before = await honoursEligibility(database.db, f.hexiStreet, '2026-05-06');
    expect(before.eligible).toBe(false);
    expect(before.mitigations).toEqual([]);
    const filed = await fileSelfCorrection(at('2026-04-01', DRAFTER), {
      recordId: rec,
      applicantName: '河西区友谊路街道办事处',
      evidence: [
        { kind: 'loss_recovered', description: '已主动付清全部欠款及利息', documents: ['银行回单'] },
        { kind: 'effect_removed', description: '已向企业书面致歉并公开说明', documents: [] },
      ],
    });
    expect(filed).toMatchObject({
      status: 'under_review',
      filedOn: '2026-04-01',
      decideDue: '2026-04-23',
      overdue: false,
    });
    expect(filed.rule.article).toContain('二.5');
    expect(
      (
        await failure(
          fileSelfCorrection(at('2026-04-02', DRAFTER), {
            recordId: rec,
            applicantName: '再次',
            evidence: filed.evidence,
          }),
        )
      ).appCode,
    ).toBe('SELF_CORRECTION_OPEN');
    expect(
      (
        await failure(
          decideSelfCorrection(at('2026-04-10', DRAFTER), {
            id: filed.id,
            grant: true,
            measures: [{ measure: 'honours', effect: 'waived' }],
            reason: '主动挽回全部损失，消除不良影响',
          }),
        )
      ).appCode,
    ).toBe('SELF_CORRECTION_SELF_DECIDE');
    const decided = await decideSelfCorrection(at('2026-04-10', REVIEWER), {
      id: filed.id,
      grant: true,
      measures: [
        { measure: 'honours', effect: 'waived' },
        { measure: 'notice', effect: 'waived' },
        { measure: 'evaluation', effect: 'lightened' },
        { measure: 'accountability', effect: 'waived' },
      ],
      reason: '主动挽回全部损失，消除不良影响，符合从轻或免于惩戒条件',
    });
    expect(decided).toMatchObject({ status: 'decided', granted: true, decidedOn: '2026-04-10' });
    expect(decided.measures[0]!.textZh).toMatch(/^免于评优评先限制.*依据：.*津政发〔2017〕29号.*二\.5/);

    // Before the decision the bar held; from its day it does not, and the answer says why.
    expect((await honoursEligibility(database.db, f.hexiStreet, '2026-04-09')).eligible).toBe(false);
    const after = await honoursEligibility(database.db, f.hexiStreet, '2026-05-06');
    expect(after.eligible).toBe(true);
    expect(after.summaryZh).toContain('主动自新');
    expect(after.mitigations).toContainEqual(
      expect.objectContaining({
        recordId: rec,
        measure: 'honours',
        effect: 'waived',
        applied: true,
        decidedOn: '2026-04-10',
      }),
    );
    expect(after.mitigations.find((m) => m.measure === 'evaluation')).toMatchObject({
      applied: false,
      effect: 'lightened',
    });

    // The record itself is untouched; the file says why.
    const [r] = await rows<{ status: string }>(
      database.db,
      sql`select status from kernel.credit_record where id = ${rec}`,
    );
    expect(r!.status).toBe('published');
    const file = await integrityFile(database.db, { kind: 'org', orgId: f.hexiStreet }, '2026-05-06');
    const entry = file.sections.processes.find((p) => p.kind === 'self_correction')!;
    expect(entry).toMatchObject({ id: filed.id, statusZh: '已决定', closedOn: '2026-04-10' });
    expect(entry.detailZh).toContain('免于评优评先限制');
    expect(entry.detailZh).toContain('从轻实施政务诚信评价扣分');
    // As of a day before the decision the file shows it under review.
    const earlier = await integrityFile(database.db, { kind: 'org', orgId: f.hexiStreet }, '2026-04-05');
    expect(earlier.sections.processes.find((p) => p.kind === 'self_correction')).toMatchObject({
      status: 'open',
      detailZh: null,
    });

    // Accountability: the open task was closed with the reason; the daily job opens none again.
    const tasks = (await listAccountability(ctx, { limit: 200 }, ctx.scope)).filter((t) => t.recordId === rec);
    expect(tasks).toHaveLength(1);
    expect(tasks[0]).toMatchObject({ status: 'cancelled', closedOn: '2026-04-10' });
    expect(tasks[0]!.outcome).toContain('主动自新');
    await openConsequences(at('2026-04-11'), '2026-04-11');
    expect((await listAccountability(ctx, { limit: 200 }, ctx.scope)).filter((t) => t.recordId === rec)).toHaveLength(
      1,
    );

    // Notice waived: no notice may rest on the record.
    const refused = await failure(
      draftNotice(at('2026-04-12', DRAFTER), notice([rec], { targetOrgId: f.hexiStreet, title: '街道通报' })),
    );
    expect(refused).toMatchObject({ appCode: 'NOTICE_WAIVED', field: 'recordIds.0' });

    // Evaluation: the deduction counts at the lightened factor (0.5 by default).
    const dishonesty = kernelIndicator('kernel.dishonesty')!;
    const [contribution] = await rows<{ amount: string }>(
      database.db,
      sql`select amount::text from (${dishonesty.contributions({
        orgMap: sql`(select id as org_id, id as body_id from kernel.org_unit where id = ${f.hexiStreet})`,
        from: '2026-01-01',
        to: '2026-12-31',
        cutoff: '2026-12-31',
        year: 2026,
        params: { minor: 1, ordinary: 3, serious: 10, lookbackYears: 3, decay: 0.5, selfCorrected: 0.5 },
      })}) as c(body_id, entity, entity_id, amount) where entity_id = ${rec}`,
    );
    expect(Number(contribution!.amount)).toBe(1.5);

    expect((await listSelfCorrections(ctx, { recordId: rec, limit: 10 }, ctx.scope)).map((s) => s.id)).toEqual([
      filed.id,
    ]);
  });

  it('a lightened honours bar runs to the minimum publication end; a refusal names no measure and changes nothing', async () => {
    const rec = await record(f.hexiFinance, '2025-06-02');
    const filed = await fileSelfCorrection(at('2025-07-01', DRAFTER), {
      recordId: rec,
      applicantName: '河西区财政局',
      evidence: [{ kind: 'harm_prevented', description: '及时停止违约行为，未造成损失', documents: [] }],
    });
    const decided = await decideSelfCorrection(at('2025-07-02', REVIEWER), {
      id: filed.id,
      grant: true,
      measures: [{ measure: 'honours', effect: 'lightened' }],
      reason: '有效阻止危害结果发生，从轻处理',
    });
    expect(decided.measures[0]!.textZh).toContain('从轻实施评优评先限制');
    const [r] = await rows<{ min_end: string }>(
      database.db,
      sql`select publication_min_end::text as min_end from kernel.current_record where id = ${rec}`,
    );
    const minEnd = r!.min_end;
    expect(minEnd).toBe('2025-09-02');
    expect(
      (await honoursEligibility(database.db, f.hexiFinance, '2025-09-01')).reasons.map((x) => x.recordId),
    ).toContain(rec);
    expect(
      (await honoursEligibility(database.db, f.hexiFinance, '2025-09-02')).reasons.map((x) => x.recordId),
    ).not.toContain(rec);

    const other = await record(f.hexiFinance, '2025-06-03');
    const second = await fileSelfCorrection(at('2025-07-01', DRAFTER), {
      recordId: other,
      applicantName: '河西区财政局',
      evidence: [{ kind: 'loss_recovered', description: '部分挽回损失', documents: [] }],
    });
    const refusedDecision = await decideSelfCorrection(at('2025-07-03', REVIEWER), {
      id: second.id,
      grant: false,
      measures: [],
      reason: '证明材料不足以认定主动挽回损失',
    });
    expect(refusedDecision).toMatchObject({ granted: false, measures: [] });
    expect(
      (await honoursEligibility(database.db, f.hexiFinance, '2025-10-01')).reasons.map((x) => x.recordId),
    ).toContain(other);
  });

  it("a person's plan bar on 优秀 follows a waiver; the statutory bar of a warning does not", async () => {
    const [rec] = (
      await ingest(
        at('2025-03-03'),
        [
          {
            ...penalty(f.hexiFinance, '2025-03-03'),
            subject: { kind: 'person', personId: f.official },
            typeKey: 'disciplinary_sanction',
            sanctionType: 'warning',
            disclosureScope: 'government',
          },
        ],
        { sourceSystem: 'measures', initialStatus: 'published' },
      )
    ).ids;
    const before = await annualAssessment(database.db, f.official, 2025);
    expect(before.bySource.find((b) => b.source === 'plan')!.mayBeExcellent).toBe(false);
    const filed = await fileSelfCorrection(at('2025-04-01', DRAFTER), {
      recordId: rec!,
      applicantName: '张建国',
      evidence: [{ kind: 'effect_removed', description: '主动消除不良影响', documents: [] }],
    });
    await decideSelfCorrection(at('2025-04-02', REVIEWER), {
      id: filed.id,
      grant: true,
      measures: [{ measure: 'honours', effect: 'waived' }],
      reason: '主动消除不良影响，免于评优限制',
    });
    // The plan's bar held from 3 March to the decision on 2 April: 2025 stays barred, 2026 is free of it.
    const answer2026 = await annualAssessment(database.db, f.official, 2026);
    expect(answer2026.bySource.find((b) => b.source === 'plan')!.mayBeExcellent).toBe(true);
    expect(answer2026.mitigations).toContainEqual(expect.objectContaining({ recordId: rec, applied: true }));
    const answer2025 = await annualAssessment(database.db, f.official, 2025);
    expect(answer2025.bySource.find((b) => b.source === 'assessment-rules')!.mayBeExcellent).toBe(false);
    expect(answer2025.mayBeExcellent).toBe(false);
  });

  it('an objection may be filed on an approved (unpublished) record and on a shared item, naming its batch', async () => {
    const approved = await record(f.hexiFinance, '2026-05-06', 'approved');
    const o = await fileObjection(at('2026-05-07'), {
      recordId: approved,
      applicantKind: 'subject',
      applicantName: '河西区财政局',
      reasons: '归集的处罚决定书文号有误',
      evidence: [],
    });
    expect(o).toMatchObject({
      concerns: 'collection',
      exchangeItem: null,
      status: 'under_review',
      decideDue: '2026-05-13',
    });

    const shared = await record(f.hexiFinance, '2026-05-06');
    const batch = await nextBatch(at('2026-05-07'), 'government', 'json', 10_000);
    expect(batch).not.toBeNull();
    const [change] = await rows<{ seq: string }>(
      database.db,
      sql`select seq::text from kernel.exchange_change where channel = 'government' and record_id = ${shared} order by seq limit 1`,
    );
    const seq = Number(change!.seq);
    const onItem = await fileObjection(at('2026-05-07'), {
      recordId: shared,
      applicantKind: 'subject',
      applicantName: '河西区财政局',
      reasons: '共享给其他部门的信息中金额有误',
      evidence: [],
      exchangeItem: { channel: 'government', seq },
    });
    expect(onItem).toMatchObject({
      concerns: 'sharing',
      exchangeItem: { channel: 'government', seq, batchNo: batch!.batch.batchNo },
    });
    const wrongItem = await failure(
      fileObjection(at('2026-05-07'), {
        recordId: approved,
        applicantKind: 'subject',
        applicantName: '河西区财政局',
        reasons: '另一条',
        evidence: [],
        exchangeItem: { channel: 'government', seq },
      }),
    );
    expect(wrongItem.appCode).toBe('OBJECTION_ITEM_NOT_FOUND');
    const draft = await record(f.hexiFinance, '2026-05-06', 'draft');
    expect(
      await failure(
        fileObjection(at('2026-05-07'), {
          recordId: draft,
          applicantKind: 'subject',
          applicantName: '河西区财政局',
          reasons: '草稿',
          evidence: [],
        }),
      ),
    ).toMatchObject({ appCode: 'OBJECTION_RECORD_STATE', field: 'recordId' });
    const third = await record(f.hexiFinance, '2026-05-06');
    expect(
      await failure(
        fileObjection(at('2026-05-07'), {
          recordId: third,
          applicantKind: 'subject',
          applicantName: '河西区财政局',
          reasons: '条目不属于该记录',
          evidence: [],
          exchangeItem: { channel: 'government', seq },
        }),
      ),
    ).toMatchObject({ appCode: 'OBJECTION_ITEM_NOT_FOUND', field: 'exchangeItem.seq' });
  });

  it('the free-text mitigation note is refused, pointing to the self-correction application', async () => {
    const rec = await record(f.hexiFinance, '2026-06-01');
    await openConsequences(at('2026-06-02'), '2026-06-02');
    const [x] = await rows<{ id: string }>(
      database.db,
      sql`select id::text from kernel.rectification where record_id = ${rec}`,
    );
    const e = await failure(
      explainRectification(at('2026-06-03'), {
        id: x!.id,
        explanation: '因审批流程过长导致逾期付款',
        plan: '压缩审批环节，建立付款台账',
        mitigation: '已主动付清',
      }),
    );
    expect(e).toMatchObject({ appCode: 'MITIGATION_MOVED', field: 'mitigation' });
  });
});
