import { WorkingCalendar } from '@chengxin/plugin-sdk';
import { describe, expect, it } from 'vitest';
import { biddingConfig } from '../contract';
import { gradeAgency, RULES, tenderChecks, type TenderFacts } from './rules';

const cal = new WorkingCalendar();
const base: TenderFacts = {
  id: 't1',
  mustTender: true,
  openRequired: false,
  method: 'open',
  invitedApproval: null,
  issueDate: '2026-01-10',
  bidDeadline: '2026-01-30',
  evaluationReportDate: null,
  publicityStart: null,
  publicityEnd: null,
  awardNoticeDate: null,
  contractDate: null,
  reportDate: null,
  clarifications: [],
  incidents: [],
};
const check = (t: Partial<TenderFacts>, ruleId: string, today = '2026-12-01') =>
  tenderChecks(cal, { ...base, ...t }, today).filter((c) => c.ruleId === ruleId);

describe('at least 20 calendar days from issue to bid deadline (招标投标法 §24; 民法典 §201, §203)', () => {
  it('issued Saturday 10 January: the 20th day, Friday 30 January, is the earliest deadline', () => {
    expect(check({}, RULES.bidPeriod.id)[0]).toMatchObject({ state: 'ok', deadline: '2026-01-30' });
    expect(check({ bidDeadline: '2026-01-29' }, RULES.bidPeriod.id)[0]).toMatchObject({
      state: 'breach',
      breachDate: '2026-01-10',
    });
  });
  it('a 20th day in the National Day holiday moves to 8 October: a deadline on 1 October (a holiday) is too early', () => {
    expect(check({ issueDate: '2026-09-11', bidDeadline: '2026-10-01' }, RULES.bidPeriod.id)[0]).toMatchObject({
      state: 'breach',
      deadline: '2026-10-08',
    });
    expect(check({ issueDate: '2026-09-11', bidDeadline: '2026-10-08' }, RULES.bidPeriod.id)[0]!.state).toBe('ok');
  });
  it('a leap day counts: issued 9 February 2028, the earliest deadline is 29 February', () => {
    expect(check({ issueDate: '2028-02-09', bidDeadline: '2028-02-29' }, RULES.bidPeriod.id)[0]).toMatchObject({
      state: 'ok',
      deadline: '2028-02-29',
    });
    expect(check({ issueDate: '2028-02-09', bidDeadline: '2028-02-28' }, RULES.bidPeriod.id)[0]!.state).toBe('breach');
  });
  it('from a month end into the Spring Festival: issued 31 January 2026, the earliest deadline is 24 February', () => {
    expect(check({ issueDate: '2026-01-31', bidDeadline: '2026-02-23' }, RULES.bidPeriod.id)[0]).toMatchObject({
      state: 'breach',
      deadline: '2026-02-24',
    });
  });
  it('does not apply to a project that need not be tendered', () => {
    expect(check({ mustTender: false, bidDeadline: '2026-01-12' }, RULES.bidPeriod.id)[0]!.state).toBe(
      'not_applicable',
    );
  });
});

describe('clarifications affecting bids at least 15 calendar days before the deadline (条例 §21)', () => {
  const c = (issuedOn: string, affectsBids = true) => ({
    bidDeadline: '2026-03-31',
    issueDate: '2026-03-01',
    clarifications: [{ id: 'c1', issuedOn, affectsBids }],
  });
  it('counted back whole days from 31 March: 16 March is the last day, 17 March too late', () => {
    expect(check(c('2026-03-16'), RULES.clarification.id)[0]).toMatchObject({ state: 'ok', deadline: '2026-03-16' });
    expect(check(c('2026-03-17'), RULES.clarification.id)[0]).toMatchObject({
      state: 'breach',
      breachKey: 'c1',
      breachDate: '2026-03-17',
    });
  });
  it('ignores a clarification that does not affect the bids', () => {
    expect(check(c('2026-03-30', false), RULES.clarification.id)).toEqual([]);
  });
});

describe('candidate publicity within 3 days, for at least 3 days (条例 §54)', () => {
  it('a report received 30 April: the 3rd day falls in the May Day holiday, so publicity may start by 6 May', () => {
    const ok = check(
      { evaluationReportDate: '2026-04-30', publicityStart: '2026-05-06', publicityEnd: '2026-05-09' },
      RULES.publicity.id,
    );
    expect(ok.map((x) => [x.breachKey, x.state, x.deadline])).toEqual([
      ['t1:start', 'ok', '2026-05-06'],
      ['t1:length', 'ok', '2026-05-09'],
    ]);
  });
  it('starting on the 7th is late; ending on the 2nd day after the start is too short (the start day is not counted)', () => {
    const bad = check(
      { evaluationReportDate: '2026-04-30', publicityStart: '2026-05-07', publicityEnd: '2026-05-09' },
      RULES.publicity.id,
    );
    expect(bad.map((x) => [x.breachKey, x.state])).toEqual([
      ['t1:start', 'late'],
      ['t1:length', 'breach'],
    ]);
  });
  it('not publicised at all: a breach the day after the 3rd day', () => {
    expect(check({ evaluationReportDate: '2026-06-01' }, RULES.publicity.id, '2026-06-04')[0]!.state).toBe('pending');
    expect(check({ evaluationReportDate: '2026-06-01' }, RULES.publicity.id, '2026-06-05')[0]).toMatchObject({
      state: 'breach',
      breachDate: '2026-06-05',
    });
  });
});

describe('contract within 30 days and report within 15 days of the award notice (法 §46, §47)', () => {
  it('an award notice on 31 January: contract by 2 March (1 March is a Sunday), report by 24 February (after the Spring Festival)', () => {
    const checks = tenderChecks(
      cal,
      { ...base, awardNoticeDate: '2026-01-31', contractDate: '2026-03-02', reportDate: '2026-02-25' },
      '2026-12-01',
    );
    expect(checks.find((c) => c.ruleId === RULES.contract.id)).toMatchObject({ state: 'ok', deadline: '2026-03-02' });
    expect(checks.find((c) => c.ruleId === RULES.report.id)).toMatchObject({ state: 'late', deadline: '2026-02-24' });
  });
  it('a leap-year report deadline: award 14 February 2024 → 29 February', () => {
    expect(check({ awardNoticeDate: '2024-02-14' }, RULES.report.id, '2024-02-29')[0]).toMatchObject({
      state: 'pending',
      deadline: '2024-02-29',
    });
    expect(check({ awardNoticeDate: '2024-02-14' }, RULES.report.id, '2024-03-01')[0]!.state).toBe('breach');
  });
});

describe('tenderer duties without a time limit (条例 §64, §73)', () => {
  it('invited tendering where open is required is a breach unless approved', () => {
    expect(check({ method: 'invited', openRequired: true }, RULES.invited.id)[0]!.state).toBe('breach');
    expect(
      check({ method: 'invited', openRequired: true, invitedApproval: '津发改〔2026〕5号' }, RULES.invited.id)[0]!
        .state,
    ).toBe('ok');
    expect(check({ method: 'invited', openRequired: false }, RULES.invited.id)).toEqual([]);
  });
  it('a changed result or added conditions is a breach; a refusal to sign only without a cause', () => {
    const incidents: TenderFacts['incidents'] = [
      { id: 'i1', kind: 'result_changed', occurredOn: '2026-03-01', cause: '另有考虑' },
      { id: 'i2', kind: 'conditions_added', occurredOn: '2026-03-02', cause: null },
      { id: 'i3', kind: 'refused_to_sign', occurredOn: '2026-03-03', cause: null },
      { id: 'i4', kind: 'refused_to_sign', occurredOn: '2026-03-04', cause: '中标人资格被取消' },
    ];
    expect(
      tenderChecks(cal, { ...base, awardNoticeDate: '2026-02-27', incidents }, '2026-12-01')
        .filter((c) => c.breachKey.startsWith('i'))
        .map((c) => [c.breachKey, c.ruleId, c.state]),
    ).toEqual([
      ['i1', RULES.resultChanged.id, 'breach'],
      ['i2', RULES.conditionsAdded.id, 'breach'],
      ['i3', RULES.refusedToSign.id, 'breach'],
      ['i4', RULES.refusedToSign.id, 'ok'],
    ]);
  });
  it('条例 §73 applies only to projects that must be tendered (issue 25, finding 22)', () => {
    const incidents: TenderFacts['incidents'] = [
      { id: 'i1', kind: 'result_changed', occurredOn: '2026-03-01', cause: null },
      { id: 'i3', kind: 'refused_to_sign', occurredOn: '2026-03-03', cause: null },
    ];
    const checks = tenderChecks(
      cal,
      { ...base, mustTender: false, awardNoticeDate: '2026-02-27', incidents },
      '2026-12-01',
    ).filter((c) => c.breachKey.startsWith('i'));
    expect(checks.map((c) => [c.breachKey, c.state, c.breachDate])).toEqual([
      ['i1', 'not_applicable', null],
      ['i3', 'not_applicable', null],
    ]);
    expect(checks[0]!.detail).toContain('第七十三条不适用');
  });
});

describe('agency credit evaluation (indicator system is a setting)', () => {
  const cfg = biddingConfig.parse({});
  it('sums the scores against the maxima and grades at the boundaries', () => {
    expect(gradeAgency({ qualification: 18, conduct: 27, violations: 27, thirdParty: 18 }, cfg)).toMatchObject({
      total: 90,
      grade: 'A',
    });
    expect(gradeAgency({ qualification: 15, conduct: 22, violations: 22, thirdParty: 15.9 }, cfg)).toMatchObject({
      total: 74.9,
      grade: 'C',
    });
    expect(gradeAgency({ qualification: 5, conduct: 5, violations: 5, thirdParty: 5 }, cfg).grade).toBe('D');
  });
  it('names unknown, missing and excessive scores', () => {
    expect(gradeAgency({ qualification: 25, conduct: 1, extra: 1 }, cfg)).toMatchObject({
      unknown: ['extra'],
      missing: ['violations', 'thirdParty'],
      over: ['qualification'],
    });
  });
  it('refuses grade boundaries that do not decrease, naming the setting', () => {
    expect(biddingConfig.safeParse({ grades: { A: 70, B: 75, C: 60 } }).error!.issues[0]!.path).toEqual(['grades']);
  });
});
