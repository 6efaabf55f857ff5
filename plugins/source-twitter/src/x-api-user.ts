import { type IdentityReport, personalSiteIdentity } from '@handshake/sdk';
import { jsonArray, jsonObject } from './json-fields.js';
import { idString, profileUrl, TWITTER } from './twitter-identity.js';

/** An X API v2 user object, as far as handshake reads it. */
export interface XApiUser {
  readonly id: string;
  readonly username: string | undefined;
  readonly name: string | undefined;
  /** The site the profile states, expanded: the `url` field itself is a t.co link. */
  readonly website: string | undefined;
  readonly followingCount: number | undefined;
  readonly followersCount: number | undefined;
}

export type XApiUserMapping = { readonly ok: true; readonly user: XApiUser } | { readonly ok: false; readonly reason: string };

/**
 * Reads a user object (`{id, username, name, url, entities, public_metrics}`). Only the id is
 * required, and it must be a string of digits: ids exceed 2^53 and X sends them as strings.
 */
export function xApiUser(value: unknown): XApiUserMapping {
  const user = jsonObject(value);
  if (!user) return { ok: false, reason: 'expected a user object {"id": "...", "username": ...}' };
  const id = typeof user.id === 'string' ? idString(user.id) : undefined;
  if (!id) return { ok: false, reason: `expected a user id string of digits, received ${JSON.stringify(user.id ?? null)}` };
  const stated = jsonArray(jsonObject(jsonObject(user.entities)?.url)?.urls)
    .map((url) => jsonObject(url)?.expanded_url)
    .find((url): url is string => typeof url === 'string' && url !== '');
  const metrics = jsonObject(user.public_metrics);
  return {
    ok: true,
    user: {
      id,
      username: text(user.username),
      name: text(user.name),
      website: stated ?? text(user.url),
      followingCount: count(metrics?.following_count),
      followersCount: count(metrics?.followers_count),
    },
  };
}

/** What a user object says about its account: handle, name, counts, and the personal site it states. */
export function xApiUserIdentity(user: XApiUser): IdentityReport {
  const site = user.website === undefined ? undefined : personalSiteIdentity(user.website);
  return {
    network: TWITTER,
    id: user.id,
    url: profileUrl(user.id),
    ...(user.username ? { handle: `@${user.username}` } : {}),
    ...(user.name ? { displayName: user.name } : {}),
    ...(user.followingCount !== undefined ? { followingCount: user.followingCount } : {}),
    ...(user.followersCount !== undefined ? { followersCount: user.followersCount } : {}),
    ...(site ? { links: [{ to: site, evidence: 'same-site' as const }] } : {}),
  };
}

function text(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() !== '' ? value : undefined;
}

function count(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= 0 ? value : undefined;
}
