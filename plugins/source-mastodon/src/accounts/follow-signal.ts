import { relationSignalId, type Signal } from '@handshake/sdk';
import { MASTODON_NETWORK, mastodonIdentity } from './mastodon-account.js';

/**
 * A follow from one account to another. Neither the following CSV nor the REST API's lists give the
 * follow an id, so the id is the pair: the CSV, a follower list, a following list and a follow
 * notification report one fact, whichever is read first.
 */
export function followSignal(follower: string, followed: string, at: string, rawAt?: string): Signal {
  const actor = mastodonIdentity(follower);
  const subject = mastodonIdentity(followed);
  return {
    id: relationSignalId(MASTODON_NETWORK, 'follow', actor, subject),
    network: MASTODON_NETWORK,
    kind: 'follow',
    actor,
    subject,
    at,
    ...(rawAt === undefined ? {} : { rawAt }),
  };
}
