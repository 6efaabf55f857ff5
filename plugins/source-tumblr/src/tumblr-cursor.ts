import { tumblrRecord } from './tumblr-fields.js';

/**
 * Where one list of one blog stands. A list is read newest first in passes: a pass reads what is
 * newer than `since` and, once it reaches its end (or what an earlier pass read), moves `since` to the
 * newest date it saw. A pass stopped by a failure or the page limit keeps `pass`, so the next run goes
 * on at that page.
 */
export interface TumblrListCursor {
  /** The newest date (unix seconds) the finished passes read. */
  readonly since?: number;
  readonly pass?: TumblrPass;
}

export interface TumblrPass {
  /** The next page as Tumblr's `_links.next` gave it: its query parameters, never the key. */
  readonly next: string;
  readonly newest?: number;
}

/** Where the notes of one recent post stand. */
export interface TumblrNotesCursor {
  /** The post's note count when its notes were last read to the end. */
  readonly count?: number;
  readonly notes?: TumblrListCursor;
}

export interface TumblrBlogCursor {
  readonly posts?: TumblrListCursor;
  readonly likes?: TumblrListCursor;
  /** The blog's recent original posts by id; posts that leave the recent list are forgotten. */
  readonly notes?: Readonly<Record<string, TumblrNotesCursor>>;
}

/** The `tumblr` source's cursor: Tumblr's own positions, per blog (as configured: uuid or name) and list. */
export interface TumblrCursor {
  readonly blogs: Readonly<Record<string, TumblrBlogCursor>>;
}

/** Reads a committed cursor; one this source did not write starts over, which stores nothing twice. */
export function parseTumblrCursor(text: string | undefined): TumblrCursor {
  if (text === undefined) return { blogs: {} };
  try {
    const blogs = tumblrRecord(tumblrRecord(JSON.parse(text))?.blogs);
    if (blogs !== undefined) return { blogs: blogs as TumblrCursor['blogs'] };
  } catch {
    // Not JSON: read everything again.
  }
  return { blogs: {} };
}
