/**
 * Rules with start dates. A statute judges only facts from the day it took effect (立法法 §104: no retroactive effect),
 * and a revised statute is a new rule set from its own date. A rule's `inForce` lists its versions, oldest first; a
 * fact dated before the first is not judged by the rule at all — the check answers "not applicable" and never
 * proposes a draft.
 */
import type { LegalDate } from '@chengxin/kernel';

export interface RuleVersion {
  /** The day this version took effect. */
  from: LegalDate;
  /** The text in force from that day (statute and revision). */
  version: string;
}

/** The version of a rule that governs a fact dated `day`; null when the rule was not yet in force. */
export function versionInForce(
  versions: readonly RuleVersion[] | undefined,
  day: LegalDate | null,
): RuleVersion | null {
  if (!versions || versions.length === 0) return { from: '0000-01-01', version: '' };
  if (!day) return versions.at(-1)!;
  return [...versions].reverse().find((v) => v.from <= day) ?? null;
}

/** Whether a rule judges a fact dated `day`. */
export const judges = (versions: readonly RuleVersion[] | undefined, day: LegalDate | null) =>
  versionInForce(versions, day) !== null;
