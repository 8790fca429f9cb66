import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { badInput } from '../errors';

/** A register's rows keyed by heading, every value as the text a person would read in the cell. */
export interface Table {
  headings: string[];
  rows: Record<string, string>[];
}

export const TABLE_MAX_ROWS = 50_000;

/**
 * Reads a CSV (UTF-8, BOM or not) or XLSX file into rows keyed by the first row's headings. Dates typed as dates in
 * a spreadsheet come back as YYYY-MM-DD (the calendar day as shown, not shifted by time zone).
 */
export async function readTable(bytes: Uint8Array, format: 'csv' | 'xlsx'): Promise<Table> {
  const grid = format === 'csv' ? csvGrid(bytes) : await xlsxGrid(bytes);
  const [head, ...body] = grid;
  if (!head || head.every((h) => !h.trim())) throw badInput('TABLE_EMPTY', 'contentBase64', '文件没有表头行', 'The file has no heading row');
  if (body.length > TABLE_MAX_ROWS) throw badInput('TABLE_TOO_LARGE', 'contentBase64', `一次最多导入${TABLE_MAX_ROWS}行，请拆分文件`, `At most ${TABLE_MAX_ROWS} rows per file`);
  const headings = head.map((h) => h.trim());
  const rows = body.filter((r) => r.some((c) => c.trim() !== '')).map((r) => Object.fromEntries(headings.map((h, i) => [h, (r[i] ?? '').trim()])));
  return { headings, rows };
}

function csvGrid(bytes: Uint8Array): string[][] {
  try {
    return parse(Buffer.from(bytes), { bom: true, relax_column_count: true, skip_empty_lines: true }) as string[][];
  } catch (e) {
    throw badInput('CSV_MALFORMED', 'contentBase64', `CSV文件格式错误：${(e as Error).message.split('\n')[0]}`, `Malformed CSV: ${(e as Error).message.split('\n')[0]}`);
  }
}

async function xlsxGrid(bytes: Uint8Array): Promise<string[][]> {
  const book = new ExcelJS.Workbook();
  try {
    await book.xlsx.load(Buffer.from(bytes) as unknown as ArrayBuffer);
  } catch {
    throw badInput('XLSX_MALFORMED', 'contentBase64', '不是有效的Excel（.xlsx）文件', 'Not a valid .xlsx file');
  }
  const sheet = book.worksheets[0];
  if (!sheet) return [];
  const grid: string[][] = [];
  sheet.eachRow({ includeEmpty: false }, (row) => {
    const cells: string[] = [];
    for (let c = 1; c <= row.cellCount; c++) cells.push(cellText(row.getCell(c).value));
    grid.push(cells);
  });
  return grid;
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
