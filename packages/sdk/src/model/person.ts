import type { IdentityRef } from './identity.js';

/** A person's id in the ledger, formatted `p_<n>`. */
export type PersonId = string;

/** The roles the pipeline config gives a person. */
export type PersonRole = 'me' | 'target' | 'other';

/** A human, known through one or more identities merged on strong evidence. */
export interface Person {
  readonly id: PersonId;
  readonly name: string;
  readonly role: PersonRole;
  readonly identities: readonly IdentityRef[];
}
