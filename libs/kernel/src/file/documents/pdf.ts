import { createRequire } from 'node:module';
import PDFDocument from 'pdfkit';
import type { DocTable, PrintDocument } from './model';

/**
 * The CJK font embedded in every PDF: Noto Sans SC (SIL OFL) from an npm package, so `npm install` is all a fresh
 * machine needs; pdfkit embeds only the glyphs used.
 */
const FONT = createRequire(import.meta.url).resolve(
  '@expo-google-fonts/noto-sans-sc/400Regular/NotoSansSC_400Regular.ttf',
);
const FONT_BOLD = createRequire(import.meta.url).resolve(
  '@expo-google-fonts/noto-sans-sc/700Bold/NotoSansSC_700Bold.ttf',
);
const ACCENT = '#8b0000';

/** Renders the document as an A4 PDF with the Chinese font embedded. */
export function renderPdf(doc: PrintDocument): Promise<Buffer> {
  const pdf = new PDFDocument({
    size: 'A4',
    margins: { top: 56, bottom: 64, left: 50, right: 50 },
    bufferPages: true,
    info: { Title: `${doc.title} ${doc.subtitle}`, Subject: doc.documentNo, Creator: 'Chengxin 诚信' },
  });
  pdf.registerFont('body', FONT);
  pdf.registerFont('bold', FONT_BOLD);
  const chunks: Buffer[] = [];
  pdf.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve, reject) => {
    pdf.on('end', () => resolve(Buffer.concat(chunks)));
    pdf.on('error', reject);
  });
  const width = pdf.page.width - 100;

  if (doc.qr) {
    const size = 78;
    const x = pdf.page.width - 50 - size;
    pdf.image(doc.qr.png, x, 40, { width: size, height: size });
    pdf
      .font('body')
      .fontSize(6.5)
      .fillColor('#555555')
      .text(doc.qr.caption, x - 30, 40 + size + 2, { width: size + 30, align: 'center' })
      .fillColor('black');
    pdf.x = 50;
    pdf.y = 56;
  }
  pdf.font('bold').fontSize(18).text(doc.title, 50, pdf.y, { align: 'center', width });
  pdf.font('body').fontSize(12).text(doc.subtitle, { align: 'center' }).moveDown(0.8);
  if (doc.qr) pdf.y = Math.max(pdf.y, 40 + 78 + 16);
  fields(pdf, [[doc.documentNoLabel ?? '文书编号', doc.documentNo], ...doc.meta]);
  for (const section of doc.sections) {
    if (pdf.y > pdf.page.height - 140) pdf.addPage();
    pdf.moveDown(0.6).font('bold').fontSize(12.5).fillColor(ACCENT).text(section.title, 50);
    pdf
      .moveTo(50, pdf.y + 1)
      .lineTo(50 + width, pdf.y + 1)
      .lineWidth(1)
      .strokeColor(ACCENT)
      .stroke();
    pdf.fillColor('black').moveDown(0.3);
    if (section.note)
      pdf
        .font('body')
        .fontSize(8.5)
        .fillColor('#555555')
        .text(section.note, 50, pdf.y, { width })
        .fillColor('black')
        .moveDown(0.2);
    if (section.fields) fields(pdf, section.fields);
    for (const t of section.tables) table(pdf, t, width);
  }
  const range = pdf.bufferedPageRange();
  for (let i = range.start; i < range.start + range.count; i++) {
    pdf.switchToPage(i);
    const bottom = pdf.page.margins.bottom;
    pdf.page.margins.bottom = 0;
    pdf
      .font('body')
      .fontSize(7.5)
      .fillColor('#555555')
      .text(`${doc.footer}\u3000第${i + 1}页／共${range.count}页`, 50, pdf.page.height - 44, {
        width,
        align: 'center',
      });
    pdf.page.margins.bottom = bottom;
  }
  pdf.end();
  return done;
}

function fields(pdf: PDFKit.PDFDocument, list: [string, string][]): void {
  for (const [k, v] of list) {
    const y = pdf.y;
    pdf.font('body').fontSize(9.5).fillColor('#555555').text(k, 50, y, { width: 100 });
    const after = pdf.y;
    pdf.fillColor('black').text(v || '—', 160, y, { width: pdf.page.width - 210 });
    pdf.y = Math.max(pdf.y, after);
  }
  pdf.x = 50;
}

/**
 * Draws a table row by row, repeating the heading on each new page. (pdfkit's own table measures every cell many
 * times over; with a CJK font that took seconds per page.)
 */
function table(pdf: PDFKit.PDFDocument, t: DocTable, width: number): void {
  pdf.font('body').fontSize(9);
  if (t.rows.length === 0) {
    pdf.fillColor('#777777').text(t.empty, 50).fillColor('black').moveDown(0.3);
    return;
  }
  const weights = t.widths ?? t.columns.map(() => 1);
  const total = weights.reduce((a, b) => a + b, 0);
  const widths = weights.map((w) => (w / total) * width);
  const pad = 3;
  const bottom = () => pdf.page.height - pdf.page.margins.bottom;
  const heightOf = (cells: string[]) =>
    Math.max(...cells.map((c, i) => pdf.heightOfString(c || '—', { width: widths[i]! - 2 * pad }))) + 2 * pad;
  const pageRoom = pdf.page.height - pdf.page.margins.top - pdf.page.margins.bottom - 40;
  /** A row no page can hold is shortened, longest cell first, and says so (the full text is in the system). */
  const fitted = (cells: string[]) => {
    const out = [...cells];
    while (heightOf(out) > pageRoom) {
      const longest = out.reduce((best, c, i) => (c.length > out[best]!.length ? i : best), 0);
      out[longest] = `${out[longest]!.slice(0, Math.floor(out[longest]!.length * 0.7))}…（内容过长，全文见系统）`;
    }
    return out;
  };
  const draw = (raw: string[], heading: boolean) => {
    const cells = fitted(raw);
    const h = heightOf(cells);
    // A heading needs room for its first row too, or it would stand alone at the foot of a page.
    const needed = heading && t.rows[0] ? h + heightOf(fitted(t.rows[0])) : h;
    if (pdf.y + needed > bottom()) {
      pdf.addPage();
      if (!heading) draw(t.columns, true);
    }
    const y = pdf.y;
    let x = 50;
    cells.forEach((c, i) => {
      if (heading) pdf.rect(x, y, widths[i]!, h).fill('#f1ece4');
      pdf.rect(x, y, widths[i]!, h).lineWidth(0.5).strokeColor('#999999').stroke();
      pdf.fillColor('black').text(c || '—', x + pad, y + pad, { width: widths[i]! - 2 * pad });
      x += widths[i]!;
    });
    pdf.y = y + h;
  };
  draw(t.columns, true);
  for (const r of t.rows) draw(r, false);
  pdf.x = 50;
  pdf.moveDown(0.5);
}
