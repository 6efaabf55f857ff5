import { createHash } from 'node:crypto';
import type { Archive, ArchiveEntry } from '@handshake/sdk';

/** Changes whenever the way an archive becomes signals changes, so an upgrade reads archives again. */
const READER_VERSION = 'twitter-archive/1';
/** How much of the start of each data file goes into the digest. */
const HEAD_BYTES = 64 * 1024;

/**
 * A digest of the export's content, cheap enough for multi-gigabyte archives: every entry's path
 * and size, the whole manifest (whose `generationDate` differs in every archive Twitter makes),
 * and the first 64 KiB of each data file that is read, where a newer archive of the same account
 * differs first because files run newest first. Hashing every byte would read the whole zip twice;
 * what is left out could only change in an edit that keeps every size and the manifest, which no
 * download produces. The reader's version and its options are included, so changing either reads
 * the archive again.
 */
export async function exportDigest(
  archive: Archive,
  dataFiles: readonly ArchiveEntry[],
  manifestText: string | undefined,
  options: unknown,
): Promise<string> {
  const hash = createHash('sha256');
  hash.update(`${READER_VERSION}\n${JSON.stringify(options)}\n`);
  for (const entry of archive.entries) hash.update(`${entry.path}\u0000${entry.size}\n`);
  hash.update(`manifest\u0000${manifestText ?? ''}\n`);
  for (const entry of [...dataFiles].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0))) {
    hash.update(`head\u0000${entry.path}\n`);
    hash.update(await head(archive, entry));
  }
  return hash.digest('hex');
}

async function head(archive: Archive, entry: ArchiveEntry): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let length = 0;
  const stream = await archive.open(entry);
  try {
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      chunks.push(chunk);
      length += chunk.length;
      if (length >= HEAD_BYTES) break;
    }
  } finally {
    stream.destroy();
  }
  return Buffer.concat(chunks).subarray(0, HEAD_BYTES);
}
