import type { IdentityRef } from '@handshake/sdk';

export const FACEBOOK = 'facebook';

/** A person named in the export, or why the name names nobody. */
export type FacebookPerson =
  | { readonly ok: true; readonly name: string; readonly ref: IdentityRef }
  | { readonly ok: false; readonly reason: string };

/** Invisible characters at either end (FB pads some names with U+2061 and the like); inner ones, such as an emoji's joiner, stay. */
const EDGE_INVISIBLES = /^[\p{Cf}\p{Cc}\p{Z}\s]+|[\p{Cf}\p{Cc}\p{Z}\s]+$/gu;
/** What Facebook writes for a deactivated or deleted account in older exports. */
const PLACEHOLDERS: ReadonlySet<string> = new Set(['facebook user', 'facebook member', 'deleted user']);

/**
 * The display form of a name: NFC, single spaces, no invisible padding. Every comparison of names
 * (is this the owner?) and every `name:` id goes through it, so one person spelled by two files
 * with different padding is one identity.
 */
export function cleanName(name: string): string {
  return name.normalize('NFC').replace(EDGE_INVISIBLES, '').replace(/\s+/g, ' ');
}

/**
 * The weak identity of a person the export names. Facebook's export has no ids at all, so the key
 * is the name (`name:Full Name`): two people with one name share it, and the ledger never merges
 * such an identity with another on its own.
 */
export function facebookPerson(raw: unknown): FacebookPerson {
  if (typeof raw !== 'string') return { ok: false, reason: `name: expected a string, received ${raw === null ? 'null' : typeof raw}` };
  const name = cleanName(raw);
  if (name === '') return { ok: false, reason: 'a deleted or hidden account (empty name)' };
  if (PLACEHOLDERS.has(name.toLowerCase())) return { ok: false, reason: `a deleted or deactivated account ("${name}")` };
  return { ok: true, name, ref: { network: FACEBOOK, id: `name:${name}` } };
}
