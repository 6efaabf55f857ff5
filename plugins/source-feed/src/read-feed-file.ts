import { readFile, stat } from 'node:fs/promises';
import { FeedReadError } from './feed-read-error.js';

/** Feeds and OPML lists are read whole; a file this large is not one. */
const MAX_BYTES = 64 * 1024 * 1024;

export interface FeedFile {
  readonly bytes: Buffer;
  /** The file's modification time, as an ISO instant: when an OPML list was last written. */
  readonly modifiedAt: string;
}

/** Reads a saved feed or OPML file, or throws a FeedReadError that names it. */
export async function readFeedFile(path: string): Promise<FeedFile> {
  try {
    const info = await stat(path);
    if (info.isDirectory()) throw new FeedReadError(`cannot read ${path}: it is a folder, not a feed or OPML file`);
    if (info.size > MAX_BYTES) {
      throw new FeedReadError(`cannot read ${path}: ${info.size} bytes is more than a feed holds (at most ${MAX_BYTES})`);
    }
    const bytes = await readFile(path);
    return { bytes, modifiedAt: info.mtime.toISOString().replace('.000Z', 'Z') };
  } catch (error) {
    if (error instanceof FeedReadError) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    const reason = code === 'ENOENT' ? 'no such file' : code === 'EACCES' ? 'permission denied' : (error as Error).message;
    throw new FeedReadError(`cannot read ${path}: ${reason}`, { cause: error });
  }
}
