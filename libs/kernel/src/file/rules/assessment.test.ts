import { describe, expect, it } from 'vitest';
import { ASSESSMENT_RULES, inForce } from './assessment';

describe('consequence rules are versioned by effective date', () => {
  it('applies a rule only to years it was in force', () => {
    expect(inForce(ASSESSMENT_RULES.warning, '2006-01-01', '2007-01-01')).toBe(false);
    expect(inForce(ASSESSMENT_RULES.warning, '2007-01-01', '2008-01-01')).toBe(true);
    expect(inForce(ASSESSMENT_RULES.dishonesty, '2016-01-01', '2017-01-01')).toBe(false);
    expect(inForce(ASSESSMENT_RULES.dishonesty, '2025-01-01', '2026-01-01')).toBe(true);
    expect(inForce({ effectiveFrom: '2010-01-01', effectiveTo: '2020-01-01' }, '2020-01-01', '2021-01-01')).toBe(false);
  });

  it('names a law and article for every rule', () => {
    for (const rule of Object.values(ASSESSMENT_RULES)) {
      expect(rule.source.law.length).toBeGreaterThan(1);
      expect(rule.source.article.length).toBeGreaterThan(0);
    }
  });
});
