import type { IdentityRef, IdentityReport, Signal } from '@handshake/sdk';
import { type JsonFields, jsonArray, jsonObject } from './json-fields.js';
import { parseTwitterDate } from './parse-twitter-date.js';
import { decodeTweetText, type QuotedStatus, sameHandle, type TweetFacts, tweetFactSignals } from './tweet-fact-signals.js';
import { idString, profileUrl, statusUrl, TWITTER } from './twitter-identity.js';

/** What a tweet's signals are measured against: the archive's owner. */
export interface TweetContext {
  readonly owner: IdentityRef;
  /** The owner's handle without `@`, when the archive gives it: for status links and self-quotes. */
  readonly ownerHandle: string | undefined;
}

/** The author of a status the owner's tweet pointed at, learned from the tweet itself. */
export interface KnownAuthor {
  readonly statusId: string;
  readonly authorId: string;
}

export interface MappedTweet {
  /** The tweet's own id. */
  readonly id: string;
  /**
   * The id of the first version of an edited tweet (every version carries it), else the tweet's own
   * id: signals are keyed by it, so the versions of one edited tweet count once.
   */
  readonly key: string;
  readonly time: number;
  readonly signals: Signal[];
  /** Accounts the tweet names, with the handle and name they had when it was written. */
  readonly identities: IdentityReport[];
  /** Parts of the tweet that hold no usable fact, and why. */
  readonly skipped: string[];
  readonly authors: KnownAuthor[];
}

export type TweetMapping = { readonly ok: true; readonly tweet: MappedTweet } | { readonly ok: false; readonly reason: string };

interface Mention {
  readonly id: string;
  readonly handle: string;
  readonly name: string | undefined;
}

/** `RT @handle:` opens every retweet; the archive marks them no other way (`retweeted` is false). */
const RETWEET = /^RT @(\w{1,50}):/;
/** A status link, which is how a quote tweet shows in the archive: `twitter.com|x.com/<user>/status/<id>`. */
const STATUS_LINK = /^https?:\/\/(?:www\.|mobile\.)?(?:twitter|x)\.com\/(\w{1,50})\/status(?:es)?\/(\d+)/i;

/**
 * Turns one element of `tweets.js` (or `tweet.js`, `deleted-tweets.js`, `community-tweet.js`) into
 * the signals `tweetFactSignals` makes of a tweet. The archive marks a retweet only by its `RT @`
 * text and a quote only by a status link, so both count only when the tweet's own mentions give
 * the other account's id.
 */
export function tweetSignals(element: unknown, context: TweetContext): TweetMapping {
  const raw = unwrap(element);
  if (!raw) return { ok: false, reason: 'expected {"tweet": {...}}' };
  const id = idString(raw.id_str) ?? idString(raw.id);
  if (!id) return { ok: false, reason: `expected an id_str of digits, received ${JSON.stringify(raw.id_str ?? raw.id ?? null)}` };
  if (typeof raw.created_at !== 'string') return { ok: false, reason: `tweet ${id}: created_at is missing` };
  const when = parseTwitterDate(raw.created_at);
  if (!when)
    return {
      ok: false,
      reason: `tweet ${id}: expected created_at such as "Sat Aug 12 16:10:37 +0000 2023", received ${JSON.stringify(raw.created_at)}`,
    };

  const edit = jsonObject(jsonObject(raw.edit_info)?.edit);
  const key = idString(edit?.initialTweetId) ?? id;
  const text = decodeTweetText(typeof raw.full_text === 'string' ? raw.full_text : typeof raw.text === 'string' ? raw.text : '');
  const entities = jsonObject(raw.entities);
  const { mentions, withoutId } = readMentions(entities?.user_mentions);
  const urls = jsonArray(entities?.urls)
    .map((url) => jsonObject(url))
    .map((url) => (typeof url?.expanded_url === 'string' && url.expanded_url !== '' ? url.expanded_url : url?.url))
    .filter((url): url is string => typeof url === 'string' && url !== '');
  const topics = unique(
    jsonArray(entities?.hashtags)
      .map((tag) => jsonObject(tag)?.text)
      .filter((tag): tag is string => typeof tag === 'string' && tag !== ''),
  );
  const links = unique(urls);
  const owner = context.owner;
  const skipped: string[] = [];
  const authors: KnownAuthor[] = [];
  const quotes: QuotedStatus[] = [];
  let retweet: TweetFacts['retweet'];
  let replyTo: string | undefined;
  const retweeted = RETWEET.exec(text)?.[1];

  if (retweeted !== undefined) {
    // The original's id and author id are absent: only the mention behind `RT @` (the first one) names the author.
    const author = mentions.find((mention) => sameHandle(mention.handle, retweeted));
    if (!author) skipped.push(`retweet ${id} of @${retweeted}: the archive gives no account id for @${retweeted}`);
    retweet = { authorId: author?.id };
  } else {
    // An @-reply without a status id is still a reply to that account.
    replyTo = idString(raw.in_reply_to_user_id_str) ?? idString(raw.in_reply_to_user_id);
    const replyStatus = idString(raw.in_reply_to_status_id_str) ?? idString(raw.in_reply_to_status_id);
    if (replyTo && replyStatus) authors.push({ statusId: replyStatus, authorId: replyTo });
    for (const handle of withoutId) skipped.push(`mention of @${handle} in tweet ${id}: the archive gives no account id`);
    const quoted = new Set<string>();
    for (const link of links) {
      const match = STATUS_LINK.exec(link);
      if (!match) continue;
      const [, handle = '', statusId = ''] = match;
      if (quoted.has(statusId)) continue;
      quoted.add(statusId);
      if (context.ownerHandle !== undefined && sameHandle(handle, context.ownerHandle)) {
        authors.push({ statusId, authorId: owner.id });
        continue;
      }
      // A handle alone is no key: the quote counts only when the tweet itself gives the account id.
      const author = mentions.find((mention) => sameHandle(mention.handle, handle));
      if (!author) {
        skipped.push(`quote ${id} of ${link}: the archive gives no account id for @${handle}`);
        continue;
      }
      authors.push({ statusId, authorId: author.id });
      quotes.push({ statusId, authorId: author.id, url: link });
    }
  }

  const signals = tweetFactSignals({
    id,
    key,
    author: owner,
    when,
    url: statusUrl(id, context.ownerHandle),
    text,
    topics,
    links,
    ...(retweet ? { retweet } : {}),
    ...(replyTo !== undefined ? { replyTo } : {}),
    mentions: mentions.map((mention) => mention.id),
    quotes,
  });

  const identities = mentions
    .filter((mention) => mention.id !== owner.id)
    .map(
      (mention): IdentityReport => ({
        network: TWITTER,
        id: mention.id,
        handle: `@${mention.handle}`,
        url: profileUrl(mention.id),
        ...(mention.name ? { displayName: mention.name } : {}),
      }),
    );
  return { ok: true, tweet: { id, key, time: when.time, signals, identities, skipped, authors } };
}

/** Archives since 2020 wrap each tweet as `{"tweet": {...}}`; the 2019 ones did not. */
function unwrap(element: unknown): JsonFields | undefined {
  const outer = jsonObject(element);
  const inner = jsonObject(outer?.tweet);
  if (inner) return inner;
  return outer && ('id_str' in outer || 'created_at' in outer) ? outer : undefined;
}

/**
 * Mentioned accounts with an id, once each (a thread can name the same account twice), and the
 * handles of those without one (`"id_str" : "-1"` for a suspended account).
 */
function readMentions(value: unknown): { mentions: Mention[]; withoutId: string[] } {
  const mentions = new Map<string, Mention>();
  const withoutId: string[] = [];
  for (const item of jsonArray(value)) {
    const mention = jsonObject(item);
    const id = idString(mention?.id_str) ?? idString(mention?.id);
    const handle = mention?.screen_name;
    if (typeof handle !== 'string' || handle === '') continue;
    if (!id) withoutId.push(handle);
    else if (!mentions.has(id))
      mentions.set(id, { id, handle, name: typeof mention?.name === 'string' && mention.name !== '' ? mention.name : undefined });
  }
  return { mentions: [...mentions.values()], withoutId };
}

function unique(values: readonly string[]): string[] {
  return [...new Set(values)];
}
