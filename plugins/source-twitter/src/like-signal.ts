import { type IdentityRef, type Signal, signalId } from '@handshake/sdk';
import { jsonObject } from './json-fields.js';
import { idString, TWITTER, twitterIdentity } from './twitter-identity.js';

export type LikeMapping =
  | { readonly ok: true; readonly signal: Signal }
  | { readonly ok: true; readonly skipped: string }
  | { readonly ok: false; readonly reason: string };

/**
 * Turns one element of `like.js` (`{"like": {"tweetId", "fullText"?, "expandedUrl"}}`) into a
 * `like` of the liked tweet's author. The archive names no author, so `authorOf` says who wrote
 * the tweet when the archive shows it elsewhere (the owner's own tweets, tweets the owner replied
 * to or quoted); any other like is skipped. Likes carry no date: `at` is the archive's generation time.
 */
export function likeSignal(
  element: unknown,
  owner: IdentityRef,
  at: string,
  authorOf: (tweetId: string) => string | undefined,
): LikeMapping {
  const like = jsonObject(jsonObject(element)?.like);
  if (!like) return { ok: false, reason: 'expected {"like": {"tweetId": ...}}' };
  const tweetId = idString(like.tweetId);
  if (!tweetId) return { ok: false, reason: `like.tweetId: expected an id of digits, received ${JSON.stringify(like.tweetId ?? null)}` };
  const author = authorOf(tweetId);
  if (!author) return { ok: true, skipped: `like of tweet ${tweetId}: the archive does not say who wrote it` };
  const object = {
    ...(typeof like.expandedUrl === 'string' && like.expandedUrl !== '' ? { url: like.expandedUrl } : {}),
    ...(typeof like.fullText === 'string' ? { text: like.fullText } : {}),
  };
  return {
    ok: true,
    signal: {
      id: signalId(TWITTER, tweetId, `like:${owner.id}`),
      network: TWITTER,
      kind: 'like',
      actor: owner,
      subject: twitterIdentity(author),
      at,
      object,
    },
  };
}
