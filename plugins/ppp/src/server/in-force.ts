/**
 * When each PPP rule took effect (kept beside rules.ts so texts and dates change independently). An obligation is
 * judged by the rule in force on its due date, a unilateral change by the rule in force on the day it was made.
 */
import type { RuleVersion } from '@chengxin/plugin-sdk';
import { RULES } from './rules';

const CIVIL = [
  { from: '1987-01-01', version: '民法通则第一百五十四条' },
  { from: '2017-10-01', version: '民法总则第二百零一条、第二百零三条' },
  { from: '2021-01-01', version: '中华人民共和国民法典' },
];

export const IN_FORCE: Record<string, readonly RuleVersion[]> = {
  [RULES.obligationOverdue.id]: [
    { from: '2016-12-22', version: '国务院关于加强政务诚信建设的指导意见（国发〔2016〕76号）' },
    { from: '2020-01-01', version: '最高人民法院关于审理行政协议案件若干问题的规定' },
  ],
  [RULES.unilateralChange.id]: [
    { from: '2020-01-01', version: '最高人民法院关于审理行政协议案件若干问题的规定 / 优化营商环境条例' },
  ],
  [RULES.noExcuse.id]: [{ from: '2020-01-01', version: '优化营商环境条例' }],
  [RULES.periodOnHoliday.id]: CIVIL,
  [RULES.affordability.id]: [{ from: '2015-04-07', version: '财金〔2015〕21号' }],
  [RULES.newMechanism.id]: [{ from: '2023-11-03', version: '国办函〔2023〕115号' }],
};
