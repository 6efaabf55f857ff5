import { signalId } from '@handshake/sdk';
import { MASTODON_NETWORK, type MastodonAccount, mastodonIdentity } from '../accounts/mastodon-account.js';
import type { RecordSignals } from './status-signals.js';

/** A boost (an `Announce`, a REST status whose `reblog` is set, a reblog notification), reduced to what its signal needs. */
export interface MastodonBoost {
  /** The booster's actor URI. */
  readonly author: string;
  readonly at: string;
  readonly rawAt?: string;
  /** The boosted status, with its author when the source can tell it. */
  readonly boosted: { readonly uri: string; readonly author?: MastodonAccount };
}

/**
 * A boost is a `share` to the boosted status's author; a boost of one's own status is no relationship.
 * The id pairs the boosted status with the booster, not the boost's own URI (the `Announce` id): a
 * reblog notification names only the boosted status, and an account can boost a status once, so the
 * pair is the one key the archive, the booster's statuses and the boosted author's notifications share.
 */
export function boostSignals(boost: MastodonBoost): RecordSignals {
  const author = boost.boosted.author;
  if (author === undefined) return { signals: [], notes: [`boost of ${boost.boosted.uri}: its author is unknown`] };
  if (author.id === boost.author)
    return { signals: [], notes: [`boost of the author's own status ${boost.boosted.uri}: no relationship in it`] };
  return {
    signals: [
      {
        id: signalId(MASTODON_NETWORK, boost.boosted.uri, `share:${boost.author}`),
        network: MASTODON_NETWORK,
        kind: 'share',
        actor: mastodonIdentity(boost.author),
        subject: mastodonIdentity(author.id),
        at: boost.at,
        ...(boost.rawAt === undefined ? {} : { rawAt: boost.rawAt }),
        object: { url: boost.boosted.uri },
      },
    ],
    notes: [],
  };
}
