import { type FileHandle, open } from 'node:fs/promises';
import { crc32, createDeflateRaw } from 'node:zlib';

interface CentralRecord {
  readonly name: Buffer;
  readonly offset: number;
  readonly crc: number;
  readonly compressedSize: number;
  readonly size: number;
}

/** 2023-08-20 12:00:00 in MS-DOS form, so generated archives are byte for byte reproducible. */
const DOS_TIME = (12 << 11) | (0 << 5) | 0;
const DOS_DATE = ((2023 - 1980) << 9) | (8 << 5) | 20;
/** Bit 3: sizes and CRC follow the data; bit 11: names are UTF-8. */
const FLAGS = 0x0808;
const DEFLATE = 8;
const ZIP32_LIMIT = 0xffff_ffff;

/**
 * Writes a zip whose entries are streamed in and deflated on the way, the way Twitter's archive
 * builder does, so a large synthetic archive never sits in memory. Each entry's CRC and sizes go
 * in a data descriptor after its data. Zip64 is not written: entries and the archive stay under 4 GiB.
 */
export class StreamingZipWriter {
  private readonly records: CentralRecord[] = [];
  private offset = 0;

  private constructor(private readonly file: FileHandle) {}

  static async create(path: string): Promise<StreamingZipWriter> {
    return new StreamingZipWriter(await open(path, 'w'));
  }

  /** Adds one file from its content, given in pieces. */
  async add(path: string, content: AsyncIterable<string> | Iterable<string>): Promise<void> {
    const name = Buffer.from(path, 'utf8');
    const offset = this.offset;
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(FLAGS, 6);
    local.writeUInt16LE(DEFLATE, 8);
    local.writeUInt16LE(DOS_TIME, 10);
    local.writeUInt16LE(DOS_DATE, 12);
    local.writeUInt16LE(name.length, 26);
    await this.write(Buffer.concat([local, name]));

    let crc = 0;
    let size = 0;
    let compressedSize = 0;
    const deflate = createDeflateRaw({ level: 6 });
    const drained = (async () => {
      for await (const chunk of deflate as AsyncIterable<Buffer>) {
        compressedSize += chunk.length;
        await this.write(chunk);
      }
    })();
    for await (const piece of content) {
      const bytes = Buffer.from(piece, 'utf8');
      crc = crc32(bytes, crc);
      size += bytes.length;
      if (!deflate.write(bytes)) await new Promise((resolve) => deflate.once('drain', resolve));
    }
    deflate.end();
    await drained;
    if (size > ZIP32_LIMIT || this.offset > ZIP32_LIMIT)
      throw new RangeError(`${path}: the archive would need Zip64, which this writer does not write`);

    const descriptor = Buffer.alloc(16);
    descriptor.writeUInt32LE(0x08074b50, 0);
    descriptor.writeUInt32LE(crc >>> 0, 4);
    descriptor.writeUInt32LE(compressedSize, 8);
    descriptor.writeUInt32LE(size, 12);
    await this.write(descriptor);
    this.records.push({ name, offset, crc: crc >>> 0, compressedSize, size });
  }

  /** Writes the central directory and closes the file. */
  async close(): Promise<void> {
    try {
      const start = this.offset;
      for (const record of this.records) {
        const header = Buffer.alloc(46);
        header.writeUInt32LE(0x02014b50, 0);
        header.writeUInt16LE(20, 4);
        header.writeUInt16LE(20, 6);
        header.writeUInt16LE(FLAGS, 8);
        header.writeUInt16LE(DEFLATE, 10);
        header.writeUInt16LE(DOS_TIME, 12);
        header.writeUInt16LE(DOS_DATE, 14);
        header.writeUInt32LE(record.crc, 16);
        header.writeUInt32LE(record.compressedSize, 20);
        header.writeUInt32LE(record.size, 24);
        header.writeUInt16LE(record.name.length, 28);
        header.writeUInt32LE(record.offset, 42);
        await this.write(Buffer.concat([header, record.name]));
      }
      const end = Buffer.alloc(22);
      end.writeUInt32LE(0x06054b50, 0);
      end.writeUInt16LE(this.records.length, 8);
      end.writeUInt16LE(this.records.length, 10);
      end.writeUInt32LE(this.offset - start, 12);
      end.writeUInt32LE(start, 16);
      await this.write(end);
    } finally {
      await this.file.close();
    }
  }

  private async write(bytes: Buffer): Promise<void> {
    await this.file.write(bytes);
    this.offset += bytes.length;
  }
}
