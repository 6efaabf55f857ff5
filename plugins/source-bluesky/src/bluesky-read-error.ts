/** A Bluesky read that cannot go on: an unreadable CAR, a request that failed for good. Names the file or URL. */
export class BlueskyReadError extends Error {
  override readonly name = 'BlueskyReadError';
}
