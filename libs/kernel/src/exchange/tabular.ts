import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { badInput } from '../core';

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
  if (body.length > TABLE_MAX_ROWS)
    throw badInput(
      'TABLE_TOO_LARGE',
      'contentBase64',
      `一次最多导入${TABLE_MAX_ROWS}行，请拆分文件`,
      `At most ${TABLE_MAX_ROWS} rows per file`,
    );
  const headings = head.cells.map((h) => h.trim());
  return {
    headings,
    rows: body.map((r) => Object.fromEntries(headings.map((h, i) => [h, (r.cells[i] ?? '').trim()]))),
    lines: body.map((r) => r.line),
  };
}

interface GridRow {
  line: number;
  cells: string[];
}

function csvGrid(bytes: Uint8Array): GridRow[] {
  try {
    const records = parse(Buffer.from(bytes), {
      bom: true,
      relax_column_count: true,
      skip_empty_lines: true,
      info: true,
    }) as unknown as { record: string[]; info: { lines: number } }[];
    return records.map((r) => ({ line: r.info.lines, cells: r.record }));
  } catch (e) {
    throw badInput(
      'CSV_MALFORMED',
      'contentBase64',
      `CSV文件格式错误：${(e as Error).message.split('\n')[0]}`,
      `Malformed CSV: ${(e as Error).message.split('\n')[0]}`,
    );
  }
}

async function xlsxGrid(bytes: Uint8Array): Promise<GridRow[]> {
  if (inflatedSize(Buffer.from(bytes)) > XLSX_MAX_INFLATED_BYTES)
    throw badInput(
      'XLSX_TOO_LARGE',
      'contentBase64',
      '文件解压后过大，请拆分后导入',
      'The workbook inflates beyond the limit; split it',
    );
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
export async function writeXlsx(
  sheetName: string,
  headings: string[],
  rows: (string | number | null)[][],
): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  const sheet = book.addWorksheet(sheetName);
  sheet.addRow(headings);
  for (const r of rows) sheet.addRow(r);
  return Buffer.from(await book.xlsx.writeBuffer());
}

/** One data row of a streamed table: the file's line and the cells keyed by the heading row. */
export interface TableRow {
  line: number;
  values: Record<string, string>;
}

/**
 * Streams a CSV (csv-parse's streaming API) in chunks of rows keyed by heading, so a file of any length is read with
 * bounded memory. `source` yields the file's bytes in pieces (a file stream, or an upload's parts). XLSX is read
 * whole (a workbook is a zip: its size is bounded by the inflate guard above); JSON arrays are read whole up to
 * JSON_MAX_BYTES; JSON Lines stream like CSV.
 */
export async function* streamTable(
  source: AsyncIterable<Uint8Array>,
  format: 'csv' | 'xlsx' | 'json' | 'jsonl',
  chunkRows = 2000,
): AsyncGenerator<{ headings: string[]; rows: TableRow[] }> {
  if (format === 'csv') {
    const { parse: parseStream } = await import('csv-parse');
    const parser = parseStream({ bom: true, relax_column_count: true, skip_empty_lines: true, info: true });
    const feed = (async () => {
      try {
        for await (const piece of source) if (!parser.write(piece)) await new Promise((r) => parser.once('drain', r));
        parser.end();
      } catch (e) {
        parser.destroy(e as Error);
      }
    })();
    let headings: string[] | null = null;
    let batch: TableRow[] = [];
    try {
      for await (const rec of parser as AsyncIterable<{ record: string[]; info: { lines: number } }>) {
        if (!rec.record.some((c) => c.trim() !== '')) continue;
        if (!headings) {
          headings = rec.record.map((h) => h.trim());
          continue;
        }
        // csv-parse counts the line a record ends on; a quoted cell spanning lines would shift it: name the first line.
        const start = rec.info.lines - rec.record.reduce((n, cell) => n + (cell.match(/\r\n|\r|\n/g)?.length ?? 0), 0);
        batch.push({
          line: start,
          values: Object.fromEntries(headings.map((h, i) => [h, (rec.record[i] ?? '').trim()])),
        });
        if (batch.length >= chunkRows) {
          yield { headings, rows: batch };
          batch = [];
        }
      }
    } catch (e) {
      const first = (e as Error).message.split('\n')[0];
      throw badInput('CSV_MALFORMED', 'file', `CSV文件格式错误：${first}`, `Malformed CSV: ${first}`);
    }
    await feed;
    if (!headings) throw badInput('TABLE_EMPTY', 'file', '文件没有表头行', 'The file has no heading row');
    if (batch.length) yield { headings, rows: batch };
    return;
  }
  if (format === 'jsonl') {
    let rest = '';
    let line = 0;
    let batch: TableRow[] = [];
    const headings = new Set<string>();
    const decoder = new TextDecoder();
    const take = (text: string) => {
      line += 1;
      if (text.trim() === '') return;
      batch.push({ line, values: jsonRow(text, line) });
      for (const k of Object.keys(batch.at(-1)!.values)) headings.add(k);
    };
    for await (const piece of source) {
      const lines = (rest + decoder.decode(piece, { stream: true })).split('\n');
      rest = lines.pop() ?? '';
      for (const l of lines) take(l.replace(/^\uFEFF/, ''));
      if (batch.length >= chunkRows) {
        yield { headings: [...headings], rows: batch };
        batch = [];
      }
    }
    take(rest + decoder.decode());
    if (batch.length) yield { headings: [...headings], rows: batch };
    return;
  }
  const parts: Buffer[] = [];
  let size = 0;
  for await (const piece of source) {
    size += piece.length;
    if (format === 'json' && size > JSON_MAX_BYTES)
      throw badInput(
        'JSON_TOO_LARGE',
        'file',
        `JSON文件超过${JSON_MAX_BYTES / 1024 / 1024}MB，请改用JSON Lines（每行一个对象）或CSV`,
        'JSON file too large: use JSON Lines or CSV',
      );
    parts.push(Buffer.from(piece));
  }
  const bytes = Buffer.concat(parts);
  if (format === 'xlsx') {
    const grid = await xlsxGrid(bytes);
    const [head, ...body] = grid.filter((r) => r.cells.some((c) => c.trim() !== ''));
    if (!head) throw badInput('TABLE_EMPTY', 'file', '文件没有表头行', 'The file has no heading row');
    const headings = head.cells.map((h) => h.trim());
    for (let i = 0; i < body.length; i += chunkRows) {
      yield {
        headings,
        rows: body.slice(i, i + chunkRows).map((r) => ({
          line: r.line,
          values: Object.fromEntries(headings.map((h, j) => [h, (r.cells[j] ?? '').trim()])),
        })),
      };
    }
    return;
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(bytes.toString('utf8').replace(/^\uFEFF/, ''));
  } catch (e) {
    throw badInput(
      'JSON_MALFORMED',
      'file',
      `JSON格式错误：${(e as Error).message}`,
      `Malformed JSON: ${(e as Error).message}`,
    );
  }
  const list = Array.isArray(parsed)
    ? parsed
    : parsed && typeof parsed === 'object' && Array.isArray((parsed as { items?: unknown }).items)
      ? (parsed as { items: unknown[] }).items
      : null;
  if (!list)
    throw badInput(
      'JSON_NOT_ARRAY',
      'file',
      'JSON文件应为对象数组（或含items数组的对象）',
      'JSON must be an array of objects (or an object with an items array)',
    );
  const headings = [...new Set(list.flatMap((o) => (o && typeof o === 'object' ? Object.keys(o) : [])))];
  // A JSON array has no lines: the item's position (1 = first) stands in for the line.
  for (let i = 0; i < list.length; i += chunkRows) {
    yield { headings, rows: list.slice(i, i + chunkRows).map((o, j) => ({ line: i + j + 1, values: flatValues(o) })) };
  }
}

/** JSON arrays are read whole up to this size; larger files go as JSON Lines or CSV. */
export const JSON_MAX_BYTES = 64 * 1024 * 1024;

function jsonRow(text: string, line: number): Record<string, string> {
  try {
    return flatValues(JSON.parse(text));
  } catch {
    return { __invalid: `第${line}行不是有效的JSON对象` };
  }
}

/** Object values as cell text: scalars as written, nested objects (a payload) as JSON. */
function flatValues(o: unknown): Record<string, string> {
  if (!o || typeof o !== 'object' || Array.isArray(o)) return { __invalid: '不是对象' };
  return Object.fromEntries(
    Object.entries(o as Record<string, unknown>).map(([k, v]) => [
      k,
      v === null || v === undefined ? '' : typeof v === 'object' ? JSON.stringify(v) : String(v).trim(),
    ]),
  );
}

/** Bytes in pieces, for streamTable over an in-memory file. */
export async function* bytesSource(bytes: Uint8Array, piece = 1 << 20): AsyncGenerator<Uint8Array> {
  for (let i = 0; i < bytes.length; i += piece) yield bytes.subarray(i, i + piece);
}
