/** Where a read of an archive stands: which content, and how many of its records are committed. */
export interface ArchiveCursor {
  /** The content digest: a different archive (or following CSV) is read again from the start. */
  readonly digest: string;
  /** Records already committed, in reading order: a resumed read skips them. */
  readonly records: number;
  /** The whole archive was read: the same content again yields nothing. */
  readonly complete: boolean;
}

export function formatArchiveCursor(cursor: ArchiveCursor): string {
  return JSON.stringify(cursor);
}

export function parseArchiveCursor(text: string | undefined): ArchiveCursor | undefined {
  if (text === undefined) return undefined;
  try {
    const value = JSON.parse(text) as Partial<ArchiveCursor>;
    if (typeof value.digest === 'string' && Number.isSafeInteger(value.records) && typeof value.complete === 'boolean')
      return value as ArchiveCursor;
  } catch {
    // A cursor this source did not write: read from the start, which stores nothing twice.
  }
  return undefined;
}
