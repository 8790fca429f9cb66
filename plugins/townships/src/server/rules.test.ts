import { describe, expect, it } from 'vitest';
import { townshipsConfig } from '../contract';
import { candidate, gradeOf, RULES } from './rules';

const cfg = townshipsConfig.parse({});

describe('township rules', () => {
  it("maps the primitive's status to the year-end grade", () => {
    expect(gradeOf({ status: 'kept' })).toBe('fully');
    expect(gradeOf({ status: 'partly_kept' })).toBe('partly');
    expect(gradeOf({ status: 'broken' })).toBe('not');
    expect(gradeOf({ status: 'changed_lawfully' })).toBe('changed');
    expect(gradeOf({ status: 'pending' })).toBeNull();
  });

  it('scores a candidate and names every criterion it fails (thresholds are settings)', () => {
    const good = { commitments: 6, fully: 5, notKept: 0, ratings: 20, satisfaction: 4.5, dishonestyRecords: 0 };
    expect(candidate(good, cfg)).toEqual({ fullyKeptPct: 83.3, score: 86, eligible: true, failed: [] });
    expect(candidate({ ...good, fully: 4, notKept: 1, satisfaction: 3.9, dishonestyRecords: 1 }, cfg).failed).toEqual([
      'fullyKeptPct',
      'noneNotKept',
      'satisfaction',
      'noDishonestyRecord',
    ]);
    // Too few ratings: satisfaction neither shown nor counted.
    expect(candidate({ ...good, ratings: 2 }, cfg)).toMatchObject({
      eligible: false,
      failed: ['satisfaction'],
      score: 50,
    });
    expect(candidate({ ...good, commitments: 0, fully: 0 }, cfg).failed).toContain('fullyKeptPct');
    expect(candidate(good, { ...cfg, candidateFullyKeptPct: 90 }).failed).toEqual(['fullyKeptPct']);
  });

  it('marks what no statute fixes as unconfirmed settings', () => {
    expect(RULES.yearEndGrade).toMatchObject({
      setting: 'partlyKeptFromPct, graceDays',
      source: { confidence: 'unconfirmed' },
    });
    expect(RULES.candidates.source.confidence).toBe('unconfirmed');
    expect(RULES.noExcuse.id).toBe('townships.no_excuse_for_change_of_government');
  });
});
