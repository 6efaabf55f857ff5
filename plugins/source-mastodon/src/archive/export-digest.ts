import { createHash } from 'node:crypto';

/**
 * The digest of what a read sees: the path and size of each file read from the archive (cheap
 * even for a large zip, and a new export always differs in size or name), and the SHA-256 of the
 * following CSV's content.
 */
export function exportDigest(files: readonly { readonly path: string; readonly size: number }[], following?: Buffer): string {
  const hash = createHash('sha256');
  for (const file of files) hash.update(`${file.path}\u0000${file.size}\n`);
  if (following !== undefined) hash.update('following\u0000').update(following);
  return hash.digest('hex');
}
