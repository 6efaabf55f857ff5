import { redactUrl } from '@handshake/sdk';
import { type FeedCursor, isFeedCursor } from './feed-cursor.js';

/**
 * Where a `plan: true` read stands: one feed cursor per feed URL, so each feed keeps its own
 * validators (an unchanged feed costs a 304) and its own progress (a stopped read resumes mid-feed).
 */
export interface FeedPlanCursor {
  /** By `planCursorKey` of the feed's URL. */
  readonly feeds: Readonly<Record<string, FeedCursor>>;
}

/**
 * A feed's key in the cursor: its URL with credentials redacted, since `handshake state cursors` prints
 * cursors. Two planned URLs that differ only in a credential share a key: in practice, one feed planned twice.
 */
export function planCursorKey(url: string): string {
  return redactUrl(url);
}

/** The cursor's feeds; a cursor this source did not write (or a url-mode one) reads every feed again, which stores nothing twice. */
export function parseFeedPlanCursor(text: string | undefined): ReadonlyMap<string, FeedCursor> {
  const feeds = new Map<string, FeedCursor>();
  if (text === undefined) return feeds;
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return feeds;
  }
  const stored = typeof value === 'object' && value !== null ? (value as Partial<FeedPlanCursor>).feeds : undefined;
  if (typeof stored !== 'object' || stored === null) return feeds;
  for (const [key, cursor] of Object.entries(stored)) if (isFeedCursor(cursor)) feeds.set(key, cursor);
  return feeds;
}

export function formatFeedPlanCursor(feeds: ReadonlyMap<string, FeedCursor>): string {
  return JSON.stringify({ feeds: Object.fromEntries(feeds) } satisfies FeedPlanCursor);
}
