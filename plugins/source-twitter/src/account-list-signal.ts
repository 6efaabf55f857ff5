import { type IdentityRef, relationSignalId, type Signal, type SignalKind } from '@handshake/sdk';
import { jsonObject } from './json-fields.js';
import { idString, TWITTER, twitterIdentity } from './twitter-identity.js';

/** The lists of accounts in an archive: the key each element is wrapped in, and what it means. */
export const ACCOUNT_LISTS = {
  /** `follower.js`: they follow the owner. */
  follower: { key: 'follower', kind: 'follow', fromOwner: false },
  /** `following.js`: the owner follows them. */
  following: { key: 'following', kind: 'follow', fromOwner: true },
  /** `block.js`: the owner blocked them. */
  block: { key: 'blocking', kind: 'block', fromOwner: true },
  /** `mute.js`: the owner muted them. */
  mute: { key: 'muting', kind: 'mute', fromOwner: true },
} as const satisfies Record<string, { key: string; kind: SignalKind; fromOwner: boolean }>;

export type AccountList = keyof typeof ACCOUNT_LISTS;

export type AccountListMapping = { readonly ok: true; readonly signal?: Signal } | { readonly ok: false; readonly reason: string };

/**
 * Turns one element of a list of accounts (`{"follower": {"accountId": ..., "userLink": ...}}`)
 * into a signal. The lists carry no date, so every signal is dated `at`, the archive's generation
 * time; the id leaves the date out, so the same follow in a newer archive is the same signal.
 */
export function accountListSignal(list: AccountList, element: unknown, owner: IdentityRef, at: string): AccountListMapping {
  const { key, kind, fromOwner } = ACCOUNT_LISTS[list];
  const fields = jsonObject(jsonObject(element)?.[key]);
  if (!fields) return { ok: false, reason: `expected {"${key}": {"accountId": ...}}` };
  const id = idString(fields.accountId);
  if (!id) return { ok: false, reason: `${key}.accountId: expected an id of digits, received ${JSON.stringify(fields.accountId ?? null)}` };
  if (id === owner.id) return { ok: true };
  const other = twitterIdentity(id);
  const [actor, subject] = fromOwner ? [owner, other] : [other, owner];
  return { ok: true, signal: { id: relationSignalId(TWITTER, kind, actor, subject), network: TWITTER, kind, actor, subject, at } };
}
