import { describe, expect, it } from 'vitest';
import {
  checkIdNumber,
  checkUscc,
  idNumberCheckChar,
  maskIdNumber,
  usccCheckChar,
  orgCodeCheckChar,
} from './identifiers';

describe('统一社会信用代码 (GB 32100-2015)', () => {
  it('accepts the worked example', () => {
    expect(checkUscc('91350100M000100Y43')).toEqual({ ok: true, code: '91350100M000100Y43' });
    expect(usccCheckChar('91350100M000100Y4')).toBe('3');
  });
  it('accepts a checksum mismatch with a warning naming the expected character', () => {
    const r = checkUscc('91350100M000100Y44');
    expect(r).toEqual({
      ok: true,
      code: '91350100M000100Y44',
      warning: { code: 'USCC_CHECKSUM_MISMATCH', expected: '3' },
    });
  });
  it('rejects wrong length, forbidden characters and a non-numeric area code with the reason', () => {
    expect(checkUscc('91350100M000100Y4')).toMatchObject({
      ok: false,
      code: 'USCC_MALFORMED',
      reason: expect.stringContaining('18'),
    });
    expect(checkUscc('91350100M000100I43')).toMatchObject({ ok: false, reason: expect.stringContaining('第16位') });
    expect(checkUscc('9135A100M000100Y43')).toMatchObject({ ok: false, reason: expect.stringContaining('行政区划码') });
  });
});

describe('公民身份号码 (GB 11643-1999)', () => {
  it('accepts the worked example and reads birth date and gender', () => {
    expect(checkIdNumber('11010519491231002X')).toEqual({
      ok: true,
      idNumber: '11010519491231002X',
      birthDate: '1949-12-31',
      gender: 'female',
      areaCode: '110105',
    });
    expect(idNumberCheckChar('11010519491231002')).toBe('X');
  });
  it('rejects a wrong check character, an impossible birth date and bad characters', () => {
    expect(checkIdNumber('110105194912310021')).toMatchObject({ ok: false, code: 'ID_NUMBER_CHECKSUM' });
    expect(checkIdNumber('110105194902300021')).toMatchObject({ ok: false, code: 'ID_NUMBER_MALFORMED' });
    expect(checkIdNumber('1101051949123100')).toMatchObject({ ok: false, code: 'ID_NUMBER_MALFORMED' });
  });
  it('masks all but the area prefix and the last four', () => {
    expect(maskIdNumber('11010519491231002X')).toBe('1101**********002X');
  });
});

describe('issue 25, finding 23: future birth dates and the organisation code inside a USCC', () => {
  it('refuses an ID number whose birth date is after today (the day may be given)', () => {
    const first17 = '12010320270101001';
    const id = first17 + idNumberCheckChar(first17);
    expect(checkIdNumber(id, '2026-12-07')).toMatchObject({
      ok: false,
      code: 'ID_NUMBER_MALFORMED',
      reason: expect.stringContaining('晚于今天'),
    });
    expect(checkIdNumber(id, '2027-01-01')).toMatchObject({ ok: true, birthDate: '2027-01-01' });
  });

  it("checks the GB 11714 check character of the organisation code (positions 9–17), warning as for the code's own", () => {
    expect(orgCodeCheckChar('12345678')).toBe('8');
    const good17 = `11120103${'00000001'}${orgCodeCheckChar('00000001')}`;
    const good = checkUscc(good17 + usccCheckChar(good17));
    expect(good).toMatchObject({ ok: true });
    expect(good.ok && good.orgCodeWarning).toBeFalsy();
    const bad17 = `1112010300000001${orgCodeCheckChar('00000001') === '0' ? '1' : '0'}`;
    const bad = checkUscc(bad17 + usccCheckChar(bad17));
    expect(bad).toMatchObject({
      ok: true,
      orgCodeWarning: { code: 'USCC_ORG_CODE_CHECKSUM_MISMATCH', expected: orgCodeCheckChar('00000001') },
    });
    expect(bad.ok && bad.warning).toBeFalsy();
    // The published example 91350100M000100Y43: its organisation code M000100Y4 checks out.
    expect(checkUscc('91350100M000100Y43')).toEqual({ ok: true, code: '91350100M000100Y43' });
  });
});
