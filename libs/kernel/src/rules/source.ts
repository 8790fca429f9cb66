/** Where a rule comes from, so a reviewer can check it. Confidence marks follow DOMAIN.md. */
export interface RuleSource {
  law: string;
  article: string;
  /** law = read in the statute text; 2nd = secondary copy only; unconfirmed = configuration default. */
  confidence: 'law' | '2nd' | 'unconfirmed';
}

/** One rule as applied to a record: its id, what it says, and its source. Stored with the record version. */
export interface AppliedRule {
  ruleId: string;
  summaryZh: string;
  summaryEn: string;
  source: RuleSource;
}
