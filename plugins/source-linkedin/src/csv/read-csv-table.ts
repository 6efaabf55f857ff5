import type { CsvRecord } from './csv-parser.js';

/** A data row, read by column name so that columns may move between export versions. */
export interface CsvRow {
  /** 1-based line of the file where the row starts. */
  readonly line: number;
  /** The field under `column` (matched without case or extra spaces), or `''` when the file has no such column. */
  get(column: string): string;
}

export type CsvTableItem =
  | { readonly type: 'row'; readonly row: CsvRow }
  | { readonly type: 'bad'; readonly line: number; readonly reason: string };

export interface CsvTableSpec {
  /** Columns the header must have; other columns are allowed. */
  readonly required: readonly string[];
  /** How many records may come before the header (LinkedIn's "Notes:" preamble is three). */
  readonly headerWithin?: number;
}

function columnKey(name: string): string {
  return name.trim().replace(/\s+/g, ' ').toLowerCase();
}

/** Readers ask for the same few column names on every row. */
const columnKeys = new Map<string, string>();

function cachedColumnKey(name: string): string {
  let key = columnKeys.get(name);
  if (key === undefined) {
    key = columnKey(name);
    columnKeys.set(name, key);
  }
  return key;
}

class TableRow implements CsvRow {
  constructor(
    readonly line: number,
    private readonly fields: readonly string[],
    private readonly columns: ReadonlyMap<string, number>,
  ) {}

  get(column: string): string {
    const index = this.columns.get(cachedColumnKey(column));
    return index === undefined ? '' : (this.fields[index] ?? '');
  }
}

/**
 * Finds the header among the first records (not assuming line 1: LinkedIn puts a preamble before
 * the header of Connections.csv, an Excel re-save removes it) and yields the data rows after it.
 * Blank rows are dropped; a row with the wrong number of fields, or malformed, comes as `bad`.
 */
export async function* readCsvTable(records: AsyncIterable<CsvRecord>, spec: CsvTableSpec): AsyncGenerator<CsvTableItem> {
  const required = spec.required.map(columnKey);
  const headerWithin = spec.headerWithin ?? 10;
  let columns: Map<string, number> | undefined;
  let width = 0;
  let seen = 0;
  for await (const record of records) {
    if (columns === undefined) {
      if (record.problem === undefined) {
        const keys = record.fields.map(columnKey);
        if (required.every((name) => keys.includes(name))) {
          columns = new Map();
          for (const [index, key] of keys.entries()) if (!columns.has(key)) columns.set(key, index);
          width = keys.length;
          continue;
        }
      }
      if (++seen >= headerWithin) {
        yield {
          type: 'bad',
          line: 1,
          reason: `no header row with the columns ${spec.required.join(', ')} in the first ${headerWithin} records`,
        };
        return;
      }
      continue;
    }
    if (record.problem !== undefined) {
      yield { type: 'bad', line: record.line, reason: record.problem };
      continue;
    }
    const { fields } = record;
    if (fields.every((field) => field.trim() === '')) continue;
    if (fields.length < width || (fields.length > width && fields.slice(width).some((field) => field.trim() !== ''))) {
      yield { type: 'bad', line: record.line, reason: `expected ${width} fields as in the header, found ${fields.length}` };
      continue;
    }
    yield { type: 'row', row: new TableRow(record.line, fields, columns) };
  }
  if (columns === undefined && seen > 0) {
    yield { type: 'bad', line: 1, reason: `no header row with the columns ${spec.required.join(', ')}` };
  }
}
