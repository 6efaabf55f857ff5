import { signalId } from '@handshake/sdk';
import { MASTODON_NETWORK, mastodonIdentity } from '../accounts/mastodon-account.js';
import type { RecordSignals } from './status-signals.js';

/** A like (a favourite), reduced to what its signal needs. */
export interface MastodonLike {
  /** The liked status's ActivityPub URI. */
  readonly status: string;
  /** The liked status's author, when the source can tell it. */
  readonly author?: string;
  /** Who liked it. */
  readonly liker: string;
  readonly at: string;
  readonly rawAt?: string;
}

/**
 * A like is a `like` to the liked status's author. The id pairs the status with the liker, so a like
 * is one fact whichever export or API reports it (the archive's `likes.json`, the REST API's
 * favourites, a favourite notification). A like of one's own status is no relationship.
 */
export function likeSignals(like: MastodonLike): RecordSignals {
  if (like.author === undefined)
    return { signals: [], notes: [`like of ${like.status}: its author is unknown (not a Mastodon status URI)`] };
  if (like.author === like.liker) return { signals: [], notes: [`like of the owner's own status ${like.status}: no relationship in it`] };
  return {
    signals: [
      {
        id: signalId(MASTODON_NETWORK, like.status, `like:${like.liker}`),
        network: MASTODON_NETWORK,
        kind: 'like',
        actor: mastodonIdentity(like.liker),
        subject: mastodonIdentity(like.author),
        at: like.at,
        ...(like.rawAt === undefined ? {} : { rawAt: like.rawAt }),
        object: { url: like.status },
      },
    ],
    notes: [],
  };
}
