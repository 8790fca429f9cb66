/** Where a rule comes from, so a reviewer can check it. Confidence marks: docs/DOMAIN.md. */
export interface RuleSource {
  law: string;
  article: string;
  /**
   * law = read in the statute text; 2nd = secondary copy only (or another region's text used as an analogy);
   * local = a choice of this deployment where the law leaves it open; unconfirmed = configuration default.
   */
  confidence: 'law' | '2nd' | 'local' | 'unconfirmed';
}

/** One rule as applied to a record: its id, what it says, and its source. Stored with the record version. */
export interface AppliedRule {
  ruleId: string;
  summaryZh: string;
  summaryEn: string;
  source: RuleSource;
}

/**
 * Rule objects are constants per rule set: every record that applies a rule shares one object, so the rule's text is
 * built once. Returns a lookup `(set, key, make)` with one cache per rule family.
 */
export function ruleMemo<S extends object>(): (set: S, key: string, make: () => AppliedRule) => AppliedRule {
  const cache = new WeakMap<S, Map<string, AppliedRule>>();
  return (set, key, make) => {
    let bySet = cache.get(set);
    if (!bySet) cache.set(set, (bySet = new Map()));
    let rule = bySet.get(key);
    if (!rule) bySet.set(key, (rule = make()));
    return rule;
  };
}
