import type { ListCursor } from './api/list-cursor.js';

/** What a profile request answered last time, so a 304 still says whose profile it is. */
export interface ProfileMark {
  readonly id: string;
  readonly login: string;
  readonly etag?: string;
}

/**
 * Where the public events of one account stand. Events come newest first, so a walk that stops half-way
 * must not move `newest`: it keeps the page it goes on from in `walk` and moves `newest` to the walk's
 * top event only once it has met the events already read (or GitHub's ceiling).
 */
export interface EventsCursor {
  /** The newest event id committed. */
  readonly newest?: string;
  /** The ETag of the first page when `newest` was set, sent back as If-None-Match. */
  readonly etag?: string;
  readonly walk?: EventsWalk;
}

export interface EventsWalk {
  /** The newest event of the walk, which becomes `newest` when it ends; absent while no event was read. */
  readonly top?: string;
  /** The page it goes on from. */
  readonly next: string;
  readonly etag?: string;
  /** Events read so far, toward GitHub's ceiling of 300. */
  readonly read: number;
}

/** One repository of a target whose contributors are read. */
export interface RepositoryMark {
  readonly id: string;
  /** `owner/name` when it was listed; a rename since is followed by GitHub's redirect. */
  readonly name: string;
  readonly url: string;
}

export interface RepositoriesCursor {
  /** The ETag of the target's repository list. */
  readonly etag?: string;
  /** The repositories chosen from it, so an unchanged list (304) still says which they are. */
  readonly repositories: readonly RepositoryMark[];
  /** The `reposPerTarget` they were chosen with: another limit reads the list again. */
  readonly limit?: number;
  /** The contributor list of each, by repository id. */
  readonly contributors: Readonly<Record<string, ListCursor>>;
}

export interface AccountCursor {
  readonly events?: EventsCursor;
  readonly following?: ListCursor;
  readonly followers?: ListCursor;
  readonly repositories?: RepositoriesCursor;
}

/**
 * The source's cursor: GitHub's own positions per account and endpoint (the newest event id, ETags, the
 * page a walk goes on from), JSON-encoded. Accounts are keyed by numeric id; profiles by the request
 * that found them (`id:583231`, `login:octocat`), since a login is only a way to find an id.
 */
export interface GithubCursor {
  readonly version: 1;
  readonly profiles: Readonly<Record<string, ProfileMark>>;
  readonly accounts: Readonly<Record<string, AccountCursor>>;
}

export function emptyGithubCursor(): GithubCursor {
  return { version: 1, profiles: {}, accounts: {} };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Reads a committed cursor; one this version did not write starts over, which stores nothing twice. */
export function parseGithubCursor(text: string | undefined): GithubCursor {
  if (text === undefined) return emptyGithubCursor();
  try {
    const value: unknown = JSON.parse(text);
    if (isRecord(value) && value.version === 1 && isRecord(value.profiles) && isRecord(value.accounts))
      return value as unknown as GithubCursor;
  } catch {
    // Not JSON: read from the start, as on a first run.
  }
  return emptyGithubCursor();
}
