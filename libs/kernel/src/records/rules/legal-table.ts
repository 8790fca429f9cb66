import { LIFTING_WITHHELD } from './lifting';
import { PERSON_DISCLOSURE_RULE } from './person-disclosure';
import { readingsTable } from './readings';
import { RETENTION } from './retention';
import { EFFECTIVE_ON_DECISION } from './sanction-extras';

/**
 * The parts of `kernel.rules.list` added by the legal review (their schema is the contract's rulesListOutput): the open readings with their options and defaults, the
 * sanction rules that are not a period (effective date, lifting withheld, decided together), and retention.
 */
export const legalRulesList = () => ({
  readings: readingsTable(),
  sanctionRules: [EFFECTIVE_ON_DECISION, LIFTING_WITHHELD, PERSON_DISCLOSURE_RULE],
  retention: [
    {
      ruleId: RETENTION.id,
      summaryZh: RETENTION.summaryZh,
      summaryEn: RETENTION.summaryEn,
      source: RETENTION.source,
      years: RETENTION.years,
      countsFrom: RETENTION.countsFrom,
    },
  ],
});
