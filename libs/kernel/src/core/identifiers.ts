/**
 * National identifiers. 统一社会信用代码 per GB 32100-2015; 公民身份号码 per GB 11643-1999.
 * A malformed code is rejected with the reason; a USCC whose check character does not match is accepted with a
 * warning, because some early pilot codes fail the check yet are legal (docs/DOMAIN.md). Positions 9–17 of a USCC are
 * the body's organisation code (GB 32100 §4.4, GB 11714); its own check character is checked too, with the same warning.
 */
import { isLegalDate, today } from '@chengxin/contract';

const USCC_CHARSET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const USCC_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

export type UsccCheck =
  | {
      ok: true;
      code: string;
      warning?: { code: 'USCC_CHECKSUM_MISMATCH'; expected: string };
      orgCodeWarning?: { code: 'USCC_ORG_CODE_CHECKSUM_MISMATCH'; expected: string };
    }
  | { ok: false; code: 'USCC_MALFORMED'; reason: string };

export function usccCheckChar(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += USCC_CHARSET.indexOf(first17[i]!) * USCC_WEIGHTS[i]!;
  return USCC_CHARSET[(31 - (sum % 31)) % 31]!;
}

export function checkUscc(input: string): UsccCheck {
  const code = input.trim().toUpperCase();
  if (code.length !== 18) return { ok: false, code: 'USCC_MALFORMED', reason: `长度应为18位，实际为${code.length}位` };
  for (let i = 0; i < 18; i++) {
    if (!USCC_CHARSET.includes(code[i]!)) {
      return {
        ok: false,
        code: 'USCC_MALFORMED',
        reason: `第${i + 1}位字符“${code[i]}”不在允许的字符集中（不含I、O、S、V、Z）`,
      };
    }
  }
  if (!/^\d{6}$/.test(code.slice(2, 8))) {
    return { ok: false, code: 'USCC_MALFORMED', reason: '第3–8位登记管理机关行政区划码应为6位数字' };
  }
  const expected = usccCheckChar(code.slice(0, 17));
  const orgExpected = orgCodeCheckChar(code.slice(8, 16));
  return {
    ok: true,
    code,
    ...(expected !== code[17] ? { warning: { code: 'USCC_CHECKSUM_MISMATCH' as const, expected } } : {}),
    ...(orgExpected !== code[16]
      ? { orgCodeWarning: { code: 'USCC_ORG_CODE_CHECKSUM_MISMATCH' as const, expected: orgExpected } }
      : {}),
  };
}

const ORG_CODE_WEIGHTS = [3, 7, 9, 10, 5, 8, 4, 2];

/** GB 11714 check character of an 8-character organisation code body: digits 0–9, letters A–Z as 10–35. */
export function orgCodeCheckChar(body8: string): string {
  let sum = 0;
  for (let i = 0; i < 8; i++) sum += parseInt(body8[i]!, 36) * ORG_CODE_WEIGHTS[i]!;
  const c = 11 - (sum % 11);
  return c === 10 ? 'X' : c === 11 ? '0' : String(c);
}

/** Registering authority + organisation type, e.g. "11" = 机构编制 / 机关. */
export function usccOrganisationType(code: string): string {
  return code.slice(0, 2);
}

const ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const ID_CHECK = '10X98765432';

export type IdNumberCheck =
  | { ok: true; idNumber: string; birthDate: string; gender: 'male' | 'female'; areaCode: string }
  | { ok: false; code: 'ID_NUMBER_MALFORMED' | 'ID_NUMBER_CHECKSUM'; reason: string };

export function idNumberCheckChar(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * ID_WEIGHTS[i]!;
  return ID_CHECK[sum % 11]!;
}

export function checkIdNumber(input: string, on: string = today()): IdNumberCheck {
  const id = input.trim().toUpperCase();
  if (!/^\d{17}[\dX]$/.test(id)) {
    return { ok: false, code: 'ID_NUMBER_MALFORMED', reason: '应为18位：前17位数字，末位为数字或X' };
  }
  const birthDate = `${id.slice(6, 10)}-${id.slice(10, 12)}-${id.slice(12, 14)}`;
  if (!isLegalDate(birthDate) || birthDate < '1900-01-01') {
    return { ok: false, code: 'ID_NUMBER_MALFORMED', reason: `出生日期码${id.slice(6, 14)}不是有效日期` };
  }
  if (birthDate > on)
    return { ok: false, code: 'ID_NUMBER_MALFORMED', reason: `出生日期码${id.slice(6, 14)}晚于今天（${on}）` };
  // The check character guards against typing errors; unlike the USCC there are no legal exceptions.
  if (idNumberCheckChar(id.slice(0, 17)) !== id[17]) {
    return { ok: false, code: 'ID_NUMBER_CHECKSUM', reason: '校验码不正确，请核对号码' };
  }
  return {
    ok: true,
    idNumber: id,
    birthDate,
    gender: Number(id[16]) % 2 === 1 ? 'male' : 'female',
    areaCode: id.slice(0, 6),
  };
}

/** 1201**********123X — the form used everywhere an ID number is shown to a person who may not reveal it. */
export function maskIdNumber(id: string): string {
  return `${id.slice(0, 4)}${'*'.repeat(10)}${id.slice(14)}`;
}
