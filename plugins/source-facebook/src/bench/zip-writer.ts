import { once } from 'node:events';
import { createWriteStream, type WriteStream } from 'node:fs';
import { crc32, deflateRawSync } from 'node:zlib';

interface WrittenEntry {
  readonly name: Buffer;
  readonly method: number;
  readonly crc: number;
  readonly compressedSize: number;
  readonly size: number;
  readonly offset: number;
}

const UTF8_NAMES = 0x0800;
const DEFLATE = 8;
const STORE = 0;
/** 2026-03-08 12:00:00 in MS-DOS form: a fixed time, so the same input gives the same zip. */
const DOS_TIME = 12 << 11;
const DOS_DATE = ((2026 - 1980) << 9) | (3 << 5) | 8;
const ZIP32_LIMIT = 0xffffffff;

/**
 * Writes a zip file entry by entry, straight to disk, so a large synthetic export never has to
 * be held in memory whole. Plain zip32 (no zip64): enough for benchmark exports under 4 GB.
 */
export class ZipWriter {
  private readonly entries: WrittenEntry[] = [];
  private offset = 0;

  private constructor(private readonly stream: WriteStream) {}

  static async create(path: string): Promise<ZipWriter> {
    const stream = createWriteStream(path);
    await once(stream, 'open');
    return new ZipWriter(stream);
  }

  /** Bytes written so far. */
  get size(): number {
    return this.offset;
  }

  /** Adds one file; `store` keeps it uncompressed, as zips keep photos that deflate cannot shrink. */
  async add(path: string, content: string | Buffer, options: { readonly store?: boolean } = {}): Promise<void> {
    const data = typeof content === 'string' ? Buffer.from(content, 'utf8') : content;
    const method = options.store ? STORE : DEFLATE;
    const body = method === STORE ? data : deflateRawSync(data);
    const name = Buffer.from(path, 'utf8');
    if (this.offset + body.length > ZIP32_LIMIT || this.entries.length >= 0xffff) throw new Error(`${path}: the zip would need zip64`);
    const entry: WrittenEntry = { name, method, crc: crc32(data), compressedSize: body.length, size: data.length, offset: this.offset };
    const header = Buffer.alloc(30);
    header.writeUInt32LE(0x04034b50, 0);
    header.writeUInt16LE(20, 4);
    header.writeUInt16LE(UTF8_NAMES, 6);
    header.writeUInt16LE(method, 8);
    header.writeUInt16LE(DOS_TIME, 10);
    header.writeUInt16LE(DOS_DATE, 12);
    header.writeUInt32LE(entry.crc, 14);
    header.writeUInt32LE(entry.compressedSize, 18);
    header.writeUInt32LE(entry.size, 22);
    header.writeUInt16LE(name.length, 26);
    header.writeUInt16LE(0, 28);
    await this.write(header);
    await this.write(name);
    await this.write(body);
    this.entries.push(entry);
  }

  /** Writes the central directory and closes the file; returns the zip's size in bytes. */
  async close(): Promise<number> {
    const start = this.offset;
    for (const entry of this.entries) {
      const header = Buffer.alloc(46);
      header.writeUInt32LE(0x02014b50, 0);
      header.writeUInt16LE(20, 4);
      header.writeUInt16LE(20, 6);
      header.writeUInt16LE(UTF8_NAMES, 8);
      header.writeUInt16LE(entry.method, 10);
      header.writeUInt16LE(DOS_TIME, 12);
      header.writeUInt16LE(DOS_DATE, 14);
      header.writeUInt32LE(entry.crc, 16);
      header.writeUInt32LE(entry.compressedSize, 20);
      header.writeUInt32LE(entry.size, 24);
      header.writeUInt16LE(entry.name.length, 28);
      header.writeUInt32LE(entry.offset, 42);
      await this.write(header);
      await this.write(entry.name);
    }
    const end = Buffer.alloc(22);
    end.writeUInt32LE(0x06054b50, 0);
    end.writeUInt16LE(this.entries.length, 8);
    end.writeUInt16LE(this.entries.length, 10);
    end.writeUInt32LE(this.offset - start, 12);
    end.writeUInt32LE(start, 16);
    await this.write(end);
    this.stream.end();
    await once(this.stream, 'close');
    return this.offset;
  }

  private async write(chunk: Buffer): Promise<void> {
    this.offset += chunk.length;
    if (!this.stream.write(chunk)) await once(this.stream, 'drain');
  }
}
