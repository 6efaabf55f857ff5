/** One CSV record with the physical line it starts on. */
export interface CsvRecord {
  readonly fields: readonly string[];
  /** 1-based line of the file where the record starts. */
  readonly line: number;
  /** Set when the record is malformed (a quoted field that never closes); its fields are then empty. */
  readonly problem?: string;
}

export interface CsvParserOptions {
  /**
   * The longest record accepted, in bytes. A quoted field still open past this length is taken
   * for a stray quote: its first line is reported and reading resumes on the next line, so one bad
   * quote neither swallows the rest of the file nor holds it in memory.
   */
  readonly maxRecordBytes?: number;
}

const QUOTE = 0x22;
const COMMA = 0x2c;
const CR = 0x0d;
const LF = 0x0a;
const EMPTY = Buffer.alloc(0);
const BOM = Buffer.from([0xef, 0xbb, 0xbf]);

/** The record is cut by the end of the bytes received so far. */
const INCOMPLETE = -1;
/** A quoted field runs to the end of the file. */
const UNCLOSED = -2;

/**
 * An incremental RFC 4180 reader over UTF-8 bytes: chunks of any size go in, whole records come
 * out. It works on bytes because every delimiter is ASCII, and decodes each field on its own, so a
 * field kept for long (a name, an id) never pins the chunk it came from in memory. Lenient where
 * LinkedIn's files break the RFC: a quote inside an unquoted field is kept as text, text after a
 * closing quote is appended to the field, line ends may be CRLF, LF or CR within one file, and a
 * byte order mark is dropped.
 */
export class CsvParser {
  private pending: Buffer = EMPTY;
  /** Line on which `pending` starts. */
  private line = 1;
  /** Parsing of `pending` is retried once it is this long, so a long record is rescanned a logarithmic number of times. */
  private retryAt = 0;
  private started = false;
  /** After an over-long line with no line break, drop bytes until the next line break. */
  private dropping = false;
  private readonly maxRecordBytes: number;

  constructor(options: CsvParserOptions = {}) {
    this.maxRecordBytes = options.maxRecordBytes ?? 1 << 20;
  }

  /** Adds bytes; returns the records they completed. */
  write(chunk: Buffer): CsvRecord[] {
    if (!this.started && chunk.length > 0) {
      this.pending = this.pending.length === 0 ? chunk : Buffer.concat([this.pending, chunk]);
      if (this.pending.length < BOM.length && BOM.subarray(0, this.pending.length).equals(this.pending)) return [];
      this.started = true;
      chunk = this.pending.subarray(0, BOM.length).equals(BOM) ? this.pending.subarray(BOM.length) : this.pending;
      this.pending = EMPTY;
    }
    if (this.dropping) {
      const end = lineBreakEnd(chunk, 0);
      if (end < 0) return [];
      this.dropping = false;
      this.line++;
      chunk = chunk.subarray(end);
    }
    this.pending = this.pending.length === 0 ? chunk : Buffer.concat([this.pending, chunk]);
    if (this.pending.length < this.retryAt) return [];
    return this.parse(false);
  }

  /** Ends the input; returns the last records. */
  end(): CsvRecord[] {
    const records = this.dropping ? [] : this.parse(true);
    this.pending = EMPTY;
    return records;
  }

  private parse(final: boolean): CsvRecord[] {
    const bytes = this.pending;
    const records: CsvRecord[] = [];
    let position = 0;
    while (position < bytes.length) {
      const start = position;
      const line = this.line;
      const fields: string[] = [];
      let result = parseRecord(bytes, start, final, fields);
      if (result === INCOMPLETE && bytes.length - start > this.maxRecordBytes) result = UNCLOSED;
      if (result === INCOMPLETE) break;
      if (result === UNCLOSED) {
        records.push({ fields: [], line, problem: `a quoted field opened on line ${line} is never closed` });
        const next = lineBreakEnd(bytes, start);
        if (next < 0) {
          // One line longer than a record may be: skip it whole, even the part still to come.
          this.dropping = !final;
          position = bytes.length;
          break;
        }
        this.line = line + 1;
        position = next;
        continue;
      }
      records.push({ fields, line });
      this.line = line + countLineBreaks(bytes, start, result);
      position = result;
    }
    // Copy the tail: a view would keep the whole chunk alive.
    this.pending = position >= bytes.length ? EMPTY : Buffer.from(bytes.subarray(position));
    this.retryAt = this.pending.length * 2;
    return records;
  }
}

/**
 * Reads one record from `start` into `fields`. Returns the index after its line break, or
 * INCOMPLETE / UNCLOSED.
 */
function parseRecord(bytes: Buffer, start: number, final: boolean, fields: string[]): number {
  const length = bytes.length;
  let position = start;
  for (;;) {
    let value = '';
    if (bytes[position] === QUOTE) {
      let from = position + 1;
      let escaped = false;
      let close: number;
      for (;;) {
        close = bytes.indexOf(QUOTE, from);
        if (close < 0) return final ? UNCLOSED : INCOMPLETE;
        if (close + 1 >= length && !final) return INCOMPLETE;
        if (bytes[close + 1] !== QUOTE) break;
        escaped = true;
        from = close + 2;
      }
      value = bytes.toString('utf8', position + 1, close);
      if (escaped) value = value.replaceAll('""', '"');
      position = close + 1;
    }
    // Unquoted text, or what follows a closing quote: up to the next comma or line break.
    let end = position;
    while (end < length) {
      const code = bytes[end];
      if (code === COMMA || code === LF || code === CR) break;
      end++;
    }
    if (end > position) value += bytes.toString('utf8', position, end);
    fields.push(value);
    if (end >= length) return final ? length : INCOMPLETE;
    const code = bytes[end];
    if (code === COMMA) {
      position = end + 1;
      if (position >= length) {
        if (!final) return INCOMPLETE;
        fields.push('');
        return length;
      }
      continue;
    }
    if (code === LF) return end + 1;
    // CR: a CRLF pair, or a lone CR as old Mac files end lines.
    if (end + 1 >= length) return final ? length : INCOMPLETE;
    return bytes[end + 1] === LF ? end + 2 : end + 1;
  }
}

/** The index after the first line break at or after `from`, or -1. */
function lineBreakEnd(bytes: Buffer, from: number): number {
  for (let index = from; index < bytes.length; index++) {
    const code = bytes[index];
    if (code === LF) return index + 1;
    if (code === CR) return bytes[index + 1] === LF ? index + 2 : index + 1;
  }
  return -1;
}

/** Line breaks in `bytes[from, to)`: LF, CRLF and lone CR each count once. */
function countLineBreaks(bytes: Buffer, from: number, to: number): number {
  let count = 0;
  for (let index = from; index < to; index++) {
    const code = bytes[index];
    if (code === LF) count++;
    else if (code === CR && bytes[index + 1] !== LF) count++;
  }
  return count;
}
