import { describe, expect, it } from 'vitest';
import { heaviestSanction, sanctionPeriod, sanctionRuleSetFor } from './sanctions';

describe('sanction rule table (docs/DOMAIN.md)', () => {
  it('记大过 lasts 18 months from the effective date, with the month-end convention', () => {
    const r = sanctionPeriod({
      sanctionType: 'major_demerit',
      effectiveDate: '2025-08-31',
      decisionDate: '2025-08-31',
    });
    expect(r).toMatchObject({
      ok: true,
      ruleSetId: 'gov-sanctions-2020',
      start: '2025-08-31',
      end: '2027-02-28',
      months: 18,
    });
    if (r.ok) expect(r.rules[0]!.source).toMatchObject({ article: '第八条', confidence: 'law' });
  });

  it('picks the rule set in force on the decision date', () => {
    // Corrected (issue 25, finding 4): automatic lifting came with the 2018 Civil Servant Law on 2019-06-01.
    expect(sanctionRuleSetFor('2019-05-31').id).toBe('cs-sanctions-2007');
    expect(sanctionRuleSetFor('2019-06-01').id).toBe('cs-sanctions-2019');
    expect(sanctionRuleSetFor('2020-06-30').id).toBe('cs-sanctions-2019');
    expect(sanctionRuleSetFor('2020-07-01').id).toBe('gov-sanctions-2020');
  });

  it('dismissal is not a dishonesty record', () => {
    expect(
      sanctionPeriod({ sanctionType: 'dismissal', effectiveDate: '2025-01-01', decisionDate: '2025-01-01' }),
    ).toMatchObject({ ok: false, code: 'SANCTION_NOT_A_RECORD' });
  });

  it('only the heaviest of different types applies', () => {
    expect(heaviestSanction(['warning', 'demotion', 'demerit'])).toBe('demotion');
  });

  it('several of one type: between the longest single period and their sum, never over 48 months', () => {
    const base = {
      sanctionType: 'major_demerit' as const,
      effectiveDate: '2025-01-10',
      decisionDate: '2025-01-10',
      offenceCount: 3,
    };
    expect(sanctionPeriod({ ...base, combinedMonths: 40 })).toMatchObject({ ok: true, months: 40, end: '2028-05-10' });
    expect(sanctionPeriod({ ...base, combinedMonths: 50 })).toMatchObject({
      ok: false,
      code: 'SANCTION_COMBINED_OUT_OF_RANGE',
    });
    expect(sanctionPeriod({ ...base, combinedMonths: 12 })).toMatchObject({
      ok: false,
      code: 'SANCTION_COMBINED_OUT_OF_RANGE',
    });
  });

  // Corrected (issue 25, finding 1): 政务处分法 §15 "撤职以下" includes 撤职, so several demotions or removals combine.
  it('both sets combine several demotions or several removals (24 ≤ combined ≤ sum, ≤ 48)', () => {
    const removal = { sanctionType: 'removal' as const, offenceCount: 2, combinedMonths: 30 };
    const r2021 = sanctionPeriod({ ...removal, effectiveDate: '2021-03-01', decisionDate: '2021-03-01' });
    expect(r2021).toMatchObject({ ok: true, ruleSetId: 'gov-sanctions-2020', months: 30, end: '2023-09-01' });
    if (r2021.ok)
      expect(r2021.rules[1]!.source).toMatchObject({ article: expect.stringContaining('第十五条'), confidence: 'law' });
    expect(sanctionPeriod({ ...removal, effectiveDate: '2015-03-01', decisionDate: '2015-03-01' })).toMatchObject({
      ok: true,
      months: 30,
    });
    const demotion = { sanctionType: 'demotion' as const, effectiveDate: '2024-01-31', decisionDate: '2024-01-31' };
    expect(sanctionPeriod({ ...demotion, offenceCount: 3, combinedMonths: 48 })).toMatchObject({
      ok: true,
      months: 48,
      end: '2028-01-31',
    });
    expect(sanctionPeriod({ ...demotion, offenceCount: 2, combinedMonths: 49 })).toMatchObject({
      ok: false,
      code: 'SANCTION_COMBINED_OUT_OF_RANGE',
    });
    expect(sanctionPeriod({ ...demotion, offenceCount: 2, combinedMonths: 23 })).toMatchObject({
      ok: false,
      code: 'SANCTION_COMBINED_OUT_OF_RANGE',
    });
  });

  // Corrected (issue 25, finding 3): the remainder is added exactly; the old test expected 18 whole months (2017-09-01).
  it('2007 rule: a new sanction during a running one adds the unserved remainder exactly; 2020 law does not', () => {
    const running = [{ end: '2016-09-01' }];
    const old = sanctionPeriod({
      sanctionType: 'demerit',
      effectiveDate: '2016-03-01',
      decisionDate: '2016-03-01',
      running,
    });
    expect(old).toMatchObject({ ok: true, months: 12, end: '2017-09-01' });
    // 1 month 29 days unserved: the whole months would drop the 29 days (old end 2017-04-01); exact end = 2016-04-30 + 12 months.
    const exact = sanctionPeriod({
      sanctionType: 'demerit',
      effectiveDate: '2016-03-01',
      decisionDate: '2016-03-01',
      running: [{ end: '2016-04-30' }],
    });
    expect(exact).toMatchObject({ ok: true, end: '2017-04-30' });
    if (exact.ok) expect(exact.rules.map((r) => r.ruleId)).toContain('cs-sanctions-2007.remainder');
    // The 48-month cap still holds: 40 months unserved + 24 months → capped at 48 months from the effective date.
    const capped = sanctionPeriod({
      sanctionType: 'demotion',
      effectiveDate: '2019-07-15',
      decisionDate: '2019-07-15',
      running: [{ end: '2022-11-15' }],
    });
    expect(capped).toMatchObject({ ok: true, ruleSetId: 'cs-sanctions-2019', end: '2023-07-15' });
    const now = sanctionPeriod({
      sanctionType: 'demerit',
      effectiveDate: '2022-03-01',
      decisionDate: '2022-03-01',
      running: [{ end: '2022-09-01' }],
    });
    expect(now).toMatchObject({ ok: true, months: 12, end: '2023-03-01' });
  });

  it('lifting: by decision before 2019-06-01, automatic after, judged by the set in force when the period ends', () => {
    const lifting = (d: string) => {
      const r = sanctionPeriod({ sanctionType: 'warning', effectiveDate: d, decisionDate: d });
      return r.ok ? r.rules.at(-1)!.ruleId : null;
    };
    expect(lifting('2018-06-01')).toBe('cs-sanctions-2007.lifting'); // ends 2018-12-01
    expect(lifting('2018-12-01')).toBe('cs-sanctions-2019.lifting'); // ends 2019-06-01
    expect(lifting('2020-03-01')).toBe('gov-sanctions-2020.lifting'); // ends 2020-09-01
    const set2007 = sanctionRuleSetFor('2010-01-01');
    expect(set2007.liftingSource.article).toContain('第九条第二款');
    expect(set2007.liftingSource.article).not.toContain('第五章');
    expect(sanctionRuleSetFor('2019-06-01').liftingSource).toMatchObject({
      article: expect.stringContaining('第六十五条'),
      confidence: 'law',
    });
  });

  it('sanctions decided together: only the heaviest runs, the lighter ones are named; a second record of one decision is refused', () => {
    const base = { effectiveDate: '2025-03-03', decisionDate: '2025-03-03', decisionNo: '津纪〔2025〕7号' };
    const ok = sanctionPeriod({ ...base, sanctionType: 'major_demerit', decidedTogether: ['warning', 'demerit'] });
    expect(ok).toMatchObject({ ok: true, months: 18, end: '2026-09-03' });
    if (ok.ok)
      expect(ok.rules[1]).toMatchObject({
        ruleId: 'gov-sanctions-2020.concurrence.major_demerit.demerit+warning',
        source: { article: '第十五条', confidence: 'law' },
      });
    expect(sanctionPeriod({ ...base, sanctionType: 'demerit', decidedTogether: ['major_demerit'] })).toMatchObject({
      ok: false,
      code: 'SANCTION_NOT_HEAVIEST',
      field: 'sanctionType',
    });
    const second = sanctionPeriod({
      ...base,
      sanctionType: 'warning',
      running: [
        { end: '2026-03-03', decisionNo: '津纪〔2025〕7号', decisionDate: '2025-03-03', sanctionType: 'demerit' },
      ],
    });
    expect(second).toMatchObject({ ok: false, code: 'SANCTION_SAME_DECISION', field: 'decisionNo' });
    // Another decision while one runs: under the 2020 law both run, each its own period.
    expect(
      sanctionPeriod({
        ...base,
        decisionNo: '津纪〔2025〕9号',
        sanctionType: 'warning',
        running: [{ end: '2026-03-03', decisionNo: '津纪〔2025〕7号' }],
      }),
    ).toMatchObject({ ok: true, end: '2025-09-03' });
  });

  it('dismissal: excluded by default; the setting can include it as a record with no end', () => {
    const d = { sanctionType: 'dismissal' as const, effectiveDate: '2025-01-01', decisionDate: '2025-01-01' };
    process.env['CHENGXIN_DISMISSAL_RECORD'] = 'included';
    try {
      expect(sanctionPeriod(d)).toMatchObject({ ok: true, end: null, months: null });
    } finally {
      delete process.env['CHENGXIN_DISMISSAL_RECORD'];
    }
    expect(sanctionPeriod(d)).toMatchObject({ ok: false, code: 'SANCTION_NOT_A_RECORD' });
  });
});
