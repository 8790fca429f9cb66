/**
 * Masking of free text that reaches the public (pages, reports, open data, change feeds). Browser-safe, no imports.
 *
 * ID numbers (身份证号) in any spelling — plain, grouped with spaces, dashes or dots, full-width digits, or already
 * half-masked (1201**********123X, which with the birth year left little to guess) — mobile and landline numbers, bank
 * accounts and birth dates next to 出生/生于 are replaced by ［已隐去］ (个人信息保护法 §28, 政府信息公开条例 §15).
 * Matching runs on a copy with full-width characters folded to ASCII; the fold keeps every character's position, so
 * the ranges found are cut from the original text and everything else stays as written.
 */
export const MASK = '［已隐去］';

const fold = (text: string) =>
  text
    .replace(/[\uff01-\uff5e]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
    .replace(/[\u3000\u00a0]/g, ' ');

// A digit, possibly followed by one separator (space or dash; dots would swallow date ranges such as 2024.01.01-2024.12.31).
const D = String.raw`\d[\s-]?`;
const PATTERNS: RegExp[] = [
  // 18-digit ID number (last may be X), any separators between digits.
  new RegExp(String.raw`(?<![\dA-Za-z])(?:${D}){17}[\dXx](?![\dA-Za-z])`, 'g'),
  // 15-digit (first-generation) ID number.
  /(?<![\dA-Za-z])\d{15}(?![\dA-Za-z])/g,
  // A half-masked number: digits, a run of mask characters, digits (ID numbers, 138****1234).
  /(?<![\dA-Za-z])\d{2,6}[\s-]?[*xX×●•]{4,}[\s-]?\d{0,4}[\dXx]?/g,
  // Long digit runs with or without separators: accounts, card numbers, ID numbers with odd grouping.
  new RegExp(String.raw`(?:${D}){9,}\d[Xx]?`, 'g'),
  // Mobile numbers (optionally +86), grouped or not.
  /(?:\+?86[\s-]?)?(?<!\d)1[3-9]\d[\s-]?\d{4}[\s-]?\d{4}(?!\d)/g,
  // Landlines with area code.
  /(?<!\d)0\d{2,3}[\s-]?\d{7,8}(?!\d)/g,
  // Birth dates: after 出生/出生日期/生日/生于, or before 出生/生.
  /(?<=(?:出生(?:日期|年月日?)?|生日|生于)[:：\s]*)\d{4}\s*[年\-/.]\s*\d{1,2}\s*[月\-/.]\s*\d{1,2}\s*日?/g,
  /\d{4}\s*[年\-/.]\s*\d{1,2}\s*[月\-/.]\s*\d{1,2}\s*日?(?=\s*(?:出生|生人|生[，,。;；\s]))/g,
];

/** A code field (authority, source body): shown when it is a well-formed credit code that is not an ID number, else masked like text. */
export function maskCode(
  code: string | null,
  isIdNumber: (c: string) => boolean,
  isUscc: (c: string) => boolean,
): string | null {
  if (code === null) return null;
  const c = code.trim().toUpperCase();
  return isUscc(c) && !isIdNumber(c) ? code : maskFreeText(code);
}

export function maskFreeText(text: string): string {
  const folded = fold(text);
  const ranges: [number, number][] = [];
  for (const p of PATTERNS) for (const m of folded.matchAll(p)) ranges.push([m.index, m.index + m[0].length]);
  if (ranges.length === 0) return text;
  ranges.sort((a, b) => a[0] - b[0]);
  let out = '';
  let at = 0;
  for (const [start, end] of ranges) {
    if (end <= at) continue;
    if (start >= at) out += text.slice(at, start) + MASK;
    at = Math.max(at, end);
  }
  return out + text.slice(at);
}
