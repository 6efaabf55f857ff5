/** What the last walk of one page learned: its ETag, and the page after it. */
export interface PageMark {
  readonly etag?: string;
  readonly next?: string;
  /** The page held a full page of items: were it the last, a page after it may have appeared since. */
  readonly full?: true;
}

/**
 * Where a paged list (followers, following, contributors) stands. Every page keeps its ETag, so a
 * re-poll asks each page "has it changed?" and an unchanged one (304) costs nothing; the page after it
 * is known from the mark, so the walk goes on without its body.
 */
export interface ListCursor {
  /** The page an unfinished walk goes on from; absent when the last walk reached its end. */
  readonly resume?: string;
  /** Marks by page URL. */
  readonly pages: Readonly<Record<string, PageMark>>;
}
