import type { IdentityRef } from '@handshake/sdk';

/** The network name of every Bluesky identity and signal. */
export const BLUESKY = 'bluesky';

/** A Bluesky account, keyed by its DID (handles change; the DID does not). */
export function blueskyIdentity(did: string): IdentityRef {
  return { network: BLUESKY, id: did };
}

/** The web address of a profile: bsky.app accepts the DID, so the address survives a handle change. */
export function profileWebUrl(did: string): string {
  return `https://bsky.app/profile/${did}`;
}
