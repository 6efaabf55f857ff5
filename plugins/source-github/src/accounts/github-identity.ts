import type { IdentityRef } from '@handshake/sdk';

export const GITHUB_NETWORK = 'github';

/** The account GitHub puts in place of a deleted user: not a person, so nothing about it is kept. */
export const GHOST_USER_ID = '10137';

/** A GitHub account by its numeric id, the only stable key (logins are renameable). */
export function githubIdentity(id: string): IdentityRef {
  return { network: GITHUB_NETWORK, id };
}

/** A numeric id as GitHub gives it (a number, or digits in a string), as the string identities use. */
export function numericId(value: unknown): string | undefined {
  if (typeof value === 'number') return Number.isSafeInteger(value) && value > 0 ? String(value) : undefined;
  if (typeof value === 'string' && /^[1-9]\d*$/.test(value)) return value;
  return undefined;
}
