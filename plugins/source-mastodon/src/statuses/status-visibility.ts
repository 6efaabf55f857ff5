/**
 * Who may read a status, as Mastodon names it: `public` (listed everywhere), `unlisted` (public,
 * kept off timelines), `private` (followers only) and `direct` (only the accounts it names, which
 * makes it a message rather than a post).
 */
export type StatusVisibility = 'public' | 'unlisted' | 'private' | 'direct';

/** The ActivityStreams collection of everyone, with the compact forms JSON-LD allows. */
const PUBLIC_AUDIENCE: ReadonlySet<string> = new Set(['https://www.w3.org/ns/activitystreams#Public', 'as:Public', 'Public']);

/** An ActivityPub audience: the `to` and `cc` of an activity or an object. */
export interface Audience {
  readonly to: readonly string[];
  readonly cc: readonly string[];
}

export function isPublicAudience(address: string): boolean {
  return PUBLIC_AUDIENCE.has(address);
}

/**
 * The visibility ActivityPub encodes only in `to`/`cc`: Public in `to` is public, Public in `cc`
 * unlisted, the author's followers collection private; a status addressed to neither reaches only
 * the actors it names, which is a direct message (Mastodon keeps those in the outbox with the rest).
 */
export function statusVisibility(audience: Audience, followersCollections: ReadonlySet<string>): StatusVisibility {
  if (audience.to.some(isPublicAudience)) return 'public';
  if (audience.cc.some(isPublicAudience)) return 'unlisted';
  if ([...audience.to, ...audience.cc].some((address) => followersCollections.has(address))) return 'private';
  return 'direct';
}

const VISIBILITIES: ReadonlySet<string> = new Set<StatusVisibility>(['public', 'unlisted', 'private', 'direct']);

/**
 * The REST API's `visibility`. Servers add their own values (glitch-soc's `local`, Mastodon's
 * internal `limited` for a reply to a followers-only status): anything but `direct` reaches an
 * audience rather than named people only, so it reads as `private`, a post and not a message.
 */
export function apiVisibility(value: unknown): StatusVisibility {
  return typeof value === 'string' && VISIBILITIES.has(value) ? (value as StatusVisibility) : 'private';
}
