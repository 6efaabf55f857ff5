import { createHash } from 'node:crypto';
import type { Archive } from '@handshake/sdk';

/** Where an import of one export stands. */
export type ExportCursor =
  | { readonly digest: string; readonly complete: true }
  /** Resume inside the export: `records` records of work unit `unit` are committed. */
  | { readonly digest: string; readonly complete: false; readonly unit: number; readonly records: number };

/** Bumped when the reading changes what an export yields, so a new version reads old exports again. */
const READING_VERSION = 1;

/**
 * The export's content digest: every entry's path and size, with the options that change what it
 * yields. Hashing the bytes of a multi-gigabyte export (photos, videos) would cost a full read on
 * every run; Facebook never rewrites a file in place at the same size, so paths and sizes suffice.
 */
export function exportDigest(archive: Archive, settings: Readonly<Record<string, unknown>>): string {
  const hash = createHash('sha256');
  hash.update(JSON.stringify({ version: READING_VERSION, settings }));
  for (const entry of archive.entries) hash.update(`\n${entry.path}\u0000${entry.size}`);
  return hash.digest('base64url');
}

export function formatExportCursor(cursor: ExportCursor): string {
  return JSON.stringify(cursor);
}

/** A cursor this source wrote, or undefined for anything else (the import then starts over, storing nothing twice). */
export function parseExportCursor(text: string | undefined): ExportCursor | undefined {
  if (text === undefined) return undefined;
  try {
    const value = JSON.parse(text) as Record<string, unknown>;
    if (typeof value.digest !== 'string') return undefined;
    if (value.complete === true) return { digest: value.digest, complete: true };
    if (value.complete === false && Number.isSafeInteger(value.unit) && Number.isSafeInteger(value.records)) {
      return { digest: value.digest, complete: false, unit: value.unit as number, records: value.records as number };
    }
  } catch {
    // Not JSON: not ours.
  }
  return undefined;
}
