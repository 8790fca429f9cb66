import { inflateSync } from 'node:zlib';

/**
 * Active content in complaint attachments. The type is already decided by the first bytes; this refuses what a
 * viewer could execute: PDFs with JavaScript, automatic actions, launch actions, embedded files, rich media or XFA
 * forms (also inside compressed streams, and with names spelled in #xx escapes), and polyglots — an image or PDF
 * that is also HTML, a script or another file (markup inside, or data appended after the image's end).
 * Images are not re-encoded (no image codec is a dependency): they are refused when they carry anything besides the
 * image. Attachments stay out of the web root and are never served publicly.
 */
const PDF_ACTIVE =
  /\/(JavaScript|JS|OpenAction|AA|Launch|EmbeddedFiles?|RichMedia|XFA|SubmitForm|ImportData|GoToR|GoToE)\b/;
const MARKUP = /<\s*(script|html|body|iframe|svg|object|embed|\?php)\b|javascript:/i;

/** PDF names may spell letters as #xx (/J#61vaScript): decode before matching. */
const decodeNames = (text: string) =>
  text.replace(/#([0-9A-Fa-f]{2})/g, (_, h: string) => String.fromCharCode(parseInt(h, 16)));

function pdfText(bytes: Buffer): string {
  const raw = bytes.toString('latin1');
  const parts = [raw];
  // Object streams hide dictionaries in FlateDecode streams: inflate each one that inflates, and look there too.
  for (const m of raw.matchAll(/stream\r?\n/g)) {
    const start = m.index + m[0].length;
    const end = raw.indexOf('endstream', start);
    if (end < 0) break;
    try {
      parts.push(inflateSync(bytes.subarray(start, end)).toString('latin1'));
    } catch {
      // not a deflate stream (images, fonts): nothing to read
    }
  }
  return decodeNames(parts.join('\n'));
}

function pngEnd(bytes: Buffer): number {
  for (let at = 8; at + 12 <= bytes.length;) {
    const length = bytes.readUInt32BE(at);
    const type = bytes.subarray(at + 4, at + 8).toString('latin1');
    at += 12 + length;
    if (type === 'IEND') return at;
  }
  return -1;
}

/** Why the attachment is refused, or null. */
export function activeContent(
  bytes: Buffer,
  type: 'image/jpeg' | 'image/png' | 'application/pdf',
): { zh: string; en: string } | null {
  const latin = bytes.toString('latin1');
  if (type === 'application/pdf') {
    const text = pdfText(bytes);
    const hit = PDF_ACTIVE.exec(text);
    if (hit)
      return {
        zh: `PDF含有脚本或自动执行的内容（/${hit[1]}）`,
        en: `The PDF carries scripts or active content (/${hit[1]})`,
      };
    if (MARKUP.test(latin)) return { zh: 'PDF中夹带网页或脚本代码', en: 'The PDF also carries markup or script' };
    return null;
  }
  if (latin.includes('%PDF-') || MARKUP.test(latin) || latin.includes('PK\u0003\u0004'))
    return { zh: '图片中夹带其他文件或脚本代码', en: 'The image also carries another file or script' };
  if (type === 'image/png') {
    const end = pngEnd(bytes);
    if (end < 0 || end !== bytes.length)
      return {
        zh: 'PNG图片结构不完整或末尾附带其他数据',
        en: 'The PNG is malformed or has data appended after its end',
      };
  }
  if (type === 'image/jpeg' && !(bytes[bytes.length - 2] === 0xff && bytes[bytes.length - 1] === 0xd9)) {
    return { zh: 'JPEG图片末尾附带其他数据或不完整', en: 'The JPEG has data appended after its end or is truncated' };
  }
  return null;
}
