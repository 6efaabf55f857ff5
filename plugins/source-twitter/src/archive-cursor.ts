/**
 * Where an archive import stands. `digest` names the export's content; `batches` counts the
 * batches already committed from it, or `done` says all were. Batches are cut at the same places on
 * every read of the same content, so a resumed import can drop the first `batches` and go on.
 */
export interface ArchiveCursor {
  readonly digest: string;
  readonly batches?: number;
  readonly done?: true;
}

export function formatArchiveCursor(cursor: ArchiveCursor): string {
  return JSON.stringify(cursor);
}

/** The cursor this plugin wrote, or undefined for none or for one it did not write (which starts over). */
export function parseArchiveCursor(text: string | undefined): ArchiveCursor | undefined {
  if (text === undefined) return undefined;
  try {
    const value = JSON.parse(text) as Partial<ArchiveCursor> | null;
    if (typeof value?.digest !== 'string') return undefined;
    if (value.done === true) return { digest: value.digest, done: true };
    if (Number.isSafeInteger(value.batches) && (value.batches as number) >= 0)
      return { digest: value.digest, batches: value.batches as number };
  } catch {
    // Not JSON: a cursor from another plugin or an older format.
  }
  return undefined;
}
