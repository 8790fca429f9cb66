import { createPluginHarness, expectRefusal, testEngines, type PluginHarness } from '@chengxin/plugin-sdk/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { z } from 'zod';
import type { disclosureInput } from '../contract';
import { townshipsPlugin } from './plugin';

const TODAY = '2026-11-20';
const refused = expectRefusal;

describe.each(testEngines())('township disclosure and the performance export on %s', (engine) => {
  let h: PluginHarness<typeof townshipsPlugin.router>;
  const officer = () => h.caller('officer', { scopeOrgId: h.fixture.hexi });
  const reviewer = () => h.caller('reviewer', { scopeOrgId: h.fixture.hexi });
  const item = (over: Partial<z.input<typeof disclosureInput>> = {}): z.input<typeof disclosureInput> => ({
    orgId: h.fixture.hexiStreet,
    year: 2026,
    quarter: 2,
    kind: 'public_service_fund',
    title: '社区养老服务补贴',
    amountFen: 12_500_000,
    description: '发放居家养老服务补贴312人次',
    ...over,
  });

  beforeAll(async () => {
    process.env['CHENGXIN_TODAY'] = TODAY;
    h = await createPluginHarness(townshipsPlugin, engine);
    await h.enable(null);
  });
  afterAll(async () => {
    delete process.env['CHENGXIN_TODAY'];
    await h.dispose();
  });

  it('enters, reviews (by another person) and publishes an item; only published items reach the board', async () => {
    const budget = await officer().plugin.disclosures.create(
      item({
        kind: 'budget',
        quarter: null,
        title: '2026年度部门预算',
        amountFen: 3_860_000_000,
        description: '一般公共预算支出3860万元',
      }),
    );
    const fund = await officer().plugin.disclosures.create(item());
    expect(fund).toMatchObject({ status: 'entered', statusZh: '已录入（待审核）', kindZh: '公共服务资金', quarter: 2 });
    // Refusals name the field and write nothing.
    await refused(officer().plugin.disclosures.create(item({ quarter: null })), 'INPUT_INVALID', 'quarter');
    await refused(
      officer().plugin.disclosures.create(item({ kind: 'budget', quarter: 1 })),
      'INPUT_INVALID',
      'quarter',
    );
    await refused(officer().plugin.disclosures.create(item({ amountFen: null })), 'INPUT_INVALID', 'amountFen');
    await refused(
      officer().plugin.disclosures.create(item({ year: 2027, quarter: 1 })),
      'QUARTER_NOT_STARTED',
      'quarter',
    );
    await refused(officer().plugin.disclosures.create(item({ orgId: h.fixture.nankai })), 'OUT_OF_SCOPE');
    expect(await h.auditCount(['townships.disclosure.enter'])).toBe(2);

    await refused(officer().plugin.disclosures.publish({ disclosureId: fund.id }), 'PERMISSION_DENIED');
    await refused(reviewer().plugin.disclosures.publish({ disclosureId: fund.id }), 'DISCLOSURE_STATE', 'disclosureId');
    // Returned with a note, corrected by the officer, approved and published.
    await refused(
      reviewer().plugin.disclosures.review({ disclosureId: fund.id, approve: false, note: null }),
      'NOTE_REQUIRED',
      'note',
    );
    expect(
      await reviewer().plugin.disclosures.review({ disclosureId: fund.id, approve: false, note: '金额与台账不符' }),
    ).toMatchObject({ status: 'returned', reviewNote: '金额与台账不符', reviewedOn: TODAY });
    const corrected = await officer().plugin.disclosures.correct({
      disclosureId: fund.id,
      quarter: 2,
      kind: 'public_service_fund',
      title: '社区养老服务补贴',
      amountFen: 12_480_000,
      description: '发放居家养老服务补贴312人次（按台账更正）',
    });
    expect(corrected).toMatchObject({ status: 'entered', amountFen: 12_480_000 });
    await reviewer().plugin.disclosures.review({ disclosureId: fund.id, approve: true, note: null });
    await refused(
      officer().plugin.disclosures.correct({
        disclosureId: fund.id,
        quarter: 2,
        kind: 'public_service_fund',
        title: 'x',
        amountFen: 1,
        description: 'x',
      }),
      'DISCLOSURE_STATE',
    );
    expect(await reviewer().plugin.disclosures.publish({ disclosureId: fund.id })).toMatchObject({
      status: 'published',
      publishedOn: TODAY,
    });
    expect(
      await h.auditCount(
        [
          'townships.disclosure.return',
          'townships.disclosure.correct',
          'townships.disclosure.approve',
          'townships.disclosure.publish',
        ],
        fund.id,
      ),
    ).toBe(4);

    // The board: the published fund; the budget still under review is not there.
    const board = await h.anonymous().plugin.public.board({ year: 2026 });
    const street = board.items.find((x) => x.orgId === h.fixture.hexiStreet)!;
    expect(street.disclosures).toEqual([
      {
        kind: 'public_service_fund',
        kindZh: '公共服务资金',
        quarter: 2,
        title: '社区养老服务补贴',
        amountFen: 12_480_000,
        description: '发放居家养老服务补贴312人次（按台账更正）',
        publishedOn: TODAY,
      },
    ]);
    expect(JSON.stringify(board)).not.toContain(budget.id);
    expect((await officer().plugin.disclosures.list({ status: 'entered' })).map((d) => d.title)).toEqual([
      '2026年度部门预算',
    ]);
  });

  it('exports the kept-commitment figures for the performance assessment as a CSV file', async () => {
    const c = await officer().plugin.commitments.create({
      orgId: h.fixture.hexiStreet,
      year: 2025,
      area: 'employment',
      title: '新增就业岗位200个',
      target: 200,
      unit: '个',
      dueDate: '2025-12-15',
    });
    for (const [i, value] of [50, 100, 150, 210].entries())
      await officer().plugin.commitments.reportProgress({
        commitmentId: c.id,
        quarter: i + 1,
        reportedOn: ['2025-03-31', '2025-06-30', '2025-09-30', '2025-12-10'][i]!,
        value,
        evidence: '台账',
      });
    const file = await officer().plugin.commitments.performanceExport({ year: 2025 });
    expect(file).toMatchObject({
      filename: 'townships-commitments-2025.csv',
      contentType: 'text/csv; charset=utf-8',
      encoding: 'utf8',
    });
    const lines = file.content
      .replace(/^\uFEFF/, '')
      .trimEnd()
      .split('\r\n');
    expect(lines.slice(0, 2)).toEqual([
      '2025年度街道（乡镇）公开承诺兑现情况（截至2025-12-31）',
      '街道（乡镇）,承诺事项,全部兑现,部分兑现,未兑现,依法变更,未到期或未评定,全部兑现率（%）',
    ]);
    expect(lines[2]).toMatch(/^[^,]+,1,1,0,0,0,0,100$/);
    // The same figures as the performance report.
    const report = await officer().plugin.commitments.performance({ year: 2025 });
    expect(report.rows.map((r) => [r.orgName, r.commitments, r.fully, r.fullyKeptPct])).toEqual([
      [lines[2]!.split(',')[0], 1, 1, 100],
    ]);
  });
});
