import type { IdentityLink } from '@handshake/sdk';
import { personalSiteLink } from '../statuses/personal-site-link.js';
import { statusContent } from '../statuses/status-content.js';
import { hostOf, mastodonIdentity } from './mastodon-account.js';

/** A profile field (an ActivityPub `PropertyValue`, a REST `fields[]` entry): its HTML value and its verification. */
export interface ProfileField {
  readonly value: string;
  /** When the server verified the link (the site links back with `rel="me"`); absent when it did not. */
  readonly verifiedAt?: string;
}

/**
 * Links from a profile that are sound enough to merge persons on. A profile field's link counts
 * only where the field says it was verified (`verified_at`: the site links back with `rel="me"`).
 * Mastodon's ActivityPub actor carries no such mark, and its `rel="me"` sits on every field link
 * whether verified or not, so a plain field proves nothing: it may name an employer or a project
 * that other people state too, and merging on it would fuse strangers with the user. The REST API
 * gives `verified_at`. A move (`movedTo`, the API's `moved`) is sound: Mastodon sets it only after
 * the new account lists this one in its own `alsoKnownAs`, so both sides have claimed each other.
 * `alsoKnownAs` alone is one side's claim, and is not linked.
 */
export function profileLinks(fields: readonly ProfileField[], movedTo: string | undefined, server: string | undefined): IdentityLink[] {
  const links: IdentityLink[] = [];
  const seen = new Set<string>();
  const add = (link: IdentityLink) => {
    const key = `${link.to.network}:${link.to.id}`;
    if (seen.has(key)) return;
    seen.add(key);
    links.push(link);
  };
  for (const field of fields) {
    if (field.verifiedAt === undefined || field.verifiedAt.trim() === '') continue;
    const content = statusContent(field.value);
    const urls = content.links.length > 0 ? content.links : /^https?:\/\/\S+$/i.test(content.text) ? [content.text] : [];
    for (const url of urls) {
      const site = personalSiteLink(url, new Set(server === undefined ? [] : [server]));
      if (site !== undefined) add({ to: site, evidence: 'verified-link' });
    }
  }
  if (movedTo !== undefined && hostOf(movedTo) !== undefined) add({ to: mastodonIdentity(movedTo), evidence: 'verified-link' });
  return links;
}
