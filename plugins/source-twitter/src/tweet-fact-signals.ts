import { type IdentityRef, personalSiteIdentity, type Signal, type SignalObject, signalId } from '@handshake/sdk';
import { signalTime, type TwitterInstant } from './parse-twitter-date.js';
import { TWITTER, twitterIdentity } from './twitter-identity.js';

/** A status a tweet quoted, with its author as the tweet's source identifies them. */
export interface QuotedStatus {
  readonly statusId: string;
  readonly authorId: string;
  /** The link to the quoted status, as the tweet carries it. */
  readonly url: string;
}

/**
 * What one tweet says, read from the archive or from the X API: the two readers differ in how they
 * find these facts, and share how the facts become signals, so one tweet gets the same signals (and
 * signal ids) from both.
 */
export interface TweetFacts {
  /** The tweet's own id. */
  readonly id: string;
  /**
   * The id of the first version of an edited tweet (every version carries it), else the tweet's own
   * id: signals are keyed by it, so the versions of one edited tweet count once.
   */
  readonly key: string;
  readonly author: IdentityRef;
  readonly when: TwitterInstant;
  /** The tweet's own link. */
  readonly url: string;
  readonly text: string;
  /** Hashtags, without `#`, once each. */
  readonly topics: readonly string[];
  /** Expanded links, once each. */
  readonly links: readonly string[];
  /** Set for a retweet: the original's author, undefined when the source does not say who it is. */
  readonly retweet?: { readonly authorId: string | undefined };
  /** The account a reply answers. */
  readonly replyTo?: string;
  /** Ids of the accounts the tweet names, once each. */
  readonly mentions: readonly string[];
  readonly quotes: readonly QuotedStatus[];
}

/**
 * The signals of one tweet. A retweet is a `share` of its author's work and nothing else; any other
 * tweet is a `post` by its author, plus a `reply` to the account it answers (not to the author's own
 * thread), a `mention` of each other account it names, a `share` for each status it quotes by someone
 * else, and, for any tweet, a `link` to each personal site it links to.
 */
export function tweetFactSignals(facts: TweetFacts): Signal[] {
  const { author, key, url, text } = facts;
  const base = { network: TWITTER, ...signalTime(facts.when) };
  const content: SignalObject = {
    url,
    text,
    ...(facts.topics.length > 0 ? { topics: facts.topics } : {}),
    ...(facts.links.length > 0 ? { links: facts.links } : {}),
  };
  const signals: Signal[] = [];

  if (facts.retweet) {
    const original = facts.retweet.authorId;
    if (original !== undefined && original !== author.id)
      signals.push({
        ...base,
        id: signalId(TWITTER, key),
        kind: 'share',
        actor: author,
        subject: twitterIdentity(original),
        object: content,
      });
  } else {
    signals.push({ ...base, id: signalId(TWITTER, key), kind: 'post', actor: author, subject: author, object: content });
    // A reply within the author's own thread is not contact with anyone.
    const replyTo = facts.replyTo !== undefined && facts.replyTo !== author.id ? facts.replyTo : undefined;
    if (replyTo !== undefined)
      signals.push({
        ...base,
        id: signalId(TWITTER, key, 'reply'),
        kind: 'reply',
        actor: author,
        subject: twitterIdentity(replyTo),
        object: { url, text },
      });
    for (const mentioned of new Set(facts.mentions)) {
      if (mentioned === author.id || mentioned === replyTo) continue;
      signals.push({
        ...base,
        id: signalId(TWITTER, key, `mention:${mentioned}`),
        kind: 'mention',
        actor: author,
        subject: twitterIdentity(mentioned),
        object: { url, text },
      });
    }
    const quoted = new Set<string>();
    for (const quote of facts.quotes) {
      if (quoted.has(quote.statusId) || quote.authorId === author.id) continue;
      quoted.add(quote.statusId);
      signals.push({
        ...base,
        id: signalId(TWITTER, key, `quote:${quote.statusId}`),
        kind: 'share',
        actor: author,
        subject: twitterIdentity(quote.authorId),
        object: { url: quote.url, text },
      });
    }
  }

  const sites = new Set<string>();
  for (const link of facts.links) {
    const site = personalSiteIdentity(link);
    if (!site || sites.has(site.id)) continue;
    sites.add(site.id);
    signals.push({
      ...base,
      id: signalId(TWITTER, key, `link:${site.id}`),
      kind: 'link',
      actor: author,
      subject: site,
      object: { url: link, text },
    });
  }
  return signals;
}

/** Tweet text escapes exactly these three, as HTML, in the archive and in the API alike. */
export function decodeTweetText(text: string): string {
  return text.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
}

/** Handles compare without case: `@Dan` and `@dan` are one account. */
export function sameHandle(a: string, b: string): boolean {
  return a.toLowerCase() === b.toLowerCase();
}
