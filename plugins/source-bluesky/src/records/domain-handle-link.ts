import { type IdentityLink, personalSiteIdentity } from '@handshake/sdk';
import { INVALID_HANDLE, isHandle } from '../syntax/handle.js';

/** Handles under these are given out by a host, not owned: `alice.bsky.social` is no site of Alice's. */
const HOSTED_HANDLE_DOMAINS = ['bsky.social'];
/** Reserved top-level domains (RFC 2606, 6761, 6762, 7686): a handle there names no site anyone can reach. */
const RESERVED_TLDS = new Set(['test', 'example', 'invalid', 'localhost', 'local', 'arpa', 'internal', 'onion', 'alt']);

/**
 * The link a domain handle proves: Bluesky verifies a handle against the DID (DNS TXT or
 * `/.well-known/atproto-did`) before the AppView shows it, so `dan.example.com` as a handle means the person
 * controls that domain, and their site there is theirs. Hosted handles (`*.bsky.social`), reserved names and
 * `handle.invalid` (verification failed) prove nothing.
 */
export function domainHandleLink(handle: string | undefined): IdentityLink | undefined {
  if (handle === undefined || !isHandle(handle)) return undefined;
  const host = handle.toLowerCase();
  if (host === INVALID_HANDLE || RESERVED_TLDS.has(host.slice(host.lastIndexOf('.') + 1))) return undefined;
  if (HOSTED_HANDLE_DOMAINS.some((domain) => host === domain || host.endsWith(`.${domain}`))) return undefined;
  const site = personalSiteIdentity(`https://${host}`);
  return site === undefined ? undefined : { to: site, evidence: 'domain-handle' };
}
