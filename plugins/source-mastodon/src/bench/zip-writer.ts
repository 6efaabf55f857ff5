import { once } from 'node:events';
import { createWriteStream, type WriteStream } from 'node:fs';
import { crc32, createDeflateRaw, deflateRawSync } from 'node:zlib';

const LOCAL_HEADER = 0x04034b50;
const DATA_DESCRIPTOR = 0x08074b50;
const CENTRAL_HEADER = 0x02014b50;
const END_OF_CENTRAL_DIRECTORY = 0x06054b50;
/** Bit 3: sizes and CRC follow the data; bit 11: the name is UTF-8. */
const FLAGS_STREAMED = 0x0808;
const FLAGS_KNOWN = 0x0800;
const DEFLATE = 8;
const STORE = 0;
/** Zip without the Zip64 extension stops at 4 GiB; a benchmark export stays far below. */
const ZIP32_LIMIT = 0xffffffff;

interface CentralEntry {
  readonly name: Buffer;
  readonly flags: number;
  readonly method: number;
  readonly crc: number;
  readonly compressedSize: number;
  readonly size: number;
  readonly offset: number;
}

/**
 * Writes a zip as Mastodon's archive service does (deflated JSON, stored media), streaming: a
 * large entry is compressed as it is generated and never held in memory. Written here rather than
 * taken from a zip package so the plugin needs no dependency for its benchmark.
 */
export class ZipWriter {
  private readonly output: WriteStream;
  private readonly entries: CentralEntry[] = [];
  private offset = 0;
  /** Every entry's time: a fixed one keeps the archive the same from run to run. */
  private readonly dosTime: number;
  private readonly dosDate: number;

  constructor(path: string, modified: Date) {
    this.output = createWriteStream(path);
    this.dosTime = (modified.getUTCHours() << 11) | (modified.getUTCMinutes() << 5) | (modified.getUTCSeconds() >> 1);
    this.dosDate = ((modified.getUTCFullYear() - 1980) << 9) | ((modified.getUTCMonth() + 1) << 5) | modified.getUTCDate();
  }

  /** Adds a small file whole: deflated when that makes it smaller, as media files are not. */
  async addBuffer(name: string, content: Buffer): Promise<void> {
    const deflated = deflateRawSync(content);
    const method = deflated.length < content.length ? DEFLATE : STORE;
    const data = method === DEFLATE ? deflated : content;
    const entry = {
      name: Buffer.from(name, 'utf8'),
      flags: FLAGS_KNOWN,
      method,
      crc: crc32(content),
      compressedSize: data.length,
      size: content.length,
      offset: this.offset,
    };
    await this.write(this.localHeader(entry));
    await this.write(data);
    this.entries.push(entry);
  }

  /** Adds a file generated piece by piece, deflating it on the way: sizes and CRC follow the data. */
  async addStream(name: string, content: AsyncIterable<string | Buffer>): Promise<void> {
    const offset = this.offset;
    const nameBytes = Buffer.from(name, 'utf8');
    await this.write(
      this.localHeader({ name: nameBytes, flags: FLAGS_STREAMED, method: DEFLATE, crc: 0, compressedSize: 0, size: 0, offset }),
    );
    const deflate = createDeflateRaw({ level: 6 });
    let compressedSize = 0;
    const drained = (async () => {
      for await (const chunk of deflate as AsyncIterable<Buffer>) {
        compressedSize += chunk.length;
        await this.write(chunk);
      }
    })();
    let crc = 0;
    let size = 0;
    for await (const piece of content) {
      const chunk = typeof piece === 'string' ? Buffer.from(piece, 'utf8') : piece;
      crc = crc32(chunk, crc);
      size += chunk.length;
      if (!deflate.write(chunk)) await once(deflate, 'drain');
    }
    deflate.end();
    await drained;
    if (size > ZIP32_LIMIT || this.offset > ZIP32_LIMIT)
      throw new RangeError(`${name}: a zip entry above 4 GiB needs Zip64, which this writer does not write`);
    const descriptor = Buffer.alloc(16);
    descriptor.writeUInt32LE(DATA_DESCRIPTOR, 0);
    descriptor.writeUInt32LE(crc, 4);
    descriptor.writeUInt32LE(compressedSize, 8);
    descriptor.writeUInt32LE(size, 12);
    await this.write(descriptor);
    this.entries.push({ name: nameBytes, flags: FLAGS_STREAMED, method: DEFLATE, crc, compressedSize, size, offset });
  }

  /** Writes the central directory and closes the file. */
  async close(): Promise<void> {
    const start = this.offset;
    for (const entry of this.entries) {
      const header = Buffer.alloc(46);
      header.writeUInt32LE(CENTRAL_HEADER, 0);
      header.writeUInt16LE(20, 4);
      header.writeUInt16LE(20, 6);
      header.writeUInt16LE(entry.flags, 8);
      header.writeUInt16LE(entry.method, 10);
      header.writeUInt16LE(this.dosTime, 12);
      header.writeUInt16LE(this.dosDate, 14);
      header.writeUInt32LE(entry.crc, 16);
      header.writeUInt32LE(entry.compressedSize, 20);
      header.writeUInt32LE(entry.size, 24);
      header.writeUInt16LE(entry.name.length, 28);
      header.writeUInt32LE(entry.offset, 42);
      await this.write(header);
      await this.write(entry.name);
    }
    const end = Buffer.alloc(22);
    end.writeUInt32LE(END_OF_CENTRAL_DIRECTORY, 0);
    end.writeUInt16LE(this.entries.length, 8);
    end.writeUInt16LE(this.entries.length, 10);
    end.writeUInt32LE(this.offset - start, 12);
    end.writeUInt32LE(start, 16);
    await this.write(end);
    this.output.end();
    await once(this.output, 'finish');
  }

  private localHeader(entry: CentralEntry): Buffer {
    const header = Buffer.alloc(30);
    header.writeUInt32LE(LOCAL_HEADER, 0);
    header.writeUInt16LE(20, 4);
    header.writeUInt16LE(entry.flags, 6);
    header.writeUInt16LE(entry.method, 8);
    header.writeUInt16LE(this.dosTime, 10);
    header.writeUInt16LE(this.dosDate, 12);
    header.writeUInt32LE(entry.crc, 14);
    header.writeUInt32LE(entry.compressedSize, 18);
    header.writeUInt32LE(entry.size, 22);
    header.writeUInt16LE(entry.name.length, 26);
    return Buffer.concat([header, entry.name]);
  }

  private async write(data: Buffer): Promise<void> {
    this.offset += data.length;
    if (!this.output.write(data)) await once(this.output, 'drain');
  }
}
