import { deflateRawSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { bytesSource, inflatedSize, readTable, streamTable, XLSX_MAX_INFLATED_BYTES } from './tabular';

/** A one-entry zip whose central directory declares `declared` uncompressed bytes. */
function zip(declared: number): Buffer {
  const name = Buffer.from('xl/a.xml');
  const data = deflateRawSync(Buffer.alloc(16));
  const local = Buffer.alloc(30);
  local.writeUInt32LE(0x04034b50, 0);
  local.writeUInt16LE(name.length, 26);
  const central = Buffer.alloc(46);
  central.writeUInt32LE(0x02014b50, 0);
  central.writeUInt32LE(declared, 24);
  central.writeUInt16LE(name.length, 28);
  const cdOffset = local.length + name.length + data.length;
  const eocd = Buffer.alloc(22);
  eocd.writeUInt32LE(0x06054b50, 0);
  eocd.writeUInt16LE(1, 8);
  eocd.writeUInt16LE(1, 10);
  eocd.writeUInt32LE(central.length + name.length, 12);
  eocd.writeUInt32LE(cdOffset, 16);
  return Buffer.concat([local, name, data, central, name, eocd]);
}

describe('reading registers', () => {
  it('measures what a workbook would inflate to before unpacking it, and refuses a bomb', async () => {
    expect(inflatedSize(zip(1234))).toBe(1234);
    expect(inflatedSize(Buffer.from('not a zip'))).toBe(0);
    await expect(readTable(zip(XLSX_MAX_INFLATED_BYTES + 1), 'xlsx')).rejects.toMatchObject({
      appCode: 'XLSX_TOO_LARGE',
      field: 'contentBase64',
    });
  });

  it("keeps each row's line in the file, blank lines included", async () => {
    const t = await readTable(Buffer.from('\uFEFF甲,乙\n1,2\n\n3,4\n'), 'csv');
    expect(t).toEqual({
      headings: ['甲', '乙'],
      rows: [
        { 甲: '1', 乙: '2' },
        { 甲: '3', 乙: '4' },
      ],
      lines: [2, 4],
    });
  });
});

describe('streamTable', () => {
  const collect = async (bytes: Buffer, format: 'csv' | 'jsonl', chunk = 2) => {
    const out: { headings: string[]; lines: number[]; values: Record<string, string>[] }[] = [];
    for await (const c of streamTable(bytesSource(bytes, 5), format, chunk))
      out.push({ headings: c.headings, lines: c.rows.map((r) => r.line), values: c.rows.map((r) => r.values) });
    return out;
  };

  it("streams a CSV in chunks, split at any byte (inside a Chinese character), with the file's own line numbers", async () => {
    const csv = Buffer.from('\uFEFF姓名,事实\r\n张三,"两行\r\n的事实"\r\n\r\n李四,一行\r\n王五,再一行\r\n');
    const chunks = await collect(csv, 'csv');
    expect(chunks.map((c) => c.lines)).toEqual([[3, 6], [7]]);
    expect(chunks[0]!.headings).toEqual(['姓名', '事实']);
    expect(chunks[0]!.values[0]).toEqual({ 姓名: '张三', 事实: '两行\r\n的事实' });
  });

  it('streams JSON Lines and marks a line that is not an object', async () => {
    const chunks = await collect(Buffer.from('{"a":"1"}\n{"a":2,"p":{"x":1}}\nnot json\n'), 'jsonl', 10);
    expect(chunks[0]!.values).toEqual([{ a: '1' }, { a: '2', p: '{"x":1}' }, { __invalid: '第3行不是有效的JSON对象' }]);
  });

  it('refuses a malformed CSV naming the problem', async () => {
    await expect(collect(Buffer.from('a,b\n"x,1\n'), 'csv')).rejects.toMatchObject({ appCode: 'CSV_MALFORMED' });
  });
});
