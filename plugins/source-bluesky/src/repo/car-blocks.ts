import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { type FileHandle, open } from 'node:fs/promises';
import { CarIndexer } from '@ipld/car/indexer';
import type { CID } from 'multiformats/cid';
import { cidKey } from './cid-key.js';

/** Where a block's bytes sit in the CAR. */
interface BlockPlace {
  readonly offset: number;
  readonly length: number;
}

/** Bytes read from the file at a time, and windows kept: a walk reads neighbouring blocks, 8 MiB at most. */
const WINDOW_BYTES = 1 << 20;
const WINDOWS_KEPT = 8;

/**
 * Reads a file through a few aligned 1 MiB windows, most recently used kept. A PDS writes a CAR in about the
 * order a walk of the tree reads it, so most blocks come from a window already read: one read of 1 MiB
 * instead of hundreds of small ones, and the memory stays bounded whatever the file's size.
 */
class FileWindows {
  private readonly windows = new Map<number, Buffer>();

  constructor(private readonly handle: FileHandle) {}

  async read(place: BlockPlace): Promise<Uint8Array> {
    const start = Math.floor(place.offset / WINDOW_BYTES) * WINDOW_BYTES;
    if (place.offset + place.length > start + WINDOW_BYTES) return this.readAt(place.offset, place.length);
    let window = this.windows.get(start);
    if (window === undefined) {
      window = await this.readAt(start, WINDOW_BYTES);
      if (this.windows.size >= WINDOWS_KEPT) this.windows.delete(this.windows.keys().next().value as number);
    } else {
      this.windows.delete(start);
    }
    this.windows.set(start, window);
    return window.subarray(place.offset - start, place.offset - start + place.length);
  }

  close(): Promise<void> {
    this.windows.clear();
    return this.handle.close();
  }

  private async readAt(offset: number, length: number): Promise<Buffer> {
    const buffer = Buffer.alloc(length);
    const { bytesRead } = await this.handle.read(buffer, 0, length, offset);
    return bytesRead === length ? buffer : buffer.subarray(0, bytesRead);
  }
}

/** A CAR read from a file, with the SHA-256 of the bytes read. */
export interface IndexedCarFile {
  readonly blocks: CarBlocks;
  readonly sha256: string;
  readonly size: number;
}

/**
 * The blocks of a CAR (CARv1: a DAG-CBOR header naming the roots, then `varint | CID | bytes` blocks), looked
 * up by CID. The CAR is indexed in one streamed pass; a block's bytes are read when asked for, from the file or
 * from the buffer, so a repository of tens of MB costs the index (a CID and two numbers per block) and the
 * blocks on the path being walked, not the whole file. A repository export holds old commits and old MST nodes
 * beside the current ones, so it is walked from the commit, never read block by block.
 */
export class CarBlocks {
  private constructor(
    readonly roots: readonly CID[],
    private readonly places: ReadonlyMap<string, BlockPlace>,
    private readonly read: (place: BlockPlace) => Promise<Uint8Array>,
    private readonly release: () => Promise<void>,
  ) {}

  /** Indexes a CAR file while hashing it; throws with the file's name when it is not a CAR. */
  static async fromFile(path: string): Promise<IndexedCarFile> {
    const hash = createHash('sha256');
    let size = 0;
    async function* hashed(): AsyncGenerator<Uint8Array> {
      for await (const chunk of createReadStream(path)) {
        hash.update(chunk as Buffer);
        size += (chunk as Buffer).length;
        yield chunk as Buffer;
      }
    }
    const chunks = hashed();
    let index: Awaited<ReturnType<typeof indexCar>>;
    try {
      index = await indexCar(await CarIndexer.fromIterable(chunks));
    } finally {
      // Closes the file stream when the indexer stopped before its end (not a CAR, a truncated one).
      await chunks.return(undefined);
    }
    const { roots, places } = index;
    const windows = new FileWindows(await open(path, 'r'));
    const blocks = new CarBlocks(
      roots,
      places,
      (place) => windows.read(place),
      () => windows.close(),
    );
    return { blocks, sha256: hash.digest('hex'), size };
  }

  /** Indexes a CAR already in memory (a `getRepo` answer). */
  static async fromBytes(bytes: Uint8Array): Promise<CarBlocks> {
    const { roots, places } = await indexCar(await CarIndexer.fromBytes(bytes));
    return new CarBlocks(
      roots,
      places,
      async (place) => bytes.subarray(place.offset, place.offset + place.length),
      async () => undefined,
    );
  }

  get size(): number {
    return this.places.size;
  }

  /** The bytes of a block, or undefined when the CAR does not hold it (a partial export, a slice). */
  async get(cid: CID): Promise<Uint8Array | undefined> {
    const place = this.places.get(cidKey(cid));
    return place === undefined ? undefined : this.read(place);
  }

  async close(): Promise<void> {
    await this.release();
  }
}

async function indexCar(indexer: CarIndexer): Promise<{ roots: CID[]; places: Map<string, BlockPlace> }> {
  const roots = await indexer.getRoots();
  const places = new Map<string, BlockPlace>();
  for await (const block of indexer) places.set(cidKey(block.cid), { offset: block.blockOffset, length: block.blockLength });
  return { roots, places };
}
