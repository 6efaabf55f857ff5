import type { IdentityRef, Signal } from '@handshake/sdk';
import { jsonArray, jsonObject } from './json-fields.js';
import { parseTwitterDate, type TwitterInstant } from './parse-twitter-date.js';
import { decodeTweetText, type QuotedStatus, sameHandle, tweetFactSignals } from './tweet-fact-signals.js';
import { compareIds, idString, statusUrl, twitterIdentity } from './twitter-identity.js';
import type { XApiIncludes } from './x-api-includes.js';

export interface XApiTweetContext {
  /** The page's expansions, to join referenced tweets and mentioned users by id. */
  readonly includes: XApiIncludes;
  /** The account whose own timeline this is: the author of a tweet that names none. */
  readonly timelineOwner?: { readonly id: string; readonly username: string | undefined };
}

export interface XApiMappedTweet {
  readonly id: string;
  readonly author: IdentityRef;
  readonly retweet: boolean;
  readonly signals: Signal[];
  /** Parts of the tweet that hold no usable fact, and why. */
  readonly skipped: string[];
}

export type XApiTweetMapping = { readonly ok: true; readonly tweet: XApiMappedTweet } | { readonly ok: false; readonly reason: string };

/** `RT @handle:` opens a retweet's text: the fallback for its author when the original is gone. */
const RETWEET = /^RT @(\w{1,50}):/;

/**
 * Turns one tweet of an X API v2 timeline into the signals `tweetFactSignals` makes of a tweet, so a
 * tweet read here and in the archive gets the same signal ids. What it is comes from
 * `referenced_tweets` only: `retweeted` is a share of the original's author, `quoted` a share of
 * the quoted author, `replied_to` a reply to `in_reply_to_user_id`. Authors of referenced tweets
 * and ids of mentioned users are joined from the page's `includes`.
 */
export function xApiTweetSignals(value: unknown, context: XApiTweetContext): XApiTweetMapping {
  const tweet = jsonObject(value);
  if (!tweet) return { ok: false, reason: 'expected a tweet object {"id": "...", "text": ...}' };
  const id = typeof tweet.id === 'string' ? idString(tweet.id) : undefined;
  if (!id) return { ok: false, reason: `expected a tweet id string of digits, received ${JSON.stringify(tweet.id ?? null)}` };
  if (typeof tweet.created_at !== 'string')
    return { ok: false, reason: `tweet ${id}: created_at is missing (asked for with tweet.fields)` };
  const when = apiInstant(tweet.created_at);
  if (!when)
    return {
      ok: false,
      reason: `tweet ${id}: expected created_at such as "2023-08-12T16:10:37.000Z", received ${JSON.stringify(tweet.created_at)}`,
    };
  const authorId = (typeof tweet.author_id === 'string' ? idString(tweet.author_id) : undefined) ?? context.timelineOwner?.id;
  if (!authorId) return { ok: false, reason: `tweet ${id}: author_id is missing (asked for with tweet.fields)` };
  const { includes } = context;
  const author = twitterIdentity(authorId);
  const authorUsername =
    includes.user(authorId)?.username ?? (authorId === context.timelineOwner?.id ? context.timelineOwner.username : undefined);

  const text = decodeTweetText(typeof tweet.text === 'string' ? tweet.text : '');
  const entities = jsonObject(tweet.entities);
  const topics = unique(jsonArray(entities?.hashtags).map((tag) => jsonObject(tag)?.tag));
  const links = unique(
    jsonArray(entities?.urls).map((item) => {
      const url = jsonObject(item);
      // `unwound_url` is where the link ends after redirects, when X followed them.
      return nonEmpty(url?.unwound_url) ?? nonEmpty(url?.expanded_url) ?? nonEmpty(url?.url);
    }),
  );
  const skipped: string[] = [];
  const mentioned = new Map<string, string>();
  for (const item of jsonArray(entities?.mentions)) {
    const mention = jsonObject(item);
    const username = nonEmpty(mention?.username);
    if (!username) continue;
    const mentionId = (typeof mention?.id === 'string' ? idString(mention.id) : undefined) ?? includes.userNamed(username)?.id;
    if (mentionId) mentioned.set(username.toLowerCase(), mentionId);
    else skipped.push(`mention of @${username} in tweet ${id}: X gives no account id for @${username}`);
  }

  const references = jsonArray(tweet.referenced_tweets)
    .map((item) => jsonObject(item))
    .map((item) => ({ type: item?.type, id: typeof item?.id === 'string' ? idString(item.id) : undefined }))
    .filter((item): item is { type: unknown; id: string } => item.id !== undefined);
  const retweeted = references.find((reference) => reference.type === 'retweeted');
  let retweet: { authorId: string | undefined } | undefined;
  let replyTo: string | undefined;
  const quotes: QuotedStatus[] = [];

  if (retweeted) {
    const handle = RETWEET.exec(text)?.[1];
    const original =
      includes.authorOf(retweeted.id) ??
      (handle === undefined ? undefined : [...mentioned].find(([username]) => sameHandle(username, handle))?.[1]);
    if (!original) skipped.push(`retweet ${id} of tweet ${retweeted.id}: X gives no author for it`);
    retweet = { authorId: original };
  } else {
    const repliedTo = references.find((reference) => reference.type === 'replied_to');
    if (repliedTo) {
      replyTo =
        (typeof tweet.in_reply_to_user_id === 'string' ? idString(tweet.in_reply_to_user_id) : undefined) ??
        includes.authorOf(repliedTo.id);
      if (!replyTo) skipped.push(`reply ${id} to tweet ${repliedTo.id}: X gives no author for it`);
    }
    for (const quoted of references.filter((reference) => reference.type === 'quoted')) {
      const quotedAuthor = includes.authorOf(quoted.id);
      if (!quotedAuthor) {
        skipped.push(`quote ${id} of tweet ${quoted.id}: X gives no author for it`);
        continue;
      }
      const link = links.find((candidate) => new RegExp(`/status(?:es)?/${quoted.id}(?:\\D|$)`).test(candidate));
      quotes.push({
        statusId: quoted.id,
        authorId: quotedAuthor,
        url: link ?? statusUrl(quoted.id, includes.user(quotedAuthor)?.username),
      });
    }
  }

  const editions = jsonArray(tweet.edit_history_tweet_ids)
    .map((edition) => (typeof edition === 'string' ? idString(edition) : undefined))
    .filter((edition): edition is string => edition !== undefined);
  // The first version's id keys every version, as the archive's `initialTweetId` does.
  const key = editions.reduce((oldest, edition) => (compareIds(edition, oldest) < 0 ? edition : oldest), id);
  const signals = tweetFactSignals({
    id,
    key,
    author,
    when,
    url: statusUrl(id, authorUsername),
    text,
    topics,
    links,
    ...(retweet ? { retweet } : {}),
    ...(replyTo !== undefined ? { replyTo } : {}),
    mentions: [...mentioned.values()],
    quotes,
  });
  return { ok: true, tweet: { id, author, retweet: retweet !== undefined, signals, skipped } };
}

/**
 * `2023-08-12T16:10:37.000Z` as the archive's readers write an instant, `2023-08-12T16:10:37Z`,
 * with the API's text kept in `rawAt`: the same tweet gets the same `at` from both.
 */
function apiInstant(text: string): TwitterInstant | undefined {
  const parsed = parseTwitterDate(text);
  if (!parsed) return undefined;
  const at = new Date(parsed.time).toISOString().replace('.000Z', 'Z');
  return at === text ? { at, time: parsed.time } : { at, time: parsed.time, rawAt: text };
}

function nonEmpty(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}

function unique(values: readonly unknown[]): string[] {
  return [...new Set(values.filter((value): value is string => typeof value === 'string' && value !== ''))];
}
