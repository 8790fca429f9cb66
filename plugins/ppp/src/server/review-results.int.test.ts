import { rows, sql } from '@chengxin/plugin-sdk';
import { createPluginHarness, refusalOf, testEngines, type PluginHarness } from '@chengxin/plugin-sdk/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ProjectInput } from '../contract';
import { pppPlugin } from './plugin';
import { COMMENDATION_TYPE, RESULT_FAILED_TYPE } from './results';
import { reviewState } from './review';

const TODAY = '2026-11-20';

async function refused(call: Promise<unknown>, appCode: string, field?: string) {
  const refusal = await refusalOf(call);
  expect(refusal, `expected ${appCode}`).not.toBeNull();
  expect(refusal!.appCode).toBe(appCode);
  if (field) expect(refusal!.field).toBe(field);
}

describe('reviewState', () => {
  it('judges the review against the signing day, inclusive', () => {
    expect(reviewState(null, [])).toBe('not_signed');
    expect(reviewState('2020-01-15', [])).toBe('unreviewed');
    expect(reviewState('2020-01-15', [{ reviewedOn: '2020-01-15', conclusion: 'approved' }])).toBe('reviewed');
    expect(reviewState('2020-01-15', [{ reviewedOn: '2020-01-16', conclusion: 'approved' }])).toBe(
      'reviewed_after_signing',
    );
    expect(
      reviewState('2020-01-15', [
        { reviewedOn: '2020-01-02', conclusion: 'approved_with_changes' },
        { reviewedOn: '2020-01-10', conclusion: 'rejected' },
      ]),
    ).toBe('signed_despite_rejection');
    expect(
      reviewState('2020-01-15', [
        { reviewedOn: '2020-01-02', conclusion: 'rejected' },
        { reviewedOn: '2020-01-10', conclusion: 'approved_with_changes' },
      ]),
    ).toBe('reviewed');
  });
});

describe.each(testEngines())('ppp contract review and performance results on %s', (engine) => {
  let h: PluginHarness<typeof pppPlugin.router>;
  const projectIn = (over: Partial<ProjectInput> = {}): ProjectInput => ({
    orgId: h.fixture.hexiFinance,
    name: '河西区体育中心PPP项目',
    sector: '体育',
    partnerName: '天津体育发展有限公司',
    partnerUscc: '91120103MA05XK8T4H',
    phase: 'execution',
    paymentMechanism: 'viability_gap',
    startDate: '2019-05-06',
    agreementDate: '2020-01-15',
    termYears: 20,
    risks: [],
    ocid: null,
    ...over,
  });
  const officer = () => h.caller('officer', { scopeOrgId: h.fixture.hexi });

  beforeAll(async () => {
    process.env['CHENGXIN_TODAY'] = TODAY;
    h = await createPluginHarness(pppPlugin, engine);
    await h.enable(null);
  });
  afterAll(async () => {
    delete process.env['CHENGXIN_TODAY'];
    await h.dispose();
  });

  it('records the review before signing and flags an agreement signed without one', async () => {
    const signed = await officer().plugin.projects.create(projectIn());
    const unsigned = await officer().plugin.projects.create(projectIn({ name: '未签约项目', agreementDate: null }));
    const list = await officer().plugin.reviews.list({});
    expect(list.find((r) => r.projectId === signed.id)).toMatchObject({
      state: 'unreviewed',
      stateZh: '签署前未经审查',
      finding: 'PPP协议于2020-01-15签署，签署前未经政府合同审查。',
      reviews: [],
    });
    expect(list.find((r) => r.projectId === unsigned.id)).toMatchObject({ state: 'not_signed', finding: null });
    expect((await officer().plugin.reviews.list({ state: 'unreviewed' })).map((r) => r.projectId)).toEqual([signed.id]);

    const late = await officer().plugin.reviews.record({
      projectId: signed.id,
      reviewedOn: '2020-02-03',
      reviewer: '河西区司法局',
      conclusion: 'approved',
      findings: '补充审查：付费条款符合规定',
    });
    expect(late).toMatchObject({
      state: 'reviewed_after_signing',
      finding: 'PPP协议于2020-01-15签署，合同审查在签署之后才进行。',
    });
    const onTime = await officer().plugin.reviews.record({
      projectId: signed.id,
      reviewedOn: '2020-01-15',
      reviewer: '河西区财政局',
      conclusion: 'approved_with_changes',
      findings: '调价机制须写明触发条件；已修改',
    });
    expect(onTime).toMatchObject({ state: 'reviewed', stateZh: '签署前已审查', finding: null });
    expect(onTime.reviews.map((r) => [r.reviewedOn, r.conclusionZh])).toEqual([
      ['2020-01-15', '修改后同意签署'],
      ['2020-02-03', '同意签署'],
    ]);
    expect(await h.auditCount(['ppp.review.record'])).toBe(2);

    await refused(
      officer().plugin.reviews.record({
        projectId: signed.id,
        reviewedOn: '2026-11-21',
        reviewer: '河西区司法局',
        conclusion: 'approved',
        findings: '—',
      }),
      'DATE_IN_FUTURE',
      'reviewedOn',
    );
    await refused(
      officer().plugin.reviews.record({
        projectId: signed.id,
        reviewedOn: '2020-01-10',
        reviewer: '',
        conclusion: 'approved',
        findings: '—',
      }),
      'INPUT_INVALID',
      'reviewer',
    );
    // Outside the caller's district: refused, nothing written.
    const nankai = await h.caller('officer').plugin.projects.create(projectIn({ orgId: h.fixture.nankai }));
    await refused(
      officer().plugin.reviews.record({
        projectId: nankai.id,
        reviewedOn: '2020-01-10',
        reviewer: '南开区司法局',
        conclusion: 'approved',
        findings: '—',
      }),
      'OUT_OF_SCOPE',
    );
    expect((await officer().plugin.reviews.list({})).some((r) => r.projectId === nankai.id)).toBe(false);
    expect(await h.auditCount(['ppp.review.record'])).toBe(2);
  });

  it('writes results into the credit record: commendation drafts for good, dishonesty drafts for failures, once', async () => {
    const good = await officer().plugin.projects.create(projectIn({ name: '成效良好项目' }));
    const failed = await officer().plugin.projects.create(projectIn({ name: '成效不达标项目' }));
    const adequate = await officer().plugin.projects.create(projectIn({ name: '基本达标项目' }));
    const result = (projectId: string, r: 'good' | 'adequate' | 'failed') =>
      officer().plugin.results.record({
        projectId,
        year: 2025,
        assessedOn: '2026-03-10',
        result: r,
        assessor: '河西区财政局',
        summary: r === 'failed' ? '污水处理达标率仅82%，低于协议约定的95%' : '服务满意度96%，按期达标',
      });
    const g = await result(good.id, 'good');
    expect(g).toMatchObject({ year: 2025, result: 'good', resultZh: '成效良好（守信）', records: [] });
    await result(failed.id, 'failed');
    await result(adequate.id, 'adequate');
    await refused(result(good.id, 'failed'), 'RESULT_EXISTS', 'year');
    await refused(
      officer().plugin.results.record({
        projectId: good.id,
        year: 2027,
        assessedOn: '2026-03-10',
        result: 'good',
        assessor: '河西区财政局',
        summary: '—',
      }),
      'YEAR_AFTER_ASSESSMENT',
      'year',
    );

    const first = await h.scan(TODAY);
    expect(first.draftsCreated).toBeGreaterThanOrEqual(4);
    const drafts = await rows<{
      type_key: string;
      polarity: string;
      subject_kind: string;
      person_id: string | null;
      status: string;
      decision_date: string;
      facts: string;
    }>(
      h.database.db,
      sql`select r.type_key, r.polarity, r.subject_kind, r.person_id::text, r.status, r.decision_date::text, r.facts from kernel_api.record r
      where r.type_key in (${COMMENDATION_TYPE}, ${RESULT_FAILED_TYPE}) order by r.polarity, r.subject_kind`,
    );
    expect(drafts.map((d) => [d.type_key, d.polarity, d.subject_kind, d.person_id, d.status, d.decision_date])).toEqual(
      [
        [COMMENDATION_TYPE, 'commendation', 'org', null, 'draft', '2026-03-10'],
        [COMMENDATION_TYPE, 'commendation', 'person', h.fixture.official, 'draft', '2026-03-10'],
        [RESULT_FAILED_TYPE, 'dishonesty', 'org', null, 'draft', '2026-03-10'],
        [RESULT_FAILED_TYPE, 'dishonesty', 'person', h.fixture.official, 'draft', '2026-03-10'],
      ],
    );
    expect(drafts[3]!.facts).toContain('张建国（局长，评定时在任的主要负责人）');
    expect(drafts[2]!.facts).toContain('评定为“未达到预期”：污水处理达标率仅82%');
    // Proposed once; the adequate result proposes nothing; the list shows each result's records.
    expect(await h.scan(TODAY)).toMatchObject({ draftsCreated: 0 });
    const listed = await officer().plugin.results.list({ year: 2025 });
    expect(
      Object.fromEntries(
        listed.map((r) => [r.projectName, r.records.map((x) => [x.subjectKind, x.polarity, x.status])]),
      ),
    ).toEqual({
      成效良好项目: [
        ['org', 'commendation', 'draft'],
        ['person', 'commendation', 'draft'],
      ],
      成效不达标项目: [
        ['org', 'dishonesty', 'draft'],
        ['person', 'dishonesty', 'draft'],
      ],
      基本达标项目: [],
    });
  });
  it('flags in the project list an agreement signed without a review before it, and filters by it', async () => {
    const make = (name: string, agreementDate: string | null) =>
      officer().plugin.projects.create(projectIn({ name: `审查标记${name}`, agreementDate }));
    const bare = await make('未审查', '2021-03-01');
    const before = await make('签署前审查', '2021-03-01');
    const after = await make('签署后审查', '2021-03-01');
    const rejected = await make('不同意仍签署', '2021-03-01');
    const unsigned = await make('未签署', null);
    const review = (projectId: string, reviewedOn: string, conclusion: 'approved' | 'rejected') =>
      officer().plugin.reviews.record({
        projectId,
        reviewedOn,
        reviewer: '河西区司法局',
        conclusion,
        findings: '审查意见',
      });
    await review(before.id, '2021-03-01', 'approved'); // the signing day itself counts as before
    await review(after.id, '2021-03-02', 'approved');
    await review(rejected.id, '2021-02-20', 'approved');
    await review(rejected.id, '2021-02-27', 'rejected');
    const list = async (signedWithoutReview?: boolean) =>
      (
        await officer().plugin.projects.list({
          limit: 50,
          q: '审查标记',
          ...(signedWithoutReview === undefined ? {} : { signedWithoutReview }),
        })
      ).items.map((p) => [p.name.slice(4), p.reviewState, p.flags.includes('ppp.contract_review_before_signing')]);
    expect((await list()).sort()).toEqual(
      [
        ['未审查', 'unreviewed', true],
        ['签署前审查', 'reviewed', false],
        ['签署后审查', 'reviewed_after_signing', true],
        ['不同意仍签署', 'signed_despite_rejection', true],
        ['未签署', 'not_signed', false],
      ].sort(),
    );
    expect((await list(true)).map((r) => r[0]).sort()).toEqual(['不同意仍签署', '未审查', '签署后审查'].sort());
    expect((await list(false)).map((r) => r[0]).sort()).toEqual(['未签署', '签署前审查'].sort());
    // The list's flag and the review page's state agree for every project.
    const states = new Map((await officer().plugin.reviews.list({})).map((r) => [r.projectId, r.state]));
    for (const p of [bare, before, after, rejected, unsigned])
      expect((await officer().plugin.projects.get({ id: p.id })).reviewState).toBe(states.get(p.id));
    // A filter that is not a yes/no is refused by name.
    await refused(
      officer().plugin.projects.list({ limit: 10, signedWithoutReview: 'yes' as never }),
      'INPUT_INVALID',
      'signedWithoutReview',
    );
  });
});
