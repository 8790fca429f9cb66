import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { badInput } from '../errors';

/** A register's rows keyed by heading, every value as the text a person would read in the cell. */
export interface Table {
  headings: string[];
  rows: Record<string, string>[];
  /** Each row's line in the file (1 = the heading row), so an error names the line a person sees in the sheet. */
  lines: number[];
}

export const TABLE_MAX_ROWS = 50_000;
/** An XLSX is a zip: refuse one that would inflate past this before unpacking it. */
export const XLSX_MAX_INFLATED_BYTES = 200 * 1024 * 1024;

/**
 * Reads a CSV (UTF-8, BOM or not) or XLSX file into rows keyed by the first row's headings. Dates typed as dates in
 * a spreadsheet come back as YYYY-MM-DD (the calendar day as shown, not shifted by time zone).
 */
export async function readTable(bytes: Uint8Array, format: 'csv' | 'xlsx'): Promise<Table> {
  const grid = format === 'csv' ? csvGrid(bytes) : await xlsxGrid(bytes);
  const [head, ...body] = grid.filter((r) => r.cells.some((c) => c.trim() !== ''));
  if (!head) throw badInput('TABLE_EMPTY', 'contentBase64', '文件没有表头行', 'The file has no heading row');
  if (body.length > TABLE_MAX_ROWS) throw badInput('TABLE_TOO_LARGE', 'contentBase64', `一次最多导入${TABLE_MAX_ROWS}行，请拆分文件`, `At most ${TABLE_MAX_ROWS} rows per file`);
  const headings = head.cells.map((h) => h.trim());
  return { headings, rows: body.map((r) => Object.fromEntries(headings.map((h, i) => [h, (r.cells[i] ?? '').trim()]))), lines: body.map((r) => r.line) };
}

interface GridRow { line: number; cells: string[] }

function csvGrid(bytes: Uint8Array): GridRow[] {
  try {
    const records = parse(Buffer.from(bytes), { bom: true, relax_column_count: true, skip_empty_lines: true, info: true }) as unknown as { record: string[]; info: { lines: number } }[];
    return records.map((r) => ({ line: r.info.lines, cells: r.record }));
  } catch (e) {
    throw badInput('CSV_MALFORMED', 'contentBase64', `CSV文件格式错误：${(e as Error).message.split('\n')[0]}`, `Malformed CSV: ${(e as Error).message.split('\n')[0]}`);
  }
}

async function xlsxGrid(bytes: Uint8Array): Promise<GridRow[]> {
  if (inflatedSize(Buffer.from(bytes)) > XLSX_MAX_INFLATED_BYTES) throw badInput('XLSX_TOO_LARGE', 'contentBase64', '文件解压后过大，请拆分后导入', 'The workbook inflates beyond the limit; split it');
  const book = new ExcelJS.Workbook();
  try {
    await book.xlsx.load(Buffer.from(bytes) as unknown as ArrayBuffer);
  } catch {
    throw badInput('XLSX_MALFORMED', 'contentBase64', '不是有效的Excel（.xlsx）文件', 'Not a valid .xlsx file');
  }
  const sheet = book.worksheets[0];
  if (!sheet) return [];
  const grid: GridRow[] = [];
  sheet.eachRow({ includeEmpty: false }, (row) => {
    const cells: string[] = [];
    for (let c = 1; c <= row.cellCount; c++) cells.push(cellText(row.getCell(c).value));
    grid.push({ line: row.number, cells });
  });
  return grid;
}

/**
 * The sum of the uncompressed sizes a zip's central directory declares (a workbook that is small on the wire can
 * inflate to gigabytes). An unreadable directory counts as too large.
 */
export function inflatedSize(zip: Buffer): number {
  const eocd = zip.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  // Not a zip at all: nothing to inflate (ExcelJS then refuses it as malformed).
  if (eocd < 0 || eocd + 22 > zip.length) return 0;
  const entries = zip.readUInt16LE(eocd + 10);
  let at = zip.readUInt32LE(eocd + 16);
  let total = 0;
  for (let i = 0; i < entries; i++) {
    if (at + 46 > zip.length || zip.readUInt32LE(at) !== 0x02014b50) return Number.POSITIVE_INFINITY;
    const size = zip.readUInt32LE(at + 24);
    total += size === 0xffffffff ? Number.POSITIVE_INFINITY : size;
    at += 46 + zip.readUInt16LE(at + 28) + zip.readUInt16LE(at + 30) + zip.readUInt16LE(at + 32);
  }
  return total;
}

function cellText(v: ExcelJS.CellValue): string {
  if (v === null || v === undefined) return '';
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  if (typeof v === 'object') {
    if ('result' in v) return cellText(v.result as ExcelJS.CellValue);
    if ('richText' in v) return v.richText.map((t) => t.text).join('');
    if ('text' in v) return String(v.text);
    return '';
  }
  return String(v);
}

/** Writes rows as an XLSX workbook (one sheet), for error reports and exports. */
export async function writeXlsx(sheetName: string, headings: string[], rows: (string | number | null)[][]): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  const sheet = book.addWorksheet(sheetName);
  sheet.addRow(headings);
  for (const r of rows) sheet.addRow(r);
  return Buffer.from(await book.xlsx.writeBuffer());
}
