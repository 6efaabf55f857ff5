/**
 * A feed, OPML file or URL that cannot be read as a whole: missing, not a feed, not well-formed,
 * a failed fetch. The message starts with the file or URL, so the run's report says which source broke.
 */
export class FeedReadError extends Error {
  override readonly name = 'FeedReadError';
}
