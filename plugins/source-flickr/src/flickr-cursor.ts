import { flickrRecord } from './flickr-fields.js';

/**
 * Where one list of one account stands. A list is read newest first in passes: a pass asks for what
 * is newer than `since` and, when it has read to the end (or to what an earlier pass read), moves
 * `since` to the newest date it saw. A pass stopped by a failure or the page limit keeps `pass`, so the
 * next run goes on at that page instead of starting over.
 */
export interface FlickrListCursor {
  /** The newest date (unix seconds) the finished passes read: the next pass asks only for newer. */
  readonly since?: number;
  /** A pass that has not reached its end. */
  readonly pass?: FlickrPass;
  /** When the last pass finished, epoch ms: lists without dates (contacts) are read again after `refresh`. */
  readonly readAt?: number;
}

export interface FlickrPass {
  /** The page to fetch next (Flickr's `page`). */
  readonly page: string;
  /** The newest date the pass has seen so far. */
  readonly newest?: number;
  /** The upper date bound the pass was started with, so its pages do not shift as new items arrive. */
  readonly until?: number;
}

/** Where the comments and favers of one recent photo stand. */
export interface FlickrPhotoCursor {
  /** The newest comment date read. */
  readonly comments?: number;
  /** The comment count the photo list gave when its comments were last read in full. */
  readonly commentCount?: number;
  readonly faves?: FlickrListCursor;
  readonly faveCount?: number;
}

export interface FlickrAccountCursor {
  /** When the profile was last read, epoch ms. */
  readonly profileAt?: number;
  readonly contacts?: FlickrListCursor;
  readonly favorites?: FlickrListCursor;
  /** The account's recent photos by photo id; photos that leave the recent list are forgotten. */
  readonly photos?: Readonly<Record<string, FlickrPhotoCursor>>;
}

/** The `flickr` source's cursor: the API's own positions, per account (NSID) and list. */
export interface FlickrCursor {
  readonly accounts: Readonly<Record<string, FlickrAccountCursor>>;
}

/** Reads a committed cursor; one this source did not write starts over, which stores nothing twice. */
export function parseFlickrCursor(text: string | undefined): FlickrCursor {
  if (text === undefined) return { accounts: {} };
  try {
    const accounts = flickrRecord(flickrRecord(JSON.parse(text))?.accounts);
    if (accounts !== undefined) return { accounts: accounts as FlickrCursor['accounts'] };
  } catch {
    // Not JSON: read everything again.
  }
  return { accounts: {} };
}
