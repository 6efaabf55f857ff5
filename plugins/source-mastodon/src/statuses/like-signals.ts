import { signalId } from '@handshake/sdk';
import { MASTODON_NETWORK, mastodonIdentity } from '../accounts/mastodon-account.js';
import { statusAuthor } from '../statuses/status-author.js';
import type { RecordSignals } from '../statuses/status-signals.js';

/**
 * A like from `likes.json`, which holds the liked status's URI and nothing else: the author is known
 * only where the URI has Mastodon's shape, and the time is the one the caller gives (the archive's).
 * The id pairs the status with the owner, so a like is one fact whichever export or API reports it.
 */
export function likeSignals(statusUri: string, owner: string, at: string): RecordSignals {
  const author = statusAuthor(statusUri);
  if (author === undefined) return { signals: [], notes: [`like of ${statusUri}: its author is unknown (not a Mastodon status URI)`] };
  if (author === owner) return { signals: [], notes: [`like of the owner's own status ${statusUri}: no relationship in it`] };
  return {
    signals: [
      {
        id: signalId(MASTODON_NETWORK, statusUri, `like:${owner}`),
        network: MASTODON_NETWORK,
        kind: 'like',
        actor: mastodonIdentity(owner),
        subject: mastodonIdentity(author),
        at,
        object: { url: statusUri },
      },
    ],
    notes: [],
  };
}
