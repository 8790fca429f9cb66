import { describe, expect, it } from 'vitest';
import { heaviestSanction, sanctionPeriod, sanctionRuleSetFor } from './sanctions';

describe('sanction rule table (DOMAIN.md §2)', () => {
  it('记大过 lasts 18 months from the effective date, with the month-end convention', () => {
    const r = sanctionPeriod({ sanctionType: 'major_demerit', effectiveDate: '2025-08-31', decisionDate: '2025-08-31' });
    expect(r).toMatchObject({ ok: true, ruleSetId: 'gov-sanctions-2020', start: '2025-08-31', end: '2027-02-28', months: 18 });
    if (r.ok) expect(r.rules[0]!.source).toMatchObject({ article: '第八条', confidence: 'law' });
  });

  it('picks the rule set in force on the decision date', () => {
    expect(sanctionRuleSetFor('2020-06-30').id).toBe('cs-sanctions-2007');
    expect(sanctionRuleSetFor('2020-07-01').id).toBe('gov-sanctions-2020');
  });

  it('dismissal is not a dishonesty record', () => {
    expect(sanctionPeriod({ sanctionType: 'dismissal', effectiveDate: '2025-01-01', decisionDate: '2025-01-01' })).toMatchObject({ ok: false, code: 'SANCTION_NOT_A_RECORD' });
  });

  it('only the heaviest of different types applies', () => {
    expect(heaviestSanction(['warning', 'demotion', 'demerit'])).toBe('demotion');
  });

  it('several of one type: between the longest single period and their sum, never over 48 months', () => {
    const base = { sanctionType: 'major_demerit' as const, effectiveDate: '2025-01-10', decisionDate: '2025-01-10', offenceCount: 3 };
    expect(sanctionPeriod({ ...base, combinedMonths: 40 })).toMatchObject({ ok: true, months: 40, end: '2028-05-10' });
    expect(sanctionPeriod({ ...base, combinedMonths: 50 })).toMatchObject({ ok: false, code: 'SANCTION_COMBINED_OUT_OF_RANGE' });
    expect(sanctionPeriod({ ...base, combinedMonths: 12 })).toMatchObject({ ok: false, code: 'SANCTION_COMBINED_OUT_OF_RANGE' });
  });

  it('the 2020 law combines only types below demotion; the 2007 rule also demotion and removal', () => {
    const removal = { sanctionType: 'removal' as const, offenceCount: 2, combinedMonths: 30 };
    expect(sanctionPeriod({ ...removal, effectiveDate: '2021-03-01', decisionDate: '2021-03-01' })).toMatchObject({ ok: false, code: 'SANCTION_NOT_COMBINABLE' });
    expect(sanctionPeriod({ ...removal, effectiveDate: '2015-03-01', decisionDate: '2015-03-01' })).toMatchObject({ ok: true, months: 30 });
  });

  it('2007 rule: a new sanction during a running one adds the unserved remainder; 2020 law does not', () => {
    const running = [{ end: '2016-09-01' }];
    const old = sanctionPeriod({ sanctionType: 'demerit', effectiveDate: '2016-03-01', decisionDate: '2016-03-01', running });
    expect(old).toMatchObject({ ok: true, months: 18, end: '2017-09-01' });
    const now = sanctionPeriod({ sanctionType: 'demerit', effectiveDate: '2022-03-01', decisionDate: '2022-03-01', running: [{ end: '2022-09-01' }] });
    expect(now).toMatchObject({ ok: true, months: 12, end: '2023-03-01' });
  });
});
