import { createReadStream } from 'node:fs';
import { mkdtemp, open, readdir, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, join, relative, sep } from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createGunzip } from 'node:zlib';
import type yauzl from 'yauzl';
import { type Archive, type ArchiveEntry, ArchiveError, pathEndsWith } from './archive.js';

export interface OpenArchiveOptions {
  /**
   * For a tarball, which entries to keep. A tarball can only be read from the start, so the
   * wanted files are copied to a temporary folder in one pass (media files are skipped) and
   * removed on dispose. Defaults to every file.
   */
  readonly want?: (path: string) => boolean;
}

/**
 * Opens an export given as a folder, a `.zip`, a `.tar.gz`/`.tgz`, or a single file (an export of
 * one entry). The kind is found from the file's first bytes, not its name.
 */
export async function openArchive(location: string, options: OpenArchiveOptions = {}): Promise<Archive> {
  let info: Awaited<ReturnType<typeof stat>>;
  try {
    info = await stat(location);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new ArchiveError(`cannot open ${location}: ${code === 'ENOENT' ? 'no such file or folder' : (error as Error).message}`, {
      cause: error,
    });
  }
  if (info.isDirectory()) return folderArchive(location, location);
  const magic = await firstBytes(location, 4);
  if (magic[0] === 0x50 && magic[1] === 0x4b) return zipArchive(location);
  if (magic[0] === 0x1f && magic[1] === 0x8b) return tarballArchive(location, options.want ?? (() => true));
  return singleFileArchive(location, info.size);
}

/** Code-point order: the same on every machine, whatever its locale. */
function byPath(a: ArchiveEntry, b: ArchiveEntry): number {
  return a.path < b.path ? -1 : a.path > b.path ? 1 : 0;
}

async function firstBytes(path: string, count: number): Promise<Buffer> {
  const handle = await open(path, 'r');
  try {
    const buffer = Buffer.alloc(count);
    const { bytesRead } = await handle.read(buffer, 0, count, 0);
    return buffer.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
}

abstract class BaseArchive implements Archive {
  readonly totalBytes: number;

  constructor(
    readonly location: string,
    readonly entries: readonly ArchiveEntry[],
  ) {
    this.totalBytes = entries.reduce((total, entry) => total + entry.size, 0);
  }

  find(suffix: string): ArchiveEntry | undefined {
    return this.entries.find((entry) => pathEndsWith(entry.path, suffix));
  }

  filter(test: (entry: ArchiveEntry) => boolean): ArchiveEntry[] {
    return this.entries.filter(test);
  }

  abstract open(entry: ArchiveEntry): Promise<Readable>;

  async readText(entry: ArchiveEntry, encoding: BufferEncoding = 'utf8'): Promise<string> {
    const chunks: Buffer[] = [];
    for await (const chunk of await this.open(entry)) chunks.push(chunk as Buffer);
    return Buffer.concat(chunks).toString(encoding);
  }

  describe(entry: ArchiveEntry): string {
    return `${this.location}!${entry.path}`;
  }

  abstract dispose(): Promise<void>;
}

async function listFiles(root: string): Promise<ArchiveEntry[]> {
  const entries: ArchiveEntry[] = [];
  for (const item of await readdir(root, { recursive: true, withFileTypes: true })) {
    if (!item.isFile()) continue;
    const full = join(item.parentPath, item.name);
    entries.push({ path: relative(root, full).split(sep).join('/'), size: (await stat(full)).size });
  }
  return entries.sort(byPath);
}

async function folderArchive(location: string, root: string, cleanup?: () => Promise<void>): Promise<Archive> {
  const entries = await listFiles(root);
  return new (class extends BaseArchive {
    async open(entry: ArchiveEntry): Promise<Readable> {
      return createReadStream(join(root, ...entry.path.split('/')));
    }

    async dispose(): Promise<void> {
      await cleanup?.();
    }
  })(location, entries);
}

function singleFileArchive(location: string, size: number): Archive {
  return new (class extends BaseArchive {
    async open(): Promise<Readable> {
      return createReadStream(location);
    }

    async dispose(): Promise<void> {}
  })(location, [{ path: basename(location), size }]);
}

/** The zip reader is loaded when a zip is opened: most pipelines never open one. */
async function zipArchive(location: string): Promise<Archive> {
  const { default: yauzl } = await import('yauzl');
  return new Promise((resolve, reject) => {
    yauzl.open(location, { lazyEntries: true, autoClose: false, decodeStrings: true }, (error, zip) => {
      if (error || !zip)
        return reject(new ArchiveError(`cannot open ${location} as a zip: ${error?.message ?? 'unknown error'}`, { cause: error }));
      const zipEntries = new Map<string, yauzl.Entry>();
      const entries: ArchiveEntry[] = [];
      zip.on('entry', (entry: yauzl.Entry) => {
        if (!entry.fileName.endsWith('/')) {
          const path = entry.fileName.replace(/^\.\//, '');
          zipEntries.set(path, entry);
          entries.push({ path, size: entry.uncompressedSize });
        }
        zip.readEntry();
      });
      zip.on('error', (cause: Error) => reject(new ArchiveError(`cannot read ${location} as a zip: ${cause.message}`, { cause })));
      zip.on('end', () => {
        entries.sort(byPath);
        resolve(
          new (class extends BaseArchive {
            open(entry: ArchiveEntry): Promise<Readable> {
              const zipEntry = zipEntries.get(entry.path);
              if (!zipEntry) return Promise.reject(new ArchiveError(`${this.describe(entry)}: no such entry`));
              return new Promise((resolveStream, rejectStream) =>
                zip.openReadStream(zipEntry, (cause, stream) =>
                  cause || !stream
                    ? rejectStream(new ArchiveError(`cannot read ${this.describe(entry)}: ${cause?.message ?? 'unknown error'}`, { cause }))
                    : resolveStream(stream),
                ),
              );
            }

            async dispose(): Promise<void> {
              zip.close();
            }
          })(location, entries),
        );
      });
      zip.readEntry();
    });
  });
}

async function tarballArchive(location: string, want: (path: string) => boolean): Promise<Archive> {
  const tar = await import('tar');
  const folder = await mkdtemp(join(tmpdir(), 'handshake-archive-'));
  const cleanup = () => rm(folder, { recursive: true, force: true });
  try {
    await pipeline(
      createReadStream(location),
      createGunzip(),
      tar.x({ cwd: folder, strict: true, filter: (path) => want(path.replace(/^\.\//, '')), preservePaths: false }),
    );
  } catch (error) {
    await cleanup();
    throw new ArchiveError(`cannot read ${location} as a .tar.gz: ${(error as Error).message}`, { cause: error });
  }
  return folderArchive(location, folder, cleanup);
}
