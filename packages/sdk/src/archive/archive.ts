import type { Readable } from 'node:stream';
import type { Disposable } from '../lifecycle/disposable.js';

/** One file inside an export: a folder, a zip or a tarball. */
export interface ArchiveEntry {
  /** The path inside the export, `/`-separated, without a leading `./`. */
  readonly path: string;
  /** Uncompressed size in bytes. */
  readonly size: number;
}

/**
 * An export as a list of files, whatever it came as. Entries are read as streams, so a large
 * file never has to fit in memory. Dispose it to close the file and remove temporary copies.
 */
export interface Archive extends Disposable {
  /** The path the user gave, for messages. */
  readonly location: string;
  /** Every file, sorted by path. */
  readonly entries: readonly ArchiveEntry[];
  /** The total size of all files, for progress. */
  readonly totalBytes: number;
  /**
   * The first file whose path ends with `suffix` (`data/tweets.js` finds
   * `twitter-2023/data/tweets.js`), compared leniently: case, spaces and underscores ignored.
   */
  find(suffix: string): ArchiveEntry | undefined;
  /** Every file whose path matches. */
  filter(test: (entry: ArchiveEntry) => boolean): ArchiveEntry[];
  open(entry: ArchiveEntry): Promise<Readable>;
  /** A whole file as text: only for files known to be small. */
  readText(entry: ArchiveEntry, encoding?: BufferEncoding): Promise<string>;
  /** Where an entry is, for messages: `export.zip!data/tweets.js`. */
  describe(entry: ArchiveEntry): string;
}

/** A file inside an export could not be opened; the message names the export and the file. */
export class ArchiveError extends Error {
  override readonly name = 'ArchiveError';
}

/** Lenient form of a path for matching: lower case, without spaces, underscores or hyphens. */
export function looseName(path: string): string {
  return path.toLowerCase().replace(/[\s_-]+/g, '');
}

/** Whether `path` ends with `suffix` at a folder boundary, compared leniently. */
export function pathEndsWith(path: string, suffix: string): boolean {
  const loosePath = looseName(path);
  const looseSuffix = looseName(suffix.replace(/^\/+/, ''));
  return loosePath === looseSuffix || loosePath.endsWith(`/${looseSuffix}`);
}
