/**
 * When each tendering rule took effect, and what a tender's missing inputs mean for its checks. Kept beside rules.ts
 * (not in it) so the rule texts and their dates can change independently. A tender is judged by the law in force when
 * its procedure began (the day the tender documents were issued): 招标投标法 from 2000-01-01, its 实施条例 from
 * 2012-02-01.
 */
import { judges, type RuleVersion } from '@chengxin/plugin-sdk';
import type { RuleCheck } from '../contract';
import { RULES } from './rules';

const LAW = [
  { from: '2000-01-01', version: '中华人民共和国招标投标法' },
  { from: '2017-12-28', version: '中华人民共和国招标投标法（2017年修正）' },
];
const REG = [
  { from: '2012-02-01', version: '中华人民共和国招标投标法实施条例' },
  { from: '2019-03-02', version: '中华人民共和国招标投标法实施条例（2019年修订）' },
];

export const IN_FORCE: Record<string, readonly RuleVersion[]> = {
  [RULES.bidPeriod.id]: LAW,
  [RULES.clarification.id]: REG,
  [RULES.publicity.id]: REG,
  [RULES.contract.id]: LAW,
  [RULES.report.id]: LAW,
  [RULES.invited.id]: REG,
  [RULES.resultChanged.id]: REG,
  [RULES.refusedToSign.id]: REG,
  [RULES.conditionsAdded.id]: REG,
  [RULES.interference.id]: REG,
};

/** Which unknown input leaves which rule unable to judge. */
const NEEDS: Record<string, string[]> = {
  mustTender: [RULES.bidPeriod.id, RULES.publicity.id, RULES.report.id],
  reportDate: [RULES.report.id],
  contractDate: [RULES.contract.id],
};

/**
 * The checks as the law and the data allow: a rule not in force when the documents were issued is not applicable; one
 * whose input the source could not carry is "unknown". Neither is ever a breach.
 */
export function judgedChecks(
  checks: RuleCheck[],
  t: { issueDate: string; unknownFacts?: string[] | null },
): RuleCheck[] {
  const unknown = new Set((t.unknownFacts ?? []).flatMap((f) => NEEDS[f] ?? []));
  return checks.map((c) => {
    if (!judges(IN_FORCE[c.ruleId], t.issueDate))
      return {
        ...c,
        state: 'not_applicable',
        breachDate: null,
        detail: `${c.detail}（该规定于招标文件发出时尚未施行）`,
      };
    if (unknown.has(c.ruleId))
      return { ...c, state: 'unknown', breachDate: null, detail: `${c.detail}（数据来源未提供判断所需的信息）` };
    return c;
  });
}
