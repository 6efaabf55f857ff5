import { parseAcct } from '../accounts/mastodon-account.js';

/** An account to fetch, as the crawl plan or the options name it, and where its home server is. */
export interface AccountAddress {
  /** As it was given: an actor URI, a profile page or `user@host`. */
  readonly given: string;
  /** The origin of the account's own server, whose REST API knows it best. */
  readonly home: string;
  /** The actor URI, when it was given as one. */
  readonly uri?: string;
  /** The address's parts, when the text says them. */
  readonly username?: string;
  readonly domain?: string;
  /** The home instance's own id of the account, which Mastodon's `/ap/users/<id>` actor URIs carry. */
  readonly localId?: string;
}

const USERS_PATH = /^\/users\/([^/?#]+)\/?$/;
const AP_USERS_PATH = /^\/ap\/users\/(\d+)\/?$/;
const PROFILE_PATH = /^\/@([^/?#@]+)(?:@([^/?#@]+))?\/?$/;

/**
 * Reads an account as the crawl plan (`https://host/users/name`, `https://host/ap/users/123`, any other
 * actor URI) or the `accounts` option (also `name@host`, `@name@host`, `https://host/@name`) gives it.
 * Undefined when it is none of these.
 */
export function accountAddress(text: string): AccountAddress | undefined {
  const given = text.trim();
  if (/^https?:\/\//i.test(given)) {
    let url: URL;
    try {
      url = new URL(given);
    } catch {
      return undefined;
    }
    if (url.search !== '' || url.hash !== '') return undefined;
    const home = url.origin;
    const users = USERS_PATH.exec(url.pathname);
    if (users) return { given, home, uri: given, username: decodeURIComponent(users[1] as string), domain: url.host };
    const ap = AP_USERS_PATH.exec(url.pathname);
    if (ap) return { given, home, uri: given, localId: ap[1] as string };
    const profile = PROFILE_PATH.exec(url.pathname);
    if (profile) {
      const [, username, domain] = profile as unknown as [string, string, string | undefined];
      if (domain === undefined) return { given, home, username: decodeURIComponent(username), domain: url.host };
      const remote = parseAcct(`${decodeURIComponent(username)}@${domain}`);
      return remote === undefined ? undefined : { given, home: `https://${remote.domain}`, ...remote };
    }
    return url.pathname.length > 1 ? { given, home, uri: given } : undefined;
  }
  const acct = parseAcct(given);
  return acct === undefined ? undefined : { given, home: `https://${acct.domain}`, ...acct };
}
