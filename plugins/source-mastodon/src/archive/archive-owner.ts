import type { IdentityLink, IdentityReport } from '@handshake/sdk';
import { hostOf, MASTODON_NETWORK, type MastodonAccount, mastodonIdentity } from '../accounts/mastodon-account.js';
import { personalSiteLink } from '../statuses/personal-site-link.js';
import { statusContent } from '../statuses/status-content.js';

/** The archive's owner, from `actor.json`: the user, and what their statuses' audiences name. */
export interface ArchiveOwner {
  readonly account: MastodonAccount;
  /** What the source reports about the owner, marked as the user's. */
  readonly report: IdentityReport;
  /** The owner's followers collection: a status addressed to it is followers-only. */
  readonly followers: ReadonlySet<string>;
}

/** The archive's `actor.json` is not the Person it should be. */
export class ArchiveOwnerError extends Error {
  override readonly name = 'ArchiveOwnerError';
}

function text(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
}

/** An ActivityStreams link value: a URL string, or a Link object with `href`. */
function href(value: unknown): string | undefined {
  if (typeof value === 'string') return text(value);
  if (Array.isArray(value)) return value.map(href).find((url) => url !== undefined);
  if (typeof value === 'object' && value !== null) return text((value as { href?: unknown }).href);
  return undefined;
}

/**
 * Links from the profile that are sound enough to merge persons on. A profile field's link counts
 * only where the field says it was verified (`verified_at`: the site links back with `rel="me"`).
 * Mastodon's ActivityPub actor carries no such mark, and its `rel="me"` sits on every field link
 * whether verified or not, so a plain field proves nothing: it may name an employer or a project
 * that other people state too, and merging on it would fuse strangers with the user. `movedTo` is
 * sound: Mastodon sets it only after the new account lists this one in its own `alsoKnownAs`, so
 * both sides have claimed each other. `alsoKnownAs` alone is one side's claim, and is not linked.
 */
function profileLinks(actor: Readonly<Record<string, unknown>>, server: string | undefined): IdentityLink[] {
  const links: IdentityLink[] = [];
  const seen = new Set<string>();
  const add = (link: IdentityLink) => {
    const key = `${link.to.network}:${link.to.id}`;
    if (seen.has(key)) return;
    seen.add(key);
    links.push(link);
  };
  const fields = Array.isArray(actor.attachment) ? actor.attachment : [];
  for (const field of fields) {
    if (typeof field !== 'object' || field === null) continue;
    const { type, value, verified_at: verifiedAt, verifiedAt: camelVerifiedAt } = field as Record<string, unknown>;
    if (type !== 'PropertyValue' || typeof value !== 'string') continue;
    if (text(verifiedAt) === undefined && text(camelVerifiedAt) === undefined) continue;
    const content = statusContent(value);
    const urls = content.links.length > 0 ? content.links : /^https?:\/\/\S+$/i.test(content.text) ? [content.text] : [];
    for (const url of urls) {
      const site = personalSiteLink(url, new Set(server === undefined ? [] : [server]));
      if (site !== undefined) add({ to: site, evidence: 'verified-link' });
    }
  }
  const movedTo = href(actor.movedTo);
  if (movedTo !== undefined && hostOf(movedTo) !== undefined) add({ to: mastodonIdentity(movedTo), evidence: 'verified-link' });
  return links;
}

/** Reads `actor.json`; throws when it names no actor, since every signal needs the owner. */
export function archiveOwner(value: unknown, where: string): ArchiveOwner {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new ArchiveOwnerError(`${where}: expected the account's actor, a JSON object; the archive cannot be read without it`);
  }
  const actor = value as Readonly<Record<string, unknown>>;
  const id = text(actor.id);
  const server = id === undefined ? undefined : hostOf(id);
  if (id === undefined || server === undefined) {
    throw new ArchiveOwnerError(
      `${where}: expected the actor's "id", its URI (https://host/users/name); the archive cannot be read without it`,
    );
  }
  const username = text(actor.preferredUsername);
  const handle = username === undefined ? undefined : `@${username.replace(/^@/, '')}@${server}`;
  const displayName = text(actor.name);
  const url = href(actor.url);
  const links = profileLinks(actor, server);
  const report: IdentityReport = {
    network: MASTODON_NETWORK,
    id,
    owner: true,
    ...(handle === undefined ? {} : { handle }),
    ...(displayName === undefined ? {} : { displayName }),
    ...(url === undefined ? {} : { url }),
    ...(links.length === 0 ? {} : { links }),
  };
  const followers = new Set([`${id.replace(/\/+$/, '')}/followers`]);
  const declared = href(actor.followers);
  if (declared !== undefined) followers.add(declared);
  return { account: handle === undefined ? { id } : { id, handle }, report, followers };
}
