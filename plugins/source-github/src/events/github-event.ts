import { parseInstant } from '@handshake/sdk';
import { numericId } from '../accounts/github-identity.js';
import { type GithubUser, readGithubUser } from '../accounts/github-user.js';

/** One entry of a public events list, as far as handshake reads it. */
export interface GithubEvent {
  /** A string of digits: event ids pass 2^32. */
  readonly id: string;
  readonly type: string;
  readonly actor: GithubUser;
  /** `owner/name` of the repository it happened in; `/` or absent for events outside one (old gist and follow events). */
  readonly repositoryName: string | undefined;
  /** The organization that owns the repository, when one does. */
  readonly organization: GithubUser | undefined;
  readonly createdAt: string;
  readonly payload: Readonly<Record<string, unknown>>;
}

type Json = Readonly<Record<string, unknown>>;

export function isJsonObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** An event, or why it cannot be one: the envelope must name its id, type, actor and time. */
export function readGithubEvent(value: unknown): GithubEvent | { readonly problem: string } {
  if (!isJsonObject(value)) return { problem: 'expected an event object' };
  const id = numericId(value.id);
  if (id === undefined) return { problem: `expected an event id of digits, received ${JSON.stringify(value.id ?? null)}` };
  if (typeof value.type !== 'string' || value.type === '') return { problem: `event ${id} has no type` };
  const actor = readGithubUser(value.actor);
  if ('problem' in actor) return { problem: `event ${id}: actor: ${actor.problem}` };
  if (typeof value.created_at !== 'string' || parseInstant(value.created_at) === undefined) {
    return { problem: `event ${id}: created_at: expected an ISO-8601 instant, received ${JSON.stringify(value.created_at ?? null)}` };
  }
  const repository = isJsonObject(value.repo) && typeof value.repo.name === 'string' ? value.repo.name : undefined;
  const organization = isJsonObject(value.org) ? readGithubUser(value.org) : undefined;
  return {
    id,
    type: value.type,
    actor,
    repositoryName: repository !== undefined && /^[^/]+\/[^/]+$/.test(repository) ? repository : undefined,
    organization: organization === undefined || 'problem' in organization ? undefined : organization,
    createdAt: value.created_at,
    payload: isJsonObject(value.payload) ? value.payload : {},
  };
}
