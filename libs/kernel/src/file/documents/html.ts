import type { DocTable, PrintDocument } from './model';

const escape = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

function table(t: DocTable): string {
  if (t.rows.length === 0) return `<p class="empty">${escape(t.empty)}</p>`;
  const total = (t.widths ?? t.columns.map(() => 1)).reduce((a, b) => a + b, 0);
  const cols = (t.widths ?? t.columns.map(() => 1))
    .map((w) => `<col style="width:${((w / total) * 100).toFixed(1)}%">`)
    .join('');
  return `<table><colgroup>${cols}</colgroup><thead><tr>${t.columns.map((c) => `<th>${escape(c)}</th>`).join('')}</tr></thead>
<tbody>${t.rows.map((r) => `<tr>${r.map((c) => `<td>${escape(c)}</td>`).join('')}</tr>`).join('\n')}</tbody></table>`;
}

/** A self-contained print view (inline style, no script, no external resource): open it and print. */
export function renderHtml(doc: PrintDocument): string {
  const fields = (f: [string, string][]) =>
    `<dl>${f.map(([k, v]) => `<dt>${escape(k)}</dt><dd>${escape(v)}</dd>`).join('')}</dl>`;
  return `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>${escape(doc.title)} ${escape(doc.subtitle)}</title>
<style>
body{font-family:"Noto Sans SC","WenQuanYi Micro Hei","Microsoft YaHei",sans-serif;font-size:10.5pt;color:#111;margin:2em auto;max-width:60em;line-height:1.5}
h1{font-size:18pt;text-align:center;margin:0}h2{font-size:12.5pt;border-bottom:1.5px solid #8b0000;color:#8b0000;margin:1.4em 0 .5em;padding-bottom:.2em}
.subtitle{text-align:center;font-size:12pt;margin:.3em 0 1em}.note{color:#555;font-size:9pt;margin:.2em 0 .5em}.empty{color:#777}
dl{display:grid;grid-template-columns:9em 1fr;gap:.2em 1em;margin:.3em 0}dt{color:#555}dd{margin:0}
table{width:100%;border-collapse:collapse;margin:.4em 0 .8em;font-size:9.5pt}th,td{border:1px solid #999;padding:.25em .4em;vertical-align:top;text-align:left}th{background:#f1ece4}
footer{margin-top:2em;color:#555;font-size:8.5pt;border-top:1px solid #ccc;padding-top:.5em}
@media print{body{margin:0;max-width:none}h2{break-after:avoid}tr{break-inside:avoid}@page{size:A4;margin:18mm 15mm}}
</style></head><body>
${doc.qr ? `<figure style="float:right;margin:0 0 0 1em;text-align:center;font-size:8pt;color:#555;max-width:10em"><img alt="验证二维码" style="width:9em;height:9em" src="data:image/png;base64,${doc.qr.png.toString('base64')}"><figcaption>${escape(doc.qr.caption)}</figcaption></figure>` : ''}
<h1>${escape(doc.title)}</h1><p class="subtitle">${escape(doc.subtitle)}</p>
${fields([[doc.documentNoLabel ?? '文书编号', doc.documentNo], ...doc.meta])}
${doc.sections.map((s) => `<section><h2>${escape(s.title)}</h2>${s.note ? `<p class="note">${escape(s.note)}</p>` : ''}${s.fields ? fields(s.fields) : ''}${s.tables.map(table).join('')}</section>`).join('\n')}
<footer>${escape(doc.footer)}</footer>
</body></html>
`;
}
