import { once } from 'node:events';
import { createReadStream, createWriteStream } from 'node:fs';
import { finished, pipeline } from 'node:stream/promises';
import { crc32, createDeflateRaw } from 'node:zlib';

/** A file to put in a zip: its name inside the zip and where it is on disk. */
export interface ZipItem {
  readonly name: string;
  readonly path: string;
}

const LIMIT = 0xffff_ffff;
/** Bit 3: sizes and CRC follow the data; bit 11: the name is UTF-8. */
const FLAGS = 0x0808;
const DEFLATE = 8;
/** 15 January 2026, 12:00, in MS-DOS form: a fixed time keeps the zip the same on every run. */
const DOS_TIME = 12 << 11;
const DOS_DATE = ((2026 - 1980) << 9) | (1 << 5) | 15;

/**
 * Writes files into a zip, streaming each through deflate, so a 100 MB export never sits in
 * memory. Sizes and CRCs go in data descriptors after each file, as `zip` does when writing to a
 * pipe; readers take them from the central directory. No zip64: each file and the zip stay under 4 GB.
 */
export async function writeZip(target: string, items: readonly ZipItem[]): Promise<void> {
  const out = createWriteStream(target);
  let offset = 0;
  const write = async (buffer: Buffer) => {
    offset += buffer.length;
    if (!out.write(buffer)) await once(out, 'drain');
  };
  const central: Buffer[] = [];
  try {
    for (const item of items) {
      const name = Buffer.from(item.name, 'utf8');
      const start = offset;
      const local = Buffer.alloc(30);
      local.writeUInt32LE(0x04034b50, 0);
      local.writeUInt16LE(20, 4);
      local.writeUInt16LE(FLAGS, 6);
      local.writeUInt16LE(DEFLATE, 8);
      local.writeUInt16LE(DOS_TIME, 10);
      local.writeUInt16LE(DOS_DATE, 12);
      local.writeUInt16LE(name.length, 26);
      await write(local);
      await write(name);
      let crc = 0;
      let size = 0;
      const dataStart = offset;
      await pipeline(
        createReadStream(item.path),
        async function* (chunks: AsyncIterable<Buffer>) {
          for await (const chunk of chunks) {
            crc = crc32(chunk, crc);
            size += chunk.length;
            yield chunk;
          }
        },
        createDeflateRaw(),
        async (chunks: AsyncIterable<Buffer>) => {
          for await (const chunk of chunks) await write(chunk);
        },
      );
      const compressed = offset - dataStart;
      if (size > LIMIT || offset > LIMIT) throw new Error(`${item.name} makes the zip larger than 4 GB, which needs zip64`);
      const descriptor = Buffer.alloc(16);
      descriptor.writeUInt32LE(0x08074b50, 0);
      descriptor.writeUInt32LE(crc, 4);
      descriptor.writeUInt32LE(compressed, 8);
      descriptor.writeUInt32LE(size, 12);
      await write(descriptor);
      const entry = Buffer.alloc(46);
      entry.writeUInt32LE(0x02014b50, 0);
      entry.writeUInt16LE(20, 4);
      entry.writeUInt16LE(20, 6);
      entry.writeUInt16LE(FLAGS, 8);
      entry.writeUInt16LE(DEFLATE, 10);
      entry.writeUInt16LE(DOS_TIME, 12);
      entry.writeUInt16LE(DOS_DATE, 14);
      entry.writeUInt32LE(crc, 16);
      entry.writeUInt32LE(compressed, 20);
      entry.writeUInt32LE(size, 24);
      entry.writeUInt16LE(name.length, 28);
      entry.writeUInt32LE(start, 42);
      central.push(entry, name);
    }
    const directoryStart = offset;
    for (const buffer of central) await write(buffer);
    const end = Buffer.alloc(22);
    end.writeUInt32LE(0x06054b50, 0);
    end.writeUInt16LE(items.length, 8);
    end.writeUInt16LE(items.length, 10);
    end.writeUInt32LE(offset - directoryStart, 12);
    end.writeUInt32LE(directoryStart, 16);
    await write(end);
    out.end();
    await finished(out);
  } catch (error) {
    out.destroy();
    throw error;
  }
}
