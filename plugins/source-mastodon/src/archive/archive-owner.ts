import type { IdentityReport } from '@handshake/sdk';
import { hostOf, MASTODON_NETWORK, type MastodonAccount } from '../accounts/mastodon-account.js';
import { type ProfileField, profileLinks } from '../accounts/profile-links.js';

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

/** The profile fields of an actor (`PropertyValue` attachments), with the verification mark when a server adds one. */
function profileFields(actor: Readonly<Record<string, unknown>>): ProfileField[] {
  const fields: ProfileField[] = [];
  for (const field of Array.isArray(actor.attachment) ? actor.attachment : []) {
    if (typeof field !== 'object' || field === null) continue;
    const { type, value, verified_at: verifiedAt, verifiedAt: camelVerifiedAt } = field as Record<string, unknown>;
    if (type !== 'PropertyValue' || typeof value !== 'string') continue;
    const verified = text(verifiedAt) ?? text(camelVerifiedAt);
    fields.push(verified === undefined ? { value } : { value, verifiedAt: verified });
  }
  return fields;
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
  const links = profileLinks(profileFields(actor), href(actor.movedTo), server);
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
