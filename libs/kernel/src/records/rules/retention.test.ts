import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDays } from '@chengxin/contract';
import { archiveOn, scheduledStatus, type ScheduleInput } from './retention';

describe('scheduled status (publication expiry and archival)', () => {
  const base: ScheduleInput = {
    status: 'published',
    decisionDate: '2025-01-10',
    publicationMaxEnd: '2026-01-10',
    lastMoveOn: '2025-01-20',
  };

  it('expires on the maximum publication end, archives five years after the decision', () => {
    expect(scheduledStatus(base, '2026-01-09')).toEqual({ status: 'published', moves: [] });
    expect(scheduledStatus(base, '2026-01-10')).toEqual({
      status: 'expired',
      moves: [{ action: 'expire', on: '2026-01-10' }],
    });
    expect(archiveOn('2025-01-10')).toBe('2030-01-10');
    expect(scheduledStatus(base, '2030-01-10').moves).toEqual([
      { action: 'expire', on: '2026-01-10' },
      { action: 'archive', on: '2030-01-10' },
    ]);
    expect(scheduledStatus({ ...base, status: 'revoked' }, '2030-01-10')).toEqual({
      status: 'archived',
      moves: [{ action: 'archive', on: '2030-01-10' }],
    });
    expect(scheduledStatus({ ...base, status: 'approved' }, '2031-01-01').status).toBe('approved');
  });

  it("never dates a move before the record's latest move (a record published after its window ended)", () => {
    expect(scheduledStatus({ ...base, lastMoveOn: '2026-03-01' }, '2026-03-05').moves).toEqual([
      { action: 'expire', on: '2026-03-01' },
    ]);
  });

  const input = fc
    .record({
      status: fc.constantFrom(
        'draft',
        'submitted',
        'approved',
        'published',
        'expired',
        'repaired',
        'revoked',
        'archived' as const,
      ),
      decision: fc.integer({ min: 0, max: 3000 }),
      window: fc.option(fc.integer({ min: 1, max: 1100 }), { nil: null }),
      moved: fc.integer({ min: 0, max: 400 }),
    })
    .map(({ status, decision, window, moved }): ScheduleInput => {
      const decisionDate = addDays('2018-01-01', decision);
      return {
        status,
        decisionDate,
        publicationMaxEnd: window === null ? null : addDays(decisionDate, window),
        lastMoveOn: addDays(decisionDate, moved),
      };
    });

  it('running daily, running after a gap, and running twice all reach the same status and move dates', () => {
    fc.assert(
      fc.property(input, fc.integer({ min: 0, max: 4000 }), fc.integer({ min: 0, max: 4000 }), (r, a, b) => {
        const [d1, d2] = [addDays('2018-01-01', Math.min(a, b)), addDays('2018-01-01', Math.max(a, b))];
        const first = scheduledStatus(r, d1);
        const afterFirst: ScheduleInput = {
          ...r,
          status: first.status,
          lastMoveOn: first.moves.at(-1)?.on ?? r.lastMoveOn,
        };
        const second = scheduledStatus(afterFirst, d2);
        const direct = scheduledStatus(r, d2);
        const again = scheduledStatus(
          { ...afterFirst, status: second.status, lastMoveOn: second.moves.at(-1)?.on ?? afterFirst.lastMoveOn },
          d2,
        );
        return (
          second.status === direct.status &&
          again.moves.length === 0 &&
          JSON.stringify([...first.moves, ...second.moves]) === JSON.stringify(direct.moves)
        );
      }),
      { numRuns: 2000 },
    );
  });
});
