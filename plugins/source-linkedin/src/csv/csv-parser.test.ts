import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { CsvParser, type CsvRecord } from './csv-parser.js';
import { readCsvRecords } from './read-csv-records.js';
import { readCsvTable } from './read-csv-table.js';

/** Parses `text` fed in pieces of `size` bytes, as a stream would cut it (through characters of several bytes too). */
function parse(text: string, size = Buffer.byteLength(text), maxRecordBytes?: number): CsvRecord[] {
  const parser = new CsvParser(maxRecordBytes === undefined ? {} : { maxRecordBytes });
  const bytes = Buffer.from(text);
  const records: CsvRecord[] = [];
  for (let index = 0; index < bytes.length; index += size) records.push(...parser.write(bytes.subarray(index, index + size)));
  records.push(...parser.end());
  return records;
}

const fields = (records: CsvRecord[]) => records.map((record) => record.fields);

describe('CsvParser', () => {
  const text = 'a,"b, with comma","c ""quoted"""\r\n"multi\nline 🚀",,x\nlast,"",é';

  it.each([1, 2, 3, 7, 1000])('reads quoted fields, escaped quotes and multi-line fields the same whatever the chunk size (%i)', (size) => {
    const records = parse(text, size);
    expect(fields(records)).toEqual([
      ['a', 'b, with comma', 'c "quoted"'],
      ['multi\nline 🚀', '', 'x'],
      ['last', '', 'é'],
    ]);
    expect(records.map((record) => record.line)).toEqual([1, 2, 4]);
  });

  it('accepts LF, CRLF and lone CR line ends in one file, and a missing final line end', () => {
    expect(fields(parse('a,b\nc,d\r\ne,f\rg,h'))).toEqual([
      ['a', 'b'],
      ['c', 'd'],
      ['e', 'f'],
      ['g', 'h'],
    ]);
  });

  it.each([1, 2, 100])('drops a byte order mark and keeps blank lines as empty records (chunks of %i)', (size) => {
    expect(fields(parse('\ufeffFirst Name,x\n\n,\n', size))).toEqual([['First Name', 'x'], [''], ['', '']]);
  });

  it('keeps a quote inside an unquoted field and text after a closing quote', () => {
    expect(fields(parse('Nick "the knife" Ng,"Ko" (Edith),x'))).toEqual([['Nick "the knife" Ng', 'Ko (Edith)', 'x']]);
  });

  it('reads a trailing empty field', () => {
    expect(fields(parse('a,b,\n'))).toEqual([['a', 'b', '']]);
    expect(fields(parse('a,b,'))).toEqual([['a', 'b', '']]);
  });

  it('reports a quote that never closes on its line and reads on from the next line', () => {
    const records = parse('h1,h2\n"broken,x\nok,1\nok,2\n', 4);
    expect(records[1]).toEqual({ fields: [], line: 2, problem: 'a quoted field opened on line 2 is never closed' });
    expect(fields(records.slice(2))).toEqual([
      ['ok', '1'],
      ['ok', '2'],
    ]);
    expect(records.slice(2).map((record) => record.line)).toEqual([3, 4]);
  });

  it('gives up on a quoted field longer than a record may be, without holding the file', () => {
    const long = `"${'x'.repeat(300)}\n${'y,'.repeat(200)}\nnext,1\n`;
    const records = parse(long, 16, 100);
    expect(records[0]?.problem).toMatch(/never closed/);
    expect(fields(records).at(-1)).toEqual(['next', '1']);
  });
});

describe('readCsvTable', () => {
  /** The text's bytes in chunks of `size`, so characters of several bytes are cut between chunks. */
  const stream = (text: string, size = 5) => {
    const bytes = Buffer.from(text);
    const chunks: Buffer[] = [];
    for (let index = 0; index < bytes.length; index += size) chunks.push(bytes.subarray(index, index + size));
    return Readable.from(chunks);
  };

  it('finds the header after a preamble and reads rows by column name, splitting multi-byte characters across chunks', async () => {
    const text = 'Notes:\n"A note, with a comma\nand a line"\n\nFirst Name,Last Name,Connected On\n🚀 Brendan,Ng,09 Sep 2022\n\n,,\n';
    const items = [];
    for await (const item of readCsvTable(readCsvRecords(stream(text, 3)), { required: ['first name', 'Connected On'] })) items.push(item);
    expect(items).toHaveLength(1);
    const [item] = items;
    expect(item?.type === 'row' && [item.row.line, item.row.get('First Name'), item.row.get('CONNECTED ON'), item.row.get('URL')]).toEqual([
      6,
      '🚀 Brendan',
      '09 Sep 2022',
      '',
    ]);
  });

  it('reports rows with the wrong number of fields and a missing header', async () => {
    const items = [];
    for await (const item of readCsvTable(readCsvRecords(stream('a,b\n1,2,3\n1\n1,2,,\n')), { required: ['a', 'b'] })) items.push(item);
    expect(items.map((item) => (item.type === 'bad' ? `${item.line} ${item.reason}` : `${item.row.line} row`))).toEqual([
      '2 expected 2 fields as in the header, found 3',
      '3 expected 2 fields as in the header, found 1',
      '4 row',
    ]);
    const missing = [];
    for await (const item of readCsvTable(readCsvRecords(stream('x,y\n1,2\n')), { required: ['a'] })) missing.push(item);
    expect(missing).toEqual([{ type: 'bad', line: 1, reason: 'no header row with the columns a' }]);
  });
});
