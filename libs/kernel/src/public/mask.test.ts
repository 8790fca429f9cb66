import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { idNumberCheckChar, maskIdNumber } from '../core';
import { MASK, maskFreeText } from './mask';

/**
 * Every spelling a review got through to public pages: ID numbers with spaces, dashes or full-width digits, the
 * half-masked form, full-width mobile numbers and birth dates. None may survive masking, wherever it sits in the text.
 */
const full = (s: string) => s.replace(/[0-9X]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0));
const digits = (s: string) =>
  s.replace(/[\uff10-\uff19\uff38]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0)).replace(/[^\dX]/g, '');

const idNumber = fc
  .record({
    area: fc.constantFrom('120103', '120104', '110101', '310115'),
    birth: fc.date({ min: new Date('1950-01-01'), max: new Date('2005-12-31'), noInvalidDate: true }),
    seq: fc.integer({ min: 0, max: 999 }),
  })
  .map(({ area, birth, seq }) => {
    const first17 = `${area}${birth.toISOString().slice(0, 10).replace(/-/g, '')}${String(seq).padStart(3, '0')}`;
    return { id: first17 + idNumberCheckChar(first17), birth: birth.toISOString().slice(0, 10) };
  });
const mobile = fc
  .tuple(fc.constantFrom('13', '15', '18', '19'), fc.integer({ min: 0, max: 999_999_999 }))
  .map(([p, n]) => `${p}${String(n).padStart(9, '0')}`);
const filler = fc.constantFrom(
  '',
  '当事人',
  '经查，',
  '联系电话',
  '，',
  '。',
  ' ',
  '（',
  '）',
  '身份证号：',
  '该单位于2025年3月1日',
  '罚款5000元',
);

const spellings = (id: string) => [
  id,
  `${id.slice(0, 6)} ${id.slice(6, 14)} ${id.slice(14)}`,
  `${id.slice(0, 6)}-${id.slice(6, 14)}-${id.slice(14)}`,
  id.replace(/(\d{4})/g, '$1 ').trim(),
  full(id),
  `${full(id.slice(0, 6))} ${full(id.slice(6))}`,
  maskIdNumber(id),
  maskIdNumber(id).replace(/\*/g, '＊'),
];
const mobileSpellings = (m: string) => [
  m,
  full(m),
  `${m.slice(0, 3)} ${m.slice(3, 7)} ${m.slice(7)}`,
  `${m.slice(0, 3)}-${m.slice(3, 7)}-${m.slice(7)}`,
  `+86 ${m}`,
  `${m.slice(0, 3)}****${m.slice(7)}`,
];
const birthSpellings = (d: string) => {
  const [y, mo, da] = d.split('-').map(Number) as [number, number, number];
  return [
    `出生日期：${y}年${mo}月${da}日`,
    `${y}年${mo}月${da}日出生`,
    `生于${d}`,
    `出生日期:${full(String(y))}年${full(String(mo))}月${full(String(da))}日`,
  ];
};

describe('maskFreeText', () => {
  it('leaves no ID number, in any spelling, anywhere in the text', () => {
    fc.assert(
      fc.property(idNumber, fc.nat(7), filler, filler, ({ id }, k, before, after) => {
        const spelled = spellings(id)[k]!;
        const out = maskFreeText(`${before}${spelled}${after}`);
        expect(out).toContain(MASK);
        expect(digits(out)).not.toContain(id.slice(6, 14)); // the birth date part
        expect(digits(out)).not.toContain(id.slice(-4));
      }),
      { seed: 20_261_207, numRuns: 400 },
    );
  });

  it('leaves no mobile number, half- or full-width, grouped or half-masked', () => {
    fc.assert(
      fc.property(mobile, fc.nat(5), filler, filler, (m, k, before, after) => {
        const out = maskFreeText(`${before}${mobileSpellings(m)[k]!}${after}`);
        expect(out).toContain(MASK);
        expect(digits(out)).not.toContain(m.slice(-4));
      }),
      { seed: 20_261_207, numRuns: 300 },
    );
  });

  it('leaves no birth date', () => {
    fc.assert(
      fc.property(idNumber, fc.nat(3), filler, ({ birth }, k, before) => {
        const out = maskFreeText(`${before}${birthSpellings(birth)[k]!}，现任科员`);
        expect(out).toContain(MASK);
        expect(digits(out)).not.toContain(birth.slice(0, 4));
      }),
      { seed: 20_261_207, numRuns: 200 },
    );
  });

  it('keeps what is not personal: amounts, document numbers, dates of decisions, date ranges', () => {
    for (const text of [
      '罚款5000元',
      '津财罚〔2025〕12号',
      '于2025年3月1日作出决定',
      '整改期限2024.01.01-2024.12.31',
      '《保障中小企业款项支付条例》第八条',
      '合同金额１２３４５元',
    ]) {
      expect(maskFreeText(text)).toBe(text);
    }
  });
});
