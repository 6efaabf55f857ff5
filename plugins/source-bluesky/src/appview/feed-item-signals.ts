import { type IdentityReport, relationSignalId, signalId } from '@handshake/sdk';
import { BLUESKY, blueskyIdentity } from '../bluesky-identity.js';
import type { ReplyParentState } from '../records/post-signals.js';
import { postWebUrl } from '../records/post-web-url.js';
import { type RecordOutcome, recordSignals } from '../records/record-signals.js';
import { recordTime } from '../records/record-time.js';
import { parseRecordUri } from '../syntax/at-uri.js';
import { parseAtprotoDatetime } from '../syntax/atproto-datetime.js';
import { profileReport } from './profile-report.js';

const REASON_REPOST = 'app.bsky.feed.defs#reasonRepost';
const REASON_PIN = 'app.bsky.feed.defs#reasonPin';
const NOT_FOUND_POST = 'app.bsky.feed.defs#notFoundPost';
const BLOCKED_POST = 'app.bsky.feed.defs#blockedPost';

/** What one item of an author feed yields, and the accounts it shows. */
export interface FeedItemOutcome extends RecordOutcome {
  readonly identities: IdentityReport[];
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function replyParentState(reply: unknown): ReplyParentState | undefined {
  if (!isObject(reply) || !isObject(reply.parent)) return undefined;
  const parent = reply.parent;
  if (parent.$type === NOT_FOUND_POST || parent.notFound === true) return 'not-found';
  if (parent.$type === BLOCKED_POST || parent.blocked === true) return 'blocked';
  return 'visible';
}

/** The accounts an item shows with their handles: the author, whoever reposted it, and the thread's authors. */
function shownProfiles(item: Record<string, unknown>): IdentityReport[] {
  const post = isObject(item.post) ? item.post : {};
  const reply = isObject(item.reply) ? item.reply : {};
  const reason = isObject(item.reason) ? item.reason : {};
  const views = [post.author, reason.by, isObject(reply.parent) ? reply.parent.author : undefined, reply.grandparentAuthor];
  return views.map(profileReport).filter((report): report is IdentityReport => report !== undefined);
}

/** Is this item the pinned post, shown on top whatever its age? */
export function isPinned(item: unknown): boolean {
  return isObject(item) && isObject(item.reason) && item.reason.$type === REASON_PIN;
}

/** Whether the item is a repost (the feed shows the original post, with `reason` naming who reposted it). */
function repostReason(item: Record<string, unknown>): Record<string, unknown> | undefined {
  return isObject(item.reason) && item.reason.$type === REASON_REPOST ? item.reason : undefined;
}

/** An author feed item's stable id: the post's URI, or for a repost the repost's own. */
export function feedItemKey(item: unknown): string | undefined {
  if (!isObject(item) || !isObject(item.post) || typeof item.post.uri !== 'string') return undefined;
  const reason = repostReason(item);
  if (reason === undefined) return item.post.uri;
  if (typeof reason.uri === 'string') return reason.uri;
  const by = isObject(reason.by) ? reason.by.did : undefined;
  return `repost by ${String(by)} of ${item.post.uri}`;
}

/**
 * Where the AppView sorts an item, epoch milliseconds: a repost when it was indexed, a post at the earlier of
 * its indexing and its `createdAt` (a back-dated post sorts low), as the AppView's own `sortAt` does.
 */
export function feedItemTime(item: unknown): number | undefined {
  if (!isObject(item) || !isObject(item.post)) return undefined;
  const reason = repostReason(item);
  if (reason) return parseAtprotoDatetime(reason.indexedAt)?.time;
  const indexed = parseAtprotoDatetime(item.post.indexedAt)?.time;
  const created = parseAtprotoDatetime(isObject(item.post.record) ? item.post.record.createdAt : undefined)?.time;
  if (indexed === undefined) return created;
  return created === undefined ? indexed : Math.min(indexed, created);
}

/**
 * The signals of one `feedViewPost` of an author feed. A post is read from its record, as a repository
 * would give it, so both kinds agree; the AppView adds what the record cannot say: that the post a reply
 * answers was deleted (`#notFoundPost`) or is hidden by a block (`#blockedPost`), and then the reply is not
 * counted. A repost (`reason: #reasonRepost`) is a `share` by the reposter of the original author's post,
 * known by the repost record's URI, as in the repository.
 */
export function feedItemSignals(item: unknown): FeedItemOutcome {
  if (!isObject(item) || !isObject(item.post)) return { signals: [], identities: [], notes: [], rejected: 'post: expected a postView' };
  const post = item.post;
  const uri = parseRecordUri(post.uri);
  if (uri === undefined || uri.collection !== 'app.bsky.feed.post') {
    return {
      signals: [],
      identities: [],
      notes: [],
      rejected: `post.uri: expected the AT-URI of a post, received ${JSON.stringify(post.uri)}`,
    };
  }
  const identities = shownProfiles(item);
  const authorDid = isObject(post.author) ? post.author.did : undefined;
  if (authorDid !== uri.authority) {
    return { signals: [], identities, notes: [], rejected: `post.author.did ${JSON.stringify(authorDid)} is not the author in ${uri.uri}` };
  }
  const reason = repostReason(item);
  if (reason === undefined) {
    const replyParent = replyParentState(item.reply);
    return { ...recordSignals({ uri, value: post.record, ...(replyParent ? { replyParent } : {}) }), identities };
  }

  const by = profileReport(reason.by);
  if (by === undefined) return { signals: [], identities, notes: [], rejected: 'reason.by: expected the profile of the reposter' };
  if (by.id === uri.authority) return { signals: [], identities, notes: ["a repost of the author's own post"] };
  const repost = parseRecordUri(reason.uri);
  const repostUri = repost?.collection === 'app.bsky.feed.repost' && repost.authority === by.id ? repost : undefined;
  const time = recordTime(reason.indexedAt, repostUri?.rkey ?? '');
  if (time.at === undefined) return { signals: [], identities, notes: [], rejected: `reason.indexedAt: ${time.error}` };
  const actor = blueskyIdentity(by.id);
  const subject = blueskyIdentity(uri.authority);
  const url = postWebUrl(uri);
  return {
    signals: [
      {
        // An AppView too old to name the repost record gets an id of its own: it cannot match the repository's.
        id: repostUri ? signalId(BLUESKY, repostUri.uri) : relationSignalId(BLUESKY, 'share', actor, subject, uri.uri),
        network: BLUESKY,
        kind: 'share',
        actor,
        subject,
        ...time,
        ...(url === undefined ? {} : { object: { url } }),
      },
    ],
    identities,
    notes: [],
  };
}
