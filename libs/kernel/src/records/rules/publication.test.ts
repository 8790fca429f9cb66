import { afterEach, describe, expect, it } from 'vitest';
import { publicationRuleById, publicationRuleSetFor, publicationWindow } from './publication';

afterEach(() => {
  delete process.env['CHENGXIN_MINOR_PUBLISHED'];
});

describe('publication windows (issue 25, findings 10 and 11)', () => {
  it('58号令 applies to decisions from 2023-05-01 until the 2026 rules: 3 months to 3 years, whatever the severity', () => {
    expect(publicationRuleSetFor('2023-04-30').id).toBe('publication-2019');
    expect(publicationRuleSetFor('2023-05-01').id).toBe('publication-2023');
    expect(publicationRuleSetFor('2026-03-31').id).toBe('publication-2023');
    expect(publicationRuleSetFor('2026-04-01').id).toBe('publication-2026');
    // A serious penalty of 2024: under 527号 it would be 6 months–3 years; under 58号令 3 months–3 years.
    expect(publicationWindow('serious', '2024-08-31')).toMatchObject({
      ruleSetId: 'publication-2023',
      minEnd: '2024-11-30',
      maxEnd: '2027-08-31',
    });
    expect(publicationWindow('ordinary', '2024-08-31')).toMatchObject({ minEnd: '2024-11-30', maxEnd: '2027-08-31' });
    // Before 2023-05-01 the 2019 values still apply (decided before the new set took effect).
    expect(publicationWindow('ordinary', '2023-04-30')).toMatchObject({
      ruleSetId: 'publication-2019',
      minEnd: '2023-07-30',
      maxEnd: '2024-04-30',
    });
  });

  it('the five sectors have a one-year minimum under 58号令 only', () => {
    const w = publicationWindow('ordinary', '2024-01-15', undefined, 'fire');
    expect(w).toMatchObject({
      minEnd: '2025-01-15',
      maxEnd: '2027-01-15',
      rule: { ruleId: 'publication-2023.ordinary.fire' },
    });
    expect(publicationRuleById('publication-2023.ordinary.fire')!.summaryZh).toContain('消防领域');
    expect(publicationWindow('ordinary', '2026-05-15', undefined, 'food')).toMatchObject({
      ruleSetId: 'publication-2026',
      minEnd: '2026-08-15',
    });
  });

  it('轻微 is not published by default (an empty window); the setting publishes it up to 3 months; the tier is labelled local for 527号', () => {
    const off = publicationWindow('minor', '2025-03-10');
    expect(off).toMatchObject({
      ruleSetId: 'publication-2023',
      minEnd: '2025-03-10',
      maxEnd: '2025-03-10',
      rule: { ruleId: 'publication-2023.minor.unpublished', source: { confidence: 'local' } },
    });
    expect(publicationRuleById('publication-2019.minor.unpublished')!.source.confidence).toBe('local');
    expect(publicationRuleById('publication-2026.minor.unpublished')!.source.confidence).toBe('2nd');
    process.env['CHENGXIN_MINOR_PUBLISHED'] = 'on';
    expect(publicationWindow('minor', '2020-03-10')).toMatchObject({
      ruleSetId: 'publication-2019',
      minEnd: '2020-03-10',
      maxEnd: '2020-06-10',
    });
    expect(publicationRuleById('publication-2019.minor')!.summaryZh).toContain('本地增设');
  });
});
