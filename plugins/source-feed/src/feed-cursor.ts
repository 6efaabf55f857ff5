/**
 * Where a feed import stands: which content was read and how far. A feed is read whole, but its
 * entries are committed in batches, so a stopped import resumes at the next entry of the same content.
 */
export interface FeedCursor {
  /** SHA-256 of the bytes read: other bytes are read again from the first entry. */
  readonly sha256: string;
  /** Entries (items or outlines) already committed. */
  readonly next: number;
  /** Entries the content holds: `next === total` means it was read to the end. */
  readonly total: number;
  /** The validators of the response that gave these bytes, sent back to ask "has it changed?". */
  readonly etag?: string;
  readonly lastModified?: string;
}

export function isComplete(cursor: FeedCursor): boolean {
  return cursor.next >= cursor.total;
}

export function parseFeedCursor(text: string | undefined): FeedCursor | undefined {
  if (text === undefined) return undefined;
  try {
    const value = JSON.parse(text) as Partial<FeedCursor>;
    if (typeof value.sha256 === 'string' && Number.isSafeInteger(value.next) && Number.isSafeInteger(value.total))
      return value as FeedCursor;
  } catch {
    // A cursor this source did not write: read everything again, which stores nothing twice.
  }
  return undefined;
}
