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
    const value: unknown = JSON.parse(text);
    if (isFeedCursor(value)) return value;
  } catch {
    // A cursor this source did not write: read everything again, which stores nothing twice.
  }
  return undefined;
}

/** A parsed JSON value that has a feed cursor's fields (a plan cursor holds one per feed). */
export function isFeedCursor(value: unknown): value is FeedCursor {
  if (typeof value !== 'object' || value === null) return false;
  const cursor = value as Partial<FeedCursor>;
  return typeof cursor.sha256 === 'string' && Number.isSafeInteger(cursor.next) && Number.isSafeInteger(cursor.total);
}
