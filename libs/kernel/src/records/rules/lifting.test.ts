import { describe, expect, it } from 'vitest';
import { liftingDates } from './lifting';

describe('lifting needs a period without a new violation (政务处分法 §26 ¶2, 公务员法 §65)', () => {
  it('a new sanction inside the period holds the old one until the new one is lifted; chains follow', () => {
    const out = liftingDates([
      { id: 'a', start: '2024-01-10', end: '2024-07-10' }, // warning
      { id: 'b', start: '2024-05-01', end: '2025-05-01' }, // demerit inside a's period
      { id: 'c', start: '2025-02-01', end: '2025-08-01' }, // warning inside b's period
      { id: 'd', start: '2026-01-01', end: '2026-07-01' }, // after everything was lifted: holds nothing
    ]);
    expect(out.get('c')).toEqual({ until: '2025-08-01', heldBy: null });
    expect(out.get('b')).toEqual({ until: '2025-08-01', heldBy: 'c' });
    expect(out.get('a')).toEqual({ until: '2025-08-01', heldBy: 'b' });
    expect(out.get('d')).toEqual({ until: '2026-07-01', heldBy: null });
  });

  it('sanctions taking effect the same day, or after the period ended, do not hold each other', () => {
    const out = liftingDates([
      { id: 'a', start: '2024-01-10', end: '2024-07-10' },
      { id: 'b', start: '2024-01-10', end: '2025-01-10' },
      { id: 'c', start: '2024-07-10', end: '2025-01-10' },
    ]);
    expect(out.get('a')).toEqual({ until: '2024-07-10', heldBy: null });
  });
});
