import type { IdentityReport } from '@handshake/sdk';
import { actorUriFromProfileUrl, hostOf, MASTODON_NETWORK, type MastodonAccount } from '../accounts/mastodon-account.js';
import { type ProfileField, profileLinks } from '../accounts/profile-links.js';
import { count, describe, isObject, list, localId, text, webUrl } from './api-json.js';

/** An `Account` of the REST API, read. */
export interface ApiAccount {
  /** The instance-local id: a handle for further requests to the same instance, never an identity key. */
  readonly localId: string | undefined;
  /** Keyed by the actor URI, with the `@user@host` handle. */
  readonly account: MastodonAccount;
  /** What handshake reports about it. */
  readonly report: IdentityReport;
  /** The account hides whom it follows and who follows it: the lists come back empty to anyone else. */
  readonly hidesCollections: boolean;
}

/**
 * The handle of an account from its `acct`, which is `user` for an account of the answering instance
 * and `user@host` for one of another: a local account gets the instance's account domain.
 */
export function apiHandle(acct: string, localDomain: string): string {
  const [username, domain] = acct.replace(/^@/, '').split('@') as [string, string | undefined];
  return `@${username}@${(domain ?? localDomain).toLowerCase()}`;
}

/**
 * The actor URI of an account: `uri` (the ActivityPub id, which every Mastodon since 2.x sends), else
 * Mastodon's convention applied to its profile page `url`. Undefined when neither gives one.
 */
export function apiActorUri(account: Readonly<Record<string, unknown>>): string | undefined {
  const uri = webUrl(account.uri);
  if (uri !== undefined) return uri;
  const url = webUrl(account.url);
  return url === undefined ? undefined : actorUriFromProfileUrl(url);
}

function fields(value: unknown): ProfileField[] {
  const result: ProfileField[] = [];
  for (const field of list(value)) {
    if (!isObject(field) || typeof field.value !== 'string') continue;
    const verifiedAt = text(field.verified_at);
    result.push(verifiedAt === undefined ? { value: field.value } : { value: field.value, verifiedAt });
  }
  return result;
}

/**
 * Reads an `Account` (a lookup, an entry of a follower list, a status's author). The identity is the
 * actor URI; the handle comes from `acct` and the answering instance's account domain; a profile field
 * links a personal site only when the server verified it (`verified_at`), and a move (`moved`) links the
 * new account. Returns the reason when the object names no account.
 */
export function readApiAccount(value: unknown, localDomain: string): ApiAccount | string {
  if (!isObject(value)) return `expected an account object, received ${describe(value)}`;
  const id = apiActorUri(value);
  if (id === undefined) return `uri: expected the account's actor URI, received ${describe(value.uri)}`;
  const acct = text(value.acct) ?? text(value.username);
  const handle = acct === undefined ? undefined : apiHandle(acct, localDomain);
  const displayName = text(value.display_name);
  const url = webUrl(value.url);
  const followersCount = count(value.followers_count);
  const followingCount = count(value.following_count);
  const moved = isObject(value.moved) ? apiActorUri(value.moved) : undefined;
  const links = profileLinks(fields(value.fields), moved, hostOf(id));
  const report: IdentityReport = {
    network: MASTODON_NETWORK,
    id,
    ...(handle === undefined ? {} : { handle }),
    ...(displayName === undefined ? {} : { displayName }),
    ...(url === undefined ? {} : { url }),
    ...(followersCount === undefined ? {} : { followersCount }),
    ...(followingCount === undefined ? {} : { followingCount }),
    ...(links.length === 0 ? {} : { links }),
  };
  const source = isObject(value.source) ? value.source : {};
  return {
    localId: localId(value.id),
    account: handle === undefined ? { id } : { id, handle },
    report,
    hidesCollections: value.hide_collections === true || source.hide_collections === true,
  };
}
