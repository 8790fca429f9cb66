import { WorkingCalendar } from '@chengxin/plugin-sdk';
import { describe, expect, it } from 'vitest';
import { complaintClocks } from './complaints';
import { fairCompetition, RULES } from './rules';

const cal = new WorkingCalendar();

describe('investment-promotion rules', () => {
  it('flags a preference to one business without a law, regulation or State Council approval (公平竞争审查条例 §10)', () => {
    expect(fairCompetition({ category: 'tax', selective: true, basisKind: 'normative_document' })).toMatchObject({
      unlawful: true,
      article: '公平竞争审查条例第十条第（一）项',
    });
    expect(fairCompetition({ category: 'subsidy', selective: true, basisKind: 'none' })).toMatchObject({
      unlawful: true,
      article: '公平竞争审查条例第十条第（二）项',
    });
    expect(fairCompetition({ category: 'land', selective: true, basisKind: 'local_regulation' })).toMatchObject({
      unlawful: true,
      article: '公平竞争审查条例第十条第（三）项',
    });
    expect(fairCompetition({ category: 'tax', selective: true, basisKind: 'state_council_approval' }).unlawful).toBe(
      false,
    );
    expect(fairCompetition({ category: 'subsidy', selective: false, basisKind: 'normative_document' }).unlawful).toBe(
      false,
    );
    expect(fairCompetition({ category: 'service', selective: true, basisKind: 'none' }).unlawful).toBe(false);
  });

  it('applies the 2024 regulation from 2024-08-01 only; earlier promises by 国发〔2016〕34号 (法律法规 as basis) — issue 25, finding 21', () => {
    expect(
      fairCompetition({ category: 'land', selective: true, basisKind: 'local_regulation', madeOn: '2024-07-31' }),
    ).toMatchObject({ unlawful: false });
    expect(
      fairCompetition({ category: 'land', selective: true, basisKind: 'local_regulation', madeOn: '2024-08-01' }),
    ).toMatchObject({ unlawful: true, article: '公平竞争审查条例第十条第（三）项' });
    expect(
      fairCompetition({ category: 'tax', selective: true, basisKind: 'normative_document', madeOn: '2020-05-06' }),
    ).toMatchObject({ unlawful: true, article: '国发〔2016〕34号第三部分第（三）项' });
    expect(RULES.unlawfulPromise.source).toMatchObject({
      article: expect.stringContaining('第四十一条第（四）项'),
      confidence: 'law',
    });
  });

  it('counts the complaint clocks in working days across the National Day holiday', () => {
    const cfg = { forwardWorkingDays: 3, verifyWorkingDays: 20 };
    // Received on Tuesday 2026-09-29: working days 30 September, then (after the holiday 1–7 October) 8 and 9 October.
    const c = complaintClocks(
      cal,
      { receivedOn: '2026-09-29', forwardedOn: null, verifiedOn: null },
      '2026-10-12',
      cfg,
    );
    expect(c.forwardDue).toBe('2026-10-09');
    expect(c.forwardState).toBe('breach');
    expect(c.verifyState).toBe('not_applicable');
    const f = complaintClocks(
      cal,
      { receivedOn: '2026-03-02', forwardedOn: '2026-03-04', verifiedOn: '2026-03-20' },
      '2026-04-30',
      cfg,
    );
    expect(f).toMatchObject({
      forwardDue: '2026-03-05',
      forwardState: 'ok',
      verifyDue: '2026-04-01',
      verifyState: 'ok',
    });
  });

  it('names its sources and settings', () => {
    expect(RULES.noExcuse).toMatchObject({
      id: 'investment-promises.no_excuse_for_change_of_government',
      source: { law: '优化营商环境条例（2019）', article: '第三十一条' },
    });
    expect(RULES.arrears.source.article).toBe('第三十二条');
    expect(RULES.complaintVerify).toMatchObject({
      setting: 'verifyWorkingDays',
      counting: 'working',
      source: { confidence: 'unconfirmed' },
    });
  });
});
