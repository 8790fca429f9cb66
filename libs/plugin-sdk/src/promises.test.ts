import { WorkingCalendar } from '@chengxin/kernel';
import { describe, expect, it } from 'vitest';
import {
  changeDefects,
  changeShape,
  isNoExcuse,
  milestoneProgress,
  promiseProgress,
  promiseRules,
  refuseNoExcuse,
  type PromiseFacts,
} from './promises';

const cal = new WorkingCalendar();
const sum = { graceDays: 0, measure: 'sum' as const };
const lawful = {
  agreed: false,
  reason: 'public_interest' as const,
  legalAuthority: '《土地管理法》第五十八条',
  procedureRecord: '区政府常务会议纪要〔2026〕3号',
  compensationFen: 0,
};
const payment = (over: Partial<PromiseFacts> = {}): PromiseFacts => ({
  milestones: [
    { id: 'm1', title: '首期补贴', dueDate: '2026-03-31', target: null, amountFen: 1_000_000 },
    { id: 'm2', title: '二期补贴', dueDate: '2026-09-30', target: null, amountFen: 1_000_000 },
  ],
  evidence: [],
  changes: [],
  ...over,
});

describe('the promise primitive', () => {
  it('reads a milestone: payments add up, the day the amount is reached is the day it was met', () => {
    const m = { id: 'm1', title: '补贴', dueDate: '2026-03-31', target: null, amountFen: 1_000_000 };
    const ev = [
      { milestoneId: 'm1', on: '2026-03-10', value: 400_000 },
      { milestoneId: 'm1', on: '2026-04-02', value: 600_000 },
    ];
    expect(milestoneProgress(cal, m, ev, '2026-03-20', sum)).toMatchObject({
      achieved: 400_000,
      percent: 40,
      metOn: null,
      state: 'pending',
      deadline: '2026-03-31',
    });
    expect(milestoneProgress(cal, m, ev, '2026-04-01', sum)).toMatchObject({ state: 'breach', daysLate: 1 });
    expect(milestoneProgress(cal, m, ev, '2026-05-01', sum)).toMatchObject({
      achieved: 1_000_000,
      percent: 100,
      metOn: '2026-04-02',
      state: 'late',
      daysLate: 2,
    });
  });

  it('moves a deadline on a day off to the next working day (民法典 §203) and reads the latest reported value for measured targets', () => {
    // 2026-10-01 is National Day: 30 days after 2026-09-01 ends on 2026-10-08.
    const m = { id: 'q', title: '新增就业岗位', dueDate: '2026-09-01', target: 200, unit: '个', amountFen: null };
    const ev = [
      { milestoneId: 'q', on: '2026-06-30', value: 120 },
      { milestoneId: 'q', on: '2026-10-08', value: 150 },
    ];
    const latest = { graceDays: 30, measure: 'latest' as const };
    expect(milestoneProgress(cal, m, ev, '2026-10-08', latest)).toMatchObject({
      deadline: '2026-10-08',
      achieved: 150,
      percent: 75,
      state: 'pending',
    });
    expect(milestoneProgress(cal, m, ev, '2026-10-09', latest)).toMatchObject({ state: 'breach', daysLate: 1 });
  });

  it('keeps, partly keeps and breaks a promise by its milestones on exact dates', () => {
    const paid = (on1: string, on2: string) => [
      { milestoneId: 'm1', on: on1, value: 1_000_000 },
      { milestoneId: 'm2', on: on2, value: 1_000_000 },
    ];
    expect(promiseProgress(cal, payment(), '2026-03-31', sum)).toMatchObject({
      status: 'pending',
      percent: 0,
      dueDate: '2026-09-30',
    });
    expect(
      promiseProgress(cal, payment({ evidence: paid('2026-03-31', '2026-09-30') }), '2026-12-31', sum),
    ).toMatchObject({ status: 'kept', onTime: true, percent: 100 });
    expect(
      promiseProgress(cal, payment({ evidence: paid('2026-03-31', '2026-10-12') }), '2026-12-31', sum),
    ).toMatchObject({ status: 'kept', onTime: false });
    const half = promiseProgress(
      cal,
      payment({ evidence: paid('2026-03-31', '2027-01-01').slice(0, 1) }),
      '2026-12-31',
      sum,
    );
    expect(half).toMatchObject({ status: 'partly_kept', percent: 50, outstandingFen: 1_000_000, brokenOn: null });
    expect(promiseProgress(cal, payment(), '2026-04-01', sum)).toMatchObject({
      status: 'broken',
      brokenOn: '2026-03-31',
      outstandingFen: 1_000_000,
    });
    // A township's year-end grade: below the configured floor a missed commitment is not kept.
    expect(
      promiseProgress(cal, payment({ evidence: paid('2026-03-31', '2027-01-01').slice(0, 1) }), '2026-12-31', {
        ...sum,
        partlyKeptFromPct: 60,
      }),
    ).toMatchObject({ status: 'broken' });
  });

  it('treats a change with authority, procedure and compensation as lawful, anything else as a breach on the day of the change', () => {
    const change = (over = {}) => ({
      id: 'c1',
      changedOn: '2026-06-01',
      description: '因规划调整收回用地',
      ...lawful,
      ...over,
    });
    expect(
      promiseProgress(
        cal,
        payment({ evidence: [{ milestoneId: 'm1', on: '2026-03-20', value: 1_000_000 }], changes: [change()] }),
        '2026-12-31',
        sum,
      ),
    ).toMatchObject({ status: 'changed_lawfully' });
    const noComp = promiseProgress(
      cal,
      payment({
        evidence: [{ milestoneId: 'm1', on: '2026-03-20', value: 1_000_000 }],
        changes: [change({ compensationFen: null })],
      }),
      '2026-12-31',
      sum,
    );
    expect(noComp).toMatchObject({ status: 'broken', brokenOn: '2026-06-01' });
    expect(noComp.changes[0]).toMatchObject({ lawful: false, missing: ['compensationFen'] });
    // A milestone missed before the lawful change stays missed.
    expect(promiseProgress(cal, payment({ changes: [change()] }), '2026-12-31', sum)).toMatchObject({
      status: 'broken',
      brokenOn: '2026-03-31',
    });
    // A change not yet made (dated after today) does not count.
    expect(
      promiseProgress(cal, payment({ changes: [change({ changedOn: '2027-01-05' })] }), '2026-03-01', sum).changes,
    ).toEqual([]);
  });

  it('never accepts a new term, reorganisation, a division change or a new official as a reason (优化营商环境条例 §31)', () => {
    for (const reason of ['restructuring', 'official_change', 'government_term_change', 'division_change'] as const) {
      expect(isNoExcuse(reason)).toBe(true);
      expect(changeDefects({ ...lawful, reason })).toEqual(['reason']);
      expect(() => refuseNoExcuse(promiseRules('x').noExcuse, reason)).toThrowError(
        expect.objectContaining({ appCode: 'EXCUSE_NOT_ACCEPTED', field: 'reason' }),
      );
    }
    expect(() => refuseNoExcuse(promiseRules('x').noExcuse, 'force_majeure')).not.toThrow();
    // Agreement with the beneficiary replaces authority, procedure and compensation — never the §31 bar.
    expect(changeDefects({ ...lawful, reason: 'official_change', agreed: true })).toEqual(['reason']);
    expect(
      changeDefects({
        agreed: true,
        reason: 'public_interest',
        legalAuthority: null,
        procedureRecord: null,
        compensationFen: null,
      }),
    ).toEqual([]);
    expect(
      changeDefects({
        agreed: false,
        reason: 'public_interest',
        legalAuthority: null,
        procedureRecord: null,
        compensationFen: null,
      }),
    ).toEqual(['legalAuthority', 'procedureRecord', 'compensationFen']);
    expect(promiseRules('townships').noExcuse).toMatchObject({
      id: 'townships.no_excuse_for_change_of_government',
      source: { article: '第三十一条', confidence: 'law' },
    });
  });

  it('shapes a change: blank authority counts as none', () => {
    expect(
      changeShape.parse({
        changedOn: '2026-06-01',
        description: '变更',
        reason: 'public_interest',
        legalAuthority: '  ',
        procedureRecord: 'x',
        compensationFen: 0,
      }),
    ).toMatchObject({ legalAuthority: null, agreed: false });
  });
});
