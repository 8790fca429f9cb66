import { WorkingCalendar } from '@chengxin/plugin-sdk';
import { describe, expect, it } from 'vitest';
import { pppConfig } from '../contract';
import {
  affordability,
  changeDefects,
  newFiscalDutyFlag,
  obligationState,
  regimeOf,
  type ObligationFacts,
} from './rules';

const cal = new WorkingCalendar();
const pay = (
  dueDate: string,
  amountFen: number,
  fulfilments: ObligationFacts['fulfilments'] = [],
): ObligationFacts => ({ kind: 'payment', dueDate, amountFen, fulfilments });

describe('government obligation overdue (行政协议规定 §19; 民法典 §201, §203; calendar days)', () => {
  it('a leap day due date with no grace: paid that day is on time, unpaid it is overdue from 1 March', () => {
    expect(
      obligationState(cal, pay('2024-02-29', 1000, [{ fulfilledOn: '2024-02-29', amountFen: 1000 }]), '2024-03-10', 0),
    ).toMatchObject({ deadline: '2024-02-29', state: 'ok', daysLate: 0 });
    expect(obligationState(cal, pay('2024-02-29', 1000), '2024-02-29', 0).state).toBe('pending');
    expect(obligationState(cal, pay('2024-02-29', 1000), '2024-03-01', 0)).toMatchObject({
      state: 'breach',
      daysLate: 1,
      outstandingFen: 1000,
    });
  });
  it('a due date on a month-end Saturday moves to Monday (2026-01-31 → 2026-02-02)', () => {
    expect(obligationState(cal, pay('2026-01-31', 1000), '2026-02-02', 0)).toMatchObject({
      deadline: '2026-02-02',
      state: 'pending',
    });
    expect(obligationState(cal, pay('2026-01-31', 1000), '2026-02-03', 0)).toMatchObject({
      state: 'breach',
      daysLate: 1,
    });
  });
  it('30 grace days ending in the National Day holiday end on the first working day after it (2026-09-01 → 2026-10-08)', () => {
    expect(
      obligationState(cal, pay('2026-09-01', 1000, [{ fulfilledOn: '2026-10-08', amountFen: 1000 }]), '2026-11-01', 30),
    ).toMatchObject({ deadline: '2026-10-08', state: 'ok' });
    expect(
      obligationState(cal, pay('2026-09-01', 1000, [{ fulfilledOn: '2026-10-09', amountFen: 1000 }]), '2026-11-01', 30),
    ).toMatchObject({ state: 'late', daysLate: 1 });
  });
  it('grace across the end of February in a leap year (2028-01-31 + 30 → 2028-03-01)', () => {
    expect(obligationState(cal, pay('2028-01-31', 1000), '2028-03-01', 30)).toMatchObject({
      deadline: '2028-03-01',
      state: 'pending',
    });
  });
  it('a payment is met only when the payments reach the amount; a part paid on time does not count', () => {
    const o = pay('2026-03-02', 1000, [
      { fulfilledOn: '2026-03-01', amountFen: 400 },
      { fulfilledOn: '2026-03-20', amountFen: 600 },
    ]);
    expect(obligationState(cal, o, '2026-04-01', 0)).toMatchObject({
      state: 'late',
      metOn: '2026-03-20',
      daysLate: 18,
      fulfilledFen: 1000,
      outstandingFen: 0,
    });
    expect(obligationState(cal, o, '2026-03-10', 0)).toMatchObject({
      state: 'breach',
      outstandingFen: 600,
      daysLate: 8,
    });
  });
  it('an approval or land delivery is met by its first fulfilment', () => {
    expect(
      obligationState(
        cal,
        {
          kind: 'land_delivery',
          dueDate: '2026-06-30',
          amountFen: null,
          fulfilments: [{ fulfilledOn: '2026-06-30', amountFen: null }],
        },
        '2026-08-01',
        0,
      ).state,
    ).toBe('ok');
  });
});

describe('unilateral change (行政协议规定 §16; 优化营商环境条例 §31)', () => {
  const lawful = {
    unilateral: true,
    reason: 'public_interest' as const,
    legalAuthority: '特许经营管理办法第三十八条',
    procedureRecord: '常务会议纪要',
    compensationFen: 0,
  };
  it('a unilateral change with authority, procedure and compensation (even zero, decided) is lawful; one by agreement needs none', () => {
    expect(changeDefects(lawful)).toEqual([]);
    expect(
      changeDefects({
        unilateral: false,
        reason: 'other',
        legalAuthority: null,
        procedureRecord: null,
        compensationFen: null,
      }),
    ).toEqual([]);
  });
  it('names each missing element, and never accepts restructuring, a new term or a change of official as the reason', () => {
    expect(changeDefects({ ...lawful, legalAuthority: null, compensationFen: null })).toEqual([
      'legalAuthority',
      'compensationFen',
    ]);
    expect(changeDefects({ ...lawful, reason: 'official_change' })).toEqual(['reason']);
    expect(changeDefects({ ...lawful, reason: 'restructuring' })).toEqual(['reason']);
  });
});

describe('regimes and fiscal affordability (财金〔2015〕21号; 国办函〔2023〕115号)', () => {
  const cfg = pppConfig.parse({});
  it('splits the regimes by start date at the configured day', () => {
    expect(regimeOf('2023-11-02', cfg)).toBe('ppp_2014');
    expect(regimeOf('2023-11-03', cfg)).toBe('concession_2023');
    expect(regimeOf('2023-11-03', pppConfig.parse({ newMechanismFrom: '2024-01-01' }))).toBe('ppp_2014');
  });
  it('flags a new-mechanism project with a fiscal payment or a non-user-pays mechanism only', () => {
    expect(newFiscalDutyFlag('concession_2023', 'user_pays', [{ kind: 'approval' }])).toBe(false);
    expect(newFiscalDutyFlag('concession_2023', 'user_pays', [{ kind: 'payment' }])).toBe(true);
    expect(newFiscalDutyFlag('concession_2023', 'viability_gap', [])).toBe(true);
    expect(newFiscalDutyFlag('ppp_2014', 'government_pays', [{ kind: 'payment' }])).toBe(false);
  });
  it('warns above the cap, not at it (10 % exactly is within), and at a configured cap', () => {
    expect(affordability(10_000, 0, 100_000, cfg)).toMatchObject({
      ratioPct: 10,
      overCap: false,
      overGovernmentPaysCap: true,
    });
    expect(affordability(10_001, 0, 100_000, cfg)).toMatchObject({ ratioPct: 10, overCap: true });
    expect(affordability(5_000, 5_000, 100_000, cfg)).toMatchObject({
      overCap: false,
      overGovernmentPaysCap: false,
      governmentPaysRatioPct: 5,
    });
    expect(affordability(7_000, 0, 100_000, pppConfig.parse({ affordabilityCapPct: 6 })).overCap).toBe(true);
  });
});
