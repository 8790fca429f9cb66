import { describe, expect, it } from 'vitest';
import { rank, scaleScore, weightedTotal } from './scoring';

describe('evaluation scoring', () => {
  it('scores linearly between worst and best, clamped, for either direction', () => {
    const lowerBetter = { kind: 'linear' as const, best: 0, worst: 5 };
    expect(scaleScore(lowerBetter, 0)).toBe(100);
    expect(scaleScore(lowerBetter, 1.25)).toBe(75);
    expect(scaleScore(lowerBetter, 7)).toBe(0);
    expect(scaleScore(lowerBetter, -1)).toBe(100);
    const higherBetter = { kind: 'linear' as const, best: 100, worst: 60 };
    expect(scaleScore(higherBetter, 90)).toBe(75);
    expect(scaleScore(higherBetter, (2 / 3) * 100)).toBe(16.67);
  });

  it('scores by the last band whose start is at or below the value', () => {
    const bands = {
      kind: 'bands' as const,
      bands: [
        { from: 0, score: 100 },
        { from: 10, score: 80 },
        { from: 20, score: 40 },
        { from: 50, score: 0 },
      ],
    };
    expect(scaleScore(bands, 0)).toBe(100);
    expect(scaleScore(bands, 9.99)).toBe(100);
    expect(scaleScore(bands, 10)).toBe(80);
    expect(scaleScore(bands, 49)).toBe(40);
    expect(scaleScore(bands, 51)).toBe(0);
    expect(scaleScore(bands, -3)).toBe(100);
  });

  it('gives an indicator without data its weight to the others, and no score without any data', () => {
    const linear = { kind: 'linear' as const, best: 100, worst: 0 };
    const t = weightedTotal([
      { key: 'a', weight: 3, scale: linear, value: 80, sample: 4 },
      { key: 'b', weight: 1, scale: linear, value: 40, sample: 2 },
      { key: 'c', weight: 6, scale: linear, value: null, sample: 0 },
    ]);
    expect(t).toEqual({
      score: 70,
      sample: 6,
      items: [
        { key: 'a', score: 80, contribution: 60 },
        { key: 'b', score: 40, contribution: 10 },
        { key: 'c', score: null, contribution: null },
      ],
    });
    expect(weightedTotal([{ key: 'c', weight: 6, scale: linear, value: null, sample: 0 }]).score).toBeNull();
  });

  it('ranks ties together, never ranks a body below the minimum sample, and orders deterministically', () => {
    const out = rank(
      [
        { orgId: '4', name: '丁', score: 99, sample: 1 },
        { orgId: '1', name: '甲', score: 80, sample: 10 },
        { orgId: '2', name: '乙', score: 90, sample: 10 },
        { orgId: '3', name: '丙', score: 80, sample: 10 },
        { orgId: '5', name: '戊', score: 70, sample: 10 },
        { orgId: '6', name: '己', score: null, sample: 10 },
      ],
      5,
    );
    expect(out.map((b) => [b.orgId, b.rank, b.status])).toEqual([
      ['2', 1, 'ranked'],
      ['3', 2, 'ranked'],
      ['1', 2, 'ranked'],
      ['5', 4, 'ranked'],
      ['4', null, 'insufficient'],
      ['6', null, 'insufficient'],
    ]);
  });
});
