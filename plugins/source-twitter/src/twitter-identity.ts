import type { IdentityRef } from '@handshake/sdk';

/** The network name of every identity and signal this plugin reports. */
export const TWITTER = 'twitter';

/** A Twitter account by its numeric id, kept as a string: snowflake ids exceed 2^53. */
export function twitterIdentity(id: string): IdentityRef {
  return { network: TWITTER, id };
}

/**
 * An id as the archive writes it: a string of digits. A JSON number is accepted only while it is
 * a safe integer, since a larger one has already lost digits in `JSON.parse`.
 */
export function idString(value: unknown): string | undefined {
  if (typeof value === 'string') return /^\d+$/.test(value) ? value : undefined;
  if (typeof value === 'number' && Number.isSafeInteger(value) && value >= 0) return String(value);
  return undefined;
}

/** The profile link Twitter itself uses in follower lists: it keys on the id, so it never goes stale. */
export function profileUrl(id: string): string {
  return `https://twitter.com/intent/user?user_id=${id}`;
}

/** A status link; `i/web` works for any status when the author's handle is not known. */
export function statusUrl(id: string, handle: string | undefined): string {
  return `https://twitter.com/${handle ?? 'i/web'}/status/${id}`;
}

/**
 * Orders two ids of digits as the numbers they are, without turning them into numbers (snowflakes
 * exceed 2^53): a longer id is larger, ids of one length compare as text. Negative when `a` is older.
 */
export function compareIds(a: string, b: string): number {
  const left = a.replace(/^0+(?=\d)/, '');
  const right = b.replace(/^0+(?=\d)/, '');
  if (left.length !== right.length) return left.length - right.length;
  return left < right ? -1 : left > right ? 1 : 0;
}
