import { type IdentityReport, personalSiteIdentity } from '@handshake/sdk';
import { GITHUB_NETWORK, numericId } from './github-identity.js';

/** An account as lists, events and profiles show it. */
export interface GithubUser {
  readonly id: string;
  readonly login: string;
  /** `User`, `Organization`, `Bot`, or `Anonymous` (a contributor with no account). */
  readonly type?: string | undefined;
}

/** An account read from a list item or an event, or why it cannot be. */
export function readGithubUser(value: unknown): GithubUser | { readonly problem: string } {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return { problem: 'expected an account object' };
  const record = value as Record<string, unknown>;
  const type = typeof record.type === 'string' ? record.type : undefined;
  const id = numericId(record.id);
  if (id === undefined) return { problem: `expected a numeric account id, received ${JSON.stringify(record.id ?? null)}` };
  if (typeof record.login !== 'string' || record.login === '') return { problem: `account ${id} has no login` };
  return { id, login: record.login, type };
}

/** What a list or an event says of an account: its id and login. */
export function userReport(user: GithubUser): IdentityReport {
  return { network: GITHUB_NETWORK, id: user.id, handle: user.login };
}

/**
 * What a profile (`GET /user/{id}`, `/users/{login}`) says of an account: the login as handle, the name,
 * the site it states as `url` (else the profile page) with a `same-site` link when that is a personal site,
 * and the follower counts that let rules discount hubs.
 */
export function profileReport(user: GithubUser, profile: Readonly<Record<string, unknown>>): IdentityReport {
  const site = statedSite(profile.blog);
  const personal = site === undefined ? undefined : personalSiteIdentity(site);
  const page = typeof profile.html_url === 'string' && profile.html_url !== '' ? profile.html_url : undefined;
  const name = typeof profile.name === 'string' ? profile.name.trim() : '';
  const url = site ?? page;
  return {
    network: GITHUB_NETWORK,
    id: user.id,
    handle: user.login,
    ...(name !== '' && { displayName: name }),
    ...(url !== undefined && { url }),
    ...(count(profile.followers) !== undefined && { followersCount: count(profile.followers) }),
    ...(count(profile.following) !== undefined && { followingCount: count(profile.following) }),
    ...(personal !== undefined && { links: [{ to: personal, evidence: 'same-site' as const }] }),
  };
}

/** The profile's `blog`, free text people fill as `nvie.com` or `http://nvie.com/`: an http(s) URL, or nothing. */
export function statedSite(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  const text = value.trim();
  if (text === '' || /\s/.test(text)) return undefined;
  const candidate = /^[a-z][a-z0-9+.-]*:\/\//i.test(text) ? text : `https://${text}`;
  try {
    const url = new URL(candidate);
    // `mailto:ada@example.com` read as a host would come out as a user name and password: not a site.
    if (url.username !== '' || url.password !== '') return undefined;
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : undefined;
  } catch {
    return undefined;
  }
}

function count(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isInteger(value) && value >= 0 ? value : undefined;
}
