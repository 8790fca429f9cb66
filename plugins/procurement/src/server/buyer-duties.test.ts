import { WorkingCalendar } from '@chengxin/plugin-sdk';
import { describe, expect, it } from 'vitest';
import { procurementConfig } from '../contract';
import { bpToPpmPerDay, buyerDuties, lprOn } from './buyer-duties';
import { complaintClocks, compliance, RULES, type ContractFactsWithDuties } from './rules';

const cal = new WorkingCalendar();
const lpr = procurementConfig.parse({}).lprTable;
const base: ContractFactsWithDuties = {
  awardNoticeDate: '2026-01-05',
  signingDate: '2026-01-20',
  acceptanceDeadline: null,
  acceptanceDate: null,
  acceptanceResult: null,
  deliveryDate: '2026-09-01',
  supplierSme: true,
  amountFen: 1_000_000,
  paymentTermDays: 30,
  lateInterestPpmPerDay: null,
  payments: [],
};

describe('issue 25, finding 16: SME payment (保障中小企业款项支付条例 2025)', () => {
  it('a term over 60 days is recorded, flagged and judged by 60 (§9 ¶1)', () => {
    const c = compliance(cal, { ...base, paymentTermDays: 90 }, '2026-12-31', 500, lpr);
    // Delivered 1 Sep 2026: 60 days → 31 Oct (Saturday) → Mon 2 Nov 2026.
    expect(c.payment.due).toBe('2026-11-02');
    expect(c.flags).toEqual([
      { ruleId: 'procurement.payment_term_over_60', messageZh: expect.stringContaining('第九条第一款') },
    ]);
    expect(compliance(cal, { ...base, paymentTermDays: 60 }, '2026-12-31', 500, lpr).flags).toEqual([]);
  });

  it('an agreed late rate below the 1-year LPR at signing is flagged and interest runs at the LPR (§17); none agreed: 0.05 % a day, fixed', () => {
    expect(lprOn(lpr, '2026-01-20')).toBe(300);
    expect(lprOn(lpr, '2024-10-20')).toBe(335);
    expect(bpToPpmPerDay(300)).toBe(84); // 3.00 % a year / 360 days, rounded up
    const paidLate = { ...base, payments: [{ paidOn: '2026-10-11', amountFen: 1_000_000 }] };
    // Due 2026-10-08 (1 Sep + 30 = 1 Oct, National Day → 8 Oct); paid 3 days late.
    const low = compliance(cal, { ...paidLate, lateInterestPpmPerDay: 50 }, '2026-12-31', 500, lpr);
    expect(low.payment).toMatchObject({ due: '2026-10-08', daysLate: 3, interestPpmPerDay: 84, interestFen: 252 });
    expect(low.flags.map((f) => f.ruleId)).toEqual(['procurement.interest_below_lpr']);
    expect(compliance(cal, { ...paidLate, lateInterestPpmPerDay: 100 }, '2026-12-31', 500, lpr).flags).toEqual([]);
    // The statutory rate does not move with the old `defaultLateInterestPpmPerDay` argument.
    expect(compliance(cal, paidLate, '2026-12-31', 1000, lpr).payment).toMatchObject({
      interestPpmPerDay: 500,
      interestFen: 1500,
    });
    expect(procurementConfig.safeParse({ defaultLateInterestPpmPerDay: 600 }).success).toBe(false);
  });

  it('forwarding counts 10 working days from formal acceptance, not receipt; handling 30 days from the forwarding (§25)', () => {
    // Received Fri 2026-09-25, formally accepted Mon 2026-09-28: 10 working days skip National Day and count Sat 10 Oct.
    expect(complaintClocks(cal, '2026-09-28', null, 30).forwardDue).toBe('2026-10-16');
    expect(complaintClocks(cal, '2026-09-25', null, 30).forwardDue).toBe('2026-10-15');
    expect(complaintClocks(cal, '2026-09-28', '2026-10-12', 30).handleDue).toBe('2026-11-11');
    expect(RULES.complaintForward.source).toMatchObject({ article: '第二十五条第一款', confidence: 'law' });
    expect(RULES.complaintHandle.source).toMatchObject({ article: '第二十五条第二款', confidence: 'law' });
    expect(RULES.yearlyList.source).toMatchObject({ article: '第十八条第一款', confidence: 'law' });
  });
});

describe('issue 25, finding 17: buyer duties', () => {
  it('confirms the supplier within 5 working days of the evaluation report (实施条例 §43 ¶1)', () => {
    // Report received Wed 2026-09-30: working days 8, 9, 10 (Sat, adjusted), 12 and 13 Oct.
    const d = buyerDuties(
      cal,
      {
        awardNoticeDate: '2026-10-20',
        signingDate: null,
        evaluationReportDate: '2026-09-30',
        supplierConfirmedOn: '2026-10-13',
      },
      '2026-12-01',
    );
    expect(d.confirmation).toEqual({ deadline: '2026-10-13', state: 'ok', provisional: false });
    expect(
      buyerDuties(
        cal,
        {
          awardNoticeDate: '2026-10-20',
          signingDate: null,
          evaluationReportDate: '2026-09-30',
          supplierConfirmedOn: '2026-10-14',
        },
        '2026-12-01',
      ).confirmation.state,
    ).toBe('late');
  });

  it('publishes the contract within 2 working days of signing (§50); a change of result after the award is a breach (法 §46 ¶2)', () => {
    // Signed Fri 2026-02-13: Sat 14 Feb is an adjusted working day, then the Spring Festival → 24 Feb.
    expect(
      buyerDuties(
        cal,
        { awardNoticeDate: '2026-01-20', signingDate: '2026-02-13', contractPublishedOn: '2026-02-24' },
        '2026-12-01',
      ).publication,
    ).toEqual({ deadline: '2026-02-24', state: 'ok', provisional: false });
    expect(
      buyerDuties(
        cal,
        { awardNoticeDate: '2026-01-20', signingDate: '2026-02-13', contractPublishedOn: '2026-02-25' },
        '2026-12-01',
      ).publication.state,
    ).toBe('late');
    expect(
      buyerDuties(cal, { awardNoticeDate: '2026-01-20', signingDate: '2026-02-13' }, '2026-12-01').publication.state,
    ).toBe('not_applicable');
    const changed = compliance(cal, { ...base, resultChangedOn: '2026-01-12' }, '2026-12-01', 500, lpr);
    expect(changed.duties.resultChanged).toEqual({ on: '2026-01-12', state: 'breach' });
    expect(changed.breaches).toContain('procurement.result_changed_after_award');
  });
});
