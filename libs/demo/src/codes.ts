import { addDays, type LegalDate } from '@chengxin/contract';
import { idNumberCheckChar, usccCheckChar } from '@chengxin/kernel';
import { Random } from './random';

const ORG_CODE_WEIGHTS = [3, 7, 9, 10, 5, 8, 4, 2];

/** A valid organisation code (GB 11714): 8 digits and its check character. */
export function orgCode(rng: Random): string {
  const body = Array.from({ length: 8 }, () => rng.int(0, 9)).join('');
  const sum = [...body].reduce((s, ch, i) => s + Number(ch) * ORG_CODE_WEIGHTS[i]!, 0);
  const c = 11 - (sum % 11);
  return body + (c === 10 ? 'X' : c === 11 ? '0' : String(c));
}

/** A valid 统一社会信用代码 for a government body (1 = 机构编制, 1 = 机关) registered in `areaCode`. */
export function governmentUscc(rng: Random, areaCode: string): string {
  const first17 = `11${areaCode}${orgCode(rng)}`;
  return first17 + usccCheckChar(first17);
}

/**
 * The 统一社会信用代码 of a deciding authority, derived from its name (the same name always gets the same code), so
 * that the 双公示 field 处罚机关统一社会信用代码 is filled without changing the draw of the rest of the demo data.
 */
export function authorityUscc(name: string, areaCode = '120000'): string {
  let seed = 2166136261;
  for (const ch of name) seed = Math.imul(seed ^ ch.codePointAt(0)!, 16777619) >>> 0;
  return governmentUscc(new Random(seed), areaCode);
}

/** A valid 公民身份号码 born on `birth` in `areaCode`. */
export function idNumber(rng: Random, areaCode: string, birth: LegalDate, gender: 'male' | 'female'): string {
  const seq = rng.int(0, 99) * 10 + (gender === 'male' ? rng.pick([1, 3, 5, 7, 9]) : rng.pick([0, 2, 4, 6, 8]));
  const first17 = `${areaCode}${birth.replace(/-/g, '')}${String(seq).padStart(3, '0')}`;
  return first17 + idNumberCheckChar(first17);
}

export function randomDate(rng: Random, from: LegalDate, days: number): LegalDate {
  return addDays(from, rng.int(0, days));
}
