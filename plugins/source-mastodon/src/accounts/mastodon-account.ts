import type { IdentityRef, IdentityReport } from '@handshake/sdk';

/** The network name of every Mastodon (and other ActivityPub server) identity. */
export const MASTODON_NETWORK = 'mastodon';

/**
 * An account as handshake keys it: the ActivityPub actor URI (stable across renames of the display
 * name, and the one key every export and API response can give), with the `@user@host` handle
 * when it is known. The handle is an attribute, never the key.
 */
export interface MastodonAccount {
  readonly id: string;
  readonly handle?: string;
}

/** Letters, digits and `_` on Mastodon; other servers also allow `.` and `-` inside a name. */
const USERNAME = /^[\p{L}\p{N}_]+(?:[.-][\p{L}\p{N}_]+)*$/u;
/** A Mastodon actor URI, `https://host/users/<name>`, the shape the acct convention produces. */
const USERS_PATH = /^(https?:\/\/[^/?#]+)\/users\/([^/?#]+)\/?$/;

/** The identity reference of an account. */
export function mastodonIdentity(actorUri: string): IdentityRef {
  return { network: MASTODON_NETWORK, id: actorUri };
}

/** What handshake reports about an account: its actor URI and, when known, its handle. */
export function accountReport(account: MastodonAccount): IdentityReport {
  return account.handle === undefined ? mastodonIdentity(account.id) : { ...mastodonIdentity(account.id), handle: account.handle };
}

/** A host as it appears in an acct, lower case; undefined when it is not a plausible domain. */
function domainOf(text: string): string | undefined {
  if (!text.includes('.') || /[/?#\s@]/.test(text)) return undefined;
  try {
    const url = new URL(`https://${text}`);
    return url.hostname === text.toLowerCase() ? url.host : undefined;
  } catch {
    return undefined;
  }
}

/**
 * An account from its address, `user@host` (or `@user@host`), as the CSV exports and the REST API's
 * `acct` give it. The actor URI follows Mastodon's convention, `https://host/users/user`: an export
 * gives no other, and resolving it for real needs WebFinger. Wrong for servers that key actors
 * otherwise (Misskey's `/users/<id>`) and for servers whose web domain differs from their account
 * domain; the handle stays right in both cases.
 */
export function accountFromAcct(acct: string): MastodonAccount | undefined {
  const address = parseAcct(acct);
  if (address === undefined) return undefined;
  const { username, domain } = address;
  return { id: `https://${domain}/users/${username}`, handle: `@${username}@${domain}` };
}

/** The parts of an account address, `user@host` or `@user@host`, the host in lower case; undefined when it is not one. */
export function parseAcct(acct: string): { readonly username: string; readonly domain: string } | undefined {
  const parts = acct.trim().replace(/^@/, '').split('@');
  if (parts.length !== 2) return undefined;
  const [username, rawHost] = parts as [string, string];
  const domain = domainOf(rawHost);
  if (!USERNAME.test(username) || domain === undefined) return undefined;
  return { username, domain };
}

/** Mastodon's profile page, `https://host/@name`. */
const PROFILE_PATH = /^(https?:\/\/[^/?#]+)\/@([^/?#@]+)\/?$/;

/**
 * The actor URI of a profile page with Mastodon's shape, `https://host/@name` → `https://host/users/name`,
 * by the same convention as `accountFromAcct`; undefined for other shapes. A last resort for an account
 * the REST API names by its page only (a mention of an account the server no longer has): wrong for
 * servers that key actors otherwise (`/ap/users/<id>`, Misskey's ids).
 */
export function actorUriFromProfileUrl(url: string): string | undefined {
  const match = PROFILE_PATH.exec(url.trim());
  if (!match) return undefined;
  const [, origin, name] = match as unknown as [string, string, string];
  const username = decodeURIComponent(name);
  return USERNAME.test(username) ? `${new URL(origin).origin}/users/${name}` : undefined;
}

/**
 * The handle of an actor whose URI has Mastodon's `/users/<name>` shape: the inverse of the acct
 * convention. Undefined for other shapes (`/ap/users/<number>`, Misskey's ids), which name no user.
 */
export function handleFromActorUri(actorUri: string): string | undefined {
  const match = USERS_PATH.exec(actorUri);
  if (!match) return undefined;
  const [, origin, name] = match as unknown as [string, string, string];
  const username = decodeURIComponent(name);
  return USERNAME.test(username) ? `@${username}@${new URL(origin).host}` : undefined;
}

/** An account from its actor URI alone, with the handle the URI's shape implies. */
export function accountFromActorUri(actorUri: string): MastodonAccount {
  const handle = handleFromActorUri(actorUri);
  return handle === undefined ? { id: actorUri } : { id: actorUri, handle };
}

/**
 * An account from a status's `Mention` tag: `href` is the actor URI, `name` the handle, written
 * `@user@host` for a remote account and `@user` for one on the author's server (whose host is the
 * actor URI's).
 */
export function accountFromMention(href: string, name: string | undefined): MastodonAccount {
  const text = name?.trim().replace(/^@/, '') ?? '';
  const [username, host] = text.split('@') as [string, string | undefined];
  if (text.split('@').length <= 2 && USERNAME.test(username)) {
    const mentionHost = host === undefined ? hostOf(href) : domainOf(host);
    if (mentionHost !== undefined) return { id: href, handle: `@${username}@${mentionHost}` };
  }
  return accountFromActorUri(href);
}

/** The host of a URL, lower case, or undefined when it is not one. */
export function hostOf(url: string): string | undefined {
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'https:' || parsed.protocol === 'http:' ? parsed.host : undefined;
  } catch {
    return undefined;
  }
}
