import { z } from 'zod';
import { appliedRuleOut } from '../contract';
import { LIFTING_WITHHELD } from './lifting';
import { PERSON_DISCLOSURE_RULE } from './person-disclosure';
import { readingsTable } from './readings';
import { RETENTION } from './retention';
import { EFFECTIVE_ON_DECISION } from './sanction-extras';

/**
 * The parts of `kernel.rules.list` added by the legal review: the open readings with their options and defaults, the
 * sanction rules that are not a period (effective date, lifting withheld, decided together), and retention.
 */
export const legalRulesOut = {
  readings: z.array(appliedRuleOut.omit({ ruleId: true }).extend({
    id: z.string(), setting: z.string(), defaultValue: z.string(), value: z.string(),
    options: z.array(z.object({ value: z.string(), labelZh: z.string(), labelEn: z.string() })),
  })),
  sanctionRules: z.array(appliedRuleOut),
  retention: z.array(appliedRuleOut.extend({ years: z.number(), countsFrom: z.string() })),
};

export const legalRulesList = () => ({
  readings: readingsTable(),
  sanctionRules: [EFFECTIVE_ON_DECISION, LIFTING_WITHHELD, PERSON_DISCLOSURE_RULE],
  retention: [{ ruleId: RETENTION.id, summaryZh: RETENTION.summaryZh, summaryEn: RETENTION.summaryEn, source: RETENTION.source, years: RETENTION.years, countsFrom: RETENTION.countsFrom }],
});
