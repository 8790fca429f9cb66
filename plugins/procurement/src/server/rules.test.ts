import { WorkingCalendar } from '@chengxin/plugin-sdk';
import { describe, expect, it } from 'vitest';
import { complaintClocks, compliance, paymentClock, periodEnd, publishBy, RULES, type ContractFacts } from './rules';

const cal = new WorkingCalendar();
const base: ContractFacts = {
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

describe('signing within 30 days of the award notice (政府采购法 §46; 民法典 §201, §203)', () => {
  it('a period ending on a Sunday ends on the next working day (2026-01-30 + 30 → Sun 1 March → Mon 2 March)', () => {
    expect(periodEnd(cal, '2026-01-30', 30)).toBe('2026-03-02');
    expect(
      compliance(cal, { ...base, awardNoticeDate: '2026-01-30', signingDate: '2026-03-02' }, '2026-12-01', 500).signing,
    ).toEqual({ deadline: '2026-03-02', state: 'ok' });
    expect(
      compliance(cal, { ...base, awardNoticeDate: '2026-01-30', signingDate: '2026-03-03' }, '2026-12-01', 500).signing
        .state,
    ).toBe('late');
  });
  it('an adjusted working Saturday is a working day (2026-01-29 + 30 → Sat 28 February, 春节调休上班)', () => {
    expect(periodEnd(cal, '2026-01-29', 30)).toBe('2026-02-28');
  });
  it('a period ending in the Spring Festival holiday ends on the first working day after it (2026-02-15 → 2026-02-24)', () => {
    expect(periodEnd(cal, '2026-01-16', 30)).toBe('2026-02-24');
  });
  it('unsigned: not yet due on the deadline, a breach the day after', () => {
    const open = { ...base, awardNoticeDate: '2026-01-30', signingDate: null, deliveryDate: null };
    expect(compliance(cal, open, '2026-03-02', 500).signing.state).toBe('pending');
    const next = compliance(cal, open, '2026-03-03', 500);
    expect(next.signing.state).toBe('breach');
    expect(next.breaches).toEqual([RULES.signing.id]);
  });
});

describe('SME payment term (保障中小企业款项支付条例 §9, §10, §17)', () => {
  it('30 days from delivery ending on National Day moves to 8 October; paid that day is on time', () => {
    const c = compliance(
      cal,
      { ...base, payments: [{ paidOn: '2026-10-08', amountFen: 1_000_000 }] },
      '2026-11-01',
      500,
    );
    expect(c.payment).toMatchObject({
      clockStart: '2026-09-01',
      clockBasis: 'delivery',
      due: '2026-10-08',
      state: 'ok',
      daysLate: 0,
      interestFen: 0,
      outstandingFen: 0,
    });
    expect(c.breaches).toEqual([]);
  });
  it('paid a day late: one day of interest at 0.05 % (500 ppm) by default', () => {
    const c = compliance(
      cal,
      { ...base, payments: [{ paidOn: '2026-10-09', amountFen: 1_000_000 }] },
      '2026-11-01',
      500,
    );
    expect(c.payment).toMatchObject({ state: 'late', daysLate: 1, interestFen: 500 });
    expect(c.breaches).toEqual([RULES.payment.id]);
  });
  it('interest runs on each unpaid part until it is paid; the contract rate replaces the default', () => {
    const facts = { ...base, deliveryDate: '2026-03-02', payments: [{ paidOn: '2026-04-11', amountFen: 400_000 }] };
    // due 2026-04-01 (Wed); 400,000 paid 10 days late, 600,000 still unpaid 20 days after the due date.
    const c = compliance(cal, facts, '2026-04-21', 500);
    expect(c.payment).toMatchObject({
      due: '2026-04-01',
      state: 'breach',
      daysLate: 20,
      outstandingFen: 600_000,
      paidFen: 400_000,
      interestFen: 2_000 + 6_000,
    });
    expect(compliance(cal, { ...facts, lateInterestPpmPerDay: 1000 }, '2026-04-21', 500).payment.interestFen).toBe(
      16_000,
    );
  });
  it('a 60-day term is honoured (the statutory ceiling)', () => {
    expect(
      compliance(cal, { ...base, deliveryDate: '2026-03-02', paymentTermDays: 60 }, '2026-04-21', 500).payment,
    ).toMatchObject({ due: '2026-05-06', state: 'pending' });
  });
  it('late acceptance starts the clock at the acceptance deadline, whether accepted late or not at all', () => {
    const acc = { ...base, deliveryDate: '2026-05-01', acceptanceDeadline: '2026-05-10' };
    expect(paymentClock({ ...acc, acceptanceDate: '2026-05-20', acceptanceResult: 'passed' }, '2026-06-01')).toEqual({
      start: '2026-05-10',
      basis: 'acceptance_deadline',
    });
    expect(paymentClock(acc, '2026-05-11')).toEqual({ start: '2026-05-10', basis: 'acceptance_deadline' });
    expect(compliance(cal, acc, '2026-06-10', 500).payment).toMatchObject({
      due: '2026-06-09',
      state: 'breach',
      daysLate: 1,
    });
    expect(compliance(cal, acc, '2026-06-10', 500).breaches).toEqual([RULES.acceptance.id, RULES.payment.id]);
  });
  it('on-time acceptance starts the clock on the acceptance day; while acceptance is pending or failed there is no clock', () => {
    const acc = { ...base, deliveryDate: '2026-05-01', acceptanceDeadline: '2026-05-10' };
    expect(paymentClock({ ...acc, acceptanceDate: '2026-05-08', acceptanceResult: 'passed' }, '2026-06-01')).toEqual({
      start: '2026-05-08',
      basis: 'acceptance',
    });
    expect(paymentClock(acc, '2026-05-10')).toBeNull();
    expect(paymentClock({ ...acc, acceptanceDate: '2026-05-08', acceptanceResult: 'failed' }, '2026-06-01')).toBeNull();
  });
  it('before delivery neither acceptance nor payment is late; delivered after the deadline, acceptance is due on delivery', () => {
    const undelivered = { ...base, deliveryDate: null, acceptanceDeadline: '2026-06-30' };
    const c = compliance(cal, undelivered, '2026-10-21', 500);
    expect(c.acceptance.state).toBe('pending');
    expect(c.payment).toMatchObject({ clockStart: null, state: 'pending', interestFen: 0 });
    expect(c.breaches).toEqual([]);
    const lateDelivery = compliance(cal, { ...undelivered, deliveryDate: '2026-10-20' }, '2026-10-21', 500);
    expect(lateDelivery.acceptance).toEqual({ deadline: '2026-10-20', state: 'breach' });
    expect(lateDelivery.payment).toMatchObject({
      clockStart: '2026-10-20',
      clockBasis: 'acceptance_deadline',
      due: '2026-11-19',
      state: 'pending',
    });
  });
  it('does not apply to a large supplier', () => {
    expect(compliance(cal, { ...base, supplierSme: false }, '2027-01-01', 500).payment.state).toBe('not_applicable');
  });
});

describe('arrears complaints and the yearly list', () => {
  it('forwarding in 10 working days skips National Day and counts the adjusted Saturday', () => {
    expect(complaintClocks(cal, '2026-09-28', null, 30)).toEqual({
      forwardDue: '2026-10-16',
      provisional: false,
      handleDue: '2026-10-28',
    });
  });
  it('a deadline in a year whose holidays are not yet published is marked provisional', () => {
    expect(complaintClocks(cal, '2026-12-24', null, 30).provisional).toBe(true);
  });
  it('handling runs from forwarding, extendable to 90 days', () => {
    expect(complaintClocks(cal, '2026-03-02', '2026-03-05', 90).handleDue).toBe('2026-06-03');
  });
  it("last year's overdue contracts are published by 31 March", () => {
    expect(publishBy(2026)).toBe('2027-03-31');
  });
});
