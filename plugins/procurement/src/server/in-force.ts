/**
 * When each procurement rule took effect, and what a contract's status and missing inputs mean for the checks. Kept
 * beside rules.ts (not in it) so the rule texts and their dates can change independently. A contract is judged by a
 * rule only if its award notice (the start of the contract) is on or after the day the rule took effect: a 2011
 * contract is not judged by the 2020 SME payment regulation.
 */
import { DUTY_RULES } from './buyer-duties';
import { judges, type RuleVersion } from '@chengxin/plugin-sdk';
import type { Compliance } from '../contract';
import { RULES } from './rules';

const SME_2020 = { from: '2020-09-01', version: '保障中小企业款项支付条例（国务院令第728号）' };
const SME_2025 = { from: '2025-06-01', version: '保障中小企业款项支付条例（2025年修订，国务院令第802号）' };

export const IN_FORCE: Record<string, readonly RuleVersion[]> = {
  [RULES.signing.id]: [{ from: '2003-01-01', version: '中华人民共和国政府采购法' }],
  [RULES.acceptance.id]: [
    { from: '2003-01-01', version: '中华人民共和国政府采购法' },
    { from: '2015-03-01', version: '政府采购法实施条例' },
  ],
  [RULES.payment.id]: [SME_2020, SME_2025],
  [RULES.interest.id]: [SME_2020, SME_2025],
  [RULES.deadlineOnHoliday.id]: [
    { from: '1987-01-01', version: '民法通则第一百五十四条' },
    { from: '2017-10-01', version: '民法总则第二百零一条、第二百零三条' },
    { from: '2021-01-01', version: '中华人民共和国民法典' },
  ],
  [RULES.yearlyList.id]: [SME_2020, SME_2025],
  [RULES.complaintForward.id]: [SME_2020, SME_2025],
  [RULES.complaintHandle.id]: [SME_2020, SME_2025],
};

export interface JudgedFacts {
  awardNoticeDate: string | null;
  signingDate?: string | null;
  status?: string | null;
  unknownFacts?: string[] | null;
}

/**
 * The checks as the law and the data allow: a cancelled contract (award cancelled or unsuccessful, contract cancelled)
 * is judged by no rule; a rule not yet in force on the award notice date is not applicable; a payment check whose
 * input the source could not carry is "unknown". None of these is ever a breach.
 */
export function judged(c: Compliance, f: JudgedFacts): Compliance {
  const cancelled = f.status === 'cancelled';
  // Without an award notice date (a source that did not give it), a rule is not applicable when even the signing,
  // which follows the award, came before it took effect; otherwise its version cannot be told and it stays judged only
  // where the data carries the fact (the signing check is unknown in compliance()).
  const anchor = f.awardNoticeDate ?? f.signingDate ?? null;
  const off = (ruleId: string) => cancelled || (anchor !== null && !judges(IN_FORCE[ruleId], anchor));
  const signing = off(RULES.signing.id) ? { ...c.signing, state: 'not_applicable' as const } : c.signing;
  const acceptance = off(RULES.acceptance.id) ? { ...c.acceptance, state: 'not_applicable' as const } : c.acceptance;
  const payment = off(RULES.payment.id)
    ? { ...c.payment, state: 'not_applicable' as const, daysLate: 0, interestFen: 0 }
    : f.unknownFacts?.includes('payments') && c.payment.state !== 'not_applicable'
      ? { ...c.payment, state: 'unknown' as const, daysLate: 0, interestFen: 0 }
      : c.payment;
  const kept = new Map<string, string>([
    [RULES.signing.id, signing.state],
    [RULES.acceptance.id, acceptance.state],
    [RULES.payment.id, payment.state],
  ]);
  // A cancelled contract owes no buyer duty either (confirmation, publication, result change): none of them is judged.
  const duties = cancelled
    ? {
        confirmation: { ...c.duties.confirmation, state: 'not_applicable' as const },
        publication: { ...c.duties.publication, state: 'not_applicable' as const },
        resultChanged: { ...c.duties.resultChanged, state: 'not_applicable' as const },
      }
    : c.duties;
  const dutyIds = new Set<string>(Object.values(DUTY_RULES).map((r) => r.id));
  return {
    ...c,
    signing,
    acceptance,
    payment,
    duties,
    breaches: c.breaches.filter(
      (id) => !['not_applicable', 'unknown'].includes(kept.get(id) ?? '') && !(cancelled && dutyIds.has(id)),
    ),
  };
}
