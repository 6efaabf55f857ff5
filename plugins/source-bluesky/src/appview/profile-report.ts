import { type IdentityLink, type IdentityReport, personalSiteIdentity } from '@handshake/sdk';
import { blueskyIdentity, profileWebUrl } from '../bluesky-identity.js';
import { domainHandleLink } from '../records/domain-handle-link.js';
import { isDid } from '../syntax/did.js';
import { INVALID_HANDLE, isHandle } from '../syntax/handle.js';

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function count(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isInteger(value) && value >= 0 ? value : undefined;
}

/**
 * What a profile view (`profileViewBasic`, `profileView`, `profileViewDetailed`) says of an account: its
 * handle (the AppView has verified it against the DID, or shows `handle.invalid`), display name, counts, and
 * the links a domain handle or a stated website prove. Undefined when the view has no DID.
 */
export function profileReport(view: unknown): IdentityReport | undefined {
  if (!isObject(view) || !isDid(view.did)) return undefined;
  const handle = isHandle(view.handle) && view.handle !== INVALID_HANDLE ? view.handle.toLowerCase() : undefined;
  const displayName = typeof view.displayName === 'string' ? view.displayName.trim() : '';
  const links: IdentityLink[] = [];
  const domain = domainHandleLink(handle);
  if (domain !== undefined) links.push(domain);
  const site = typeof view.website === 'string' ? personalSiteIdentity(view.website) : undefined;
  if (site !== undefined && site.id !== domain?.to.id) links.push({ to: site, evidence: 'same-site' });
  const following = count(view.followsCount);
  const followers = count(view.followersCount);
  return {
    ...blueskyIdentity(view.did),
    url: profileWebUrl(view.did),
    ...(handle === undefined ? {} : { handle }),
    ...(displayName === '' ? {} : { displayName }),
    ...(following === undefined ? {} : { followingCount: following }),
    ...(followers === undefined ? {} : { followersCount: followers }),
    ...(links.length === 0 ? {} : { links }),
  };
}
