import { deflateRawSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { inflatedSize, readTable, XLSX_MAX_INFLATED_BYTES } from './tabular';

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
    await expect(readTable(zip(XLSX_MAX_INFLATED_BYTES + 1), 'xlsx')).rejects.toMatchObject({ appCode: 'XLSX_TOO_LARGE', field: 'contentBase64' });
  });

  it('keeps each row\'s line in the file, blank lines included', async () => {
    const t = await readTable(Buffer.from('\uFEFF甲,乙\n1,2\n\n3,4\n'), 'csv');
    expect(t).toEqual({ headings: ['甲', '乙'], rows: [{ 甲: '1', 乙: '2' }, { 甲: '3', 乙: '4' }], lines: [2, 4] });
  });
});
