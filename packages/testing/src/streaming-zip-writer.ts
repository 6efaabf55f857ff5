import { type FileHandle, open } from 'node:fs/promises';
import { pipeline } from 'node:stream/promises';
import { crc32, createDeflateRaw, deflateRawSync } from 'node:zlib';

/** How one entry is kept in the zip. */
export interface ZipEntryOptions {
  /** Keep the bytes as they are, as zips keep photos that deflate cannot shrink; the default is to deflate. */
  readonly store?: boolean;
}

/** What the central directory says about one entry. */
interface EntryRecord {
  readonly name: Buffer;
  readonly flags: number;
  readonly method: number;
  readonly crc: number;
  readonly compressedSize: number;
  readonly size: number;
  readonly offset: number;
}

const LOCAL_HEADER = 0x04034b50;
const DATA_DESCRIPTOR = 0x08074b50;
const CENTRAL_HEADER = 0x02014b50;
const END_OF_CENTRAL_DIRECTORY = 0x06054b50;
const LOCAL_HEADER_SIZE = 30;
const DATA_DESCRIPTOR_SIZE = 16;
/** Bit 11: the name is UTF-8, as the networks' exports hold names in any script. */
const UTF8_NAME = 0x0800;
/** Bit 3: a streamed entry's CRC and sizes are known only at its end, so they follow the data. */
const SIZES_AFTER_DATA = 0x0008;
const STORE = 0;
const DEFLATE = 8;
/** Zip 2.0: deflate and data descriptors, nothing newer, which every reader understands. */
const VERSION = 20;
/** Without Zip64, sizes and offsets are 32-bit and the entry count 16-bit; a synthetic export stays far below. */
const ZIP32_LIMIT = 0xffff_ffff;
const ZIP32_MAX_ENTRIES = 0xffff;

/**
 * Writes a zip entry by entry, straight to disk, so a large synthetic export never sits in memory
 * whole: a file held in memory goes in whole (`add`), one generated piece by piece is deflated on
 * the way (`addStream`). Every entry carries the same fixed time, so the same input gives the same
 * bytes. No Zip64: entries and the zip stay under 4 GiB.
 */
export class StreamingZipWriter {
  private readonly records: EntryRecord[] = [];
  private offset = 0;

  private constructor(
    private readonly file: FileHandle,
    private readonly dosTime: number,
    private readonly dosDate: number,
  ) {}

  /** Creates (or replaces) the zip at `path`; every entry is dated `modified`. */
  static async create(path: string, modified: Date): Promise<StreamingZipWriter> {
    return new StreamingZipWriter(await open(path, 'w'), dosTime(modified), dosDate(modified));
  }

  /** Bytes written so far, for generators that stop at a target size. */
  get size(): number {
    return this.offset;
  }

  /** Adds a file held in memory: its CRC and sizes are known, so they go in the header before it. */
  async add(name: string, content: string | Buffer, options: ZipEntryOptions = {}): Promise<void> {
    const data = typeof content === 'string' ? Buffer.from(content, 'utf8') : content;
    const method = options.store ? STORE : DEFLATE;
    const body = method === STORE ? data : deflateRawSync(data);
    const record: EntryRecord = {
      name: Buffer.from(name, 'utf8'),
      flags: UTF8_NAME,
      method,
      crc: crc32(data),
      compressedSize: body.length,
      size: data.length,
      offset: this.offset,
    };
    this.assertZip32(name, data.length, this.offset + LOCAL_HEADER_SIZE + record.name.length + body.length);
    await this.write(this.localHeader(record));
    await this.write(body);
    this.records.push(record);
  }

  /** Adds a file given in pieces (strings as UTF-8), deflating it as it comes; its CRC and sizes follow the data. */
  async addStream(name: string, content: Iterable<string | Buffer> | AsyncIterable<string | Buffer>): Promise<void> {
    const start: EntryRecord = {
      name: Buffer.from(name, 'utf8'),
      flags: UTF8_NAME | SIZES_AFTER_DATA,
      method: DEFLATE,
      crc: 0,
      compressedSize: 0,
      size: 0,
      offset: this.offset,
    };
    await this.write(this.localHeader(start));
    const dataStart = this.offset;
    const measure = { crc: 0, size: 0 };
    await pipeline(measured(content, measure), createDeflateRaw(), async (chunks: AsyncIterable<Buffer>) => {
      for await (const chunk of chunks) await this.write(chunk);
    });
    const record: EntryRecord = { ...start, crc: measure.crc, compressedSize: this.offset - dataStart, size: measure.size };
    this.assertZip32(name, measure.size, this.offset + DATA_DESCRIPTOR_SIZE);
    await this.write(dataDescriptor(record));
    this.records.push(record);
  }

  /** Writes the central directory and closes the file, even when writing it fails. */
  async close(): Promise<void> {
    try {
      const start = this.offset;
      for (const record of this.records) await this.write(this.centralHeader(record));
      await this.write(endOfCentralDirectory(this.records.length, start, this.offset - start));
    } finally {
      await this.file.close();
    }
  }

  private assertZip32(name: string, size: number, end: number): void {
    if (size > ZIP32_LIMIT || end > ZIP32_LIMIT || this.records.length >= ZIP32_MAX_ENTRIES)
      throw new RangeError(`${name}: the zip would need Zip64, which this writer does not write`);
  }

  private localHeader(record: EntryRecord): Buffer {
    const header = Buffer.alloc(LOCAL_HEADER_SIZE);
    header.writeUInt32LE(LOCAL_HEADER, 0);
    header.writeUInt16LE(VERSION, 4);
    header.writeUInt16LE(record.flags, 6);
    header.writeUInt16LE(record.method, 8);
    header.writeUInt16LE(this.dosTime, 10);
    header.writeUInt16LE(this.dosDate, 12);
    header.writeUInt32LE(record.crc, 14);
    header.writeUInt32LE(record.compressedSize, 18);
    header.writeUInt32LE(record.size, 22);
    header.writeUInt16LE(record.name.length, 26);
    return Buffer.concat([header, record.name]);
  }

  private centralHeader(record: EntryRecord): Buffer {
    const header = Buffer.alloc(46);
    header.writeUInt32LE(CENTRAL_HEADER, 0);
    header.writeUInt16LE(VERSION, 4);
    header.writeUInt16LE(VERSION, 6);
    header.writeUInt16LE(record.flags, 8);
    header.writeUInt16LE(record.method, 10);
    header.writeUInt16LE(this.dosTime, 12);
    header.writeUInt16LE(this.dosDate, 14);
    header.writeUInt32LE(record.crc, 16);
    header.writeUInt32LE(record.compressedSize, 20);
    header.writeUInt32LE(record.size, 24);
    header.writeUInt16LE(record.name.length, 28);
    header.writeUInt32LE(record.offset, 42);
    return Buffer.concat([header, record.name]);
  }

  private async write(bytes: Buffer): Promise<void> {
    // A write may take only part of the buffer; the rest follows until all of it is on disk.
    for (let written = 0; written < bytes.length; ) written += (await this.file.write(bytes, written)).bytesWritten;
    this.offset += bytes.length;
  }
}

/** The content as bytes, adding each piece to the CRC and size that the data descriptor needs. */
async function* measured(
  content: Iterable<string | Buffer> | AsyncIterable<string | Buffer>,
  measure: { crc: number; size: number },
): AsyncGenerator<Buffer> {
  for await (const piece of content) {
    const chunk = typeof piece === 'string' ? Buffer.from(piece, 'utf8') : piece;
    measure.crc = crc32(chunk, measure.crc);
    measure.size += chunk.length;
    yield chunk;
  }
}

function dataDescriptor(record: EntryRecord): Buffer {
  const descriptor = Buffer.alloc(DATA_DESCRIPTOR_SIZE);
  descriptor.writeUInt32LE(DATA_DESCRIPTOR, 0);
  descriptor.writeUInt32LE(record.crc, 4);
  descriptor.writeUInt32LE(record.compressedSize, 8);
  descriptor.writeUInt32LE(record.size, 12);
  return descriptor;
}

function endOfCentralDirectory(entries: number, start: number, size: number): Buffer {
  const end = Buffer.alloc(22);
  end.writeUInt32LE(END_OF_CENTRAL_DIRECTORY, 0);
  end.writeUInt16LE(entries, 8);
  end.writeUInt16LE(entries, 10);
  end.writeUInt32LE(size, 12);
  end.writeUInt32LE(start, 16);
  return end;
}

/** MS-DOS time fields, read in UTC so the bytes do not depend on the machine's time zone. */
function dosTime(time: Date): number {
  return (time.getUTCHours() << 11) | (time.getUTCMinutes() << 5) | (time.getUTCSeconds() >> 1);
}

function dosDate(time: Date): number {
  return ((time.getUTCFullYear() - 1980) << 9) | ((time.getUTCMonth() + 1) << 5) | time.getUTCDate();
}
