import { inflateSync } from 'node:zlib';

/**
 * Active content in PDF attachments of complaints. The type is already decided by the first bytes; this refuses what
 * a viewer could execute: JavaScript, automatic actions, launch actions, embedded files, rich media or XFA forms (also
 * inside compressed streams, and with names spelled in #xx escapes), and a PDF that is also HTML or a script.
 * Images are not checked here: they are decoded and re-encoded (image-reencode.ts), which keeps only the pixels.
 * Attachments stay out of the web root and are never served publicly.
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

/** Why the attachment is refused, or null. */
export function pdfActiveContent(bytes: Buffer): { zh: string; en: string } | null {
  const text = pdfText(bytes);
  const hit = PDF_ACTIVE.exec(text);
  if (hit)
    return {
      zh: `PDF含有脚本或自动执行的内容（/${hit[1]}）`,
      en: `The PDF carries scripts or active content (/${hit[1]})`,
    };
  if (MARKUP.test(bytes.toString('latin1')))
    return { zh: 'PDF中夹带网页或脚本代码', en: 'The PDF also carries markup or script' };
  return null;
}
