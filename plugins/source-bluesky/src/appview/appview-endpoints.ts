import { type IdentityRef, type IdentityReport, relationSignalId, type Signal } from '@handshake/sdk';
import { BLUESKY } from '../bluesky-identity.js';
import type { EndpointName } from './appview-cursor.js';
import { feedItemKey, feedItemSignals, feedItemTime, isPinned } from './feed-item-signals.js';
import { profileReport } from './profile-report.js';

/** When a page was served, for facts the API does not date (a follow in a list). */
export interface PageTime {
  readonly at: string;
  readonly rawAt?: string;
}

/** What one item of a list yields. */
export interface ItemOutcome {
  readonly signals: Signal[];
  readonly identities: IdentityReport[];
  readonly notes: string[];
  readonly rejected?: string;
}

/** One list of the AppView, read page by page for one account. */
export interface AppViewEndpoint {
  readonly name: EndpointName;
  /** The XRPC method. */
  readonly method: string;
  /** Query parameters besides `actor`, `limit` and `cursor`. */
  readonly parameters: Readonly<Record<string, string>>;
  /** The field of the body that holds the page's items. */
  readonly field: string;
  /** An item's stable id, for stop markers and the pagination guard. */
  key(item: unknown): string | undefined;
  /** An item's place in the newest-first order, epoch milliseconds, when the list says (author feeds). */
  time?(item: unknown): number | undefined;
  /** Items shown out of order (a pinned post): they neither stop the reading nor mark where it stopped. */
  outOfOrder?(item: unknown): boolean;
  map(item: unknown, account: IdentityRef, served: PageTime): ItemOutcome;
}

function didOf(item: unknown): string | undefined {
  return typeof item === 'object' && item !== null && typeof (item as { did?: unknown }).did === 'string'
    ? (item as { did: string }).did
    : undefined;
}

/**
 * A follow in a follow list: the list gives no follow record and no time, so the follow is known by who
 * follows whom (as the repository kind knows it too) and dated by when the page was served: the latest
 * it can have happened. The ledger keeps the first date it stored for an id.
 */
function followItem(direction: 'out' | 'in') {
  return (item: unknown, account: IdentityRef, served: PageTime): ItemOutcome => {
    const other = profileReport(item);
    if (other === undefined) return { signals: [], identities: [], notes: [], rejected: 'expected a profile view with a DID' };
    const identities = [other];
    if (other.id === account.id) return { signals: [], identities, notes: ['an account that follows itself'] };
    const [actor, subject] =
      direction === 'out' ? [account, { network: BLUESKY, id: other.id }] : [{ network: BLUESKY, id: other.id }, account];
    return {
      signals: [{ id: relationSignalId(BLUESKY, 'follow', actor, subject), network: BLUESKY, kind: 'follow', actor, subject, ...served }],
      identities,
      notes: [],
    };
  };
}

/** The lists the `bluesky` kind reads, by name. */
export const APPVIEW_ENDPOINTS: Readonly<Record<EndpointName, AppViewEndpoint>> = {
  follows: {
    name: 'follows',
    method: 'app.bsky.graph.getFollows',
    parameters: {},
    field: 'follows',
    key: didOf,
    map: followItem('out'),
  },
  followers: {
    name: 'followers',
    method: 'app.bsky.graph.getFollowers',
    parameters: {},
    field: 'followers',
    key: didOf,
    map: followItem('in'),
  },
  feed: {
    name: 'feed',
    method: 'app.bsky.feed.getAuthorFeed',
    parameters: { filter: 'posts_with_replies' },
    field: 'feed',
    key: feedItemKey,
    time: feedItemTime,
    outOfOrder: isPinned,
    map: (item) => feedItemSignals(item),
  },
};
