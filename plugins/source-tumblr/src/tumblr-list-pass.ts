import type { TumblrListCursor } from './tumblr-cursor.js';

/**
 * One pass over a list Tumblr gives newest first (posts, likes, notes): which items are new, the
 * newest date seen, and the cursor after each page.
 */
export class TumblrListPass {
  private newest: number | undefined;

  constructor(private readonly cursor: TumblrListCursor | undefined) {
    this.newest = cursor?.pass?.newest;
  }

  /** The page an earlier run stopped before. */
  get resumeFrom(): string | undefined {
    return this.cursor?.pass?.next;
  }

  /** Whether an item of this date is newer than what the finished passes read. */
  isNew(seconds: number): boolean {
    return this.cursor?.since === undefined || seconds > this.cursor.since;
  }

  saw(seconds: number): void {
    if (this.newest === undefined || seconds > this.newest) this.newest = seconds;
  }

  continueAt(next: string): TumblrListCursor {
    return {
      ...(this.cursor?.since === undefined ? {} : { since: this.cursor.since }),
      pass: { next, ...(this.newest === undefined ? {} : { newest: this.newest }) },
    };
  }

  finish(): TumblrListCursor {
    const since = Math.max(this.cursor?.since ?? Number.NEGATIVE_INFINITY, this.newest ?? Number.NEGATIVE_INFINITY);
    return Number.isFinite(since) ? { since } : {};
  }
}
