import type { FlickrListCursor } from './flickr-cursor.js';

/**
 * One pass over a list Flickr gives newest first (favorites, favers), or over a list without dates
 * (contacts). It says which items are new, remembers the newest date it saw, and gives the cursor
 * after each page: the page to go on at, or, once the list is read, the new `since`.
 */
export class FlickrListPass {
  private newest: number | undefined;
  /** The upper date bound of the pass, kept across runs so that its pages stay where they were. */
  readonly until: number | undefined;

  constructor(
    private readonly cursor: FlickrListCursor | undefined,
    private readonly now: () => number,
    until?: number,
  ) {
    this.newest = cursor?.pass?.newest;
    this.until = cursor?.pass === undefined ? until : cursor.pass.until;
  }

  /** The newest date the finished passes read. */
  get since(): number | undefined {
    return this.cursor?.since;
  }

  /** The page an earlier run stopped before. */
  get resumeFrom(): string | undefined {
    return this.cursor?.pass?.page;
  }

  /** Whether an item of this date is newer than what the finished passes read. */
  isNew(seconds: number): boolean {
    return this.cursor?.since === undefined || seconds > this.cursor.since;
  }

  saw(seconds: number): void {
    if (this.newest === undefined || seconds > this.newest) this.newest = seconds;
  }

  /** The cursor once a page is read: the pass goes on at `next`. */
  continueAt(next: string): FlickrListCursor {
    return {
      ...(this.cursor?.since === undefined ? {} : { since: this.cursor.since }),
      ...(this.cursor?.readAt === undefined ? {} : { readAt: this.cursor.readAt }),
      pass: {
        page: next,
        ...(this.newest === undefined ? {} : { newest: this.newest }),
        ...(this.until === undefined ? {} : { until: this.until }),
      },
    };
  }

  /** The cursor once the list is read to its end, or to what an earlier pass read. */
  finish(): FlickrListCursor {
    const since = Math.max(this.cursor?.since ?? Number.NEGATIVE_INFINITY, this.newest ?? Number.NEGATIVE_INFINITY);
    return { ...(Number.isFinite(since) ? { since } : {}), readAt: this.now() };
  }
}
