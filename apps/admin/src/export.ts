/**
 * Excel export of what a list shows under its current filters: pages through the same list procedure (so scope and
 * filters are the server's), up to a cap, and writes an .xlsx with exceljs — the library the server already uses for
 * spreadsheets — loaded only when someone exports, so the console's first load does not carry it.
 */
import type { CursorPage } from '@chengxin/ui';

/** Rows per export from the browser; a larger extract is the exchange module's job. */
export const EXPORT_MAX_ROWS = 10_000;

export interface ExportColumn<T> {
  title: string;
  value: (row: T) => string | number | null | undefined;
  width?: number;
}

export async function exportToExcel<T>(options: {
  fileName: string;
  sheetName: string;
  columns: ExportColumn<T>[];
  fetchPage: (cursor: string | undefined) => Promise<CursorPage<T>>;
}): Promise<{ rows: number; truncated: boolean }> {
  const all: T[] = [];
  let cursor: string | undefined;
  do {
    const page = await options.fetchPage(cursor);
    all.push(...page.items);
    cursor = page.nextCursor ?? undefined;
  } while (cursor && all.length < EXPORT_MAX_ROWS);
  const rows = all.slice(0, EXPORT_MAX_ROWS);
  const { default: ExcelJS } = await import('exceljs');
  const book = new ExcelJS.Workbook();
  const sheet = book.addWorksheet(options.sheetName);
  sheet.columns = options.columns.map((c, i) => ({ header: c.title, key: `c${i}`, width: c.width ?? 18 }));
  sheet.getRow(1).font = { bold: true };
  for (const r of rows) sheet.addRow(Object.fromEntries(options.columns.map((c, i) => [`c${i}`, c.value(r) ?? ''])));
  const buffer = await book.xlsx.writeBuffer();
  const url = URL.createObjectURL(
    new Blob([buffer], { type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' }),
  );
  const a = document.createElement('a');
  a.href = url;
  a.download = options.fileName;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
  return { rows: rows.length, truncated: !!cursor };
}
