import { type IdentityRef, personalSiteIdentity } from '@handshake/sdk';
import { hostOf } from '../accounts/mastodon-account.js';

/** Paths of accounts and statuses on a server (Mastodon, Misskey, Akkoma), not of someone's site. */
const FEDIVERSE_PATH = /^\/(?:@|users\/|notes\/|objects\/|ap\/users\/)/;

/**
 * The `web` identity of the personal site a link points to, or undefined when the link leads into
 * the network instead: to a host the status itself shows to be a server (its author's, a mentioned
 * account's) or to an account or status page anywhere. Shared hosts are refused by the SDK.
 */
export function personalSiteLink(link: string, serverHosts: ReadonlySet<string> = new Set()): IdentityRef | undefined {
  const site = personalSiteIdentity(link);
  if (site === undefined) return undefined;
  const host = hostOf(link);
  if (host === undefined || serverHosts.has(host) || FEDIVERSE_PATH.test(new URL(link).pathname)) return undefined;
  return site;
}
