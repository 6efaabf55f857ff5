import type { RecordUri } from '../syntax/at-uri.js';

const POST = 'app.bsky.feed.post';

/**
 * The bsky.app address of a post (`https://bsky.app/profile/<did>/post/<rkey>`), or undefined for a record
 * that is not a post (a feed generator, a list): those have no stable page of their own.
 */
export function postWebUrl(uri: RecordUri): string | undefined {
  return uri.collection === POST ? `https://bsky.app/profile/${uri.authority}/post/${uri.rkey}` : undefined;
}
